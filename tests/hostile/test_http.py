"""Hostile requests to every HTTP endpoint (issue 8): subscribe, confirm, unsubscribe, admin and
the feeds, with oversized bodies, bad encodings, forged, tampered and expired tokens, missing
auth and missing CSRF, and header injection through the form.

One table, one real app (in process, httpx ASGITransport, SQLite and PostgreSQL): each request
gets the refusal it should, never a 500 or a traceback, and none of them changes anything: no
subscriber added or confirmed or removed, no ledger row held, no mail sent.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.newsletter.pages import SubscribeContext, subscribe_routes
from syndicate.newsletter.subscribers import add, list_subscribers
from syndicate.newsletter.tokens import confirm_token, unsubscribe_token
from syndicate.store import ledger
from syndicate.web.admin import AdminContext, admin_routes
from syndicate.web.app import build_app
from syndicate.web.session import COOKIE
from tests.email_support import KEY, SECRET, T0, Clock, email_settings, store_seed
from tests.smtpd import Smtpd

ADMIN = "admin-token-for-tests"
CVE_VECTOR = "=?utf-8?q?hi=0ABcc:=20evil@example.com?="
FORM = {"content-type": "application/x-www-form-urlencoded"}


@dataclass
class Target:
    """The app and the tokens a hostile client would try to abuse."""

    client: httpx.AsyncClient  # logged in to the admin desk
    anon: httpx.AsyncClient  # no session
    db: Engine
    smtpd: Smtpd
    settings: Settings
    tokens: dict[str, str] = field(default_factory=dict)

    def state(self) -> tuple[object, ...]:
        subs = sorted((s.email, s.status, s.name) for s in list_subscribers(self.db))
        rows = sorted((r.target, r.state) for r in ledger.deliveries_of(self.db, channel="email",
                                                                       issue_key=KEY))  # fmt: skip
        return tuple(subs), tuple(rows), len(self.smtpd.messages)


@pytest.fixture
async def target(db: Engine, db_settings: Settings, smtpd: Smtpd) -> AsyncIterator[Target]:
    settings = email_settings(db_settings, smtpd.url, admin_token=ADMIN)
    store_seed(db, settings, "reader@example.com")
    pending = add(db, settings.paper(None), "pending@example.com", name=None, confirmed=False,
                  now=T0).subscriber  # fmt: skip
    ledger.enqueue_subscribers(db, issue_key=KEY, now=T0)
    clock = Clock(T0 + timedelta(hours=1))
    routes = subscribe_routes(SubscribeContext(settings, clock=clock, engine=db))
    desk = AdminContext(settings, clock, db)
    routes += admin_routes(desk)
    app = build_app(settings, routes=routes)
    good = confirm_token(SECRET, pending.id, pending.email, now=T0)
    tokens = {
        "tampered": good[:-2] + ("AA" if not good.endswith("AA") else "BB"),
        "forged": confirm_token("not-our-key", pending.id, pending.email, now=T0),
        "expired": confirm_token(SECRET, pending.id, pending.email, now=T0 - timedelta(days=4)),
        "wrong purpose": unsubscribe_token(SECRET, pending.id, pending.email),
        "unsub forged": unsubscribe_token("not-our-key", pending.id, pending.email),
        "unsub from confirm": good,
        "csrf forged": "0" * 64,
    }
    # Sessions made directly (the login itself is tested in tests/web/test_web_admin.py):
    # one for the client, one whose CSRF token is foreign to it.
    sessions = desk.sessions()
    mine, theirs = sessions.start("编辑", clock()), sessions.start("另一位", clock())
    tokens["csrf"] = sessions.csrf(sessions.sid(mine) or "")
    tokens["csrf foreign"] = sessions.csrf(sessions.sid(theirs) or "")
    transport = httpx.ASGITransport(app=app)
    base = "https://news.example.org"
    async with (
        httpx.AsyncClient(transport=transport, base_url=base, cookies={COOKIE: mine}) as c,
        httpx.AsyncClient(transport=transport, base_url=base) as anon,
    ):
        yield Target(c, anon, db, smtpd, settings, tokens)


async def chunks(n: int, size: int = 16384) -> AsyncIterator[bytes]:
    yield b"email=a%40example.com&name="
    for _ in range(n):
        yield b"A" * size


def action(t: Target, csrf: str | None, **headers: str) -> dict[str, Any]:
    data = {"do": "hold", "channel": "email", "issue": KEY}
    if csrf is not None:
        data["csrf"] = t.tokens[csrf]
    return {"data": data, "headers": headers}


Case = Callable[[Target], tuple[str, str, dict[str, Any]]]


def post_token(prefix: str, name: str) -> Case:
    return lambda t: ("POST", prefix + t.tokens[name], {})


CASES: dict[str, tuple[Case, int]] = {
    # subscribe
    "subscribe: 1 MB body": (lambda t: ("POST", "/jngx/subscribe", {
        "content": b"email=a%40example.com&name=" + b"A" * 2**20, "headers": FORM}), 413),
    "subscribe: chunked body without end": (lambda t: ("POST", "/jngx/subscribe", {
        "content": chunks(64), "headers": FORM}), 400),  # the form's 16 KB field limit first
    "subscribe: 500 fields": (lambda t: ("POST", "/jngx/subscribe", {
        "content": b"&".join(b"f%d=1" % i for i in range(500)), "headers": FORM}), 400),
    "subscribe: raw bytes not UTF-8": (lambda t: ("POST", "/jngx/subscribe", {
        "content": b"email=\xff\xfe%40example.com&name=\xc0\xaf", "headers": FORM}), 400),
    "subscribe: percent-encoded junk": (lambda t: ("POST", "/jngx/subscribe", {
        "content": b"email=%FF%FE%40example.com", "headers": FORM}), 400),
    "subscribe: multipart without boundary": (lambda t: ("POST", "/jngx/subscribe", {
        "content": b"email=a@example.com", "headers": {"content-type": "multipart/form-data"}}),
        400),
    "subscribe: JSON instead of a form": (lambda t: ("POST", "/jngx/subscribe", {
        "json": {"email": "a@example.com"}}), 400),
    "subscribe: CVE-2024-6923 in the name": (lambda t: ("POST", "/jngx/subscribe", {
        "data": {"email": "a@example.com", "name": CVE_VECTOR}}), 400),
    "subscribe: CRLF in the name": (lambda t: ("POST", "/jngx/subscribe", {
        "data": {"email": "a@example.com", "name": "A\r\nBcc: evil@example.com"}}), 400),
    "subscribe: CRLF in the address": (lambda t: ("POST", "/jngx/subscribe", {
        "data": {"email": "a@example.com\r\nBcc: evil@example.com"}}), 400),
    "subscribe: encoded word as the address": (lambda t: ("POST", "/jngx/subscribe", {
        "data": {"email": f"{CVE_VECTOR}@example.com"}}), 400),
    "subscribe: unknown paper": (lambda t: ("POST", "/nope/subscribe", {
        "data": {"email": "a@example.com"}}), 404),
    # confirm
    **{f"confirm: {k} token": (post_token("/confirm/", k), 400)
       for k in ("tampered", "forged", "expired", "wrong purpose")},
    "confirm: non-ASCII token": (lambda t: ("POST", "/confirm/%FF%FE.%C0", {}), 400),
    "confirm: 8 KB token": (lambda t: ("GET", "/confirm/" + "A" * 8192, {}), 400),
    # unsubscribe
    **{f"unsubscribe: {k} token": (post_token("/u/", k), 400)
       for k in ("tampered", "unsub forged", "unsub from confirm")},
    "unsubscribe: 1 MB body": (lambda t: ("POST", "/u/whatever", {
        "content": b"List-Unsubscribe=One-Click&" + b"A" * 2**20, "headers": FORM}), 413),
    # admin
    "admin: no session": (lambda t: ("GET", "/admin/", {"anon": True}), 303),
    "admin: forged session cookie": (lambda t: ("GET", "/admin/", {
        "anon": True, "headers": {"cookie": "syndicate_desk=forged.value"}}), 303),
    "admin: Basic instead of a session": (lambda t: ("GET", "/admin/", {
        "anon": True, "headers": {"authorization": "Basic %%%"}}), 303),
    "admin: POST without a session": (lambda t: ("POST", "/admin/action", {
        "anon": True, "data": {"do": "hold", "channel": "email", "issue": KEY}}), 403),
    "admin: no CSRF token": (lambda t: ("POST", "/admin/action", action(t, None)), 403),
    "admin: forged CSRF token": (lambda t: ("POST", "/admin/action",
                                            action(t, "csrf forged")), 403),
    "admin: another session's CSRF token": (lambda t: ("POST", "/admin/action",
                                                       action(t, "csrf foreign")), 403),
    "admin: cross-site Origin": (lambda t: ("POST", "/admin/action", action(
        t, "csrf", origin="https://evil.example")), 403),
    "admin: 1 MB body": (lambda t: ("POST", "/admin/action", {
        "content": b"csrf=" + b"A" * 2**20, "headers": FORM}), 413),
    "admin: chunked body without end": (lambda t: ("POST", "/admin/action", {
        "content": chunks(64), "headers": FORM}), 413),
    "admin: 1 MB login": (lambda t: ("POST", "/admin/login", {
        "anon": True, "content": b"password=" + b"A" * 2**20, "headers": FORM}), 413),
    # feeds and pages
    "feeds: dot-dot": (lambda t: ("GET", "/jngx/feeds/%2e%2e/%2e%2e/%2e%2e/etc/passwd", {}), 404),
    "feeds: NUL byte": (lambda t: ("GET", "/jngx/feeds/atom.xml%00.html", {}), 404),
    "feeds: not UTF-8": (lambda t: ("GET", "/jngx/feeds/%FF%FE.xml", {}), 404),
    "feeds: a name too long": (lambda t: ("GET", "/" + "a/" * 3000 + "atom.xml", {}), 404),
    "feeds: POST": (lambda t: ("POST", "/jngx/feeds/atom.xml", {}), 405),
    "feeds: bad If-Modified-Since": (lambda t: ("GET", "/jngx/archive/", {
        "headers": {"if-modified-since": "\x00yesterday"}}), 404),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES)
async def test_hostile_requests_are_refused_and_change_nothing(target: Target, case: str) -> None:
    make, expected = CASES[case]
    before = target.state()
    method, path, kw = make(target)
    client = target.anon if kw.pop("anon", False) else target.client
    r = await client.request(method, path, **kw)
    assert r.status_code == expected, r.text[:300]
    assert "Traceback" not in r.text and "Internal Server Error" not in r.text
    assert target.state() == before


async def test_the_valid_requests_next_to_them_still_work(target: Target) -> None:
    """The refusals above are not a broken app: the same endpoints answer good requests."""
    r = await target.client.post("/jngx/subscribe", data={"email": "new@example.com"})
    assert r.status_code == 200 and len(target.smtpd.messages) == 1
    held = await target.client.post("/admin/action", **action(target, "csrf"))
    assert held.status_code == 303
    assert {r.state for r in ledger.deliveries_of(target.db, channel="email", issue_key=KEY)} == {
        "held"
    }
