"""The newsletter as the worker sees it (``service.channels.Runner``): a ledger row for every
confirmed, unsuppressed subscriber of an issue, and sending what is due, one issue at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import httpx
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.errors import SyndicateError
from syndicate.newsletter.delivery import send_email
from syndicate.service.channels import Reports
from syndicate.store import ledger
from syndicate.store.leases import reclaim_dead_owners


@dataclass
class EmailRunner:
    settings: Settings
    engine: Engine
    reports: Reports = field(default_factory=lambda: Reports("email"))

    def enqueue(self, issue_key: str, now: datetime) -> int:
        return ledger.enqueue_subscribers(self.engine, issue_key=issue_key, now=now)

    def drain(self, clock: Callable[[], datetime], stop: threading.Event) -> int:
        sent = 0
        policy = self.settings.unknown_policy
        reclaim_dead_owners(self.engine, now=clock())  # a killed predecessor's rows, at once
        for key in ledger.due_issues(self.engine, channel="email", now=clock(), policy=policy):
            if stop.is_set():
                break
            try:
                summary = send_email(self.settings, key, clock=clock, stop=stop)
            except SyndicateError as e:
                self.reports.problem(key, str(e))
                continue
            if summary.aborted:
                why = f"sending stopped: {summary.aborted}; the rest waits in the ledger"
                self.reports.problem(key, why)
            else:
                self.reports.ok(key)
            sent += summary.progress.sent
        return sent


def runner(settings: Settings, engine: Engine, http: httpx.Client) -> EmailRunner:
    """Email is always on: with no SMTP URL it writes to the Maildir outbox."""
    return EmailRunner(settings, engine)
