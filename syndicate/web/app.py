"""The web service: the published public dir over HTTP, the way feed readers want it.

``build_app(settings, routes=…)`` returns a Starlette app. Other modules add their own routes
(the email subscribe/unsubscribe pages, say) either by passing them in ``routes`` or by
naming a provider in ``ROUTE_PROVIDERS`` (``"module:function"``, the function taking
``Settings`` and returning a list of routes); every added route is matched before the static
files, which take any other ``GET``/``HEAD``.

Static files (written by ``syndicate.feeds.publish``; see ``syndicate.feeds.ids`` for the URLs):

- Strong ``ETag`` (a hash of the bytes sent; the gzip variant has its own) and
  ``Last-Modified`` (the file's mtime, which publishing sets to the content's time).
  ``If-None-Match`` gets a 304 when it names the ETag; otherwise ``If-Modified-Since`` gets a
  304 when the file is not newer (RFC 9110 section 13.2.2).
- gzip when ``Accept-Encoding`` allows it (``Vary: Accept-Encoding``); ``HEAD`` sends the
  headers of ``GET`` without the body; ``Cache-Control`` by kind.
- Atom as ``application/atom+xml; charset=utf-8``, pages as ``text/html; charset=utf-8``.
- Files are read once and kept (bytes, gzip, hashes) until their mtime, size or inode changes,
  so a poll costs one ``stat``.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from syndicate.config import Settings
from syndicate.feeds.ids import href, public_file
from syndicate.web.limits import BodyLimit, HeaderLimit

#: ``"module:function"`` names of extra route providers (see the module docstring).
ROUTE_PROVIDERS: tuple[str, ...] = (
    "syndicate.newsletter.pages:routes",
    "syndicate.web.admin:routes",
    "syndicate.web.search:routes",
    "syndicate.web.watch:routes",  # /healthz, /readyz, /metrics
)

TYPES = {
    ".xml": "application/atom+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",  # the feeds in RSS 2.0 (feeds/rss.py)
    ".opml": "text/x-opml; charset=utf-8",  # /SLUG/feeds.opml (feeds/directory.py)
}
#: Under /SLUG/feeds/, .json is a JSON Feed 1.1 (feeds/jsonfeed.py).
JSON_FEED = "application/feed+json; charset=utf-8"
FEED_SUFFIXES = (".xml", ".rss", ".json")
COMPRESSIBLE = (".xml", ".html", ".css", ".json", ".txt", ".rss", ".opml")
MIN_GZIP = 256
CACHE_CONTROL = {
    "archive": "public, max-age=3600",  # archive documents change only for a revision
    "feed": "public, max-age=300",
    "page": "public, max-age=60",
}


@dataclass(frozen=True)
class Variant:
    body: bytes
    etag: str


@dataclass(frozen=True)
class CachedFile:
    """A public file as served: identity and gzip variants, validators, headers."""

    stamp: tuple[int, int, int]
    plain: Variant
    gzipped: Variant | None
    mtime: int
    last_modified: str
    content_type: str
    cache_control: str


def _etag(body: bytes, suffix: str = "") -> str:
    return f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}{suffix}"'


def load_file(path: Path, site_path: str, stamp: tuple[int, int, int]) -> CachedFile:
    body = path.read_bytes()
    suffix = path.suffix.lower()
    gz = None
    if suffix in COMPRESSIBLE and len(body) >= MIN_GZIP:
        packed = gzip.compress(body, compresslevel=6, mtime=0)
        gz = Variant(packed, _etag(body, "-gzip"))
    if "/feeds/archive/" in site_path:
        cache = CACHE_CONTROL["archive"]
    else:
        cache = CACHE_CONTROL["feed" if suffix in FEED_SUFFIXES + (".opml",) else "page"]
    content_type = TYPES.get(suffix, "application/octet-stream")
    if suffix == ".json" and "/feeds/" in site_path:
        content_type = JSON_FEED
    return CachedFile(
        stamp=stamp,
        plain=Variant(body, _etag(body)),
        gzipped=gz,
        mtime=stamp[0] // 1_000_000_000,
        last_modified=formatdate(stamp[0] // 1_000_000_000, usegmt=True),
        content_type=content_type,
        cache_control=cache,
    )


def accepts_gzip(header: str) -> bool:
    """Whether ``Accept-Encoding`` allows gzip (``gzip;q=0`` refuses, ``*`` allows)."""
    allowed: dict[str, float] = {}
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        q = 1.0
        for p in params.split(";"):
            k, _, v = p.strip().partition("=")
            if k.strip().lower() == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        if name:
            allowed[name.strip().lower()] = q
    if "gzip" in allowed:
        return allowed["gzip"] > 0
    return allowed.get("*", 0) > 0


def not_modified(request: Request, etag: str, mtime: int) -> bool:
    """RFC 9110 13.2.2: If-None-Match decides when present, else If-Modified-Since."""
    inm = request.headers.get("if-none-match")
    if inm is not None:
        tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
        return "*" in tags or etag in tags
    ims = request.headers.get("if-modified-since")
    if ims is None:
        return False
    try:
        since = parsedate_to_datetime(ims)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return mtime <= since.timestamp()


class PublicFiles:
    """Serves the public dir (see the module docstring)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache: dict[Path, CachedFile] = {}

    async def serve(self, request: Request) -> Response:
        site_path = request.url.path
        rel = public_file(site_path)
        if rel is None:
            return _not_found()
        path = self.root / rel
        try:
            st = os.stat(path)
        except OSError:  # missing, not a directory, a name too long, a loop: not ours to serve
            return _not_found()
        if stat.S_ISDIR(st.st_mode):
            return RedirectResponse(href(site_path + "/"), status_code=301)
        if not stat.S_ISREG(st.st_mode):
            return _not_found()
        stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        cached = self.cache.get(path)
        if cached is None or cached.stamp != stamp:
            try:
                cached = load_file(path, site_path, stamp)
            except OSError:  # replaced or made unreadable since the stat
                return _not_found()
            self.cache[path] = cached
        return respond(request, cached)


