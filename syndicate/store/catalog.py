"""Reads of stored issues for the channels: issues back as model objects, with stable keys.

Every function takes an ``Engine`` (it opens a short read transaction) or a ``Connection``
(it reads inside the caller's transaction) and only reads.

- ``load_issue(db, key) -> StoredIssue | None``: the current revision of an issue as a model
  ``Issue`` (articles not removed, in page order), plus each article's stable key and revision
  time in ``StoredIssue.articles`` (same order as ``issue.articles``).
- ``list_issues(db, paper=None, limit=None) -> list[IssueSummary]``: newest first.
- ``list_articles(db, key, include_removed=False) -> list[StoredArticle]``.
- ``list_revisions(db, key) -> list[Revision]``.
- ``article_from_row(row) -> Article`` for callers that select ``articles`` rows themselves.

Use ``StoredArticle.key`` (stable across revisions) for feed ids and links, not
``Article.key``: ``Article.seq`` is the article's position in the *current* revision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, Row, select

from syndicate.config import PaperConfig
from syndicate.model import Article, Byline, Doubt, Issue, Page, Paper, Problem
from syndicate.store.engine import insert, reading
from syndicate.store.schema import articles, issue_revisions, issues, pages, papers


@dataclass(frozen=True)
class StoredArticle:
    """An article with its stable key and when its content last changed."""

    key: str
    issue_key: str
    article: Article
    first_revision: int
    revision: int
    revised_at: datetime
    removed: bool


@dataclass(frozen=True)
class IssueSummary:
    """One row of the issue list."""

    key: str
    paper: str
    date: Date
    name: str | None
    serial: int | None
    number_in_year: int | None
    revision: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class StoredIssue:
    """An issue's current revision: the model ``Issue`` and its articles' stable keys."""

    summary: IssueSummary
    issue: Issue
    articles: tuple[StoredArticle, ...]

    @property
    def key(self) -> str:
        return self.summary.key


@dataclass(frozen=True)
class Revision:
    revision: int
    sha256: str
    source: str
    received_at: datetime


def _summary_query() -> Any:
    i = issues.c
    return select(
        i.id, i.key, papers.c.slug, i.date, i.name, i.serial, i.number_in_year,
        i.revision, i.created_at, i.updated_at,
    ).join(papers, papers.c.id == i.paper_id)  # fmt: skip


def _summary(r: Row[Any]) -> IssueSummary:
    return IssueSummary(
        key=r.key,
        paper=r.slug,
        date=r.date,
        name=r.name,
        serial=r.serial,
        number_in_year=r.number_in_year,
        revision=r.revision,
        created_at=r.created_at,
        updated_at=r.updated_at,
    )


def list_issues(
    db: Engine | Connection, *, paper: str | None = None, limit: int | None = None
) -> list[IssueSummary]:
    """Stored issues, newest first, of one paper (by slug) or all."""
    q = _summary_query().order_by(issues.c.date.desc(), papers.c.slug)
    if paper is not None:
        q = q.where(papers.c.slug == paper)
    if limit is not None:
        q = q.limit(limit)
    with reading(db) as conn:
        return [_summary(r) for r in conn.execute(q)]


def article_from_row(r: Row[Any]) -> Article:
    """A model ``Article`` from a row of the ``articles`` table."""
    return Article(
        page=r.page,
        seq=r.seq,
        title=r.title,
        kicker=r.kicker,
        subtitle=r.subtitle,
        column=r.column_name,
        dateline=r.dateline,
        place=r.place,
        bylines=tuple(Byline(b["role"], b["name"], b["printed"]) for b in r.bylines),
        captions=tuple(r.captions),
        paragraphs=tuple(r.paragraphs),
        kind=r.kind or "article",
        subheads=tuple(r.subheads or ()),
        summary=r.summary,
    )


#: Old private name, kept for callers written against it.
_article = article_from_row


def _stored_article(issue_key: str, r: Row[Any]) -> StoredArticle:
    return StoredArticle(
        key=r.key,
        issue_key=issue_key,
        article=article_from_row(r),
        first_revision=r.first_revision,
        revision=r.revision,
        revised_at=r.revised_at,
        removed=r.removed,
    )


def _article_rows(conn: Connection, issue_id: int, include_removed: bool) -> list[Row[Any]]:
    q = select(articles).where(articles.c.issue_id == issue_id)
    if not include_removed:
        q = q.where(articles.c.removed.is_(False))
    return list(conn.execute(q.order_by(articles.c.page, articles.c.seq, articles.c.id)))


def list_articles(
    db: Engine | Connection, key: str, *, include_removed: bool = False
) -> list[StoredArticle]:
    """The articles of issue ``key`` in page order (none if there is no such issue)."""
    with reading(db) as conn:
        issue_id = conn.execute(select(issues.c.id).where(issues.c.key == key)).scalar()
        if issue_id is None:
            return []
        return [_stored_article(key, r) for r in _article_rows(conn, issue_id, include_removed)]


def load_issue(db: Engine | Connection, key: str) -> StoredIssue | None:
    """Issue ``key`` (``SLUG/YYYY-MM-DD``) as stored now, or None."""
    with reading(db) as conn:
        head = conn.execute(_summary_query().where(issues.c.key == key)).one_or_none()
        if head is None:
            return None
        full = conn.execute(select(issues).where(issues.c.id == head.id)).one()
        page_rows = conn.execute(
            select(pages.c.number, pages.c.name, pages.c.code)
            .where(pages.c.issue_id == head.id)
            .order_by(pages.c.seq)
        ).all()
        stored = tuple(_stored_article(key, r) for r in _article_rows(conn, head.id, False))
        parsed = conn.execute(
            select(issue_revisions.c.confidence, issue_revisions.c.doubts).where(
                issue_revisions.c.issue_id == head.id,
                issue_revisions.c.revision == full.revision,
            )
        ).one()
    issue = Issue(
        paper=Paper(
            name=full.name,
            supervisor=full.supervisor,
            sponsor=full.sponsor,
            publisher=full.publisher,
            cn=full.cn,
            hotline=full.hotline,
            slogan=full.slogan,
        ),
        date=full.date,
        weekday=full.weekday,
        lunar_date=full.lunar_date,
        serial=full.serial,
        number_in_year=full.number_in_year,
        pages=tuple(Page(p.number, p.name, p.code) for p in page_rows),
        articles=tuple(s.article for s in stored),
        problems=tuple(Problem(p["kind"], p["page"], p["detail"]) for p in full.problems),
        confidence=1.0 if parsed.confidence is None else parsed.confidence,
        doubts=tuple(Doubt(**d) for d in parsed.doubts or ()),
    )
    return StoredIssue(summary=_summary(head), issue=issue, articles=stored)


def list_revisions(db: Engine | Connection, key: str) -> list[Revision]:
    """The revisions of issue ``key``, oldest first."""
    r = issue_revisions.c
    q = (
        select(r.revision, r.sha256, r.source, r.received_at)
        .join(issues, issues.c.id == r.issue_id)
        .where(issues.c.key == key)
        .order_by(r.revision)
    )
    with reading(db) as conn:
        return [Revision(x.revision, x.sha256, x.source, x.received_at) for x in conn.execute(q)]


def paper_id(conn: Connection, paper: PaperConfig, now: datetime) -> int:
    """The id of ``paper``'s row, inserting it if new (safe under concurrency)."""
    stmt = insert(conn, papers).values(slug=paper.slug, name=paper.name, created_at=now)
    conn.execute(stmt.on_conflict_do_nothing(index_elements=[papers.c.slug]))
    return int(conn.execute(select(papers.c.id).where(papers.c.slug == paper.slug)).scalar_one())
