"""The search index over stored articles: SQLite FTS5 or PostgreSQL full text, both fed with
the bigram tokens of ``syndicate.grams`` (no dictionary to load, any substring of two or more
characters found).

- SQLite: the FTS5 table ``article_search`` (rowid = ``articles.id``), an external-content
  index over ``article_search_docs`` (``id``, ``issue_id``, ``paper_id``, ``sort``, and the
  tokens of ``title`` and ``body``), made by migration 0010.
- PostgreSQL: the table ``article_search`` (``article_id``, ``issue_id``, ``paper_id``,
  ``sort``, a ``tsvector`` of the 'simple' configuration with a GIN index).

``sort`` orders hits newest first without reading the articles, and ``paper_id`` filters
them: both sit in small leading columns, so a common word's thousands of hits cost an index
walk, not thousands of article (or FTS5 content) rows read whole (measured: ~14 µs a hit).

The index is derived data: ``reindex_issue`` rewrites one issue's rows from ``articles`` inside
the ingest's transaction, so a search never sees an article the store does not hold, and
``rebuild`` remakes it all. Neither table is in ``schema.metadata`` (their shape depends on the
dialect); ``TABLES`` names them for the schema comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from sqlalchemy import Connection, select, text

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


def sort_key(day: date, page: int, seq: int) -> str:
    """Orders hits newest issue first, then by page and position, as one descending string."""
    return f"{day.isoformat()}/{9999 - page:04d}/{9999 - seq:04d}"


def reindex_issue(conn: Connection, issue_id: int) -> None:
    """Rewrite the index rows of one issue's articles (removed ones drop out)."""
    c = articles.c
    issue = conn.execute(select(issues.c.paper_id, issues.c.date).where(issues.c.id == issue_id))
    paper_id, day = issue.one()
    rows = conn.execute(
        select(c.id, c.page, c.seq, c.title, c.kicker, c.subtitle, c.bylines, c.paragraphs).where(
            c.issue_id == issue_id, c.removed.is_(False)
        )
    ).all()
    docs = [
        {"id": r.id, "issue": issue_id, "paper": paper_id, "sort": sort_key(day, r.page, r.seq),
         "t": t, "b": b}
        for r in rows
        for t, b in [_document(r)]
    ]  # fmt: skip
    if conn.dialect.name == "sqlite":
        # External content: FTS5 forgets a row only when told its old tokens ('delete').
        conn.execute(
            text(
                "INSERT INTO article_search (article_search, rowid, title, body) "
                "SELECT 'delete', id, title, body FROM article_search_docs WHERE issue_id = :i"
            ),
            {"i": issue_id},
        )
        conn.execute(text("DELETE FROM article_search_docs WHERE issue_id = :i"), {"i": issue_id})
        if docs:
            conn.execute(
                text(
                    "INSERT INTO article_search_docs (id, issue_id, paper_id, sort, title, body) "
                    "VALUES (:id, :issue, :paper, :sort, :t, :b)"
                ),
                docs,
            )
            conn.execute(
                text(
                    "INSERT INTO article_search (rowid, title, body) "
                    "SELECT id, title, body FROM article_search_docs WHERE issue_id = :i"
                ),
                {"i": issue_id},
            )
        return
    conn.execute(text("DELETE FROM article_search WHERE issue_id = :i"), {"i": issue_id})
    if docs:
        conn.execute(
            text(
                "INSERT INTO article_search (article_id, issue_id, paper_id, sort, doc) VALUES "
                "(:id, :issue, :paper, :sort, setweight(to_tsvector('simple', :t), 'A') || "
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
    """Articles of paper ``slug`` that contain every term, newest issue first.

    Only the index is read to find, count and order the hits (its paper and sort columns sit
    beside the tokens); the articles are read for the one page of hits shown."""
    paper_id = conn.execute(select(papers.c.id).where(papers.c.slug == slug)).scalar()
    if not terms or paper_id is None:
        return Results([], 0)
    page = min(max(page, 1), MAX_PAGES)
    if conn.dialect.name == "sqlite":
        q, key = fts5_query(terms), "id"
        where = (
            "FROM article_search JOIN article_search_docs d ON d.id = article_search.rowid "
            "WHERE article_search MATCH :q AND d.paper_id = :p"
        )
    else:
        q, key = tsquery(terms), "article_id"
        # PostgreSQL's planner does not price detoasting each row's tsvector, so on an
        # archive it took a sequential scan (340 ms on 36,000 articles) over the GIN index
        # (2 ms). For this transaction only, scans go through the indexes.
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        where = "FROM article_search d WHERE doc @@ to_tsquery('simple', :q) AND paper_id = :p"
    params = {"q": q, "p": paper_id, "n": PAGE_SIZE, "o": (page - 1) * PAGE_SIZE}
    count = int(conn.execute(text("SELECT count(*) " + where), params).scalar_one())
    ids = conn.execute(
        text(f"SELECT d.{key} {where} ORDER BY d.sort DESC LIMIT :n OFFSET :o"),
        params,
    )
    order = [int(i) for i in ids.scalars()]
    if not order:
        return Results([], count)
    a, i = articles.c, issues.c
    # The page's name: the first page row of that number in the issue.
    page_name = (
        select(pages.c.name)
        .where(pages.c.issue_id == a.issue_id, pages.c.number == a.page)
        .order_by(pages.c.seq)
        .limit(1)
        .scalar_subquery()
    )
    rows = conn.execute(
        select(
            a.id,
            i.key.label("issue_key"),
            i.date,
            a.key,
            a.page,
            page_name.label("page_name"),
            a.title,
            a.kicker,
            a.paragraphs,
        )  # fmt: skip
        .join_from(articles, issues, i.id == a.issue_id)
        .where(a.id.in_(order))
    ).all()
    by_id = {r.id: r for r in rows}
    hits = [
        Hit(r.issue_key, r.date, r.key, r.page, r.page_name, r.title, r.kicker, list(r.paragraphs))
        for r in (by_id[n] for n in order if n in by_id)
    ]
    return Results(hits, count)
