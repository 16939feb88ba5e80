"""The worker end to end (issue 7), on SQLite and PostgreSQL, with an injected clock.

The seed is dropped into the inbox; the feed gets its 9 entries at once; the WeChat draft
reaches the contract server at 06:30 and three confirmed subscribers get the newsletter on
aiosmtpd at 07:00, local time, and nothing is sent twice however often the worker ticks.
Nothing sleeps: each tick is called with the time it pretends to be.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import feedparser
import httpx
import pytest
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.feeds.publish import publish_key
from syndicate.newsletter.subscribers import add
from syndicate.service.channels import runners_for
from syndicate.service.worker import Worker
from syndicate.store import ledger
from syndicate.store.ingest import IngestResult
from tests.conftest import SEED
from tests.smtpd import Smtpd
from tests.wechat_server import APPID, SECRET, Clock, WeChatServer, serve

KEY = "jngx/2022-03-25"
LOCAL_0500 = datetime(2022, 3, 24, 21, 0, tzinfo=UTC)  # Friday 05:00 in Shanghai


@pytest.fixture
def wechat() -> Iterator[WeChatServer]:
    with serve() as server:
        yield server


def make_worker(db: Engine, settings: Settings, clock: Clock, http: httpx.Client) -> Worker:
    def published(result: IngestResult) -> None:
        publish_key(db, settings, result.key)

    return Worker(settings, db, runners_for(settings, db, http), clock, on_ingested=published)


def drop_seed(settings: Settings, clock: Clock) -> None:
    """The seed in the inbox, written a minute ago (settled)."""
    settings.inbox_dir.mkdir(parents=True)
    target = settings.inbox_dir / SEED.name
    target.write_bytes(SEED.read_bytes())
    os.utime(target, (clock().timestamp() - 60,) * 2)


def configure(db_settings: Settings, smtpd: Smtpd, wechat: WeChatServer) -> Settings:
    return replace(
        db_settings,
        smtp=smtpd.url,
        secret_key="k" * 32,
        base_url="https://news.example.org",
        wechat_api_base=wechat.api_base,
        wechat_appid=APPID,
        wechat_secret=SECRET,
        email_rate=0.0,
    )


def test_seed_to_feed_wechat_and_email_at_the_scheduled_times(
    db: Engine, db_settings: Settings, smtpd: Smtpd, wechat: WeChatServer
) -> None:
    settings = configure(db_settings, smtpd, wechat)
    clock = Clock(LOCAL_0500)
    for n in range(3):
        add(
            db,
            settings.paper(None),
            f"reader{n}@example.com",
            name=None,
            confirmed=True,
            now=clock(),
        )
    add(db, settings.paper(None), "pending@example.com", name=None, confirmed=False, now=clock())
    with httpx.Client(timeout=10) as http:
        worker = make_worker(db, settings, clock, http)
        drop_seed(settings, clock)

        report = worker.tick()  # 05:00: ingest and publish; schedules start counting
        assert [f.result.key for f in report.filed if f.result] == [KEY]
        feed = feedparser.parse(str(settings.public_dir / "jngx" / "feeds" / "atom.xml"))
        assert feed.bozo == 0 and len(feed.entries) == 9
        assert wechat.state.drafts == {} and smtpd.messages == []

        clock.now = LOCAL_0500 + timedelta(hours=1, minutes=29)  # 06:29
        worker.tick()
        assert wechat.state.drafts == {}

        clock.now = LOCAL_0500 + timedelta(hours=1, minutes=30)  # 06:30: WeChat
        report = worker.tick()
        assert report.sent == {"email": 0, "wechat": 1, "digest": 0}
        assert len(wechat.state.drafts) == 1 and smtpd.messages == []

        clock.now = LOCAL_0500 + timedelta(hours=2)  # 07:00: the newsletter
        worker.tick()
        assert sorted(m.rcpt[0] for m in smtpd.messages) == [
            "reader0@example.com", "reader1@example.com", "reader2@example.com"
        ]  # fmt: skip

        for minutes in (1, 30, 24 * 60):  # later ticks, and the next day: nothing twice
            clock.now = LOCAL_0500 + timedelta(hours=2, minutes=minutes)
            worker.tick()
    assert len(smtpd.messages) == 3 and len(wechat.state.drafts) == 1
    counts = ledger.counts(db)[KEY]
    assert counts == {"email": {"sent": 3}, "wechat": {"sent": 1}}


def test_downtime_catches_up_once_and_skips_stale_issues(
    db: Engine, db_settings: Settings, smtpd: Smtpd, wechat: WeChatServer
) -> None:
    settings = configure(db_settings, smtpd, wechat)
    clock = Clock(LOCAL_0500)
    add(db, settings.paper(None), "reader@example.com", name=None, confirmed=True, now=clock())
    with httpx.Client(timeout=10) as http:
        worker = make_worker(db, settings, clock, http)
        drop_seed(settings, clock)
        worker.tick()
        # down from 05:00 Friday until Saturday 10:00: Friday's 07:00 and Saturday's 06:30
        # were missed; one catch-up run each, and the issue (28 h old) is still fresh.
        clock.now = LOCAL_0500 + timedelta(days=1, hours=5)
        report = worker.tick()
        assert report.sent == {"email": 1, "wechat": 1, "digest": 0}
        clock.now += timedelta(minutes=1)
        assert worker.tick().sent == {"email": 0, "wechat": 0, "digest": 0}
    assert len(smtpd.messages) == 1 and len(wechat.state.drafts) == 1


def test_a_stale_issue_is_never_sent(
    db: Engine, db_settings: Settings, smtpd: Smtpd, wechat: WeChatServer
) -> None:
    settings = configure(db_settings, smtpd, wechat)
    clock = Clock(LOCAL_0500 + timedelta(days=5))  # the seed is five days old here
    add(db, settings.paper(None), "reader@example.com", name=None, confirmed=True, now=clock())
    with httpx.Client(timeout=10) as http:
        worker = make_worker(db, settings, clock, http)
        drop_seed(settings, clock)
        worker.tick()
        for hours in (2, 26):
            clock.now = LOCAL_0500 + timedelta(days=5, hours=hours)
            report = worker.tick()
            plan = report.planned.get("jngx:email") or report.planned.get("jngx:wechat")
            assert plan is not None and plan.send == ()
            assert "stale" in plan.skipped[0].reason
    assert smtpd.messages == [] and wechat.state.drafts == {}


def test_a_skipped_issue_is_logged_once_not_every_second(
    db: Engine,
    db_settings: Settings,
    smtpd: Smtpd,
    wechat: WeChatServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = configure(db_settings, smtpd, wechat)
    paper = replace(settings.papers[0], schedules=replace(settings.papers[0].schedules,
                                                          email="on-ingest"))  # fmt: skip
    settings = replace(settings, papers=(paper,))
    clock = Clock(LOCAL_0500 + timedelta(days=5))  # the seed is stale here
    caplog.set_level(logging.INFO, logger="syndicate.service.worker")
    with httpx.Client(timeout=10) as http:
        worker = make_worker(db, settings, clock, http)
        drop_seed(settings, clock)
        assert worker.intake()  # stored and published
        for seconds in range(5):  # the planner looks every second
            clock.now = LOCAL_0500 + timedelta(days=5, seconds=seconds)
            assert "stale" in worker.plan()[0]["jngx:email"].skipped[0].reason
    skips = [r for r in caplog.records if "jngx email: skipped jngx/2022-03-25" in r.message]
    assert len(skips) == 1, [r.message for r in skips]
