"""The WeChat digest as the worker sees it (``service.channels.Runner``): one ledger row per
issue for the account (appid), and pushing what is due to the draft box.
"""

from __future__ import annotations

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
from syndicate.service.channels import Reports
from syndicate.store import ledger
from syndicate.store.leases import reclaim_dead_owners
from syndicate.wechat.cover import paper_cover
from syndicate.wechat.push import send_wechat

log = logging.getLogger("syndicate.wechat.channel")


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
        sent = 0
        policy = self.settings.unknown_policy
        reclaim_dead_owners(self.engine, now=clock())
        for key in ledger.due_issues(self.engine, channel="wechat", now=clock(), policy=policy):
            if stop.is_set():
                break
            t0 = time.perf_counter()
            try:
                result = send_wechat(self.engine, self.settings, key, http=self.http, clock=clock)
            except SyndicateError as e:
                self.reports.problem(key, str(e))
                continue
            if result.state == "sent":
                log.info("wechat: %s: %s in %.1f s", key, result.message, time.perf_counter() - t0)
                self.reports.ok(key)
                sent += 1
            else:
                self.reports.problem(key, f"{result.state}: {result.message}")
        return sent


def runner(settings: Settings, engine: Engine, http: httpx.Client) -> WeChatRunner | None:
    """WeChat runs only where an account (appid and secret) is configured."""
    if settings.wechat_appid and settings.wechat_secret:
        for paper in settings.papers:  # a bad cover is an error at start, not at 06:30
            paper_cover(settings, paper.slug)
        return WeChatRunner(settings, engine, http)
    return None
