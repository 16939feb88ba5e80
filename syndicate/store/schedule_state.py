"""Schedules paused, and runs asked for, from the desk: kept in ``app_state``, so every
worker obeys at once (the planner reads them on every pass).

- ``schedule:SLUG:CHANNEL:paused``: the editor who paused it and when. While paused the
  channel plans nothing: a cron fire passes unsent (no catch-up after the resume); an
  on-ingest channel sends, once resumed, what arrived meanwhile (stale and approval rules
  still hold).
- ``schedule:SLUG:CHANNEL:run_now``: a run asked for ("send now"): the planner treats it as
  a fire that is due (the approval, stale and quiet-hour rules still hold), then clears it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Engine, delete, select

from syndicate.store.engine import reading, state_put, writing
from syndicate.store.schema import app_state


def _key(slug: str, channel: str, what: str) -> str:
    return f"schedule:{slug}:{channel}:{what}"


def pause(db: Engine, slug: str, channel: str, *, by: str, now: datetime) -> None:
    with writing(db) as conn:
        state_put(conn, _key(slug, channel, "paused"), f"{by} {now.isoformat()}", now=now,
                  expires_at=None)  # fmt: skip


def resume(db: Engine, slug: str, channel: str) -> None:
    with writing(db) as conn:
        conn.execute(delete(app_state).where(app_state.c.key == _key(slug, channel, "paused")))


def ask_run(db: Engine, slug: str, channel: str, *, by: str, now: datetime) -> None:
    with writing(db) as conn:
        state_put(conn, _key(slug, channel, "run_now"), by, now=now, expires_at=None)


def take_run(db: Engine | Connection, slug: str, channel: str) -> bool:
    """Whether a run was asked for; clears the request."""
    with writing(db) as conn:
        done = conn.execute(
            delete(app_state).where(app_state.c.key == _key(slug, channel, "run_now"))
        )
        return bool(done.rowcount)


def flags(db: Engine | Connection) -> tuple[dict[tuple[str, str], str], set[tuple[str, str]]]:
    """Every paused schedule, ``{(slug, channel): "EDITOR ISO-TIME"}``, and every asked-for
    run, ``{(slug, channel)}`` (one read)."""
    with reading(db) as conn:
        rows = conn.execute(
            select(app_state.c.key, app_state.c.value).where(
                app_state.c.key.like("schedule:%:paused")
                | app_state.c.key.like("schedule:%:run_now")
            )
        ).all()
    paused: dict[tuple[str, str], str] = {}
    asked: set[tuple[str, str]] = set()
    for key, value in rows:
        _, slug, channel, what = key.rsplit(":", 3)
        if what == "paused":
            paused[(slug, channel)] = value
        else:
            asked.add((slug, channel))
    return paused, asked
