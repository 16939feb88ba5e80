"""The admin page: auth required, CSRF on its forms, hold/resend reach the ledger."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import unquote

import httpx
import pytest
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.store import ledger
from syndicate.store.ingest import ingest_bytes
from syndicate.web import app as web
from syndicate.web.admin import AdminContext, admin_routes
from tests.conftest import SEED

NOW = datetime(2022, 3, 25, 1, 0, tzinfo=UTC)
KEY = "jngx/2022-03-25"
TOKEN = "s3cret-admin"


@pytest.fixture
async def client(db: Engine, db_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    settings = replace(db_settings, admin_token=TOKEN, secret_key="k" * 32)
    ingest_bytes(db, settings, SEED.read_bytes(), source="seed.txt", now=NOW)
    ledger.enqueue_targets(db, channel="wechat", issue_key=KEY, targets=["wx1"], now=NOW)
    app = web.build_app(settings, routes=admin_routes(AdminContext(settings, lambda: NOW, db)))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://admin.test") as c:
        yield c


def auth(password: str = TOKEN) -> httpx.BasicAuth:
    return httpx.BasicAuth("admin", password)


async def csrf(client: httpx.AsyncClient) -> str:
    page = await client.get("/admin/", auth=auth())
    m = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert m is not None
    return m.group(1)


async def test_the_page_needs_the_token(client: httpx.AsyncClient) -> None:
    r = await client.get("/admin/")
    assert r.status_code == 401 and "Basic" in r.headers["www-authenticate"]
    assert (await client.get("/admin/", auth=auth("wrong"))).status_code == 401
    bearer = await client.get("/admin/", headers={"Authorization": f"Bearer {TOKEN}"})
    assert bearer.status_code == 200
    r = await client.get("/admin/", auth=auth())
    assert r.status_code == 200 and KEY in r.text and "no-store" in r.headers["cache-control"]
    assert "30 6 * * *" in r.text  # the schedules


async def test_hold_and_resend_with_csrf(client: httpx.AsyncClient, db: Engine) -> None:
    token = await csrf(client)
    form = {"csrf": token, "issue": KEY, "channel": "wechat", "action": "hold"}
    r = await client.post("/admin/action", data=form, auth=auth())
    assert r.status_code == 303 and "1 row" in unquote(r.headers["location"])
    assert ledger.counts(db)[KEY]["wechat"] == {"held": 1}
    r = await client.post("/admin/action", data={**form, "action": "resend"}, auth=auth())
    assert r.status_code == 303
    assert "held" not in ledger.counts(db)[KEY]["wechat"]


@pytest.mark.parametrize(
    ("form", "headers", "status"),
    [
        ({"issue": KEY, "channel": "wechat", "action": "hold"}, {}, 403),  # no CSRF token
        ({"csrf": "forged.token", "issue": KEY, "channel": "wechat", "action": "hold"}, {}, 403),
        (
            {"csrf": "GOOD", "issue": KEY, "channel": "wechat", "action": "hold"},
            {"Origin": "https://evil.example"},
            403,
        ),  # fmt: skip
        ({"csrf": "GOOD", "issue": KEY, "channel": "fax", "action": "hold"}, {}, 400),
    ],
)
async def test_forms_refused(
    client: httpx.AsyncClient,
    db: Engine,
    form: dict[str, str],
    headers: dict[str, str],
    status: int,
) -> None:
    if form.get("csrf") == "GOOD":
        form = {**form, "csrf": await csrf(client)}
    r = await client.post("/admin/action", data=form, auth=auth(), headers=headers)
    assert r.status_code == status
    assert ledger.counts(db)[KEY]["wechat"] == {"pending": 1}


async def test_posting_without_auth_is_refused(client: httpx.AsyncClient, db: Engine) -> None:
    form = {"csrf": await csrf(client), "issue": KEY, "channel": "wechat", "action": "hold"}
    assert (await client.post("/admin/action", data=form)).status_code == 401
    assert ledger.counts(db)[KEY]["wechat"] == {"pending": 1}
