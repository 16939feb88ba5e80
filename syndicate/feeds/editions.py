"""Reads the publisher needs on top of ``store.catalog``: editions, feed windows, archives.

Every query is bounded by what it returns (a feed window, one issue, one year of issue
heads), never by the size of the archive, so publishing an issue costs the same on day one
and in year ten. A feed window reads the newest issues a few at a time (by the indexed issue
date) until it is full, looking back at most ``LOOKBACK`` issues.

Reporter feeds: bylines are a JSON column, so candidates are found with a text match on the
quoted name and confirmed in Python (the name must be a reporter of the article, not only a
correspondent).

Only reads; the tables are ``syndicate.store.schema``'s.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, Text, and_, cast, extract, func, or_, select

from syndicate.feeds.edition import Edition, Story, Topic, in_topic, topics_of
from syndicate.feeds.pages import IssueHead
from syndicate.store.catalog import StoredIssue, article_from_row, load_issue
from syndicate.store.engine import reading
from syndicate.store.schema import articles, issue_revisions, issues, pages, papers

#: Byline roles that make a reporter feed (``Article.reporters``).
REPORTER_ROLES = ("reporter", "author")

#: Issues whose articles are read at a time while a window fills.
ISSUES_PER_READ = 16
#: How many of the newest issues a page, column or reporter feed looks back through: a
#: topic absent for longer has an empty window (its older stories stay in the archive).
LOOKBACK = 400


def to_edition(stored: StoredIssue) -> Edition:
    """A catalog issue as the renderers take it (stable keys, revision times)."""
    keys = tuple(a.key for a in stored.articles)
    revised = tuple(a.revised_at for a in stored.articles)
    return Edition(stored.issue, stored.summary.updated_at, keys, revised)


def load_edition(db: Engine | Connection, slug: str, day: date) -> Edition | None:
    stored = load_issue(db, f"{slug}/{day.isoformat()}")
    return to_edition(stored) if stored else None


def _paper_issues(slug: str) -> Any:
    return (
        select(issues.c.id, issues.c.date)
        .join(papers, papers.c.id == issues.c.paper_id)
        .where(papers.c.slug == slug)
    )


def neighbours(db: Engine | Connection, slug: str, day: date) -> tuple[date | None, date | None]:
    """The dates of the issues just before and just after ``day``."""
    base = _paper_issues(slug)
    with reading(db) as conn:
        prev = conn.execute(
            base.where(issues.c.date < day).order_by(issues.c.date.desc()).limit(1)
        ).first()
        nxt = conn.execute(base.where(issues.c.date > day).order_by(issues.c.date).limit(1)).first()
    return (prev.date if prev else None, nxt.date if nxt else None)


def latest_dates(db: Engine | Connection, slug: str, limit: int) -> list[date]:
    """The newest ``limit`` issue dates, newest first."""
    with reading(db) as conn:
        rows = conn.execute(_paper_issues(slug).order_by(issues.c.date.desc()).limit(limit))
        return [r.date for r in rows]


def recent_editions(db: Engine | Connection, slug: str, limit: int) -> list[Edition]:
    """The newest ``limit`` issues in full, newest first."""
    out = []
    with reading(db) as conn:
        for day in latest_dates(conn, slug, limit):
            if (e := load_edition(conn, slug, day)) is not None:
                out.append(e)
    return out


def _story_query(slug: str, topic: Topic | None) -> Any:
    a, p = articles.c, pages.c
    q = (
        select(articles, issues.c.date.label("issue_date"), p.name.label("page_name"))
        .join(issues, issues.c.id == a.issue_id)
        .join(papers, papers.c.id == issues.c.paper_id)
        .outerjoin(pages, and_(p.issue_id == a.issue_id, p.number == a.page))
        .where(papers.c.slug == slug, a.removed.is_(False))
        .order_by(issues.c.date.desc(), a.page, a.seq, a.id)
    )
    if topic is None:
        return q
    if topic.kind == "column":
        return q.where(a.column_name == topic.label)
    if topic.kind == "page":
        if topic.key.isdigit() and topic.label == f"第{topic.key}版":
            return q.where(a.page == int(topic.key), or_(p.name.is_(None), p.name == ""))
        return q.where(p.name == topic.label)
    needle = json.dumps(topic.label, ensure_ascii=False)
    return q.where(cast(a.bylines, Text).contains(needle, autoescape=True))


def recent_stories(
    db: Engine | Connection,
    slug: str,
    limit: int,
    topic: Topic | None = None,
    *,
    lookback: int = LOOKBACK,
) -> list[Story]:
    """The newest ``limit`` stories of the paper (or of one topic): newest issue first, page
    order within an issue. Reads the newest issues ``ISSUES_PER_READ`` at a time and stops
    when the window is full, looking back at most ``lookback`` issues."""
    out: list[Story] = []
    with reading(db) as conn:
        dates = latest_dates(conn, slug, lookback)
        for i in range(0, len(dates), ISSUES_PER_READ):
            newest, oldest = dates[i], dates[min(i + ISSUES_PER_READ, len(dates)) - 1]
            q = _story_query(slug, topic).where(issues.c.date <= newest, issues.c.date >= oldest)
            for r in conn.execute(q):
                story = Story(r.issue_date, r.key, article_from_row(r), r.page_name, r.revised_at)
                if topic is None or in_topic(story, topic):
                    out.append(story)
            if len(out) >= limit:
                break
    return out[:limit]


def archive_years(db: Engine | Connection, slug: str) -> list[tuple[int, int]]:
    """``(year, number of issues)``, newest year first."""
    year = extract("year", issues.c.date)
    q = (
        select(year.label("year"), func.count().label("n"))
        .join(papers, papers.c.id == issues.c.paper_id)
        .where(papers.c.slug == slug)
        .group_by(year)
        .order_by(year.desc())
    )
    with reading(db) as conn:
        return [(int(r.year), int(r.n)) for r in conn.execute(q)]


def year_heads(db: Engine | Connection, slug: str, year: int) -> list[IssueHead]:
    """Every issue of ``year`` (at most 366 rows), newest first, with its article count."""
    live = (
        select(func.count())
        .where(articles.c.issue_id == issues.c.id, articles.c.removed.is_(False))
        .scalar_subquery()
    )
    q = (
        select(issues.c.date, issues.c.weekday, issues.c.serial, live.label("n"))
        .join(papers, papers.c.id == issues.c.paper_id)
        .where(
            papers.c.slug == slug,
            issues.c.date >= date(year, 1, 1),
            issues.c.date <= date(year, 12, 31),
        )
        .order_by(issues.c.date.desc())
    )
    with reading(db) as conn:
        return [IssueHead(r.date, r.weekday, r.serial, int(r.n)) for r in conn.execute(q)]


def previous_issue_text(db: Engine | Connection, slug: str, day: date) -> str | None:
    """The text of the revision before the issue's current one (None for a first revision)."""
    r = issue_revisions.c
    q = (
        select(r.text)
        .join(issues, issues.c.id == r.issue_id)
        .where(issues.c.key == f"{slug}/{day.isoformat()}", r.revision == issues.c.revision - 1)
    )
    with reading(db) as conn:
        row = conn.execute(q).first()
    return str(row.text) if row else None


