"""``syndicate run``'s parts side by side: the inbox reacts to file events, and a newsletter
being sent never holds up an ingest or its feed (on SQLite and PostgreSQL).

These wait on real threads and a real file watcher, so they poll with a deadline; what they
assert is an order of events (taken before / after, published while sending), not a speed.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.newsletter.subscribers import add
from syndicate.service.inbox import Inbox
from syndicate.service.loops import watch_inbox
from syndicate.service.run import Service, build_worker
from tests.conftest import SEED

pytestmark = pytest.mark.slow


def until(what: Callable[[], bool], timeout: float = 20.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if what():
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def watched(db: Engine, db_settings: Settings) -> Iterator[tuple[Inbox, Path]]:
    """A real Inbox watched by the real watcher (file events), settle time 1.5 s."""
    inbox = Inbox(db_settings, db, settle=1.5)
    folder = db_settings.inbox_dir
    stop = threading.Event()
    thread = threading.Thread(
        target=watch_inbox,
        args=(inbox, [folder], lambda: inbox.scan(datetime.now(UTC)), stop),
        kwargs={"polling": False},
        daemon=True,
    )
    thread.start()
    assert until(folder.exists)
    try:
        yield inbox, folder
    finally:
        stop.set()
        thread.join(timeout=10)


def test_a_renamed_file_is_taken_before_a_written_one_settles(
    watched: tuple[Inbox, Path], tmp_path: Path
) -> None:
    _, folder = watched
    processed = folder / "processed"
    # written in place, in two parts: it must wait for 1.5 s of quiet after the last write
    slow = folder / "slow.txt"
    data = SEED.read_bytes()
    with open(slow, "wb") as f:
        f.write(data[:300])
        f.flush()
        os.fsync(f.fileno())
        # meanwhile a whole file is renamed in (an upload done the right way)
        staging = tmp_path / "whole.txt"
        staging.write_bytes(data.replace("组织召开了全".encode(), b"X", 1))
        os.replace(staging, folder / "whole.txt")
        # the slow upload goes on, a byte every 0.2 s (well inside the settle time), for as
        # long as taking the whole file lasts: on a loaded machine that can outlast 1.5 s
        upto = 300

        def trickle() -> bool:
            nonlocal upto
            if (processed / "whole.txt").exists():
                return True
            f.write(data[upto : upto + 1])
            f.flush()
            upto += 1
            time.sleep(0.19)
            return False

        assert until(trickle, timeout=60)
        assert slow.exists() and not (processed / "slow.txt").exists()
        f.write(data[upto:])
    written = time.monotonic()
    assert until(lambda: (processed / "slow.txt").exists())
    assert time.monotonic() - written >= 1.0  # not before it had been quiet for its settle


def test_upload_names_wait_until_renamed(watched: tuple[Inbox, Path]) -> None:
    _, folder = watched
    for name in (".seed.txt", "seed.txt.tmp", "seed.txt.part", "control.txt"):
        (folder / name).write_bytes(SEED.read_bytes())
    # control.txt was written in place at the same moment: once it is taken, the settle time
    # has passed for all of them, and the upload names must still be waiting
    assert until(lambda: (folder / "processed" / "control.txt").exists())
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == [
        ".seed.txt",
        "seed.txt.part",
        "seed.txt.tmp",
    ]
    os.replace(folder / "seed.txt.part", folder / "seed.txt")
    assert until(lambda: (folder / "processed" / "seed.txt").exists())


def test_an_ingest_is_published_while_a_newsletter_is_going_out(
    db: Engine, db_settings: Settings
) -> None:
    """Email on ingest to 60 subscribers at 10 messages/s (6 s of sending, to the Maildir
    outbox): a second issue dropped during the send is in the feed before the send ends."""
    paper = replace(db_settings.papers[0], stale_hours=200_000)
    paper = replace(paper, schedules=replace(paper.schedules, email="on-ingest"))
    settings = replace(db_settings, papers=(paper,), email_rate=10.0)
    now = datetime.now(UTC)
    for i in range(60):
        add(db, paper, f"reader{i}@example.com", name=None, confirmed=True, now=now)
    outbox = settings.outbox_dir / "new"
    feed = settings.public_dir / "jngx" / "feeds" / "atom.xml"

    def sent() -> int:
        return len(list(outbox.iterdir())) if outbox.exists() else 0

    with httpx.Client() as http:
        service = Service(settings, build_worker(settings, http, lambda: datetime.now(UTC)))
        service.start()
        try:
            (settings.inbox_dir / "a.txt").write_bytes(SEED.read_bytes())
            os.utime(settings.inbox_dir / "a.txt", (0, 0))  # long settled
            assert until(lambda: sent() >= 5)  # the newsletter is going out
            second = SEED.read_text(encoding="utf-8").replace("2022年3月25日", "2022年3月26日")
            second = second.replace("总第627期", "总第628期").replace("第22期", "第23期")
            staging = settings.data_dir / "b.txt"
            staging.write_text(second, encoding="utf-8")
            os.replace(staging, settings.inbox_dir / "b.txt")
            assert until(lambda: feed.exists() and "2022-03-26" in feed.read_text("utf-8"))
            assert sent() < 60  # published while the send was still running
            assert until(lambda: sent() == 60, timeout=60)
        finally:
            service.shutdown()
