"""The web app in process (httpx.ASGITransport): validators, 304s, gzip, HEAD, types, routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from email.utils import formatdate
from pathlib import Path

import feedparser
import httpx
import pytest
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from syndicate.config import Settings, load_settings
from syndicate.feeds import atom, pages
from syndicate.feeds.public import PublicFile, write_files
from syndicate.feeds.publish import web_environment
from syndicate.web import app as web
from syndicate.web import static
from tests.feed_support import AT, SITE, seed_edition

FEED = "/jngx/feeds/atom.xml"
PLAIN = {"accept-encoding": "identity"}


def publish_seed(root: Path) -> None:
    e = seed_edition()
    env = web_environment()
    write_files(
        root,
        [
            PublicFile(FEED, atom.render_paper_feed(SITE, e.stories(), newest_archive=None), AT),
            PublicFile(
                "/", pages.render_issue_page(env, SITE, e, prev=None, next=None).encode(), AT
            ),
            PublicFile(
                "/jngx/2022-03-25/p1-1.html",
                pages.render_article_page(env, SITE, e, "p1-1").encode(),
                AT,
            ),
            PublicFile("/jngx/feeds/archive/2022-03-25.xml", b"<feed/>" * 100, AT),
            PublicFile("/robots.txt", b"User-agent: *\n", AT),
        ],
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = load_settings(None, {"SYNDICATE_DATA_DIR": str(tmp_path / "var")})
    publish_seed(s.public_dir)
    return s


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=web.build_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


async def test_feed_is_served_as_atom_with_strong_validators(client: httpx.AsyncClient) -> None:
    r = await client.get(FEED, headers=PLAIN)
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert r.headers["etag"].startswith('"') and not r.headers["etag"].startswith("W/")
    assert r.headers["last-modified"] == formatdate(AT.timestamp(), usegmt=True)
    assert r.headers["cache-control"] == "public, max-age=300"
    assert "content-encoding" not in r.headers
    parsed = feedparser.parse(r.content)
    assert parsed.bozo == 0 and len(parsed.entries) == 9


async def test_if_none_match_gets_304(client: httpx.AsyncClient) -> None:
    first = await client.get(FEED)
    again = await client.get(FEED, headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == first.headers["etag"]
    other = await client.get(FEED, headers={"if-none-match": '"something-else"'})
    assert other.status_code == 200


async def test_if_modified_since_gets_304(client: httpx.AsyncClient) -> None:
    first = await client.get(FEED)
    again = await client.get(FEED, headers={"if-modified-since": first.headers["last-modified"]})
    assert again.status_code == 304 and again.content == b""
    earlier = formatdate((AT - timedelta(seconds=1)).timestamp(), usegmt=True)
    assert (await client.get(FEED, headers={"if-modified-since": earlier})).status_code == 200
    bad = await client.get(FEED, headers={"if-modified-since": "yesterday"})
    assert bad.status_code == 200


async def test_if_none_match_wins_over_if_modified_since(client: httpx.AsyncClient) -> None:
    first = await client.get(FEED)
    r = await client.get(
        FEED,
        headers={"if-none-match": '"stale"', "if-modified-since": first.headers["last-modified"]},
    )
    assert r.status_code == 200


async def test_gzip_is_negotiated(client: httpx.AsyncClient) -> None:
    plain = await client.get(FEED, headers=PLAIN)
    packed = await client.get(FEED, headers={"accept-encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.headers["vary"] == plain.headers["vary"] == "Accept-Encoding"
    assert packed.content == plain.content  # httpx decodes
    assert int(packed.headers["content-length"]) < len(plain.content) / 2
    assert packed.headers["etag"] != plain.headers["etag"]
    refused = await client.get(FEED, headers={"accept-encoding": "gzip;q=0, br;q=0, *"})
    assert "content-encoding" not in refused.headers
    again = await client.get(
        FEED, headers={"accept-encoding": "gzip", "if-none-match": packed.headers["etag"]}
    )
    assert again.status_code == 304


async def test_head_sends_the_headers_of_get(client: httpx.AsyncClient) -> None:
    got = await client.get(FEED, headers=PLAIN)
    head = await client.head(FEED, headers=PLAIN)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(got.content))
    for name in ("etag", "last-modified", "content-type", "cache-control"):
        assert head.headers[name] == got.headers[name]


async def test_pages_are_html_and_the_home_page_is_served(client: httpx.AsyncClient) -> None:
    home = await client.get("/")
    assert home.status_code == 200
    assert home.headers["content-type"] == "text/html; charset=utf-8"
    assert 'type="application/atom+xml"' in home.text
    article = await client.get("/jngx/2022-03-25/p1-1.html")
    assert article.status_code == 200 and article.headers["cache-control"] == "public, max-age=60"
    archive = await client.get("/jngx/feeds/archive/2022-03-25.xml")
    assert archive.headers["cache-control"] == "public, max-age=3600"
    assert (await client.get("/robots.txt")).headers["content-type"] == "text/plain; charset=utf-8"


async def test_missing_and_unsafe_paths(client: httpx.AsyncClient) -> None:
    assert (await client.get("/jngx/feeds/nope.xml")).status_code == 404
    assert (await client.get("/jngx/%2e%2e/%2e%2e/etc/passwd")).status_code == 404
    assert (await client.get("/jngx/feeds/.atom.xml.tmp")).status_code == 404
    assert (await client.post(FEED)).status_code == 405


async def test_a_directory_redirects_to_its_slash(client: httpx.AsyncClient) -> None:
    r = await client.get("/jngx/2022-03-25")
    assert r.status_code == 301 and r.headers["location"] == "/jngx/2022-03-25/"


async def test_a_republished_file_gets_new_validators(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    first = await client.get(FEED)
    write_files(settings.public_dir, [PublicFile(FEED, b"<feed>changed</feed>" * 20, AT)])
    again = await client.get(FEED, headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 200 and again.content.startswith(b"<feed>changed")
    assert again.headers["etag"] != first.headers["etag"]
    assert again.headers["last-modified"] != first.headers["last-modified"]


def subscribe(request: Request) -> Response:
    return PlainTextResponse("subscribe form")


def provider(settings: Settings) -> list[BaseRoute]:
    return [Route("/provided", subscribe)]


async def test_other_modules_add_routes(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web, "ROUTE_PROVIDERS", ("tests.web.test_web:provider",))
    app = web.build_app(settings, routes=[Route("/jngx/subscribe", subscribe)])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        assert (await c.get("/jngx/subscribe")).text == "subscribe form"
        assert (await c.get("/provided")).text == "subscribe form"
        assert (await c.get(FEED)).status_code == 200


@pytest.mark.parametrize(
    ("header", "ok"),
    [
        ("gzip", True),
        ("gzip, deflate, br", True),
        ("deflate", False),
        ("*", True),
        ("gzip;q=0", False),
        ("gzip;q=0.5", True),
        ("*;q=0", False),
        ("", False),
    ],
)
def test_accepts_gzip(header: str, ok: bool) -> None:
    assert static.accepts_gzip(header) is ok


async def test_validators_survive_a_restart(settings: Settings) -> None:
    tags = []
    for _ in range(2):  # two app instances: nothing cached in common
        app = web.build_app(settings)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            r = await c.get(FEED, headers={"accept-encoding": "gzip"})
            tags.append((r.headers["etag"], r.headers["last-modified"]))
    assert tags[0] == tags[1]
