"""The delivery ledger: one row per (channel, issue, target), so nothing is skipped or sent twice.

A *target* is whoever gets the issue on that channel: the subscriber's address for ``email``,
the account (appid) for ``wechat``, the feed name for ``atom``. States::

    pending ──claim──> sending ──mark_sent──> sent
    retry   ──claim──>  (lease   ──mark_failed─> failed   (permanent)
    unknown ──claim──>   owner,  ──mark_retry──> retry    (not_before)
      (policy resend)    expiry) ──mark_unknown> unknown  (e.g. a timeout after DATA)
                                 ──lease expired (worker died)──> unknown
    unknown/pending/retry ──hold──> held ──resend──> retry      (admin)

How a sender uses it (every call is its own short transaction and takes ``now``)::

    owner = new_owner()
    for c in claim(engine, channel="email", owner=owner, now=now, lease=LEASE,
                   issue_key=key, policy=settings.unknown_policy):   # committed here
        set_provider_id(engine, c.id, owner=owner, provider_id=msgid, now=now)  # if known
        ...send (reuse c.provider_id when it is set: the row may be a resend)...
        mark_sent(engine, c.id, owner=owner, now=now, provider_id=msgid)  # right after
    release(engine, owner=owner, now=now)   # on graceful shutdown: unsent claims go back

- ``enqueue_targets(db, channel=, issue_key=, targets=, now=) -> int`` and
  ``enqueue_subscribers(db, issue_key=, now=, channel="email") -> int``: add rows (idempotent:
  ``ON CONFLICT DO NOTHING``); the latter is ONE ``INSERT … SELECT`` over the confirmed,
  unsuppressed subscribers of the issue's paper. Both return the number of new rows.
- ``claim(db, channel=, owner=, now=, lease=, limit=100, issue_key=None, policy="resend")``:
  first turns expired leases into ``unknown``, then takes up to ``limit`` due rows in id order
  (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` serialises
  claimers), sets them ``sending`` with ``owner`` and ``now + lease``, adds one attempt, and
  commits. With policy ``hold`` an ``unknown`` row waits for ``resend``.
- ``mark_sent/mark_retry/mark_failed/mark_unknown/set_provider_id(db, id, owner=, now=, …)``
  return False when ``owner`` no longer holds the row (another worker took it over); a row
  whose lease merely expired (``unknown``, not yet re-claimed) can still be marked by its owner.
  ``record(db, outcomes, owner=, now=)`` marks many in one transaction.
- ``expire_leases(db, now=)``, ``release(db, owner=, now=)``, ``hold``/``resend(db,
  channel=, issue_key=, now=)`` for the admin, ``counts(db)`` for ``syndicate status``,
  ``deliveries_of(db, channel=, issue_key=)`` to inspect rows.

``db`` is an ``Engine`` (each call commits by itself) or a ``Connection`` (the call joins the
caller's transaction).
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    String,
    Text,
    and_,
    bindparam,
    exists,
    func,
    literal,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.elements import ColumnElement

from syndicate.errors import StoreError
from syndicate.failpoints import failpoint
from syndicate.store.engine import insert, locked_batch, reading, writing
from syndicate.store.heartbeats import this_process
from syndicate.store.schema import (
    CLAIMABLE,
    UTCDateTime,
    deliveries,
    issues,
    subscriber_prefs,
    subscribers,
    suppressions,
)

d = deliveries.c
POLICIES = ("resend", "hold")
#: SQLAlchemy reports an INSERT's rowcount only when asked to.
_ROWCOUNT = {"preserve_rowcount": True}
#: An enqueue adding this many rows refreshes the planner's statistics (PostgreSQL).
ANALYZE_AFTER = 10_000


@dataclass(frozen=True)
class Claim:
    """A row this worker now holds (state ``sending``) and must mark."""

    id: int
    channel: str
    issue_key: str
    target: str
    subscriber_id: int | None
    #: Including this one; more than 1 means an earlier attempt happened (maybe delivered).
    attempts: int
    #: Set by an earlier attempt: reuse it (same Message-ID) or check it (WeChat media_id).
    provider_id: str | None
    last_error: str | None


@dataclass(frozen=True)
class Outcome:
    """The result of one send, for ``record``: state is sent, retry, failed or unknown."""

    id: int
    state: str
    provider_id: str | None = None
    error: str | None = None
    not_before: datetime | None = None


@dataclass(frozen=True)
class Delivery:
    """A ledger row as the admin sees it."""

    id: int
    channel: str
    issue_key: str
    target: str
    state: str
    attempts: int
    lease_owner: str | None
    lease_expires: datetime | None
    not_before: datetime | None
    last_error: str | None
    provider_id: str | None
    sent_at: datetime | None


def new_owner() -> str:
    """A new lease owner name: ``PROCESS/host:pid:random``, ``PROCESS`` being this process's
    random id (``heartbeats.this_process``); a claimer beats its heartbeat while it sends."""
    me = this_process()
    return f"{me.process}/{me.host[:40]}:{me.pid}:{uuid.uuid4().hex[:12]}"


def _issue_id(conn: Connection, issue_key: str) -> int:
    found = conn.execute(select(issues.c.id).where(issues.c.key == issue_key)).scalar()
    if found is None:
        raise StoreError(f"issue '{issue_key}' is not stored; ingest it first")
    return int(found)


def enqueue_targets(
    db: Engine | Connection, *, channel: str, issue_key: str, targets: Iterable[str], now: datetime
) -> int:
    """Add a pending row per target not yet in the ledger; the number added."""
    with writing(db) as conn:
        issue_id = _issue_id(conn, issue_key)
        base = {"channel": channel, "issue_id": issue_id, "state": "pending", "attempts": 0}
        rows = [{**base, "target": t, "created_at": now, "updated_at": now} for t in targets]
        if not rows:
            return 0
        added = 0
        for i in range(0, len(rows), 500):  # multi-row VALUES, under SQLite's variable limit
            stmt = (
                insert(conn, deliveries)
                .values(rows[i : i + 500])
                .on_conflict_do_nothing(index_elements=[d.issue_id, d.channel, d.target])
            )
            added += conn.execute(stmt, execution_options=_ROWCOUNT).rowcount
        return added


def enqueue_subscribers(
    db: Engine | Connection, *, issue_key: str, now: datetime, channel: str = "email"
) -> int:
    """One ``INSERT … SELECT … ON CONFLICT DO NOTHING`` for every confirmed subscriber of the
    issue's paper whose address is not suppressed and who reads every issue (not the weekly
    digest, not paused on the issue's date: ``subscriber_prefs``); the number of rows added."""
    s = subscribers.c
    with writing(db) as conn:
        issue_id = _issue_id(conn, issue_key)
        paper_id = select(issues.c.paper_id).where(issues.c.id == issue_id).scalar_subquery()
        suppressed = exists().where(suppressions.c.email == s.email)
        stamp = literal(now, UTCDateTime())
        source = select(
            literal(channel), literal(issue_id), s.email, s.id,
            literal("pending"), literal(0), stamp, stamp,
        ).where(s.paper_id == paper_id, s.status == "confirmed", ~suppressed,
                ~not_every_issue(s.id, issue_id))  # fmt: skip
        cols = ["channel", "issue_id", "target", "subscriber_id", "state", "attempts"]
        stmt = (
            insert(conn, deliveries)
            .from_select([*cols, "created_at", "updated_at"], source)
            .on_conflict_do_nothing(index_elements=[d.issue_id, d.channel, d.target])
        )
        added = int(conn.execute(stmt, execution_options=_ROWCOUNT).rowcount)
        _refresh_statistics(conn, added)
        return added