def respond(request: Request, f: CachedFile) -> Response:
    """The 200 or 304 for ``f`` (body left out for HEAD)."""
    use_gzip = f.gzipped is not None and accepts_gzip(request.headers.get("accept-encoding", ""))
    variant = f.gzipped if use_gzip and f.gzipped is not None else f.plain
    headers = {
        "etag": variant.etag,
        "last-modified": f.last_modified,
        "cache-control": f.cache_control,
        "x-content-type-options": "nosniff",
    }
    if f.gzipped is not None:
        headers["vary"] = "Accept-Encoding"
    if not_modified(request, variant.etag, f.mtime):
        return Response(status_code=304, headers=headers)
    headers["content-type"] = f.content_type
    if use_gzip:
        headers["content-encoding"] = "gzip"
    if request.method == "HEAD":
        headers["content-length"] = str(len(variant.body))
        return Response(b"", headers=headers)
    return Response(variant.body, headers=headers)


def _not_found() -> Response:
    return Response(
        "<!doctype html><title>404</title><p>Not found.</p>",
        status_code=404,
        media_type="text/html",
    )


def provided_routes(settings: Settings) -> list[BaseRoute]:
    """Routes from every ``ROUTE_PROVIDERS`` entry."""
    out: list[BaseRoute] = []
    for name in ROUTE_PROVIDERS:
        module, _, func = name.partition(":")
        out += getattr(importlib.import_module(module), func)(settings)
    return out


def build_app(settings: Settings, routes: Sequence[BaseRoute] = ()) -> Starlette:
    """The ASGI app: ``routes``, then provided routes, then the public files."""
    files = PublicFiles(settings.public_dir)
    static = Route("/{path:path}", files.serve, methods=["GET", "HEAD"])
    limits = [Middleware(BodyLimit)]  # 413 for bodies over 64 KiB (syndicate.web.limits)
    limits.insert(0, Middleware(HeaderLimit))  # 431 for over 100 headers or 16 KiB of them
    return Starlette(routes=[*routes, *provided_routes(settings), static], middleware=limits)
