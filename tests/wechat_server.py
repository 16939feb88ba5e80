"""A real WeChat API contract server on 127.0.0.1 (port 0), in a thread.

Implements what syndicate calls (shared/reference/wechat.md §1): stable_token, material/
add_material (thumb), media/uploadimg, draft/add, draft/batchget, draft/count, freepublish/
submit and freepublish/get. Like WeChat it answers HTTP 200 with ``errcode``/``errmsg`` and:

- checks the access token (40001 unknown, 42001 expired) and the appid/secret;
- requires UTF-8 JSON bodies without ``\\uXXXX`` escapes (40033) and checks the field
  limits of draft/add (45003 title, 45110 author, 45004 digest, 45002 content, 40007 cover);
- stores drafts and materials so tests can count them;
- scripts errcodes per endpoint: ``script("draft/add", 45009, times=2)``;
- runs ``hooks[endpoint]`` after a call succeeded and before it answers: a test can make the
  server hang there while it kills the client, or return ``"drop"`` to close the connection
  without answering (the client sees a network error after the draft was made).
"""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import re
import threading
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

APPID = "wx0123456789abcdef"
SECRET = "s3cret"
_ESCAPE = re.compile(r"\\.")


class Clock:
    """The time the code under test sees (``clock()``); tests move ``now`` by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Call:
    endpoint: str
    query: dict[str, str]
    body: Any
    answer: dict[str, Any] = field(default_factory=dict)


class WeChatState:
    """Everything the fake platform knows; guarded by one lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counter = itertools.count(1)
        self.token = ""
        self.expired: set[str] = set()
        self.valid: set[str] = set()
        self.force_refreshes = 0
        self.drafts: dict[str, list[dict[str, Any]]] = {}
        self.thumbs: dict[str, bytes] = {}
        self.images: dict[str, bytes] = {}
        self.published: dict[str, str] = {}
        self.calls: list[Call] = []
        self.scripted: dict[str, deque[tuple[int, str]]] = defaultdict(deque)
        self.hooks: dict[str, Callable[[], str | None]] = {}

    def script(self, endpoint: str, errcode: int, errmsg: str = "", *, times: int = 1) -> None:
        """The next ``times`` calls to ``endpoint`` answer ``errcode``."""
        with self.lock:
            for _ in range(times):
                self.scripted[endpoint].append((errcode, errmsg or f"scripted {errcode}"))

    def expire_token(self) -> None:
        """The current token expires now (the next call with it gets 42001)."""
        with self.lock:
            self.expired.add(self.token)
            self.valid.discard(self.token)

    def calls_to(self, endpoint: str) -> list[Call]:
        return [c for c in self.calls if c.endpoint == endpoint]

    def next_id(self, prefix: str) -> str:
        return f"{prefix}_{next(self.counter):04d}"


def _err(code: int, msg: str) -> dict[str, Any]:
    return {"errcode": code, "errmsg": f"{msg} rid: 0000"}


def has_unicode_escape(raw: str) -> bool:
    """Whether JSON text uses a ``\\uXXXX`` escape (``\\\\u`` is an escaped backslash)."""
    return any(m.group(0) == "\\u" for m in _ESCAPE.finditer(raw))


def check_article(a: dict[str, Any], thumbs: dict[str, bytes]) -> dict[str, Any] | None:
    """The errcode answer for an article that breaks a limit, or None."""
    limits = [("title", 32, 45003), ("author", 16, 45110), ("digest", 128, 45004)]
    if not a.get("title"):
        return _err(44003, "empty news data")
    for name, limit, code in limits:
        if len(a.get(name, "") or "") > limit:
            return _err(code, f"{name} size out of limit")
    content = a.get("content", "")
    if not content or len(content) >= 20000 or len(content.encode()) >= 1024 * 1024:
        return _err(45002, "content size out of limit")
    if len((a.get("content_source_url") or "").encode()) > 1024:
        return _err(45005, "url size out of limit")
    if a.get("article_type", "news") == "news" and a.get("thumb_media_id") not in thumbs:
        return _err(40007, "invalid media_id")
    return None


