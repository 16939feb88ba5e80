"""Publishing: after an issue (or a revision of one) is stored, write what changed into the
public dir (feeds and web edition pages) and ping the WebSub hubs.

What one publish of issue E rewrites, and nothing else (so its cost grows with the issue and
the feed windows, never with the archive):

1. Archive documents (RFC 5005): E's, plus its neighbours' (their prev-/next-archive link to
   E is new when E is); written first, so a reader walking back never meets a missing link.
2. The subscription feeds: the paper feed and the issues feed (newest ``feed_window``), and
   the page, column and reporter feeds of every topic in E, in its current revision and in the
   revision before it (a topic an article left must drop it).
3. The web edition: E's issue page, page (版面) views and article pages, the neighbours'
   issue and article pages (their previous/next issue links), the paper's home page and the
   site home (``/``, the first paper), the archive index and E's year (calendar) page.

``publish_issue`` returns which paths changed and the hub pings; ``syndicate ingest``, ``run``
and ``render --channel atom`` call it. The renderers are pure; this module reads the store,
the clock never (all times come from the store).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from sqlalchemy import Connection, Engine, select

from syndicate import assets
from syndicate.config import Settings
from syndicate.errors import ConfigError, StoreError
from syndicate.failpoints import failpoint
from syndicate.feeds import atom, pages
from syndicate.feeds.edition import Edition, Topic, story_topics
from syndicate.feeds.editions import (
    archive_years,
    latest_dates,
    load_edition,
    neighbours,
    previous_issue_text,
    recent_editions,
    recent_stories,
    year_heads,
)
from syndicate.feeds.ids import (
    Site,
    archive_path,
    archive_year_path,
    article_path,
    feed_path,
    home_path,
    issue_path,
    page_path,
)
from syndicate.feeds.navigation import page_numbers
from syndicate.feeds.public import PublicFile, target, write_files
from syndicate.feeds.republish import mark_published
from syndicate.feeds.websub import Ping, ping_hubs
from syndicate.store.engine import reading
from syndicate.store.schema import issues

log = logging.getLogger("syndicate.feeds.publish")
Db = Engine | Connection


@dataclass
class Report:
    """What a publish did: the site paths it (re)wrote, how many it rendered, the pings."""

    written: list[str] = field(default_factory=list)
    rendered: int = 0
    pings: list[Ping] = field(default_factory=list)

    @property
    def failed_pings(self) -> list[Ping]:
        return [p for p in self.pings if not p.ok]


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
        report.pings = ping_hubs(site.hubs, changed)
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
        return _issue_files(conn, settings, site, day)


def _issue_files(conn: Connection, settings: Settings, site: Site, day: date) -> list[PublicFile]:
    edition = load_edition(conn, site.slug, day)
    if edition is None:
        raise StoreError(f"issue {site.slug}/{day} is not stored; ingest it first")
    prev, nxt = neighbours(conn, site.slug, day)
    around = {d: load_edition(conn, site.slug, d) for d in (prev, nxt) if d is not None}
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
        prev, nxt = neighbours(conn, site.slug, d)
        body = atom.render_archive(site, e, prev=prev, next=nxt, budget=budget_for(settings))
        out.append(PublicFile(feed_path(site.slug, f"archive/{d.isoformat()}"), body, e.newest()))
    return out


def feed_files(
    conn: Connection, settings: Settings, site: Site, edition: Edition
) -> list[PublicFile]:
    budget = budget_for(settings)
    n = budget.window
    stories = recent_stories(conn, site.slug, n)
    newest = latest_dates(conn, site.slug, 1)
    body = atom.render_paper_feed(
        site, stories, newest_archive=newest[0] if newest else None, budget=budget
    )
    at = max(s.updated for s in stories) if stories else edition.newest()
    out = [PublicFile(feed_path(site.slug, "atom"), body, at, feed=True)]
    recent = recent_editions(conn, site.slug, n)
    body = atom.render_issues_feed(site, recent, budget=budget)
    out.append(PublicFile(feed_path(site.slug, "issues"), body, recent[0].newest(), feed=True))
    for topic in affected_topics(conn, site, edition):
        picked = recent_stories(conn, site.slug, n, topic)
        at = max((s.updated for s in picked), default=edition.newest())
        body = atom.render_topic_feed(site, topic, picked, budget=budget, updated=at)
        out.append(PublicFile(feed_path(site.slug, topic.feed_name), body, at, feed=True))
    return out


def affected_topics(conn: Connection, site: Site, edition: Edition) -> list[Topic]:
    """Topics of the issue's current revision and of the revision before it."""
    topics = [t for s in edition.stories() for t in story_topics(s)]
    before = previous_issue_text(conn, site.slug, edition.date)
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
        prev, nxt = neighbours(conn, site.slug, d)
        for key in e.keys:
            html = pages.render_article_page(env, site, e, key, prev_issue=prev, next_issue=nxt)
            out.append(_page(article_path(site.slug, d, key), html, e))
        html = pages.render_issue_page(env, site, e, prev=prev, next=nxt)
        out.append(_page(issue_path(site.slug, d), html, e))
    for n in page_numbers(edition):
        html = pages.render_page_view(env, site, edition, n)
        out.append(_page(page_path(site.slug, day, n), html, edition))
    out += home_files(conn, settings, site, env, editions)
    years = archive_years(conn, site.slug)
    out.append(
        _page(archive_path(site.slug), pages.render_archive_index(env, site, years), edition)
    )
    heads = year_heads(conn, site.slug, day.year)
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
    latest = latest_dates(conn, site.slug, 1)[0]
    edition = editions.get(latest) or load_edition(conn, site.slug, latest)
    assert edition is not None
    prev, _ = neighbours(conn, site.slug, latest)
    html = pages.render_issue_page(env, site, edition, prev=prev, next=None)
    out = [_page(home_path(site.slug), html, edition)]
    if settings.papers[0].slug == site.slug:
        others = [(p.name, home_path(p.slug)) for p in settings.papers[1:]]
        html = pages.render_issue_page(env, site, edition, prev=prev, next=None, others=others)
        out.append(_page("/", html, edition))
    return out


def _page(path: str, html: str, edition: Edition) -> PublicFile:
    return PublicFile(path, html.encode("utf-8"), edition.newest())
