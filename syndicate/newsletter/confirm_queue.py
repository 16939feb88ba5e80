"""The double opt-in mails of the subscribe form, sent in the background.

The form only records that a confirmation is due (``request``: ``subscribers.confirm_due``,
committed with the pending row) and answers; a background sender (``send_due``: the web
service's, kicked after each subscribe, and the worker's email runner on every tick) claims
due rows, mails them and clears the mark. So the answer never waits on a relay, the same for
a new, known or suppressed address, and a crash after the answer loses nothing: the mark is
in the database and the next sender takes it.

A claim pushes ``confirm_due`` forward by ``LEASE`` (``FOR UPDATE SKIP LOCKED`` on
PostgreSQL), so several senders never mail one row at once; a 4xx or a dropped connection
waits ``RETRY``; a 5xx gives the row up (the address is not mailed again until it asks again).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, select, update

from syndicate.config import Settings
from syndicate.newsletter.optin import default_transport, send_confirmation
from syndicate.newsletter.smtp import Reply, Transport
from syndicate.newsletter.subscribers import Subscriber, get
from syndicate.store.engine import locked_batch, writing
from syndicate.store.schema import subscribers

log = logging.getLogger("syndicate.newsletter.confirm")
s = subscribers.c
LEASE = timedelta(minutes=10)
RETRY = timedelta(minutes=5)


def request(conn: Engine | Connection, subscriber_id: int, *, now: datetime) -> None:
    """Mark ``subscriber_id``'s confirmation mail due now (a pending subscriber only)."""
    with writing(conn) as c:
        stmt = update(subscribers).where(s.id == subscriber_id, s.status == "pending")
        c.execute(stmt.values(confirm_due=now))


def claim_due(engine: Engine, *, now: datetime, limit: int = 50) -> list[Subscriber]:
    """Take up to ``limit`` due confirmations for ``LEASE``."""
    with writing(engine) as conn:
        due = (s.confirm_due <= now) & (s.status == "pending")
        batch = locked_batch(s.id, due, order_by=s.confirm_due, limit=limit)
        stmt = update(subscribers).where(s.id.in_(select(batch.c.id)))
        ids = [r.id for r in conn.execute(stmt.values(confirm_due=now + LEASE).returning(s.id))]
        found = [get(conn, i) for i in sorted(ids)]
    return [sub for sub in found if sub is not None]


def finish(engine: Engine, subscriber_id: int, reply: Reply, *, now: datetime) -> None:
    """Clear the mark once sent (or refused for good); a 4xx waits ``RETRY``."""
    due = now + RETRY if reply.state in ("retry", "unknown") else None
    with writing(engine) as conn:
        conn.execute(update(subscribers).where(s.id == subscriber_id).values(confirm_due=due))


async def send_due(
    engine: Engine,
    settings: Settings,
    *,
    secret: str,
    clock: Callable[[], datetime],
    transport: Callable[[], Transport] | None = None,
) -> int:
    """Mail every due confirmation; the number sent."""
    sent = 0
    while claims := await asyncio.to_thread(claim_due, engine, now=clock()):
        t = transport() if transport else default_transport(settings)
        try:
            for sub in claims:
                reply = await send_confirmation(settings, sub, secret=secret, now=clock(),
                                                transport=t)  # fmt: skip
                await asyncio.to_thread(finish, engine, sub.id, reply, now=clock())
                if reply.state == "sent":
                    sent += 1
                else:
                    log.warning("confirmation to %s: %s", sub.email, reply.describe())
        finally:
            await t.close()
    return sent
