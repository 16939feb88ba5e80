"""The feed formats a paper publishes: every document in Atom, RSS 2.0 and JSON Feed 1.1.

One ``atom.FeedPlan`` (a document's entries before fitting) becomes three files with the same
entries: ``PATH.xml`` (Atom, the original and the one advertised first), ``PATH.rss`` and
``PATH.json``. ``atom.fit_all`` decides the window and full/summary once, by the largest of the
three, so a reader switching formats sees the same items.

Pure: plans in, (path, bytes) out.
"""

from __future__ import annotations

from dataclasses import dataclass

from syndicate.feeds.atom import ATOM_TYPE, FeedPlan, Renderer, render_doc, render_plan
from syndicate.feeds.ids import Site, feed_path
from syndicate.feeds.jsonfeed import JSON_FEED_TYPE, render_json
from syndicate.feeds.rss import RSS_TYPE, render_rss


@dataclass(frozen=True)
class Format:
    """A feed format: file suffix, media type, the name readers know it by, its renderer."""

    suffix: str
    type: str
    label: str
    render: Renderer


#: Atom first: autodiscovery takes the first link, and Atom is the richest of the three.
FORMATS = (
    Format("xml", ATOM_TYPE, "Atom", render_doc),
    Format("rss", RSS_TYPE, "RSS 2.0", render_rss),
    Format("json", JSON_FEED_TYPE, "JSON Feed 1.1", render_json),
)


def render_formats(site: Site, plan: FeedPlan) -> list[tuple[str, bytes]]:
    """``(site path, bytes)`` of the plan's document in every format, Atom first."""
    bodies = render_plan(site, plan, [f.render for f in FORMATS])
    paths = [feed_path(site.slug, plan.doc.name, f.suffix) for f in FORMATS]
    return list(zip(paths, bodies, strict=True))
