"""Cached public files answered from the parser callback (``syndicate.web.fastpath``): the same
bytes as the app sends, without reaching the app; everything else still reaches it."""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from starlette.types import Receive, Scope, Send

from syndicate.command import listen_socket
from syndicate.config import Settings, load_settings
from syndicate.web.app import App, build_app
from syndicate.web.fastpath import protocol_for
from tests.web.test_web import FEED, publish_seed

TIMEOUT = 10


@dataclass
class Served:
    port: int
    calls: list[str]  # paths that reached the ASGI app


class Counting:
    def __init__(self, app: App, calls: list[str]) -> None:
        self.app, self.calls = app, calls

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.calls.append(scope["path"])
        await self.app(scope, receive, send)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = load_settings(None, {"SYNDICATE_DATA_DIR": str(tmp_path / "var")})
    publish_seed(s.public_dir)
    return s


async def _serve(settings: Settings, fast: bool) -> AsyncIterator[Served]:
    web = build_app(settings)
    calls: list[str] = []
    sock = listen_socket("127.0.0.1", 0)
    extra = {"http": protocol_for(web.files)} if fast else {"http": "httptools"}
    config = uvicorn.Config(Counting(web, calls), log_level="warning", lifespan="off", **extra)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    # No wait for the start: the socket listens already, so connections queue until it accepts.
    try:
        yield Served(sock.getsockname()[1], calls)
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, TIMEOUT)


@pytest.fixture
async def fast(settings: Settings) -> AsyncIterator[Served]:
    async for s in _serve(settings, True):
        yield s


@pytest.fixture
async def plain(settings: Settings) -> AsyncIterator[Served]:
    async for s in _serve(settings, False):
        yield s


async def exchange(
    port: int, raw: bytes, answers: int = 1
) -> list[tuple[str, dict[str, str], bytes]]:
    """Send ``raw`` (one or more requests) on one connection; read ``answers`` responses."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(raw)
    out = []
    for _ in range(answers):
        head = (await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), TIMEOUT)).decode("latin-1")
        lines = head.split("\r\n")
        headers = {k.lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
        body = b""
        if "content-length" in headers and not raw.startswith(b"HEAD"):
            body = await reader.readexactly(int(headers["content-length"]))
        headers.pop("date", None)
        out.append((lines[0], headers, body))
    writer.close()
    return out


def get(path: str, method: str = "GET", **headers: str) -> bytes:
    extra = "".join(f"{k.replace('_', '-')}: {v}\r\n" for k, v in headers.items())
    return f"{method} {path} HTTP/1.1\r\nhost: test\r\n{extra}\r\n".encode()


async def test_cached_hits_are_the_apps_answers_without_reaching_the_app(
    fast: Served, plain: Served
) -> None:
    for s in (fast, plain):  # the first request loads a file into each server's cache
        await exchange(s.port, get(FEED))
        await exchange(s.port, get("/"))
    [(_, first, _)] = await exchange(plain.port, get(FEED))
    later = "Fri, 01 Jan 2100 00:00:00 GMT"
    cases = [get(FEED), get(FEED, accept_encoding="gzip"), get(FEED, accept_encoding="br, gzip"),
             get(FEED, "HEAD", accept_encoding="gzip"), get(FEED, if_none_match=first["etag"]),
             get("/", accept_encoding="br"), get(FEED, if_modified_since=later)]  # fmt: skip
    before = len(fast.calls)
    for raw in cases:
        assert await exchange(fast.port, raw) == await exchange(plain.port, raw), raw
    assert len(fast.calls) == before  # none of them reached the app
    statuses = [(await exchange(fast.port, raw))[0][0] for raw in cases]
    assert statuses.count("HTTP/1.1 304 Not Modified") == 2 and len(set(statuses)) == 2


async def test_everything_else_reaches_the_app(fast: Served) -> None:
    await exchange(fast.port, get(FEED))
    fast.calls.clear()
    await exchange(fast.port, get(FEED + "?x=1"))
    await exchange(fast.port, get("/jngx/feeds/atom%2Exml"))
    await exchange(fast.port, get("/nope.xml"))
    [(status, _, _)] = await exchange(fast.port, get(FEED, "POST", content_length="0"))
    assert fast.calls == [FEED, "/jngx/feeds/atom.xml", "/nope.xml", FEED]
    assert status.startswith("HTTP/1.1 405")


async def test_pipelined_requests_are_answered_in_order(fast: Served) -> None:
    await exchange(fast.port, get(FEED))
    answers = await exchange(fast.port, get(FEED) + get("/nope.xml") + get(FEED), answers=3)
    assert [a[0].split()[1] for a in answers] == ["200", "404", "200"]
    assert answers[0] == answers[2]


async def test_a_republished_file_is_served_new_at_once(fast: Served, settings: Settings) -> None:
    [(_, _, old)] = await exchange(fast.port, get(FEED))
    path = settings.public_dir / FEED.lstrip("/")
    new = old.replace(b"</feed>", b"<!-- revised --></feed>")
    path.write_bytes(new)
    os.utime(path, (2_000_000_000, 2_000_000_000))
    for _ in range(2):  # the first reloads it through the app, the second is a cached hit
        [(_, headers, body)] = await exchange(fast.port, get(FEED))
        assert body == new and headers["last-modified"].endswith("2033 03:33:20 GMT")


async def test_connection_close_is_honoured(fast: Served) -> None:
    await exchange(fast.port, get(FEED))
    reader, writer = await asyncio.open_connection("127.0.0.1", fast.port)
    writer.write(get(FEED, connection="close"))
    data = await asyncio.wait_for(reader.read(), TIMEOUT)  # returns at EOF: the server closed
    assert data.startswith(b"HTTP/1.1 200 OK") and re.search(rb"connection: close", data, re.I)
    writer.close()
