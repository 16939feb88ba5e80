"""Subscribers of the email newsletter: adding, double opt-in, unsubscribing, suppression.

Rows live in the ``subscribers`` and ``suppressions`` tables (syndicate/schema.py); the
delivery ledger reads them in ``ledger.enqueue_subscribers``. Rules kept here:

- An address is checked by email-validator (syntax only; no DNS at subscribe time) and stored
  in its normalised ASCII form, lower-cased; a display name must be safe in a mail header
  (``render.mailhead.check_name``: no control characters, no encoded words).
- **Suppression is forever.** An unsubscribed, bounced, complained or admin-removed address
  is in ``suppressions`` and is never mailed again: ``add`` refuses it, ``enqueue_subscribers``
  skips it, and the sender drops rows enqueued before it arrived.
- ``hit(db, key, limit=, window=, now=)`` is a fixed-window counter in the database, so every
  worker shares the subscribe form's limits.

Every function takes ``now``; ``db`` is an Engine (own transaction) or a Connection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, case, delete, literal, select, update

from syndicate.config import PaperConfig
from syndicate.errors import SyndicateError
from syndicate.newsletter.headers import HeaderInjection, check_name
from syndicate.newsletter.tokens import TokenSubject
from syndicate.store.catalog import paper_id
from syndicate.store.engine import insert, reading, writing
from syndicate.store.schema import UTCDateTime, papers, rate_limits, subscribers, suppressions

s = subscribers.c
#: Suppression reasons, and the subscriber status each leaves behind.
REASONS = {"unsubscribed": "unsubscribed", "complained": "unsubscribed", "admin": "unsubscribed",
           "bounced": "bounced"}  # fmt: skip


class SubscriberError(SyndicateError):
    """An address or name that cannot be subscribed, with the reason."""


@dataclass(frozen=True)
class Subscriber:
    id: int
    paper: str
    email: str
    name: str | None
    status: str
    subscribed_at: datetime
    confirmed_at: datetime | None


@dataclass(frozen=True)
class Added:
    """What ``add`` did: ``created`` a row, or found one; ``pending``: still needs opt-in."""

    subscriber: Subscriber
    created: bool

    @property
    def pending(self) -> bool:
        return self.subscriber.status == "pending"


def normalize_address(raw: str) -> str:
    """The address as stored (ASCII, normalised), or ``SubscriberError`` with the reason."""
    # email-validator brings dnspython (~0.2 s): loaded only when an address is checked
    from email_validator import EmailNotValidError, validate_email

    try:
        v = validate_email(raw.strip(), check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as e:
        raise SubscriberError(f"'{raw.strip()}' is not a valid email address: {e}") from e
    # Lower-cased whole: mailbox names are case-insensitive in practice, and a suppression
    # must not be dodged by writing the same address in capitals.
    return str(v.ascii_email or v.normalized).lower()


def clean_name(raw: str | None) -> str | None:
    """A display name safe in a To header, or None when blank."""
    name = (raw or "").strip()
    if not name:
        return None
    try:
        return check_name(name)
    except HeaderInjection as e:
        raise SubscriberError(str(e)) from e


_COLUMNS = (s.id, papers.c.slug, s.email, s.name, s.status, s.subscribed_at, s.confirmed_at)


def _subscriber(r: Any) -> Subscriber:
    return Subscriber(r[0], r[1], r[2], r[3], r[4], r[5], r[6])


def _query() -> Any:
    return select(*_COLUMNS).join(papers, papers.c.id == s.paper_id)


def suppressed_reason(db: Engine | Connection, email: str) -> str | None:
    with reading(db) as conn:
        q = select(suppressions.c.reason).where(suppressions.c.email == email)
        return conn.execute(q).scalar()


def add(
    db: Engine | Connection,
    paper: PaperConfig,
    email: str,
    *,
    name: str | None,
    confirmed: bool,
    now: datetime,
) -> Added:
    """Subscribe ``email`` to ``paper``: a new row (``pending`` unless ``confirmed``), or the
    existing one (confirmed now if asked). A suppressed address is refused."""
    address, display = normalize_address(email), clean_name(name)
    with writing(db) as conn:
        reason = suppressed_reason(conn, address)
        if reason:
            raise SubscriberError(f"{address} is suppressed ({reason}) and is never mailed again")
        pid = paper_id(conn, paper, now)
        found = conn.execute(_query().where(s.paper_id == pid, s.email == address)).first()
        if found is None:
            status = "confirmed" if confirmed else "pending"
            new = insert(conn, subscribers).values(
                paper_id=pid, email=address, name=display, status=status,
                subscribed_at=now, confirmed_at=now if confirmed else None,
            )  # fmt: skip
            # Two requests for one address at once (a burst on the form): one row, no error.
            stmt = new.on_conflict_do_nothing(index_elements=[s.paper_id, s.email])
            created = conn.execute(stmt.returning(s.id)).first() is not None
            found = conn.execute(_query().where(s.paper_id == pid, s.email == address)).one()
            if created:
                return Added(_subscriber(found), created=True)
        sub = _subscriber(found)
        changes: dict[str, Any] = {}
        if display and display != sub.name:
            changes["name"] = display
        if confirmed and sub.status == "pending":
            changes |= {"status": "confirmed", "confirmed_at": now}
        if changes:
            conn.execute(update(subscribers).where(s.id == sub.id).values(**changes))
            sub = _subscriber(conn.execute(_query().where(s.id == sub.id)).one())
        return Added(sub, created=False)


def get(db: Engine | Connection, subscriber_id: int) -> Subscriber | None:
    with reading(db) as conn:
        row = conn.execute(_query().where(s.id == subscriber_id)).first()
    return None if row is None else _subscriber(row)


def find(db: Engine | Connection, slug: str, address: str) -> Subscriber | None:
    """The subscriber of paper ``slug`` with this (normalised) address."""
    with reading(db) as conn:
        q = _query().where(papers.c.slug == slug, s.email == address)
        row = conn.execute(q).first()
    return None if row is None else _subscriber(row)


def _by_token(conn: Connection, subject: TokenSubject) -> Subscriber | None:
    row = conn.execute(_query().where(s.id == subject.subscriber_id)).first()
    if row is None or not subject.matches(row[2]):
        return None
    return _subscriber(row)


def confirm(db: Engine | Connection, subject: TokenSubject, *, now: datetime) -> Subscriber | None:
    """Double opt-in: the token's subscriber becomes ``confirmed`` (unless suppressed since)."""
    with writing(db) as conn:
        sub = _by_token(conn, subject)
        if sub is None or sub.status != "pending":
            return sub
        if suppressed_reason(conn, sub.email):
            return sub
        stmt = update(subscribers).where(s.id == sub.id, s.status == "pending")
        conn.execute(stmt.values(status="confirmed", confirmed_at=now))
        return _subscriber(conn.execute(_query().where(s.id == sub.id)).one())


