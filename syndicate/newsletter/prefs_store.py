"""Reader preferences in the database: the current ones (``subscriber_prefs``, no row: the
defaults) and every change (``subscriber_pref_history``), plus what a paper has printed (its
page numbers and names, its columns) for checking a reader's choice.

Every function takes ``db``: an Engine (own transaction) or a Connection (the caller's).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, select

from syndicate.newsletter import preferences as pr
from syndicate.newsletter.preferences import DEFAULT, Prefs, check_prefs, from_json
from syndicate.store.engine import insert, reading, writing
from syndicate.store.schema import (
    articles,
    issues,
    pages,
    papers,
    subscriber_pref_history,
    subscriber_prefs,
)

p = subscriber_prefs.c
SOURCES = ("cli", "web", "import", "subscribe")


def _row_json(r: Any) -> dict[str, Any]:
    return {
        "frequency": r.frequency, "weekday": r.weekday, "send_time": r.send_time,
        "paused_until": r.paused_until, "pages": r.pages, "columns": r.columns,
        "content": r.content, "script": r.script,
    }  # fmt: skip


def prefs_of(db: Engine | Connection, ids: Iterable[int]) -> dict[int, Prefs]:
    """The preferences of each subscriber id that has any (others: ``DEFAULT``)."""
    wanted = list(ids)
    out: dict[int, Prefs] = {}
    with reading(db) as conn:
        for i in range(0, len(wanted), 500):
            q = select(subscriber_prefs).where(p.subscriber_id.in_(wanted[i : i + 500]))
            out |= {r.subscriber_id: from_json(_row_json(r)) for r in conn.execute(q)}
    return out


def all_prefs(db: Engine | Connection) -> dict[int, Prefs]:
    """Every stored preference row, by subscriber id (for ``list`` and ``export``)."""
    with reading(db) as conn:
        return {
            r.subscriber_id: from_json(_row_json(r)) for r in conn.execute(select(subscriber_prefs))
        }


def get_prefs(db: Engine | Connection, subscriber_id: int) -> Prefs:
    return prefs_of(db, [subscriber_id]).get(subscriber_id, DEFAULT)


def set_prefs(
    db: Engine | Connection, subscriber_id: int, prefs: Prefs, *, source: str, now: datetime
) -> bool:
    """Store ``prefs`` (checked) and a history entry; False when nothing changed."""
    check_prefs(prefs)
    with writing(db) as conn:
        if get_prefs(conn, subscriber_id) == prefs:
            return False
        values = {
            "frequency": prefs.frequency, "weekday": prefs.weekday,
            "send_time": prefs.send_time, "paused_until": prefs.paused_until,
            "pages": list(prefs.pages) or None, "columns": list(prefs.columns) or None,
            "content": prefs.content, "script": prefs.script, "updated_at": now,
        }  # fmt: skip
        stmt = insert(conn, subscriber_prefs).values(subscriber_id=subscriber_id, **values)
        conn.execute(stmt.on_conflict_do_update(index_elements=[p.subscriber_id], set_=values))
        conn.execute(
            subscriber_pref_history.insert().values(
                subscriber_id=subscriber_id, at=now, source=source, prefs=prefs.as_json()
            )
        )
        return True


def history(db: Engine | Connection, subscriber_id: int) -> list[tuple[datetime, str, Prefs]]:
    """Every change, oldest first: (when, source, the preferences after it)."""
    h = subscriber_pref_history.c
    q = select(h.at, h.source, h.prefs).where(h.subscriber_id == subscriber_id).order_by(h.id)
    with reading(db) as conn:
        return [(r.at, r.source, from_json(r.prefs)) for r in conn.execute(q)]


def known_pages(db: Engine | Connection, slug: str) -> dict[str, int]:
    """Every page number (as text) and printed name the paper's stored issues have."""
    q = (
        select(pages.c.number, pages.c.name)
        .join(issues, issues.c.id == pages.c.issue_id)
        .join(papers, papers.c.id == issues.c.paper_id)
        .where(papers.c.slug == slug)
        .distinct()
    )
    out: dict[str, int] = {}
    with reading(db) as conn:
        for number, name in conn.execute(q):
            out[str(number)] = number
            if name:
                out.setdefault(name, number)
    return out


def known_columns(db: Engine | Connection, slug: str) -> set[str]:
    """Every column (栏目) name the paper's stored articles carry."""
    q = (
        select(articles.c.column_name)
        .join(issues, issues.c.id == articles.c.issue_id)
        .join(papers, papers.c.id == issues.c.paper_id)
        .where(papers.c.slug == slug, articles.c.column_name.is_not(None))
        .distinct()
    )
    with reading(db) as conn:
        return {r[0] for r in conn.execute(q)}


#: The text fields a reader or admin may set (CLI options, CSV columns, form fields).
FIELDS = ("frequency", "weekday", "time", "paused_until", "pages", "columns", "content", "script")


def parse_choices(db: Engine | Connection, slug: str, old: Prefs, raw: dict[str, str]) -> Prefs:
    """``old`` with the given text fields applied (absent keys keep their value; an empty
    ``weekday``/``time``/``paused_until``/``content`` goes back to the paper's default);
    ``PrefsError`` names the first bad one."""

    def opt(key: str, parse: Any) -> Any:
        value = raw[key].strip()
        return parse(value) if value else None

    changes: dict[str, Any] = {}
    if "frequency" in raw:
        changes["frequency"] = raw["frequency"].strip() or "issue"
    if "script" in raw:
        changes["script"] = raw["script"].strip() or "hans"
    if "content" in raw:
        changes["content"] = raw["content"].strip() or None
    if "weekday" in raw:
        changes["weekday"] = opt("weekday", pr.parse_weekday)
    if "time" in raw:
        changes["send_time"] = opt("time", pr.parse_time)
    if "paused_until" in raw:
        changes["paused_until"] = opt("paused_until", pr.parse_date)
    if "pages" in raw:
        changes["pages"] = pr.parse_pages(raw["pages"], known_pages(db, slug))
    if "columns" in raw:
        changes["columns"] = pr.parse_columns(raw["columns"], known_columns(db, slug))
    return check_prefs(replace(old, **changes))
