"""The search index over stored articles: SQLite FTS5 or PostgreSQL full text, both fed with
the bigram tokens of ``syndicate.grams`` (no dictionary to load, any substring of two or more
characters found).

- SQLite: the FTS5 table ``article_search`` (rowid = ``articles.id``; columns ``title`` and
  ``body``), made by migration 0010.
- PostgreSQL: the table ``article_search`` (``article_id``, ``issue_id``, a ``tsvector`` of the
  'simple' configuration with a GIN index).

The index is derived data: ``reindex_issue`` rewrites one issue's rows from ``articles`` inside
the ingest's transaction, so a search never sees an article the store does not hold, and
``rebuild`` remakes it all. Neither table is in ``schema.metadata`` (their shape depends on the
dialect); ``TABLES`` names them for the schema comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from sqlalchemy import Connection, bindparam, func, select, text

from syndicate.grams import Term, fts5_query, index_tokens, tsquery
from syndicate.store.schema import articles, issues, pages, papers

#: Tables (and SQLite's FTS5 shadow tables) that belong to the index.
TABLES: Final = "article_search"

#: Results per page, and the most pages a reader may ask for.
PAGE_SIZE: Final = 20
MAX_PAGES: Final = 50


@dataclass(frozen=True)
class Hit:
    issue_key: str
    date: date
    key: str
    page: int
    page_name: str | None
    title: str
    kicker: str | None
    paragraphs: list[str]


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    total: int


def _document(r: Any) -> tuple[str, str]:
    title = index_tokens(r.kicker or "", r.title, r.subtitle or "")
    body = index_tokens(
        *(b.get("name", "") if isinstance(b, dict) else str(b) for b in r.bylines or []),
        *r.paragraphs,
    )
    return title, body


def reindex_issue(conn: Connection, issue_id: int) -> None:
    """Rewrite the index rows of one issue's articles (removed ones drop out)."""
    c = articles.c
    rows = conn.execute(
        select(c.id, c.title, c.kicker, c.subtitle, c.bylines, c.paragraphs).where(
            c.issue_id == issue_id, c.removed.is_(False)
        )
    ).all()
    docs = [
        {"id": r.id, "issue": issue_id, "t": t, "b": b} for r in rows for t, b in [_document(r)]
    ]
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "DELETE FROM article_search WHERE rowid IN "
                "(SELECT id FROM articles WHERE issue_id = :i)"
            ),
            {"i": issue_id},
        )
        if docs:
            conn.execute(
                text("INSERT INTO article_search (rowid, title, body) VALUES (:id, :t, :b)"), docs
            )
        return
    conn.execute(text("DELETE FROM article_search WHERE issue_id = :i"), {"i": issue_id})
    if docs:
        conn.execute(
            text(
                "INSERT INTO article_search (article_id, issue_id, doc) VALUES "
                "(:id, :issue, setweight(to_tsvector('simple', :t), 'A') || "
                "to_tsvector('simple', :b))"
            ),
            docs,
        )


def rebuild(conn: Connection) -> int:
    """Remake the whole index from ``articles``; the number of issues indexed."""
    ids = conn.execute(select(issues.c.id)).scalars().all()
    for issue_id in ids:
        reindex_issue(conn, issue_id)
    return len(ids)


def search(conn: Connection, slug: str, terms: list[Term], *, page: int = 1) -> Results:
    """Articles of paper ``slug`` that contain every term, newest issue first."""
    if not terms:
        return Results([], 0)
    page = min(max(page, 1), MAX_PAGES)
    if conn.dialect.name == "sqlite":
        sql, q = "SELECT rowid AS id FROM article_search WHERE article_search MATCH :q", fts5_query
    else:
        sql = "SELECT article_id AS id FROM article_search WHERE doc @@ to_tsquery('simple', :q)"
        q = tsquery
    match = text(sql).bindparams(q=q(terms)).columns(id=articles.c.id.type).subquery()
    hit_id = match.c.id
    a, i = articles.c, issues.c
    found = (
        select(a.id)
        .select_from(match.join(articles, a.id == hit_id).join(issues, i.id == a.issue_id))
        .join(papers, papers.c.id == i.paper_id)
        .where(papers.c.slug == bindparam("slug"), a.removed.is_(False))
    )
    total = conn.execute(
        select(func.count()).select_from(found.subquery()), {"slug": slug}
    ).scalar_one()
    # The page's name: the first page row of that number in the issue.
    page_name = (
        select(pages.c.name)
        .where(pages.c.issue_id == a.issue_id, pages.c.number == a.page)
        .order_by(pages.c.seq)
        .limit(1)
        .scalar_subquery()
    )
    window = (
        found.add_columns(i.date, a.page, a.seq)
        .order_by(i.date.desc(), a.page, a.seq)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
        .subquery()
    )
    rows = conn.execute(
        select(
            i.key.label("issue_key"),
            i.date,
            a.key,
            a.page,
            page_name.label("page_name"),
            a.title,
            a.kicker,
            a.paragraphs,
        )  # fmt: skip
        .select_from(window.join(articles, a.id == window.c.id).join(issues, i.id == a.issue_id))
        .order_by(i.date.desc(), a.page, a.seq),
        {"slug": slug},
    ).all()
    hits = [
        Hit(r.issue_key, r.date, r.key, r.page, r.page_name, r.title, r.kicker, list(r.paragraphs))
        for r in rows
    ]
    return Results(hits, int(total))
