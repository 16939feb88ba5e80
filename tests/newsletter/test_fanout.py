"""One issue sent from several processes (``newsletter/fanout.py``) to a real aiosmtpd, on
SQLite and PostgreSQL: every reader gets one message, the helpers really send, a helper killed
mid-send loses nothing, and a stop reaches the helpers."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.newsletter.delivery import send_email
from syndicate.newsletter.fanout import ROWS_PER_PROCESS, process_count
from syndicate.newsletter.sender import IN_A_ROW, Progress
from tests.email_support import KEY, Clock, addresses, email_settings, states, store_seed_bulk
from tests.smtpd import RecordingHandler, Smtpd, serving


class SlowHandler(RecordingHandler):
    """Takes ``delay`` seconds per message, so a send lasts long enough to share out.

    Once ``HOLD_AFTER`` messages have come, it holds each further one until more than ``own``
    connections have sent one (a helper process has started sending) or ``PATIENCE`` seconds
    have passed: on a loaded machine the parent could otherwise send everything before a
    helper has even started, and the test would see no share."""

    HOLD_AFTER = 40
    PATIENCE = 30.0

    def __init__(self, delay: float) -> None:
        super().__init__()
        self.delay = delay
        #: How many connections one process has (the parent's pool size in the test).
        self.own = 4
        self.holding_since: float | None = None
        #: Client (host, port) of every connection that sent a message.
        self.peers: set[tuple[str, int]] = set()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.peers.add(session.peer)
        await asyncio.sleep(self.delay)
        while len(self.messages) >= self.HOLD_AFTER and len(self.peers) <= self.own:
            if self.holding_since is None:
                self.holding_since = time.monotonic()
            if time.monotonic() - self.holding_since > self.PATIENCE:
                break
            await asyncio.sleep(0.01)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_smtpd() -> Iterator[Smtpd]:
    with serving(SlowHandler(0.01)) as server:
        yield server


def test_process_count_follows_the_setting_and_the_due_rows() -> None:
    from syndicate.config import load_settings

    shipped = load_settings(None, {"SYNDICATE_DATA_DIR": "/nonexistent"})
    assert shipped.email_processes == 1 and process_count(shipped, 10**6) == 1
    s = replace(shipped, email_processes=0)  # one per core
    cores = os.cpu_count() or 1
    assert process_count(s, 10 * ROWS_PER_PROCESS) == min(cores, 8, 10)
    assert process_count(s, ROWS_PER_PROCESS - 1) == 1  # a small send starts nothing
    three = replace(s, email_processes=3)
    assert process_count(three, 100 * ROWS_PER_PROCESS) == 3
    assert process_count(three, 2 * ROWS_PER_PROCESS) == 2
    assert process_count(replace(s, email_processes=1), 10**6) == 1


def _send(settings: Settings, **kw: Any) -> Any:
    return send_email(settings, KEY, clock=Clock(), enqueue=True, **kw)


def test_two_processes_share_the_send_and_each_reader_gets_one_message(
    db: Engine, db_settings: Settings, slow_smtpd: Smtpd
) -> None:
    settings = email_settings(db_settings, slow_smtpd.url, email_pool_size=4,
                              email_concurrency=8, email_batch=50)  # fmt: skip
    people = addresses(400)
    store_seed_bulk(db, settings, people)
    seen: list[Progress] = []
    summary = _send(settings, processes=2, on_progress=seen.append)
    assert summary.counts == {"sent": 400} and summary.aborted is None
    parent, helper = summary.shares
    assert parent > 0 and helper > 0 and parent + helper == 400
    got = Counter(m.rcpt[0] for m in slow_smtpd.messages)
    assert sorted(got) == people and set(got.values()) == {1}
    assert set(states(db).values()) == {"sent"}
    assert seen[-1].sent == 400  # the progress counts the helper's messages too
    # each process has its own pool (of 4 here): their connections add up
    assert summary.connects is not None and 2 < summary.connects <= 8
    again = _send(settings, processes=2)
    assert again.progress.done == 0 and len(slow_smtpd.messages) == 400


def test_a_helper_killed_mid_send_loses_nothing(
    db: Engine, db_settings: Settings, slow_smtpd: Smtpd, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = email_settings(db_settings, slow_smtpd.url, email_pool_size=4,
                              email_concurrency=8, email_batch=50)  # fmt: skip
    people = addresses(400)
    store_seed_bulk(db, settings, people)
    # armed in the helper only: this process read SYNDICATE_FAILPOINTS at import
    monkeypatch.setenv("SYNDICATE_FAILPOINTS", "email.accepted@20")
    summary = _send(settings, processes=2)
    assert summary.counts == {"sent": 400} and summary.aborted is None
    got = Counter(m.rcpt[0] for m in slow_smtpd.messages)
    assert sorted(got) == people
    # resent: only what the helper had in flight or accepted but not yet committed when it
    # died (sender.py: at most its concurrency × IN_A_ROW plus one group commit)
    assert sum(got.values()) - 400 <= 8 * IN_A_ROW + 8
    assert summary.shares[1] < 20  # the helper recorded fewer than it was sent


def test_stop_reaches_the_helpers(db: Engine, db_settings: Settings, slow_smtpd: Smtpd) -> None:
    settings = email_settings(db_settings, slow_smtpd.url, email_pool_size=2,
                              email_concurrency=8, email_batch=50)  # fmt: skip
    store_seed_bulk(db, settings, addresses(1500))
    stop = threading.Event()

    handler = slow_smtpd.handler
    assert isinstance(handler, SlowHandler)
    handler.own = 2  # the parent's pool

    def progress(p: Progress) -> None:
        if len(handler.peers) > 2:  # the parent has at most 2 connections: the helper sends
            stop.set()

    t0 = time.monotonic()
    summary = _send(settings, processes=2, stop=stop, on_progress=progress)
    assert stop.is_set()
    # what was claimed but not sent is released (``retry``, due at once); nothing is left
    # ``sending``: every process finished its in-flight messages and recorded them
    left = summary.counts.get("pending", 0) + summary.counts.get("retry", 0)
    assert set(summary.counts) <= {"sent", "pending", "retry"}
    assert summary.counts.get("sent", 0) + left == 1500
    # had the helper gone on, it would have sent the rest (about 4 s at this server's pace)
    assert left > 1000 and time.monotonic() - t0 < 30
    assert summary.shares[1] > 0  # it had started
