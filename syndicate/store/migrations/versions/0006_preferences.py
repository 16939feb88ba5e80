"""Reader preferences (frequency, pages, columns, content, script) with their history, and the
weekly digest's anchor per paper and week (issue 14).

Revision ID: 0006
Revises: 0005 (re-chained after 0010, 0008, 0007, 0004 and 0005 landed on main)
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from syndicate.store.schema import UTCDateTime

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "subscriber_prefs",
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("frequency", sa.String(length=8), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=True),
        sa.Column("send_time", sa.String(length=5), nullable=True),
        sa.Column("paused_until", sa.Date(), nullable=True),
        sa.Column("pages", sa.JSON(), nullable=True),
        sa.Column("columns", sa.JSON(), nullable=True),
        sa.Column("content", sa.String(length=8), nullable=True),
        sa.Column("script", sa.String(length=8), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "frequency IN ('issue', 'weekly')", name=op.f("ck_subscriber_prefs_frequency")
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscribers.id"],
            name=op.f("fk_subscriber_prefs_subscriber_id_subscribers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("subscriber_id", name=op.f("pk_subscriber_prefs")),
    )
    op.create_table(
        "subscriber_pref_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("prefs", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscribers.id"],
            name=op.f("fk_subscriber_pref_history_subscriber_id_subscribers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscriber_pref_history")),
    )
    op.create_index(
        op.f("ix_subscriber_pref_history_subscriber_id"),
        "subscriber_pref_history",
        ["subscriber_id"],
    )
    op.create_table(
        "digest_weeks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("paper_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["paper_id"], ["papers.id"], name=op.f("fk_digest_weeks_paper_id_papers")
        ),
        sa.ForeignKeyConstraint(
            ["issue_id"], ["issues.id"], name=op.f("fk_digest_weeks_issue_id_issues")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_weeks")),
        sa.UniqueConstraint("paper_id", "week", name="uq_digest_weeks_paper_id_week"),
    )


def downgrade() -> None:
    op.drop_table("digest_weeks")
    op.drop_index(
        op.f("ix_subscriber_pref_history_subscriber_id"), table_name="subscriber_pref_history"
    )
    op.drop_table("subscriber_pref_history")
    op.drop_table("subscriber_prefs")
