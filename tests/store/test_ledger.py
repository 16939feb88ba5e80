"""The ledger's rules, one process, on both backends (processes: test_ledger_processes.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from syndicate.config import Settings
from syndicate.errors import StoreError
from syndicate.store import ledger
from syndicate.store.ingest import ingest_bytes
from syndicate.store.schema import papers, subscribers, suppressions
from tests.conftest import SEED

NOW = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)
KEY = "jngx/2022-03-25"


@pytest.fixture
def issue(db: Engine, db_settings: Settings) -> str:
    return ingest_bytes(db, db_settings, SEED.read_bytes(), source=SEED.name, now=NOW).key


def add_subscribers(db: Engine, rows: list[tuple[str, str]], paper: str = "jngx") -> None:
    with db.begin() as conn:
        pid = conn.execute(select(papers.c.id).where(papers.c.slug == paper)).scalar()
        if pid is None:
            pid = conn.execute(
                papers.insert()
                .values(slug=paper, name=paper, created_at=NOW)
                .returning(papers.c.id)
            ).scalar_one()
        conn.execute(
            subscribers.insert(),
            [{"paper_id": pid, "email": e, "status": st, "subscribed_at": NOW} for e, st in rows],
        )


def targets(db: Engine, channel: str = "email") -> list[str]:
    return [d.target for d in ledger.deliveries_of(db, channel=channel, issue_key=KEY)]


def take(db: Engine, owner: str = "w1", now: datetime = NOW, **kw: object) -> list[ledger.Claim]:
    return ledger.claim(db, channel="email", owner=owner, now=now, lease=LEASE, **kw)  # type: ignore[arg-type]


def test_enqueue_takes_confirmed_unsuppressed_subscribers_once(db: Engine, issue: str) -> None:
    add_subscribers(db, [("a@x.cn", "confirmed"), ("b@x.cn", "pending"), ("c@x.cn", "confirmed"),
                         ("d@x.cn", "unsubscribed"), ("e@x.cn", "bounced"),
                         ("f@x.cn", "confirmed")])  # fmt: skip
    add_subscribers(db, [("z@x.cn", "confirmed")], paper="other")
    with db.begin() as conn:
        conn.execute(suppressions.insert().values(email="c@x.cn", reason="complained", at=NOW))
    assert ledger.enqueue_subscribers(db, issue_key=issue, now=NOW) == 2
    assert ledger.enqueue_subscribers(db, issue_key=issue, now=NOW) == 0
    assert targets(db) == ["a@x.cn", "f@x.cn"]
    add_subscribers(db, [("g@x.cn", "confirmed")])
    assert ledger.enqueue_subscribers(db, issue_key=issue, now=NOW) == 1
    rows = ledger.deliveries_of(db, channel="email", issue_key=issue)
    assert {(d.state, d.attempts, d.provider_id) for d in rows} == {("pending", 0, None)}


def test_enqueue_targets_is_idempotent(db: Engine, issue: str) -> None:
    add = ledger.enqueue_targets
    assert add(db, channel="wechat", issue_key=issue, targets=["wx1"], now=NOW) == 1
    assert add(db, channel="wechat", issue_key=issue, targets=["wx1", "wx2"], now=NOW) == 1
    assert add(db, channel="wechat", issue_key=issue, targets=[], now=NOW) == 0
    assert targets(db, "wechat") == ["wx1", "wx2"]
    with pytest.raises(StoreError, match="'jngx/1999-01-01' is not stored"):
        add(db, channel="wechat", issue_key="jngx/1999-01-01", targets=["wx1"], now=NOW)


def test_claims_take_due_rows_in_order_and_commit_a_lease(db: Engine, issue: str) -> None:
    ledger.enqueue_targets(db, channel="email", issue_key=issue, targets="abcde", now=NOW)
    ledger.enqueue_targets(db, channel="wechat", issue_key=issue, targets=["wx"], now=NOW)
    first = take(db, limit=3)
    assert [c.target for c in first] == ["a", "b", "c"]
    assert all(c.attempts == 1 and c.issue_key == issue for c in first)
    assert [c.target for c in take(db, owner="w2", limit=10)] == ["d", "e"]
    assert take(db, owner="w3") == []
    rows = ledger.deliveries_of(db, channel="email", issue_key=issue, states=["sending"])
    assert [(d.lease_owner, d.lease_expires) for d in rows[:3]] == [("w1", NOW + LEASE)] * 3
    assert ledger.counts(db) == {issue: {"email": {"sending": 5}, "wechat": {"pending": 1}}}


def test_claims_can_be_limited_to_one_issue(db: Engine, db_settings: Settings, issue: str) -> None:
    other = SEED.read_text(encoding="utf-8").replace("2022年3月25日", "2022年4月1日")
    key2 = ingest_bytes(db, db_settings, other.encode(), source="x", now=NOW).key
    ledger.enqueue_targets(db, channel="email", issue_key=issue, targets=["a"], now=NOW)
    ledger.enqueue_targets(db, channel="email", issue_key=key2, targets=["b"], now=NOW)
    assert [c.issue_key for c in take(db, issue_key=key2)] == [key2]
    assert set(ledger.counts(db, issue_key=key2)) == {key2}


def test_a_retry_waits_for_its_time_and_a_failure_is_final(db: Engine, issue: str) -> None:
    ledger.enqueue_targets(db, channel="email", issue_key=issue, targets=["a", "b"], now=NOW)
    a, b = take(db)
    later = NOW + timedelta(minutes=10)
    assert ledger.mark_retry(db, a.id, owner="w1", now=NOW, not_before=later, error="451 busy")
    assert ledger.mark_failed(db, b.id, owner="w1", now=NOW, error="550 no such user")
    assert take(db, now=later - timedelta(seconds=1)) == []
    again = take(db, now=later)
    assert [(c.id, c.attempts, c.last_error) for c in again] == [(a.id, 2, "451 busy")]
    assert ledger.mark_sent(db, a.id, owner="w1", now=later)
    assert take(db, now=later + timedelta(days=30)) == []
    assert ledger.counts(db)[issue]["email"] == {"sent": 1, "failed": 1}


def test_only_the_lease_owner_can_mark_a_row(db: Engine, issue: str) -> None:
    ledger.enqueue_targets(db, channel="email", issue_key=issue, targets=["a"], now=NOW)
    (c,) = take(db, owner="w1")
    assert not ledger.mark_sent(db, c.id, owner="w2", now=NOW)
    assert not ledger.set_provider_id(db, c.id, owner="w2", provider_id="<x>", now=NOW)
    later = NOW + LEASE + timedelta(seconds=1)
    (c2,) = take(db, owner="w2", now=later)  # w1's lease expired: w2 takes over
    assert c2.id == c.id and c2.attempts == 2
    assert not ledger.mark_sent(db, c.id, owner="w1", now=later)
    assert ledger.mark_sent(db, c.id, owner="w2", now=later, provider_id="<m@x>")
    (d,) = ledger.deliveries_of(db, channel="email", issue_key=issue)
    assert (d.state, d.provider_id, d.sent_at, d.lease_expires) == ("sent", "<m@x>", later, None)
    assert not ledger.mark_failed(db, c.id, owner="w2", now=later, error="late")


def test_a_slow_owner_can_still_record_its_result_after_expiry(db: Engine, issue: str) -> None:
    ledger.enqueue_targets(db, channel="email", issue_key=issue, targets=["a"], now=NOW)
    (c,) = take(db)
    later = NOW + LEASE * 2
    assert ledger.expire_leases(db, now=later) == 1
    assert ledger.mark_sent(db, c.id, owner="w1", now=later)
    assert ledger.counts(db)[issue]["email"] == {"sent": 1}


def test_unknown_rows_keep_the_provider_id_for_the_resend(db: Engine, issue: str) -> None:
    ledger.enqueue_targets(db, channel="email", issue_key=issue, targets=["a", "b"], now=NOW)
    a, b = take(db)
    assert ledger.set_provider_id(db, a.id, owner="w1", provider_id="<a@x>", now=NOW)
    assert ledger.mark_unknown(db, a.id, owner="w1", now=NOW, error="timeout after DATA")
    assert ledger.mark_sent(db, b.id, owner="w1", now=NOW)
    assert take(db, owner="w2", policy="hold") == []
    (again,) = take(db, owner="w2", policy="resend")
    assert (again.id, again.provider_id, again.attempts) == (a.id, "<a@x>", 2)


def test_release_gives_back_unsent_claims_without_an_attempt(db: Engine, issue: str) -> None:
    ledger.enqueue_targets(db, channel="email", issue_key=issue, targets="abc", now=NOW)
    a, *_ = take(db)
    assert ledger.mark_sent(db, a.id, owner="w1", now=NOW)
    assert ledger.release(db, owner="w1", now=NOW) == 2
    back = take(db, owner="w2")
    assert [(c.target, c.attempts) for c in back] == [("b", 1), ("c", 1)]


def test_hold_and_resend_are_admin_switches(db: Engine, issue: str) -> None:
    ledger.enqueue_targets(db, channel="email", issue_key=issue, targets="ab", now=NOW)
    ledger.enqueue_targets(db, channel="wechat", issue_key=issue, targets=["wx"], now=NOW)
    assert ledger.hold(db, channel="email", issue_key=issue, now=NOW) == 2
    assert take(db) == []
    assert ledger.counts(db)[issue] == {"email": {"held": 2}, "wechat": {"pending": 1}}
    assert ledger.resend(db, channel="email", issue_key=issue, now=NOW) == 2
    assert len(take(db)) == 2


def test_outcomes_can_be_recorded_in_one_transaction(db: Engine, issue: str) -> None:
    ledger.enqueue_targets(db, channel="email", issue_key=issue, targets="abcd", now=NOW)
    a, b, c = take(db, limit=3)
    (x,) = take(db, owner="w2")
    outcomes = [
        ledger.Outcome(a.id, "sent", provider_id="<a>"),
        ledger.Outcome(b.id, "retry", error="421", not_before=NOW + LEASE),
        ledger.Outcome(c.id, "failed", error="554"),
        ledger.Outcome(x.id, "sent"),  # w2's row: not marked by w1
    ]
    assert ledger.record(db, outcomes, owner="w1", now=NOW) == 3
    assert ledger.record(db, outcomes, owner="w1", now=NOW) == 0  # nothing is held any more
    got = {r.target: r for r in ledger.deliveries_of(db, channel="email", issue_key=issue)}
    assert [got[t].state for t in "abcd"] == ["sent", "retry", "failed", "sending"]
    assert (got["a"].provider_id, got["a"].sent_at, got["a"].last_error) == ("<a>", NOW, None)
    assert (got["b"].not_before, got["b"].last_error, got["b"].sent_at) == (
        NOW + LEASE,
        "421",
        None,
    )
    assert (got["c"].last_error, got["c"].provider_id) == ("554", None)
    with pytest.raises(StoreError, match="cannot mark a delivery 'held'"):
        ledger.record(db, [ledger.Outcome(a.id, "held")], owner="w1", now=NOW)


def test_a_bad_policy_is_an_error(db: Engine, issue: str) -> None:
    with pytest.raises(StoreError, match="unknown_policy 'maybe'"):
        take(db, policy="maybe")


def test_owner_names_are_unique_per_call() -> None:
    assert ledger.new_owner() != ledger.new_owner()
