"""The ledger under real concurrency and real crashes: worker processes, on both backends."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from syndicate.config import Settings
from syndicate.store import ledger
from syndicate.store.ingest import ingest_bytes
from syndicate.store.schema import deliveries
from tests.conftest import SEED

ROOT = Path(__file__).parent.parent.parent
NOW = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
KEY = "jngx/2022-03-25"

pytestmark = pytest.mark.slow


def worker(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.ledger_worker", *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def issue(db: Engine, db_settings: Settings) -> str:
    return ingest_bytes(db, db_settings, SEED.read_bytes(), source=SEED.name, now=NOW).key


@pytest.fixture
def procs() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for p in started:
        if p.poll() is None:
            p.kill()
        p.wait()
        for f in (p.stdin, p.stdout):
            if f:
                f.close()


def test_two_workers_claim_every_row_exactly_once(
    db: Engine, db_url: str, issue: str, procs: list[subprocess.Popen[str]]
) -> None:
    targets = [f"reader{i}@example.cn" for i in range(10_000)]
    assert ledger.enqueue_targets(db, channel="email", issue_key=issue, targets=targets, now=NOW)
    procs += [worker("drain", db_url, NOW.isoformat(), "100") for _ in range(2)]
    for p in procs:
        assert p.stdout and p.stdout.readline().strip() == "ready"
    for p in procs:
        assert p.stdin
        p.stdin.write("go\n")
        p.stdin.flush()
    claimed = []
    for p in procs:
        out, _ = p.communicate(timeout=120)
        assert p.returncode == 0
        claimed.append(json.loads(out))
    a, b = set(claimed[0]), set(claimed[1])
    assert len(a) == len(claimed[0]) and len(b) == len(claimed[1])  # no repeats within one
    assert not a & b, f"{len(a & b)} rows were handed to both workers"
    assert len(a | b) == 10_000
    if db.dialect.name == "postgresql":
        # SKIP LOCKED lets both progress at once. (SQLite's write lock is not fair: a worker
        # can win every BEGIN IMMEDIATE while the other waits, so there either may get all.)
        assert a and b, "one worker got nothing: the test did not exercise concurrency"
    with db.connect() as conn:
        q = select(deliveries.c.state, func.count()).group_by(deliveries.c.state)
        states = {state: n for state, n in conn.execute(q)}
        max_attempts = conn.execute(select(func.max(deliveries.c.attempts))).scalar()
    assert states == {"sent": 10_000}
    assert max_attempts == 1


def _killed_holder(
    db: Engine, db_url: str, issue: str, procs: list[subprocess.Popen[str]]
) -> set[int]:
    """Enqueue 100 rows; a worker claims 40 of them and is SIGKILLed mid-send."""
    targets = [f"reader{i}@example.cn" for i in range(100)]
    ledger.enqueue_targets(db, channel="email", issue_key=issue, targets=targets, now=NOW)
    p = worker("hold", db_url, NOW.isoformat(), "40")
    procs.append(p)
    assert p.stdout
    held = set(json.loads(p.stdout.readline()))
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)
    assert p.returncode == -signal.SIGKILL
    assert len(held) == 40
    return held


def _drain(db: Engine, now: datetime, policy: str) -> dict[int, ledger.Claim]:
    owner = ledger.new_owner()
    got: dict[int, ledger.Claim] = {}
    lease = timedelta(minutes=5)
    while cs := ledger.claim(
        db, channel="email", owner=owner, now=now, lease=lease, limit=7, policy=policy
    ):
        for c in cs:
            assert c.id not in got
            got[c.id] = c
            assert ledger.mark_sent(db, c.id, owner=owner, now=now, provider_id=c.provider_id)
    return got


def test_killed_worker_rows_are_resent_with_the_same_provider_id(
    db: Engine, db_url: str, issue: str, procs: list[subprocess.Popen[str]]
) -> None:
    held = _killed_holder(db, db_url, issue, procs)
    # Before the lease expires, nobody else may take the dead worker's rows.
    early = _drain(db, NOW + timedelta(minutes=1), "resend")
    assert not held & early.keys() and len(early) == 60
    later = NOW + timedelta(minutes=6)
    assert ledger.counts(db)[issue]["email"] == {"sending": 40, "sent": 60}
    assert ledger.expire_leases(db, now=later) == 40
    assert ledger.counts(db)[issue]["email"] == {"unknown": 40, "sent": 60}
    resent = _drain(db, later, "resend")
    assert resent.keys() == held
    assert all(c.attempts == 2 and c.provider_id == f"<{c.id}@t>" for c in resent.values())
    assert ledger.counts(db)[issue]["email"] == {"sent": 100}


def test_killed_worker_rows_wait_for_the_admin_under_hold(
    db: Engine, db_url: str, issue: str, procs: list[subprocess.Popen[str]]
) -> None:
    held = _killed_holder(db, db_url, issue, procs)
    later = NOW + timedelta(minutes=6)
    # claim() expires the leases itself; under "hold" the unknown rows are not taken.
    others = _drain(db, later, "hold")
    assert len(others) == 60 and not held & others.keys()
    assert ledger.counts(db)[issue]["email"] == {"unknown": 40, "sent": 60}
    assert ledger.resend(db, channel="email", issue_key=issue, now=later) == 40
    resent = _drain(db, later, "hold")
    assert resent.keys() == held
    assert all(c.provider_id == f"<{c.id}@t>" for c in resent.values())
    assert ledger.counts(db)[issue]["email"] == {"sent": 100}
