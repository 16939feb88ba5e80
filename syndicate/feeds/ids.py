"""Public ids and URLs of the web edition and its feeds: one place, so they never drift.

- Entry ids are tag URIs (RFC 4151): ``tag:{authority}:{slug}/{YYYY-MM-DD}/{article_key}`` for
  an article, ``tag:{authority}:{slug}/{YYYY-MM-DD}`` for an issue. They are built from the
  paper's ``tag_authority`` (set once, never changed), the issue date and the article's stable
  key (``p1-3``), so re-ingesting or revising an issue never changes them.
- Paths are site-relative (``/jngx/2022-03-25/p1-3.html``); ``Site.url`` makes them absolute
  with ``base_url``. ``public_file`` maps a path to the static file under the public dir
  (``…/`` means ``…/index.html``), the same mapping nginx's ``try_files $uri $uri/index.html``
  makes, so any web server can serve the published tree.
- Topic names (page names, columns, reporters) become path segments through ``topic_key``.

Pure: no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import PurePosixPath
from urllib.parse import quote
from zoneinfo import ZoneInfo

from syndicate.config import PaperConfig

#: Characters that may not appear in a topic's path segment (or in a file name).
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\?#%\"<>|*:&+;=\[\]{}^`]")
_SPACE = re.compile(r"\s+")
TOPIC_KEY_MAX = 60


@dataclass(frozen=True)
class Site:
    """Where a paper's edition is published: the public base URL and the WebSub hubs; with a
    ``variant`` (``hant-tw``, ``hant-hk``), its 繁體 edition under ``/{slug}/{variant}/``."""

    base_url: str
    paper: PaperConfig
    hubs: tuple[str, ...] = ()
    variant: str | None = None

    @property
    def slug(self) -> str:
        """The edition's path prefix (``jngx``, ``jngx/hant-tw``), also in its tag URIs; the
        store knows the paper as ``paper.slug``."""
        return f"{self.paper.slug}/{self.variant}" if self.variant else self.paper.slug

    @property
    def language(self) -> str:
        """``html lang``, ``xml:lang``: the paper's, or the variant's BCP 47 tag."""
        from syndicate.script import LANGUAGE  # OpenCC loads only for a 繁體 edition

        return LANGUAGE[self.variant] if self.variant else self.paper.language

    def url(self, path: str) -> str:
        """The absolute URL of a site path (non-ASCII percent-encoded)."""
        return self.base_url.rstrip("/") + href(path)

    def tag(self, rest: str) -> str:
        """A tag URI under this paper's authority, e.g. ``tag:example.org,2022:jngx/…``."""
        return f"tag:{self.paper.tag_authority}:{self.slug}/{quote(rest, safe='/-._~')}"

    def editions(self) -> list[Site]:
        """This paper's editions: its own, then each variant (``paper.variants``)."""
        return [replace(self, variant=v) for v in (None, *self.paper.variants)]

    def path_in(self, other: Site, path: str) -> str:
        """``path`` of this edition as the same page of ``other`` (``/`` is the home page)."""
        rest = path.removeprefix(f"/{self.slug}/") if path != "/" else ""
        return f"/{other.slug}/{rest}"


def href(path: str) -> str:
    """A site path as it goes into an ``href`` (UTF-8, percent-encoded)."""
    return quote(path, safe="/-._~")


def topic_key(name: str) -> str | None:
    """A name as a path segment: spaces become ``-``, URL/file-unsafe characters go.

    ``None`` when nothing is left (no feed for that name).
    """
    text = unicodedata.normalize("NFC", name).strip()
    text = _UNSAFE.sub("", _SPACE.sub("-", text)).strip("-.")
    return text[:TOPIC_KEY_MAX] or None


def article_id(site: Site, day: date, key: str) -> str:
    return site.tag(f"{day.isoformat()}/{key}")


def issue_id(site: Site, day: date) -> str:
    return site.tag(day.isoformat())


def feed_id(site: Site, name: str) -> str:
    """The id of a feed, by its path under ``/{slug}/feeds/`` without ``.xml``."""
    return site.tag(f"feeds/{name}")


def published_at(paper: PaperConfig, day: date) -> datetime:
    """The issue date at the paper's publication time, in its timezone (aware)."""
    return datetime.combine(day, paper.publish_time, tzinfo=ZoneInfo(paper.timezone))


# --- site paths -------------------------------------------------------------------------------


def home_path(slug: str) -> str:
    return f"/{slug}/"


def issue_path(slug: str, day: date) -> str:
    return f"/{slug}/{day.isoformat()}/"


def article_path(slug: str, day: date, key: str) -> str:
    return f"/{slug}/{day.isoformat()}/{key}.html"


def page_path(slug: str, day: date, number: int) -> str:
    """One page (版面) of an issue on its own: its stories, the issue's page rail beside them.
    By number, not name: a revision may rename a page, never renumber it."""
    return f"/{slug}/{day.isoformat()}/page/{number}/"


def subscribe_path(slug: str) -> str:
    """The email sign-up form (``syndicate.newsletter.pages``)."""
    return f"/{slug}/subscribe"


def archive_path(slug: str) -> str:
    return f"/{slug}/archive/"


def archive_year_path(slug: str, year: int) -> str:
    return f"/{slug}/archive/{year}/"


def feed_path(slug: str, name: str, suffix: str = "xml") -> str:
    """``name``: ``atom``, ``issues``, ``page/要闻``, ``column/…``, ``reporter/…``,
    ``archive/2022-03-25``; ``suffix``: ``xml`` (Atom), ``rss`` (RSS 2.0) or ``json``
    (JSON Feed 1.1), the same document in each format."""
    return f"/{slug}/feeds/{name}.{suffix}"


def feeds_page_path(slug: str) -> str:
    """The page that explains feeds and lists every feed of the paper in each format."""
    return f"/{slug}/feeds/"


def opml_path(slug: str) -> str:
    """Every subscription feed of the paper as an OPML 2.0 outline (one import in a reader)."""
    return f"/{slug}/feeds.opml"


def public_file(path: str) -> PurePosixPath | None:
    """The file (relative to the public dir) that serves a site path; None if unsafe."""
    parts = [p for p in path.split("/") if p]
    if any(p in (".", "..") or p.startswith(".") or "\\" in p or "\x00" in p for p in parts):
        return None
    rel = PurePosixPath(*parts) if parts else PurePosixPath()
    if path.endswith("/") or not parts:
        rel = rel / "index.html"
    return rel
