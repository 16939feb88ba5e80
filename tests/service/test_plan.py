"""The planner: stale issues, quiet hours, catch-up after downtime, only what is unsent."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from syndicate.errors import ConfigError
from syndicate.service.plan import Candidate, Policy, missed_fire, parse_quiet, plan_channel

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2022, 3, 25, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai


def c(key: str, hours_ago: float, enqueued: bool = False) -> Candidate:
    return Candidate(key, NOW - timedelta(hours=hours_ago), enqueued)


def test_sends_only_unsent_fresh_issues_newest_first() -> None:
    plan = plan_channel(
        NOW,
        [c("p/03-24", 26), c("p/03-25", 2), c("p/03-23", 50), c("p/03-22", 74, True)],
        Policy(catch_up="all"),
        SH,
    )
    assert plan.send == ("p/03-25", "p/03-24")
    assert [(s.key, s.reason[:5]) for s in plan.skipped] == [("p/03-23", "stale")]


def test_catch_up_latest_sends_one_and_says_why() -> None:
    plan = plan_channel(NOW, [c("p/03-24", 26), c("p/03-25", 2)], Policy(), SH)
    assert plan.send == ("p/03-25",)
    assert plan.skipped[0].key == "p/03-24" and "superseded" in plan.skipped[0].reason


def test_nothing_to_send_when_all_enqueued() -> None:
    plan = plan_channel(NOW, [c("p/03-25", 2, True)], Policy(), SH)
    assert plan.send == () and plan.skipped == ()


def test_future_issue_waits() -> None:
    plan = plan_channel(NOW, [c("p/03-26", -20)], Policy(), SH)
    assert plan.send == () and plan.skipped[0].reason == "not published yet"


@pytest.mark.parametrize(
    ("utc_hour", "quiet", "deferred"),
    [
        (15, "22:00-07:00", True),  # 23:00 local
        (22, "22:00-07:00", True),  # 06:00 local
        (23, "22:00-07:00", False),  # 07:00 local: quiet is over
        (4, "12:00-13:00", True),  # 12:00 local
        (0, "", False),
    ],
)
def test_quiet_hours(utc_hour: int, quiet: str, deferred: bool) -> None:
    now = NOW.replace(hour=utc_hour)
    policy = Policy(quiet=parse_quiet(quiet, "q"), stale_after=timedelta(days=9))
    plan = plan_channel(now, [Candidate("p/x", now - timedelta(hours=1), False)], policy, SH)
    assert (plan.deferred_until is not None) == deferred
    assert plan.send == (() if deferred else ("p/x",))
    if plan.deferred_until:
        assert plan.deferred_until > now
        local_end = plan.deferred_until.astimezone(SH).time()
        assert local_end == parse_quiet(quiet, "q")[1]  # type: ignore[index]


def test_bad_quiet_hours_name_the_key() -> None:
    with pytest.raises(ConfigError, match=r"'papers\[0\].quiet_hours' has value '25:00-07:00'"):
        parse_quiet("25:00-07:00", "papers[0].quiet_hours")
    assert parse_quiet("22:00-07:00", "k") == (time(22), time(7))


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        plan_channel(datetime(2022, 1, 1), [], Policy(), SH)  # noqa: DTZ001


def test_missed_fire_coalesces_downtime() -> None:
    fires = [NOW - timedelta(days=d) for d in (3, 2, 1, 0)]
    assert missed_fire(fires, NOW - timedelta(days=3, hours=1), NOW) == NOW
    assert missed_fire(fires, NOW, NOW) is None
    assert missed_fire(fires, None, NOW) is None
    assert missed_fire(fires[:2], NOW - timedelta(days=5), NOW) == NOW - timedelta(days=2)
