"""What the desk's pages show, read from the store: issues with their approvals, deliveries
per minute, subscribers found and their history, sign-ups and departures per week."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, or_, select

from syndicate.newsletter.preferences import DEFAULT, Prefs
from syndicate.newsletter.prefs_store import prefs_of
from syndicate.newsletter.subscribers import Subscriber
from syndicate.store import ledger
from syndicate.store.engine import reading
from syndicate.store.schema import deliveries, issues, papers, subscribers, suppressions


def confirmed_count(db: Engine, slug: str) -> int:
    """Confirmed subscribers of a paper (who an email send reaches, before suppressions)."""
    q = (
        select(func.count())
        .select_from(subscribers)
        .join(papers, papers.c.id == subscribers.c.paper_id)
        .outerjoin(suppressions, suppressions.c.email == subscribers.c.email)
        .where(papers.c.slug == slug, subscribers.c.status == "confirmed",
               suppressions.c.email.is_(None))
    )  # fmt: skip
    with reading(db) as conn:
        return int(conn.execute(q).scalar_one())


def per_minute(db: Engine, channel: str, key: str) -> tuple[list[str], dict[str, list[int]]]:
    """Sent, retried and failed rows of one send per minute (UTC minute labels), and the
    ones a relay later reported bounced, counted at the minute they were sent."""
    rows = ledger.deliveries_of(db, channel=channel, issue_key=key)
    when: dict[str, Counter[datetime]] = {
        "sent": Counter(),
        "retry": Counter(),
        "failed": Counter(),
        "bounced": Counter(),
    }
    with reading(db) as conn:
        extra = {
            r.id: (r.updated_at, r.feedback)
            for r in conn.execute(
                select(deliveries.c.id, deliveries.c.updated_at, deliveries.c.feedback)
                .join(issues, issues.c.id == deliveries.c.issue_id)
                .where(issues.c.key == key, deliveries.c.channel == channel)
            )
        }
    for r in rows:
        updated, feedback = extra.get(r.id, (None, None))
        at = r.sent_at if r.state == "sent" else updated
        if r.state in when and at is not None:
            when[r.state][at.replace(second=0, microsecond=0)] += 1
        if feedback == "bounced" and r.sent_at is not None:
            when["bounced"][r.sent_at.replace(second=0, microsecond=0)] += 1
    minutes = sorted({m for c in when.values() for m in c})
    if not minutes:
        return [], {k: [] for k in when}
    labels: list[datetime] = []
    t = minutes[0]
    while t <= minutes[-1] and len(labels) < 24 * 60:
        labels.append(t)
        t += timedelta(minutes=1)
    return [m.strftime("%H:%M") for m in labels], {
        k: [c.get(m, 0) for m in labels] for k, c in when.items()
    }


@dataclass(frozen=True)
class Found:
    """A subscriber found, with the suppression and what was sent (its history)."""

    subscriber: Subscriber
    suppressed: str | None
    suppressed_at: datetime | None
    sent: int
    failed: list[tuple[str, str]]
    #: The reader's choices (frequency, pages, columns, content, script), in Chinese.
    prefs: list[str] = field(default_factory=list)


def search(db: Engine, q: str, *, limit: int = 50) -> list[Found]:
    """Subscribers whose address or name contains ``q``, with their history."""
    s = subscribers.c
    like = f"%{q.strip().lower()}%"
    query = (
        select(s.id, papers.c.slug, s.email, s.name, s.status, s.subscribed_at, s.confirmed_at,
               suppressions.c.reason, suppressions.c.at)
        .join(papers, papers.c.id == s.paper_id)
        .outerjoin(suppressions, suppressions.c.email == s.email)
        .where(or_(func.lower(s.email).like(like), func.lower(s.name).like(like)))
        .order_by(s.email)
        .limit(limit)
    )  # fmt: skip
    out: list[Found] = []
    with reading(db) as conn:
        rows = conn.execute(query).all()
        chosen = prefs_of(conn, [r.id for r in rows])
        for r in rows:
            d = deliveries.c
            hist = conn.execute(
                select(issues.c.key, d.state, d.last_error)
                .join(issues, issues.c.id == d.issue_id)
                .where(d.target == r.email)
                .order_by(d.id)
            ).all()
            out.append(Found(
                Subscriber(r.id, r.slug, r.email, r.name, r.status, r.subscribed_at,
                           r.confirmed_at),
                r.reason, r.at, sum(1 for h in hist if h.state == "sent"),
                [(h.key, h.last_error or "") for h in hist if h.state == "failed"],
                prefs_text(chosen.get(r.id, DEFAULT)),
            ))  # fmt: skip
    return out


def weekly(db: Engine, now: datetime, weeks: int = 12) -> tuple[list[str], dict[str, list[int]]]:
    """Per week (Monday, UTC) of the last ``weeks``: sign-ups, departures (suppressions) and
    the confirmed readers at the week's end."""
    start = (now - timedelta(days=now.weekday(), weeks=weeks - 1)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    edges = [start + timedelta(weeks=i) for i in range(weeks + 1)]
    with reading(db) as conn:
        joined: list[Any] = list(conn.execute(select(subscribers.c.subscribed_at)).scalars())
        confirmed: list[Any] = list(
            conn.execute(
                select(subscribers.c.confirmed_at).where(subscribers.c.status == "confirmed")
            ).scalars()
        )
        left: list[Any] = list(conn.execute(select(suppressions.c.at)).scalars())

    def bucket(times: list[Any]) -> list[int]:
        return [sum(1 for t in times if t and edges[i] <= t < edges[i + 1]) for i in range(weeks)]

    readers = [sum(1 for t in confirmed if t and t < edges[i + 1]) for i in range(weeks)]
    labels = [e.strftime("%m-%d") for e in edges[:-1]]
    return labels, {"订阅": bucket(joined), "退订": bucket(left), "确认读者": readers}


_WEEKDAYS = "一二三四五六日"
_SCRIPTS = {"hans": "简体", "hant-tw": "繁體（台湾）", "hant-hk": "繁體（香港）"}


def prefs_text(p: Prefs) -> list[str]:
    """A reader's preferences as the desk shows them, one short line each."""
    if p.frequency == "weekly":
        when = f"每周{_WEEKDAYS[p.weekday - 1]}" if p.weekday else "每周（报社的摘要日）"
        out = [when + (f" {p.send_time}" if p.send_time else "")]
    else:
        out = ["每期"]
    if p.paused_until:
        out.append(f"暂停至 {p.paused_until.isoformat()}")
    if p.pages:
        out.append("版面 " + "、".join(str(n) for n in p.pages))
    if p.columns:
        out.append("栏目 " + "、".join(p.columns))
    out.append({"summary": "摘要", "full": "全文"}.get(p.content or "", "报社默认内容"))
    out.append(_SCRIPTS.get(p.script, p.script))
    return out
