"""The access log of ``syndicate serve``: one line per request on stdout, in uvicorn's format
(``INFO:     127.0.0.1:52044 - "GET /jngx/feeds/atom.xml HTTP/1.1" 304``).

Written here rather than by uvicorn's access logger: going through ``logging`` (a record, a
formatter, a handler's lock and flush) took a third of the time of answering a cached feed
(py-spy, bench/feeds.py); one formatted write costs a small fraction of that, and the lines
written in one turn of the event loop are flushed together, right after it.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class AccessLog:
    """ASGI middleware: the line is written when the response starts (as uvicorn does)."""

    def __init__(self, app: ASGIApp, out: TextIO | None = None) -> None:
        self.app = app
        self.out = out
        self.flushing = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.write(scope, message["status"])
            await send(message)

        await self.app(scope, receive, logged)

    def write(self, scope: Scope, status: int) -> None:
        client = scope.get("client")
        addr = f"{client[0]}:{client[1]}" if client else ""
        target = scope["raw_path"].decode("latin-1")
        if scope["query_string"]:
            target += "?" + scope["query_string"].decode("latin-1")
        target = target.replace('"', "%22")
        out = self.out or sys.stdout
        out.write(
            f'INFO:     {addr} - "{scope["method"]} {target} HTTP/{scope["http_version"]}" '
            f"{status}\n"
        )
        if not self.flushing:  # one flush per turn of the event loop, not one per line
            self.flushing = True
            asyncio.get_running_loop().call_soon(self.flush, out)

    def flush(self, out: TextIO) -> None:
        self.flushing = False
        out.flush()
