"""Crash safety: ``syndicate send`` is SIGKILLed mid-run, then run again.

The SMTP server (aiosmtpd, recording) accepts the first messages, then takes the next ones'
data but holds its reply, so the sender has messages in flight when it dies. After the kill
the server answers at once, and a second ``syndicate send`` finishes the issue. Every
confirmed subscriber must end with exactly one ``sent`` row; a message delivered twice may
only be one that was in flight, and both copies must carry the same Message-ID.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from syndicate.config import load_settings
from tests.email_support import SECRET, addresses, rows, store_seed
from tests.smtpd import PortZeroController, Received, RecordingHandler

PEOPLE = 120
ANSWERED = 40  # messages answered before the server starts holding its replies
CONCURRENCY = 4


class GatedHandler(RecordingHandler):
    """Records every message; from the ``ANSWERED``-th on, holds the reply until opened."""

    def __init__(self) -> None:
        super().__init__()
        self.reached = threading.Event()
        self.gate = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        import asyncio

        reply = await super().handle_DATA(server, session, envelope)
        if len(self.messages) >= ANSWERED and not self.gate.is_set():
            self.reached.set()
            await asyncio.to_thread(self.gate.wait, 60)
        return reply


def run_send(env: dict[str, str]) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "syndicate", "send", "jngx/2022-03-25", "--channel", "email"]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_sigkill_mid_send_then_resume_sends_each_once(
    db: Engine, db_url: str, tmp_path: Path
) -> None:
    handler = GatedHandler()
    server = PortZeroController(handler, hostname="127.0.0.1", port=0)
    server.start()
    try:
        config = tmp_path / "syndicate.toml"
        config.write_text(
            f'email_from = "newsletter@example.org"\nemail_rate = 0.0\n'
            f"email_concurrency = {CONCURRENCY}\nemail_pool_size = 2\nemail_batch = 25\n",
            encoding="utf-8",
        )
        env = os.environ | {
            "SYNDICATE_CONFIG": str(config), "SYNDICATE_DATABASE": db_url,
            "SYNDICATE_DATA_DIR": str(tmp_path / "var"), "SYNDICATE_SECRET_KEY": SECRET,
            "SYNDICATE_SMTP": f"smtp://127.0.0.1:{server.port}",
        }  # fmt: skip
        people = addresses(PEOPLE)
        store_seed(db, load_settings(config.read_text(), env), *people)

        first = run_send(env)
        try:
            assert handler.reached.wait(60), "the sender never reached the server"
        finally:
            first.send_signal(signal.SIGKILL)
            first.communicate(timeout=30)
        assert first.returncode == -signal.SIGKILL
        at_kill = rows(db)
        before = Counter(r.state for r in at_kill.values())
        assert before["sent"] < PEOPLE and before["sending"] >= 1  # it died mid-run
        # In flight: handed to the server, but not yet committed as sent.
        in_flight = {m.rcpt[0] for m in handler.messages} & {
            a for a, r in at_kill.items() if r.state == "sending"
        }

        handler.gate.set()  # the server answers at once from now on
        second = run_send(env)
        out, err = second.communicate(timeout=120)
        assert second.returncode == 0, err
        assert f"{PEOPLE} sent, 0 failed, 0 retry, 0 unknown" in out
    finally:
        handler.gate.set()
        server.stop()

    final = rows(db)
    assert sorted(final) == people and {r.state for r in final.values()} == {"sent"}
    check_duplicates(handler.messages, in_flight=in_flight)


def check_duplicates(messages: list[Received], *, in_flight: set[str]) -> None:
    by_address: dict[str, list[str]] = {}
    for m in messages:
        by_address.setdefault(m.rcpt[0], []).append(str(m.message()["Message-ID"]))
    assert len(by_address) == PEOPLE  # nobody skipped
    twice = {a: ids for a, ids in by_address.items() if len(ids) > 1}
    assert all(len(ids) == 2 and ids[0] == ids[1] for ids in twice.values()), twice
    assert set(twice) <= in_flight  # only what was in flight went out again
    print(f"crash: {len(messages)} delivered, {len(twice)} twice, {len(in_flight)} in flight")
