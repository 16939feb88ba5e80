"""Subscribe without leaks (issue 16, item 5): the form answers a new, a known, a pending, a
suppressed and an over-limit address with the same page in the same time, and never waits
on the mail relay: the confirmation is marked due in the database and a background sender
mails it; what a relay outage leaves due, the worker's email runner sends later. Real app
(httpx ASGITransport), a relay that accepts connections and never answers, aiosmtpd,
SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import replace

import httpx
import pytest
from sqlalchemy import Engine, select

from syndicate.config import Settings
from syndicate.newsletter import confirm_queue
from syndicate.newsletter.channel import EmailRunner
from syndicate.newsletter.pages import SubscribeContext, subscribe_routes
from syndicate.newsletter.subscribers import add, suppress
from syndicate.store.schema import subscribers
from syndicate.web.app import build_app
from tests.email_support import T0, Clock, email_settings
from tests.smtpd import Smtpd

FLOOR = 0.3
ADDRESSES = ["new@example.com", "known@example.com", "waiting@example.com",
             "gone@example.com", "busy@example.com"]  # fmt: skip


class SilentRelay:
    """Accepts SMTP connections and never says a word (a hung relay)."""

    def __init__(self) -> None:
        self.writers: list[asyncio.StreamWriter] = []
        self.server: asyncio.Server | None = None

    async def _session(self, r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        self.writers.append(w)

    async def start(self) -> str:
        self.server = await asyncio.start_server(self._session, "127.0.0.1", 0)
        return f"smtp://127.0.0.1:{self.server.sockets[0].getsockname()[1]}"

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        for w in self.writers:  # the hung sessions end: the sender counts a dropped line
            w.close()
        await self.server.wait_closed()


@pytest.fixture
async def silent() -> AsyncIterator[SilentRelay]:
    relay = SilentRelay()
    yield relay
    if relay.server is not None and relay.server.is_serving():
        await relay.stop()


def due(db: Engine) -> set[str]:
    with db.connect() as conn:
        q = select(subscribers.c.email).where(subscribers.c.confirm_due.is_not(None))
        return {e for (e,) in conn.execute(q)}


async def test_every_answer_is_the_same_in_the_same_time_and_never_waits_for_the_relay(
    db: Engine, db_settings: Settings, silent: SilentRelay
) -> None:
    settings = email_settings(db_settings, await silent.start(), email_timeout=120.0,
                              subscribe_address_per_day=1)  # fmt: skip
    paper = settings.paper(None)
    add(db, paper, "known@example.com", name=None, confirmed=True, now=T0)
    add(db, paper, "waiting@example.com", name=None, confirmed=False, now=T0)
    suppress(db, "gone@example.com", "complained", now=T0)
    ctx = SubscribeContext(settings, clock=Clock(), engine=db, answer_seconds=FLOOR)
    app = build_app(settings, routes=subscribe_routes(ctx))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="https://news.example.org") as client:  # fmt: skip

        async def answer(address: str) -> tuple[int, str, float]:
            t0 = time.monotonic()
            r = await asyncio.wait_for(
                client.post("/jngx/subscribe", data={"email": address, "name": "读者"}), 20
            )  # on main the new address waited here for the silent relay
            return r.status_code, r.text, time.monotonic() - t0

        await answer("busy@example.com")  # its one request of the day
        answers = {a: await answer(a) for a in ADDRESSES}
    statuses = {a: status for a, (status, _, _) in answers.items()}
    assert statuses == dict.fromkeys(ADDRESSES, 200)
    assert len({text for _, text, _ in answers.values()}) == 1  # word for word the same
    assert all(took >= FLOOR for _, _, took in answers.values())
    assert "请查收确认邮件" in answers["new@example.com"][1]
    # Marked due, in flight to the silent relay (the request did not wait for it).
    assert due(db) == {"new@example.com", "waiting@example.com", "busy@example.com"}
    await silent.stop()
    await ctx.settled()
    assert due(db) == {"new@example.com", "waiting@example.com", "busy@example.com"}


async def test_what_an_outage_leaves_due_the_worker_sends(
    db: Engine, db_settings: Settings, silent: SilentRelay, smtpd: Smtpd
) -> None:
    settings = email_settings(db_settings, await silent.start())
    clock = Clock()
    ctx = SubscribeContext(settings, clock=clock, engine=db, answer_seconds=0.0)
    app = build_app(settings, routes=subscribe_routes(ctx))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="https://news.example.org") as client:  # fmt: skip
        r = await client.post("/jngx/subscribe", data={"email": "new@example.com"})
    assert r.status_code == 200
    await silent.stop()  # the relay dies mid-conversation
    await ctx.settled()
    assert due(db) == {"new@example.com"} and smtpd.messages == []
    clock.advance(seconds=confirm_queue.RETRY.total_seconds())
    runner = EmailRunner(replace(settings, smtp=smtpd.url), db)
    await asyncio.to_thread(runner.drain, clock, threading.Event())
    [mail] = smtpd.messages
    assert mail.rcpt == ["new@example.com"]
    assert mail.message()["Subject"] == "请确认订阅《济宁高新新闻》"
    assert due(db) == set()
