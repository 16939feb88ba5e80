"""Helpers shared by the email tests: a settable clock, the seed issue stored with
subscribers, and the newsletter and send job built the way ``syndicate send`` builds them."""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.newsletter.delivery import job_for, load_newsletter
from syndicate.newsletter.render import Newsletter
from syndicate.newsletter.sender import Job, Summary, send_newsletter
from syndicate.newsletter.smtp import SmtpUrl, Transport, open_transport, parse_smtp_url
from syndicate.newsletter.subscribers import add
from syndicate.store import ledger
from syndicate.store.ingest import ingest_bytes
from tests.conftest import SEED

KEY = "jngx/2022-03-25"
T0 = datetime(2022, 3, 24, 23, 0, tzinfo=UTC)
SECRET = "test-secret-key"


@dataclass
class Clock:
    """``clock()`` returns ``now``; tests move it forward."""

    now: datetime = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


def email_settings(settings: Settings, smtp: str = "", **changes: Any) -> Settings:
    base: dict[str, Any] = {"smtp": smtp, "secret_key": SECRET, "email_rate": 0.0,
                            "email_from": "newsletter@example.org",
                            "base_url": "https://news.example.org"}  # fmt: skip
    return replace(settings, **(base | changes))


def store_seed(db: Engine, settings: Settings, *addresses: str, now: datetime = T0) -> None:
    """The seed issue, and each address a confirmed subscriber of its paper."""
    ingest_bytes(db, settings, SEED.read_bytes(), source=SEED.name, now=now)
    for a in addresses:
        add(db, settings.paper(None), a, name=None, confirmed=True, now=now)


def store_seed_bulk(db: Engine, settings: Settings, emails: list[str]) -> None:
    """``store_seed`` for many addresses: the subscribers in one INSERT, one commit."""
    from syndicate.store.catalog import paper_id
    from syndicate.store.schema import subscribers

    store_seed(db, settings)
    with db.begin() as conn:
        pid = paper_id(conn, settings.paper(None), T0)
        conn.execute(subscribers.insert(), [
            {"paper_id": pid, "email": e, "name": None, "status": "confirmed",
             "subscribed_at": T0, "confirmed_at": T0} for e in emails])  # fmt: skip


def addresses(n: int, domain: str = "example.com") -> list[str]:
    return [f"reader{i:05d}@{domain}" for i in range(n)]


def build(db: Engine, settings: Settings, clock: Clock) -> tuple[Newsletter, Job]:
    return load_newsletter(db, settings, KEY, clock()), job_for(settings, KEY)


def transport_for(settings: Settings) -> Transport:
    url: SmtpUrl = parse_smtp_url(settings.smtp, settings.outbox_dir)
    return open_transport(
        url,
        pool_size=settings.email_pool_size,
        timeout=settings.email_timeout,
        data_timeout=settings.email_data_timeout,
    )


async def send(
    db: Engine,
    settings: Settings,
    clock: Clock,
    stop: threading.Event | None = None,
    **job_changes: Any,
) -> Summary:
    """One ``syndicate send``-like run; the transport is opened and closed around it."""
    nl, job = build(db, settings, clock)
    transport = transport_for(settings)
    try:
        return await send_newsletter(
            db, nl, replace(job, **job_changes), transport=transport, clock=clock, stop=stop
        )
    finally:
        await transport.close()


def states(db: Engine) -> dict[str, str]:
    """target -> state for the email rows of the seed issue."""
    rows = ledger.deliveries_of(db, channel="email", issue_key=KEY)
    return {r.target: r.state for r in rows}


def rows(db: Engine) -> dict[str, ledger.Delivery]:
    return {r.target: r for r in ledger.deliveries_of(db, channel="email", issue_key=KEY)}
