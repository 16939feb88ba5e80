"""The database schema: every table, defined once as SQLAlchemy Core ``MetaData``.

This is the *current* shape of the database. Alembic migrations in ``syndicate/migrations/``
create and change it step by step (each migration spells out its own operations, so an old
migration never changes when this file does); ``tests/store/test_store.py`` checks that a database
upgraded to head matches this ``MetaData`` exactly, on SQLite and PostgreSQL. To change a
table: edit it here AND add a migration (``alembic revision`` or by hand).

Times are stored as aware UTC (``UTCDateTime``) on both backends. JSON columns hold lists and
dicts with Chinese text (serialised with ``ensure_ascii=False`` by ``store.open_engine``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

#: Delivery states (see syndicate/ledger.py for the transitions).
STATES = ("pending", "sending", "sent", "failed", "retry", "unknown", "held")
#: Subscriber states (reference/interface.md, subscriber CSV).
SUBSCRIBER_STATES = ("pending", "confirmed", "unsubscribed", "bounced")


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime on every backend (SQLite keeps naive UTC text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware UTC time")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _id() -> Column[Any]:
    return Column("id", Integer, primary_key=True)


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


papers = Table(
    "papers",
    metadata,
    _id(),
    Column("slug", String(40), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

issues = Table(
    "issues",
    metadata,
    _id(),
    #: ``SLUG/YYYY-MM-DD``, the issue's public key.
    Column("key", String(60), nullable=False, unique=True),
    Column("paper_id", Integer, ForeignKey("papers.id"), nullable=False),
    Column("date", Date, nullable=False),
    Column("name", Text),
    Column("supervisor", Text),
    Column("sponsor", Text),
    Column("publisher", Text),
    Column("cn", Text),
    Column("hotline", Text),
    Column("slogan", Text),
    Column("weekday", Text),
    Column("lunar_date", Text),
    Column("serial", Integer),
    Column("number_in_year", Integer),
    Column("problems", JSON, nullable=False),
    #: The current revision number (1 for the first ingest).
    Column("revision", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("paper_id", "date", name="uq_issues_paper_id_date"),
)

issue_revisions = Table(
    "issue_revisions",
    metadata,
    _id(),
    Column("issue_id", Integer, ForeignKey("issues.id", ondelete="CASCADE"), nullable=False),
    Column("revision", Integer, nullable=False),
    #: sha256 of the decoded text (UTF-8): the same text in another encoding is no revision.
    Column("sha256", String(64), nullable=False),
    Column("source", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
    #: The parser's confidence (0..1) and doubts (``model.Doubt`` as dicts) for this text;
    #: NULL for revisions stored before migration 0003.
    Column("confidence", Float),
    Column("doubts", JSON),
    UniqueConstraint("issue_id", "revision", name="uq_issue_revisions_issue_id_revision"),
    UniqueConstraint("issue_id", "sha256", name="uq_issue_revisions_issue_id_sha256"),
)

pages = Table(
    "pages",
    metadata,
    _id(),
    Column("issue_id", Integer, ForeignKey("issues.id", ondelete="CASCADE"), nullable=False),
    #: 1-based position in the issue (a page number can repeat in a damaged export).
    Column("seq", Integer, nullable=False),
    Column("number", Integer, nullable=False),
    Column("name", Text),
    #: The printed section code of a tabloid page (``A02``).
    Column("code", Text),
    UniqueConstraint("issue_id", "seq", name="uq_pages_issue_id_seq"),
)

articles = Table(
    "articles",
    metadata,
    _id(),
    Column("issue_id", Integer, ForeignKey("issues.id", ondelete="CASCADE"), nullable=False),
    #: Stable key within the issue (``p1-3``); never reused, kept across revisions.
    Column("key", String(20), nullable=False),
    Column("page", Integer, nullable=False),
    #: 1-based position on its page in the current revision.
    Column("seq", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("kicker", Text),
    Column("subtitle", Text),
    Column("column_name", Text),
    Column("dateline", Text),
    Column("place", Text),
    Column("bylines", JSON, nullable=False),
    Column("captions", JSON, nullable=False),
    Column("paragraphs", JSON, nullable=False),
    #: ``model.ArticleKind`` (NULL: ``article``) and the indices of subhead paragraphs.
    Column("kind", String(20)),
    Column("subheads", JSON),
    #: The lead box over the story (核心阅读, an editor's note), lines joined by newlines.
    Column("summary", Text),
    Column("content_sha256", String(64), nullable=False),
    Column("first_revision", Integer, nullable=False),
    #: The revision that last changed the content, and when it arrived.
    Column("revision", Integer, nullable=False),
    Column("revised_at", UTCDateTime, nullable=False),
    Column("removed", Boolean, nullable=False),
    UniqueConstraint("issue_id", "key", name="uq_articles_issue_id_key"),
)

subscribers = Table(
    "subscribers",
    metadata,
    _id(),
    Column("paper_id", Integer, ForeignKey("papers.id"), nullable=False),
    #: Stored normalised (as email-validator returns it); suppressions match it exactly.
    Column("email", String(320), nullable=False),
    Column("name", Text),
    Column("status", String(16), nullable=False),
    Column("subscribed_at", UTCDateTime, nullable=False),
    Column("confirmed_at", UTCDateTime),
    #: When the double opt-in mail is due (migration 0004): set by the subscribe form, pushed
    #: forward while a sender holds it, cleared once sent (``newsletter/confirm_queue.py``).
    Column("confirm_due", UTCDateTime),
    UniqueConstraint("paper_id", "email", name="uq_subscribers_paper_id_email"),
    CheckConstraint(f"status IN {_in(SUBSCRIBER_STATES)}", name="status"),
)

Index(
    "ix_subscribers_confirm_due",
    subscribers.c.confirm_due,
    postgresql_where=text("confirm_due IS NOT NULL"),
    sqlite_where=text("confirm_due IS NOT NULL"),
)

suppressions = Table(
    "suppressions",
    metadata,
    Column("email", String(320), primary_key=True),
    #: ``unsubscribed``, ``bounced``, ``complained``, ``admin``.
    Column("reason", String(32), nullable=False),
    Column("at", UTCDateTime, nullable=False),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True),
    #: ``email``, ``wechat``, ``atom`` …
    Column("channel", String(16), nullable=False),
    Column("issue_id", Integer, ForeignKey("issues.id"), nullable=False),
    #: Who gets it: the address for email, the account or feed name otherwise.
    Column("target", String(320), nullable=False),
    Column("subscriber_id", Integer, ForeignKey("subscribers.id")),
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("lease_owner", String(100)),
    Column("lease_expires", UTCDateTime),
    Column("not_before", UTCDateTime),
    Column("last_error", Text),
    #: Message-ID, media_id: recorded before the send when known, so a resend reuses it.
    Column("provider_id", String(998)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    #: What the relay reported after accepting it (migration 0005): ``bounced`` (hard),
    #: ``soft-bounce``, ``complained`` or ``unsubscribed``; NULL: nothing.
    Column("feedback", String(16)),
    UniqueConstraint("issue_id", "channel", "target", name="uq_deliveries_issue_id_channel_target"),
    CheckConstraint(f"state IN {_in(STATES)}", name="state"),
)
#: Claimable rows, in id order (partial: rows leave it once claimed, sent or failed).
CLAIMABLE = "state IN ('pending', 'retry', 'unknown')"
Index(
    "ix_deliveries_claimable",
    deliveries.c.channel,
    deliveries.c.id,
    postgresql_where=text(CLAIMABLE),
    sqlite_where=text(CLAIMABLE),
)
Index(
    "ix_deliveries_leases",
    deliveries.c.lease_expires,
    postgresql_where=text("state = 'sending'"),
    sqlite_where=text("state = 'sending'"),
)

#: Small shared state between workers (e.g. the WeChat access token), with an expiry.
app_state = Table(
    "app_state",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("value", Text, nullable=False),
    Column("expires_at", UTCDateTime),
    Column("updated_at", UTCDateTime, nullable=False),
)

#: Fixed-window counters for the subscribe form's abuse limits (per IP, per address), shared
#: by every worker. ``key`` is e.g. ``ip:203.0.113.9`` or ``address:a@example.com``.
rate_limits = Table(
    "rate_limits",
    metadata,
    Column("key", String(400), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("window_ends", UTCDateTime, nullable=False),
)

#: A subscriber's reading preferences (issue 14); no row means every default. ``pages`` (page
#: numbers) and ``columns`` (栏目 names) are JSON lists, NULL or empty: all. ``content`` NULL:
#: the paper's default (``email_full_text``). ``weekday`` (1 = Monday) and ``send_time``
#: (``HH:MM``) override the paper's digest schedule for a ``weekly`` reader.
FREQUENCIES = ("issue", "weekly")
subscriber_prefs = Table(
    "subscriber_prefs",
    metadata,
    Column(
        "subscriber_id",
        Integer,
        ForeignKey("subscribers.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("frequency", String(8), nullable=False),
    Column("weekday", Integer),
    Column("send_time", String(5)),
    #: Nothing is sent for issues dated before this day (the first day mail comes again).
    Column("paused_until", Date),
    Column("pages", JSON),
    Column("columns", JSON),
    Column("content", String(8)),
    Column("script", String(8), nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    CheckConstraint(f"frequency IN {_in(FREQUENCIES)}", name="frequency"),
)

#: Every change of preferences: who made it (``cli``, ``web``, ``import``, ``subscribe``) and
#: the whole preferences after it.
subscriber_pref_history = Table(
    "subscriber_pref_history",
    metadata,
    _id(),
    Column(
        "subscriber_id",
        Integer,
        ForeignKey("subscribers.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("at", UTCDateTime, nullable=False),
    Column("source", String(16), nullable=False),
    Column("prefs", JSON, nullable=False),
)

#: The weekly digest of one paper and ISO week (``2022-W12``): its ledger rows (channel
#: ``digest``) hang on one issue of the week, chosen once, so a late issue never opens a
#: second set of rows.
digest_weeks = Table(
    "digest_weeks",
    metadata,
    _id(),
    Column("paper_id", Integer, ForeignKey("papers.id"), nullable=False),
    Column("week", String(8), nullable=False),
    Column("issue_id", Integer, ForeignKey("issues.id"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("paper_id", "week", name="uq_digest_weeks_paper_id_week"),
)

#: WebSub pings waiting to be sent (``syndicate.feeds.websub``): one per (hub, feed URL),
#: deleted once the hub took it; ``due_at`` NULL means "as soon as possible".
websub_pings = Table(
    "websub_pings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("hub", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("due_at", UTCDateTime),
    Column("last_error", Text),
    UniqueConstraint("hub", "url", name="uq_websub_pings_hub_url"),
)

#: An editor's decision on sending an issue to a channel (``approve`` in the paper's config):
#: ``approved`` (for ``revision``; a later revision waits again) or ``held``. No row: the
#: issue waits, or needs no approval.
APPROVAL_STATES = ("approved", "held")
approvals = Table(
    "approvals",
    metadata,
    Column("issue_id", Integer, ForeignKey("issues.id", ondelete="CASCADE"), primary_key=True),
    Column("channel", String(16), primary_key=True),
    Column("state", String(16), nullable=False),
    #: The issue revision the editor saw.
    Column("revision", Integer, nullable=False),
    #: Who decided: an editor's name, or ``cli:USER`` from the command line.
    Column("decided_by", Text, nullable=False),
    Column("decided_at", UTCDateTime, nullable=False),
    CheckConstraint(f"state IN {_in(APPROVAL_STATES)}", name="state"),
)

#: The desk's editors (per-editor logins beside the admin token); scrypt password hashes.
editors = Table(
    "editors",
    metadata,
    _id(),
    Column("name", String(100), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

#: One row per process that claims ledger rows (``store/heartbeats.py``): its random id, where
#: it runs, and when it last beat. Leases are reclaimed only from processes whose beat stopped.
worker_heartbeats = Table(
    "worker_heartbeats",
    metadata,
    Column("process", String(32), primary_key=True),
    Column("host", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    #: ``/proc/self/ns/pid`` of the process: pids compare only within one namespace.
    Column("pidns", String(64), nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("beat_at", UTCDateTime, nullable=False),
)

#: A subscriber's history of reports (migration 0005): bounces (hard and soft), complaints
#: and unsubscribe requests, from the bounce mailbox or a relay's webhook. ``report_id``
#: (the report's Message-ID or the provider's event id) makes acting on a report idempotent.
subscriber_events = Table(
    "subscriber_events",
    metadata,
    _id(),
    Column("email", String(320), nullable=False),
    Column("subscriber_id", Integer, ForeignKey("subscribers.id")),
    Column(
        "delivery_id", BigInteger().with_variant(Integer(), "sqlite"), ForeignKey("deliveries.id")
    ),
    #: ``bounced``, ``soft-bounce``, ``complained``, ``unsubscribed``.
    Column("kind", String(16), nullable=False),
    #: ``mailbox``, ``ses``, ``mailgun``, ``postmark``, ``sendgrid``.
    Column("source", String(16), nullable=False),
    Column("detail", Text, nullable=False),
    Column("report_id", String(400)),
    Column("at", UTCDateTime, nullable=False),
)
Index("ix_subscriber_events_email_at", subscriber_events.c.email, subscriber_events.c.at)
Index("ix_subscriber_events_report_id", subscriber_events.c.report_id)
