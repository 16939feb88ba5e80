"""Acting on reports: bounces, complaints and unsubscribe requests land on suppression,
the ledger row (``deliveries.feedback``) and the subscriber's history (``subscriber_events``).

``act(db, report, rules=…, source=…, now=…)`` takes a ``reports.Report`` (from the mailbox) or
a ``Feedback`` (from a relay's webhook) and returns an ``Action``: one line saying what it
did or why it did nothing. Nothing is changed when a report names no delivery we made (a
DSN without our VERP token, a forged token), no subscriber (a complaint about an address we
never mailed) or was already acted on (the same report id). ``Action.keep`` tells the mailbox
to keep the message in its ``failed`` folder instead of deleting it.

- A hard bounce (5.x.x) suppresses the delivery's address at once (reason ``bounced``).
- A soft bounce (4.x.x) is recorded; ``rules.soft_limit`` of them within ``rules.soft_days``
  suppress the address.
- A complaint (ARF, or a relay's complaint event) suppresses it (reason ``complained``).
- An unsubscribe request suppresses it (reason ``unsubscribed``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, func, select, update

from syndicate.newsletter.reports import Feedback, Report
from syndicate.newsletter.subscribers import suppress
from syndicate.newsletter.tokens import TokenError, read_unsubscribe_token
from syndicate.store.engine import reading, writing
from syndicate.store.schema import deliveries, subscriber_events, subscribers

d, e, s = deliveries.c, subscriber_events.c, subscribers.c


@dataclass(frozen=True)
class Rules:
    secret: str
    soft_limit: int = 3
    soft_days: int = 14


@dataclass(frozen=True)
class Action:
    line: str
    acted: bool
    keep: bool = False


def act(db: Engine | Connection, report: Report, *, rules: Rules, source: str,
        now: datetime) -> Action:  # fmt: skip
    """Apply one mailbox report (see the module docstring)."""
    if report.kind in ("auto-reply", "ignored"):
        return Action(f"ignored: {report.problem or report.kind}", acted=False)
    if report.kind == "unknown":
        return Action(f"kept: {report.problem}", acted=False, keep=True)
    with writing(db) as conn:
        if report.report_id and _seen(conn, report.report_id):
            return Action(f"already acted on {report.report_id}", acted=False)
        if report.kind == "bounce":
            return _bounce(conn, report, rules, source, now)
        if report.kind == "complaint":
            return _complaint(conn, report, rules, source, now)
        return _unsubscribe(conn, report, rules, source, now)


def act_feedback(db: Engine | Connection, fb: Feedback, *, rules: Rules, source: str,
                 now: datetime) -> Action:  # fmt: skip
    """Apply one verified webhook event: the address is the relay's word for it."""
    with writing(db) as conn:
        if _seen(conn, fb.report_id):
            return Action(f"already acted on {fb.report_id}", acted=False)
        delivery = None
        if fb.message_id:
            q = select(d.id).where(d.channel == "email", d.target == fb.email,
                                   d.provider_id.startswith(fb.message_id))  # fmt: skip
            delivery = conn.execute(q.limit(1)).scalar()
        sub_id = conn.execute(select(s.id).where(s.email == fb.email).limit(1)).scalar()
        if delivery is None and sub_id is None:
            return Action(f"{fb.email}: not a subscriber; nothing changed", acted=False)
        return _record(conn, fb.email, delivery, sub_id, fb.kind, fb.detail, fb.report_id,
                       rules, source, now)  # fmt: skip


def history(db: Engine | Connection) -> dict[str, list[dict[str, str]]]:
    """Address -> its reports, oldest first (``subscribers list --json`` shows them)."""
    q = select(e.email, e.kind, e.source, e.detail, e.at).order_by(e.id)
    out: dict[str, list[dict[str, str]]] = {}
    with reading(db) as conn:
        for email, kind, source, detail, at in conn.execute(q):
            out.setdefault(email, []).append(
                {"kind": kind, "source": source, "detail": detail, "at": at.isoformat()}
            )
    return out


def _seen(conn: Connection, report_id: str) -> bool:
    return conn.execute(select(e.id).where(e.report_id == report_id).limit(1)).first() is not None


def _delivery(conn: Connection, delivery_id: int) -> tuple[str, int | None] | None:
    q = select(d.target, d.subscriber_id).where(d.id == delivery_id, d.channel == "email")
    row = conn.execute(q).first()
    return None if row is None else (row[0], row[1])


