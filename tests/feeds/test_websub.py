"""WebSub: a real local hub (HTTP on 127.0.0.1, port 0) receives the publish pings."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import feedparser
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.feeds.publish import publish_key
from syndicate.feeds.websub import ping_hubs
from syndicate.store.ingest import ingest_bytes
from tests.conftest import SEED
from tests.feed_support import AT


@dataclass
class Hub:
    """Records every POST; answers ``status``."""

    status: int = 204
    url: str = ""
    pings: list[dict[str, list[str]]] = field(default_factory=list)
    content_types: list[str] = field(default_factory=list)


@contextmanager
def local_hub(status: int = 204) -> Iterator[Hub]:
    hub = Hub(status=status)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            hub.content_types.append(self.headers.get("Content-Type", ""))
            hub.pings.append(parse_qs(body.decode("utf-8")))
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


def test_publishing_pings_the_hub_for_each_changed_feed(db: Engine, db_settings: Settings) -> None:
    with local_hub() as hub:
        settings = replace(db_settings, websub_hubs=(hub.url,))
        key = ingest_bytes(db, settings, SEED.read_bytes(), source="seed", now=AT).key
        report = publish_key(db, settings, key)
        assert report.pings and not report.failed_pings
        urls = [p["hub.url"][0] for p in hub.pings]
        assert all(p["hub.mode"] == ["publish"] for p in hub.pings)
        assert hub.content_types[0] == "application/x-www-form-urlencoded"
        base = settings.base_url
        assert f"{base}/jngx/feeds/atom.xml" in urls
        assert f"{base}/jngx/feeds/issues.xml" in urls
        assert f"{base}/jngx/feeds/reporter/%E5%88%98%E8%8F%B2.xml" in urls
        assert not [u for u in urls if "/archive/" in u or u.endswith(".html")]
        # The feed announces the same hub and its own URL.
        feed = feedparser.parse((settings.public_dir / "jngx/feeds/atom.xml").read_bytes())
        rels = {x.rel: x.href for x in feed.feed.links}
        assert rels["hub"] == hub.url and rels["self"] == f"{base}/jngx/feeds/atom.xml"
        # Nothing changed: no file rewritten, so no ping.
        count = len(hub.pings)
        assert publish_key(db, settings, key).pings == []
        assert len(hub.pings) == count


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
