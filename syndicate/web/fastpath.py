"""Cached public files answered from the HTTP parser's callback, without an ASGI cycle.

uvicorn turns every request into an ASGI scope, a task and two messages; for a feed poll that
costs more than the answer. ``protocol_for(files)`` is uvicorn's httptools protocol with one
step in front: when a ``GET``/``HEAD`` names, exactly, a file that ``StaticFiles`` holds and
whose stamp is unchanged (one ``stat``), the ready-made 200 or 304 (the same headers and
bytes the app sends: ``StaticFiles.answer``) is written to the transport at once. Anything
else goes the usual way: a query string, a percent-escape, a body, HTTP/1.0, an upgrade, a
request behind one still being answered, a file not (or no longer) cached, a file too big to
hold, over ``MAX_HEADERS`` headers. The access log gets the same line as for any request.

Measured in bench/feeds.py (``syndicate serve`` against nginx on the same file). The class
depends on uvicorn's ``HttpToolsProtocol`` attributes (``url``, ``headers``, ``cycle``,
``pipeline``, ``on_response_complete``); tests/web/test_fastpath.py holds the answers equal
to the app's, so an upgrade that changes them fails there first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from syndicate.web.static import StaticFiles

#: Requests with more headers than this go through the app (and its header limit).
MAX_HEADERS = 100
_REASONS = {200: b"OK", 304: b"Not Modified"}

AccessWriter = Callable[[dict[str, Any], int], None]


def protocol_for(files: StaticFiles, log: AccessWriter | None = None) -> type[HttpToolsProtocol]:
    """uvicorn's ``http=`` protocol class with ``files``' cached hits answered in front."""

    class FastStatic(HttpToolsProtocol):
        _answered = False

        def on_headers_complete(self) -> None:
            if not self._answer():
                super().on_headers_complete()

        def on_body(self, body: bytes) -> None:
            if not self._answered:
                super().on_body(body)

        def on_message_complete(self) -> None:
            if self._answered:
                self._answered = False
                return
            super().on_message_complete()

        def _answer(self) -> bool:
            url = self.url
            if b"?" in url or b"%" in url or not url.startswith(b"/"):
                return False
            if self.cycle is not None and not self.cycle.response_complete:
                return False  # pipelined behind a request still being answered
            if self.pipeline or self.parser.get_http_version() != "1.1":
                return False
            method = self.parser.get_method()
            if method not in (b"GET", b"HEAD") or self.parser.should_upgrade():
                return False
            headers = self.headers
            if len(headers) > MAX_HEADERS:
                return False
            if any(name in (b"content-length", b"transfer-encoding") for name, _ in headers):
                return False
            entry = files.fresh(url.decode("ascii", "replace"))
            if entry is None:
                return False  # not cached, or changed: the app (re)loads it
            status, variant = files.answer(entry, headers)
            body = b"" if status == 304 else variant.body
            if body is None:
                return False  # too big to hold: the app sends it from disk
            response_headers = variant.not_modified if status == 304 else variant.ok
            head = [b"HTTP/1.1 %d %s\r\n" % (status, _REASONS[status])]
            for name, value in (*self.server_state.default_headers, *response_headers):
                head.append(b"%s: %s\r\n" % (name, value))
            keep_alive = self.parser.should_keep_alive()
            if not keep_alive:
                head.append(b"connection: close\r\n")
            head.append(b"\r\n")
            if method == b"GET":
                head.append(body)
            self.transport.write(b"".join(head))
            self._answered = True
            if log is not None:
                scope = {"client": self.client, "raw_path": url, "query_string": b"",
                         "method": method.decode(), "http_version": "1.1"}  # fmt: skip
                log(scope, status)
            if not keep_alive:
                self.transport.close()
                return True
            self.on_response_complete()
            return True

    return FastStatic
