"""WebSub pings queued in the database (sent by the worker, not by the ingest).

One row per (hub, feed URL) waiting to be pinged; a feed that changes again before its ping
went out still needs one ping, so the pair is unique. A row is deleted once the hub took the
ping (or after the last retry); ``due_at`` NULL means "as soon as possible".

Revision ID: 0008
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from syndicate.store.schema import UTCDateTime

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "websub_pings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hub", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_websub_pings")),
        sa.UniqueConstraint("hub", "url", name=op.f("uq_websub_pings_hub_url")),
    )


def downgrade() -> None:
    op.drop_table("websub_pings")
