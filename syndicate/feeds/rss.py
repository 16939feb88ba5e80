"""RSS 2.0 beside every Atom document: the same entries, ids, dates, people and content.

Each Atom document ``PATH.xml`` has an RSS 2.0 twin at ``PATH.rss``, rendered from the same
``Entry`` list (``atom.fit_all`` picks the entries once for every format). How the Atom
fields map (https://www.rssboard.org/rss-specification):

- entry id → ``<guid isPermaLink="false">`` (the tag URI; readers key on it, as on ``id``);
- ``published`` → ``pubDate`` (RFC 822), the feed's newest ``updated`` → ``lastBuildDate``;
- the full content → ``content:encoded`` (RSS content module), the summary → ``description``;
- authors → ``dc:creator`` (RSS's own ``author`` must be an e-mail address, which reporters do
  not have), contributors → ``dc:contributor``;
- categories → ``<category domain="{scheme}">label</category>``;
- ``rel="self"``, ``rel="hub"`` (WebSub) and the RFC 5005 archive links → ``atom:link``, as
  the RSS Best Practices Profile and WebSub recommend.

Pure: entries in, bytes out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from syndicate.feeds.atom import Doc, Entry, newest_update
from syndicate.feeds.ids import Site, feed_path

RSS_TYPE = "application/rss+xml"
ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
for _prefix, _uri in {"atom": ATOM_NS, "content": CONTENT_NS, "dc": DC_NS}.items():
    ET.register_namespace(_prefix, _uri)  # the conventional prefixes, not ns0/ns1


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _link(parent: ET.Element, rel: str, href: str, type: str | None = None) -> None:
    attrs = {"rel": rel, "href": href}
    if type:
        attrs["type"] = type
    _sub(parent, f"{{{ATOM_NS}}}link", **attrs)


def rfc822(at: datetime) -> str:
    return format_datetime(at)


def render_rss(
    site: Site,
    doc: Doc,
    entries: Sequence[Entry],
    *,
    full: bool = True,
    updated: datetime | None = None,
) -> bytes:
    """One RSS 2.0 document (bytes, UTF-8), entries in the given order."""
    newest = newest_update(doc, entries, updated)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = _sub(rss, "channel")
    _sub(channel, "title", doc.title)
    _sub(channel, "link", doc.alternate)
    _sub(channel, "description", doc.title)
    _sub(channel, "language", site.language)
    _sub(channel, "lastBuildDate", rfc822(newest))
    _sub(channel, "generator", "syndicate")
    _sub(channel, "docs", "https://www.rssboard.org/rss-specification")
    _link(channel, "self", site.url(feed_path(site.slug, doc.name, "rss")), RSS_TYPE)
    if not doc.archive:
        for hub in site.hubs:
            _link(channel, "hub", hub)
    for rel, href in doc.links:
        _link(channel, rel, href.removesuffix(".xml") + ".rss", RSS_TYPE)
    scheme = site.url(f"/{site.slug}/feeds/")
    for e in entries:
        _item(channel, e, full, scheme)
    ET.indent(rss, space="  ")
    out: bytes = ET.tostring(rss, encoding="utf-8", xml_declaration=True)
    return out + b"\n"


def _item(channel: ET.Element, e: Entry, full: bool, scheme: str) -> None:
    item = _sub(channel, "item")
    _sub(item, "title", e.title)
    _sub(item, "link", e.url)
    _sub(item, "guid", e.id, isPermaLink="false")
    _sub(item, "pubDate", rfc822(e.published))
    _sub(item, "description", e.summary)
    if full:
        _sub(item, f"{{{CONTENT_NS}}}encoded", e.content)
    for name in e.authors:
        _sub(item, f"{{{DC_NS}}}creator", name)
    for name in e.contributors:
        _sub(item, f"{{{DC_NS}}}contributor", name)
    for t in e.categories:
        _sub(item, "category", t.label, domain=f"{scheme}{t.kind}/")
