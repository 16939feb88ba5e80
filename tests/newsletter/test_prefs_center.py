"""The preference center on the web (issue 14): the signed link from a real newsletter, the
form in the reader's script without JavaScript, saving, bad input, tampered and expired
links, the form token and the rate limit. In process (httpx ASGITransport) against the real
app, a real aiosmtpd and SQLite/PostgreSQL."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.newsletter.pages import SubscribeContext
from syndicate.newsletter.preferences import Prefs
from syndicate.newsletter.prefs_pages import prefs_routes
from syndicate.newsletter.prefs_store import get_prefs, history
from syndicate.newsletter.subscribers import find, list_subscribers
from syndicate.web.app import build_app
from tests.email_support import Clock, email_settings, send, store_seed
from tests.smtpd import Smtpd

READER = "reader@example.com"


@dataclass
class Center:
    client: httpx.AsyncClient
    clock: Clock
    db: Engine
    path: str  # /p/TOKEN, from the newsletter the reader got

    def prefs(self) -> Prefs:
        sub = find(self.db, "jngx", READER)
        assert sub is not None
        return get_prefs(self.db, sub.id)

    async def form(self) -> dict[str, str]:
        page = await self.client.get(self.path)
        assert page.status_code == 200
        m = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert m
        return {"csrf": m.group(1), "frequency": "issue", "script": "hans", "content": ""}


@pytest.fixture
async def center(db: Engine, db_settings: Settings, smtpd: Smtpd) -> AsyncIterator[Center]:
    settings = email_settings(db_settings, smtpd.url, subscribe_ip_per_hour=6)
    store_seed(db, settings, READER)
    clock = Clock()
    await send(db, settings, clock)
    [mail] = smtpd.messages
    body = mail.message().get_body(("plain",))
    assert body is not None
    m = re.search(r"https://news\.example\.org(/p/\S+)", body.get_content())
    assert m, "no preference link in the newsletter"
    ctx = SubscribeContext(settings, clock=clock, engine=db)
    app = build_app(settings, routes=prefs_routes(ctx))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="https://news.example.org") as client:  # fmt: skip
        yield Center(client, clock, db, m.group(1))


async def test_the_link_opens_a_form_that_saves_and_speaks_the_readers_script(
    center: Center,
) -> None:
    page = await center.client.get(center.path)
    assert page.status_code == 200 and "<script" not in page.text
    assert 'name="viewport"' in page.text and "订阅设置" in page.text
    assert 'value="1"' in page.text and "第3版" in page.text  # the paper's pages
    assert "奋进新征程 建功新时代" in page.text  # its columns
    data = await center.form() | {"frequency": "weekly", "weekday": "3", "time": "18:30",
                                   "content": "full", "script": "hant-hk"}  # fmt: skip
    saved = await center.client.post(center.path, data=data | {"pages": "1"})
    assert saved.status_code == 200 and "已保存" in saved.text
    assert 'lang="zh-Hant-HK"' in saved.text and "訂閲設置" in saved.text  # now in 繁體 (HK: 閲)
    p = center.prefs()
    assert (p.frequency, p.weekday, p.send_time, p.content, p.script, p.pages) == (
        "weekly",
        3,
        "18:30",
        "full",
        "hant-hk",
        (1,),
    )
    assert [source for _, source, _ in history(center.db, 1)] == ["web"]
    again = await center.client.get(center.path)
    assert 'value="weekly" checked' in again.text and 'value="1" checked' in again.text


BAD = [
    ("weekday", "8", "weekday '8' is out of range"),
    ("script", "hant-cn", "script 'hant-cn' is not offered"),
    ("pages", "9", "page '9' is not a page of this paper"),
    ("columns", "体育", "column '体育' is not a column of this paper"),
    ("time", "25:00", "time '25:00' is not a time of day"),
]


async def test_bad_input_is_an_error_on_the_page_and_changes_nothing(center: Center) -> None:
    before = center.prefs()
    form = await center.form()
    for field, value, error in BAD:
        r = await center.client.post(center.path, data=form | {"frequency": "weekly", field: value})
        assert r.status_code == 400 and error in html.unescape(r.text), field
        assert center.prefs() == before


async def test_a_tampered_expired_or_forged_link_changes_nothing(center: Center) -> None:
    form = await center.form()
    tampered = center.path[:-2] + ("AA" if not center.path.endswith("AA") else "BB")
    r = await center.client.post(tampered, data=form | {"frequency": "weekly"})
    assert r.status_code == 400 and "this link is not valid" in r.text
    r = await center.client.post(center.path, data=form | {"csrf": "forged", "frequency": "weekly"})
    assert r.status_code == 400 and "这个表单已过期或无效" in r.text
    center.clock.advance(days=91)  # email_prefs_link_days = 90
    r = await center.client.get(center.path)
    assert r.status_code == 400 and "this settings link has expired" in r.text
    assert center.prefs().frequency == "issue"


async def test_posts_are_rate_limited_per_ip(center: Center) -> None:
    form = await center.form()
    codes = [(await center.client.post(center.path, data=form)).status_code for _ in range(7)]
    assert codes == [200] * 6 + [429]


async def test_the_unsubscribe_button_leaves_at_once(center: Center) -> None:
    page = await center.client.get(center.path)
    m = re.search(r'<form method="post" action="(/u/[^"]+)">', page.text)
    assert m and 'name="List-Unsubscribe" value="One-Click"' in page.text
    assert m.group(1).startswith("/u/")
    assert {s.email: s.status for s in list_subscribers(center.db)} == {READER: "confirmed"}


async def test_the_subscribe_form_offers_frequency_and_script(
    db: Engine, db_settings: Settings, smtpd: Smtpd
) -> None:
    from tests.newsletter.test_web_subscribe import site_for

    site = await site_for(db, db_settings, smtpd)
    store_seed(db, site.settings)
    async with site.client:
        form = await site.client.get("/jngx/subscribe")
        assert 'name="frequency" value="weekly"' in form.text
        assert 'name="script" value="hant-tw"' in form.text
        bad = await site.subscribe("x@example.com", script="latin")
        assert bad.status_code == 400 and "is not offered" in html.unescape(bad.text)
        assert list_subscribers(db) == []  # nothing stored
        ok = await site.subscribe(READER, frequency="weekly", script="hant-tw")
        assert ok.status_code == 200
    sub = find(db, "jngx", READER)
    assert sub is not None and sub.status == "pending"
    p = get_prefs(db, sub.id)
    assert (p.frequency, p.script) == ("weekly", "hant-tw")
    [mail] = smtpd.messages
    body = mail.message().get_body(("plain",))
    assert body is not None and "https://news.example.org/p/" in body.get_content()
