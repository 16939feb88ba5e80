"""The worker's channel runners: each adds an issue's ledger rows, and sends what is due.

- ``email``: rows for every confirmed, unsuppressed subscriber; sending is the newsletter
  pipeline (``mailer``), one due issue at a time.
- ``wechat``: one row for the account (appid); sending is ``wechat_send.send_wechat``.

Atom has no runner: feeds are published on ingest (``publish.publish_key``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import httpx
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.errors import SyndicateError
from syndicate.service.worker import Runner
from syndicate.store import ledger
from syndicate.store.leases import reclaim_dead_owners

log = logging.getLogger("syndicate.service.channels")


@dataclass
class Reports:
    """A channel's problems per issue, logged once per new reason (the worker retries every
    tick; the log must not repeat the same line every second)."""

    channel: str
    last: dict[str, str] = field(default_factory=dict)

    def problem(self, key: str, why: str) -> None:
        if self.last.get(key) != why:
            log.error("%s: %s: %s", self.channel, key, why)
        self.last[key] = why

    def ok(self, key: str) -> None:
        if self.last.pop(key, None) is not None:
            log.warning("%s: %s: working again", self.channel, key)


@dataclass
class EmailRunner:
    settings: Settings
    engine: Engine
    reports: Reports = field(default_factory=lambda: Reports("email"))

    def enqueue(self, issue_key: str, now: datetime) -> int:
        return ledger.enqueue_subscribers(self.engine, issue_key=issue_key, now=now)

    def drain(self, clock: Callable[[], datetime], stop: threading.Event) -> int:
        from syndicate.newsletter.commands import send_email

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


@dataclass
class WeChatRunner:
    settings: Settings
    engine: Engine
    http: httpx.Client
    reports: Reports = field(default_factory=lambda: Reports("wechat"))

    def enqueue(self, issue_key: str, now: datetime) -> int:
        appid = self.settings.wechat_appid
        return ledger.enqueue_targets(
            self.engine, channel="wechat", issue_key=issue_key, targets=[appid], now=now
        )

    def drain(self, clock: Callable[[], datetime], stop: threading.Event) -> int:
        from syndicate.wechat.push import send_wechat

        sent = 0
        policy = self.settings.unknown_policy
        reclaim_dead_owners(self.engine, now=clock())
        for key in ledger.due_issues(self.engine, channel="wechat", now=clock(), policy=policy):
            if stop.is_set():
                break
            try:
                result = send_wechat(self.engine, self.settings, key, http=self.http, clock=clock)
            except SyndicateError as e:
                self.reports.problem(key, str(e))
                continue
            if result.state == "sent":
                self.reports.ok(key)
                sent += 1
            else:
                self.reports.problem(key, f"{result.state}: {result.message}")
        return sent


def runners_for(settings: Settings, engine: Engine, http: httpx.Client) -> dict[str, Runner]:
    """The runners for the channels this deployment has configured."""
    out: dict[str, Runner] = {"email": EmailRunner(settings, engine)}
    if settings.wechat_appid and settings.wechat_secret:
        out["wechat"] = WeChatRunner(settings, engine, http)
    return out
