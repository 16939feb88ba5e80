"""WebSub: a real local hub (HTTP on 127.0.0.1, port 0) receives the publish pings, which an
ingest only queues (in the database) and the worker's ``websub`` part sends, with retries."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import feedparser
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.feeds.publish import publish_key
from syndicate.feeds.websub import (
    MAX_ATTEMPTS,
    pending,
    ping_hubs,
    queue_pings,
    retry_delay,
    send_due,
)
from syndicate.service import status
from syndicate.service.worker import Worker
from tests.conftest import SEED

NOW = datetime(2022, 3, 24, 22, 0, tzinfo=UTC)


@dataclass
class Hub:
    """Records every POST; answers ``status``."""

    status: int = 204
    url: str = ""
    pings: list[dict[str, list[str]]] = field(default_factory=list)
    content_types: list[str] = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)

    def wait_for(self, count: int, timeout: float) -> bool:
        """Whether ``count`` pings arrived within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while len(self.pings) < count:
            left = deadline - time.monotonic()
            if left <= 0 or not self.arrived.wait(left):
                return False
            self.arrived.clear()
        return True


@contextmanager
def local_hub(status: int = 204) -> Iterator[Hub]:
    hub = Hub(status=status)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            hub.content_types.append(self.headers.get("Content-Type", ""))
            hub.pings.append(parse_qs(body.decode("utf-8")))
            hub.arrived.set()
            self.send_response(hub.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    hub.url = f"http://127.0.0.1:{server.server_address[1]}/hub"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield hub
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def silent_hub() -> Iterator[str]:
    """A hub that takes the connection and never answers (a hung server)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/hub"
    finally:
        sock.close()


def seed_worker(db: Engine, settings: Settings) -> Worker:
    settings.inbox_dir.mkdir(parents=True)
    target = settings.inbox_dir / SEED.name
    target.write_bytes(SEED.read_bytes())
    os.utime(target, (NOW.timestamp() - 60,) * 2)  # settled
    return Worker(settings, db, {}, lambda: NOW, publish=lambda key: publish_key(db, settings, key))


def test_an_ingest_queues_the_pings_and_the_worker_sends_them_later(
    db: Engine, db_settings: Settings
) -> None:
    with local_hub() as hub:
        settings = replace(db_settings, websub_hubs=(hub.url,))
        worker = seed_worker(db, settings)
        assert [f.result.key for f in worker.intake(NOW) if f.result] == ["jngx/2022-03-25"]
        # The ingest has returned, its feeds are published, and the hub has heard nothing:
        # the pings wait in the database (a restart keeps them).
        assert (settings.public_dir / "jngx/feeds/atom.xml").is_file()
        assert hub.pings == []
        base = settings.base_url
        queued = {url for _, url, _ in pending(db)}
        for suffix in ("xml", "rss", "json"):
            assert f"{base}/jngx/feeds/atom.{suffix}" in queued
        assert f"{base}/jngx/feeds/reporter/%E5%88%98%E8%8F%B2.xml" in queued
        assert not [u for u in queued if "/archive/" in u or u.endswith((".html", ".opml"))]

        sent = worker.websub(NOW)
        assert sent and all(p.ok for p in sent)
        assert {p["hub.url"][0] for p in hub.pings} == queued
        assert all(p["hub.mode"] == ["publish"] for p in hub.pings)
        assert hub.content_types[0] == "application/x-www-form-urlencoded"
        assert pending(db) == []
        # The feed announces the same hub and its own URL.
        feed = feedparser.parse((settings.public_dir / "jngx/feeds/atom.xml").read_bytes())
        rels = {x.rel: x.href for x in feed.feed.links}
        assert rels["hub"] == hub.url and rels["self"] == f"{base}/jngx/feeds/atom.xml"
        # Nothing changed: no file rewritten, so nothing queued.
        assert publish_key(db, settings, "jngx/2022-03-25").queued == 0
        assert pending(db) == [] and worker.websub(NOW) == []


def test_a_failed_ping_is_retried_with_backoff_then_dropped(
    db: Engine, db_settings: Settings
) -> None:
    url = "http://news.example/jngx/feeds/atom.xml"
    with local_hub(status=503) as hub:
        assert queue_pings(db, [hub.url], [url, url]) == 1  # one row per (hub, feed)
        assert queue_pings(db, [hub.url], [url]) == 0
        [first] = send_due(db, NOW)
        assert not first.ok and "503" in first.detail
        assert pending(db) == [(hub.url, url, 1)]
        assert send_due(db, NOW + retry_delay(1) - timedelta(seconds=1)) == []  # not yet due
        later = NOW + retry_delay(1)
        [second] = send_due(db, later)
        assert not second.ok and pending(db) == [(hub.url, url, 2)]
        assert retry_delay(2) == 2 * retry_delay(1)
        hub.status = 204  # the hub is back
        [third] = send_due(db, later + retry_delay(2))
        assert third.ok and pending(db) == []
        assert len(hub.pings) == 3
        # Waiting pings show in `syndicate status`, with the hub's last error.
        queue_pings(db, [hub.url], [url])
        hub.status = 500
        send_due(db, NOW)
        shown = status.collect(db, db_settings, NOW)
        assert shown.websub == [(hub.url, 1, f"websub: {hub.url}: publish of {url} answered 500")]
        assert f"  {hub.url}: 1 (last: websub:" in status.to_text(shown)
        # A hub that never recovers: dropped after MAX_ATTEMPTS, never retried forever.
        at = NOW + retry_delay(1)
        for _ in range(MAX_ATTEMPTS - 1):
            assert len(send_due(db, at)) == 1
            at += retry_delay(MAX_ATTEMPTS)
        assert pending(db) == []


def test_a_hung_hub_costs_one_timeout_per_pass_and_delays_no_other_hub(
    db: Engine, db_settings: Settings
) -> None:
    urls = [f"http://news.example/jngx/feeds/{n}.xml" for n in ("atom", "issues", "page/1")]
    with silent_hub() as hung, local_hub() as live:
        queue_pings(db, [hung, live.url], urls)
        sent = send_due(db, NOW, timeout=0.2)
        by_hub = {h: [p for p in sent if p.hub == h] for h in (hung, live.url)}
        # One request to the hung hub timed out; its other pings were put off, not tried.
        assert [p.reached for p in by_hub[hung]] == [False, False, False]
        assert "ReadTimeout" in by_hub[hung][0].detail
        assert all(p.ok for p in by_hub[live.url]) and len(live.pings) == 3
        assert {(h, a) for h, _, a in pending(db)} == {(hung, 1)}
        assert len(pending(db)) == 3


def test_a_hub_error_is_reported_not_raised() -> None:
    with local_hub(status=500) as hub:
        pings = ping_hubs([hub.url], ["http://news.example/jngx/feeds/atom.xml"])
    assert len(pings) == 1 and not pings[0].ok
    assert pings[0].detail.startswith(f"websub: {hub.url}: publish of http://news.example/")
    assert "500" in pings[0].detail


def test_an_unreachable_hub_is_reported_not_raised() -> None:
    with local_hub() as hub:
        url = hub.url
    pings = ping_hubs([url], ["http://news.example/a.xml", "http://news.example/b.xml"])
    assert [p.ok for p in pings] == [False, False]
    assert "cannot reach the hub" in pings[0].detail


def test_no_hubs_no_requests() -> None:
    assert ping_hubs([], ["http://news.example/a.xml"]) == []
