"""Subscriber CSV import and export (reference/interface.md, "Subscriber CSV").

UTF-8 CSV with a header row: ``email`` (required), ``name``, ``paper``, ``status``
(``pending``, ``confirmed``, ``unsubscribed``, ``bounced``; blank means ``confirmed``: an
imported list is one whose consent the admin vouches for), ``subscribed_at`` (ISO 8601; a
time without a zone is UTC; blank: now).

Import is idempotent by (paper, address): the same file again changes nothing. A row for a
known address may add a name, confirm a pending subscriber, or unsubscribe/bounce it (which
suppresses the address forever); it never re-subscribes a suppressed address. Every rejected
row is reported with its line number and reason; the good rows are still imported. Rows are
written in chunks, so 100,000 subscribers import in one pass with little memory.

Export is safe to open in a spreadsheet (OWASP "CSV Injection"): a cell starting with ``=``,
``+``, ``-``, ``@``, tab or CR is written behind a ``'``, so it shows as text and never runs
as a formula. Import takes names literally (the guard is not undone: a formula never comes
back to life); in the ``email`` column alone a guard ``'`` is dropped, so a round trip keeps
the address.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TextIO

from sqlalchemy import Connection, Engine, select, tuple_, update

from syndicate.config import Settings
from syndicate.errors import ConfigError
from syndicate.newsletter.subscribers import (
    SubscriberError,
    clean_name,
    list_subscribers,
    normalize_address,
    suppress,
    suppressed_among,
)
from syndicate.store.catalog import paper_id
from syndicate.store.schema import SUBSCRIBER_STATES, subscribers

HEADER = ("email", "name", "paper", "status", "subscribed_at")
#: First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 1000
#: Rows one import takes (split a bigger list); a field may hold at most ``csv``'s default
#: 131,072 characters. Past either, the import stops at that line and reports it.
MAX_ROWS = 1_000_000
MAX_FIELD = 131_072
s = subscribers.c


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    #: (line number, reason) for every rejected row.
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.rejected)} rejected"
        )


@dataclass(frozen=True)
class _Row:
    line: int
    email: str
    name: str | None
    paper: str
    status: str
    subscribed_at: datetime


def import_csv(
    engine: Engine,
    settings: Settings,
    f: TextIO,
    *,
    now: datetime,
    max_rows: int = MAX_ROWS,
) -> ImportReport:
    """Import subscribers from CSV text (see the module docstring)."""
    report = ImportReport()
    csv.field_size_limit(MAX_FIELD)
    reader = csv.DictReader(f)
    try:
        header = reader.fieldnames
    except csv.Error as e:
        report.rejected.append((1, f"not CSV: {e}"))
        return report
    fields = [h.strip().lower() for h in header or []]
    if "email" not in fields:
        report.rejected.append((1, "the header row has no 'email' column"))
        return report
    reader.fieldnames = fields
    for chunk in _chunks(_rows(_records(reader, report, max_rows), settings, now, report), CHUNK):
        with engine.begin() as conn:
            _store(conn, settings, chunk, now, report)
    return report


def _records(
    reader: csv.DictReader[str], report: ImportReport, max_rows: int
) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line, record)`` up to ``max_rows``; a row past it or a broken one stops the import."""
    for n in range(max_rows + 1):
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as e:  # e.g. a field over MAX_FIELD characters
            # line_num still counts the last whole record's lines: this one is the next
            report.rejected.append((reader.line_num + 1, f"not CSV: {e}; the import stops here"))
            return
        if n == max_rows:
            why = f"more than {max_rows} rows; split the file (the import stops here)"
            report.rejected.append((reader.line_num, why))
            return
        yield reader.line_num, record


def _rows(
    records: Iterator[tuple[int, dict[str, Any]]],
    settings: Settings,
    now: datetime,
    report: ImportReport,
) -> Iterator[_Row]:
    seen: set[tuple[str, str]] = set()
    for line, record in records:
        try:
            row = _parse(record, line, settings, now)
        except (SubscriberError, ConfigError) as e:
            report.rejected.append((line, str(e)))
            continue
        if (row.paper, row.email) in seen:
            report.unchanged += 1
            continue
        seen.add((row.paper, row.email))
        yield row