def _bounce(conn: Connection, r: Report, rules: Rules, source: str, now: datetime) -> Action:
    delivery_id = r.delivery_id
    if delivery_id is None and r.problem is None:
        delivery_id = _by_message_id(conn, r)
    if delivery_id is None:
        why = r.problem or "no VERP token (bounces+TOKEN@) and no returned message of ours"
        return Action(f"kept: a bounce that names no known delivery: {why}", False, keep=True)
    found = _delivery(conn, delivery_id)
    if found is None:
        return Action(f"kept: a bounce for delivery {delivery_id}, which does not exist",
                      False, keep=True)  # fmt: skip
    target, sub_id = found
    worst = max(r.bounces, key=lambda b: b.hard)
    kind = "bounced" if worst.hard else "soft-bounce"
    detail = f"{worst.status} {worst.diagnostic}".strip()
    return _record(conn, target, delivery_id, sub_id, kind, detail, r.report_id, rules,
                   source, now)  # fmt: skip


def _by_message_id(conn: Connection, r: Report) -> int | None:
    """Without VERP: the delivery whose Message-ID the bounce returned, to a recipient it names
    (our Message-IDs depend on issue and address, so they are not guessed)."""
    if not r.original_message_id:
        return None
    recipients = [b.recipient for b in r.bounces]
    q = select(d.id).where(d.channel == "email", d.target.in_(recipients),
                           d.provider_id.startswith(r.original_message_id + " ")
                           | (d.provider_id == r.original_message_id))  # fmt: skip
    return conn.execute(q.limit(1)).scalar()


def _complaint(conn: Connection, r: Report, rules: Rules, source: str, now: datetime) -> Action:
    target, sub_id = None, None
    if r.delivery_id is not None and (found := _delivery(conn, r.delivery_id)):
        target, sub_id = found
    elif r.unsubscribe_token:
        target, sub_id = _by_token(conn, rules.secret, r.unsubscribe_token)
    if target is None and r.complainant:
        row = conn.execute(select(s.id).where(s.email == r.complainant).limit(1)).first()
        target, sub_id = (r.complainant, row[0]) if row else (None, None)
    if target is None:
        why = r.problem or f"{r.complainant or 'no address'} is not a subscriber"
        return Action(f"kept: a complaint that names no known subscriber: {why}", False, True)
    detail = f"ARF {r.feedback_type or 'abuse'}"
    return _record(conn, target, r.delivery_id, sub_id, "complained", detail, r.report_id,
                   rules, source, now)  # fmt: skip


def _unsubscribe(conn: Connection, r: Report, rules: Rules, source: str, now: datetime) -> Action:
    target, sub_id = None, None
    if r.unsubscribe_token:
        target, sub_id = _by_token(conn, rules.secret, r.unsubscribe_token)
    if target is None and r.sender:
        row = conn.execute(select(s.id).where(s.email == r.sender).limit(1)).first()
        target, sub_id = (r.sender, row[0]) if row else (None, None)
    if target is None:
        return Action(f"kept: an unsubscribe request from {r.sender}, who is not a subscriber "
                      "and sent no valid token", False, keep=True)  # fmt: skip
    return _record(conn, target, None, sub_id, "unsubscribed", "mail to the unsubscribe address",
                   r.report_id, rules, source, now)  # fmt: skip


def _by_token(conn: Connection, secret: str, token: str) -> tuple[str | None, int | None]:
    try:
        subject = read_unsubscribe_token(secret, token)
    except TokenError:
        return None, None
    row = conn.execute(select(s.email).where(s.id == subject.subscriber_id)).first()
    if row is None or not subject.matches(row[0]):
        return None, None
    return row[0], subject.subscriber_id


def _record(conn: Connection, email: str, delivery_id: int | None, sub_id: int | None,
            kind: str, detail: str, report_id: str | None, rules: Rules, source: str,
            now: datetime) -> Action:  # fmt: skip
    conn.execute(subscriber_events.insert().values(
        email=email, subscriber_id=sub_id, delivery_id=delivery_id, kind=kind, source=source,
        detail=detail[:1000], report_id=report_id or None, at=now,
    ))  # fmt: skip
    if delivery_id is not None:
        conn.execute(update(deliveries).where(d.id == delivery_id).values(feedback=kind))
    reason = {"bounced": "bounced", "complained": "complained", "unsubscribed": "unsubscribed"}
    if kind == "soft-bounce":
        since = now - timedelta(days=rules.soft_days)
        q = select(func.count()).where(e.email == email, e.kind == "soft-bounce", e.at > since)
        n = int(conn.execute(q).scalar_one())
        if n < rules.soft_limit:
            return Action(f"{email}: soft bounce {n}/{rules.soft_limit} ({detail})", True)
        suppress(conn, email, "bounced", now=now)
        return Action(f"{email}: bounced ({n} soft bounces in {rules.soft_days} days)", True)
    suppress(conn, email, reason[kind], now=now)
    return Action(f"{email}: {kind} ({detail})", True)
