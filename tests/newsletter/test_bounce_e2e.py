"""Done means (issue 13): an issue sent through a real relay to three subscribers; a real DSN
for the first, an ARF complaint for the second and a mail to the unsubscribe mailto from the
third arrive in the bounce mailbox; one ``syndicate bounces process`` later they are
``bounced``, ``complained`` and ``unsubscribed``, and the next issue goes to none of them.

The relay is a private Postfix (tests/mail_peers.py): it accepts all four messages with 250,
bounces the one to an unknown local user to our VERP envelope sender, and delivers the rest
to the readers' Maildirs and our own mail (bounces, the feedback loop, the unsubscribe
mailto) into one Maildir, which an unprivileged Dovecot serves over IMAP."""

from __future__ import annotations

import email
import email.policy
import json
import re
import smtplib
from email.message import EmailMessage
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from syndicate.cli import main
from tests.conftest import SEED
from tests.mail_peers import Postfix, dovecot, postfix, wait_for

pytestmark = pytest.mark.slow
KEY, NEXT = "jngx/2022-03-25", "jngx/2022-03-26"
READERS = [
    "nosuchuser@relay.example.com",
    "reader2@readers.example.net",
    "reader3@readers.example.net",
    "reader4@readers.example.net",
]


def received(pf: Postfix, box: str) -> list[EmailMessage]:
    out = []
    for path in pf.delivered(box):
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        out.append(msg)
    return out


def arf_report(original: bytes) -> bytes:
    """What a mailbox provider's feedback loop sends (RFC 5965) about ``original``."""
    report = MIMEMultipart("report", report_type="feedback-report")
    report["From"] = "fbl@readers.example.net"
    report["To"] = "fbl@bounces.example.org"
    report["Subject"] = "Complaint about message from 127.0.0.1"
    report["Message-ID"] = "<fbl-0001@readers.example.net>"
    report.attach(MIMEText("This is an email abuse report.\r\n"))
    fields = MIMEBase("message", "feedback-report")
    fields.set_payload(
        "Feedback-Type: abuse\r\nUser-Agent: test-fbl/1.0\r\nVersion: 1\r\n"
        "Original-Rcpt-To: <reader2@readers.example.net>\r\n"
    )
    report.attach(fields)
    returned = MIMEBase("message", "rfc822")
    returned.set_payload(original.decode("utf-8", "replace"))
    report.attach(returned)
    return report.as_bytes()


def submit(pf: Postfix, sender: str, to: str, data: bytes) -> None:
    with smtplib.SMTP("127.0.0.1", pf.port) as smtp:
        smtp.sendmail(sender, [to], data)


def test_bounced_complained_unsubscribed_then_the_next_issue_skips_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with postfix() as pf, dovecot(pf.box) as dv:
        config = tmp_path / "syndicate.toml"
        config.write_text(
            'email_from = "newsletter@news.test"\n'
            'email_return_path = "bounces@bounces.example.org"\n'
            'email_unsubscribe_mailto = "unsubscribe@bounces.example.org"\nemail_rate = 0.0\n'
            f'bounce_mailbox = "imap://bounces@127.0.0.1:{dv.imap}"\n',
            "utf-8",
        )
        monkeypatch.chdir(tmp_path)
        for name, value in {
            "SYNDICATE_CONFIG": str(config),
            "SYNDICATE_DATA_DIR": str(tmp_path / "var"),
            "SYNDICATE_DATABASE": f"sqlite:///{tmp_path}/s.db",
            "SYNDICATE_SMTP": f"smtp://127.0.0.1:{pf.port}",
            "SYNDICATE_SECRET_KEY": "e2e-secret",
            "SYNDICATE_BOUNCE_PASSWORD": "secret",
        }.items():
            monkeypatch.setenv(name, value)
        assert main(["ingest", str(SEED)]) == 0
        for reader in READERS:
            assert main(["subscribers", "add", reader, "--confirmed"]) == 0
        assert main(["send", KEY, "--channel", "email"]) == 0
        wait_for(
            lambda: pf.delivered("box") and all(pf.delivered(f"reader{n}") for n in (2, 3, 4)),
            "Postfix to deliver the issue and bounce the unknown user",
        )
        # the complaint: reader2's provider wraps what it received (Return-Path included)
        submit(
            pf,
            "fbl@readers.example.net",
            "fbl@bounces.example.org",
            arf_report(pf.delivered("reader2")[0].read_bytes()),
        )
        # reader3 mails the List-Unsubscribe mailto of the newsletter it got
        (got,) = received(pf, "reader3")
        mailto = re.search(r"<mailto:([^?>]+)", str(got["List-Unsubscribe"]))
        assert mailto and mailto.group(1).startswith("unsubscribe+")
        submit(
            pf,
            "reader3@readers.example.net",
            mailto.group(1),
            f"From: reader3@readers.example.net\r\nTo: {mailto.group(1)}\r\n"
            "Subject: unsubscribe\r\nMessage-ID: <u-3@readers.example.net>\r\n\r\n"
            "退订\r\n".encode(),
        )
        wait_for(lambda: len(pf.delivered("box")) == 3, "the three reports in the bounce box")
        capsys.readouterr()

        assert main(["bounces", "process"]) == 0
        out = capsys.readouterr().out
        assert "3 message(s) read" in out, out
        assert "nosuchuser@relay.example.com: bounced (5.1.1" in out
        assert "reader2@readers.example.net: complained" in out
        assert "reader3@readers.example.net: unsubscribed" in out
        wait_for(lambda: not pf.delivered("box"), "the processed reports to leave the mailbox")
        assert main(["bounces", "process"]) == 0  # each message is acted on once
        assert "0 message(s) read" in capsys.readouterr().out

        assert main(["subscribers", "list", "--json"]) == 0
        listed = json.loads(capsys.readouterr().out)
        status = {s["email"]: s["status"] for s in listed}
        history = {s["email"]: [h["kind"] for h in s["history"]] for s in listed}
        assert history["nosuchuser@relay.example.com"] == ["bounced"]
        assert history["reader2@readers.example.net"] == ["complained"]
        assert history["reader4@readers.example.net"] == []
        assert status == {
            "nosuchuser@relay.example.com": "bounced",
            "reader2@readers.example.net": "complained",
            "reader3@readers.example.net": "unsubscribed",
            "reader4@readers.example.net": "confirmed",
        }
        assert main(["status", "--json"]) == 0
        feedback = json.loads(capsys.readouterr().out)["feedback"][KEY]
        assert (feedback["sent"], feedback["bounced"], feedback["complained"]) == (4, 1, 1)
        assert len(feedback["flags"]) == 2  # 25% > 2% bounces, 25% > 0.1% complaints

        second = SEED.read_text(encoding="utf-8").replace("2022年3月25日", "2022年3月26日")
        second = second.replace("总第627期", "总第628期").replace("第22期", "第23期")
        (tmp_path / "next.txt").write_text(second, encoding="utf-8")
        assert main(["ingest", str(tmp_path / "next.txt")]) == 0
        assert main(["send", NEXT, "--channel", "email"]) == 0
        wait_for(lambda: len(pf.delivered("reader4")) == 2, "the next issue at reader4")
        assert len(pf.delivered("reader2")) == len(pf.delivered("reader3")) == 1
        assert "nosuchuser" not in pf.log().split("removed")[-1]  # no new bounce either
        assert "Subject" in received(pf, "reader4")[1] and not pf.delivered("box")
