"""Cron that means what it says (issue 16, item 7): syndicate's schedules fire exactly when
Vixie cron (the crontab(5) of Debian, cronie and BSD) would. With both day-of-month and
day-of-week restricted, crontab fires when EITHER matches (APScheduler's CronTrigger alone
needs both); when either field starts with ``*`` both must match. croniter is the oracle,
compared over every fire of a year."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from croniter import croniter

from syndicate.service import scheduler

SH = "Asia/Shanghai"
START = datetime(2026, 1, 1, tzinfo=ZoneInfo(SH))
END = START.replace(year=2027)


def ours(spec: str) -> list[datetime]:
    out: list[datetime] = []
    t = START
    while (fire := scheduler.next_fire(spec, SH, t + timedelta(seconds=1))) and fire < END:
        out.append(fire)
        t = fire
    return out


def oracle(spec: str) -> list[datetime]:
    it = croniter(spec, START)
    out: list[datetime] = []
    while (fire := it.get_next(datetime)) < END:
        out.append(fire)
    return out


@pytest.mark.parametrize(
    "spec",
    [
        "0 7 1 * 1",  # the 1st of the month, and every Monday
        "30 6 13 * 5",  # the 13th, and every Friday
        "0 7 1,15 * mon-fri",
        "*/20 9-11 1-7 * 0",  # the first week, and Sundays (0)
        "0 8 28-31 2 7",  # late February, and February's Sundays (7)
        "0 7 * * 1-5",
        "30 6 * * *",
        "0 12 */10 * *",
        "5 4 * 6-8 sat,sun",
    ],
)
def test_fires_exactly_when_crontab_does_over_a_year(spec: str) -> None:
    expected = oracle(spec)
    assert expected and ours(spec) == expected


def test_a_starred_field_still_means_both_must_match() -> None:
    # Vixie: DOM "*/2" starts with "*", so the day must be odd AND a Monday (croniter
    # departs from Vixie here, so the expectation is written out).
    fires = ours("0 7 */2 * 1")
    assert fires and all(f.day % 2 == 1 and f.weekday() == 0 for f in fires)
    assert len(fires) == sum(
        1
        for d in range(365)
        if (day := START + timedelta(days=d)).day % 2 == 1 and day.weekday() == 0
    )