def unsubscribe(
    db: Engine | Connection, subject: TokenSubject, *, now: datetime
) -> Subscriber | None:
    """One-click unsubscribe: suppress the token's address (idempotent); None if unknown."""
    with writing(db) as conn:
        sub = _by_token(conn, subject)
        if sub is not None:
            suppress(conn, sub.email, "unsubscribed", now=now)
        return sub


def suppress(db: Engine | Connection, email: str, reason: str, *, now: datetime) -> None:
    """Never mail ``email`` again (``reason``: unsubscribed, bounced, complained, admin).

    The first reason is kept; every subscription of the address leaves ``confirmed``/
    ``pending``."""
    if reason not in REASONS:
        raise SubscriberError(
            f"unknown suppression reason '{reason}'; use one of {sorted(REASONS)}"
        )
    with writing(db) as conn:
        stmt = insert(conn, suppressions).values(email=email, reason=reason, at=now)
        conn.execute(stmt.on_conflict_do_nothing(index_elements=[suppressions.c.email]))
        active = s.status.in_(["pending", "confirmed"])
        conn.execute(
            update(subscribers).where(s.email == email, active).values(status=REASONS[reason])
        )


def remove(db: Engine | Connection, email: str, *, now: datetime) -> int:
    """Admin removal: suppress the address (reason ``admin``); the subscriptions it had."""
    address = normalize_address(email)
    with writing(db) as conn:
        found = conn.execute(select(s.id).where(s.email == address)).all()
        if not found and suppressed_reason(conn, address) is None:
            raise SubscriberError(f"{address} is not a subscriber")
        suppress(conn, address, "admin", now=now)
        return len(found)


def list_subscribers(db: Engine | Connection, *, paper: str | None = None) -> list[Subscriber]:
    """Every subscriber (of one paper, by slug), by paper then id."""
    q = _query().order_by(papers.c.slug, s.id)
    if paper is not None:
        q = q.where(papers.c.slug == paper)
    with reading(db) as conn:
        return [_subscriber(r) for r in conn.execute(q)]


#: The status a suppression reason stands for in ``subscribers list`` (interface: pending,
#: confirmed, unsubscribed, bounced, complained, removed).
STANDING = {"unsubscribed": "unsubscribed", "bounced": "bounced", "complained": "complained",
            "admin": "removed"}  # fmt: skip


def statuses(db: Engine | Connection, *, paper: str | None = None) -> dict[int, str]:
    """Subscriber id -> the status that tells what happened: a suppressed address is
    ``bounced``, ``complained``, ``unsubscribed`` or ``removed`` by its suppression's reason
    (the row keeps the coarser ``unsubscribed``/``bounced`` of the CSV format)."""
    q = select(s.id, s.status, suppressions.c.reason).outerjoin(
        suppressions, suppressions.c.email == s.email
    )
    if paper is not None:
        q = q.join(papers, papers.c.id == s.paper_id).where(papers.c.slug == paper)
    with reading(db) as conn:
        return {r[0]: STANDING.get(r[2] or "", r[1]) for r in conn.execute(q)}


def suppressed_among(conn: Connection, emails: list[str]) -> set[str]:
    """Which of ``emails`` are suppressed (one query)."""
    if not emails:
        return set()
    q = select(suppressions.c.email).where(suppressions.c.email.in_(emails))
    return {r[0] for r in conn.execute(q)}


def hit(db: Engine | Connection, key: str, *, limit: int, window: timedelta, now: datetime) -> bool:
    """Count one request against ``key``; False when that makes more than ``limit`` in the
    current window (fixed windows of ``window``, shared through the database)."""
    rl = rate_limits.c
    at, ends = literal(now, UTCDateTime()), literal(now + window, UTCDateTime())
    with writing(db) as conn:
        conn.execute(delete(rate_limits).where(rl.window_ends <= now, rl.key != key))
        stmt = insert(conn, rate_limits).values(key=key[:400], count=1, window_ends=now + window)
        stmt = stmt.on_conflict_do_update(
            index_elements=[rl.key],
            set_={
                "count": case((rl.window_ends <= at, 1), else_=rl.count + 1),
                "window_ends": case((rl.window_ends <= at, ends), else_=rl.window_ends),
            },
        ).returning(rl.count)
        count = int(conn.execute(stmt).scalar_one())
    return count <= limit
