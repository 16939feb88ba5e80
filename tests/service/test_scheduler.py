"""Schedules: cron in the paper's timezone, fire detection across downtime, clear errors."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from syndicate.config import ScheduleConfig, load_settings
from syndicate.errors import ConfigError
from syndicate.service import scheduler

SH = "Asia/Shanghai"


def test_next_fires_are_local_times() -> None:
    settings = load_settings(None, {})
    now = datetime(2022, 3, 24, 23, 1, tzinfo=UTC)  # Friday 07:01 in Shanghai
    rows = {r.channel: r for r in scheduler.schedule_table(settings, now)}
    assert rows["atom"].next_fire is None and rows["atom"].spec == "on-ingest"
    wechat = rows["wechat"].next_fire
    assert wechat is not None and (wechat.hour, wechat.minute, wechat.day) == (6, 30, 26)
    email = rows["email"].next_fire
    assert email is not None and email.astimezone(UTC) == datetime(2022, 3, 27, 23, tzinfo=UTC)


def test_fired_between_sees_a_missed_fire_once() -> None:
    spec = "0 7 * * 1-5"
    mon_0659 = datetime(2022, 3, 27, 22, 59, tzinfo=UTC)
    assert scheduler.fired_between(spec, SH, mon_0659, mon_0659 + timedelta(minutes=1))
    assert not scheduler.fired_between(spec, SH, mon_0659, mon_0659 + timedelta(seconds=59))
    week_down = mon_0659 + timedelta(days=7)
    assert scheduler.fired_between(spec, SH, mon_0659, week_down)
    sat = datetime(2022, 3, 25, 23, 30, tzinfo=UTC)  # Saturday 07:30 local
    assert not scheduler.fired_between(spec, SH, sat - timedelta(hours=1), sat)


@pytest.mark.parametrize(
    ("schedules", "message"),
    [
        (ScheduleConfig(email="0 25 * * *"), "'papers[0].schedules.email' has value '0 25 * * *'"),
        (ScheduleConfig(wechat="every day"), "'papers[0].schedules.wechat'"),
        (ScheduleConfig(atom="0 6 * * *"), "Not one of: on-ingest, off"),
    ],
)
def test_bad_schedules_name_the_key(schedules: ScheduleConfig, message: str) -> None:
    settings = load_settings(None, {})
    paper = replace(settings.papers[0], schedules=schedules)
    with pytest.raises(ConfigError) as e:
        scheduler.validate(replace(settings, papers=(paper,)))
    assert message in str(e.value) and "\n" not in str(e.value)


def test_the_default_schedules_are_valid() -> None:
    scheduler.validate(load_settings(None, {}))


@pytest.mark.parametrize(
    ("field", "names"),
    [
        ("1-5", "mon,tue,wed,thu,fri"),
        ("0", "sun"),
        ("7", "sun"),
        ("0,6", "sun,sat"),
        ("5-7", "sun,fri,sat"),
        ("*/2", "sun,tue,thu,sat"),
        ("*", "*"),
        ("mon-fri", "mon-fri"),
    ],
)
def test_crontab_weekdays_mean_what_cron_means(field: str, names: str) -> None:
    assert scheduler.cron_weekdays(field) == names


def test_weekday_schedule_skips_the_weekend() -> None:
    fire = datetime(2022, 3, 25, 23, 30, tzinfo=UTC)  # Saturday 07:30 local
    nxt = scheduler.next_fire("0 7 * * 1-5", SH, fire)
    assert nxt is not None and nxt.strftime("%a %H:%M") == "Mon 07:00"
