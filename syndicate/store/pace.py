"""A send rate shared by every worker through the database (``email_rate``).

The schedule is one row of ``app_state`` (``email:rate``): the wall-clock time at which the
next message may go, across all workers. A worker takes a few slots at a time (``reserve``,
about a tenth of a second's worth) in one short write transaction that locks the row
(``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's write transactions are ``BEGIN IMMEDIATE``),
moves it on by ``count / rate`` seconds and then sends its messages at its slots' times. So N
workers together never exceed the rate; a slot left unused when a worker stops, or missed
because it stalled, is simply lost, which errs on the slow side. Slots are never handed out
in the past (``now`` at the earliest), so an idle hour earns no burst.

Times are seconds since the epoch from ``clock.wall`` (one timeline for every host, as long as
their clocks are NTP-synchronised).
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Engine, select, update

from syndicate.store.engine import insert, writing
from syndicate.store.schema import app_state

KEY = "email:rate"
#: Seconds of sending a worker reserves at once (so ~10 reservations a second in all).
CHUNK_SECONDS = 0.1
#: A slot missed by more than this (the process stalled) is dropped, not used late: late
#: slots spent together with the others' on-time ones would be a burst over the rate.
LATE = 0.05
#: A schedule further ahead than this was written by a clock that ran fast; it is reset.
SKEW = 60.0


def reserve(engine: Engine, *, rate: float, count: int, now: float, key: str = KEY) -> float:
    """Take ``count`` consecutive slots of the shared schedule at ``rate`` per second; the
    first may go at the returned time, slot ``i`` at ``start + i / rate``."""
    stamp = datetime.fromtimestamp(now, UTC)
    with writing(engine) as conn:
        new = insert(conn, app_state).values(key=key, value="0", updated_at=stamp)
        conn.execute(new.on_conflict_do_nothing(index_elements=["key"]))
        q = select(app_state.c.value).where(app_state.c.key == key).with_for_update()
        try:
            start = max(float(conn.execute(q).scalar_one()), now)
        except ValueError:  # not a number (written by hand): start afresh
            start = now
        if start > now + SKEW:  # a clock that ran ahead wrote it: do not wait for that
            start = now
        conn.execute(
            update(app_state)
            .where(app_state.c.key == key)
            .values(value=repr(start + count / rate), updated_at=stamp)
        )
    return start


class SharedPace:
    """``await pace.wait()`` before each message: at most ``rate`` per second over every
    worker sharing the database."""

    def __init__(self, engine: Engine, rate: float, wall: Callable[[], float]) -> None:
        self.engine, self.rate, self.wall = engine, rate, wall
        self.chunk = max(1, min(100, math.ceil(rate * CHUNK_SECONDS)))
        self.lock = asyncio.Lock()
        self.start, self.used = 0.0, self.chunk

    async def wait(self) -> None:
        async with self.lock:
            while True:
                if self.used >= self.chunk:
                    self.start = await asyncio.to_thread(
                        reserve, self.engine, rate=self.rate, count=self.chunk, now=self.wall()
                    )
                    self.used = 0
                at = self.start + self.used / self.rate
                self.used += 1
                if at >= self.wall() - LATE:
                    break
        delay = at - self.wall()
        if delay > 0:
            await asyncio.sleep(delay)
