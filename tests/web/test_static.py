"""The public files as served (in process, httpx.ASGITransport): codings from the files written
at publish time, validators per variant, the bounded cache, big files from disk, and paths
that stay on this host."""

from __future__ import annotations

import gzip
import os
from collections.abc import AsyncIterator
from pathlib import Path

import brotli
import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from syndicate.feeds.public import PublicFile, write_files
from syndicate.web import static
from tests.feed_support import AT

FEED = "/jngx/feeds/atom.xml"
BODY = ("<feed>" + "济宁高新区实施产业聚集“五大工程”。" * 200 + "</feed>").encode()


def app_for(root: Path, **kw: object) -> Starlette:
    files = static.StaticFiles(root, **kw)  # type: ignore[arg-type]
    route = Route("/{path:path}", files.endpoint, methods=["GET", "HEAD"])
    app = Starlette(routes=[route], middleware=[Middleware(files.middleware)])
    app.state.files = files
    return app


@pytest.fixture
def root(tmp_path: Path) -> Path:
    write_files(tmp_path, [PublicFile(FEED, BODY, AT), PublicFile("/jngx/index.html", BODY, AT)])
    return tmp_path


@pytest.fixture
async def client(root: Path) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app_for(root))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


async def get_path(c: httpx.AsyncClient, raw_path: str) -> httpx.Response:
    """GET a request target exactly as given (httpx would read ``//x`` as a host)."""
    return await c.get(httpx.URL("http://test").copy_with(raw_path=raw_path.encode()))


async def get_raw(c: httpx.AsyncClient, path: str, **headers: str) -> httpx.Response:
    """A response with its body as sent (not decoded)."""
    req = c.build_request("GET", path, headers=headers)
    r = await c.send(req, stream=True)
    r._content = b"".join([chunk async for chunk in r.aiter_raw()])
    return r


async def test_each_coding_is_the_file_written_beside_it(
    client: httpx.AsyncClient, root: Path
) -> None:
    br = await get_raw(client, FEED, **{"accept-encoding": "gzip, deflate, br"})
    gz = await get_raw(client, FEED, **{"accept-encoding": "gzip"})
    plain = await get_raw(client, FEED, **{"accept-encoding": "identity"})
    assert br.headers["content-encoding"] == "br" and gz.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert br.content == (root / "jngx/feeds/atom.xml.br").read_bytes()
    assert brotli.decompress(br.content) == gzip.decompress(gz.content) == plain.content == BODY
    assert len({br.headers["etag"], gz.headers["etag"], plain.headers["etag"]}) == 3
    for r in (br, gz, plain):
        assert r.headers["vary"] == "Accept-Encoding"
        assert int(r.headers["content-length"]) == len(r.content)
        assert not r.headers["etag"].startswith("W/")
        assert r.headers["content-type"] == "application/atom+xml; charset=utf-8"


async def test_each_variant_validates_only_itself(client: httpx.AsyncClient) -> None:
    br = await client.get(FEED, headers={"accept-encoding": "br"})
    gz = await client.get(FEED, headers={"accept-encoding": "gzip"})
    same = await client.get(
        FEED, headers={"accept-encoding": "br", "if-none-match": br.headers["etag"]}
    )
    assert same.status_code == 304 and same.content == b""
    assert same.headers["etag"] == br.headers["etag"]
    assert same.headers["vary"] == "Accept-Encoding" and "content-encoding" not in same.headers
    other = await client.get(
        FEED, headers={"accept-encoding": "br", "if-none-match": gz.headers["etag"]}
    )
    assert other.status_code == 200 and other.headers["content-encoding"] == "br"
    listed = f'"nope", {br.headers["etag"]}'
    either = await client.get(FEED, headers={"accept-encoding": "br", "if-none-match": listed})
    assert either.status_code == 304


@pytest.mark.parametrize(
    ("header", "available", "chosen"),
    [
        ("gzip, deflate, br", ("", "br", "gzip"), "br"),
        ("gzip, deflate, br", ("", "gzip"), "gzip"),
        ("gzip;q=1, br;q=0.5", ("", "br", "gzip"), "gzip"),
        ("br;q=0, *", ("", "br", "gzip"), "gzip"),
        ("*;q=0", ("", "br", "gzip"), ""),
        ("identity", ("", "br", "gzip"), ""),
        ("", ("", "br", "gzip"), ""),
        ("BR;Q=0.9", ("", "br", "gzip"), "br"),
        ("br;q=bad, gzip", ("", "br", "gzip"), "gzip"),
    ],
)
def test_choose_coding(header: str, available: tuple[str, ...], chosen: str) -> None:
    assert static.choose_coding(header, available) == chosen


