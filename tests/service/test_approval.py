"""Approval before a mass send (issue 17): the planner's rules, and the CLI end to end.

End to end with real peers: a config with ``approve.email = "always"`` and email on-ingest,
the seed dropped into the inbox, ``run --once`` publishes the feed at once and mails nobody,
``status --json`` says ``awaiting``; after ``approve --channel email`` the next pass mails
every confirmed subscriber (aiosmtpd) once.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import httpx
import pytest
from sqlalchemy import Engine

from syndicate.cli import main
from syndicate.config import ApproveConfig, ScheduleConfig, Settings, load_settings
from syndicate.errors import ConfigError
from syndicate.newsletter.subscribers import add
from syndicate.service.approval import Decision, approval_state
from syndicate.service.plan import Candidate, Policy, plan_channel
from syndicate.store import schedule_state
from syndicate.store.approvals import decide
from tests.conftest import SEED
from tests.service.test_worker_e2e import LOCAL_0500, drop_seed, make_worker
from tests.smtpd import Smtpd
from tests.wechat_server import Clock

KEY = "jngx/2022-03-25"
TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2022, 3, 25, 2, 0, tzinfo=UTC)


def test_the_state_follows_mode_doubts_and_the_editors_decision() -> None:
    approved = Decision("approved", 2, "王编辑", NOW)
    held = Decision("held", 2, "王编辑", NOW)
    assert approval_state("auto", 3, 2, None) == "auto"
    assert approval_state("doubts", 0, 2, None) == "auto"
    assert approval_state("doubts", 1, 2, None) == "awaiting"
    assert approval_state("always", 0, 2, None) == "awaiting"
    assert approval_state("always", 0, 2, approved) == "approved"
    assert approval_state("doubts", 1, 3, approved) == "awaiting"  # a new revision waits again
    assert approval_state("auto", 0, 2, held) == "held"  # a hold stops every mode


def test_the_planner_skips_a_waiting_issue_and_says_why() -> None:
    day = timedelta(days=1)
    fresh = Candidate("jngx/2022-03-25", NOW - timedelta(hours=1), False, "awaiting approval")
    older = Candidate("jngx/2022-03-24", NOW - day, False)
    plan = plan_channel(NOW, [fresh, older], Policy(), TZ)
    assert plan.send == ()  # the older issue is not sent in the waiting one's place
    assert [s.reason for s in plan.skipped] == [
        "awaiting approval", "superseded by jngx/2022-03-25 (catch_up = latest)"
    ]  # fmt: skip
    stale = Candidate("jngx/2022-03-20", NOW - 5 * day, False, "awaiting approval")
    [skip] = plan_channel(NOW, [stale], Policy(), TZ).skipped
    assert skip.reason == "stale: published over 48 h ago; never sent: still awaiting approval"
    assert plan_channel(NOW, [older], Policy(), TZ).send == ("jngx/2022-03-24",)


def test_a_bad_mode_names_the_key() -> None:
    text = '[[papers]]\nslug = "jngx"\nname = "济宁高新新闻"\n[papers.approve]\nemail = "never"\n'
    with pytest.raises(ConfigError, match=r"'papers\[0\]\.approve\.email' has value 'never'"):
        load_settings(text, {})


@pytest.fixture
def project(
    db: Engine, db_url: str, tmp_path: Path, smtpd: Smtpd, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A config: email on ingest and always approved first, WeChat off, the aiosmtpd relay.
    The seed is from 2022, so ``stale_hours`` is set to keep it fresh for the real clock."""
    monkeypatch.chdir(tmp_path)
    for name in ("SYNDICATE_DATA_DIR", "SYNDICATE_DATABASE", "SYNDICATE_ADMIN_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SYNDICATE_SMTP", smtpd.url)
    monkeypatch.setenv("SYNDICATE_SECRET_KEY", "k" * 32)
    config = tmp_path / "syndicate.toml"
    config.write_text(
        f'data_dir = "var"\ndatabase = "{db_url}"\nemail_rate = 0.0\n'
        '[[papers]]\nslug = "jngx"\nname = "济宁高新新闻"\nstale_hours = 200000\n'
        '[papers.schedules]\nemail = "on-ingest"\nwechat = "off"\n'
        '[papers.approve]\nemail = "always"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("SYNDICATE_CONFIG", str(config))
    return tmp_path


def status_json(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert main(["status", "--json"]) == 0
    [issue] = json.loads(capsys.readouterr().out)["issues"]
    assert issue["key"] == KEY
    return issue  # type: ignore[no-any-return]


@pytest.mark.slow
def test_an_issue_that_must_be_approved_is_in_the_feed_at_once_and_mailed_after_approval(
    project: Path, smtpd: Smtpd, capsys: pytest.CaptureFixture[str]
) -> None:
    readers = [f"reader{n}@example.com" for n in range(3)]
    for address in readers:
        assert main(["subscribers", "add", address, "--confirmed"]) == 0
    inbox = project / "var" / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / SEED.name).write_bytes(SEED.read_bytes())
    os.utime(inbox / SEED.name, (0, 0))  # settled long ago

    assert main(["run", "--once"]) == 0
    feed = feedparser.parse(str(project / "var" / "public" / "jngx" / "feeds" / "atom.xml"))
    assert feed.bozo == 0 and len(feed.entries) == 9
    assert smtpd.messages == []
    issue = status_json(capsys)
    email = issue["approval"]["email"]  # type: ignore[index]
    assert email["state"] == "awaiting" and email["by"] is None
    assert email["why"] == "awaiting approval (approve = always)"
    assert issue["approval"]["wechat"]["state"] == "auto"  # type: ignore[index]
    assert issue["channels"] == {}  # planned, nothing enqueued

    assert main(["run", "--once"]) == 0  # waiting, however often the worker passes
    assert smtpd.messages == []

    assert main(["approve", "jngx/2099-01-01", "--channel", "email"]) == 2
    assert "error: jngx/2099-01-01: issue 'jngx/2099-01-01' is not stored" in (
        capsys.readouterr().err
    )
    assert main(["approve", KEY, "--channel", "email"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"{KEY} email: approved") and err == ""  # fresh (stale_hours)

    assert main(["run", "--once"]) == 0
    assert main(["run", "--once"]) == 0
    assert sorted(m.rcpt[0] for m in smtpd.messages) == readers  # each once
    issue = status_json(capsys)
    email = issue["approval"]["email"]  # type: ignore[index]
    assert email["state"] == "approved" and email["why"] is None
    assert email["by"].startswith("cli:") and email["at"]
    assert issue["channels"] == {"email": {"sent": 3}}


def one_reader(
    db: Engine, db_settings: Settings, smtpd: Smtpd, approve: ApproveConfig
) -> tuple[Settings, Clock]:
    """Email at 07:00 (WeChat off) to one confirmed reader; the clock at 05:00."""
    paper = replace(db_settings.papers[0], schedules=ScheduleConfig(wechat="off"), approve=approve)
    settings = replace(
        db_settings, smtp=smtpd.url, secret_key="k" * 32, email_rate=0.0, papers=(paper,)
    )
    clock = Clock(LOCAL_0500)
    add(db, paper, "reader@example.com", name=None, confirmed=True, now=clock())
    return settings, clock


def test_a_cron_channel_sends_an_issue_approved_after_its_fire_at_once(
    db: Engine, db_settings: Settings, smtpd: Smtpd
) -> None:
    settings, clock = one_reader(db, db_settings, smtpd, ApproveConfig(email="always"))
    with httpx.Client(timeout=10) as http:
        worker = make_worker(db, settings, clock, http)
        drop_seed(settings, clock)
        worker.tick()
        clock.now = LOCAL_0500 + timedelta(hours=2)  # 07:00: the fire, the issue waits
        assert worker.tick().sent == {"email": 0}
        clock.now += timedelta(hours=1)
        assert worker.tick().sent == {"email": 0}
        [a] = decide(db, settings, KEY, ["email"], "approved", by="王编辑", now=clock())
        assert a.state == "approved"
        clock.now += timedelta(seconds=1)  # 08:00: the next pass, not tomorrow's fire
        assert worker.tick().sent == {"email": 1}
        clock.now += timedelta(days=1)
        assert worker.tick().sent == {"email": 0}
    assert [m.rcpt for m in smtpd.messages] == [["reader@example.com"]]


def test_every_worker_obeys_a_pause_and_a_send_now_from_the_desk(
    db: Engine, db_settings: Settings, smtpd: Smtpd
) -> None:
    settings, clock = one_reader(db, db_settings, smtpd, ApproveConfig())
    with httpx.Client(timeout=10) as http:
        worker = make_worker(db, settings, clock, http)
        drop_seed(settings, clock)
        worker.tick()
        schedule_state.pause(db, "jngx", "email", by="王编辑", now=clock())
        clock.now = LOCAL_0500 + timedelta(hours=2)  # 07:00: paused, the fire is missed
        assert worker.tick().sent == {"email": 0}
        schedule_state.resume(db, "jngx", "email")
        clock.now += timedelta(minutes=1)
        assert worker.tick().sent == {"email": 0}  # resumed: the next fire, not a replay
        schedule_state.ask_run(db, "jngx", "email", by="王编辑", now=clock())  # send now
        assert worker.tick().sent == {"email": 1}
        assert schedule_state.flags(db) == ({}, set())
    assert [m.rcpt for m in smtpd.messages] == [["reader@example.com"]]


def test_an_issue_still_waiting_past_stale_hours_says_it_will_never_be_sent(
    db: Engine, db_settings: Settings
) -> None:
    from syndicate.service import status
    from syndicate.store.ingest import ingest_bytes

    paper = replace(db_settings.papers[0], approve=ApproveConfig(email="always"))
    settings = replace(db_settings, papers=(paper,))
    ingest_bytes(db, settings, SEED.read_bytes(), source="seed.txt", now=NOW)
    fresh = status.collect(db, settings, NOW).issues[0].approval["email"]
    assert fresh["state"] == "awaiting" and not fresh["why"].startswith("never sent")
    later = status.collect(db, settings, NOW + timedelta(days=3)).issues[0].approval["email"]
    assert later["why"] == (
        "never sent: awaiting approval (approve = always) past stale_hours (48 h)"
    )
    assert "    email   awaiting: never sent" in status.to_text(
        status.collect(db, settings, NOW + timedelta(days=3))
    )


def test_approving_a_stale_issue_warns_that_the_scheduler_will_not_send_it(
    db: Engine, db_settings: Settings, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setenv("SYNDICATE_DATA_DIR", str(db_settings.data_dir))
    monkeypatch.setenv("SYNDICATE_DATABASE", db_settings.database_url)
    monkeypatch.delenv("SYNDICATE_CONFIG", raising=False)
    from syndicate.store.ingest import ingest_bytes

    ingest_bytes(db, db_settings, SEED.read_bytes(), source="seed.txt", now=NOW)
    capsys.readouterr()
    assert main(["approve", KEY, "--channel", "wechat"]) == 0
    out, err = capsys.readouterr()
    assert out == f"{KEY} wechat: auto (sent by the channel's next run)\n"  # no doubts: auto
    assert err.splitlines()[-1] == (
        f"warning: {KEY}: published over 48 h ago (stale_hours): the scheduler will not send "
        f"it; `syndicate send {KEY} --channel CHANNEL` sends it by hand"
    )
    assert main(["approve", KEY, "--channel", "fax"]) == 2