def not_every_issue(subscriber_id: Any, issue_id: Any) -> ColumnElement[bool]:
    """The subscriber chose the weekly digest, or paused past the issue's date."""
    p = subscriber_prefs.c
    day = select(issues.c.date).where(issues.c.id == issue_id).scalar_subquery()
    return exists().where(
        p.subscriber_id == subscriber_id,
        or_(p.frequency != "issue", and_(p.paused_until.is_not(None), p.paused_until > day)),
    )


def _refresh_statistics(conn: Connection, added: int) -> None:
    """After a big enqueue, let PostgreSQL's planner see the new rows at once.

    Until autovacuum gets round to it (a minute or more), the planner believes the table
    is nearly empty and claims by sorting every row instead of walking the claimable index
    in id order: 0.4 s per claim at 1M rows instead of milliseconds (bench/ledger.py).
    """
    if added >= ANALYZE_AFTER and conn.dialect.name == "postgresql":
        conn.execute(text("ANALYZE deliveries"))


def _due(channel: str, now: datetime, policy: str, issue_id: int | None) -> ColumnElement[bool]:
    if policy not in POLICIES:
        raise StoreError(f"unknown_policy '{policy}' is not one of: {', '.join(POLICIES)}")
    states = ["pending", "retry"] + (["unknown"] if policy == "resend" else [])
    cond = and_(
        d.channel == channel,
        text(CLAIMABLE),  # spelled as in the partial index, so SQLite uses it too
        d.state.in_(states),
        or_(d.not_before.is_(None), d.not_before <= now),
    )
    return cond if issue_id is None else and_(cond, d.issue_id == issue_id)


