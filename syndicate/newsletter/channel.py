"""The newsletter as the worker sees it (``service.channels.Runner``): a ledger row for every
confirmed, unsuppressed subscriber of an issue, and sending what is due, one issue at a time.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import httpx
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.errors import SyndicateError
from syndicate.newsletter import confirm_queue
from syndicate.newsletter.delivery import send_email
from syndicate.newsletter.sender import Progress
from syndicate.newsletter.tokens import load_secret
from syndicate.service.channels import Reports
from syndicate.store import ledger
from syndicate.store.leases import reclaim_dead_owners

log = logging.getLogger("syndicate.newsletter.channel")


@dataclass
class EmailRunner:
    settings: Settings
    engine: Engine
    reports: Reports = field(default_factory=lambda: Reports("email"))

    def enqueue(self, issue_key: str, now: datetime) -> int:
        return ledger.enqueue_subscribers(self.engine, issue_key=issue_key, now=now)

    def drain(self, clock: Callable[[], datetime], stop: threading.Event) -> int:
        self.confirmations(clock)
        sent = 0
        policy = self.settings.unknown_policy
        reclaim_dead_owners(self.engine, now=clock())  # a killed predecessor's rows, at once
        for key in ledger.due_issues(self.engine, channel="email", now=clock(), policy=policy):
            if stop.is_set():
                break
            t0 = time.perf_counter()
            try:
                summary = send_email(
                    self.settings, key, clock=clock, stop=stop, on_progress=progress_log(key)
                )
            except SyndicateError as e:
                self.reports.problem(key, str(e))
                continue
            if summary.aborted:
                why = f"sending stopped: {summary.aborted}; the rest waits in the ledger"
                self.reports.problem(key, why)
            else:
                self.reports.ok(key)
            p = summary.progress
            if p.done:
                took = time.perf_counter() - t0
                log.info("email: %s: %d sent, %d failed, %d to retry, %d unknown in %.1f s",
                         key, p.sent, p.failed, p.retry, p.unknown, took)  # fmt: skip
            sent += p.sent
        return sent

    def confirmations(self, clock: Callable[[], datetime]) -> int:
        """The subscribe form's due double opt-in mails (``confirm_queue``): the web service
        sends them at once; this takes those a crash or a relay outage left behind."""
        try:
            secret = load_secret(self.settings)
            return asyncio.run(
                confirm_queue.send_due(self.engine, self.settings, secret=secret, clock=clock)
            )
        except (SyndicateError, OSError) as e:
            self.reports.problem("confirmations", str(e))
            return 0


def progress_log(key: str, every: float = 10.0) -> Callable[[Progress], None]:
    """A progress line at most every ``every`` seconds while a large send runs."""
    last = [time.monotonic()]

    def show(p: Progress) -> None:
        if time.monotonic() - last[0] >= every and p.done < p.total:
            last[0] = time.monotonic()
            log.info("email: %s: %d of %d done, %.0f/s", key, p.done, p.total, p.rate())

    return show


def runner(settings: Settings, engine: Engine, http: httpx.Client) -> EmailRunner:
    """Email is always on: with no SMTP URL it writes to the Maildir outbox."""
    return EmailRunner(settings, engine)
