"""The subscriber's whole path on the web: sign up, confirm, receive the seed's newsletter,
leave with one click (RFC 8058); tokens, honeypot and rate limits. In process (httpx
ASGITransport) against the real app, a real aiosmtpd and SQLite/PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.newsletter.pages import SubscribeContext, subscribe_routes
from syndicate.newsletter.subscribers import list_subscribers, suppress
from syndicate.web.app import build_app
from tests.email_support import T0, Clock, email_settings, send, states, store_seed
from tests.smtpd import Smtpd


@dataclass
class Site:
    client: httpx.AsyncClient
    clock: Clock
    settings: Settings
    smtpd: Smtpd
    db: Engine
    ctx: SubscribeContext

    def status(self) -> dict[str, str]:
        return {s.email: s.status for s in list_subscribers(self.db)}

    async def subscribe(self, email: str, **extra: str) -> httpx.Response:
        """POST the form, then wait for the background sender's confirmation mail."""
        r = await self.client.post("/jngx/subscribe", data={"email": email, **extra})
        await self.ctx.settled()
        return r

    def confirm_path(self, address: str) -> str:
        mails = [m for m in self.smtpd.messages if m.rcpt == [address]]
        body = mails[-1].message().get_body(("plain",))
        assert body is not None
        m = re.search(r"https://news\.example\.org(/confirm/\S+)", body.get_content())
        assert m, "no confirmation link in the mail"
        return m.group(1)


async def site_for(db: Engine, settings: Settings, smtpd: Smtpd, **changes: Any) -> Site:
    settings = email_settings(settings, smtpd.url, **changes)
    clock = Clock()
    ctx = SubscribeContext(settings, clock=clock, engine=db, answer_seconds=0.0)
    app = build_app(settings, routes=subscribe_routes(ctx))
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                               base_url="https://news.example.org")  # fmt: skip
    return Site(client, clock, settings, smtpd, db, ctx)


@pytest.fixture
async def site(db: Engine, db_settings: Settings, smtpd: Smtpd) -> AsyncIterator[Site]:
    s = await site_for(db, db_settings, smtpd)
    store_seed(db, s.settings)
    async with s.client:
        yield s


