"""The weekly digest as the worker sees it (``service.channels.Runner``, issue 14).

The digest plans itself: on every drain it looks at each paper's last complete ISO week (in
the paper's timezone) and adds a ledger row for every ``weekly`` reader whose digest time has
come, the paper's ``digest`` schedule (default ``0 7 * * 1``: Monday 07:00) or the reader's
own weekday and time; then it sends what is due, week by week. The ledger keeps one row per
reader and week, so re-planning every tick, a restart or a second worker never sends twice.
``enqueue`` (called when the issue schedules fire) does nothing: a digest is per week.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import Engine, select

from syndicate.config import PaperConfig, Settings
from syndicate.errors import SyndicateError
from syndicate.newsletter.digest import anchor, enqueue_digest, send_digest, weekly_readers
from syndicate.newsletter.digest_render import Week, parse_week
from syndicate.service import scheduler
from syndicate.service.channels import Reports
from syndicate.store import ledger
from syndicate.store.catalog import list_issues
from syndicate.store.engine import reading
from syndicate.store.schema import digest_weeks, issues, papers, subscriber_prefs, subscribers

log = logging.getLogger("syndicate.newsletter.digest_channel")
DEFAULT_DAY, DEFAULT_TIME = 1, time(7, 0)
PLAN_EVERY = timedelta(seconds=30)


def paper_default(paper: PaperConfig, week: Week) -> tuple[int, time] | None:
    """The paper's digest weekday (1 = Monday) and local time after ``week``; None: off."""
    spec = scheduler.spec_of(paper, "digest")
    if spec == "off":
        return None
    if spec == "on-ingest":
        return DEFAULT_DAY, DEFAULT_TIME
    tz = ZoneInfo(paper.timezone)
    after = datetime.combine(week.last + timedelta(days=1), time(0), tz) - timedelta(seconds=1)
    fire = scheduler.next_fire(spec, paper.timezone, after)
    if fire is None:
        return None
    local = fire.astimezone(tz)
    return local.isoweekday(), local.time().replace(second=0, microsecond=0)


def due_at(paper: PaperConfig, week: Week, weekday: int, at: time) -> datetime:
    """When a reader's digest of ``week`` is due: ``weekday`` of the following week, ``at``."""
    day: date = week.last + timedelta(days=weekday)
    return datetime.combine(day, at, ZoneInfo(paper.timezone))


@dataclass
class DigestRunner:
    settings: Settings
    engine: Engine
    reports: Reports = field(default_factory=lambda: Reports("digest"))
    #: When each paper was last planned: the sender loop drains every second; planning
    #: (two queries) needs doing only every ``PLAN_EVERY``.
    planned: dict[str, datetime] = field(default_factory=dict)

    def enqueue(self, issue_key: str, now: datetime) -> int:
        return 0  # a digest is per week: ``plan`` adds its rows, reader by reader

    def plan(self, paper: PaperConfig, now: datetime) -> int:
        """Add the rows of last week's digest whose time has come; the number added."""
        local = now.astimezone(ZoneInfo(paper.timezone)).date()
        week = Week.of(paper.slug, local - timedelta(days=7))
        default = paper_default(paper, week)
        recent = list_issues(self.engine, paper=paper.slug, limit=16)
        if default is None or not any(week.first <= i.date <= week.last for i in recent):
            return 0
        key = anchor(self.engine, self.settings, week, now)
        p = subscriber_prefs.c
        with reading(self.engine) as conn:
            anchor_id = conn.execute(select(issues.c.id).where(issues.c.key == key)).scalar()
            q = weekly_readers(week, anchor_id, subscribers.c.id, p.weekday, p.send_time)
            readers = conn.execute(q).all()
        due = []
        for sub_id, weekday, send_time in readers:
            at = time.fromisoformat(send_time) if send_time else default[1]
            if due_at(paper, week, weekday or default[0], at) <= now:
                due.append(sub_id)
        return enqueue_digest(self.engine, week, key, now=now, only=due) if due else 0

    def drain(self, clock: Callable[[], datetime], stop: threading.Event) -> int:
        for paper in self.settings.papers:
            now, last = clock(), self.planned.get(paper.slug)
            if last is not None and timedelta(0) <= now - last < PLAN_EVERY:
                continue
            self.planned[paper.slug] = now
            try:
                self.plan(paper, now)
            except SyndicateError as e:
                self.reports.problem(paper.slug, str(e))
        sent = 0
        policy = self.settings.unknown_policy
        for key in ledger.due_issues(self.engine, channel="digest", now=clock(), policy=policy):
            if stop.is_set():
                break
            week = self._week_of(key)
            if week is None:
                continue
            try:
                summary = send_digest(self.settings, week, clock=clock, enqueue=False, stop=stop)
            except SyndicateError as e:
                self.reports.problem(week.key, str(e))
                continue
            if summary.aborted:
                self.reports.problem(week.key, f"sending stopped: {summary.aborted}")
            else:
                self.reports.ok(week.key)
            if summary.progress.done:
                log.info("digest: %s: %d sent, %d failed", week.key, summary.progress.sent,
                         summary.progress.failed)  # fmt: skip
            sent += summary.progress.sent
        return sent

    def _week_of(self, anchor_key: str) -> Week | None:
        q = (
            select(papers.c.slug, digest_weeks.c.week)
            .join(papers, papers.c.id == digest_weeks.c.paper_id)
            .join(issues, issues.c.id == digest_weeks.c.issue_id)
            .where(issues.c.key == anchor_key)
        )
        with reading(self.engine) as conn:
            row = conn.execute(q).first()
        return None if row is None else parse_week(f"{row[0]}/{row[1]}")


def runner(settings: Settings, engine: Engine, http: httpx.Client) -> DigestRunner:
    """The digest is always on (a paper turns it off with ``schedules.digest = "off"``)."""
    return DigestRunner(settings, engine)
