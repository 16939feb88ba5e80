"""The ``email`` channel of ``syndicate render`` and ``syndicate send`` (cli.py dispatches).

- ``render_files(settings, key, out)`` writes ``newsletter.eml`` (the whole message for a
  sample subscriber), ``newsletter.html`` and ``newsletter.txt``, and reports the size
  against Gmail's 102 KB clipping limit. It sends nothing and stores nothing.
- ``send_command(settings, key, dry_run)`` sends the issue through the ledger with a rich
  progress bar on a terminal (sent, failed, rate, ETA), or a log line every few seconds
  otherwise; ``--dry-run`` lists who would get what and sends nothing.
- ``send_email`` (``delivery.py``) is the send itself, shared with the worker.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import click
from sqlalchemy import Engine, and_, exists, select

from syndicate.clock import utcnow
from syndicate.config import Settings
from syndicate.errors import DeliveryError
from syndicate.newsletter.delivery import load_editions, load_newsletter, send_email
from syndicate.newsletter.preferences import DEFAULT
from syndicate.newsletter.prefs_store import prefs_of
from syndicate.newsletter.render import (
    GMAIL_CLIP_BYTES,
    PREFS_SLOT,
    UNSUBSCRIBE_SLOT,
    Newsletter,
    Recipient,
)
from syndicate.newsletter.sender import Progress, Summary
from syndicate.newsletter.tokens import load_secret, unsubscribe_token
from syndicate.store.engine import ensure_schema, reading
from syndicate.store.ledger import not_every_issue
from syndicate.store.schema import deliveries, issues, papers, subscribers, suppressions

SAMPLE = Recipient("reader@example.com", "读者", "SAMPLE-TOKEN", "SAMPLE-PREFS")
LOG_EVERY = 5.0


def size_report(nl: Newsletter, message: bytes) -> str:
    kb = len(message) / 1024
    html = nl.html_bytes / 1024
    limit = GMAIL_CLIP_BYTES / 1024
    verdict = "OK" if len(message) < GMAIL_CLIP_BYTES else "OVER: Gmail will clip it"
    return f"size {kb:.1f} KB (HTML {html:.1f} KB); Gmail clips over {limit:.0f} KB: {verdict}"


def render_files(settings: Settings, key: str, out: Path) -> list[Path]:
    """Write newsletter.eml/.html/.txt for a sample subscriber into ``out``."""
    engine = ensure_schema(settings)
    try:
        nl = load_newsletter(engine, settings, key, utcnow())
    finally:
        engine.dispose()
    message = nl.message(SAMPLE)
    sample_url, prefs_url = nl.unsubscribe_url(SAMPLE.token), nl.prefs_url(SAMPLE.prefs_token)
    out.mkdir(parents=True, exist_ok=True)
    files = [out / "newsletter.eml", out / "newsletter.html", out / "newsletter.txt"]
    files[0].write_bytes(message)
    for path, body in ((files[1], nl.html), (files[2], nl.text)):
        filled = body.replace(UNSUBSCRIBE_SLOT, sample_url).replace(PREFS_SLOT, prefs_url)
        path.write_text(filled, encoding="utf-8")
    click.echo(f"{key}: email: {size_report(nl, message)}", err=True)
    return files


def send_command(settings: Settings, key: str, dry_run: bool) -> str:
    """``syndicate send KEY --channel email``: the last line to print."""
    if dry_run:
        return dry_run_lines(settings, key)
    clock = utcnow
    if sys.stderr.isatty():
        summary = _with_bar(settings, key, clock)
    else:
        summary = send_email(settings, key, clock=clock, on_progress=_logger(key), enqueue=True)
    return _final_line(key, summary)


def _with_bar(settings: Settings, key: str, clock: Callable[[], datetime]) -> Summary:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as Bar

    stats = TextColumn(
        "sent {task.fields[sent]} failed {task.fields[failed]} {task.fields[rate]}/s"
    )
    with Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), stats,
             TimeRemainingColumn(), console=Console(stderr=True)) as bar:  # fmt: skip
        task = bar.add_task(key, total=None, sent=0, failed=0, rate=0)

        def show(p: Progress) -> None:
            bar.update(task, total=p.total, completed=p.done, sent=p.sent,
                       failed=p.failed, rate=f"{p.rate():.0f}")  # fmt: skip

        return send_email(settings, key, clock=clock, on_progress=show, enqueue=True)


def _logger(key: str) -> Callable[[Progress], None]:
    last = [0.0]

    def log(p: Progress) -> None:
        now = time.monotonic()
        if now - last[0] < LOG_EVERY and p.done < p.total:
            return
        last[0] = now
        rate = p.rate()
        eta = f"{(p.total - p.done) / rate:.0f} s" if rate > 0 else "?"
        click.echo(
            f"{key}: email: {p.done}/{p.total} done, sent {p.sent}, failed {p.failed}, "
            f"retry {p.retry}, unknown {p.unknown}, {rate:.0f}/s, ETA {eta}",
            err=True,
        )

    return log


def _final_line(key: str, s: Summary) -> str:
    c = s.counts
    states = ("sent", "failed", "retry", "unknown", "held")
    parts = [f"{c.get(state, 0)} {state}" for state in states]
    line = f"{key}: email: " + ", ".join(parts)
    if s.next_retry is not None:
        line += f"; next retry at {s.next_retry.isoformat(timespec='seconds')}"
    line += f"; this run {s.progress.done} at {s.progress.rate():.0f}/s"
    if s.connects is not None:
        line += f" over {s.connects} SMTP connection(s)"
    if s.aborted:
        raise DeliveryError(f"{line}; stopped early: {s.aborted}")
    return line


def dry_run_lines(settings: Settings, key: str) -> str:
    """Print who would get what; the summary line."""
    engine = ensure_schema(settings)
    try:
        now = utcnow()
        editions = load_editions(engine, settings, key, now)
        nl = editions.default
        secret = load_secret(settings)
        n, largest = 0, nl.message(SAMPLE)
        readers = _would_send(engine, key)
        prefs = prefs_of(engine, [r[0] for r in readers])
        for sub_id, email, name in readers:
            mine = editions.for_prefs(prefs.get(sub_id, DEFAULT))
            if mine is None:
                click.echo(f"{email}\t{name or ''}\t-\tnothing on the chosen pages or columns")
                continue
            r = Recipient(email, name, unsubscribe_token(secret, sub_id, email))
            message = mine.message(r)
            click.echo(f"{email}\t{name or ''}\t{mine.message_id(email)}\t{len(message)} bytes")
            largest = max(largest, message, key=len)
            n += 1
    finally:
        engine.dispose()
    return f"{key}: email: would send {n} message(s): {nl.subject}; {size_report(nl, largest)}"


def _would_send(engine: Engine, key: str) -> list[tuple[int, str, str | None]]:
    """Confirmed, unsuppressed subscribers of the issue's paper not yet sent this issue."""
    s, d = subscribers.c, deliveries.c
    issue = select(issues.c.id, issues.c.paper_id).where(issues.c.key == key).subquery()
    finished = d.state.in_(["sent", "failed", "held"])
    done = exists().where(
        and_(d.issue_id == issue.c.id, d.channel == "email", d.target == s.email, finished)
    )
    q = (
        select(s.id, s.email, s.name)
        .join(issue, issue.c.paper_id == s.paper_id)
        .join(papers, papers.c.id == s.paper_id)
        .where(
            s.status == "confirmed",
            ~exists().where(suppressions.c.email == s.email),
            ~done,
            ~not_every_issue(s.id, issue.c.id),
        )  # fmt: skip
        .order_by(s.id)
    )
    with reading(engine) as conn:
        return [(r[0], r[1], r[2]) for r in conn.execute(q)]