def claim(
    db: Engine | Connection,
    *,
    channel: str,
    owner: str,
    now: datetime,
    lease: timedelta,
    limit: int = 100,
    issue_key: str | None = None,
    policy: str = "resend",
) -> list[Claim]:
    """Take up to ``limit`` due rows for ``owner`` and commit (see the module docstring)."""
    with writing(db) as conn:
        _expire(conn, now)
        issue_id = None if issue_key is None else _issue_id(conn, issue_key)
        due = _due(channel, now, policy, issue_id)
        rows = conn.execute(_claim_statement(due, owner, now, now + lease, limit)).all()
        keys = _issue_keys(conn, {r.issue_id for r in rows})
        if rows:
            failpoint("ledger.claim")
    claims = [
        Claim(r.id, r.channel, keys[r.issue_id], r.target, r.subscriber_id, r.attempts,
              r.provider_id, r.last_error)
        for r in rows
    ]  # fmt: skip
    return sorted(claims, key=lambda c: c.id)


def _claim_statement(
    due: ColumnElement[bool], owner: str, now: datetime, expires: datetime, limit: int
) -> Any:
    """``WITH batch AS MATERIALIZED (SELECT id … FOR UPDATE SKIP LOCKED) UPDATE … RETURNING``.

    SQLite ignores ``FOR UPDATE``; its ``BEGIN IMMEDIATE`` already serialises claimers.
    MATERIALIZED makes PostgreSQL run the locking subquery exactly once.
    """
    batch = locked_batch(d.id, due, order_by=d.id, limit=limit)
    return (
        update(deliveries)
        .where(d.id.in_(select(batch.c.id)))
        .values(
            state="sending",
            lease_owner=owner,
            lease_expires=expires,
            attempts=d.attempts + 1,
            updated_at=now,
        )
        .returning(
            d.id,
            d.channel,
            d.issue_id,
            d.target,
            d.subscriber_id,
            d.attempts,
            d.provider_id,
            d.last_error,
        )  # fmt: skip
    )


