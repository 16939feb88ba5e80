"""The WeChat Official Account (公众号) API client: a thin edge on httpx.

Builds each request, calls the peer at ``api_base`` and maps its answer; decides nothing about
retries (``syndicate/wechat_send.py`` does, through the ledger). Reference and sources:
shared/reference/wechat.md.

- Tokens come from ``POST /cgi-bin/stable_token`` and live in a ``TokenCache`` shared by every
  worker (the database's app_state table). On 40001/40014/42001 the call refreshes the token
  once (``force_refresh`` only when the platform hands back the token that just failed) and
  retries once; a second token error is raised, never looped on.
- Bodies are UTF-8 JSON without ``\\uXXXX`` escapes (errcode 40033); answers are decoded as
  UTF-8 JSON whatever their content type (uploadimg answers ``text/plain``).
- An answer with a non-zero ``errcode`` raises ``WeChatError``:
  ``wechat: draft/add failed: errcode=45009 (reach max api daily quota limit) …``.
- ``add_draft`` checks every documented limit (``check_wechat``) before any call.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from syndicate.errors import WeChatError
from syndicate.wechat.check import IMAGE_HOSTS, check_wechat
from syndicate.wechat.render import encode_payload

_IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")')
TOKEN_ERRORS = frozenset({40001, 40014, 42001})
#: Refresh a cached token this long before WeChat says it expires.
TOKEN_MARGIN = timedelta(minutes=5)
BATCH = 20  # draft/batchget answers at most 20 drafts a call
#: What an admin must do about an errcode that no retry fixes.
HINTS = {
    48001: "the account lacks this API permission; verify the account (freepublish needs a "
    "verified, non-personal account since July 2025)",
    40164: "this server's outbound IP is not whitelisted; add it under "
    "设置与开发 > 基本配置 > IP白名单",
    45009: "the daily quota of this API is used up; it resets at midnight Beijing time",
    45011: "the per-minute rate limit was hit; wait a minute",
    40007: "the cover media_id is invalid; the cached cover will be uploaded again",
    40033: "the request body carried \\u escapes; send UTF-8 JSON",
    45166: "WeChat rejected the content; review the text",
}


class TokenCache(Protocol):
    """Where the access token is shared between workers (the database in production)."""

    def get(self, now: datetime) -> str | None: ...

    def put(self, token: str, *, now: datetime, expires_at: datetime) -> None: ...

    def drop(self, now: datetime) -> None: ...


class MemoryTokens:
    """A process-local ``TokenCache`` (for one-off commands and tests)."""

    def __init__(self) -> None:
        self.token: str | None = None
        self.expires_at: datetime | None = None

    def get(self, now: datetime) -> str | None:
        if self.token and self.expires_at and now < self.expires_at:
            return self.token
        return None

    def put(self, token: str, *, now: datetime, expires_at: datetime) -> None:
        self.token, self.expires_at = token, expires_at

    def drop(self, now: datetime) -> None:
        self.token = None


class WeChatClient:
    """One account's API calls. ``clock`` gives the aware UTC time (injected; tests fix it)."""

    def __init__(
        self,
        *,
        api_base: str,
        appid: str,
        secret: str,
        tokens: TokenCache,
        http: httpx.Client,
        clock: Callable[[], datetime],
    ) -> None:
        self.api_base = api_base.rstrip("/")
        self.appid, self.secret = appid, secret
        self.tokens, self.http, self.clock = tokens, http, clock

    # --- the calls --------------------------------------------------------------------------

    def add_thumb(self, jpeg: bytes) -> str:
        """Upload a cover (``thumb``: JPEG, ≤64 KB) as permanent material; its media_id."""
        if len(jpeg) > 64 * 1024:
            raise WeChatError(
                f"wechat: material/add_material: the cover is {len(jpeg):,} bytes; a thumb "
                f"must be at most 65,536 ({len(jpeg) - 65536:,} over)",
                errcode=45001,
                errmsg="media size out of limit",
                permanent=True,
            )
        files = {"media": ("cover.jpg", jpeg, "image/jpeg")}
        answer = self.call("material/add_material", params={"type": "thumb"}, files=files)
        return str(answer["media_id"])

    def upload_image(self, data: bytes, filename: str) -> str:
        """Upload a body image (jpg/png, <1 MB) with media/uploadimg; its mmbiz URL."""
        kind = "image/png" if filename.lower().endswith(".png") else "image/jpeg"
        answer = self.call("media/uploadimg", files={"media": (filename, data, kind)})
        return str(answer["url"])

    def rehost_images(self, content: str, load: Callable[[str], bytes]) -> str:
        """``content`` with each ``<img>`` not on WeChat's hosts uploaded and its src rewritten.

        WeChat drops images from other hosts; ``load(src)`` reads the image's bytes.
        """

        def upload(m: re.Match[str]) -> str:
            src = html.unescape(m.group(2))
            if urlsplit(src).hostname in IMAGE_HOSTS:
                return m.group(0)
            name = urlsplit(src).path.rsplit("/", 1)[-1] or "image.jpg"
            url = self.upload_image(load(src), name)
            return f"{m.group(1)}{html.escape(url)}{m.group(3)}"

        return _IMG_SRC.sub(upload, content)

    def add_draft(self, payload: dict[str, Any]) -> str:
        """Create a draft after checking every limit; its media_id."""
        check_wechat(payload)
        return str(self.call("draft/add", body=payload)["media_id"])

    def drafts(self, offset: int = 0, count: int = BATCH) -> dict[str, Any]:
        """One page of draft/batchget, without the article bodies."""
        return self.call("draft/batchget", body={"offset": offset, "count": count, "no_content": 1})

    def find_draft(self, title: str, source_url: str) -> str | None:
        """The media_id of a draft whose first article has this title and 阅读原文 URL."""
        offset = 0
        while True:
            page = self.drafts(offset)
            items = page.get("item") or []
            for item in items:
                news = (item.get("content") or {}).get("news_item") or []
                if news and news[0].get("title") == title:
                    if news[0].get("content_source_url") in (source_url, None, ""):
                        return str(item["media_id"])
            offset += len(items)
            if not items or offset >= int(page.get("total_count", 0)):
                return None

    def submit(self, media_id: str) -> str:
        """freepublish/submit: queue the draft for publishing; the publish_id (as a string)."""
        return str(self.call("freepublish/submit", body={"media_id": media_id})["publish_id"])

    def publish_status(self, publish_id: str) -> dict[str, Any]:
        """freepublish/get: ``publish_status`` 0 ok, 1 in progress, 2–6 failed or blocked."""
        return self.call("freepublish/get", body={"publish_id": publish_id})

    # --- the plumbing ----------------------------------------------------------------------

    def call(
        self,
        endpoint: str,
        *,
        body: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> dict[str, Any]:
        """POST ``/cgi-bin/{endpoint}`` with the token; refresh it once on a token error."""
        token = self.token()
        try:
            return self._post(endpoint, token, body, params, files)
        except WeChatError as e:
            if e.errcode not in TOKEN_ERRORS:
                raise
            fresh = self.refresh(failed=token)
        return self._post(endpoint, fresh, body, params, files)

    def token(self) -> str:
        """The shared access token, fetched from stable_token when none is cached."""
        now = self.clock()
        return self.tokens.get(now) or self._fetch_token(force=False)

    def refresh(self, *, failed: str) -> str:
        """A token other than ``failed``; ``force_refresh`` only if WeChat returns it again."""
        self.tokens.drop(self.clock())
        token = self._fetch_token(force=False)
        if token == failed:
            token = self._fetch_token(force=True)
        return token

    def _fetch_token(self, *, force: bool) -> str:
        body = {
            "grant_type": "client_credential",
            "appid": self.appid,
            "secret": self.secret,
            "force_refresh": force,
        }
        answer = self._request("stable_token", body=body, params={})
        token = str(answer["access_token"])
        now = self.clock()
        expires = now + timedelta(seconds=int(answer.get("expires_in", 7200))) - TOKEN_MARGIN
        self.tokens.put(token, now=now, expires_at=expires)
        return token

    def _post(
        self,
        endpoint: str,
        token: str,
        body: dict[str, Any] | None,
        params: dict[str, str] | None,
        files: dict[str, tuple[str, bytes, str]] | None,
    ) -> dict[str, Any]:
        query = {"access_token": token, **(params or {})}
        return self._request(endpoint, body=body, params=query, files=files)

    def _request(
        self,
        endpoint: str,
        *,
        body: dict[str, Any] | None,
        params: dict[str, str],
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> dict[str, Any]:
        url = f"{self.api_base}/cgi-bin/{endpoint}"
        try:
            if files is not None:
                r = self.http.post(url, params=params, files=files)
            else:
                content = encode_payload(body or {})
                headers = {"Content-Type": "application/json; charset=utf-8"}
                r = self.http.post(url, params=params, content=content, headers=headers)
        except httpx.HTTPError as e:
            raise WeChatError(
                f"wechat: {endpoint} failed: {type(e).__name__} ({e}); check api_base "
                f"{self.api_base} and the network",
                errcode=-2,
                errmsg=str(e),
            ) from e
        return _answer(endpoint, r)


def _answer(endpoint: str, r: httpx.Response) -> dict[str, Any]:
    """The JSON answer (UTF-8 whatever the content type), or ``WeChatError``."""
    try:
        answer = json.loads(r.content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise WeChatError(
            f"wechat: {endpoint} failed: HTTP {r.status_code} with a body that is not JSON",
            errcode=-2,
            errmsg=r.text[:200],
        ) from e
    if not isinstance(answer, dict):
        raise WeChatError(
            f"wechat: {endpoint} failed: the answer is not a JSON object",
            errcode=-2,
            errmsg=str(answer)[:200],
        )
    code = int(answer.get("errcode", 0) or 0)
    if code:
        raise wechat_error(endpoint, code, str(answer.get("errmsg", "")))
    return answer


def wechat_error(endpoint: str, errcode: int, errmsg: str) -> WeChatError:
    """The error for an errcode answer; ``permanent`` when no retry can help."""
    hint = HINTS.get(errcode)
    text = f"wechat: {endpoint} failed: errcode={errcode} ({errmsg})"
    transient = errcode in (-1, 45009, 45011) or errcode in TOKEN_ERRORS
    return WeChatError(
        text + (f": {hint}" if hint else ""),
        errcode=errcode,
        errmsg=errmsg,
        permanent=not transient,
    )
