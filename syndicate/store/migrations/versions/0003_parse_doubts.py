"""The parser's confidence and doubts on each revision; page codes, article kinds and subheads.

An approval step (and ``status``) can hold a doubtful issue: the doubts are stored with the
revision they were found in. Rows stored before this revision keep NULL (no doubts known).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("issue_revisions") as t:
        t.add_column(sa.Column("confidence", sa.Float(), nullable=True))
        t.add_column(sa.Column("doubts", sa.JSON(), nullable=True))
    with op.batch_alter_table("pages") as t:
        t.add_column(sa.Column("code", sa.Text(), nullable=True))
    with op.batch_alter_table("articles") as t:
        t.add_column(sa.Column("kind", sa.String(length=20), nullable=True))
        t.add_column(sa.Column("subheads", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as t:
        t.drop_column("subheads")
        t.drop_column("kind")
    with op.batch_alter_table("pages") as t:
        t.drop_column("code")
    with op.batch_alter_table("issue_revisions") as t:
        t.drop_column("doubts")
        t.drop_column("confidence")
