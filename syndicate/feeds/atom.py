"""Atom feeds (RFC 4287) of a paper, with RFC 5005 archives, built with feedgen.

Which documents (paths under ``/{slug}/feeds/``, see ``syndicate.feeds.ids``):

- ``atom.xml``: the paper feed, the newest articles in full. Its ``prev-archive`` link points
  at the newest issue's archive document, so a reader can walk back through every issue.
- ``issues.xml``: one entry per issue; the content is the issue's table of contents.
- ``page/{name}.xml``, ``column/{name}.xml``, ``reporter/{name}.xml``: one feed per topic.
- ``archive/{YYYY-MM-DD}.xml``: one archive document per issue (``fh:archive``), holding all
  of that issue's articles, linked ``prev-archive``/``next-archive`` to its neighbours and
  ``current`` to ``atom.xml``. It changes only when the issue is revised or a neighbour issue
  appears (a new link).

Rules every document follows: ``xml:lang`` is the paper's language; entry ids are the tag URIs
of ``ids.py``; ``published`` is the issue date at the paper's publication time and ``updated``
the revision time; the feed's ``updated`` is its newest entry's, never "now"; authors are the
reporters (correspondents are contributors), categories the page and the column; subscription
feeds carry ``rel="self"`` and one ``rel="hub"`` per WebSub hub.

Size budget (``Budget``): a subscription feed holds at most ``window`` entries (default 50)
and ``max_bytes`` bytes (default 1 MiB, far below the 15 MiB at which Miniflux rejects a
feed). When the rendered feed is over budget the window shrinks until it fits; a single entry
still too big is carried as a summary with a link. An archive document keeps all of its
issue's entries and falls back to summaries if the full text is over budget. A document that
cannot fit even so is an error, never an oversized file.

The builders (``paper_feed``, ``issues_feed``, ``topic_feed``, ``archive_feed``) return a
``FeedPlan``, which ``render_plan`` fits and renders in any ``Renderer``: ``render_doc`` here,
``rss.render_rss`` and ``jsonfeed.render_json`` beside it (``formats.FORMATS``).

Pure: the renderers take the stories and times and return bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from syndicate.errors import SyndicateError
from syndicate.feeds.article_html import article_html, summary_html, toc_html
from syndicate.feeds.edition import Edition, Story, Topic, story_topics
from syndicate.feeds.ids import (
    Site,
    article_id,
    article_path,
    feed_id,
    feed_path,
    home_path,
    issue_id,
    issue_path,
    published_at,
)

ATOM_TYPE = "application/atom+xml"
HISTORY_NS = "http://purl.org/syndication/history/1.0"  # RFC 5005


@dataclass(frozen=True)
class Budget:
    """How big a feed may get: newest ``window`` entries, at most ``max_bytes`` bytes."""

    window: int = 50
    max_bytes: int = 1_048_576


@dataclass(frozen=True)
class Entry:
    """One Atom entry, before rendering (``summary`` stands in when the feed must shrink)."""

    id: str
    title: str
    url: str
    published: datetime
    updated: datetime
    content: str
    summary: str
    authors: tuple[str, ...] = ()
    contributors: tuple[str, ...] = ()
    categories: tuple[Topic, ...] = ()


@dataclass(frozen=True)
class Doc:
    """A feed document: its name under ``feeds/``, title, page link and RFC 5005 links."""

    name: str
    title: str
    alternate: str
    links: tuple[tuple[str, str], ...] = ()
    archive: bool = False


class _ArchiveMark(BaseExtension):  # type: ignore[misc]
    """Adds ``<fh:archive/>`` (RFC 5005 section 4) to an archive document."""

    def extend_ns(self) -> dict[str, str]:
        return {"fh": HISTORY_NS}

    def extend_atom(self, feed: Any) -> Any:
        xml_elem(f"{{{HISTORY_NS}}}archive", feed)
        return feed


def long_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- entries ----------------------------------------------------------------------------------


def story_entry(site: Site, story: Story) -> Entry:
    """A feed entry for one article."""
    a = story.article
    url = site.url(article_path(site.slug, story.date, story.key))
    topics = [t for t in story_topics(story) if t.kind != "reporter"]
    return Entry(
        id=article_id(site, story.date, story.key),
        title=a.title,
        url=url,
        published=published_at(site.paper, story.date),
        updated=story.updated,
        content=article_html(a),
        summary=summary_html(site, a, url),
        authors=tuple(dict.fromkeys(a.reporters)),
        contributors=tuple(dict.fromkeys(a.correspondents)),
        categories=tuple(topics),
    )


def issue_entry(site: Site, edition: Edition) -> Entry:
    """A feed entry for one issue: its table of contents."""
    issue = edition.issue
    title = " ".join(
        x
        for x in (
            long_date(issue.date),
            issue.weekday,
            f"总第{issue.serial}期" if issue.serial else None,
        )
        if x
    )
    url = site.url(issue_path(site.slug, issue.date))
    toc = toc_html(site, edition)
    return Entry(
        id=issue_id(site, issue.date),
        title=title,
        url=url,
        published=published_at(site.paper, issue.date),
        updated=edition.newest(),
        content=toc,
        summary=toc,
    )


# --- documents --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedPlan:
    """A document before fitting: what ``fit_all`` needs, whatever the format."""

    doc: Doc
    entries: tuple[Entry, ...]
    budget: Budget
    updated: datetime | None
    shrink: bool = True


def render_plan(site: Site, plan: FeedPlan, renderers: Sequence[Renderer]) -> list[bytes]:
    """The plan's document in each format (same entries in each)."""
    return fit_all(
        site, plan.doc, plan.entries, plan.budget, plan.updated, renderers, shrink=plan.shrink
    )


