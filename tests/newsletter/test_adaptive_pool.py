"""The SMTP pool adapts to the relay (newsletter/aimd.py, SmtpPool): it grows while the relay
accepts, backs off when a real aiosmtpd throttles (421 4.7.0 past N concurrent sessions,
451 4.7.1 past R messages per second, refused connections), recovers when the throttling
stops, and loses or repeats no message on the way."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiosmtpd.smtp import SMTP as AioSMTP
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.newsletter.aimd import Window, explicit_throttle, throttled
from syndicate.newsletter.sender import send_newsletter
from syndicate.newsletter.smtp import SmtpPool
from tests.email_support import (
    Clock,
    addresses,
    build,
    email_settings,
    store_seed_bulk,
    transport_for,
)
from tests.smtpd import PortZeroController

SQLITE = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@dataclass
class Throttler:
    """An aiosmtpd handler that refuses what a busy relay refuses, until ``calm_after``
    messages were accepted (then it accepts everything)."""

    max_sessions: int = 0
    max_connections: int = 0
    connections: int = 0
    close_listener: Any = None
    max_per_second: int = 0
    calm_after: int = 10**9
    live: int = 0
    peak_live_accepted: int = 0
    refused: int = 0
    accepted: list[str] = field(default_factory=list)
    recent: list[float] = field(default_factory=list)

    @property
    def calm(self) -> bool:
        return len(self.accepted) >= self.calm_after

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str,
                          options: list[str]) -> str:  # fmt: skip
        if self.max_sessions and not self.calm and self.live > self.max_sessions:
            self.refused += 1
            return "421 4.7.0 Too many concurrent SMTP connections from this IP; try later"
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        now = time.monotonic()
        self.recent = [t for t in self.recent if now - t < 1.0]
        if self.max_per_second and not self.calm and len(self.recent) >= self.max_per_second:
            self.refused += 1
            return "451 4.7.1 Rate limited: too many messages per second, slow down"
        self.recent.append(now)
        self.peak_live_accepted = max(self.peak_live_accepted, self.live)
        self.accepted += envelope.rcpt_tos
        return f"250 2.0.0 Ok: queued as T{len(self.accepted)}"


class CountingSMTP(AioSMTP):
    """aiosmtpd's protocol, counting the sessions open at once on its handler."""

    def connection_made(self, transport: Any) -> None:
        handler = self.event_handler
        handler.live += 1
        handler.connections += 1
        if handler.connections == handler.max_connections:
            handler.close_listener()
        super().connection_made(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        self.event_handler.live -= 1
        super().connection_lost(exc)


class ThrottlingController(PortZeroController):
    def factory(self) -> AioSMTP:
        return CountingSMTP(self.handler, hostname="throttle.test")


@pytest.fixture
def throttler() -> Iterator[tuple[Throttler, ThrottlingController]]:
    handler = Throttler()
    controller = ThrottlingController(handler, hostname="127.0.0.1", port=0)
    controller.start()
    handler.close_listener = lambda: controller.server.close()  # type: ignore[union-attr]
    try:
        yield handler, controller
    finally:
        controller.stop()


async def send_all(db: Engine, settings: Settings, n: int) -> tuple[SmtpPool, Any]:
    store_seed_bulk(db, settings, addresses(n))
    clock = Clock()
    nl, job = build(db, settings, clock)
    pool = transport_for(settings)
    assert isinstance(pool, SmtpPool)
    try:
        summary = await send_newsletter(db, nl, job, transport=pool, clock=clock)
    finally:
        await pool.close()
    return pool, summary


def assert_each_once(handler: Throttler, summary: Any, n: int) -> None:
    assert summary.aborted is None and summary.counts == {"sent": n}
    assert Counter(handler.accepted) == Counter(addresses(n))  # every one, none twice


def went_down_then_up(trace: list[int]) -> bool:
    low = trace.index(min(trace[1:]), 1)
    return any(trace[i] < trace[i - 1] for i in range(1, low + 1)) and trace[-1] > trace[low]


@SQLITE
@pytest.mark.slow
async def test_backs_off_past_the_relays_session_limit_and_recovers(
    db: Engine, db_settings: Settings, throttler: tuple[Throttler, ThrottlingController]
) -> None:
    handler, controller = throttler
    handler.max_sessions, handler.calm_after = 3, 120
    settings = email_settings(db_settings, f"smtp://127.0.0.1:{controller.port}",
                              email_pool_size=12, email_concurrency=24)  # fmt: skip
    pool, summary = await send_all(db, settings, 250)
    assert_each_once(handler, summary, 250)
    assert handler.refused > 0 and pool.throttles > 0
    trace = pool.window.trace
    assert max(trace) > 3  # it grew past the limit while the relay accepted ...
    assert went_down_then_up(trace)  # ... halved on the 421s, then grew again
    assert trace[-1] == 12  # once the relay was calm, back to the ceiling


@SQLITE
@pytest.mark.slow
async def test_backs_off_a_per_second_rate_limit_without_losing_or_repeating(
    db: Engine, db_settings: Settings, throttler: tuple[Throttler, ThrottlingController]
) -> None:
    handler, controller = throttler
    handler.max_per_second, handler.calm_after = 80, 120
    settings = email_settings(db_settings, f"smtp://127.0.0.1:{controller.port}",
                              email_pool_size=8, email_concurrency=16)  # fmt: skip
    pool, summary = await send_all(db, settings, 200)
    assert_each_once(handler, summary, 200)
    assert handler.refused > 0 and pool.throttles > 0 and went_down_then_up(pool.window.trace)


@SQLITE
@pytest.mark.slow
async def test_refused_connections_shrink_the_pool_to_what_the_relay_allows(
    db: Engine, db_settings: Settings, throttler: tuple[Throttler, ThrottlingController]
) -> None:
    handler, controller = throttler
    # Two sessions (after the controller's readiness probe), then its listener closes; the
    # open sessions carry on.
    handler.max_connections = 3
    settings = email_settings(db_settings, f"smtp://127.0.0.1:{controller.port}",
                              email_pool_size=8, email_concurrency=16)  # fmt: skip
    pool, summary = await send_all(db, settings, 100)
    assert_each_once(handler, summary, 100)
    assert handler.connections == 3 and pool.connects > 2  # it tried for more, was refused
    assert pool.throttles > 0 and max(pool.window.trace) > 2 and min(pool.window.trace) == 1


def test_which_replies_are_throttling() -> None:
    assert throttled(421, "MAIL: 4.7.0 too many connections")
    assert throttled(451, "RCPT: 4.3.0 Temporary lookup failure")
    assert throttled(452, "RCPT: 4.5.3 Too many recipients")
    assert throttled(454, "end of DATA: 4.7.0 Throttling failure: Maximum sending rate exceeded")
    assert not throttled(450, "RCPT: 4.2.0 Mailbox busy")
    assert not throttled(550, "RCPT: 5.7.1 rejected")
    assert not throttled(None, "connection lost before DATA")
    assert explicit_throttle(421, "4.3.2 Service shutting down")
    assert explicit_throttle(451, "end of DATA: 4.7.1 Rate limited")
    assert not explicit_throttle(451, "RCPT: 4.3.0 Temporary lookup failure")


def test_the_window_grows_and_halves_once_per_flight() -> None:
    w = Window(ceiling=16)
    for _ in range(6):
        w.accepted()
    assert w.limit == 8  # slow start: one more per accepted message
    epoch = w.epoch
    assert w.throttled(epoch) and w.limit == 4
    assert not w.throttled(epoch) and w.limit == 4  # the same flight's other replies
    for _ in range(4):
        w.accepted()
    assert w.limit == 4 or w.limit == 5  # now one per window's worth
    for _ in range(200):
        w.accepted()
    assert w.limit == 16  # never past the ceiling
    for _ in range(10):
        w.throttled(w.epoch)
    assert w.limit == 1  # never below the floor
    assert w.trace[0] == 2 and w.trace[-1] == 1