def _issue_keys(conn: Connection, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    q = select(issues.c.id, issues.c.key).where(issues.c.id.in_(ids))
    return {r.id: r.key for r in conn.execute(q)}


def _expire(conn: Connection, now: datetime) -> int:
    stmt = (
        update(deliveries)
        .where(d.state == "sending", d.lease_expires <= now)
        .values(
            state="unknown",
            updated_at=now,
            last_error="lease expired: the worker died or hung mid-send",
        )
    )
    return int(conn.execute(stmt).rowcount)


def expire_leases(db: Engine | Connection, *, now: datetime) -> int:
    """Rows whose lease expired by ``now`` (their worker died or hung) become ``unknown``."""
    with writing(db) as conn:
        return _expire(conn, now)


_FINAL = {"sent", "retry", "failed", "unknown"}


#: One statement for every outcome, run as an executemany (a batch costs one round trip on
#: psycopg's pipeline, not one UPDATE per row). NULL parameters leave the column as it was.
_MARK = (
    update(deliveries)
    .where(
        d.id == bindparam("m_id"),
        d.lease_owner == bindparam("m_owner"),
        or_(d.state == "sending", d.state == "unknown"),  # no IN: it cannot executemany
    )
    .values(
        state=bindparam("m_state"),
        updated_at=bindparam("m_now", type_=UTCDateTime()),
        lease_expires=None,
        provider_id=func.coalesce(bindparam("m_provider", type_=String()), d.provider_id),
        last_error=func.coalesce(bindparam("m_error", type_=Text()), d.last_error),
        sent_at=func.coalesce(bindparam("m_sent", type_=UTCDateTime()), d.sent_at),
        not_before=func.coalesce(bindparam("m_not_before", type_=UTCDateTime()), d.not_before),
    )
)


def _params(
    o: Outcome, owner: str, bound_now: Any, when: Callable[[datetime], Any], now: datetime
) -> dict[str, Any]:
    """``_MARK``'s parameters for ``o``: ``bound_now`` is ``now`` bound, ``when`` binds."""
    if o.state not in _FINAL:
        raise StoreError(f"cannot mark a delivery '{o.state}'; use one of {sorted(_FINAL)}")
    return {
        "m_id": o.id,
        "m_owner": owner,
        "m_state": o.state,
        "m_now": bound_now,
        "m_provider": o.provider_id,
        "m_error": None if o.error is None else o.error[:2000],
        "m_sent": bound_now if o.state == "sent" else None,
        "m_not_before": when(o.not_before or now) if o.state == "retry" else None,
    }


@functools.lru_cache(maxsize=16)
def _mark_sql(dialect: Dialect) -> tuple[str, tuple[str, ...] | None, dict[str, Any], Any]:
    """``_MARK`` compiled once per dialect: its SQL, the parameter order (positional styles),
    the fixed parameters, and the bind processor of ``UTCDateTime`` (or None)."""
    compiled = _MARK.compile(dialect=dialect)
    order = tuple(compiled.positiontup or ()) if dialect.positional else None
    fixed = {k: v for k, v in compiled.params.items() if not k.startswith("m_")}
    return (
        compiled.string,
        order,
        fixed,
        UTCDateTime().dialect_impl(dialect).bind_processor(dialect),
    )


def record(
    db: Engine | Connection, outcomes: Sequence[Outcome], *, owner: str, now: datetime
) -> int:
    """Mark many results in one transaction; the number ``owner`` still held.

    One ``executemany`` of ``_MARK`` compiled once (``_mark_sql``), its parameters bound here:
    through ``Connection.execute`` each row's eight parameters went through SQLAlchemy's
    per-row processing, half the cost of a mark on SQLite (~27 to ~15 µs a row)."""
    if not outcomes:
        return 0
    with writing(db) as conn:
        sql, order, fixed, bind = _mark_sql(conn.dialect)

        def when(t: datetime) -> Any:
            return bind(t) if bind is not None else t

        bound_now = when(now)
        rows: list[Any] = []
        for o in outcomes:
            p = fixed | _params(o, owner, bound_now, when, now)
            rows.append(tuple(p[k] for k in order) if order is not None else p)
        return int(conn.exec_driver_sql(sql, rows).rowcount)


def mark_sent(
    db: Engine | Connection,
    delivery_id: int,
    *,
    owner: str,
    now: datetime,
    provider_id: str | None = None,
) -> bool:
    """The peer accepted it (SMTP 250, WeChat media_id)."""
    return record(db, [Outcome(delivery_id, "sent", provider_id)], owner=owner, now=now) == 1


def mark_retry(
    db: Engine | Connection,
    delivery_id: int,
    *,
    owner: str,
    now: datetime,
    not_before: datetime,
    error: str,
) -> bool:
    """A transient failure: try again at ``not_before``."""
    o = Outcome(delivery_id, "retry", error=error, not_before=not_before)
    return record(db, [o], owner=owner, now=now) == 1


def mark_failed(
    db: Engine | Connection, delivery_id: int, *, owner: str, now: datetime, error: str
) -> bool:
    """A permanent failure: never retried."""
    return record(db, [Outcome(delivery_id, "failed", error=error)], owner=owner, now=now) == 1


def mark_unknown(
    db: Engine | Connection, delivery_id: int, *, owner: str, now: datetime, error: str
) -> bool:
    """Maybe delivered (e.g. a timeout after DATA): handled by the unknown policy."""
    return record(db, [Outcome(delivery_id, "unknown", error=error)], owner=owner, now=now) == 1


def set_provider_id(
    db: Engine | Connection, delivery_id: int, *, owner: str, provider_id: str, now: datetime
) -> bool:
    """Record the provider id before the send (a resend then reuses it)."""
    held = and_(d.id == delivery_id, d.lease_owner == owner, d.state == "sending")
    with writing(db) as conn:
        stmt = update(deliveries).where(held).values(provider_id=provider_id, updated_at=now)
        return bool(conn.execute(stmt).rowcount)


def release(db: Engine | Connection, *, owner: str, now: datetime) -> int:
    """Graceful shutdown: ``owner``'s claimed, unsent rows become due again at once.

    Call it only after in-flight sends are finished and marked; the attempt is not counted.
    """
    stmt = (
        update(deliveries)
        .where(d.lease_owner == owner, d.state == "sending")
        .values(
            state="retry",
            not_before=now,
            lease_owner=None,
            lease_expires=None,
            attempts=d.attempts - 1,
            updated_at=now,
        )
    )
    with writing(db) as conn:
        return int(conn.execute(stmt).rowcount)


def _admin(
    db: Engine | Connection, channel: str, issue_key: str, now: datetime, frm: list[str], to: str
) -> int:
    with writing(db) as conn:
        issue_id = _issue_id(conn, issue_key)
        where = and_(d.issue_id == issue_id, d.channel == channel, d.state.in_(frm))
        values: dict[str, Any] = {"state": to, "updated_at": now}
        if to == "retry":
            values["not_before"] = now
        return int(conn.execute(update(deliveries).where(where).values(**values)).rowcount)


def hold(db: Engine | Connection, *, channel: str, issue_key: str, now: datetime) -> int:
    """Admin: stop sending this issue on this channel (pending, retry, unknown -> held)."""
    return _admin(db, channel, issue_key, now, ["pending", "retry", "unknown"], "held")


def resend(db: Engine | Connection, *, channel: str, issue_key: str, now: datetime) -> int:
    """Admin: send the held and unknown rows (again), keeping their provider ids."""
    return _admin(db, channel, issue_key, now, ["held", "unknown"], "retry")


def counts(
    db: Engine | Connection, *, issue_key: str | None = None
) -> dict[str, dict[str, dict[str, int]]]:
    """``{issue_key: {channel: {state: n}}}`` for ``syndicate status``."""
    q = (
        select(issues.c.key, d.channel, d.state, func.count())
        .join(issues, issues.c.id == d.issue_id)
        .group_by(issues.c.key, d.channel, d.state)
    )
    if issue_key is not None:
        q = q.where(issues.c.key == issue_key)
    out: dict[str, dict[str, dict[str, int]]] = {}
    with reading(db) as conn:
        for key, channel, state, n in conn.execute(q):
            out.setdefault(key, {}).setdefault(channel, {})[state] = int(n)
    return out


def deliveries_of(
    db: Engine | Connection, *, channel: str, issue_key: str, states: Sequence[str] = ()
) -> list[Delivery]:
    """The rows of one issue and channel (optionally in some states), in id order."""
    q = (
        select(
            d.id, d.channel, issues.c.key.label("issue_key"), d.target, d.state, d.attempts,
            d.lease_owner, d.lease_expires, d.not_before, d.last_error, d.provider_id, d.sent_at,
        )
        .join(issues, issues.c.id == d.issue_id)
        .where(issues.c.key == issue_key, d.channel == channel)
        .order_by(d.id)
    )  # fmt: skip
    if states:
        q = q.where(d.state.in_(states))
    with reading(db) as conn:
        return [Delivery(**r._asdict()) for r in conn.execute(q)]


def due_issues(
    db: Engine | Connection, *, channel: str, now: datetime, policy: str = "resend"
) -> list[str]:
    """Keys of the issues with rows ``claim`` would take now on ``channel`` (expired leases
    count: ``claim`` turns them ``unknown`` first), oldest issue first."""
    expired = and_(d.channel == channel, d.state == "sending", d.lease_expires <= now)
    due = _due(channel, now, policy, None)
    if policy == "resend":
        due = or_(due, expired)
    q = (
        select(issues.c.key)
        .join(deliveries, d.issue_id == issues.c.id)
        .where(due)
        .group_by(issues.c.key, issues.c.date)
        .order_by(issues.c.date, issues.c.key)
    )
    with reading(db) as conn:
        return [str(k) for k in conn.execute(q).scalars()]
