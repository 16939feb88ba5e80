"""The public dir over HTTP: the files ``syndicate.feeds.publish`` wrote, the way feed readers
want them, at a cost per request close to a static server's.

- **No file I/O or compression while answering.** A file is read (with its precompressed
  ``NAME.br`` and ``NAME.gz``, written at publish time) once, on a worker thread, and kept
  with its validators and its response headers ready-made. A request that finds it costs a
  dictionary look-up and one ``stat`` (to see a republished file at once, as nginx without
  ``open_file_cache`` does), then two ASGI messages.
- **A bounded cache:** least recently used files go first once the bodies held pass
  ``MAX_CACHE_BYTES`` (64 MiB); a file over ``MAX_CACHED_FILE`` (1 MiB) is never held and
  is sent from disk by Starlette's ``FileResponse`` (a worker thread, or the server's
  ``http.response.pathsend``, i.e. sendfile, where the server offers it).
- **Codings:** brotli, gzip or identity as ``Accept-Encoding`` prefers (q-values; brotli
  before gzip on a tie), only from the precompressed files, and only a variant whose mtime
  is the file's (a variant left from other bytes is never sent). ``Vary: Accept-Encoding``
  wherever a variant exists.
- **Validators:** a strong ``ETag`` per variant (a hash of the file's bytes, with ``-br`` or
  ``-gzip`` for a variant) and ``Last-Modified`` (the mtime, which publishing sets to the
  content's time). ``If-None-Match`` gets a 304 when it names the ETag; otherwise
  ``If-Modified-Since`` gets a 304 when the file is not newer (RFC 9110 section 13.2.2).
- **Paths stay on this host:** a directory redirects to its canonical path with a slash (one
  leading ``/``, empty segments dropped, so ``//jngx`` goes to ``/jngx/``, never to another
  host); dot segments, backslashes and hidden names are 404.

``StaticFiles.endpoint`` is the catch-all route (reached only when no other route matched);
``StaticFiles.middleware`` answers, in front of the app, the paths that route has served before
and that are still cached, so a hit skips the middleware and the router
(``syndicate.web.app.App``). Media types and cache lifetimes come from
``syndicate.feeds.media``.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from syndicate.feeds.ids import href, public_file
from syndicate.feeds.media import CODINGS, cache_control, media_type

MAX_CACHE_BYTES = 64 * 2**20
MAX_CACHED_FILE = 2**20
IDENTITY = ""
Headers = list[tuple[bytes, bytes]]


@dataclass(frozen=True)
class Variant:
    """One coding of a file, with its headers for a 200 and for a 304."""

    coding: str
    path: Path
    body: bytes | None  # None: too big to hold, sent from ``path``
    etag: str
    ok: Headers
    not_modified: Headers


@dataclass(frozen=True)
class Entry:
    """A public file as served: its stamp when read, mtime and variants by coding."""

    path: Path
    stamp: tuple[int, int, int]
    mtime: int
    variants: dict[str, Variant]
    held: int  # bytes of bodies held in memory

    @property
    def codings(self) -> tuple[str, ...]:
        return tuple(self.variants)


def stamp_of(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def canonical(site_path: str) -> str:
    """One leading ``/``, no empty segments, the trailing ``/`` kept."""
    parts = [p for p in site_path.split("/") if p]
    tail = "/" if parts and site_path.endswith("/") else ""
    return "/" + "/".join(parts) + tail


def _read(path: Path, limit: int) -> tuple[os.stat_result, bytes | None, str]:
    """Stat, bytes (None when over ``limit``) and hash of one open file, consistently."""
    with open(path, "rb") as f:
        st = os.fstat(f.fileno())
        if st.st_size <= limit:
            body = f.read()
            return st, body, hashlib.blake2b(body, digest_size=16).hexdigest()
        digest = hashlib.file_digest(f, lambda: hashlib.blake2b(digest_size=16))
        return st, None, digest.hexdigest()


def load(path: Path, site_path: str, limit: int = MAX_CACHED_FILE) -> Entry | None:
    """Read a public file and its variants (on a worker thread); None if not a regular file."""
    try:
        st, body, digest = _read(path, limit)
    except OSError:  # missing, a directory, a name too long, a loop: not ours to serve
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    mtime = int(st.st_mtime)
    found = [(IDENTITY, path, body, st.st_size, digest)]
    for coding, suffix in CODINGS:
        sibling = path.with_name(path.name + suffix)
        try:
            sst, sbody, _ = _read(sibling, limit)
        except OSError:
            continue
        if stat.S_ISREG(sst.st_mode) and int(sst.st_mtime) == mtime:
            found.append((coding, sibling, sbody, sst.st_size, f"{digest}-{coding}"))
    common = [
        (b"last-modified", formatdate(mtime, usegmt=True).encode()),
        (b"cache-control", cache_control(site_path).encode()),
        (b"x-content-type-options", b"nosniff"),
    ]
    if len(found) > 1:
        common.append((b"vary", b"Accept-Encoding"))
    ctype = media_type(site_path + ("index.html" if site_path.endswith("/") else "")).encode()
    variants = {}
    for coding, vpath, vbody, size, vtag in found:
        etag = f'"{vtag}"'
        ok = [(b"etag", etag.encode()), *common, (b"content-type", ctype)]
        ok.append((b"content-length", str(size).encode()))
        if coding:
            ok.append((b"content-encoding", coding.encode()))
        not_modified = [(b"etag", etag.encode()), *common]
        variants[coding] = Variant(coding, vpath, vbody, etag, ok, not_modified)
    held = sum(len(v.body) for v in variants.values() if v.body is not None)
    return Entry(path, stamp_of(st), mtime, variants, held)


def coding_weights(header: str) -> dict[str, float]:
    """``Accept-Encoding`` as ``{coding: q}`` (lower-case names; a bad q counts as 0)."""
    weights: dict[str, float] = {}
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
        if name.strip():
            weights[name.strip().lower()] = q
    return weights


def choose_coding(header: str, available: tuple[str, ...]) -> str:
    """The coding to send: the best-weighted acceptable one of ``available`` (brotli before
    gzip on a tie), else identity (RFC 9110 section 12.5.3; identity is never refused here,
    since a 406 would help no feed reader)."""
    weights = coding_weights(header)
    star = weights.get("*", 0.0)
    best, best_q = IDENTITY, 0.0
    for coding in ("br", "gzip"):
        q = weights.get(coding, star)
        if coding in available and q > best_q:
            best, best_q = coding, q
    return best


def accepts_gzip(header: str) -> bool:
    """Whether ``Accept-Encoding`` allows gzip (``gzip;q=0`` refuses, ``*`` allows)."""
    return choose_coding(header, ("gzip",)) == "gzip"


def not_modified(inm: str | None, ims: str | None, etag: str, mtime: int) -> bool:
    """RFC 9110 13.2.2: If-None-Match decides when present, else If-Modified-Since."""
    if inm is not None:
        if inm == etag:
            return True
        tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
        return "*" in tags or etag in tags
    if ims is None:
        return False
    try:
        since = parsedate_to_datetime(ims)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return mtime <= since.timestamp()


class Cache:
    """Entries by canonical site path, least recently used dropped past ``max_bytes``."""

    def __init__(self, max_bytes: int = MAX_CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self.held = 0
        self.entries: OrderedDict[str, Entry] = OrderedDict()

    def get(self, key: str) -> Entry | None:
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
        return entry

    def put(self, key: str, entry: Entry) -> None:
        self.drop(key)
        self.entries[key] = entry
        self.held += entry.held
        while self.held > self.max_bytes and self.entries:
            _, old = self.entries.popitem(last=False)
            self.held -= old.held

    def drop(self, key: str) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.held -= old.held


class StaticFiles:
    """The public dir (see the module docstring)."""

    def __init__(
        self, root: Path, cache: Cache | None = None, max_file: int = MAX_CACHED_FILE
    ) -> None:
        self.root = root
        self.cache = cache or Cache()
        self.max_file = max_file
        self._codings: dict[str, str] = {}  # Accept-Encoding value -> choice, for the common few

    async def endpoint(self, request: Request) -> Response:
        """The catch-all route: load (on a thread), cache when canonical, answer."""
        site_path = request.scope["path"]  # not request.url: that one is rebuilt with the Host
        rel = public_file(site_path)
        if rel is None:
            return not_found()
        path = self.root / rel
        entry = await anyio.to_thread.run_sync(load, path, site_path, self.max_file)
        if entry is None:
            if await anyio.to_thread.run_sync(os.path.isdir, path):
                return RedirectResponse(href(canonical(site_path).rstrip("/") + "/"), 301)
            return not_found()
        key = canonical(site_path)
        if key == site_path:
            self.cache.put(key, entry)
        return _EntryResponse(self, entry)

    def middleware(self, app: ASGIApp) -> ASGIApp:
        """Answer cached, unchanged files before routing; pass everything else to ``app``."""

        async def fast(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
                entry = self.fresh(scope["path"])
                if entry is not None:
                    await self.send(entry, scope, receive, send)
                    return
            await app(scope, receive, send)

        return fast

    def coding_for(self, header: str, entry: Entry) -> str:
        if len(entry.variants) == 1:
            return IDENTITY
        memo = f"{header}\n{','.join(entry.codings)}"
        coding = self._codings.get(memo)
        if coding is None:
            coding = choose_coding(header, entry.codings)
            if len(self._codings) < 256:  # request headers are client-chosen: bounded
                self._codings[memo] = coding
        return coding

    def fresh(self, site_path: str) -> Entry | None:
        """The cached entry of ``site_path`` if its file is unchanged (one ``stat``); a stale
        one is dropped, for the endpoint to load again."""
        entry = self.cache.get(site_path)
        if entry is None:
            return None
        try:
            unchanged = stamp_of(os.stat(entry.path)) == entry.stamp
        except OSError:
            unchanged = False
        if not unchanged:
            self.cache.drop(site_path)
            return None
        return entry

    def answer(self, entry: Entry, headers: Headers) -> tuple[int, Variant]:
        """Status (200 or 304) and the variant of ``entry`` that answers a request with these
        headers (``Accept-Encoding``, ``If-None-Match``, ``If-Modified-Since``)."""
        accept, inm, ims = "", None, None
        for name, value in headers:
            if name == b"accept-encoding":
                accept = value.decode("latin-1")
            elif name == b"if-none-match":
                inm = value.decode("latin-1")
            elif name == b"if-modified-since":
                ims = value.decode("latin-1")
        v = entry.variants[self.coding_for(accept, entry)]
        return (304 if not_modified(inm, ims, v.etag, entry.mtime) else 200), v

    async def send(self, entry: Entry, scope: Scope, receive: Receive, send: Send) -> None:
        """The 200 or 304 for ``entry`` (no body for HEAD)."""
        status, v = self.answer(entry, scope["headers"])
        if status == 304:
            await send({"type": "http.response.start", "status": 304, "headers": v.not_modified})
            await send({"type": "http.response.body", "body": b""})
        elif v.body is None:
            headers = {k.decode(): h.decode() for k, h in v.ok if k != b"content-type"}
            ctype = dict(v.ok)[b"content-type"].decode()
            await FileResponse(v.path, headers=headers, media_type=ctype)(scope, receive, send)
        else:
            await send({"type": "http.response.start", "status": 200, "headers": v.ok})
            body = b"" if scope["method"] == "HEAD" else v.body
            await send({"type": "http.response.body", "body": body})


class _EntryResponse(Response):
    """A route's answer that is an ``Entry`` (sent by ``StaticFiles.send``)."""

    def __init__(self, files: StaticFiles, entry: Entry) -> None:
        super().__init__()
        self.files, self.entry = files, entry

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.files.send(self.entry, scope, receive, send)


def not_found() -> Response:
    return Response(
        "<!doctype html><title>404</title><p>Not found.</p>",
        status_code=404,
        media_type="text/html",
    )
