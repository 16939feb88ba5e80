"""The editor's desk (issue 17): login and sessions, CSRF bound to the session, the rate
limit on wrong logins, the pages in Chinese, approve/hold with a confirmation, hold/resend of
deliveries, pause/resume/send-now of schedules, subscriber search and export."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import Engine, select, update
from starlette.applications import Starlette

from syndicate.cli import main
from syndicate.config import Settings
from syndicate.newsletter.preferences import Prefs
from syndicate.newsletter.prefs_store import set_prefs
from syndicate.newsletter.subscribers import add
from syndicate.store import approvals, ledger, schedule_state
from syndicate.store.ingest import ingest_bytes
from syndicate.store.schema import deliveries, subscribers
from syndicate.web import app as web
from syndicate.web import desk_data
from syndicate.web.admin import FORMS, PAGES, AdminContext, admin_routes
from syndicate.web.session import LOGIN_LIMIT
from tests.conftest import SEED
from tests.wechat_server import Clock

NOW = datetime(2022, 3, 25, 1, 0, tzinfo=UTC)
KEY = "jngx/2022-03-25"
TOKEN = "s3cret-admin"
BASE = "https://desk.test"


@pytest.fixture
def settings(db: Engine, db_settings: Settings) -> Settings:
    s = replace(db_settings, admin_token=TOKEN, secret_key="k" * 32)
    ingest_bytes(db, s, SEED.read_bytes(), source="seed.txt", now=NOW)
    ledger.enqueue_targets(db, channel="wechat", issue_key=KEY, targets=["wx1"], now=NOW)
    for n in range(3):
        add(db, s.paper(None), f"reader{n}@example.com", name=f"读者{n}", confirmed=True, now=NOW)
    return s


@pytest.fixture
def app(db: Engine, settings: Settings) -> Starlette:
    clock = Clock(NOW)
    return web.build_app(settings, routes=admin_routes(AdminContext(settings, clock, db)))


@pytest.fixture
async def anon(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as c:
        yield c


async def login(app: Starlette, user: str = "王编辑", password: str = TOKEN) -> httpx.AsyncClient:
    c = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE)
    r = await post_login(c, user, password)
    assert r.status_code == 303 and r.headers["location"] == "/admin/", r.text
    return c


async def post_login(c: httpx.AsyncClient, user: str, password: str) -> httpx.Response:
    page = await c.get("/admin/login")
    token = csrf_in(page.text)
    return await c.post("/admin/login", data={"csrf": token, "user": user, "password": password})


def csrf_in(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m is not None, html[:500]
    return m.group(1)


@pytest.fixture
async def desk(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    c = await login(app)
    yield c
    await c.aclose()


async def test_every_page_refuses_an_anonymous_visitor(anon: httpx.AsyncClient) -> None:
    for path in (*PAGES, f"/admin/issue/{KEY}", f"/admin/preview/{KEY}/email"):
        r = await anon.get(path)
        assert r.status_code == 303 and r.headers["location"].startswith("/admin/login"), path
    for path in FORMS:
        r = await anon.post(path, data={"csrf": "x", "issue": KEY, "channel": "email"})
        assert r.status_code == 403 and "登录已过期" in r.text, path
    forged = {"cookie": "syndicate_desk=forged.cookie"}
    assert (await anon.get("/admin/", headers=forged)).status_code == 303


async def test_a_wrong_user_and_a_wrong_password_get_the_same_answer_then_a_limit(
    db: Engine, settings: Settings
) -> None:
    """Behind a trusted proxy, the limit is per X-Forwarded-For client."""
    from syndicate.store import editors

    editors.add(db, "李编辑", "correct horse battery", now=NOW)
    proxied = replace(settings, trusted_proxies=("127.0.0.0/8",))
    app = web.build_app(proxied, routes=admin_routes(AdminContext(proxied, Clock(NOW), db)))

    def client(ip: str) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE,
                                 headers={"x-forwarded-for": ip})  # fmt: skip

    async with client("203.0.113.9") as c:
        wrong_password = await post_login(c, "李编辑", "wrong password!")
        wrong_user = await post_login(c, "nobody", "correct horse battery")
        assert wrong_password.status_code == wrong_user.status_code == 401
        assert "用户名或密码错误" in wrong_password.text and "用户名或密码错误" in wrong_user.text
        for _ in range(LOGIN_LIMIT - 2):
            await post_login(c, "nobody", "guess")
        limited = await post_login(c, "李编辑", "correct horse battery")
        assert limited.status_code == 429 and "尝试次数过多" in limited.text
    async with client("198.51.100.7") as c:  # another reader of the desk is not locked out
        ok = await post_login(c, "李编辑", "correct horse battery")
        assert ok.status_code == 303 and "syndicate_desk" in ok.headers["set-cookie"]
        assert "httponly" in ok.headers["set-cookie"].lower()


async def test_editors_add_from_the_cli_and_log_in(
    app: Starlette, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SYNDICATE_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("SYNDICATE_DATABASE", settings.database_url)
    assert main(["editors", "add", "张编辑", "--password", "a long enough password"]) == 0
    assert main(["editors", "add", "张编辑", "--password", "a long enough password"]) == 2
    assert main(["editors", "add", "赵编辑", "--password", "short"]) == 2
    c = await login(app, "张编辑", "a long enough password")
    r = await c.get("/admin/")
    await c.aclose()
    assert "张编辑" in r.text


async def test_issue_page_shows_masthead_titles_bylines_and_approval(
    desk: httpx.AsyncClient,
) -> None:
    r = await desk.get("/admin/")
    assert r.status_code == 200 and "济宁高新新闻" in r.text and "总第627期" in r.text
    r = await desk.get(f"/admin/issue/{KEY}")
    assert r.status_code == 200 and 'lang="zh-CN"' in r.text
    assert "第1版" in r.text and "无需审批" in r.text  # the seed has no doubts
    assert "2022-03-25 09:00" in r.text  # the revision time in Shanghai, not UTC
    preview = await desk.get(f"/admin/preview/{KEY}/email")
    assert preview.status_code == 200 and "济宁高新新闻" in preview.text
    wechat = await desk.get(f"/admin/preview/{KEY}/wechat")
    assert wechat.status_code == 200
    assert (await desk.get("/admin/issue/jngx/2099-01-01")).status_code == 404


async def test_approve_asks_first_then_records_the_editor(
    desk: httpx.AsyncClient, db: Engine, settings: Settings
) -> None:
    token = csrf_in((await desk.get(f"/admin/issue/{KEY}")).text)
    form = {"csrf": token, "issue": KEY, "channel": "email", "do": "approve"}
    r = await desk.post("/admin/approve", data=form)
    assert r.status_code == 200 and "将向 3 位订户发送《济宁高新新闻》" in r.text
    assert approvals.load(db, settings, keys=[KEY])[(KEY, "email")].decided_by is None
    r = await desk.post("/admin/approve", data={**form, "confirm": "yes"})
    assert r.status_code == 303
    a = approvals.load(db, settings, keys=[KEY])[(KEY, "email")]
    assert a.decided_by == "王编辑" and a.decided_at == NOW
    r = await desk.post("/admin/approve", data={**form, "do": "hold", "confirm": "yes"})
    assert approvals.load(db, settings, keys=[KEY])[(KEY, "email")].state == "held"
    bad = await desk.post("/admin/approve", data={**form, "issue": "jngx/2099-01-01"})
    assert bad.status_code == 404


async def test_forms_refuse_a_missing_foreign_or_replayed_token(
    app: Starlette, desk: httpx.AsyncClient, db: Engine
) -> None:
    other = await login(app, "另一位")
    foreign = csrf_in((await other.get("/admin/")).text)
    mine = csrf_in((await desk.get("/admin/")).text)
    form = {"issue": KEY, "channel": "wechat", "do": "hold"}
    for token in (None, foreign, "0" * 64):
        data = form if token is None else {**form, "csrf": token}
        r = await desk.post("/admin/action", data=data)
        assert r.status_code == 403 and "表单已失效" in r.text
    evil = await desk.post("/admin/action", data={**form, "csrf": mine},
                           headers={"Origin": "https://evil.example"})  # fmt: skip
    assert evil.status_code == 403
    assert ledger.counts(db)[KEY]["wechat"] == {"pending": 1}
    # logout ends the session: the same cookie and token are dead
    cookie = other.cookies.get("syndicate_desk")
    assert (await other.post("/admin/logout", data={"csrf": foreign})).status_code == 303
    assert cookie and not other.cookies.get("syndicate_desk")
    replay = await other.post("/admin/action", data={**form, "csrf": foreign},
                              headers={"cookie": f"syndicate_desk={cookie}"})  # fmt: skip
    assert replay.status_code == 403
    await other.aclose()
    assert ledger.counts(db)[KEY]["wechat"] == {"pending": 1}


async def test_hold_and_resend_deliveries_with_a_chart(desk: httpx.AsyncClient, db: Engine) -> None:
    token = csrf_in((await desk.get("/admin/deliveries")).text)
    form = {"csrf": token, "issue": KEY, "channel": "wechat", "do": "hold"}
    assert (await desk.post("/admin/action", data=form)).status_code == 303
    assert ledger.counts(db)[KEY]["wechat"] == {"held": 1}
    ask = await desk.post("/admin/action", data={**form, "do": "resend"})
    assert ask.status_code == 200 and "将重新发送" in ask.text and "1 条" in ask.text
    assert ledger.counts(db)[KEY]["wechat"] == {"held": 1}  # asked, not done
    await desk.post("/admin/action", data={**form, "do": "resend", "confirm": "yes"})
    assert "held" not in ledger.counts(db)[KEY]["wechat"]
    [claim] = ledger.claim(db, channel="wechat", owner="w", now=NOW, lease=timedelta(minutes=1))
    ledger.mark_failed(db, claim.id, owner="w", now=NOW, error="45009 reach max api daily quota")
    page = await desk.get("/admin/deliveries", params={"issue": KEY, "channel": "wechat"})
    assert "<svg" in page.text and "失败 1" in page.text and "45009" in page.text


async def test_pause_resume_and_send_now_are_stored_for_every_worker(
    desk: httpx.AsyncClient, db: Engine
) -> None:
    page = await desk.get("/admin/schedules")
    assert "30 6 * * *" in page.text and "2022-03-25 09:00" not in page.text
    token = csrf_in(page.text)
    form = {"csrf": token, "paper": "jngx", "channel": "email", "do": "pause"}
    assert (await desk.post("/admin/schedule", data=form)).status_code == 303
    paused, _ = schedule_state.flags(db)
    assert paused[("jngx", "email")].startswith("王编辑 ")
    await desk.post("/admin/schedule", data={**form, "do": "now"})
    await desk.post("/admin/schedule", data={**form, "do": "resume"})
    assert schedule_state.flags(db) == ({}, {("jngx", "email")})
    bad = await desk.post("/admin/schedule", data={**form, "channel": "fax"})
    assert bad.status_code == 400 and "没有这个计划" in bad.text


async def test_find_a_subscriber_and_export(desk: httpx.AsyncClient, db: Engine) -> None:
    r = await desk.get("/admin/subscribers", params={"q": "读者"})
    assert "每期<br>报社默认内容<br>简体" in r.text  # nobody has chosen yet: the defaults
    with db.connect() as conn:
        sid = conn.execute(
            select(subscribers.c.id).where(subscribers.c.email == "reader1@example.com")
        ).scalar_one()
    chosen = Prefs(frequency="weekly", weekday=1, send_time="07:30", pages=(1, 3),
                   content="summary", script="hant-tw")  # fmt: skip
    set_prefs(db, sid, chosen, source="cli", now=datetime(2022, 3, 26, tzinfo=UTC))
    r = await desk.get("/admin/subscribers", params={"q": "读者1"})
    assert "每周一 07:30<br>版面 1、3<br>摘要<br>繁體（台湾）" in r.text
    assert "reader1@example.com" in r.text and "reader2@example.com" not in r.text
    assert "确认 2022-03-25 09:00" in r.text and "已收到 0 期" in r.text  # its history
    assert r.text.count("<svg") == 2
    csv = await desk.get("/admin/subscribers.csv")
    assert csv.status_code == 200 and csv.text.count("@example.com") == 3


async def test_the_send_chart_counts_bounces_at_the_minute_they_were_sent(
    desk: httpx.AsyncClient, db: Engine
) -> None:
    assert ledger.enqueue_subscribers(db, issue_key=KEY, now=NOW) >= 2
    claims = ledger.claim(db, channel="email", owner="w", now=NOW, lease=timedelta(minutes=5))
    for c in claims:
        ledger.mark_sent(db, c.id, owner="w", now=NOW)
    with db.begin() as conn:  # a relay's DSN came back for the first (newsletter/bounces.py)
        conn.execute(
            update(deliveries).where(deliveries.c.id == claims[0].id).values(feedback="bounced")
        )
    labels, series = desk_data.per_minute(db, "email", KEY)
    minute = NOW.replace(second=0, microsecond=0).strftime("%H:%M")
    at = labels.index(minute)
    assert series["sent"][at] == len(claims) and series["bounced"][at] == 1
    page = await desk.get("/admin/deliveries", params={"issue": KEY, "channel": "email"})
    assert "退信 1" in page.text
