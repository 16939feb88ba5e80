"""The search page of the web edition (``/SLUG/search?q=…``): the form, the hits with the
words around the first match, and pages of results.

Pure: the route (``syndicate.web.search``) runs the query and passes the results in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

import jinja2

from syndicate.feeds.atom import long_date
from syndicate.feeds.ids import Site, article_path, href, issue_path
from syndicate.feeds.pages import common_context
from syndicate.grams import Term, highlight
from syndicate.verse import one_line


def search_path(slug: str) -> str:
    """The search page of paper ``slug`` (a route of the web service, not a published file)."""
    return f"/{slug}/search"


def render_search_page(
    env: jinja2.Environment,
    site: Site,
    q: str,
    terms: Sequence[Term],
    hits: Sequence[Any],
    *,
    total: int,
    page: int,
    page_size: int,
) -> str:
    """The page for query ``q`` (empty: the form alone). ``hits`` carry ``date``, ``key``,
    ``page``, ``page_name``, ``title``, ``kicker`` and ``paragraphs`` (``store.search.Hit``)."""
    items = []
    for h in hits:
        paragraphs = [one_line(p) for p in h.paragraphs]  # a snippet is one line
        snippet = next(
            (m for p in paragraphs if (m := highlight(p, list(terms))) is not None), None
        )
        if snippet is None:  # matched in the title, kicker or byline: show the lead
            lead = next((p for p in paragraphs if p.strip()), "")
            snippet = ("", "", lead[:60] + ("…" if len(lead) > 60 else ""))
        items.append(
            {
                "title": h.title,
                "href": href(article_path(site.slug, h.date, h.key)),
                "issue_href": href(issue_path(site.slug, h.date)),
                "day": long_date(h.date),
                "page": h.page_name or f"第{h.page}版",
                "snippet": snippet,
            }
        )

    def at(n: int) -> str:
        return href(search_path(site.slug)) + "?" + urlencode({"q": q, "page": n})

    last = max((total + page_size - 1) // page_size, 1)
    title = f"“{q}”的搜索结果 - {site.paper.name}" if q else f"搜索 - {site.paper.name}"
    ctx = common_context(site, title) | {
        "q": q,
        "searched": bool(terms),
        "action": href(search_path(site.slug)),
        "total": total,
        "items": items,
        "prev": at(page - 1) if page > 1 else None,
        "next": at(page + 1) if page < last else None,
        "page": page,
        "pages": last,
    }
    return env.get_template("search.html").render(ctx)
