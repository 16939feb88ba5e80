"""Bounces, complaints and unsubscribe mail acted on through the store (SQLite and
PostgreSQL): the VERP envelope on a real aiosmtpd, then reports dropped into a Maildir and
read by ``process_mailboxes``: suppression, the ledger row's feedback, the subscriber's
history; forged, unknown and repeated reports change nothing."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Engine, select

from syndicate.config import Settings
from syndicate.newsletter.inbound import process_mailboxes
from syndicate.newsletter.subscribers import list_subscribers, suppressed_reason
from syndicate.newsletter.tokens import unsubscribe_token
from syndicate.newsletter.verp import read_verp_token, tagged, verp_address
from syndicate.store.schema import deliveries, subscriber_events
from tests.email_support import Clock, email_settings, rows, send, store_seed
from tests.smtpd import Smtpd

DATA = Path(__file__).parent.parent / "data" / "bounces"
RETURN_PATH = "bounces@bounces.test"


def bounce_settings(db_settings: Settings, smtp: str = "", **changes: object) -> Settings:
    maildir = db_settings.data_dir / "bounces"
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    return email_settings(
        db_settings,
        smtp,
        email_return_path=RETURN_PATH,
        email_unsubscribe_mailto="unsubscribe@bounces.test",
        bounce_mailbox=f"maildir:{maildir}",
        **changes,
    )


def drop(settings: Settings, name: str, data: bytes) -> Path:
    """Deliver into the bounce Maildir the way an MDA does (tmp/, then rename into new/)."""
    root = Path(settings.bounce_mailbox.removeprefix("maildir:"))
    (root / "tmp" / name).write_bytes(data)
    os.replace(root / "tmp" / name, root / "new" / name)
    return root / "new" / name


def postfix_dsn(
    settings: Settings,
    delivery_id: int,
    recipient: str,
    status: str = "5.1.1",
    report: str = "<b1@relay.test>",
) -> bytes:
    """The real Postfix bounce, re-addressed to ``delivery_id``'s VERP address."""
    raw = (DATA / "postfix-unknown-user.eml").read_bytes()
    old = verp_address(RETURN_PATH, "s3cret-for-tests", 7).encode()
    new = verp_address(RETURN_PATH, settings.secret_key, delivery_id).encode()
    raw = raw.replace(old, new).replace(b"nosuchuser@relay.test", recipient.encode())
    raw = raw.replace(b"Status: 5.1.1", f"Status: {status}".encode())
    return raw.replace(b"<20261206", f"{report[:-1]}.".encode() + b"<20261206", 1).replace(
        b"Message-Id: ", b"Message-Id: " + report.encode() + b"\r\nX-Old-Message-Id: ", 1
    )


def events(db: Engine) -> list[tuple[str, str, int | None]]:
    e = subscriber_events.c
    q = select(e.email, e.kind, e.delivery_id).order_by(e.id)
    with db.connect() as conn:
        return [tuple(r) for r in conn.execute(q)]


def feedback(db: Engine) -> dict[str, str | None]:
    with db.connect() as conn:
        return dict(conn.execute(select(deliveries.c.target, deliveries.c.feedback)).all())


async def test_verp_envelope_names_each_delivery(
    db: Engine, db_settings: Settings, smtpd: Smtpd
) -> None:
    settings = bounce_settings(db_settings, smtpd.url)
    people = ["a@example.com", "b@example.com", "c@example.com"]
    store_seed(db, settings, *people)
    await send(db, settings, Clock())
    ids = {t: r.id for t, r in rows(db).items()}
    assert sorted(m.rcpt[0] for m in smtpd.messages) == people
    for m in smtpd.messages:
        token = tagged(m.mail_from, RETURN_PATH)
        assert token, m.mail_from
        assert read_verp_token(settings.secret_key, token) == ids[m.rcpt[0]]
        assert m.message()["From"].addresses[0].addr_spec == "newsletter@example.org"
        assert "unsubscribe+" in str(m.message()["List-Unsubscribe"])


