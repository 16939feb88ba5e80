"""The weekly digest: the worker's schedule per reader, the budget, bad week keys."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine

from syndicate import assets
from syndicate.config import Settings, load_settings
from syndicate.newsletter.delivery import newsletter_options
from syndicate.newsletter.digest import enqueue_digest
from syndicate.newsletter.digest_channel import DigestRunner
from syndicate.newsletter.digest_render import Day, WeekError, parse_week, render_digest
from syndicate.newsletter.preferences import Prefs
from syndicate.newsletter.prefs_store import set_prefs
from syndicate.newsletter.render import GMAIL_CLIP_BYTES
from syndicate.newsletter.subscribers import find
from syndicate.parse import parse_bytes
from syndicate.store import ledger
from tests.conftest import SEED
from tests.email_support import Clock, email_settings, store_seed
from tests.smtpd import Smtpd
from tests.verse_support import ONE_LINE, verse_issue

MONDAY_0659 = datetime(2022, 3, 27, 22, 59, tzinfo=UTC)  # Monday 28 March, 06:59 in Shanghai
WEEK = parse_week("jngx/2022-W12")


def weekly(db: Engine, settings: Settings, address: str, **prefs: object) -> None:
    sub = find(db, "jngx", address)
    assert sub is not None
    set_prefs(db, sub.id, Prefs(frequency="weekly", **prefs), source="cli", now=MONDAY_0659)  # type: ignore[arg-type]


def test_the_worker_sends_each_reader_at_their_own_digest_time(
    db: Engine, db_settings: Settings, smtpd: Smtpd
) -> None:
    settings = email_settings(db_settings, smtpd.url)
    store_seed(db, settings, "mon@example.com", "wed@example.com", "issue@example.com")
    weekly(db, settings, "mon@example.com")
    weekly(db, settings, "wed@example.com", weekday=3, send_time="18:30")
    runner, clock, stop = DigestRunner(settings, db), Clock(MONDAY_0659), threading.Event()

    assert runner.drain(clock, stop) == 0  # 06:59: not yet
    clock.advance(minutes=1)  # Monday 07:00, the paper's default (0 7 * * 1)
    assert runner.drain(clock, stop) == 1
    assert [m.rcpt for m in smtpd.messages] == [["mon@example.com"]]
    clock.advance(days=2, hours=11, minutes=29)  # Wednesday 18:29
    assert runner.drain(clock, stop) == 0
    clock.advance(minutes=1)  # Wednesday 18:30: the reader's own time
    assert runner.drain(clock, stop) == 1
    clock.advance(days=1)
    assert runner.drain(clock, stop) == 0  # never twice, however often it runs
    assert [m.rcpt[0] for m in smtpd.messages] == ["mon@example.com", "wed@example.com"]
    [counts] = ledger.counts(db).values()
    assert counts == {"digest": {"sent": 2}}


def test_a_digest_over_the_budget_keeps_fewer_leads_and_links_the_web_edition() -> None:
    settings = email_settings(load_settings(None, {}))
    issue = parse_bytes(SEED.read_bytes(), source=SEED.name)
    day = Day(issue, tuple((f"p{a.page}-{a.seq}", a) for a in issue.articles))
    many = [(f"{k}-{i}", a) for i in range(60) for k, a in day.stories]  # 540 stories
    big = [Day(replace(day.issue, date=date(2022, 3, 21) + timedelta(days=n)), tuple(many))
           for n in range(2)]  # fmt: skip
    options = newsletter_options(settings, "jngx")
    env = assets.environment("email")
    nl = render_digest(env, WEEK, big, options, now=MONDAY_0659)
    assert nl is not None and nl.html_bytes < GMAIL_CLIP_BYTES
    assert "部分摘要从略" in nl.text and f"{settings.base_url}/jngx/archive/" in nl.text
    small = render_digest(env, WEEK, [day], options, now=MONDAY_0659)
    assert small is not None and "部分摘要从略" not in small.text
    assert "2022年，济宁高新区将继续担当" in small.text  # a lead under every headline


def test_the_lead_of_a_poem_in_the_digest_is_one_line() -> None:
    options = newsletter_options(email_settings(load_settings(None, {})), "jngx")
    issue = verse_issue()
    day = Day(issue, tuple((a.key, a) for a in issue.articles))
    nl = render_digest(assets.environment("email"), WEEK, [day], options, now=MONDAY_0659)
    assert nl is not None
    assert ONE_LINE in nl.text and ONE_LINE in nl.html
    lines = nl.text.splitlines()
    assert lines[lines.index("春天的诗") + 1].startswith(ONE_LINE)  # the lead under its title


@pytest.mark.parametrize("key", ["jngx/2022-12", "jngx/2022-W54", "2022-W12", "jngx/W12"])
def test_a_bad_week_key_is_one_clear_line(key: str) -> None:
    with pytest.raises(WeekError, match="SLUG/YYYY-Www|has no week"):
        parse_week(key)


def test_a_paused_reader_gets_nothing_dated_before_the_pause_ends(
    db: Engine, db_settings: Settings
) -> None:
    settings = email_settings(db_settings)
    store_seed(db, settings, "paused@example.com", "weekly@example.com")
    paused, weekly_sub = (
        find(db, "jngx", "paused@example.com"),
        find(db, "jngx", "weekly@example.com"),
    )
    assert paused is not None and weekly_sub is not None
    later = Prefs(paused_until=date(2022, 3, 26))
    set_prefs(db, paused.id, later, source="cli", now=MONDAY_0659)
    set_prefs(db, weekly_sub.id, Prefs(frequency="weekly", paused_until=date(2022, 3, 28)),
              source="cli", now=MONDAY_0659)  # fmt: skip
    key = "jngx/2022-03-25"
    assert ledger.enqueue_subscribers(db, issue_key=key, now=MONDAY_0659) == 0
    assert enqueue_digest(db, WEEK, key, now=MONDAY_0659) == 0  # paused past the week
    set_prefs(db, paused.id, Prefs(paused_until=date(2022, 3, 25)), source="web", now=MONDAY_0659)
    assert ledger.enqueue_subscribers(db, issue_key=key, now=MONDAY_0659) == 1  # back on the day