async def test_sign_up_confirm_receive_and_leave_with_one_click(site: Site) -> None:
    form = await site.client.get("/jngx/subscribe")
    assert form.status_code == 200 and 'name="website"' in form.text  # the honeypot
    r = await site.subscribe("Reader@Example.com", name="张三")
    assert r.status_code == 200 and "请查收确认邮件" in r.text
    assert site.status() == {"reader@example.com": "pending"}
    [mail] = site.smtpd.messages
    assert mail.rcpt == ["reader@example.com"] and mail.message()["List-Unsubscribe"] is None

    path = site.confirm_path("reader@example.com")
    page = await site.client.get(path)
    assert page.status_code == 200 and 'method="post"' in page.text
    assert site.status() == {"reader@example.com": "pending"}  # a GET changes nothing
    done = await site.client.post(path)
    assert done.status_code == 200 and "订阅成功" in done.text
    assert site.status() == {"reader@example.com": "confirmed"}

    await send(site.db, site.settings, site.clock)
    newsletter = site.smtpd.messages[-1].message()
    assert newsletter["To"] == "张三 <reader@example.com>"
    assert newsletter["Subject"].startswith("济宁高新新闻｜3月25日 第627期：")
    link = re.match(r"<https://news\.example\.org(/u/[^>]+)>", newsletter["List-Unsubscribe"])
    assert link and newsletter["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    shown = await site.client.get(link.group(1))
    assert shown.status_code == 200 and "确认退订" in shown.text
    assert site.status() == {"reader@example.com": "confirmed"}  # scanners may GET it
    left = await site.client.post(link.group(1), data={"List-Unsubscribe": "One-Click"})
    assert left.status_code == 200 and "已退订" in left.text
    assert "set-cookie" not in left.headers and "location" not in left.headers
    assert site.status() == {"reader@example.com": "unsubscribed"}
    assert (await site.subscribe("reader@example.com")).status_code == 200
    assert len(site.smtpd.messages) == 2  # suppressed for good: no new confirmation mail


async def test_one_click_accepts_multipart_and_needs_no_cookies(site: Site) -> None:
    store_seed(site.db, site.settings, "a@example.com")
    await send(site.db, site.settings, site.clock)
    header = site.smtpd.messages[-1].message()["List-Unsubscribe"]
    path = re.search(r"https://news\.example\.org(/u/[^>]+)", header)
    assert path
    r = await site.client.post(path.group(1), files={"List-Unsubscribe": (None, "One-Click")})
    assert r.status_code == 200 and site.status() == {"a@example.com": "unsubscribed"}
    broken = {"content-type": "multipart/form-data; boundary=x"}
    again = await site.client.post(path.group(1), content=b"\xff garbage", headers=broken)
    assert again.status_code == 200  # idempotent, and a broken body is no reason to refuse


async def test_tampered_and_expired_tokens_are_rejected(site: Site) -> None:
    await site.subscribe("a@example.com")
    path = site.confirm_path("a@example.com")
    tampered = path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB")
    for p in (tampered, "/confirm/nonsense"):
        assert (await site.client.post(p)).status_code == 400
    assert (await site.client.post("/u/nonsense")).status_code == 400
    site.clock.advance(hours=73)  # email_confirm_hours = 72
    r = await site.client.post(path)
    assert r.status_code == 400 and "expired" in r.text
    assert site.status() == {"a@example.com": "pending"}


async def test_the_honeypot_catches_bots_quietly(site: Site) -> None:
    r = await site.subscribe("bot@example.com", website="http://spam.example")
    assert r.status_code == 200 and "请查收确认邮件" in r.text
    assert site.status() == {} and site.smtpd.messages == []


async def test_invalid_addresses_are_explained(site: Site) -> None:
    r = await site.subscribe("not an address")
    assert r.status_code == 400 and "邮箱地址无效" in r.text
    r = await site.subscribe("a@example.com", name="x\r\nBcc: y@example.com")
    assert r.status_code == 400 and "control character" in r.text
    assert site.status() == {}


async def test_rate_limits_per_ip_and_per_address(
    db: Engine, db_settings: Settings, smtpd: Smtpd
) -> None:
    site = await site_for(db, db_settings, smtpd, subscribe_ip_per_hour=3,
                          subscribe_address_per_day=1)  # fmt: skip
    store_seed(db, site.settings)
    async with site.client:
        assert (await site.subscribe("a@example.com")).status_code == 200
        assert (await site.subscribe("a@example.com")).status_code == 200  # over: no mail
        assert len(smtpd.messages) == 1
        assert (await site.subscribe("b@example.com")).status_code == 200
        assert (await site.subscribe("c@example.com")).status_code == 429  # 4th from this IP
        assert len(smtpd.messages) == 2
        site.clock.advance(hours=1)
        assert (await site.subscribe("c@example.com")).status_code == 200
        site.clock.advance(hours=23)
        assert (await site.subscribe("a@example.com")).status_code == 200  # a new day
        sent_to = [m.rcpt[0] for m in smtpd.messages]
        assert sent_to == ["a@example.com", "b@example.com", "c@example.com", "a@example.com"]


async def test_unknown_papers_are_not_found(site: Site) -> None:
    assert (await site.client.get("/nope/subscribe")).status_code == 404
    assert (await site.client.post("/nope/subscribe", data={"email": "a@b.org"})).status_code == 404


async def test_a_confirmed_link_after_unsubscribing_does_not_resubscribe(site: Site) -> None:
    await site.subscribe("a@example.com")
    path = site.confirm_path("a@example.com")
    suppress(site.db, "a@example.com", "complained", now=T0)
    r = await site.client.post(path)
    assert r.status_code == 409 and site.status() == {"a@example.com": "unsubscribed"}
    await send(site.db, site.settings, site.clock)
    assert states(site.db) == {}


async def test_the_served_app_has_the_pages(db_settings: Settings, db: Engine) -> None:
    app = build_app(db_settings)  # routes from web.ROUTE_PROVIDERS, as `syndicate serve` has
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        form = await client.get("/jngx/subscribe")
        bad = await client.post("/u/not-a-token", data={"List-Unsubscribe": "One-Click"})
    assert form.status_code == 200 and 'action="/jngx/subscribe"' in form.text
    assert bad.status_code == 400 and "location" not in bad.headers
