"""Issue 16: one heartbeat row per sending process (worker identity), and the due time of
each subscriber's double opt-in mail (sent in the background, not inside the request).

Revision ID: 0004
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from syndicate.store.schema import UTCDateTime

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "worker_heartbeats",
        sa.Column("process", sa.String(length=32), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("pidns", sa.String(length=64), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("beat_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("process", name=op.f("pk_worker_heartbeats")),
    )
    op.add_column("subscribers", sa.Column("confirm_due", UTCDateTime(), nullable=True))
    op.create_index(
        "ix_subscribers_confirm_due",
        "subscribers",
        ["confirm_due"],
        postgresql_where=sa.text("confirm_due IS NOT NULL"),
        sqlite_where=sa.text("confirm_due IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_subscribers_confirm_due", table_name="subscribers")
    with op.batch_alter_table("subscribers") as t:
        t.drop_column("confirm_due")
    op.drop_table("worker_heartbeats")
