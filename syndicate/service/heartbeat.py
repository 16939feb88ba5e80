"""The worker's heartbeat, kept in the database so that ``/readyz`` on any web process knows
whether some worker is ticking (``syndicate serve`` and ``run --no-worker`` have none).

The planner beats on every pass; a beat is written at most every ``EVERY`` (the planner
passes every second, the database needs no write per second). ``/readyz`` calls the worker
ticking while the last beat is younger than ``STALE``.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine

from syndicate.store.engine import reading, state_get, state_put, writing

KEY = "worker:heartbeat"
EVERY = timedelta(seconds=10)
STALE = timedelta(seconds=60)


class Heartbeat:
    """Beats for one worker process."""

    def __init__(self) -> None:
        self._last: datetime | None = None
        self._lock = threading.Lock()

    def beat(self, db: Engine | Connection, now: datetime) -> None:
        with self._lock:
            if self._last is not None and now - self._last < EVERY:
                return
            with writing(db) as conn:
                state_put(conn, KEY, now.isoformat(), now=now, expires_at=None)
            self._last = now


def last_beat(db: Engine | Connection, now: datetime) -> datetime | None:
    with reading(db) as conn:
        value = state_get(conn, KEY, now=now)
    return datetime.fromisoformat(value) if value else None


def ticking(db: Engine | Connection, now: datetime) -> tuple[bool, str]:
    """Whether a worker beat within ``STALE``, and what to say about it."""
    last = last_beat(db, now)
    if last is None:
        return False, "no worker has ticked yet (is `syndicate run` running?)"
    age = (now - last).total_seconds()
    if now - last > STALE:
        return False, f"the last worker tick was {age:.0f} s ago"
    return True, f"worker ticked {age:.0f} s ago"