async def test_reports_in_the_maildir_are_acted_on_once(
    db: Engine, db_settings: Settings, smtpd: Smtpd
) -> None:
    settings = bounce_settings(db_settings, smtpd.url, bounce_soft_limit=2)
    people = ["hard@example.com", "soft@example.com", "plain@example.com", "arf@example.com"]
    store_seed(db, settings, *people)
    clock = Clock()
    await send(db, settings, clock)
    ids = {t: r.id for t, r in rows(db).items()}
    drop(settings, "1", postfix_dsn(settings, ids["hard@example.com"], "hard@example.com"))
    drop(
        settings,
        "2",
        postfix_dsn(
            settings, ids["soft@example.com"], "soft@example.com", "4.2.2", "<s1@relay.test>"
        ),
    )
    forged = postfix_dsn(
        settings, ids["plain@example.com"], "plain@example.com", report="<f1@relay.test>"
    ).replace(b"bounces+", b"bounces+9")
    drop(settings, "3", forged)
    drop(settings, "4", (DATA / "auto-reply.eml").read_bytes())
    drop(settings, "5", b"From: x@example.net\r\nTo: bounces@bounces.test\r\n\r\nhello\r\n")
    lines = process_mailboxes(db, settings, clock)
    assert len(lines) == 5, "\n".join(lines)
    assert any("hard@example.com: bounced (5.1.1" in line for line in lines)
    assert any("soft bounce 1/2" in line for line in lines)
    assert any("names no known delivery" in line for line in lines), lines
    assert any("ignored: auto-reply" in line for line in lines)
    assert suppressed_reason(db, "hard@example.com") == "bounced"
    assert suppressed_reason(db, "soft@example.com") is None
    assert suppressed_reason(db, "plain@example.com") is None
    assert feedback(db)["hard@example.com"] == "bounced"
    assert feedback(db)["soft@example.com"] == "soft-bounce"
    assert feedback(db)["plain@example.com"] is None
    root = Path(settings.bounce_mailbox.removeprefix("maildir:"))
    assert list((root / "new").iterdir()) == []  # acted on (or ignored): deleted
    assert len(list((root / ".failed" / "cur").iterdir())) == 2  # forged + unparseable: kept
    # the same bounce again (a re-read after a crash) changes nothing; a second soft one does
    drop(settings, "6", postfix_dsn(settings, ids["hard@example.com"], "hard@example.com"))
    clock.advance(days=3)
    drop(
        settings,
        "7",
        postfix_dsn(
            settings, ids["soft@example.com"], "soft@example.com", "4.2.2", "<s2@relay.test>"
        ),
    )
    lines = process_mailboxes(db, settings, clock)
    assert any("already acted on" in line for line in lines), lines
    assert suppressed_reason(db, "soft@example.com") == "bounced"
    kinds = [(email, kind) for email, kind, _ in events(db)]
    assert kinds == [
        ("hard@example.com", "bounced"),
        ("soft@example.com", "soft-bounce"),
        ("soft@example.com", "soft-bounce"),
    ]
    # an ARF complaint about a delivery, and mail to the unsubscribe mailto
    arf = (DATA / "arf-abuse.eml").read_bytes()
    arf = arf.replace(
        verp_address(RETURN_PATH, "s3cret-for-tests", 8).encode(),
        verp_address(RETURN_PATH, settings.secret_key, ids["arf@example.com"]).encode(),
    )
    drop(settings, "8", arf)
    (plain,) = [s for s in list_subscribers(db) if s.email == "plain@example.com"]
    sub_id = plain.id
    token = unsubscribe_token(settings.secret_key, sub_id, "plain@example.com")
    drop(
        settings,
        "9",
        f"From: 读者 <someone-else@example.net>\r\nTo: unsubscribe+{token}@bounces.test\r\n"
        "Subject: unsubscribe\r\nMessage-ID: <u9@example.net>\r\n\r\n退订\r\n".encode(),
    )
    lines = process_mailboxes(db, settings, clock)
    assert suppressed_reason(db, "arf@example.com") == "complained", lines
    assert suppressed_reason(db, "plain@example.com") == "unsubscribed", lines
    assert feedback(db)["arf@example.com"] == "complained"


async def test_soft_bounces_outside_the_window_do_not_add_up(
    db: Engine, db_settings: Settings, smtpd: Smtpd
) -> None:
    settings = bounce_settings(db_settings, smtpd.url, bounce_soft_limit=2, bounce_soft_days=7)
    store_seed(db, settings, "soft@example.com")
    clock = Clock()
    await send(db, settings, clock)
    rid = rows(db)["soft@example.com"].id
    drop(settings, "1", postfix_dsn(settings, rid, "soft@example.com", "4.4.1", "<a@r>"))
    process_mailboxes(db, settings, clock)
    clock.advance(days=8)
    drop(settings, "2", postfix_dsn(settings, rid, "soft@example.com", "4.4.1", "<b@r>"))
    lines = process_mailboxes(db, settings, clock)
    assert "soft bounce 1/2" in lines[0]
    assert suppressed_reason(db, "soft@example.com") is None


def test_unknown_sender_of_an_unsubscribe_mail_changes_nothing(
    db: Engine, db_settings: Settings
) -> None:
    settings = bounce_settings(replace(db_settings))
    store_seed(db, settings, "reader@example.com")
    drop(
        settings,
        "1",
        b"From: stranger@example.net\r\nTo: unsubscribe@bounces.test\r\n"
        b"Subject: unsubscribe 1.000000000000.forged\r\nMessage-ID: <x@y>\r\n\r\nstop\r\n",
    )
    (line,) = process_mailboxes(db, settings, Clock())
    assert "not a subscriber" in line
    assert suppressed_reason(db, "reader@example.com") is None and events(db) == []


async def test_without_verp_a_bounce_is_matched_by_the_returned_message_id(
    db: Engine, db_settings: Settings, smtpd: Smtpd
) -> None:
    settings = replace(bounce_settings(db_settings, smtpd.url), email_return_path="")
    store_seed(db, settings, "nv@example.com", "other@example.com")
    await send(db, settings, Clock())
    assert all(m.mail_from == "newsletter@example.org" for m in smtpd.messages)  # no VERP
    sent = {m.rcpt[0]: m.message()["Message-ID"] for m in smtpd.messages}
    raw = (DATA / "postfix-unknown-user.eml").read_bytes()
    raw = raw.replace(b"nosuchuser@relay.test", b"nv@example.com")
    ours = raw.replace(
        b"<jngx.2022-03-25.0f1e2d3c4b5a69788796@news.test>", sent["nv@example.com"].encode()
    )
    drop(settings, "1", ours)
    # the other address's Message-ID, but a bounce for nv@: not a delivery we made
    drop(
        settings,
        "2",
        raw.replace(
            b"<jngx.2022-03-25.0f1e2d3c4b5a69788796@news.test>", sent["other@example.com"].encode()
        ).replace(b"<2026", b"<x2026"),
    )
    lines = process_mailboxes(db, settings, Clock())
    assert suppressed_reason(db, "nv@example.com") == "bounced", lines
    assert suppressed_reason(db, "other@example.com") is None
    assert any("names no known delivery" in line for line in lines), lines
    assert feedback(db)["nv@example.com"] == "bounced"
