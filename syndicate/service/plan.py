"""What the scheduler should send now: a pure decision over time, issues and the ledger.

Given the time (passed in), the paper's policy and, per issue, when it was published and
whether the channel already has it, ``plan_channel`` says which issues a channel run sends and
why it skips the others. ``missed_fire`` decides whether a cron run was missed during
downtime: one catch-up run, never a replay of every missed fire (listmonk #1801).

Like reader's ``Decider``: no I/O, no clock, no scheduler import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from syndicate.errors import ConfigError

CatchUp = Literal["latest", "all"]


@dataclass(frozen=True)
class Policy:
    """A paper's sending policy for one channel."""

    #: Never send an issue published longer ago than this.
    stale_after: timedelta = timedelta(hours=48)
    #: Local ``(start, end)``: no sends in between (may wrap midnight). None: no quiet hours.
    quiet: tuple[time, time] | None = None
    #: After downtime, send only the newest due issue (``latest``) or every due one (``all``).
    catch_up: CatchUp = "latest"


@dataclass(frozen=True)
class Candidate:
    """An issue as the planner sees it for one channel."""

    key: str
    published_at: datetime
    #: The channel already has rows for this issue (it was sent, or is being sent).
    enqueued: bool
    #: Why the issue waits for an editor (``approval.waiting_reason``); None: it may be sent.
    waiting: str | None = None


@dataclass(frozen=True)
class Skip:
    key: str
    reason: str


@dataclass(frozen=True)
class Plan:
    send: tuple[str, ...]
    skipped: tuple[Skip, ...]
    #: Quiet hours: nothing is sent now; try again at this time (aware UTC).
    deferred_until: datetime | None = None


def parse_quiet(value: str, key: str) -> tuple[time, time] | None:
    """``"22:00-07:00"`` -> (22:00, 07:00); ``""`` -> None. Names ``key`` in the error."""
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", value)
    if not m or int(m[1]) > 23 or int(m[3]) > 23 or int(m[2]) > 59 or int(m[4]) > 59:
        raise ConfigError(f"Config '{key}' has value '{value}'. Not a valid HH:MM-HH:MM range.")
    return time(int(m[1]), int(m[2])), time(int(m[3]), int(m[4]))


def in_quiet_hours(local: datetime, quiet: tuple[time, time] | None) -> bool:
    if quiet is None:
        return False
    start, end = quiet
    t = local.time().replace(tzinfo=None)
    if start <= end:
        return start <= t < end
    return t >= start or t < end  # wraps midnight


def quiet_end(now: datetime, tz: ZoneInfo, quiet: tuple[time, time]) -> datetime:
    """The first moment after ``now`` outside quiet hours (aware, in ``now``'s zone)."""
    local = now.astimezone(tz)
    end = local.replace(hour=quiet[1].hour, minute=quiet[1].minute, second=0, microsecond=0)
    if end <= local:
        end += timedelta(days=1)
    return end.astimezone(now.tzinfo)


def plan_channel(
    now: datetime, candidates: Iterable[Candidate], policy: Policy, tz: ZoneInfo
) -> Plan:
    """Which issues to send now, newest first, and why the others wait or are skipped."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    ordered = sorted(candidates, key=lambda c: c.published_at, reverse=True)
    if policy.quiet and in_quiet_hours(now.astimezone(tz), policy.quiet):
        return Plan((), (), quiet_end(now, tz, policy.quiet))
    send: list[str] = []
    skipped: list[Skip] = []
    newer: str | None = None  # the newest issue sent or waiting in this run
    for c in ordered:
        if c.enqueued:
            continue
        if c.published_at > now:
            skipped.append(Skip(c.key, "not published yet"))
        elif now - c.published_at > policy.stale_after:
            hours = int(policy.stale_after.total_seconds() // 3600)
            waited = f"; never sent: still {c.waiting}" if c.waiting else ""
            skipped.append(Skip(c.key, f"stale: published over {hours} h ago{waited}"))
        elif newer is not None and policy.catch_up == "latest":
            skipped.append(Skip(c.key, f"superseded by {newer} (catch_up = latest)"))
        elif c.waiting:
            skipped.append(Skip(c.key, c.waiting))
            newer = newer or c.key  # an older issue is not sent in its place
        else:
            send.append(c.key)
            newer = newer or c.key
    return Plan(tuple(send), tuple(skipped))


def missed_fire(
    fires: Sequence[datetime], last_run: datetime | None, now: datetime
) -> datetime | None:
    """The latest fire time in ``fires`` after ``last_run`` and not after ``now``.

    One catch-up run covers every fire missed while the worker was down (coalescing); with
    no record of a last run there is nothing to catch up on.
    """
    if last_run is None:
        return None
    due = [f for f in fires if last_run < f <= now]
    return max(due) if due else None
