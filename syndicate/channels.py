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
from dataclasses import dataclass
from datetime import datetime

import httpx
from sqlalchemy import Engine

from syndicate import ledger
from syndicate.config import Settings
from syndicate.errors import SyndicateError
from syndicate.leases import reclaim_dead_owners

log = logging.getLogger("syndicate.channels")


@dataclass
class EmailRunner:
    settings: Settings
    engine: Engine

    def enqueue(self, issue_key: str, now: datetime) -> int:
        return ledger.enqueue_subscribers(self.engine, issue_key=issue_key, now=now)

    def drain(self, clock: Callable[[], datetime], stop: threading.Event) -> int:
        from syndicate.email_commands import send_email

        sent = 0
        policy = self.settings.unknown_policy
        reclaim_dead_owners(self.engine, now=clock())  # a killed predecessor's rows, at once
        for key in ledger.due_issues(self.engine, channel="email", now=clock(), policy=policy):
            if stop.is_set():
                break
            try:
                summary = send_email(self.settings, key, clock=clock, stop=stop)
            except SyndicateError as e:
                log.error("email: %s: %s", key, e)
                continue
            sent += summary.progress.sent
        return sent


@dataclass
class WeChatRunner:
    settings: Settings
    engine: Engine
    http: httpx.Client

    def enqueue(self, issue_key: str, now: datetime) -> int:
        appid = self.settings.wechat_appid
        return ledger.enqueue_targets(
            self.engine, channel="wechat", issue_key=issue_key, targets=[appid], now=now
        )

    def drain(self, clock: Callable[[], datetime], stop: threading.Event) -> int:
        from syndicate.wechat_send import send_wechat

        sent = 0
        policy = self.settings.unknown_policy
        reclaim_dead_owners(self.engine, now=clock())
        for key in ledger.due_issues(self.engine, channel="wechat", now=clock(), policy=policy):
            if stop.is_set():
                break
            try:
                result = send_wechat(self.engine, self.settings, key, http=self.http, clock=clock)
            except SyndicateError as e:
                log.error("wechat: %s: %s", key, e)
                continue
            sent += result.state == "sent"
        return sent


def runners_for(settings: Settings, engine: Engine, http: httpx.Client) -> dict[str, object]:
    """The runners for the channels this deployment has configured."""
    out: dict[str, object] = {"email": EmailRunner(settings, engine)}
    if settings.wechat_appid and settings.wechat_secret:
        out["wechat"] = WeChatRunner(settings, engine, http)
    return out
