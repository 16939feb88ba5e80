"""Watching the service: /healthz, /readyz (database and worker heartbeat) and /metrics
(Prometheus text, parsed with prometheus_client's parser; the counters move when an issue
is ingested and sent), on SQLite and PostgreSQL."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import Engine, create_engine

from syndicate.config import Settings, load_settings
from syndicate.service.heartbeat import Heartbeat
from syndicate.store import ledger
from syndicate.store.engine import insert, writing
from syndicate.store.ingest import ingest_bytes
from syndicate.store.schema import suppressions
from syndicate.web import app as web
from syndicate.web.watch import WatchContext, watch_routes
from tests.conftest import SEED
from tests.wechat_server import Clock

NOW = datetime(2022, 3, 25, 1, 0, tzinfo=UTC)
KEY = "jngx/2022-03-25"
ADMIN, SCRAPER = "s3cret-admin", "s3cret-scraper"


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
async def client(
    db: Engine, db_settings: Settings, clock: Clock
) -> AsyncIterator[httpx.AsyncClient]:
    settings = replace(db_settings, admin_token=ADMIN, metrics_token=SCRAPER)
    app = web.build_app(settings, routes=watch_routes(WatchContext(settings, clock, db)))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://watch.test") as c:
        yield c


async def scrape(client: httpx.AsyncClient, token: str = SCRAPER) -> dict[str, float]:
    r = await client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    return {
        s.name + "{" + ",".join(f"{k}={v}" for k, v in sorted(s.labels.items())) + "}": s.value
        for family in text_string_to_metric_families(r.text)
        for s in family.samples
    }


async def test_metrics_need_a_bearer_token(client: httpx.AsyncClient) -> None:
    assert (await client.get("/metrics")).status_code == 401
    for bad in ("Bearer wrong", f"Basic {ADMIN}", "Bearer "):
        r = await client.get("/metrics", headers={"Authorization": bad})
        assert r.status_code == 401 and "Bearer" in r.headers["www-authenticate"]
    await scrape(client, ADMIN)  # the admin token works too


async def test_counters_move_on_ingest_and_send(
    client: httpx.AsyncClient, db: Engine, db_settings: Settings
) -> None:
    before = await scrape(client)
    assert "syndicate_ingests_total{paper=jngx}" not in before
    assert before["syndicate_bounces_total{}"] == 0

    ingest_bytes(db, db_settings, SEED.read_bytes(), source="seed.txt", now=NOW)
    targets = ["wx1", "wx2", "wx3"]
    ledger.enqueue_targets(db, channel="wechat", issue_key=KEY, targets=targets, now=NOW)
    got = await scrape(client)
    assert got["syndicate_ingests_total{paper=jngx}"] == 1
    assert got["syndicate_parse_doubts_total{paper=jngx}"] == 0  # the seed parses cleanly
    assert got["syndicate_queue_depth{channel=wechat}"] == 3
    assert got["syndicate_sends_total{channel=wechat}"] == 0

    claims = ledger.claim(db, channel="wechat", owner="w1", now=NOW, lease=timedelta(minutes=5))
    sent_at = NOW + timedelta(seconds=10)
    ledger.mark_sent(db, claims[0].id, owner="w1", now=sent_at)
    ledger.mark_sent(db, claims[1].id, owner="w1", now=sent_at)
    ledger.mark_failed(db, claims[2].id, owner="w1", now=sent_at, error="550 no such user")
    with writing(db) as conn:
        conn.execute(insert(conn, suppressions).values(email="b@example.com", reason="bounced",
                                                       at=NOW))  # fmt: skip
    got = await scrape(client)
    assert got["syndicate_sends_total{channel=wechat}"] == 2
    assert got["syndicate_send_failures_total{channel=wechat}"] == 1
    assert got["syndicate_queue_depth{channel=wechat}"] == 0
    assert got["syndicate_bounces_total{}"] == 1 and got["syndicate_complaints_total{}"] == 0
    latency = "syndicate_send_latency_seconds"
    assert got[f"{latency}_count{{channel=wechat}}"] == 2
    assert got[f"{latency}_sum{{channel=wechat}}"] == pytest.approx(20, abs=0.01)
    assert got[f"{latency}_bucket{{channel=wechat,le=5.0}}"] == 0
    assert got[f"{latency}_bucket{{channel=wechat,le=15.0}}"] == 2


async def test_health_and_readiness_follow_the_worker_heartbeat(
    client: httpx.AsyncClient, db: Engine, clock: Clock
) -> None:
    assert (await client.get("/healthz")).text == "ok\n"
    r = await client.get("/readyz")
    assert r.status_code == 503 and "no worker has ticked yet" in r.text
    Heartbeat().beat(db, clock())
    r = await client.get("/readyz")
    assert r.status_code == 200 and r.text.startswith("ready: worker ticked 0 s ago")
    clock.now += timedelta(minutes=2)
    r = await client.get("/readyz")
    assert r.status_code == 503 and "the last worker tick was 120 s ago" in r.text


async def test_readiness_says_when_the_database_is_unreachable(tmp_path: Path) -> None:
    db_settings = load_settings(None, {"SYNDICATE_DATA_DIR": str(tmp_path)})
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    engine = create_engine(f"postgresql+psycopg://postgres@127.0.0.1:{port}/none",
                           connect_args={"connect_timeout": 2})  # fmt: skip
    ctx = WatchContext(db_settings, lambda: NOW, engine)
    app = web.build_app(db_settings, routes=watch_routes(ctx))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://w") as c:
        r = await c.get("/readyz")
        assert r.status_code == 503 and r.text.startswith("not ready: database unreachable: ")
        assert (await c.get("/healthz")).status_code == 200  # the process is alive
    engine.dispose()
