"""``send_wechat`` through the ledger, on SQLite and PostgreSQL, against the contract server."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from syndicate.assets import default_cover
from syndicate.config import Settings
from syndicate.errors import ConfigError, WeChatError
from syndicate.store import ledger
from syndicate.store.catalog import load_issue
from syndicate.store.engine import state_get
from syndicate.store.ingest import ingest_bytes
from syndicate.wechat.client import WeChatClient
from syndicate.wechat.cover import cover_media_id
from syndicate.wechat.push import (
    LEASE,
    DbTokens,
    SendResult,
    render_stored,
    retry_at,
    send_wechat,
)
from tests.conftest import ISSUES, SEED
from tests.wechat_server import APPID, SECRET, Clock, WeChatServer, WeChatState, serve

T0 = datetime(2022, 3, 25, 0, 30, tzinfo=UTC)  # 08:30 in Beijing
KEY = "jngx/2022-03-25"
TITLE = "济宁高新新闻｜3月25日要闻"
RMRB_0102 = ISSUES / "rmrb_2025-01-02_p01-02-03_PeopleDailyMaterial.txt"


@dataclass
class World:
    """A database with the seed stored, the contract server, a client and a clock."""

    db: Engine
    settings: Settings
    server: WeChatServer
    http: httpx.Client
    clock: Clock

    @property
    def state(self) -> WeChatState:
        return self.server.state

    def send(self, key: str = KEY, **changes: object) -> SendResult:
        settings = replace(self.settings, **changes)  # type: ignore[arg-type]
        return send_wechat(self.db, settings, key, http=self.http, clock=self.clock)

    def row(self, key: str = KEY) -> ledger.Delivery:
        [r] = ledger.deliveries_of(self.db, channel="wechat", issue_key=key)
        return r

    def ingest(self, path: Path) -> str:
        return ingest_bytes(self.db, self.settings, path.read_bytes(), source=path.name, now=T0).key


@pytest.fixture
def w(db: Engine, db_settings: Settings) -> Iterator[World]:
    with serve() as server, httpx.Client(timeout=10) as http:
        settings = replace(
            db_settings,
            wechat_api_base=server.api_base,
            wechat_appid=APPID,
            wechat_secret=SECRET,
            base_url="https://news.example.cn",
        )
        world = World(db, settings, server, http, Clock(T0))
        world.ingest(SEED)
        yield world


def test_happy_path_drafts_once_and_records_the_media_id(w: World) -> None:
    result = w.send()
    assert result.state == "sent" and list(w.state.drafts) == [result.media_id]
    [articles] = w.state.drafts.values()
    assert articles[0]["title"] == TITLE
    assert articles[0]["content_source_url"] == "https://news.example.cn/jngx/2022-03-25/"
    assert articles[0]["thumb_media_id"] in w.state.thumbs
    r = w.row()
    assert (r.state, r.target, r.provider_id, r.attempts) == ("sent", APPID, result.media_id, 1)
    again = w.send()
    assert again.state == "sent" and "already drafted" in again.message
    assert len(w.state.calls_to("draft/add")) == 1 and len(w.state.drafts) == 1


def test_token_and_cover_are_shared_through_the_database(w: World) -> None:
    w.send()
    with w.db.begin() as conn:
        assert state_get(conn, f"wechat:token:{APPID}", now=T0) == w.state.token
    key2 = w.ingest(RMRB_0102)
    with httpx.Client() as second_worker:
        result = send_wechat(w.db, w.settings, key2, http=second_worker, clock=w.clock)
    assert result.state == "sent"
    assert len(w.state.calls_to("stable_token")) == 1
    assert len(w.state.calls_to("material/add_material")) == 1 and len(w.state.thumbs) == 1
    assert len(w.state.drafts) == 2


def test_token_expiring_mid_run(w: World) -> None:
    w.state.hooks["material/add_material"] = lambda: w.state.expire_token()
    assert w.send().state == "sent" and len(w.state.drafts) == 1
    assert [c.endpoint for c in w.state.calls] == [
        "stable_token", "material/add_material", "draft/add", "stable_token", "draft/add",
    ]  # fmt: skip
    assert w.state.calls[2].answer["errcode"] == 42001
    with w.db.begin() as conn:
        assert state_get(conn, f"wechat:token:{APPID}", now=T0) == w.state.token


def test_quota_exhausted_stops_for_the_day(w: World) -> None:
    w.state.script("draft/add", 45009, "reach max api daily quota limit")
    result = w.send()
    assert result.state == "retry" and w.state.drafts == {}
    assert "errcode=45009 (reach max api daily quota limit" in result.message
    r = w.row()
    next_day = datetime(2022, 3, 25, 16, 1, tzinfo=UTC)  # 2022-03-26 00:01 in Beijing
    assert (r.state, r.not_before) == ("retry", next_day)
    assert r.last_error and r.last_error.startswith("wechat: draft/add failed: errcode=45009 (")
    w.clock.now = T0 + timedelta(hours=3)
    waiting = w.send()
    assert waiting.state == "retry" and "waiting until" in waiting.message
    assert len(w.state.calls_to("draft/add")) == 1
    w.clock.now = next_day
    assert w.send().state == "sent" and len(w.state.drafts) == 1
    assert len(w.state.calls_to("draft/batchget")) == 1  # a later attempt looks first


@pytest.mark.parametrize("errcode, wait", [(45011, 60), (-1, 30)])
def test_transient_errors_retry_through_not_before(w: World, errcode: int, wait: int) -> None:
    w.state.script("draft/add", errcode)
    assert w.send().state == "retry"
    assert w.row().not_before == T0 + timedelta(seconds=wait)
    w.clock.now = T0 + timedelta(seconds=wait)
    assert w.send().state == "sent"
    assert len(w.state.drafts) == 1


@pytest.mark.parametrize("errcode, words", [(48001, "verify the account"), (40164, "IP白名单")])
def test_admin_errors_fail_clearly_and_stay_failed(w: World, errcode: int, words: str) -> None:
    w.state.script("draft/add", errcode, "api unauthorized")
    result = w.send()
    assert result.state == "failed"
    expected = f"wechat: draft/add failed: errcode={errcode} (api unauthorized"
    assert result.message.startswith(expected) and words in result.message
    r = w.row()
    assert r.state == "failed" and r.last_error == result.message
    w.clock.now += timedelta(days=2)
    assert w.send().state == "failed"
    assert w.state.drafts == {} and len(w.state.calls_to("draft/add")) == 1


def test_an_invalid_cover_is_uploaded_again(w: World) -> None:
    w.state.script("draft/add", 40007, "invalid media_id")
    assert w.send().state == "retry"
    assert w.send().state == "sent"
    assert len(w.state.calls_to("material/add_material")) == 2


def test_a_lost_answer_after_draft_add_does_not_draft_twice(w: World) -> None:
    w.state.hooks["draft/add"] = lambda: "drop"
    first = w.send()
    assert first.state == "retry" and first.message.startswith("wechat: draft/add failed:")
    [made] = w.state.drafts
    del w.state.hooks["draft/add"]
    w.clock.now = w.row().not_before or T0
    second = w.send()
    assert (second.state, second.media_id) == ("sent", made)
    assert "found the draft" in second.message
    assert list(w.state.drafts) == [made] and len(w.state.calls_to("draft/add")) == 1


def crashed_worker(w: World) -> str:
    """What a worker killed between draft/add and its ``sent`` mark leaves behind."""
    owner = ledger.new_owner()
    ledger.enqueue_targets(w.db, channel="wechat", issue_key=KEY, targets=[APPID], now=T0)
    ledger.claim(w.db, channel="wechat", owner=owner, now=T0, lease=LEASE, issue_key=KEY)
    stored = load_issue(w.db, KEY)
    assert stored is not None
    client = WeChatClient(
        api_base=w.settings.wechat_api_base, appid=APPID, secret=SECRET,
        tokens=DbTokens(w.db, APPID), http=w.http, clock=w.clock,
    )  # fmt: skip
    thumb = cover_media_id(w.db, client, default_cover())
    return client.add_draft(render_stored(stored, w.settings, thumb).payload())  # ...and dies


def test_resume_after_a_crash_adopts_the_draft(w: World) -> None:
    made = crashed_worker(w)
    assert w.row().state == "sending"
    w.clock.now = T0 + timedelta(minutes=1)  # the lease still runs: nobody takes the row
    assert w.send().state == "sending"
    w.clock.now = T0 + LEASE + timedelta(seconds=1)
    result = w.send()
    assert (result.state, result.media_id) == ("sent", made)
    r = w.row()
    assert (r.state, r.provider_id, r.attempts) == ("sent", made, 2)
    assert len(w.state.drafts) == 1 and len(w.state.calls_to("draft/add")) == 1


def test_policy_hold_waits_for_the_admin(w: World) -> None:
    made = crashed_worker(w)
    w.clock.now = T0 + LEASE + timedelta(seconds=1)
    assert w.send(unknown_policy="hold").state == "unknown"
    ledger.resend(w.db, channel="wechat", issue_key=KEY, now=w.clock.now)
    result = w.send(unknown_policy="hold")
    assert (result.state, result.media_id) == ("sent", made)
    assert len(w.state.drafts) == 1


def test_publishing_is_opt_in_and_submitted_once(w: World) -> None:
    assert w.send().state == "sent"
    assert w.state.calls_to("freepublish/submit") == []
    key2 = w.ingest(RMRB_0102)
    result = w.send(key2, wechat_publish=True)
    assert result.publish_id and "published: publish_id" in result.message
    assert w.state.published == {result.publish_id: result.media_id}
    assert len(w.state.calls_to("freepublish/get")) == 1


def test_a_publish_error_keeps_the_draft_recorded(w: World) -> None:
    w.state.script("freepublish/submit", 48001, "api unauthorized")
    with pytest.raises(WeChatError, match=r"errcode=48001 .* is in the draft box") as info:
        w.send(wechat_publish=True)
    assert info.value.errcode == 48001
    assert w.row().state == "sent" and len(w.state.drafts) == 1


def test_wechat_must_be_configured(w: World) -> None:
    with pytest.raises(ConfigError, match="SYNDICATE_WECHAT_SECRET"):
        w.send(wechat_secret="")
    assert w.state.calls == []


def test_retry_times() -> None:
    quota = WeChatError("x", errcode=45009, errmsg="")
    late = datetime(2022, 3, 25, 15, 59, tzinfo=UTC)  # 23:59 in Beijing
    assert retry_at(quota, late, 1) == datetime(2022, 3, 25, 16, 1, tzinfo=UTC)
    busy = WeChatError("x", errcode=-1, errmsg="")
    assert retry_at(busy, T0, 3) == T0 + timedelta(minutes=2)
    assert retry_at(busy, T0, 30) == T0 + timedelta(hours=1)
    assert retry_at(WeChatError("x", errcode=48001, errmsg="", permanent=True), T0, 1) is None
