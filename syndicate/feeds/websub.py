"""WebSub (W3C Recommendation) publisher pings: tell each hub that a feed changed.

The feeds link their hubs (``rel="hub"``; ``hubs`` in JSON Feed) and themselves
(``rel="self"``); after a publish, each hub gets one ``POST`` per changed feed with the form
``hub.mode=publish&hub.url=URL`` (the PubSubHubbub publish convention, which the W3C spec
leaves to hubs). See https://www.w3.org/TR/websub/#publishing

Off the ingest path: publishing only *queues* the pings (``queue_pings``, rows of
``websub_pings`` in the same database, so a restart drops none); the worker's ``websub`` part
sends them (``send_due``) in the background:

- each request has the per-hub timeout ``websub_timeout``; a hub that cannot be reached (or
  does not answer in time) has the rest of its pings put off to the next retry, so one dead hub
  costs one timeout per pass, never one per feed, and never delays an ingest;
- a failed ping is retried after ``RETRY_SECONDS``, doubling each time up to ``RETRY_MAX``, and
  dropped (one log line) after ``MAX_ATTEMPTS``: a ping is a courtesy, readers still poll;
- a feed that changes again while its ping waits keeps one row (hub and URL are unique).

Several workers on one PostgreSQL may each send a due ping once: a hub takes a repeated ping
as what it is, a hint to fetch the feed again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, delete, func, or_, select, update

from syndicate.store.engine import insert, reading, writing
from syndicate.store.schema import websub_pings

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("syndicate.feeds.websub")
TIMEOUT = 10.0
#: First retry after this many seconds; doubles per attempt, at most ``RETRY_MAX``.
RETRY_SECONDS = 30
RETRY_MAX = 3600
#: Attempts before a ping is dropped (30 s, 1, 2, 4, 8, 16, 32 min, 1 h: about two hours).
MAX_ATTEMPTS = 8
#: Pings sent per pass.
BATCH = 200


@dataclass(frozen=True)
class Ping:
    """One ping's outcome: ``ok`` on a 2xx answer; ``detail`` says what happened;
    ``reached`` is False when the hub could not be reached at all (or timed out)."""

    hub: str
    url: str
    ok: bool
    detail: str
    reached: bool = True


def queue_pings(db: Engine, hubs: Sequence[str], urls: Sequence[str]) -> int:
    """Queue a ping of every hub about every changed feed URL; how many pairs were new."""
    rows = [{"hub": h, "url": u, "attempts": 0} for h in hubs for u in urls]
    if not rows:
        return 0
    with writing(db) as conn:
        before = _count(conn)
        conn.execute(insert(conn, websub_pings).on_conflict_do_nothing(), rows)
        return _count(conn) - before


def _count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(websub_pings)).scalar_one())


def pending(db: Engine) -> list[tuple[str, str, int]]:
    """``(hub, url, attempts)`` of every queued ping, oldest first (status, tests)."""
    c = websub_pings.c
    with reading(db) as conn:
        rows = conn.execute(select(c.hub, c.url, c.attempts).order_by(c.id))
        return [(r.hub, r.url, r.attempts) for r in rows]


def send_due(
    db: Engine,
    now: datetime,
    *,
    timeout: float = TIMEOUT,
    client: httpx.Client | None = None,
    limit: int = BATCH,
) -> list[Ping]:
    """Send the pings due at ``now`` (see the module docstring); never raises for a hub."""
    c = websub_pings.c
    with reading(db) as conn:
        due = conn.execute(
            select(c.id, c.hub, c.url, c.attempts)
            .where(or_(c.due_at.is_(None), c.due_at <= now))
            .order_by(c.id)
            .limit(limit)
        ).all()
    if not due:
        return []
    import httpx  # only when there is a ping to send (~0.1 s of start-up otherwise)

    own = client is None
    http = client or httpx.Client(timeout=timeout, headers={"User-Agent": "syndicate"})
    out: list[Ping] = []
    down: dict[str, Ping] = {}  # hub -> the failure that put its other pings off
    try:
        for row in due:
            if row.hub in down:
                ping = Ping(row.hub, row.url, False, down[row.hub].detail, False)
            else:
                ping = _ping(http, row.hub, row.url)
                if not ping.reached:
                    down[row.hub] = ping
            _record(db, row, ping, now)
            out.append(ping)
    finally:
        if own:
            http.close()
    return out


def retry_delay(attempts: int) -> timedelta:
    """How long after its ``attempts``-th failure a ping is tried again."""
    return timedelta(seconds=min(RETRY_MAX, RETRY_SECONDS * 2 ** max(0, attempts - 1)))


def _record(db: Engine, row: Any, ping: Ping, now: datetime) -> None:
    c = websub_pings.c
    with writing(db) as conn:
        if ping.ok:
            conn.execute(delete(websub_pings).where(c.id == row.id))
            return
        attempts = row.attempts + 1
        if attempts >= MAX_ATTEMPTS:
            log.error("websub: dropping the ping of %s about %s after %d attempts: %s",
                      row.hub, row.url, attempts, ping.detail)  # fmt: skip
            conn.execute(delete(websub_pings).where(c.id == row.id))
            return
        due = now + retry_delay(attempts)
        conn.execute(
            update(websub_pings)
            .where(c.id == row.id)
            .values(attempts=attempts, due_at=due, last_error=ping.detail[:500])
        )


def ping_hubs(
    hubs: Sequence[str],
    urls: Sequence[str],
    *,
    client: httpx.Client | None = None,
    timeout: float = TIMEOUT,
) -> list[Ping]:
    """Ping every hub about every changed feed URL at once; never raises for a hub's failure.
    (The service queues instead: ``queue_pings``, ``send_due``.)"""
    if not hubs or not urls:
        return []
    import httpx

    own = client is None
    http = client or httpx.Client(timeout=timeout, headers={"User-Agent": "syndicate"})
    try:
        return [_ping(http, hub, url) for hub in hubs for url in urls]
    finally:
        if own:
            http.close()


def _ping(http: httpx.Client, hub: str, url: str) -> Ping:
    import httpx

    try:
        r = http.post(hub, data={"hub.mode": "publish", "hub.url": url})
    except httpx.HTTPError as e:
        detail = f"websub: {hub}: cannot reach the hub ({type(e).__name__}: {e})"
        log.warning(detail)
        return Ping(hub, url, False, detail, False)
    if r.is_success:
        return Ping(hub, url, True, f"{r.status_code}")
    body = r.text.strip().splitlines()[0][:200] if r.text.strip() else ""
    detail = f"websub: {hub}: publish of {url} answered {r.status_code} {body}".rstrip()
    log.warning(detail)
    return Ping(hub, url, False, detail)
