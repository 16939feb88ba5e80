"""`syndicate serve`'s access log: one line per request in uvicorn's format (the end-to-end
test in tests/feeds/test_feeds_e2e.py reads it from a real server's stdout)."""

from __future__ import annotations

import io

import httpx
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from syndicate.web.access_log import AccessLog


async def test_one_line_per_request_in_uvicorns_format() -> None:
    out = io.StringIO()
    inner = Starlette(routes=[Route("/x", lambda r: PlainTextResponse("ok", status_code=201))])
    app = AccessLog(inner, out=out)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 52044))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        await c.get('/x?q=核酸&a="b"')
        await c.get("/missing")
    assert out.getvalue().splitlines() == [
        'INFO:     127.0.0.1:52044 - "GET /x?q=%E6%A0%B8%E9%85%B8&a=%22b%22 HTTP/1.1" 201',
        'INFO:     127.0.0.1:52044 - "GET /missing HTTP/1.1" 404',
    ]
