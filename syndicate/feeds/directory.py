"""The directory of a paper's feeds: the 订阅 page that explains them, and the OPML file.

- ``/{slug}/feeds/`` (``render_feeds_page``): what a feed is, how to use one, which formats
  there are (Atom, RSS 2.0, JSON Feed 1.1), and every subscription feed of the paper with a
  link per format. The edition's 订阅 links lead here (to the feed's row), never to raw XML.
- ``/{slug}/feeds.opml`` (``render_opml``): the same feeds as an OPML 2.0 subscription list
  (http://opml.org/spec2.opml), which every reader imports in one step. Each outline points at
  the Atom document (``xmlUrl``) and the page it follows (``htmlUrl``).

Which feeds: the paper feed, the issues feed, then each page, column and reporter feed
(``editions.paper_topics``). Archive documents are not subscriptions and are not listed.

Pure: the caller passes the topics (and, for the page, a ``jinja2.Environment``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree import ElementTree as ET

import jinja2

from syndicate.feeds.atom import topic_title
from syndicate.feeds.edition import Topic
from syndicate.feeds.formats import FORMATS
from syndicate.feeds.ids import Site, feed_path, feeds_page_path, home_path, href, opml_path
from syndicate.feeds.pages import _common

OPML_TYPE = "text/x-opml"
KIND_LABEL = {"paper": "全报", "page": "版面", "column": "栏目", "reporter": "记者"}


@dataclass(frozen=True)
class Listed:
    """One subscription feed: its document name (``atom``, ``page/要闻``), title, kind."""

    name: str
    title: str
    kind: str


def listed_feeds(site: Site, topics: Sequence[Topic]) -> list[Listed]:
    name = site.paper.name
    out = [Listed("atom", name, "paper"), Listed("issues", f"{name} · 各期目录", "paper")]
    out += [Listed(t.feed_name, topic_title(site, t), t.kind) for t in dict.fromkeys(topics)]
    return out


def render_opml(site: Site, topics: Sequence[Topic]) -> bytes:
    """``feeds.opml``: every subscription feed of the paper (OPML 2.0, UTF-8)."""
    opml = ET.Element("opml", {"version": "2.0"})
    head = ET.SubElement(opml, "head")
    ET.SubElement(head, "title").text = f"{site.paper.name} · 订阅源"
    ET.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = ET.SubElement(opml, "body")
    page = site.url(home_path(site.slug))
    for f in listed_feeds(site, topics):
        ET.SubElement(
            body,
            "outline",
            {
                "type": "rss",  # OPML's word for any feed, Atom included
                "text": f.title,
                "title": f.title,
                "xmlUrl": site.url(feed_path(site.slug, f.name)),
                "htmlUrl": page,
                "language": site.language,
            },
        )
    ET.indent(opml, space="  ")
    out: bytes = ET.tostring(opml, encoding="utf-8", xml_declaration=True)
    return out + b"\n"


def render_feeds_page(env: jinja2.Environment, site: Site, topics: Sequence[Topic]) -> str:
    """``/{slug}/feeds/``: what a feed is, the formats, and every feed in each format."""
    rows = [
        {
            "anchor": href(f.name),  # ASCII: the same in a converted (繁體) page
            "title": f.title,
            "kind": KIND_LABEL[f.kind],
            "links": [
                {"label": fmt.label, "href": href(feed_path(site.slug, f.name, fmt.suffix))}
                for fmt in FORMATS
            ],
            "url": site.url(feed_path(site.slug, f.name)),
        }
        for f in listed_feeds(site, topics)
    ]
    ctx = _common(site, f"{site.paper.name} · 订阅", path=feeds_page_path(site.slug))
    ctx |= {
        "rows": rows,
        "formats": [{"label": f.label, "suffix": f.suffix, "type": f.type} for f in FORMATS],
        "opml": href(opml_path(site.slug)),
    }
    return env.get_template("feeds.html").render(ctx)
