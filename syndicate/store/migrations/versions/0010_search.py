"""The search index: SQLite FTS5 or a PostgreSQL tsvector table, filled from the stored articles.

See ``syndicate/store/search.py``. The index is derived data: it is built here from what is
stored, and kept by every ingest after.

Revision ID: 0010
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from syndicate.store.search import rebuild

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(
            "CREATE TABLE article_search_docs ("
            " id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,"
            " issue_id INTEGER NOT NULL, paper_id INTEGER NOT NULL, sort TEXT NOT NULL,"
            " title TEXT NOT NULL, body TEXT NOT NULL)"
        )
        op.execute("CREATE INDEX ix_article_search_docs_issue_id ON article_search_docs (issue_id)")
        op.execute(
            "CREATE VIRTUAL TABLE article_search USING fts5(title, body,"
            " content = 'article_search_docs', content_rowid = 'id',"
            " tokenize = 'unicode61 remove_diacritics 0')"
        )
    else:
        op.execute(
            "CREATE TABLE article_search ("
            " article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,"
            " issue_id INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,"
            " paper_id INTEGER NOT NULL,"
            " sort TEXT NOT NULL,"
            " doc TSVECTOR NOT NULL)"
        )
        op.execute("CREATE INDEX ix_article_search_doc ON article_search USING gin (doc)")
        op.execute("CREATE INDEX ix_article_search_issue_id ON article_search (issue_id)")
        # (sort) alone, not (paper_id, sort): an index on the paper would compete with the GIN
        # index for every filter, and lose (each row it yields means detoasting its tsvector).
        op.execute("CREATE INDEX ix_article_search_sort ON article_search (sort)")
    rebuild(bind)


def downgrade() -> None:
    op.execute("DROP TABLE article_search")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE article_search_docs")
