"""``syndicate subscribers …``, ``render --channel email`` and ``send --channel email`` as an
admin runs them: no config file, the default Maildir outbox, SQLite and PostgreSQL."""

from __future__ import annotations

import email
import email.policy
import json
import re
import stat
from pathlib import Path

import pytest
from sqlalchemy import Engine

from syndicate.cli import main
from tests.conftest import SEED

KEY = "jngx/2022-03-25"


@pytest.fixture
def env(db: Engine, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder (no config file), the test database, no SMTP server: the Maildir."""
    monkeypatch.chdir(tmp_path)
    for name in ("SYNDICATE_CONFIG", "SYNDICATE_SMTP", "SYNDICATE_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SYNDICATE_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("SYNDICATE_DATABASE", db_url)
    return tmp_path


def outbox(env: Path) -> list[email.message.EmailMessage]:
    box = env / "var" / "outbox" / "new"
    files = sorted(box.iterdir()) if box.exists() else []
    out = []
    for f in files:
        msg = email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
        assert isinstance(msg, email.message.EmailMessage)
        out.append(msg)
    return out


def test_add_confirmed_and_pending_with_the_opt_in_mail(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["subscribers", "add", "A@Example.com", "--name", "张三", "--confirmed"]) == 0
    assert capsys.readouterr().out == "a@example.com: confirmed (jngx)\n"
    assert outbox(env) == []  # a confirmed address gets no opt-in mail
    assert main(["subscribers", "add", "b@example.com"]) == 0
    assert "pending (jngx); confirmation mail sent" in capsys.readouterr().out
    [mail] = outbox(env)
    assert mail["To"] == "b@example.com" and mail["Subject"] == "请确认订阅《济宁高新新闻》"
    body = mail.get_body(("plain",))
    assert body is not None and re.search(
        r"http://127\.0\.0\.1:8080/confirm/\S+", body.get_content()
    )
    key = env / "var" / "secret_key"  # no SYNDICATE_SECRET_KEY: a development key, private
    assert key.exists() and stat.S_IMODE(key.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["nobody"], "error: nobody: 'nobody' is not a valid email address"),
        (["a@example.com", "--name", "x\r\nBcc: e@example.com"], "control character U+000D"),
        (["a@example.com", "--paper", "nope"], "error: --paper: paper 'nope' is not configured"),
    ],
)
def test_add_refuses_with_one_line(
    env: Path, capsys: pytest.CaptureFixture[str], args: list[str], error: str
) -> None:
    assert main(["subscribers", "add", *args]) == 2
    err = capsys.readouterr().err
    assert error in err and err.count("\n") == 1 and "Traceback" not in err


def test_import_export_list_remove(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv = env / "in.csv"
    csv.write_text("email,name,status\nd@example.com,丁,confirmed\nbad,x,\ne@example.com,,\n",
                   encoding="utf-8")  # fmt: skip
    assert main(["subscribers", "import", str(csv)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{csv}: 2 added, 0 updated, 0 unchanged, 1 rejected\n"
    assert err.startswith(f"{csv}:3: 'bad' is not a valid email address")
    assert main(["subscribers", "export"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("email,name,paper,status,subscribed_at,frequency,")
    assert [line.split(",")[:4] for line in lines[1:]] == [
        ["d@example.com", "丁", "jngx", "confirmed"], ["e@example.com", "", "jngx", "confirmed"]
    ]  # fmt: skip
    assert main(["subscribers", "remove", "D@example.com"]) == 0
    assert "d@example.com: removed from 1 list(s) and suppressed" in capsys.readouterr().out
    assert main(["subscribers", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    # the status that tells what happened: removed by the admin (the CSV row says unsubscribed)
    assert [(s["email"], s["name"], s["status"]) for s in listed] == [
        ("d@example.com", "丁", "removed"), ("e@example.com", None, "confirmed")
    ]  # fmt: skip
    assert main(["subscribers", "remove", "zed@example.com"]) == 2
    assert "zed@example.com is not a subscriber" in capsys.readouterr().err


def test_render_writes_the_newsletter_and_reports_its_size(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(SEED)]) == 0
    capsys.readouterr()
    assert main(["render", KEY, "--channel", "email", "--out", "out"]) == 0
    out, err = capsys.readouterr()
    names = [Path(line).name for line in out.splitlines()]
    assert names == ["newsletter.eml", "newsletter.html", "newsletter.txt"]
    assert re.search(r"size \d+\.\d KB \(HTML \d+\.\d KB\); Gmail clips over 102 KB: OK", err)
    html = (env / "out" / "newsletter.html").read_text(encoding="utf-8")
    assert "实施产业聚集“五大工程”" in html and "/u/SAMPLE-TOKEN" in html
    assert "/p/SAMPLE-PREFS" in html and "SYNDICATE-" not in html  # every slot filled
    assert outbox(env) == []


def test_send_dry_run_then_send_into_the_maildir(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(SEED)]) == 0
    for address in ("a@example.com", "b@example.com"):
        assert main(["subscribers", "add", address, "--confirmed"]) == 0
    assert main(["subscribers", "add", "pending@example.com"]) == 0
    capsys.readouterr()
    pending_mail = len(outbox(env))

    assert main(["send", KEY, "--channel", "email", "--dry-run"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in listed[:-1]] == ["a@example.com", "b@example.com"]
    assert all(re.search(r"\t<jngx\.2022-03-25\.[0-9a-f]{20}@syndicate\.invalid>\t", ln)
               for ln in listed[:-1])  # fmt: skip
    assert listed[-1].startswith(f"{KEY}: email: would send 2 message(s): 济宁高新新闻｜3月25日")
    assert len(outbox(env)) == pending_mail  # a dry run sends nothing

    assert main(["send", KEY, "--channel", "email"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"{KEY}: email: 2 sent, 0 failed, 0 retry, 0 unknown, 0 held")
    assert re.search(rf"{KEY}: email: 2/2 done, sent 2, failed 0", err)  # log lines, not a TTY
    sent = [m for m in outbox(env) if m["List-Id"]]
    assert sorted(m["To"] for m in sent) == ["a@example.com", "b@example.com"]
    assert main(["send", KEY, "--channel", "email"]) == 0  # again: nothing new goes out
    assert len([m for m in outbox(env) if m["List-Id"]]) == 2


def test_send_of_an_unknown_issue_is_a_one_line_error(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["send", "jngx/1999-01-01", "--channel", "email"]) == 2
    err = capsys.readouterr().err
    assert (
        err == "error: issue 'jngx/1999-01-01' is not stored; run `syndicate ingest FILE` first\n"
    )


@pytest.mark.slow
def test_send_on_a_terminal_shows_a_progress_bar(env: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    assert main(["ingest", str(SEED)]) == 0
    for i in range(5):
        assert main(["subscribers", "add", f"r{i}@example.com", "--confirmed"]) == 0
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "syndicate", "send", KEY, "--channel", "email"],
        stdout=subprocess.PIPE, stderr=secondary, env=os.environ | {"COLUMNS": "120"},
    )  # fmt: skip
    os.close(secondary)
    out, _ = proc.communicate(timeout=120)
    screen = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        screen += chunk
    os.close(primary)
    assert proc.returncode == 0 and b"5 sent" in out
    text = screen.decode("utf-8", "replace")
    assert "━" in text and "sent 5 failed 0" in text and "5/5" in text  # rich's bar, counts
