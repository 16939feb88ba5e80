"""Worker identity that survives containers (issue 16, item 4). Two "containers" on one
host: a worker in this pid namespace holds rows mid-send; a second process runs in a new pid
namespace (``unshare --pid``, as a container runtime starts one) with the same hostname, where
the first worker's pid does not exist. It must not take the live worker's rows (the old
hostname + pid check did, and re-sent them); it takes them once the worker's heartbeat has
stopped. In the worker's own namespace a dead pid is proof at once. Real processes, real
SQLite and PostgreSQL, nothing mocked."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from syndicate.clock import utcnow
from syndicate.config import Settings
from syndicate.store import ledger
from syndicate.store.heartbeats import STALE, pid_namespace
from syndicate.store.ingest import ingest_bytes
from syndicate.store.leases import reclaim_dead_owners
from tests.conftest import SEED
from tests.store.test_ledger_processes import procs, worker  # noqa: F401 (a fixture)

ROOT = Path(__file__).parent.parent.parent
NOW = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
UNSHARE = ["unshare", "--pid", "--fork", "--mount-proc"]

pytestmark = pytest.mark.slow


def other_container(url: str, now: datetime) -> int:
    """``reclaim`` run in a fresh pid namespace (same hostname): the rows it took back."""
    done = subprocess.run(
        [*UNSHARE, sys.executable, "-m", "tests.ledger_worker", "reclaim", url, now.isoformat()],
        capture_output=True, text=True, check=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    taken, ns = done.stdout.split()
    assert ns != pid_namespace(), "unshare did not give it a pid namespace of its own"
    return int(taken)


def holder(
    db: Engine, db_settings: Settings, url: str, started: list[subprocess.Popen[str]]
) -> tuple[str, set[int]]:
    key = ingest_bytes(db, db_settings, SEED.read_bytes(), source=SEED.name, now=NOW).key
    targets = [f"reader{i}@example.cn" for i in range(100)]
    ledger.enqueue_targets(db, channel="email", issue_key=key, targets=targets, now=NOW)
    p = worker("hold", url, NOW.isoformat(), "40")
    started.append(p)
    assert p.stdout
    return key, set(json.loads(p.stdout.readline()))


def kill(p: subprocess.Popen[str]) -> None:
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)


def test_a_container_sharing_the_hostname_never_takes_a_live_workers_rows(
    db: Engine,
    db_settings: Settings,
    db_url: str,
    procs: list[subprocess.Popen[str]],  # noqa: F811
) -> None:
    key, held = holder(db, db_settings, db_url, procs)
    assert len(held) == 40
    now = utcnow()
    assert other_container(db_url, now) == 0  # alive: its heartbeat beats
    assert ledger.counts(db)[key]["email"] == {"sending": 40, "pending": 60}
    kill(procs[0])
    assert other_container(db_url, now) == 0  # dead, but its last beat is still fresh
    assert other_container(db_url, now + STALE + timedelta(seconds=1)) == 40
    assert ledger.counts(db)[key]["email"] == {"unknown": 40, "pending": 60}


def test_in_the_same_pid_namespace_a_dead_worker_is_known_at_once(
    db: Engine,
    db_settings: Settings,
    db_url: str,
    procs: list[subprocess.Popen[str]],  # noqa: F811
) -> None:
    key, held = holder(db, db_settings, db_url, procs)
    assert reclaim_dead_owners(db, now=utcnow()) == 0  # alive
    kill(procs[0])
    assert reclaim_dead_owners(db, now=utcnow()) == 40  # not after STALE, not after the lease
    assert ledger.counts(db)[key]["email"] == {"unknown": 40, "pending": 60}
