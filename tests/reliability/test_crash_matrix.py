"""The crash matrix (issue 8): SIGKILL the worker at each point, restart it, lose nothing.

Each case starts the real worker, ``syndicate run --once`` in a subprocess, with one failpoint
armed (``syndicate/failpoints.py``: the process SIGKILLs itself exactly there), checks what
the crash left, then runs the worker again without it and checks that:

- no issue, subscriber or delivery is lost: one issue, one revision, every subscriber one
  ``sent`` row, the feed complete;
- no feed or page is ever half-written (every published file parses; the temp file a killed
  publisher left is swept on restart);
- a message goes out twice only where the protocol forces it (accepted by the server, killed
  before the ``sent`` commit), and then with the same Message-ID; a WeChat draft is never
  made twice (the restart finds it by title and 阅读原文 URL and records its media_id).

Email and WeChat cases run on SQLite and PostgreSQL; ingest and publishing cases on SQLite
(they share one code path; the ledger is where the backends differ).
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from sqlalchemy import Engine

from syndicate.config import load_settings
from syndicate.newsletter.subscribers import add
from syndicate.store.engine import open_engine, upgrade
from tests.reliability.harness import KEY, Deployment, message_ids, public_files_whole
from tests.smtpd import Smtpd
from tests.wechat_server import serve

KILLED = -signal.SIGKILL
READERS = [f"reader{n:02d}@example.com" for n in range(30)]


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    url = f"sqlite:///{tmp_path / 'syndicate.db'}"
    engine = open_engine(url)
    upgrade(engine)
    try:
        yield url, engine
    finally:
        engine.dispose()


def subscribe(d: Deployment, readers: list[str]) -> None:
    settings = load_settings(None, d.env | {"SYNDICATE_DATA_DIR": str(d.data)})
    from datetime import UTC, datetime

    for r in readers:
        add(d.db, settings.paper("jngx"), r, name=None, confirmed=True, now=datetime.now(UTC))


def feed_entries(d: Deployment) -> int:
    feed = feedparser.parse(str(d.public / "jngx" / "feeds" / "atom.xml"))
    assert feed.bozo == 0
    return len(feed.entries)


#: point -> what the crash leaves: (issues, revisions) stored, the file still in the inbox,
#: temp files left beside the public files.
INGEST_POINTS = {
    "ingest.parse": ((0, 0), True, 0),
    "ingest.store": ((0, 0), True, 0),
    "ingest.stored": ((1, 1), True, 0),
    "publish.rename@3": ((1, 1), False, 1),
    "publish.recorded": ((1, 1), False, 0),
}


@pytest.mark.slow
@pytest.mark.parametrize("point", INGEST_POINTS)
def test_killed_while_ingesting_or_publishing(
    point: str, tmp_path: Path, sqlite_db: tuple[str, Engine], smtpd: Smtpd
) -> None:
    d = Deployment(tmp_path, sqlite_db[0], sqlite_db[1], smtpd.url)
    subscribe(d, READERS[:3])
    dropped = d.drop_seed()

    first = d.run(point)
    assert first.returncode == KILLED, first.stderr
    stored, still_in_inbox, temps = INGEST_POINTS[point]
    assert d.counts() == stored
    assert dropped.exists() is still_in_inbox
    assert len(public_files_whole(d.public)) == temps  # whole files only, maybe a temp
    assert smtpd.messages == []

    second = d.run()
    assert second.returncode == 0, second.stderr
    assert d.counts() == (1, 1) and not dropped.exists()
    assert (d.inbox / "processed" / dropped.name).exists()
    assert public_files_whole(d.public) == []  # the temp file was swept
    assert feed_entries(d) == 9
    assert (d.public / "jngx" / "2022-03-25" / "index.html").exists()
    assert sorted(m.rcpt[0] for m in smtpd.messages) == READERS[:3]
    assert {r.state for r in d.rows().values()} == {"sent"}


#: point -> (messages the server has when the worker dies, a duplicate is forced)
EMAIL_POINTS = {
    "ledger.claim@2": (None, False),  # the second batch's claim, not committed
    "email.claimed": (0, False),  # every row claimed in one batch and committed
    "email.mid_data@5": (4, False),  # half of the fifth message on the wire
    "email.accepted@5": (5, True),  # the fifth accepted (250), its sent mark not committed
}


@pytest.mark.slow
@pytest.mark.parametrize("point", EMAIL_POINTS)
def test_killed_while_sending_email(
    point: str, tmp_path: Path, db: Engine, db_url: str, smtpd: Smtpd
) -> None:
    batch = len(READERS) if point == "email.claimed" else 10  # then no row is left pending
    d = Deployment(tmp_path, db_url, db, smtpd.url, batch=batch)
    subscribe(d, READERS)
    d.drop_seed()

    first = d.run(point)
    assert first.returncode == KILLED, first.stderr
    at_kill = d.rows()
    delivered = {m.rcpt[0] for m in smtpd.messages}
    in_flight = {a for a, r in at_kill.items() if r.state == "sending"} & delivered
    expected, forced = EMAIL_POINTS[point]
    if expected is not None:
        assert len(smtpd.messages) == expected
    if point.startswith("ledger.claim"):  # the second claim rolled back: batch two is pending
        assert sum(r.state == "pending" for r in at_kill.values()) == len(READERS) - d.batch
    if point == "email.claimed":
        assert sum(r.state == "sending" for r in at_kill.values()) == d.batch

    second = d.run()
    assert second.returncode == 0, second.stderr
    final = d.rows()
    assert sorted(final) == READERS and {r.state for r in final.values()} == {"sent"}
    copies = message_ids(smtpd.messages)
    assert sorted(copies) == READERS  # nobody skipped
    for address, ids in copies.items():
        assert len(set(ids)) == 1, (address, ids)  # a copy carries the same Message-ID
        if len(ids) > 1:  # only a message the server had taken before the kill went twice
            assert address in in_flight and len(ids) == 2, (address, ids, in_flight)
    twice = [a for a, ids in copies.items() if len(ids) > 1]
    if forced:
        assert twice, "the accepted-but-unrecorded message must be resent"
    print(f"{point}: {len(smtpd.messages)} delivered, {len(twice)} twice (in flight)")


@pytest.mark.slow
def test_killed_after_draft_add_before_the_media_id_is_recorded(
    tmp_path: Path, db: Engine, db_url: str, smtpd: Smtpd
) -> None:
    with serve() as server:
        d = Deployment(tmp_path, db_url, db, smtpd.url, wechat_api=server.api_base, email="off")
        d.drop_seed()

        first = d.run("wechat.drafted")
        assert first.returncode == KILLED, first.stderr
        [made] = server.state.drafts
        [row] = d.rows("wechat").values()
        assert (row.state, row.provider_id) == ("sending", None)  # the ledger never heard

        second = d.run()
        assert second.returncode == 0, second.stderr
        assert "wechat: 1 sent" in second.stdout
        [row] = d.rows("wechat").values()
        assert (row.state, row.provider_id, row.attempts) == ("sent", made, 2)
        assert list(server.state.drafts) == [made]
        assert len(server.state.calls_to("draft/add")) == 1
        assert len(server.state.calls_to("draft/batchget")) == 1  # found, not made again
    assert d.counts() == (1, 1) and row.issue_key == KEY
