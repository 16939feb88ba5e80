"""Subscription bombing (issue 8): the subscribe form's limits hold under a concurrent burst.

A bomber makes a form mail someone else's inbox by subscribing the victim over and over,
from as many addresses as it can. Sixty requests arrive at once (asyncio, one in-process app,
the limits in the database as in production): from sixty client IPs for one victim, and from
one IP for sixty victims. The victim gets at most ``subscribe_address_per_day`` mails, one IP
gets ``subscribe_ip_per_hour`` through, and every other answer is the same page or a 429.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from contextlib import AsyncExitStack

import httpx
import pytest
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.newsletter.pages import SubscribeContext, subscribe_routes
from syndicate.newsletter.subscribers import list_subscribers
from syndicate.web.app import build_app
from tests.email_support import Clock, email_settings, store_seed
from tests.smtpd import Smtpd

BURST = 60
PER_IP, PER_ADDRESS = 5, 3


def app_for(db: Engine, db_settings: Settings, smtpd: Smtpd) -> tuple[object, SubscribeContext]:
    settings = email_settings(db_settings, smtpd.url, subscribe_ip_per_hour=PER_IP,
                              subscribe_address_per_day=PER_ADDRESS)  # fmt: skip
    store_seed(db, settings)
    ctx = SubscribeContext(settings, clock=Clock(), engine=db)
    return build_app(settings, routes=subscribe_routes(ctx)), ctx


async def burst(app: object, requests: list[tuple[str, str]]) -> list[httpx.Response]:
    """``(client ip, email)`` pairs, all sent at once."""
    async with AsyncExitStack() as stack:
        clients = {}
        for ip in {ip for ip, _ in requests}:
            transport = httpx.ASGITransport(app=app, client=(ip, 40000))  # type: ignore[arg-type]
            clients[ip] = await stack.enter_async_context(
                httpx.AsyncClient(transport=transport, base_url="https://news.example.org")
            )
        return await asyncio.gather(
            *(clients[ip].post("/jngx/subscribe", data={"email": e}) for ip, e in requests)
        )


@pytest.mark.slow
async def test_one_victim_from_sixty_addresses_gets_at_most_the_daily_limit(
    db: Engine, db_settings: Settings, smtpd: Smtpd
) -> None:
    app, ctx = app_for(db, db_settings, smtpd)
    spellings = ["victim@example.com", "Victim@Example.com", "VICTIM@EXAMPLE.COM"]
    answers = await burst(app, [(f"198.51.100.{i}", spellings[i % 3]) for i in range(BURST)])
    await ctx.settled()  # the confirmations go out in the background
    assert {r.status_code for r in answers} == {200}  # the same page: nothing revealed
    assert len({r.text for r in answers}) == 1
    mails = [m.rcpt[0] for m in smtpd.messages]
    assert 1 <= len(mails) <= PER_ADDRESS and set(mails) == {"victim@example.com"}
    assert [(s.email, s.status) for s in list_subscribers(db)] == [
        ("victim@example.com", "pending")
    ]


@pytest.mark.slow
async def test_sixty_victims_from_one_address_stop_at_the_hourly_limit(
    db: Engine, db_settings: Settings, smtpd: Smtpd
) -> None:
    app, ctx = app_for(db, db_settings, smtpd)
    victims = [f"v{i:02d}@example.com" for i in range(BURST)]
    answers = await burst(app, [("203.0.113.7", v) for v in victims])
    await ctx.settled()
    assert Counter(r.status_code for r in answers) == {200: PER_IP, 429: BURST - PER_IP}
    assert len(smtpd.messages) == PER_IP and len(list_subscribers(db)) == PER_IP
