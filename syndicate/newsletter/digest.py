"""Sending the weekly digest through the ledger (issue 14): one row per reader and week.

- The week's ledger rows (channel ``digest``) hang on one issue of the week, its *anchor*,
  chosen once in ``digest_weeks`` (first writer wins), so a late issue never opens a second set
  of rows: ``(anchor, digest, address)`` is unique, and a crash, a second run or a second
  worker sends nobody twice.
- ``enqueue_digest``: one ``INSERT … SELECT`` of the paper's confirmed, unsuppressed readers
  who chose ``weekly`` and are not paused on the week's last day (optionally only some ids:
  the worker adds each reader when their own weekday and time have come).
- ``send_digest``: renders each variant once (``Editions``) and runs ``send_newsletter`` on
  the ``digest`` channel: the same claims, leases, outcomes and crash safety as an issue.
- ``send_command``: ``syndicate send SLUG/YYYY-Www --channel digest [--dry-run]``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

import click
from sqlalchemy import Connection, Engine, exists, literal, or_, select

from syndicate import assets
from syndicate.clock import utcnow
from syndicate.config import Settings
from syndicate.errors import StoreError
from syndicate.newsletter.delivery import job_for, newsletter_options, run_loop, send_with_transport
from syndicate.newsletter.digest_render import Day, Week, parse_week, render_digest
from syndicate.newsletter.editions import Editions
from syndicate.newsletter.preferences import DEFAULT, Variant, select_stories
from syndicate.newsletter.render import Newsletter, Recipient
from syndicate.newsletter.sender import Progress, Summary
from syndicate.store.catalog import list_issues, load_issue, paper_id
from syndicate.store.engine import ensure_schema, insert, reading, writing
from syndicate.store.schema import (
    UTCDateTime,
    deliveries,
    digest_weeks,
    issues,
    papers,
    subscriber_prefs,
    subscribers,
    suppressions,
)

CHANNEL = "digest"
_ROWCOUNT = {"preserve_rowcount": True}
s, p, dw = subscribers.c, subscriber_prefs.c, digest_weeks.c


def week_days(engine: Engine | Connection, week: Week) -> list[Day]:
    """The week's stored issues, oldest first, with every story."""
    out: list[Day] = []
    for summary in reversed(list_issues(engine, paper=week.slug, limit=400)):
        if week.first <= summary.date <= week.last:
            stored = load_issue(engine, summary.key)
            if stored is not None:
                out.append(Day(stored.issue, tuple((a.key, a.article) for a in stored.articles)))
    return out


def anchor(db: Engine | Connection, settings: Settings, week: Week, now: datetime) -> str:
    """The issue key the week's ledger rows hang on (chosen once: the week's first issue)."""
    with writing(db) as conn:
        found = _anchor(conn, week)
        if found is not None:
            return found
        first = select(issues.c.id, issues.c.key).where(
            issues.c.paper_id == paper_id(conn, settings.paper(week.slug), now),
            issues.c.date.between(week.first, week.last),
        )
        row = conn.execute(first.order_by(issues.c.date).limit(1)).first()
        if row is None:
            raise StoreError(f"{week.key}: no issue of that week is stored; nothing to digest")
        pid = paper_id(conn, settings.paper(week.slug), now)
        stmt = insert(conn, digest_weeks).values(
            paper_id=pid, week=week.key.partition("/")[2], issue_id=row.id, created_at=now
        )
        conn.execute(stmt.on_conflict_do_nothing(index_elements=[dw.paper_id, dw.week]))
        return _anchor(conn, week) or row.key


def _anchor(conn: Connection, week: Week) -> str | None:
    q = (
        select(issues.c.key)
        .select_from(digest_weeks.join(issues, issues.c.id == dw.issue_id))
        .join(papers, papers.c.id == dw.paper_id)
        .where(papers.c.slug == week.slug, dw.week == week.key.partition("/")[2])
    )
    return conn.execute(q).scalar()


def weekly_readers(week: Week, anchor_id: Any, *columns: Any) -> Any:
    """``columns`` of the confirmed, unsuppressed ``weekly`` readers of the anchor's paper
    who are not paused on the week's last day (a WHERE, so SQLite reads its upsert right)."""
    paper = select(issues.c.paper_id).where(issues.c.id == anchor_id).scalar_subquery()
    return (
        select(*columns)
        .select_from(subscribers.join(subscriber_prefs, p.subscriber_id == s.id))
        .where(
            s.paper_id == paper,
            s.status == "confirmed",
            ~exists().where(suppressions.c.email == s.email),
            p.frequency == "weekly",
            or_(p.paused_until.is_(None), p.paused_until <= week.last),
        )
    )


