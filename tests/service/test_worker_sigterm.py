"""SIGTERM stops `syndicate run` cleanly: the message in flight finishes, nothing new starts,
unsent claims go back to the ledger, and the next run sends the rest exactly once."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.newsletter.subscribers import add
from syndicate.store import ledger
from syndicate.store.ingest import ingest_bytes
from tests.conftest import SEED
from tests.smtpd import PortZeroController, Received

NOW = datetime(2022, 3, 25, 1, 0, tzinfo=UTC)
CONFIG = """
data_dir = "{data}"
email_rate = 0.0
email_concurrency = 1
email_pool_size = 1
email_batch = 4
[[papers]]
slug = "jngx"
name = "济宁高新新闻"
stale_hours = 10000000
[papers.schedules]
wechat = "off"
email = "on-ingest"
"""


class GatedHandler:
    """Takes messages, but holds the reply to the first DATA until ``gate`` is set."""

    def __init__(self) -> None:
        self.messages: list[Received] = []
        self.in_data = threading.Event()
        self.gate = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.in_data.set()
        await asyncio.to_thread(self.gate.wait, 60)
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), b""))
        return "250 2.0.0 Ok"


@pytest.fixture
def gated() -> Iterator[tuple[GatedHandler, str]]:
    handler = GatedHandler()
    controller = PortZeroController(handler, hostname="127.0.0.1", port=0)
    controller.start()
    try:
        yield handler, f"smtp://127.0.0.1:{controller.port}"
    finally:
        handler.gate.set()
        controller.stop()


def readline_until(proc: subprocess.Popen[str], needle: str) -> list[str]:
    assert proc.stdout is not None
    lines: list[str] = []
    for line in proc.stdout:
        lines.append(line)
        if needle in line:
            return lines
    raise AssertionError(f"{needle!r} never printed: {lines}")


@pytest.mark.slow
def test_sigterm_finishes_the_send_in_flight_and_releases_the_rest(
    db: Engine, db_url: str, db_settings: Settings, gated: tuple[GatedHandler, str], tmp_path: Path
) -> None:
    handler, smtp = gated
    ingest_bytes(db, db_settings, SEED.read_bytes(), source=SEED.name, now=NOW)
    readers = [f"r{n}@example.com" for n in range(10)]
    for r in readers:
        add(db, db_settings.paper(None), r, name=None, confirmed=True, now=NOW)
    config = tmp_path / "syndicate.toml"
    config.write_text(CONFIG.format(data=tmp_path / "var"), encoding="utf-8")
    env = {**os.environ, "SYNDICATE_CONFIG": str(config), "SYNDICATE_DATABASE": db_url,
           "SYNDICATE_SMTP": smtp, "SYNDICATE_SECRET_KEY": "k" * 32}  # fmt: skip
    cmd = [sys.executable, "-m", "syndicate", "run", "--no-web"]
    proc = subprocess.Popen(cmd, env=env, cwd=tmp_path, stdout=subprocess.PIPE, text=True)
    try:
        assert handler.in_data.wait(60), "the worker never sent"
        proc.send_signal(signal.SIGTERM)
        readline_until(proc, "stopping (SIGTERM)")
        handler.gate.set()  # the message in flight gets its 250 now
        out, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and "syndicate: stopped" in out
    assert len(handler.messages) == 1
    rows = ledger.deliveries_of(db, channel="email", issue_key="jngx/2022-03-25")
    states = Counter(r.state for r in rows)
    # the one in flight is sent; every other row is due again at once, none left leased
    assert states["sent"] == 1 and states["pending"] + states["retry"] == 9, states
    assert all(r.attempts == 0 for r in rows if r.state != "sent")
    assert all(r.not_before is None or r.not_before <= datetime.now(UTC) for r in rows)

    done = subprocess.run([*cmd[:4], "--once"], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    got = Counter(m.rcpt[0] for m in handler.messages)
    assert sorted(got) == readers and set(got.values()) == {1}