def paper_topics(db: Engine | Connection, slug: str, *, lookback: int = LOOKBACK) -> list[Topic]:
    """Every page, column and reporter with a feed, over the newest ``lookback`` issues (the
    topic feeds' own reach): pages first, then columns, then reporters, each by first use."""
    a, p = articles.c, pages.c
    with reading(db) as conn:
        dates = latest_dates(conn, slug, lookback)
        if not dates:
            return []
        q = (
            select(a.page, a.column_name, a.bylines, p.name.label("page_name"))
            .join(issues, issues.c.id == a.issue_id)
            .join(papers, papers.c.id == issues.c.paper_id)
            .outerjoin(pages, and_(p.issue_id == a.issue_id, p.number == a.page))
            .where(papers.c.slug == slug, a.removed.is_(False), issues.c.date >= dates[-1])
            .order_by(issues.c.date.desc(), a.page, a.seq)
        )
        rows = conn.execute(q).all()
    found: dict[Topic, None] = {}
    for r in rows:
        reporters = [b["name"] for b in r.bylines if b["role"] in REPORTER_ROLES]
        found |= dict.fromkeys(topics_of(r.page, r.page_name, r.column_name, reporters))
    order = {"page": 0, "column": 1, "reporter": 2}
    return sorted(found, key=lambda t: order[t.kind])