def enqueue_digest(
    db: Engine | Connection,
    week: Week,
    anchor_key: str,
    *,
    now: datetime,
    only: Sequence[int] | None = None,
) -> int:
    """Add a ``digest`` row per weekly reader (or per id in ``only``); the number added."""
    with writing(db) as conn:
        anchor_id = conn.execute(select(issues.c.id).where(issues.c.key == anchor_key)).scalar()
        stamp = literal(now, UTCDateTime())
        source = weekly_readers(
            week, anchor_id, literal(CHANNEL), literal(anchor_id), s.email, s.id,
            literal("pending"), literal(0), stamp, stamp,
        )  # fmt: skip
        if only is not None:
            source = source.where(s.id.in_(list(only)))
        cols = ["channel", "issue_id", "target", "subscriber_id", "state", "attempts"]
        d = deliveries.c
        stmt = (
            insert(conn, deliveries)
            .from_select([*cols, "created_at", "updated_at"], source)
            .on_conflict_do_nothing(index_elements=[d.issue_id, d.channel, d.target])
        )
        return int(conn.execute(stmt, execution_options=_ROWCOUNT).rowcount)


def digest_editions(engine: Engine, settings: Settings, week: Week, now: datetime) -> Editions:
    """The week's digest per reader variant (script × pages/columns), each rendered once."""
    days = week_days(engine, week)
    options = replace(newsletter_options(settings, week.slug), key=week.key)
    env = assets.environment("email")

    def render(v: Variant) -> Newsletter | None:
        mine = [Day(d.issue, tuple(select_stories(d.stories, v))) for d in days]
        return render_digest(env, week, mine, replace(options, script=v.script), now=now)

    return Editions(render, full_text=False)


def send_digest(
    settings: Settings,
    week: Week,
    *,
    clock: Callable[[], datetime],
    enqueue: bool = True,
    on_progress: Callable[[Progress], None] | None = None,
    stop: threading.Event | None = None,
) -> Summary:
    """Send the week's digest to its due rows (adding every weekly reader first: by hand)."""
    engine = ensure_schema(settings)
    try:
        key = anchor(engine, settings, week, clock())
        if enqueue:
            enqueue_digest(engine, week, key, now=clock())
        editions = digest_editions(engine, settings, week, clock())
        job = replace(job_for(settings, key), channel=CHANNEL, enqueue=False)
        return run_loop(
            send_with_transport(engine, settings, editions, job, clock, on_progress, stop)
        )
    finally:
        engine.dispose()


def send_command(settings: Settings, key: str, dry_run: bool) -> str:
    """``syndicate send SLUG/YYYY-Www --channel digest [--dry-run]``: the last line."""
    week = parse_week(key)
    settings.paper(week.slug)  # an unknown paper is a ConfigError naming it
    if dry_run:
        return _dry_run(settings, week)
    summary = send_digest(settings, week, clock=utcnow)
    c = summary.counts
    line = f"{week.key}: digest: " + ", ".join(
        f"{c.get(state, 0)} {state}" for state in ("sent", "failed", "retry", "unknown", "held")
    )
    line += f"; this run {summary.progress.done}"
    if summary.aborted:
        from syndicate.errors import DeliveryError

        raise DeliveryError(f"{line}; stopped early: {summary.aborted}")
    return line


def _dry_run(settings: Settings, week: Week) -> str:
    from syndicate.newsletter.prefs_store import prefs_of

    engine = ensure_schema(settings)
    try:
        now = utcnow()
        key = _anchor_or_none(engine, settings, week)
        editions = digest_editions(engine, settings, week, now)
        with reading(engine) as conn:
            anchor_id = conn.execute(select(issues.c.id).where(issues.c.key == key)).scalar()
            q = weekly_readers(week, anchor_id, s.id, s.email, s.name).order_by(s.id)
            readers = conn.execute(q).all()
            done = _done(conn, anchor_id)
        prefs = prefs_of(engine, [r.id for r in readers])
        n = 0
        for r in readers:
            nl = editions.for_prefs(prefs.get(r.id, DEFAULT))
            if r.email in done or nl is None:
                continue
            size = len(nl.message(Recipient(r.email, r.name, "SAMPLE-TOKEN")))
            click.echo(f"{r.email}\t{r.name or ''}\t{nl.message_id(r.email)}\t{size} bytes")
            n += 1
    finally:
        engine.dispose()
    return f"{week.key}: digest: would send {n} message(s)"


def _anchor_or_none(engine: Engine, settings: Settings, week: Week) -> str:
    with reading(engine) as conn:
        found = _anchor(conn, week)
    if found is not None:
        return found
    days = week_days(engine, week)
    if not days:
        raise StoreError(f"{week.key}: no issue of that week is stored; nothing to digest")
    return f"{week.slug}/{days[0].issue.date.isoformat()}"


def _done(conn: Connection, anchor_id: int | None) -> set[str]:
    d = deliveries.c
    q = select(d.target).where(
        d.issue_id == anchor_id, d.channel == CHANNEL, d.state.in_(["sent", "failed", "held"])
    )
    return {r[0] for r in conn.execute(q)}