class Handler(BaseHTTPRequestHandler):
    server: WeChatServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self._handle(b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self._handle(self.rfile.read(length))

    def _handle(self, raw: bytes) -> None:
        url = urlsplit(self.path)
        endpoint = url.path.removeprefix("/cgi-bin/")
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        state = self.server.state
        answer, body = self.server.answer(endpoint, query, raw, self.headers.get("Content-Type"))
        with state.lock:
            state.calls.append(Call(endpoint, query, body, answer))
            hook = state.hooks.get(endpoint) if "errcode" not in answer else None
        if hook and hook() == "drop":
            self.close_connection = True  # the call succeeded, but no answer reaches the client
            return
        data = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        self.send_response(200)
        kind = "text/plain" if endpoint == "media/uploadimg" else "application/json"
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client died waiting (the crash tests kill it on purpose)


class WeChatServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.state = WeChatState()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def answer(
        self, endpoint: str, query: dict[str, str], raw: bytes, ctype: str | None
    ) -> tuple[dict[str, Any], Any]:
        s = self.state
        body: Any = None
        if ctype and ctype.startswith("multipart/form-data"):
            body = _multipart(raw, ctype)
        elif raw:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                return _err(47001, "data format error: body is not UTF-8"), None
            if has_unicode_escape(text):
                return _err(40033, "invalid charset. please check your request: \\uxxxx"), text
            try:
                body = json.loads(text)
            except ValueError:
                return _err(47001, "data format error"), text
        with s.lock:
            if endpoint == "stable_token":
                return self._stable_token(body), body
            if endpoint not in ROUTES:
                return _err(404, "api not found"), body
            token = query.get("access_token", "")
            if token in s.expired:
                return _err(42001, "access_token expired"), body
            if token not in s.valid:
                return _err(40001, "invalid credential, access_token is invalid"), body
            if s.scripted[endpoint]:
                return _err(*s.scripted[endpoint].popleft()), body
            return ROUTES[endpoint](s, query, body), body

    def _stable_token(self, body: Any) -> dict[str, Any]:
        s = self.state
        if s.scripted["stable_token"]:
            return _err(*s.scripted["stable_token"].popleft())
        if not isinstance(body, dict) or body.get("grant_type") != "client_credential":
            return _err(40002, "invalid grant_type")
        if body.get("appid") != APPID:
            return _err(40013, "invalid appid")
        if body.get("secret") != SECRET:
            return _err(40125, "invalid appsecret")
        if body.get("force_refresh"):
            s.force_refreshes += 1
            s.valid.discard(s.token)
        if s.token not in s.valid:
            s.token = s.next_id("TOKEN")
            s.valid.add(s.token)
        return {"access_token": s.token, "expires_in": 7200}


def _multipart(raw: bytes, ctype: str) -> dict[str, tuple[str, bytes]]:
    head = f"Content-Type: {ctype}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + raw)
    parts: dict[str, tuple[str, bytes]] = {}
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        parts[str(name)] = (str(part.get_filename() or ""), data)
    return parts


def _add_material(s: WeChatState, q: dict[str, str], body: Any) -> dict[str, Any]:
    if q.get("type") != "thumb" or not isinstance(body, dict) or "media" not in body:
        return _err(40004, "invalid media type")
    data = body["media"][1]
    if not data.startswith(b"\xff\xd8") or not data.endswith(b"\xff\xd9"):
        return _err(40005, "invalid file type: a thumb must be a JPEG")
    if len(data) > 64 * 1024:
        return _err(40009, "invalid image size")
    media_id = s.next_id("THUMB")
    s.thumbs[media_id] = data
    return {"media_id": media_id, "url": f"http://mmbiz.qpic.cn/mmbiz_jpg/{media_id}/0"}


def _uploadimg(s: WeChatState, q: dict[str, str], body: Any) -> dict[str, Any]:
    if not isinstance(body, dict) or "media" not in body:
        return _err(41005, "media data missing")
    name, data = body["media"]
    if not data.startswith((b"\xff\xd8", b"\x89PNG")):
        return _err(40005, "invalid file type")
    if len(data) >= 1024 * 1024:
        return _err(40009, "invalid image size")
    key = s.next_id("IMG")
    s.images[key] = data
    return {"url": f"http://mmbiz.qpic.cn/mmbiz_jpg/{key}/0"}


def _draft_add(s: WeChatState, q: dict[str, str], body: Any) -> dict[str, Any]:
    articles = body.get("articles") if isinstance(body, dict) else None
    if not isinstance(articles, list) or not 1 <= len(articles) <= 8:
        return _err(47001, "data format error: articles")
    for a in articles:
        if error := check_article(a, s.thumbs):
            return error
    media_id = s.next_id("DRAFT")
    s.drafts[media_id] = articles
    return {"media_id": media_id}


def _draft_batchget(s: WeChatState, q: dict[str, str], body: Any) -> dict[str, Any]:
    offset, count = int(body.get("offset", 0)), int(body.get("count", 20))
    if not 1 <= count <= 20:
        return _err(40097, "invalid args: count")
    newest = list(reversed(s.drafts.items()))[offset : offset + count]
    items = []
    for media_id, articles in newest:
        news = [dict(a) for a in articles]
        if body.get("no_content"):
            for a in news:
                a.pop("content", None)
        items.append({"media_id": media_id, "content": {"news_item": news}, "update_time": 0})
    return {"total_count": len(s.drafts), "item_count": len(items), "item": items}


def _draft_count(s: WeChatState, q: dict[str, str], body: Any) -> dict[str, Any]:
    return {"total_count": len(s.drafts)}


def _submit(s: WeChatState, q: dict[str, str], body: Any) -> dict[str, Any]:
    media_id = body.get("media_id") if isinstance(body, dict) else None
    if media_id not in s.drafts:
        return _err(40007, "invalid media_id")
    publish_id = str(2247483648 + len(s.published))  # larger than int32, as real ids are
    s.published[publish_id] = media_id
    return {"errcode": 0, "errmsg": "ok", "publish_id": publish_id, "msg_data_id": publish_id}


def _publish_get(s: WeChatState, q: dict[str, str], body: Any) -> dict[str, Any]:
    publish_id = str(body.get("publish_id")) if isinstance(body, dict) else ""
    if publish_id not in s.published:
        return _err(40007, "invalid publish_id")
    n = len(s.drafts[s.published[publish_id]])
    items = [{"idx": i + 1, "article_url": f"https://mp.weixin.qq.com/s/{i}"} for i in range(n)]
    return {
        "publish_id": publish_id,
        "publish_status": 0,
        "article_id": f"ART_{publish_id}",
        "article_detail": {"count": n, "item": items},
        "fail_idx": [],
    }


ROUTES: dict[str, Callable[[WeChatState, dict[str, str], Any], dict[str, Any]]] = {
    "material/add_material": _add_material,
    "media/uploadimg": _uploadimg,
    "draft/add": _draft_add,
    "draft/batchget": _draft_batchget,
    "draft/count": _draft_count,
    "freepublish/submit": _submit,
    "freepublish/get": _publish_get,
}


@contextmanager
def serve() -> Iterator[WeChatServer]:
    """A running contract server; shut down on exit."""
    server = WeChatServer()
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
