"""How the worker knows a channel: the ``Runner`` interface, and where each channel's is.

A channel (``newsletter/``, ``wechat/``) implements ``Runner`` in its own ``channel.py``:
``enqueue`` adds an issue's ledger rows (one per target); ``drain`` sends what is due until
it is done or ``stop`` is set. Adding a channel is one folder plus one line in ``CHANNELS``.
Atom has no runner: feeds are published on ingest (``feeds.publish.publish_key``).
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

import httpx
from sqlalchemy import Engine

from syndicate.config import Settings

log = logging.getLogger("syndicate.service.channels")

#: Channel name -> ``"module:function"``; the function takes (settings, engine, http) and
#: returns the channel's ``Runner``, or None when this deployment has not configured it.
CHANNELS: dict[str, str] = {
    "email": "syndicate.newsletter.channel:runner",
    "wechat": "syndicate.wechat.channel:runner",
    "digest": "syndicate.newsletter.digest_channel:runner",
}


class Runner(Protocol):
    """A channel's sender: adds an issue's rows to the ledger, and sends what is due."""

    def enqueue(self, issue_key: str, now: datetime) -> int: ...

    def drain(self, clock: Callable[[], datetime], stop: threading.Event) -> int: ...


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


def runners_for(settings: Settings, engine: Engine, http: httpx.Client) -> dict[str, Runner]:
    """The runners of the channels this deployment has configured."""
    out: dict[str, Runner] = {}
    for name, where in CHANNELS.items():
        module, _, function = where.partition(":")
        made = getattr(importlib.import_module(module), function)(settings, engine, http)
        if made is not None:
            out[name] = made
    return out
