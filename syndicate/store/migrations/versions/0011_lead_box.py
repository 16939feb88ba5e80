"""The lead box over a story (核心阅读, an editor's note, a pull-quote): ``articles.summary``.

The parser keeps such a box apart from the story's paragraphs (``Article.summary``); stored
here, every channel can print it above the story. Rows stored before keep NULL (no box).

Revision ID: 0011
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as t:
        t.add_column(sa.Column("summary", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as t:
        t.drop_column("summary")
