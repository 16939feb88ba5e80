"""JSON Feed 1.1 beside every Atom document: the same entries, ids, dates, people, content.

Each Atom document ``PATH.xml`` has a JSON Feed twin at ``PATH.json``
(https://www.jsonfeed.org/version/1.1/), rendered from the same ``Entry`` list. How the Atom
fields map:

- entry id → ``id`` (the tag URI), ``published``/``updated`` → ``date_published``/
  ``date_modified`` (RFC 3339), the content → ``content_html``, the summary → ``summary``
  (plain text: JSON Feed's summary is not HTML);
- authors → ``authors`` (JSON Feed has no contributors: correspondents stay in the content's
  byline, as in the printed paper);
- categories → ``tags`` (their printed labels);
- ``rel="self"`` → ``feed_url``, WebSub hubs → ``hubs``; an RFC 5005 ``prev-archive`` (older
  entries) → ``next_url``, JSON Feed's "the next n items".

Pure: entries in, bytes out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import datetime
from html import unescape
from typing import Any

from syndicate.feeds.atom import Doc, Entry, newest_update
from syndicate.feeds.ids import Site, feed_path

JSON_FEED_TYPE = "application/feed+json"
VERSION = "https://jsonfeed.org/version/1.1"
_TAG = re.compile(r"<[^>]+>")


def plain(html: str) -> str:
    """Text of our own entry HTML (``article_html``'s few tags), for ``summary``."""
    return re.sub(r"\s+", " ", unescape(_TAG.sub(" ", html))).strip()


def render_json(
    site: Site,
    doc: Doc,
    entries: Sequence[Entry],
    *,
    full: bool = True,
    updated: datetime | None = None,
) -> bytes:
    """One JSON Feed 1.1 document (bytes, UTF-8, characters unescaped), entries in order."""
    newest_update(doc, entries, updated)  # the same check as Atom's and RSS's
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": doc.title,
        "home_page_url": doc.alternate,
        "feed_url": site.url(feed_path(site.slug, doc.name, "json")),
        "language": site.language,
        "authors": [{"name": site.paper.name}],
    }
    older = dict(doc.links).get("prev-archive")
    if older is not None:
        feed["next_url"] = older.removesuffix(".xml") + ".json"
    if not doc.archive and site.hubs:
        feed["hubs"] = [{"type": "WebSub", "url": hub} for hub in site.hubs]
    feed["items"] = [_item(e, full) for e in entries]
    text = json.dumps(feed, ensure_ascii=False, indent=1)
    return text.encode("utf-8") + b"\n"


def _item(e: Entry, full: bool) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": e.id,
        "url": e.url,
        "title": e.title,
        "content_html": e.content if full else e.summary,
        "summary": plain(e.summary),
        "date_published": e.published.isoformat(),
        "date_modified": e.updated.isoformat(),
    }
    if e.authors:
        item["authors"] = [{"name": name} for name in e.authors]
    if e.categories:
        item["tags"] = [t.label for t in e.categories]
    return item
