"""The web edition (网络版) as HTML pages, rendered from jinja2 templates.

Pages (paths from ``syndicate.feeds.ids``): the issue page (the home page shows the latest
issue), the article page, the archive index (years) and one archive page per year. Every
page carries autodiscovery links (``<link rel="alternate">``) for each of its feeds in Atom,
RSS 2.0 and JSON Feed 1.1, the paper's Atom feed first, as the autodiscovery convention asks;
its 订阅 links lead to the paper's 订阅 page (``syndicate.feeds.directory``), not to raw XML.

Templates live in ``templates/web/`` (``base.html``, ``issue.html`` (issues and page views,
with ``masthead.html`` and ``rail.html``), ``article.html``,
``archive.html``, ``archive_year.html``); a deployment can put same-named files in its own
directory (``web_templates`` in the config), which is searched first. Autoescaping is on for
every template, so text from the source is always escaped.

Navigation (``syndicate.feeds.navigation``): every issue, page view (one 版面 on its own, at
``ids.page_path``) and article carries the page rail beside its stories (side by side on a
wide screen, above them on a phone: CSS only); issues and articles link the issues before
and after; the year pages are calendars. Every page links the email sign-up and the 订阅 page.

Pure: the caller passes a ``jinja2.Environment`` and the data; nothing here reads the clock
or writes files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import jinja2

from syndicate.feeds.article_html import byline_text
from syndicate.feeds.atom import long_date, topic_title
from syndicate.feeds.edition import Edition, Topic, page_topic, story_topics
from syndicate.feeds.formats import FORMATS
from syndicate.feeds.ids import (
    Site,
    archive_path,
    archive_year_path,
    article_path,
    feed_path,
    feeds_page_path,
    home_path,
    href,
    issue_path,
    page_path,
    subscribe_path,
)
from syndicate.feeds.navigation import (
    WEEKDAYS,
    calendar_link,
    issue_link,
    month_grids,
    page_label,
    page_numbers,
    page_rail,
)
from syndicate.model import Article
from syndicate.verse import one_line

TEASER_CHARS = 60


@dataclass(frozen=True)
class IssueHead:
    """What an archive page lists of an issue."""

    date: date
    weekday: str | None
    serial: int | None
    articles: int


def prepare(env: jinja2.Environment) -> jinja2.Environment:
    """``env`` (from the edge) with the helpers the web templates call."""
    env.filters["href"] = href
    env.filters["long_date"] = long_date
    env.globals["byline"] = byline_text
    env.globals["teaser"] = teaser
    return env


def teaser(article: Article) -> str:
    """The opening of the first paragraph, on one line (a stanza's lines joined by ``／``)."""
    text = one_line(next((p for p in article.paragraphs if p.strip()), ""))
    return text if len(text) <= TEASER_CHARS else text[:TEASER_CHARS] + "……"


def feed_links(site: Site, topics: Sequence[Topic] = ()) -> list[dict[str, str]]:
    """Autodiscovery links: the paper feed, the issues feed, then the given topics, each in
    every format (Atom first, so a reader taking the first link gets the paper's Atom)."""
    name = site.paper.name
    feeds = [("atom", name), ("issues", f"{name} · 各期目录")]
    feeds += [(t.feed_name, topic_title(site, t)) for t in dict.fromkeys(topics)]
    return [
        {
            "title": title if f.suffix == "xml" else f"{title}（{f.label}）",
            "href": href(feed_path(site.slug, doc, f.suffix)),
            "type": f.type,
        }
        for doc, title in feeds
        for f in FORMATS
    ]


def feed_anchor(site: Site, name: str) -> str:
    """The href of feed ``name``'s row on the paper's 订阅 page (``/jngx/feeds/#page/要闻``)."""
    return href(feeds_page_path(site.slug)) + "#" + href(name)


#: How the edition switcher names each script.
EDITION_LABEL = {None: "简体", "hant-tw": "繁體（台灣）", "hant-hk": "繁體（香港）"}


def editions_of(site: Site, path: str | None) -> list[dict[str, Any]]:
    """The same page in each edition of the paper (``hreflang`` links and the switcher);
    none when the paper has no variants."""
    if path is None or not site.paper.variants:
        return []
    return [
        {
            "lang": e.language,
            "href": href(path if e == site else site.path_in(e, path)),
            "label": EDITION_LABEL[e.variant],
            "current": e == site,
        }
        for e in site.editions()
    ]


def _common(
    site: Site, title: str, topics: Sequence[Topic] = (), path: str | None = None
) -> dict[str, Any]:
    return {
        "editions": editions_of(site, path),
        "lang": site.language,
        "paper_name": site.paper.name,
        "title": title,
        "feeds": feed_links(site, topics),
        "feeds_page": href(feeds_page_path(site.slug)),
        "home": href(home_path(site.slug)),
        "archive": href(archive_path(site.slug)),
        "subscribe": href(subscribe_path(site.paper.slug)),  # one sign-up for every edition
        "search": href(f"/{site.paper.slug}/search"),  # syndicate.web.search
    }


#: The context every page's ``base.html`` needs (other page modules build on it).
common_context = _common


def render_issue_page(
    env: jinja2.Environment,
    site: Site,
    edition: Edition,
    *,
    prev: date | None,
    next: date | None,
    others: Sequence[tuple[str, str]] = (),
    path: str | None = None,
) -> str:
    """An issue: masthead, the page rail, then each page (版面) with its articles. ``others``:
    other papers as ``(name, path)`` for the site's home page; ``path``: where the page goes
    (default: the issue's own path; a home page is the latest issue at another path)."""
    ctx = _issue_context(site, edition, page_numbers(edition), path)
    ctx |= {
        "rail": page_rail(site.slug, edition),
        "prev": issue_link(site.slug, prev),
        "next": issue_link(site.slug, next),
        "prev_issue": issue_link(site.slug, prev),
        "next_issue": issue_link(site.slug, next),
        "others": [{"name": name, "href": href(path)} for name, path in others],
    }
    return env.get_template("issue.html").render(ctx)


def render_page_view(env: jinja2.Environment, site: Site, edition: Edition, number: int) -> str:
    """Page ``number`` of the issue on its own (``ids.page_path``): its stories beside the
    issue's page rail, the page before and after it linked."""
    numbers = page_numbers(edition)
    i = numbers.index(number)
    ctx = _issue_context(site, edition, [number], page_path(site.slug, edition.date, number))
    rail = page_rail(site.slug, edition, number)
    ctx |= {
        "title": f"{rail[i].label} - {ctx['title']}",
        "rail": rail,
        "current_page": rail[i],
        "prev_page": rail[i - 1] if i > 0 else None,
        "next_page": rail[i + 1] if i + 1 < len(rail) else None,
        "canonical": rail[i].href,
    }
    return env.get_template("issue.html").render(ctx)


def _issue_context(
    site: Site, edition: Edition, numbers: Sequence[int], path: str | None
) -> dict[str, Any]:
    """What the issue template shows of pages ``numbers``: their sections and feeds; ``path``
    the page's own (default: the issue's)."""
    issue = edition.issue
    codes = {p.number: p.code for p in issue.pages}
    sections = []
    for n in numbers:
        stories = [s for s in edition.stories() if s.article.page == n]
        items = [s.article for s in stories]
        links = [href(article_path(site.slug, issue.date, s.key)) for s in stories]
        name = edition.page_name(n)
        sections.append(
            {
                "number": n,
                "label": page_label(n, codes.get(n)),
                "name": name,
                "href": href(page_path(site.slug, issue.date, n)),
                "feed": feed_anchor(site, page_topic(n, name).feed_name),
                "stories": list(zip(items, links, strict=True)),
            }
        )
    topics = [page_topic(n, edition.page_name(n)) for n in numbers]
    path = path or issue_path(site.slug, issue.date)
    ctx = _common(site, f"{site.paper.name} {long_date(issue.date)}", topics, path)
    issue_href = href(issue_path(site.slug, issue.date))
    return ctx | {
        "issue": issue,
        "issue_href": issue_href,
        "canonical": issue_href,
        "calendar": calendar_link(site.slug, issue.date),
        "sections": sections,
        "current_page": None,
        "page_stories": [],
        "others": [],
        "prev_issue": None,
        "next_issue": None,
    }


def render_article_page(
    env: jinja2.Environment,
    site: Site,
    edition: Edition,
    key: str,
    *,
    prev_issue: date | None = None,
    next_issue: date | None = None,
) -> str:
    """Article ``key`` (stable) in full, with its issue's masthead line, the page rail (its
    own page's stories listed), the articles before and after it, and the neighbour issues."""
    issue = edition.issue
    stories = edition.stories()
    i = edition.keys.index(key)
    story, article = stories[i], stories[i].article

    def link(j: int) -> dict[str, str] | None:
        if 0 <= j < len(stories):
            s = stories[j]
            url = href(article_path(site.slug, issue.date, s.key))
            return {"title": s.article.title, "href": url}
        return None

    topics = story_topics(story)
    path = article_path(site.slug, issue.date, key)
    ctx = _common(site, f"{article.title} - {site.paper.name}", topics, path)
    ctx |= {
        "issue": issue,
        "issue_href": href(issue_path(site.slug, issue.date)),
        "article": article,
        "page_name": story.page_name,
        "topics": [{"topic": t, "href": feed_anchor(site, t.feed_name)} for t in topics],
        "prev": link(i - 1),
        "next": link(i + 1),
        "rail": page_rail(site.slug, edition, article.page),
        "page_stories": [
            {
                "title": s.article.title,
                "href": href(article_path(site.slug, issue.date, s.key)),
                "current": j == i,
            }
            for j, s in enumerate(stories)
            if s.article.page == article.page
        ],
        "calendar": calendar_link(site.slug, issue.date),
        "prev_issue": issue_link(site.slug, prev_issue),
        "next_issue": issue_link(site.slug, next_issue),
    }
    return env.get_template("article.html").render(ctx)


def render_archive_index(
    env: jinja2.Environment, site: Site, years: Sequence[tuple[int, int]]
) -> str:
    """The archive by date: each year (newest first) and how many issues it has."""
    ctx = _common(site, f"{site.paper.name} · 往期", path=archive_path(site.slug))
    ctx["years"] = [
        {"year": y, "count": n, "href": href(archive_year_path(site.slug, y))} for y, n in years
    ]
    return env.get_template("archive.html").render(ctx)


def render_archive_year(
    env: jinja2.Environment, site: Site, year: int, heads: Sequence[IssueHead]
) -> str:
    """One year of issues as a calendar: a month grid per month that has an issue (newest
    first), each day with an issue linked."""
    ctx = _common(site, f"{site.paper.name} · {year}年", path=archive_year_path(site.slug, year))
    ctx |= {"year": year, "months": month_grids(site.slug, heads), "weekdays": WEEKDAYS}
    return env.get_template("archive_year.html").render(ctx)
