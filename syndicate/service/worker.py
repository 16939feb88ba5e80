"""The worker: one ``tick`` reads the inboxes, fires the schedules that are due, and drains
every channel through the ledger.

What is due is decided from the database, not from memory: each (paper, channel) keeps its
last run in ``app_state``; a cron schedule that fired since then runs once (however many fires
were missed while down), and ``plan.plan_channel`` picks which issues it sends (unsent, not
stale, not in quiet hours, only the newest after downtime). Sending goes through the ledger,
so several workers on one PostgreSQL never send an issue twice. The clock is passed in.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError

from syndicate.config import PaperConfig, Settings
from syndicate.errors import SyndicateError
from syndicate.feeds.ids import published_at
from syndicate.feeds.republish import Republisher
from syndicate.feeds.websub import Ping, send_due
from syndicate.service import scheduler, sources
from syndicate.service.channels import Runner
from syndicate.service.heartbeat import Heartbeat
from syndicate.service.inbox import Filed, Inbox
from syndicate.service.plan import Candidate, Plan, Policy, parse_quiet, plan_channel
from syndicate.service.scheduler import SPECIAL
from syndicate.store import approvals, schedule_state
from syndicate.store.catalog import list_issues
from syndicate.store.engine import reading, state_get, state_put
from syndicate.store.ingest import IngestResult, ingest_bytes
from syndicate.store.schema import deliveries, issues

log = logging.getLogger("syndicate.service.worker")
T = TypeVar("T")


@dataclass
class TickReport:
    filed: list[Filed] = field(default_factory=list)
    planned: dict[str, Plan] = field(default_factory=dict)
    enqueued: dict[str, int] = field(default_factory=dict)
    sent: dict[str, int] = field(default_factory=dict)


@dataclass
class Worker:
    """Everything ``syndicate run`` does besides the web service, in independent parts.

    ``intake`` (the inboxes), ``republish`` (feeds a crash or a failed write left stale),
    ``websub`` (the queued hub pings), ``plan`` (the schedules that are due) and
    ``drain(channel)`` (one channel's sending) each
    hold their own lock, so ``syndicate run`` runs each on its own thread and a long send
    never delays an ingest or a feed. ``tick`` runs them all once, in order (``run --once``
    and the tests)."""

    settings: Settings
    engine: Engine
    runners: dict[str, Runner]
    clock: Callable[[], datetime]
    on_ingested: Callable[[IngestResult], None] | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    #: Publishes one issue's files (``publish.publish_key``); with it, an ingest publishes at
    #: once and ``republish`` publishes again what a crash or a failed write left unpublished.
    publish: Callable[[str], object] | None = None
    #: Called with a channel's name when ``plan`` added rows to it (its sender starts at once).
    on_enqueued: Callable[[str], None] | None = None

    def __post_init__(self) -> None:
        self.inbox = Inbox(self.settings, self.engine, on_ingested=self._ingested)
        self.republisher = Republisher(self.engine, self.publish) if self.publish else None
        parts = ("intake", "republish", "plan", "websub")
        self._locks = {part: threading.Lock() for part in parts}
        self._locks.update({f"drain:{c}": threading.Lock() for c in self.runners})
        self._failing: dict[str, str] = {}  # part -> the reason it last failed
        self._logged: set[str] = set()  # reasons logged since every part last worked
        self._report_lock = threading.Lock()
        self._skips_logged: set[tuple[str, str, str]] = set()
        self.heartbeat = Heartbeat()

    def _ingested(self, result: IngestResult) -> None:
        if self.republisher is not None:
            self.republisher.attempt(result.key, self.clock())  # a failure is retried later
        if self.on_ingested is not None:
            self.on_ingested(result)

    def guarded(self, part: str, step: Callable[[], T]) -> T | None:
        """Run one part's step for a timer: a failure (the database restarting, a full disk)
        is logged once per reason, however many parts hit it and however often, and the next
        run tries again; nothing is lost, every step is idempotent."""
        try:
            result = step()
        except (SQLAlchemyError, SyndicateError, OSError) as e:
            why = str(getattr(e, "orig", None) or e).strip().splitlines() or [type(e).__name__]
            with self._report_lock:
                if why[0] not in self._logged:
                    log.error("worker: %s failed: %s; retrying", part, why[0])
                    self._logged.add(why[0])
                self._failing[part] = why[0]
            return None
        with self._report_lock:
            if self._failing.pop(part, None) is not None and not self._failing:
                log.warning("worker: works again")
                self._logged.clear()
        return result

    def tick(self, now: datetime | None = None) -> TickReport:
        """Every part once, in order: intake, republish, plan, drain each channel."""
        if self.stop.is_set():
            return TickReport()
        now = now or self.clock()
        report = TickReport(filed=self.intake(now))
        self.republish(now)
        self.websub(now)
        planned, enqueued = self.plan(now)
        report.planned, report.enqueued = planned, enqueued
        for channel in self.runners:
            if not self.stop.is_set():
                report.sent[channel] = self.drain(channel)
        return report

    def intake(self, now: datetime | None = None) -> list[Filed]:
        """Ingest (and publish) every settled inbox file."""
        with self._locks["intake"]:
            if self.stop.is_set():
                return []
            return self.inbox.scan(now or self.clock())

    def republish(self, now: datetime | None = None) -> None:
        """Publish again what a crash or a failed write left unpublished."""
        if self.republisher is None:
            return
        with self._locks["republish"]:
            if not self.stop.is_set():
                self.republisher.run(now or self.clock())

    def websub(self, now: datetime | None = None) -> list[Ping]:
        """Send the queued WebSub pings that are due (``feeds.websub``: retries, timeouts)."""
        with self._locks["websub"]:
            if self.stop.is_set():
                return []
            timeout = self.settings.websub_timeout
            return send_due(self.engine, now or self.clock(), timeout=timeout)

    def plan(self, now: datetime | None = None) -> tuple[dict[str, Plan], dict[str, int]]:
        """Fire every due schedule: add the chosen issues' rows to each channel's ledger."""
        report = TickReport()
        with self._locks["plan"]:
            if self.stop.is_set():
                return {}, {}
            now = now or self.clock()
            for paper in self.settings.papers:
                for channel in self.runners:
                    self._fire(paper, channel, now, report)
            self.heartbeat.beat(self.engine, now)  # /readyz: a worker is ticking
        return report.planned, report.enqueued

    def drain(self, channel: str) -> int:
        """Send what is due on ``channel`` until it is done or ``stop`` is set."""
        with self._locks[f"drain:{channel}"]:
            if self.stop.is_set():
                return 0
            return self.runners[channel].drain(self.clock, self.stop)

    def _fire(self, paper: PaperConfig, channel: str, now: datetime, report: TickReport) -> None:
        spec = scheduler.spec_of(paper, channel)
        paused, asked_for = schedule_state.flags(self.engine)
        if (paper.slug, channel) in paused:  # on the desk: a fire passes unsent
            if spec not in SPECIAL and self._cron_due(paper, channel, spec, now):
                self._set_last(paper, channel, now)
            return
        asked = (paper.slug, channel) in asked_for and schedule_state.take_run(
            self.engine, paper.slug, channel
        )  # "send now" on the desk
        if spec == "off" and not asked:
            return
        if spec not in SPECIAL and not asked and not self._cron_due(paper, channel, spec, now):
            return
        plan = plan_channel(now, self.candidates(paper, channel), policy_of(paper), zone(paper))
        report.planned[f"{paper.slug}:{channel}"] = plan
        for skip in plan.skipped:  # once each: the planner looks again every second
            if (seen := (channel, skip.key, skip.reason)) not in self._skips_logged:
                self._skips_logged.add(seen)
                log.info("%s %s: skipped %s: %s", paper.slug, channel, skip.key, skip.reason)
        if plan.deferred_until is not None:
            return  # quiet hours: the fire stays due until they end
        for key in plan.send:
            report.enqueued[key] = self.runners[channel].enqueue(key, now)
        if plan.send and self.on_enqueued is not None:
            self.on_enqueued(channel)
        if spec not in SPECIAL:
            self._set_last(paper, channel, now)

    def _cron_due(self, paper: PaperConfig, channel: str, spec: str, now: datetime) -> bool:
        last = self._last(paper, channel)
        if last is None:  # first start: nothing to catch up on, fire from now on
            self._set_last(paper, channel, now)
            return False
        if scheduler.fired_between(spec, paper.timezone, last, now):
            return True
        return self._approved_late(paper, channel, spec, last)

    def _approved_late(self, paper: PaperConfig, channel: str, spec: str, last: datetime) -> bool:
        """An issue approved since the last run that waited through a fire: it goes now, not
        at the next fire (approving before the fire keeps it for the fire)."""
        late = approvals.approved_since(self.engine, paper=paper.slug, channel=channel, after=last)
        return any(
            scheduler.fired_between(spec, paper.timezone, published_at(paper, day), last)
            for _, day in late
        )

    def _last(self, paper: PaperConfig, channel: str) -> datetime | None:
        with reading(self.engine) as conn:
            value = state_get(conn, _last_key(paper, channel), now=self.clock())
        return datetime.fromisoformat(value) if value else None

    def _set_last(self, paper: PaperConfig, channel: str, now: datetime) -> None:
        with self.engine.begin() as conn:
            state_put(conn, _last_key(paper, channel), now.isoformat(), now=now, expires_at=None)

    def candidates(self, paper: PaperConfig, channel: str) -> list[Candidate]:
        """The paper's recent issues, with when each was published and whether ``channel``
        has it already."""
        recent = list_issues(self.engine, paper=paper.slug, limit=60)
        with reading(self.engine) as conn:
            done = set(
                conn.execute(
                    select(issues.c.key)
                    .join(deliveries, deliveries.c.issue_id == issues.c.id)
                    .where(deliveries.c.channel == channel)
                    .distinct()
                ).scalars()
            )
        approval = approvals.load(
            self.engine, self.settings, keys=[s.key for s in recent], channels=[channel]
        )
        return [
            Candidate(
                s.key,
                published_at(paper, s.date),
                s.key in done,
                approval[(s.key, channel)].waiting if (s.key, channel) in approval else None,
            )  # fmt: skip
            for s in recent
        ]

    def poll(self, paper: PaperConfig, url: str, now: datetime | None = None) -> str:
        """Fetch ``url`` (conditionally) and ingest what is new; errors are kept for status."""
        now = now or self.clock()
        key = f"source:{url}"
        with reading(self.engine) as conn:
            etag = state_get(conn, f"{key}:etag", now=now)
            modified = state_get(conn, f"{key}:last_modified", now=now)
            bad = state_get(conn, f"{key}:bad_sha", now=now)
        try:
            got = sources.fetch(
                url,
                etag=etag,
                last_modified=modified,
                allow_networks=sources.networks(self.settings.source_allow_networks),
                max_bytes=self.settings.source_max_bytes,
                timeout=self.settings.source_timeout,
            )
            if got.body is None:
                return "not modified"
            sha = hashlib.sha256(got.body).hexdigest()
            if sha == bad:
                return "unchanged bad file"
            try:
                result = ingest_bytes(
                    self.engine, self.settings, got.body, source=got.filename,
                    paper_slug=paper.slug, now=now,
                )  # fmt: skip
            except SyndicateError:
                self._put(f"{key}:bad_sha", sha, now)
                raise
        except SyndicateError as e:
            self._put(f"{key}:error", f"{now.isoformat()} {e}", now)
            log.warning("%s", e)
            return f"error: {e}"
        for name, value in (("etag", got.etag), ("last_modified", got.last_modified)):
            self._put(f"{key}:{name}", value or "", now)
        self._put(f"{key}:error", "", now)
        if result.changed:
            self._ingested(result)
        return result.key

    def _put(self, key: str, value: str, now: datetime) -> None:
        with self.engine.begin() as conn:
            state_put(conn, key, value, now=now, expires_at=None)

    def shutdown(self) -> None:
        """Ask every part to stop after its in-flight work (sends finish; unsent claims are
        released), and wait for them."""
        self.stop.set()
        for lock in self._locks.values():
            with lock:
                pass


def _last_key(paper: PaperConfig, channel: str) -> str:
    return f"schedule:{paper.slug}:{channel}:last_run"


def zone(paper: PaperConfig) -> ZoneInfo:
    return ZoneInfo(paper.timezone)


def policy_of(paper: PaperConfig) -> Policy:
    return Policy(
        stale_after=timedelta(hours=paper.stale_hours),
        quiet=parse_quiet(paper.quiet_hours, "quiet_hours"),
        catch_up="all" if paper.catch_up == "all" else "latest",
    )
