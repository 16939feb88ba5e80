"""The bounce mailbox over IMAP and POP3, on a real (unprivileged) Dovecot: a report is acted
on once and removed; one that cannot be acted on stays (IMAP: unread and flagged; POP3: on the
server, remembered by its UIDL) and is never read again; a mailbox that is down is one clear
error, and the worker's step survives it."""

from __future__ import annotations

import imaplib
import logging
from pathlib import Path

import pytest

from syndicate.config import Settings, load_settings
from syndicate.newsletter.inbound import process_mailboxes
from syndicate.newsletter.mailbox import MailboxError
from syndicate.newsletter.subscribers import suppressed_reason
from syndicate.service.loops import bounce_loop
from syndicate.service.worker import Worker
from syndicate.store.engine import ensure_schema
from tests.email_support import Clock, email_settings, rows, send, store_seed
from tests.mail_peers import dovecot, free_port
from tests.newsletter.test_bounces import RETURN_PATH, postfix_dsn
from tests.smtpd import Smtpd

GARBAGE = b"From: someone@example.net\r\nTo: bounces@bounces.test\r\nSubject: hi\r\n\r\nhello\r\n"


def settings_for(tmp_path: Path, smtp: str, mailbox: str) -> Settings:
    base = load_settings(None, {"SYNDICATE_DATA_DIR": str(tmp_path / "var")})
    return email_settings(
        base, smtp, email_return_path=RETURN_PATH, bounce_mailbox=mailbox, bounce_password="secret"
    )


@pytest.mark.slow
@pytest.mark.parametrize("scheme", ["imap", "pop3"])
async def test_acted_on_once_and_the_unparseable_one_kept(
    tmp_path: Path, smtpd: Smtpd, scheme: str
) -> None:
    with dovecot() as dv:
        port = dv.imap if scheme == "imap" else dv.pop3
        settings = settings_for(tmp_path, smtpd.url, f"{scheme}://bounces@127.0.0.1:{port}")
        db = ensure_schema(settings)
        try:
            store_seed(db, settings, "hard@example.com")
            clock = Clock()
            await send(db, settings, clock)
            dsn = postfix_dsn(settings, rows(db)["hard@example.com"].id, "hard@example.com")
            dv.deliver("1.dsn", dsn)
            dv.deliver("2.garbage", GARBAGE)
            lines = process_mailboxes(db, settings, clock)
            assert len(lines) == 2, lines
            assert suppressed_reason(db, "hard@example.com") == "bounced"
            assert any("kept: not a DSN" in line for line in lines)
            assert process_mailboxes(db, settings, clock) == []  # nothing is read twice
            left = list((dv.maildir / "new").iterdir()) + list((dv.maildir / "cur").iterdir())
            assert [p.read_bytes() for p in left] == [GARBAGE]  # kept on the server
            if scheme == "imap":
                imap = imaplib.IMAP4("127.0.0.1", dv.imap)
                imap.login("bounces", "secret")
                imap.select("INBOX")
                _, flagged = imap.search(None, "FLAGGED", "UNSEEN")
                assert len(flagged[0].split()) == 1  # left unread, with a flag
                imap.logout()
        finally:
            db.dispose()


def test_a_mailbox_that_is_down_is_one_clear_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"imap://bounces@127.0.0.1:{free_port()}"
    settings = settings_for(tmp_path, "", url)
    db = ensure_schema(settings)
    try:
        refused = r"mailbox imap://bounces@127\.0\.0\.1:\d+: .*refused"
        with pytest.raises(MailboxError, match=refused):
            process_mailboxes(db, settings, Clock())
        loop = bounce_loop(Worker(settings, db, {}, Clock()), settings)
        with caplog.at_level(logging.ERROR):
            for _ in range(3):
                loop.step()  # the worker's timer step: never raises
        assert len([r for r in caplog.records if "bounces failed" in r.message]) == 1
    finally:
        db.dispose()


def test_a_password_in_the_config_file_is_refused() -> None:
    from syndicate.errors import ConfigError

    with pytest.raises(ConfigError, match="SYNDICATE_BOUNCE_PASSWORD"):
        load_settings('bounce_mailbox = "imaps://u:hunter2@mail.example.org"', {})
    env = {"SYNDICATE_BOUNCE_MAILBOX": "imaps://u:hunter2@mail.example.org"}
    assert load_settings(None, env).bounce_mailbox.endswith("@mail.example.org")
