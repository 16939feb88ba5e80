"""Header injection through text we take from input into a mail header (issue 8).

The newsletter's Subject carries the lead article's title, which comes from the e-paper file:
input as hostile as any form field. With the CVE-2024-6923 encoded-word vector (or a raw
line break) in that title, the worker must send nothing with it: no Bcc smuggled into a
header, the issue's newsletter refused with one log line naming the Subject and the fix, every
row kept for later. Once a corrected revision arrives, each subscriber gets it exactly once.

Names are covered where they enter: the subscribe form (tests/hostile/test_http.py), the
library (tests/newsletter/test_subscribers.py) and a name smuggled into the database
(tests/newsletter/test_mailer.py::test_a_name_smuggled_into_the_database_is_refused_not_sent).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.newsletter.channel import EmailRunner
from syndicate.newsletter.subscribers import add
from syndicate.parse import parse_issue
from syndicate.store import ledger
from syndicate.store.ingest import store_issue
from tests.conftest import SEED
from tests.email_support import KEY, T0, Clock, email_settings
from tests.smtpd import Smtpd

READERS = ["a@example.com", "b@example.com"]


def store(db: Engine, settings: Settings, title: str | None, now: datetime) -> None:
    """The seed with ``title`` as its lead headline (None: as printed), stored as ingest does."""
    issue = parse_issue(SEED.read_text(encoding="utf-8"), source=SEED.name)
    if title is not None:
        lead = replace(issue.articles[0], title=title)
        issue = replace(issue, articles=(lead, *issue.articles[1:]))
    text = f"{title}"
    sha = hashlib.sha256(text.encode()).hexdigest()
    with db.begin() as conn:
        store_issue(conn, settings.paper(None), issue, text=text, sha=sha, source="x", now=now)


@pytest.mark.parametrize(
    "title",
    [
        "头条=?utf-8?q?hi=0ABcc:=20evil@example.com?=",
        "头条\r\nBcc: evil@example.com",
        "头条\u2028Bcc: evil@example.com",
    ],
    ids=["cve-2024-6923", "crlf", "line-separator"],
)
def test_a_hostile_lead_title_never_reaches_a_subject(
    title: str, db: Engine, db_settings: Settings, smtpd: Smtpd, caplog: pytest.LogCaptureFixture
) -> None:
    settings = email_settings(db_settings, smtpd.url)
    clock = Clock()
    store(db, settings, title, clock())
    for r in READERS:
        add(db, settings.paper(None), r, name=None, confirmed=True, now=clock())
    runner = EmailRunner(settings, db)
    runner.enqueue(KEY, clock())
    caplog.set_level(logging.ERROR, logger="syndicate.service.channels")
    for _ in range(3):  # the worker ticks again and again
        assert runner.drain(clock, threading.Event()) == 0
        clock.advance(seconds=1)
    assert smtpd.messages == []  # nothing left with that Subject, so nothing smuggled
    [line] = [r.getMessage() for r in caplog.records]  # once, not once a tick
    assert line.startswith(f"email: {KEY}: Subject: ") and "remove it" in line
    rows = ledger.deliveries_of(db, channel="email", issue_key=KEY)
    assert {r.state for r in rows} == {"pending"} and len(rows) == len(READERS)

    store(db, settings, None, T0 + timedelta(hours=1))  # the desk sends a corrected file
    assert runner.drain(clock, threading.Event()) == len(READERS)
    assert sorted(m.rcpt[0] for m in smtpd.messages) == READERS
    for m in smtpd.messages:
        msg = m.message()
        assert msg["Bcc"] is None and "evil" not in str(msg["Subject"])
