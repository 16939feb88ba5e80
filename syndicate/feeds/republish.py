"""Which revision of each issue is in the public dir, so a publish that did not finish is
done again by the next worker tick.

Publishing comes after the ingest commit, so a crash (or a full or read-only disk) between
the two would leave an issue stored but never published, and the inbox file (ingested again,
unchanged) would not publish it either. So ``publish.publish_issue`` records the revision it
wrote under ``published:{key}`` in app_state once every file is in place, and each worker tick
publishes again every recent issue whose stored revision is not the recorded one
(``unpublished``), oldest first, backing off while it keeps failing (``Republisher``). A failure
is logged once per new reason and shown by ``syndicate status`` (``publish:{key}:error``).

Publishing is idempotent (files whose bytes did not change are not touched), so doing it again
after a crash costs a render and nothing else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, Engine, String, cast, literal, or_, select
from sqlalchemy.exc import SQLAlchemyError

from syndicate.errors import SyndicateError
from syndicate.store.engine import reading, state_get, state_put
from syndicate.store.schema import app_state, issues

log = logging.getLogger("syndicate.feeds.publish")
#: How far back the worker looks for issues to publish again (by their last revision time).
RECOVER_WITHIN = timedelta(days=7)
BACKOFF_FIRST, BACKOFF_MAX = 1.0, 300.0


def state_key(issue_key: str) -> str:
    return f"published:{issue_key}"


def error_key(issue_key: str) -> str:
    return f"publish:{issue_key}:error"


def mark_published(conn: Connection, issue_key: str, revision: int, at: datetime) -> None:
    """Record that every file of ``issue_key`` at ``revision`` is in the public dir."""
    state_put(conn, state_key(issue_key), str(revision), now=at, expires_at=None)
    state_put(conn, error_key(issue_key), "", now=at, expires_at=None)


def is_published(engine: Engine, issue_key: str, revision: int, now: datetime) -> bool:
    """Whether every file of ``issue_key`` at ``revision`` is recorded as published."""
    with reading(engine) as conn:
        return state_get(conn, state_key(issue_key), now=now) == str(revision)


def unpublished(engine: Engine, now: datetime, within: timedelta = RECOVER_WITHIN) -> list[str]:
    """Keys of the issues revised since ``now - within`` whose newest revision is not
    recorded as published, oldest issue first."""
    recorded = app_state.c.key == literal("published:", String) + issues.c.key
    q = (
        select(issues.c.key)
        .outerjoin(app_state, recorded)
        .where(
            issues.c.updated_at >= now - within,
            or_(app_state.c.value.is_(None), app_state.c.value != cast(issues.c.revision, String)),
        )
        .order_by(issues.c.date, issues.c.key)
    )
    with reading(engine) as conn:
        return [str(k) for k in conn.execute(q).scalars()]


@dataclass
class Republisher:
    """Publishes again what ``unpublished`` lists; ``publish(key)`` does one issue."""

    engine: Engine
    publish: Callable[[str], object]
    #: key -> (not before, current delay in seconds, last reason logged)
    failing: dict[str, tuple[datetime, float, str]] = field(default_factory=dict)

    def run(self, now: datetime) -> list[str]:
        """Publish every unpublished issue that is not backing off; the keys published."""
        done = []
        for key in unpublished(self.engine, now):
            if key in self.failing and now < self.failing[key][0]:
                continue
            if self.attempt(key, now):
                done.append(key)
        return done

    def attempt(self, key: str, now: datetime) -> bool:
        """Publish ``key`` once; on failure report it and schedule the next try."""
        try:
            self.publish(key)
        except (OSError, SyndicateError) as e:
            self.failed(key, e, now)
            return False
        if self.failing.pop(key, None) is not None:
            log.warning("%s: published after all", key)
        return True

    def failed(self, key: str, e: Exception, now: datetime) -> None:
        _, delay, last = self.failing.get(key, (now, 0.0, ""))
        delay = min(max(delay * 2, BACKOFF_FIRST), BACKOFF_MAX)
        why = reason(e)
        self.failing[key] = (now + timedelta(seconds=delay), delay, why)
        if why != last:
            log.error(
                "%s: publishing failed: %s; the files already in the public dir are whole and "
                "unchanged; retrying by itself (next in %g s)",
                key, why, delay,
            )  # fmt: skip
        try:
            with self.engine.begin() as conn:
                state_put(conn, error_key(key), f"{now.isoformat()} {why}", now=now,
                          expires_at=None)  # fmt: skip
        except (SQLAlchemyError, SyndicateError):
            pass  # the database may be what failed; the log has it


def reason(e: Exception) -> str:
    """One line: for a file error the directory and the system's words (the temp file's own
    name is random, and the same fault must read the same each time)."""
    if isinstance(e, OSError) and e.strerror:
        where = Path(str(e.filename)).parent if e.filename else None
        return f"{where}: {e.strerror} (errno {e.errno})" if where else e.strerror
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
