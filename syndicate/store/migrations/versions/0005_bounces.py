"""Bounces, complaints and unsubscribe mail: the ledger row's feedback, the subscriber history.

``deliveries.feedback`` says what the relay reported after it accepted a message (a hard or
soft bounce, a complaint, an unsubscribe request); ``subscriber_events`` keeps every such
report per address, which the soft-bounce limit counts and ``subscribers list`` shows.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from syndicate.store.schema import UTCDateTime

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as t:
        t.add_column(sa.Column("feedback", sa.String(length=16), nullable=True))
    big = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "subscriber_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=True),
        sa.Column("delivery_id", big, nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("report_id", sa.String(length=400), nullable=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscribers.id"],
            name="fk_subscriber_events_subscriber_id_subscribers",
        ),  # fmt: skip
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["deliveries.id"],
            name="fk_subscriber_events_delivery_id_deliveries",
        ),  # fmt: skip
        sa.PrimaryKeyConstraint("id", name="pk_subscriber_events"),
    )
    op.create_index(
        "ix_subscriber_events_email_at", "subscriber_events", ["email", "at"], unique=False
    )
    op.create_index(
        "ix_subscriber_events_report_id", "subscriber_events", ["report_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_subscriber_events_report_id", table_name="subscriber_events")
    op.drop_index("ix_subscriber_events_email_at", table_name="subscriber_events")
    op.drop_table("subscriber_events")
    with op.batch_alter_table("deliveries") as t:
        t.drop_column("feedback")
