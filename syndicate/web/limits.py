"""Request limits for the web service, in front of every route.

``BodyLimit`` refuses a request body over ``max_bytes`` with 413 before any handler reads it:
at once when ``Content-Length`` says so, or as soon as a chunked body passes the limit. Our
only bodies are small forms (subscribe, confirm, one-click unsubscribe, the admin's hold and
resend), so the limit is 64 KiB; the form parsers' own field and part limits still apply
below it. Without this, a client could make a handler buffer as much as it cared to send.

``HeaderLimit`` answers 431 (RFC 6585) to a request with more than ``MAX_HEADERS`` header
fields or more than ``MAX_HEADER_BYTES`` of names and values together, before any route
runs. (The HTTP parser below uvicorn caps a request head at its own, larger, size.)
"""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 64 * 1024
MAX_HEADERS = 100
MAX_HEADER_BYTES = 16 * 1024


class _TooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        seen, started = 0, False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise _TooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = f"request body over {self.max_bytes // 1024} KiB refused\n".encode()
        headers: list[Any] = [(b"content-type", b"text/plain; charset=utf-8"),
                              (b"content-length", str(len(body)).encode()),
                              (b"connection", b"close")]  # fmt: skip
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class HeaderLimit:
    def __init__(
        self, app: ASGIApp, max_count: int = MAX_HEADERS, max_bytes: int = MAX_HEADER_BYTES
    ) -> None:
        self.app, self.max_count, self.max_bytes = app, max_count, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = scope.get("headers") or [] if scope["type"] == "http" else []
        size = sum(len(k) + len(v) for k, v in headers)
        if len(headers) <= self.max_count and size <= self.max_bytes:
            await self.app(scope, receive, send)
            return
        body = (f"request headers over {self.max_count} fields or "
                f"{self.max_bytes // 1024} KiB refused\n").encode()  # fmt: skip
        out: list[Any] = [(b"content-type", b"text/plain; charset=utf-8"),
                          (b"content-length", str(len(body)).encode()),
                          (b"connection", b"close")]  # fmt: skip
        await send({"type": "http.response.start", "status": 431, "headers": out})
        await send({"type": "http.response.body", "body": body})