def _parse(record: dict[str, Any], line: int, settings: Settings, now: datetime) -> _Row:
    def get(key: str) -> str:
        value = record.get(key)
        return value.strip() if isinstance(value, str) else ""

    if None in record:
        raise SubscriberError("more fields than the header has")
    email = get("email")
    if email.startswith("'") and email[1:].startswith(FORMULA_START):
        email = email[1:]  # our own export's guard (addresses cannot hold a formula)
    email = normalize_address(email)
    paper = settings.paper(get("paper") or None).slug
    status = get("status").lower() or "confirmed"
    if status not in SUBSCRIBER_STATES:
        raise SubscriberError(f"status '{status}' is not one of {', '.join(SUBSCRIBER_STATES)}")
    return _Row(
        line, email, clean_name(get("name")), paper, status, _when(get("subscribed_at"), now)
    )


def _when(text: str, now: datetime) -> datetime:
    if not text:
        return now
    try:
        t = datetime.fromisoformat(text)
    except ValueError as e:
        raise SubscriberError(f"subscribed_at '{text}' is not an ISO 8601 date or time") from e
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)


def _chunks(rows: Iterable[_Row], size: int) -> Iterator[list[_Row]]:
    chunk: list[_Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _store(
    conn: Connection, settings: Settings, rows: Sequence[_Row], now: datetime, report: ImportReport
) -> None:
    pids = {slug: paper_id(conn, settings.paper(slug), now) for slug in {r.paper for r in rows}}
    keys = [(pids[r.paper], r.email) for r in rows]
    q = select(s.id, s.paper_id, s.email, s.name, s.status).where(
        tuple_(s.paper_id, s.email).in_(keys)
    )
    existing = {(r.paper_id, r.email): r for r in conn.execute(q)}
    blocked = suppressed_among(conn, [r.email for r in rows])
    new: list[dict[str, Any]] = []
    for r in rows:
        old = existing.get((pids[r.paper], r.email))
        if r.email in blocked and r.status in ("pending", "confirmed"):
            report.rejected.append((r.line, f"{r.email} is suppressed; it stays off the list"))
            continue
        if old is None:
            new.append(_values(r, pids[r.paper]))
        elif _update(conn, old, r, now):
            report.updated += 1
        else:
            report.unchanged += 1
    if new:
        conn.execute(subscribers.insert(), new)
        report.added += len(new)
    for r in rows:
        if r.status in ("unsubscribed", "bounced") and r.email not in blocked:
            suppress(conn, r.email, "bounced" if r.status == "bounced" else "unsubscribed", now=now)


def _values(r: _Row, pid: int) -> dict[str, Any]:
    confirmed = r.subscribed_at if r.status == "confirmed" else None
    return {"paper_id": pid, "email": r.email, "name": r.name, "status": r.status,
            "subscribed_at": r.subscribed_at, "confirmed_at": confirmed}  # fmt: skip


def _update(conn: Connection, old: Any, r: _Row, now: datetime) -> bool:
    changes: dict[str, Any] = {}
    if r.name and r.name != old.name:
        changes["name"] = r.name
    if r.status == "confirmed" and old.status == "pending":
        changes |= {"status": "confirmed", "confirmed_at": now}
    if r.status in ("unsubscribed", "bounced") and old.status in ("pending", "confirmed"):
        changes["status"] = r.status
    if changes:
        conn.execute(update(subscribers).where(s.id == old.id).values(**changes))
    return bool(changes)


def export_csv(engine: Engine, out: TextIO, *, paper: str | None = None) -> int:
    """Write every subscriber as CSV (the import format); the number written."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER)
    n = 0
    for sub in list_subscribers(engine, paper=paper):
        w.writerow([safe_cell(sub.email), safe_cell(sub.name or ""), sub.paper, sub.status,
                    sub.subscribed_at.isoformat()])  # fmt: skip
        n += 1
    return n


def safe_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it: a leading formula character is guarded by ``'``."""
    return "'" + text if text.startswith(FORMULA_START) else text


def export_text(engine: Engine, *, paper: str | None = None) -> str:
    buf = io.StringIO()
    export_csv(engine, buf, paper=paper)
    return buf.getvalue()
