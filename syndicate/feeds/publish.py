"""Publishing: after an issue (or a revision of one) is stored, write what changed into the
public dir (feeds in every format, the OPML list, the 订阅 page and the web edition pages)
and queue the WebSub pings (the worker sends them).

What one publish of issue E rewrites, and nothing else (so its cost grows with the issue and
the feed windows, never with the archive):

1. Archive documents (RFC 5005): E's, plus its neighbours' (their prev-/next-archive link to
   E is new when E is); written first, so a reader walking back never meets a missing link.
2. The subscription feeds: the paper feed and the issues feed (newest ``feed_window``), and
   the page, column and reporter feeds of every topic in E, in its current revision and in the
   revision before it (a topic an article left must drop it); each in Atom, RSS 2.0 and JSON
   Feed 1.1 (``formats``); then the paper's OPML list and 订阅 page (``directory``).
3. The web edition: E's issue page, page (版面) views and article pages, the neighbours'
   issue and article pages (their previous/next issue links), the paper's home page and the
   site home (``/``, the first paper), the archive index and E's year (calendar) page.

``publish_issue`` returns which paths changed and how many hub pings it queued; ``syndicate
ingest``, ``run`` and ``render --channel atom`` call it. The renderers are pure; this module
reads the store, the clock never (all times come from the store).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
from sqlalchemy import Connection, Engine, select

from syndicate import assets
from syndicate.config import Settings
from syndicate.errors import ConfigError, StoreError
from syndicate.failpoints import failpoint
from syndicate.feeds import atom, directory, pages
from syndicate.feeds.edition import Edition, Topic, story_topics
from syndicate.feeds.editions import (
    archive_years,
    latest_dates,
    load_edition,
    neighbours,
    paper_topics,
    previous_issue_text,
    recent_editions,
    recent_stories,
    year_heads,
)
from syndicate.feeds.formats import render_formats
from syndicate.feeds.ids import (
    Site,
    archive_path,
    archive_year_path,
    article_path,
    feeds_page_path,
    home_path,
    issue_path,
    opml_path,
    page_path,
)
from syndicate.feeds.navigation import page_numbers
from syndicate.feeds.public import PublicFile, target, write_files
from syndicate.feeds.republish import mark_published
from syndicate.feeds.websub import queue_pings
from syndicate.store.engine import reading
from syndicate.store.schema import issues

log = logging.getLogger("syndicate.feeds.publish")
Db = Engine | Connection


@dataclass
class Report:
    """What a publish did: the site paths it (re)wrote, how many it rendered, and how many
    WebSub pings it queued (the worker sends them: ``syndicate.feeds.websub``)."""

    written: list[str] = field(default_factory=list)
    rendered: int = 0
    queued: int = 0


def site_for(settings: Settings, slug: str | None) -> Site:
    return Site(settings.base_url, settings.paper(slug), settings.websub_hubs)


def budget_for(settings: Settings) -> atom.Budget:
    return atom.Budget(window=settings.feed_window, max_bytes=settings.feed_max_bytes)


def template_env(settings: Settings) -> jinja2.Environment:
    return web_environment(Path(settings.web_templates) if settings.web_templates else None)


def web_environment(override: Path | None = None) -> jinja2.Environment:
    """The web edition's templates (``override`` first), with the pages' helpers."""
    return pages.prepare(assets.environment("web", override))


def publish_issue(
    engine: Engine,
    settings: Settings,
    slug: str,
    day: date,
    *,
    root: Path | None = None,
    ping: bool = True,
) -> Report:
    """Publish issue ``slug/day`` (see the module docstring) into ``root`` (the public dir)."""
    site = site_for(settings, slug)
    with reading(engine) as conn:
        files = issue_files(conn, settings, site, day)
        stored = conn.execute(
            select(issues.c.revision, issues.c.updated_at).where(
                issues.c.key == f"{slug}/{day.isoformat()}"
            )
        ).one()
    report = Report(rendered=len(files))
    report.written = write_files(root or settings.public_dir, files)
    if root is None or root == settings.public_dir:
        failpoint("publish.recorded")
        with engine.begin() as conn:  # the next tick publishes again what is not recorded
            mark_published(conn, f"{slug}/{day.isoformat()}", stored.revision, stored.updated_at)
    changed = [site.url(f.path) for f in files if f.feed and f.path in set(report.written)]
    if ping and changed and site.hubs:
        report.queued = queue_pings(engine, site.hubs, changed)
    return report


def publish_key(engine: Engine, settings: Settings, key: str, **kw: Any) -> Report:
    """``publish_issue`` for an issue key ``SLUG/YYYY-MM-DD`` (e.g. an ``IngestResult.key``)."""
    slug, day = split_key(key)
    return publish_issue(engine, settings, slug, day, **kw)


def split_key(key: str) -> tuple[str, date]:
    slug, _, day = key.partition("/")
    try:
        return slug, date.fromisoformat(day)
    except ValueError:
        raise ConfigError(f"issue key '{key}' is not SLUG/YYYY-MM-DD") from None


def render_files(settings: Settings, key: str, out: Path) -> list[Path]:
    """``syndicate render KEY --channel atom --out DIR``: every file the atom channel would
    publish for the issue, written under ``out``; pings no hub."""
    from syndicate.store.engine import ensure_schema

    slug, day = split_key(key)
    settings.paper(slug)
    engine = ensure_schema(settings)
    try:
        with reading(engine) as conn:
            files = issue_files(conn, settings, site_for(settings, slug), day)
    finally:
        engine.dispose()
    write_files(out, files)
    return [target(out, f.path) for f in files]


def issue_files(conn: Connection, settings: Settings, site: Site, day: date) -> list[PublicFile]:
    """Everything to (re)write for issue ``day``, in write order. A broken template (a
    paper's override) is a ``ConfigError`` naming the file and line."""
    with assets.template_errors("web_templates"):
        out = []
        for edition_site in site.editions():  # the paper's own, then each 繁體 variant
            out += in_script(edition_site, _issue_files(conn, settings, edition_site, day))
        return out


def in_script(site: Site, files: list[PublicFile]) -> list[PublicFile]:
    """A variant edition's files converted whole by OpenCC (``syndicate.script``): text,
    names, titles and the pages' own words alike. Only text changes: markup, JSON keys, dates
    and URLs (percent-encoded) are ASCII, which OpenCC leaves alone. The stored issue and its
    parse are untouched, so a conversion is never a parse problem."""
    script = site.variant
    if script is None:
        return files
    from syndicate.script import convert

    def converted(body: bytes) -> bytes:
        return convert(body.decode("utf-8"), script).encode("utf-8")

    return [replace(f, body=converted(f.body)) for f in files]


def _issue_files(conn: Connection, settings: Settings, site: Site, day: date) -> list[PublicFile]:
    edition = load_edition(conn, site.paper.slug, day)
    if edition is None:
        raise StoreError(f"issue {site.paper.slug}/{day} is not stored; ingest it first")
    prev, nxt = neighbours(conn, site.paper.slug, day)
    around = {d: load_edition(conn, site.paper.slug, d) for d in (prev, nxt) if d is not None}
    editions = {day: edition, **{d: e for d, e in around.items() if e is not None}}
    files = archive_files(conn, site, editions, settings)
    files += feed_files(conn, settings, site, edition)
    files += page_files(conn, settings, site, editions, day)
    return files


def archive_files(
    conn: Connection, site: Site, editions: dict[date, Edition], settings: Settings
) -> list[PublicFile]:
    out = []
    for d, e in sorted(editions.items()):
        prev, nxt = neighbours(conn, site.paper.slug, d)
        plan = atom.archive_feed(site, e, prev=prev, next=nxt, budget=budget_for(settings))
        out += _formats(site, plan, e.newest(), feed=False)
    return out


def feed_files(
    conn: Connection, settings: Settings, site: Site, edition: Edition
) -> list[PublicFile]:
    """The subscription feeds (each in every format), the OPML list and the 订阅 page."""
    budget = budget_for(settings)
    n = budget.window
    stories = recent_stories(conn, site.paper.slug, n)
    newest = latest_dates(conn, site.paper.slug, 1)
    plan = atom.paper_feed(
        site, stories, newest_archive=newest[0] if newest else None, budget=budget
    )
    at = max(s.updated for s in stories) if stories else edition.newest()
    out = _formats(site, plan, at)
    recent = recent_editions(conn, site.paper.slug, n)
    out += _formats(site, atom.issues_feed(site, recent, budget=budget), recent[0].newest())
    for topic in affected_topics(conn, site, edition):
        picked = recent_stories(conn, site.paper.slug, n, topic)
        at = max((s.updated for s in picked), default=edition.newest())
        plan = atom.topic_feed(site, topic, picked, budget=budget, updated=at)
        out += _formats(site, plan, at)
    topics = paper_topics(conn, site.paper.slug)
    at = recent[0].newest()
    out.append(PublicFile(opml_path(site.slug), directory.render_opml(site, topics), at))
    html = directory.render_feeds_page(template_env(settings), site, topics)
    out.append(PublicFile(feeds_page_path(site.slug), html.encode("utf-8"), at))
    return out


def _formats(
    site: Site, plan: atom.FeedPlan, at: datetime, *, feed: bool = True
) -> list[PublicFile]:
    """One document in every format (``formats.FORMATS``), all stamped ``at``."""
    return [PublicFile(path, body, at, feed=feed) for path, body in render_formats(site, plan)]


def affected_topics(conn: Connection, site: Site, edition: Edition) -> list[Topic]:
    """Topics of the issue's current revision and of the revision before it."""
    topics = [t for s in edition.stories() for t in story_topics(s)]
    before = previous_issue_text(conn, site.paper.slug, edition.date)
    if before is not None:
        from syndicate.parse import parse_issue

        old = parse_issue(before, source="previous revision", date=edition.date)
        topics += [
            t for s in Edition.fresh(old, edition.updated).stories() for t in story_topics(s)
        ]
    return list(dict.fromkeys(topics))


def page_files(
    conn: Connection,
    settings: Settings,
    site: Site,
    editions: dict[date, Edition],
    day: date,
) -> list[PublicFile]:
    env = template_env(settings)
    edition = editions[day]
    out = []
    for d, e in sorted(editions.items()):  # the neighbours' articles link to this issue
        prev, nxt = neighbours(conn, site.paper.slug, d)
        for key in e.keys:
            html = pages.render_article_page(env, site, e, key, prev_issue=prev, next_issue=nxt)
            out.append(_page(article_path(site.slug, d, key), html, e))
        html = pages.render_issue_page(env, site, e, prev=prev, next=nxt)
        out.append(_page(issue_path(site.slug, d), html, e))
    for n in page_numbers(edition):
        html = pages.render_page_view(env, site, edition, n)
        out.append(_page(page_path(site.slug, day, n), html, edition))
    out += home_files(conn, settings, site, env, editions)
    years = archive_years(conn, site.paper.slug)
    out.append(
        _page(archive_path(site.slug), pages.render_archive_index(env, site, years), edition)
    )
    heads = year_heads(conn, site.paper.slug, day.year)
    html = pages.render_archive_year(env, site, day.year, heads)
    out.append(_page(archive_year_path(site.slug, day.year), html, edition))
    return out


def home_files(
    conn: Connection,
    settings: Settings,
    site: Site,
    env: jinja2.Environment,
    editions: dict[date, Edition],
) -> list[PublicFile]:
    """``/{slug}/`` (and ``/`` for the first paper): the latest issue."""
    latest = latest_dates(conn, site.paper.slug, 1)[0]
    edition = editions.get(latest) or load_edition(conn, site.paper.slug, latest)
    assert edition is not None
    prev, _ = neighbours(conn, site.paper.slug, latest)
    home = home_path(site.slug)
    html = pages.render_issue_page(env, site, edition, prev=prev, next=None, path=home)
    out = [_page(home, html, edition)]
    if settings.papers[0].slug == site.paper.slug and site.variant is None:
        others = [(p.name, home_path(p.slug)) for p in settings.papers[1:]]
        html = pages.render_issue_page(
            env, site, edition, prev=prev, next=None, others=others, path="/"
        )
        out.append(_page("/", html, edition))
    return out


def _page(path: str, html: str, edition: Edition) -> PublicFile:
    return PublicFile(path, html.encode("utf-8"), edition.newest())
