"""APScheduler wiring only: cron expressions, fire times, and the timers of ``syndicate run``.

Schedules are crontab expressions with Vixie cron's meaning, in the paper's timezone (or
``on-ingest`` / ``off``), run by APScheduler triggers. The worker decides what is due
itself (``Worker.tick``) from fire times and the last run recorded in the database, so a
restart or several processes never replay or lose a run; APScheduler's
``BackgroundScheduler`` drives the ticks and source polls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.combining import OrTrigger
from apscheduler.triggers.cron import CronTrigger

from syndicate.clock import utcnow
from syndicate.config import PaperConfig, Settings
from syndicate.errors import ConfigError

CHANNELS = ("atom", "wechat", "email")
SPECIAL = ("on-ingest", "off")


@dataclass(frozen=True)
class ScheduleRow:
    paper: str
    channel: str
    spec: str
    next_fire: datetime | None


def spec_of(paper: PaperConfig, channel: str) -> str:
    return str(getattr(paper.schedules, channel)).strip()


def trigger(spec: str, tz: str, key: str) -> BaseTrigger | None:
    """The trigger for ``spec`` (None for on-ingest/off); ConfigError names ``key``.

    Vixie cron (crontab(5)): when day-of-month and day-of-week are both restricted (neither
    starts with ``*``) the job runs when EITHER matches; CronTrigger alone needs both, so
    such a spec is the OR of a day-of-month trigger and a day-of-week one.
    """
    if spec in SPECIAL:
        return None
    try:
        fields = spec.split()
        if len(fields) != 5:
            raise ValueError(f"{len(fields)} fields, not 5")
        minute, hour, day, month, dow = fields
        zone = ZoneInfo(tz)

        def cron(day: str, dow: str) -> CronTrigger:
            return CronTrigger(minute=minute, hour=hour, day=day, month=month,
                               day_of_week=cron_weekdays(dow), timezone=zone)  # fmt: skip

        if day.startswith("*") or dow.startswith("*"):
            return cron(day, dow)
        return OrTrigger([cron(day, "*"), cron("*", dow)])
    except ValueError as e:
        raise ConfigError(
            f"Config '{key}' has value '{spec}'. Not a valid cron expression "
            f"(minute hour day month day-of-week): {e}"
        ) from e


_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


def cron_weekdays(field: str) -> str:
    """Standard crontab day-of-week (0 or 7 = Sunday) as APScheduler day names.

    APScheduler 3 numbers days from Monday = 0, so ``1-5`` would mean Tuesday to Saturday;
    names mean the same to both.
    """
    if field == "*" or any(c.isalpha() for c in field):
        return field
    days: set[int] = set()
    for item in field.split(","):
        rng, _, step_s = item.partition("/")
        step = int(step_s) if step_s else 1
        if rng == "*":
            lo, hi = 0, 6
        elif "-" in rng:
            a, b = rng.split("-", 1)
            lo, hi = int(a), int(b)
        else:
            lo = hi = int(rng)
        if not (0 <= lo <= 7 and 0 <= hi <= 7 and lo <= hi and step > 0):
            raise ValueError(f"day-of-week '{item}' is out of range 0-7")
        days.update(d % 7 for d in range(lo, hi + 1, step))
    return ",".join(_DAYS[d] for d in sorted(days))


def validate(settings: Settings) -> None:
    """Every schedule parses; atom runs on ingest or not at all."""
    for i, paper in enumerate(settings.papers):
        for channel in CHANNELS:
            key = f"papers[{i}].schedules.{channel}"
            spec = spec_of(paper, channel)
            if channel == "atom" and spec not in SPECIAL:
                raise ConfigError(f"Config '{key}' has value '{spec}'. Not one of: on-ingest, off.")
            trigger(spec, paper.timezone, key)


def next_fire(spec: str, tz: str, after: datetime) -> datetime | None:
    t = trigger(spec, tz, "schedule")
    return None if t is None else t.get_next_fire_time(None, after)


def fired_between(spec: str, tz: str, start: datetime, end: datetime) -> bool:
    """Whether the schedule fired in ``(start, end]`` (a run was due, maybe missed)."""
    fire = next_fire(spec, tz, start + timedelta(microseconds=1))
    return fire is not None and fire <= end


def schedule_table(settings: Settings, now: datetime) -> list[ScheduleRow]:
    """Every paper's channels with their next fire time, for ``status`` and ``config check``."""
    rows: list[ScheduleRow] = []
    for paper in settings.papers:
        for channel in CHANNELS:
            spec = spec_of(paper, channel)
            rows.append(
                ScheduleRow(paper.slug, channel, spec, next_fire(spec, paper.timezone, now))
            )
    return rows


def start(polls: dict[str, tuple[int, Callable[[], object]]]) -> BackgroundScheduler:
    """Start the source polls, each every its own seconds, the first at once. A poll never
    overlaps itself. (The inbox, the planner and the senders run on their own threads.)"""
    sched = BackgroundScheduler(timezone="UTC", job_defaults={"coalesce": True, "max_instances": 1})
    for name, (seconds, poll) in polls.items():
        sched.add_job(
            poll, "interval", seconds=seconds, id=f"poll:{name}", misfire_grace_time=60,
            next_run_time=utcnow(),
        )  # fmt: skip
    sched.start()
    return sched
