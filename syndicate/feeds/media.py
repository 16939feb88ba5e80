"""How the public files are served, in one place for every server that serves them
(``syndicate serve`` and the nginx and Caddy configs of ``syndicate web-config``):

- the media type of each extension (Atom ``.xml``, RSS ``.rss``, JSON Feed ``.json``, OPML,
  HTML pages);
- the cache lifetime of each kind of file (archive feeds, feeds, pages);
- the precompressed codings written beside each compressible file at publish time
  (``NAME.br`` with brotli, ``NAME.gz`` with gzip), so no server compresses per request.

Pure: no I/O (``syndicate.feeds.public`` writes the bytes made here).
"""

from __future__ import annotations

import gzip

import brotli

TYPES = {
    ".xml": "application/atom+xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".json": "application/feed+json; charset=utf-8",
    ".opml": "text/x-opml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".jpg": "image/jpeg",
    ".png": "image/png",
}
DEFAULT_TYPE = "application/octet-stream"
PLAIN_JSON = "application/json"
FEEDS_MARK = "/feeds/"

#: Extensions that get precompressed variants (text; images are compressed already).
COMPRESSIBLE = (".xml", ".rss", ".json", ".opml", ".html", ".css", ".js", ".svg", ".txt")
#: Below this size a compressed variant saves less than its headers cost.
MIN_COMPRESS = 256
#: ``(Content-Encoding, file suffix)`` in order of preference: brotli is ~10% smaller.
CODINGS = (("br", ".br"), ("gzip", ".gz"))
#: brotli quality 5: within 2% of quality 9's size at 1/15 of its time (the seed's feed:
#: 7,346 against 7,255 bytes, 1.4 against 24 ms); a publish compresses every changed file.
BROTLI_QUALITY = 5

#: Cache lifetimes in seconds, by kind (see ``cache_kind``).
MAX_AGE = {
    "archive": 3600,  # archive documents change only for a revision
    "feed": 300,
    "page": 60,
}
FEED_SUFFIXES = (".xml", ".rss", ".json", ".opml")
ARCHIVE_MARK = "/feeds/archive/"


def suffix_of(path: str) -> str:
    """The lower-case extension of the last segment of a path (``""`` if none)."""
    name = path.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def media_type(path: str) -> str:
    """By extension; a ``.json`` outside a ``/feeds/`` folder is plain JSON, not a feed."""
    suffix = suffix_of(path)
    if suffix == ".json" and FEEDS_MARK not in path:
        return PLAIN_JSON
    return TYPES.get(suffix, DEFAULT_TYPE)


def cache_kind(path: str) -> str:
    """``archive`` (anything under a ``/feeds/archive/``), ``feed`` or ``page``."""
    if ARCHIVE_MARK in path:
        return "archive"
    return "feed" if suffix_of(path) in FEED_SUFFIXES else "page"


def cache_control(path: str) -> str:
    return f"public, max-age={MAX_AGE[cache_kind(path)]}"


def compressible(path: str, size: int) -> bool:
    return size >= MIN_COMPRESS and suffix_of(path) in COMPRESSIBLE


def precompress(path: str, body: bytes) -> list[tuple[str, bytes]]:
    """The variants to write beside ``path``: ``[(".br", …), (".gz", …)]``, or none.

    Deterministic (gzip without a timestamp), so the same bytes give the same variants."""
    if not compressible(path, len(body)):
        return []
    return [
        (".br", brotli.compress(body, quality=BROTLI_QUALITY)),
        (".gz", gzip.compress(body, compresslevel=9, mtime=0)),
    ]