def paper_feed(
    site: Site,
    stories: Sequence[Story],
    *,
    newest_archive: date | None,
    budget: Budget = Budget(),
    updated: datetime | None = None,
) -> FeedPlan:
    """``atom.xml``: the newest stories in full, newest first, linked to the archives."""
    links: tuple[tuple[str, str], ...] = ()
    if newest_archive is not None:
        links = (("prev-archive", archive_url(site, newest_archive)),)
    doc = Doc("atom", site.paper.name, site.url(home_path(site.slug)), links)
    return FeedPlan(doc, tuple(story_entry(site, s) for s in stories), budget, updated)


def issues_feed(site: Site, editions: Sequence[Edition], *, budget: Budget = Budget()) -> FeedPlan:
    """``issues.xml``: one entry per issue (newest first), its table of contents."""
    doc = Doc("issues", f"{site.paper.name} · 各期目录", site.url(home_path(site.slug)))
    return FeedPlan(doc, tuple(issue_entry(site, e) for e in editions), budget, None)


def topic_title(site: Site, topic: Topic) -> str:
    what = {"page": "版面", "column": "栏目", "reporter": "记者"}[topic.kind]
    return f"{site.paper.name} · {what}：{topic.label}"


def topic_feed(
    site: Site,
    topic: Topic,
    stories: Sequence[Story],
    *,
    budget: Budget = Budget(),
    updated: datetime | None = None,
) -> FeedPlan:
    """A page, column or reporter feed: that topic's newest stories in full."""
    doc = Doc(topic.feed_name, topic_title(site, topic), site.url(home_path(site.slug)))
    return FeedPlan(doc, tuple(story_entry(site, s) for s in stories), budget, updated)


def archive_feed(
    site: Site,
    edition: Edition,
    *,
    prev: date | None,
    next: date | None,
    budget: Budget = Budget(),
) -> FeedPlan:
    """``archive/{date}.xml``: every article of one issue (RFC 5005 archive document)."""
    links = [("current", site.url(feed_path(site.slug, "atom")))]
    if prev is not None:
        links.append(("prev-archive", archive_url(site, prev)))
    if next is not None:
        links.append(("next-archive", archive_url(site, next)))
    title = f"{site.paper.name} · {long_date(edition.date)}"
    alternate = site.url(issue_path(site.slug, edition.date))
    doc = Doc(f"archive/{edition.date.isoformat()}", title, alternate, tuple(links), True)
    entries = tuple(story_entry(site, s) for s in edition.stories())
    whole = Budget(window=max(1, len(entries)), max_bytes=budget.max_bytes)
    return FeedPlan(doc, entries, whole, edition.newest(), shrink=False)


def render_paper_feed(site: Site, stories: Sequence[Story], **kw: Any) -> bytes:
    return render_plan(site, paper_feed(site, stories, **kw), (render_doc,))[0]


def render_issues_feed(site: Site, editions: Sequence[Edition], **kw: Any) -> bytes:
    return render_plan(site, issues_feed(site, editions, **kw), (render_doc,))[0]