async def test_a_variant_from_other_bytes_is_never_sent(
    client: httpx.AsyncClient, root: Path
) -> None:
    stale = root / "jngx/feeds/atom.xml.gz"
    stale.write_bytes(gzip.compress(b"<feed>old</feed>"))
    os.utime(stale, (AT.timestamp() - 60, AT.timestamp() - 60))  # not the file's mtime
    r = await client.get(FEED, headers={"accept-encoding": "gzip"})
    assert "content-encoding" not in r.headers and r.content == BODY


def overwrite_in_place(path: Path, head: bytes) -> None:
    with open(path, "r+b") as f:
        f.write(head)


async def test_a_hit_is_answered_from_memory(client: httpx.AsyncClient, root: Path) -> None:
    first = await client.get(FEED)
    # Same size, same mtime, same inode: the cached bytes stand (no read per request) ...
    path = root / "jngx/feeds/atom.xml"
    overwrite_in_place(path, b"<FEED>")
    os.utime(path, (AT.timestamp(), AT.timestamp()))
    assert (await client.get(FEED)).content == first.content
    # ... and a file published anew is seen at once (its stamp changed).
    write_files(root, [PublicFile(FEED, BODY.replace(b"<feed>", b"<feed >"), AT)])
    fresh = await client.get(FEED)
    assert fresh.content.startswith(b"<feed >") and fresh.headers["etag"] != first.headers["etag"]


def test_the_cache_is_bounded_least_recently_used_first(root: Path) -> None:
    entry = static.load(root / "jngx/feeds/atom.xml", FEED)
    assert entry is not None and entry.held > len(BODY)  # identity, br and gzip held
    cache = static.Cache(max_bytes=2 * entry.held)
    cache.put("/a", entry)
    cache.put("/b", entry)
    assert cache.get("/a") is entry  # /b is now the least recently used
    cache.put("/c", entry)
    assert list(cache.entries) == ["/a", "/c"] and cache.held == 2 * entry.held
    cache.put("/c", entry)  # replacing counts once
    assert cache.held == 2 * entry.held


async def test_a_big_file_is_sent_from_disk_and_never_held(root: Path) -> None:
    big = ("<feed>" + os.urandom(3000).hex() + "</feed>").encode()
    write_files(root, [PublicFile("/big.xml", big, AT)])
    app = app_for(root, max_file=1024)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        r = await c.get("/big.xml", headers={"accept-encoding": "gzip"})
        assert r.status_code == 200 and r.content == big
        assert r.headers["content-encoding"] == "gzip"
        tag = r.headers["etag"]
        again = await c.get("/big.xml", headers={"accept-encoding": "gzip", "if-none-match": tag})
        assert again.status_code == 304
        head = await c.head("/big.xml", headers={"accept-encoding": "identity"})
        assert head.content == b"" and head.headers["content-length"] == str(len(big))
        assert head.headers["etag"] != tag
    assert app.state.files.cache.held == 0 and "/big.xml" in app.state.files.cache.entries


NASTY = [
    "//evil.com",
    "//evil.com/",
    "///evil.com",
    "/\\evil.com",
    "/%5cevil.com",
    "/%2f%2fevil.com",
    "/%2F%2Fevil.com/",
    "/jngx/..//evil",
    "/jngx/%2e%2e//evil.com",
    "/./evil.com",
    "/%0d%0aLocation:%20http://evil.com",
    "//jngx/%2e%2e/%2e%2e/",
]


@pytest.mark.parametrize("path", NASTY)
async def test_no_redirect_leaves_this_host(client: httpx.AsyncClient, path: str) -> None:
    r = await get_path(client, path)
    location = r.headers.get("location", "/")
    assert r.status_code in (301, 404), (path, r.status_code)
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    assert "evil" not in location and "\r" not in location and "\n" not in location


@pytest.mark.parametrize(
    ("path", "location"),
    [("//jngx", "/jngx/"), ("///jngx//feeds", "/jngx/feeds/"), ("/jngx", "/jngx/")],
)
async def test_a_directory_redirects_to_its_canonical_path(
    client: httpx.AsyncClient, path: str, location: str
) -> None:
    r = await get_path(client, path)
    assert r.status_code == 301 and r.headers["location"] == location


async def test_the_host_header_never_reaches_a_location(client: httpx.AsyncClient) -> None:
    for host in ("evil.com", "evil.com//", "evil.com/jngx?"):
        r = await client.get("/jngx", headers={"host": host})
        assert r.status_code == 301 and r.headers["location"] == "/jngx/", host
