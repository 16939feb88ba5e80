"""``email_rate`` is one rate for every worker: separate processes on one PostgreSQL database
together send at most that many messages a second (store/pace.py), to a real aiosmtpd that
notes when each message arrives."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.store import ledger
from syndicate.store.engine import open_engine, upgrade
from syndicate.store.pace import SKEW, reserve
from tests.email_support import KEY, T0, addresses, email_settings, store_seed_bulk
from tests.smtpd import PortZeroController, RecordingHandler

RATE, N, WORKERS = 30, 60, 2


class TimedHandler(RecordingHandler):
    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.times.append(time.monotonic())
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def timed_smtpd() -> Iterator[tuple[TimedHandler, int]]:
    handler = TimedHandler()
    controller = PortZeroController(handler, hostname="127.0.0.1", port=0)
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()


def most_in_one_second(times: list[float]) -> int:
    times = sorted(times)
    return max(sum(1 for u in times[i:] if u - t < 1.0) for i, t in enumerate(times))


@pytest.mark.slow
def test_workers_in_separate_processes_share_one_rate(
    pg_url: str, tmp_path: Path, timed_smtpd: tuple[TimedHandler, int]
) -> None:
    handler, port = timed_smtpd
    engine = open_engine(pg_url)
    upgrade(engine)
    env = {"SYNDICATE_DATA_DIR": str(tmp_path), "SYNDICATE_DATABASE": pg_url}
    from syndicate.config import load_settings

    settings = email_settings(load_settings(None, env))
    store_seed_bulk(engine, settings, addresses(N))
    ledger.enqueue_subscribers(engine, issue_key=KEY, now=T0)
    engine.dispose()
    cmd = [sys.executable, "-m", "tests.pace_worker", pg_url, f"smtp://127.0.0.1:{port}",
           str(RATE), str(tmp_path)]  # fmt: skip
    procs = [subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
             for _ in range(WORKERS)]  # fmt: skip
    try:
        for p in procs:
            assert p.stdout is not None and p.stdout.readline().strip() == "ready"
        for p in procs:
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        results = [json.loads(p.communicate(timeout=60)[0].strip().splitlines()[-1])
                   for p in procs]  # fmt: skip
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    assert all(r["aborted"] is None for r in results)
    assert all(r["sent"] > 0 for r in results) and sum(r["sent"] for r in results) == N
    assert Counter(m.rcpt[0] for m in handler.messages) == Counter(addresses(N))
    # Two workers, one rate: the whole takes N / RATE seconds, and no second holds much over
    # RATE (each paced alone they would send 2 * RATE a second and be done in N / RATE / 2 s).
    # The margin is for the arrival times, taken on a shared machine by a thread of this
    # process: a stall here delivers a few on-time messages together.
    assert most_in_one_second(handler.times) <= RATE * 1.5
    assert max(handler.times) - min(handler.times) >= (N - 1) / RATE * 0.8


def test_reservations_follow_each_other_and_never_start_in_the_past(
    db: Engine, db_settings: Settings
) -> None:
    assert reserve(db, rate=10, count=5, now=1000.0) == 1000.0
    assert reserve(db, rate=10, count=5, now=1000.1) == 1000.5  # after the first five
    assert reserve(db, rate=10, count=5, now=2000.0) == 2000.0  # idle time earns no burst
    assert reserve(db, rate=10, count=5, now=2000.0, key="other") == 2000.0
    # A schedule written by a clock far ahead is not waited for.
    assert reserve(db, rate=10, count=5, now=2000.0 - SKEW - 10) == 2000.0 - SKEW - 10