def render_topic_feed(site: Site, topic: Topic, stories: Sequence[Story], **kw: Any) -> bytes:
    return render_plan(site, topic_feed(site, topic, stories, **kw), (render_doc,))[0]


def render_archive(site: Site, edition: Edition, **kw: Any) -> bytes:
    return render_plan(site, archive_feed(site, edition, **kw), (render_doc,))[0]


def archive_url(site: Site, day: date) -> str:
    return site.url(feed_path(site.slug, f"archive/{day.isoformat()}"))


class Renderer(Protocol):
    """A feed format: one document from its entries (Atom here, RSS and JSON Feed beside)."""

    def __call__(
        self,
        site: Site,
        doc: Doc,
        entries: Sequence[Entry],
        *,
        full: bool = True,
        updated: datetime | None = None,
    ) -> bytes: ...


def fit_all(
    site: Site,
    doc: Doc,
    entries: Sequence[Entry],
    budget: Budget,
    updated: datetime | None,
    renderers: Sequence[Renderer],
    *,
    shrink: bool = True,
) -> list[bytes]:
    """Render within ``budget`` in each format: fewer entries first (if ``shrink``), then
    summaries; the window and the full/summary choice are decided by the largest rendering,
    so every format carries the same entries. One document per renderer."""
    n = min(len(entries), budget.window)

    def render(count: int, full: bool) -> list[bytes]:
        return [r(site, doc, entries[:count], full=full, updated=updated) for r in renderers]

    def size(docs: list[bytes]) -> int:
        return max(len(d) for d in docs)

    data = render(n, True)
    while size(data) > budget.max_bytes and shrink and n > 1:
        n = max(1, min(n - 1, n * budget.max_bytes // size(data)))
        data = render(n, True)
    if size(data) > budget.max_bytes:
        data = render(n, False)
    if size(data) > budget.max_bytes:
        raise SyndicateError(
            f"feed {doc.name}: {size(data)} bytes even with summaries, over the "
            f"{budget.max_bytes}-byte budget; raise feed_max_bytes"
        )
    return data


def newest_update(doc: Doc, entries: Sequence[Entry], updated: datetime | None) -> datetime:
    """A document's updated time: its newest entry's, else ``updated`` (an empty feed)."""
    newest = max((e.updated for e in entries), default=updated)
    if newest is None:
        raise ValueError(f"feed {doc.name} has no entries and no updated time")
    return newest


def render_doc(
    site: Site,
    doc: Doc,
    entries: Sequence[Entry],
    *,
    full: bool = True,
    updated: datetime | None = None,
) -> bytes:
    """One Atom document, entries in the given order (bytes, UTF-8)."""
    newest = newest_update(doc, entries, updated)
    fg = FeedGenerator()
    if doc.archive:
        fg.register_extension("fh", _ArchiveMark, None, atom=True, rss=False)
    fg.id(feed_id(site, "atom" if doc.archive else doc.name))
    fg.title(doc.title)
    fg.updated(newest)
    fg.language(site.language)
    fg.author({"name": site.paper.name})
    fg.generator("syndicate")
    self_url = site.url(feed_path(site.slug, doc.name))
    fg.link(href=self_url, rel="self", type=ATOM_TYPE)
    fg.link(href=doc.alternate, rel="alternate", type="text/html")
    if not doc.archive:
        for hub in site.hubs:
            fg.link(href=hub, rel="hub")
    for rel, href in doc.links:
        fg.link(href=href, rel=rel, type=ATOM_TYPE)
    for e in entries:
        _add_entry(fg, e, full, site.url(f"/{site.slug}/feeds/"))
    out: bytes = fg.atom_str(pretty=True)
    return out


def _add_entry(fg: FeedGenerator, e: Entry, full: bool, scheme: str) -> None:
    fe = fg.add_entry(order="append")
    fe.id(e.id)
    fe.title(e.title)
    fe.updated(e.updated)
    fe.published(e.published)
    fe.link(href=e.url, rel="alternate", type="text/html")
    fe.content(e.content if full else e.summary, type="html")
    for name in e.authors:
        fe.author({"name": name})
    for name in e.contributors:
        fe.contributor({"name": name})
    for t in e.categories:
        fe.category({"term": t.key, "label": t.label, "scheme": f"{scheme}{t.kind}/"})
