"""Bounded everywhere (issue 16, item 9): each input a stranger or a careless upload can grow
has a documented limit, and here a test at the limit + 1 (and at the limit where that is
cheap): request bodies, request headers, inbox files, source downloads, CSV imports, feed
sizes and the uploads the inbox follows at once. (The served-file cache is bounded in the
web service's file cache; docs/reliability.md lists every limit.)"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.errors import SourceError
from syndicate.feeds import atom
from syndicate.newsletter.subscriber_csv import MAX_FIELD, import_csv
from syndicate.newsletter.subscribers import list_subscribers
from syndicate.service import inbox
from syndicate.service.sources import fetch, networks
from syndicate.web.limits import MAX_BODY, MAX_HEADER_BYTES, MAX_HEADERS, BodyLimit, HeaderLimit
from tests.feed_support import SITE, seed_edition
from tests.http_fixtures import Site, serve

NOW = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)


async def call(app: Any, headers: list[tuple[bytes, bytes]], body: bytes = b"") -> int:
    """One raw ASGI request through ``app``; the response status."""
    sent: list[dict[str, Any]] = []
    chunks = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive() -> dict[str, Any]:
        return chunks.pop(0) if chunks else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "headers": headers}
    await app(scope, receive, send)
    return int(sent[0]["status"])


async def reads_all(scope: Any, receive: Any, send: Any) -> None:
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


@pytest.mark.parametrize(("size", "status"), [(MAX_BODY, 200), (MAX_BODY + 1, 413)])
async def test_request_body(size: int, status: int) -> None:
    declared = [(b"content-length", str(size).encode())]
    assert await call(BodyLimit(reads_all), declared, b"x" * size) == status
    assert await call(BodyLimit(reads_all), [], b"x" * size) == status  # no length declared


def padded(total: int) -> list[tuple[bytes, bytes]]:
    """One header whose name and value are ``total`` bytes together."""
    return [(b"x-pad", b"v" * (total - len(b"x-pad")))]


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        (padded(MAX_HEADER_BYTES), 200),
        (padded(MAX_HEADER_BYTES + 1), 431),
        ([(b"x-%d" % i, b"1") for i in range(MAX_HEADERS)], 200),
        ([(b"x-%d" % i, b"1") for i in range(MAX_HEADERS + 1)], 431),
    ],
)
async def test_request_headers(headers: list[tuple[bytes, bytes]], status: int) -> None:
    assert await call(HeaderLimit(reads_all), headers) == status


def test_an_inbox_file_over_the_limit_is_filed_as_failed(db: Engine, db_settings: Settings) -> None:
    box = inbox.Inbox(db_settings, db, settle=0.0)
    db_settings.inbox_dir.mkdir(parents=True)
    big = db_settings.inbox_dir / "2022-03-25.txt"
    with big.open("wb") as f:
        f.truncate(inbox.MAX_BYTES + 1)  # sparse: costs no disk
    assert box.scan(NOW) == []  # first seen: its size is noted
    [filed] = box.scan(NOW)  # unchanged since: taken, and refused by its size
    assert filed.error == "the file is over 50 MiB; is it an issue?"
    assert filed.moved_to.parent.name == "failed" and not big.exists()


def test_the_inbox_follows_at_most_max_uploads_at_once(db: Engine, db_settings: Settings) -> None:
    many = {db_settings.inbox_dir / f"upload-{i}.txt" for i in range(inbox.MAX_UPLOADS + 1)}
    written, renamed = inbox.Inbox(db_settings, db), inbox.Inbox(db_settings, db)
    written.note(set(), many, at=NOW.timestamp())  # being written in place
    renamed.note(many, set(), at=NOW.timestamp())  # renamed in whole
    assert written.following() == renamed.following() == inbox.MAX_UPLOADS


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    s.file("/at.txt", b"x" * 4096)
    s.file("/over.txt", b"x" * 4097)
    with serve(s) as running:
        yield running


def test_source_download(site: Site) -> None:
    allow = networks(["127.0.0.0/8"])
    assert fetch(f"{site.base}/at.txt", allow_networks=allow, max_bytes=4096).body == b"x" * 4096
    with pytest.raises(SourceError, match="4097 bytes is over the 4096 cap"):
        fetch(f"{site.base}/over.txt", allow_networks=allow, max_bytes=4096)


def test_csv_import_rows(db: Engine, db_settings: Settings) -> None:
    rows = "".join(f"r{i}@example.com,读者{i}\n" for i in range(4))
    report = import_csv(db, db_settings, io.StringIO("email,name\n" + rows), now=NOW, max_rows=3)
    assert report.added == 3
    assert report.rejected == [(5, "more than 3 rows; split the file (the import stops here)")]


def test_csv_import_field(db: Engine, db_settings: Settings) -> None:
    note, over = "注" * MAX_FIELD, "注" * (MAX_FIELD + 1)  # a column the import does not use
    text = f"email,note\na@example.com,{note}\nb@example.com,{over}\nc@example.com,\n"
    report = import_csv(db, db_settings, io.StringIO(text), now=NOW)
    [(line, why)] = report.rejected
    assert line == 3 and why.startswith("not CSV: field larger than field limit (131072)")
    assert [s.email for s in list_subscribers(db)] == ["a@example.com"]


def test_feed_size() -> None:
    stories = seed_edition().stories()
    full = atom.render_paper_feed(SITE, stories, newest_archive=None)
    at = atom.render_paper_feed(SITE, stories, newest_archive=None,
                                budget=atom.Budget(max_bytes=len(full)))  # fmt: skip
    assert at == full
    over = atom.render_paper_feed(SITE, stories, newest_archive=None,
                                  budget=atom.Budget(max_bytes=len(full) - 1))  # fmt: skip
    assert len(over) <= len(full) - 1 and over.count(b"<entry") < full.count(b"<entry")


def test_the_limits_are_documented() -> None:
    doc = (Path(__file__).parent.parent.parent / "docs" / "reliability.md").read_text("utf-8")
    for words in ("64 KiB", "16 KiB", "100 header", "50 MiB", "source_max_bytes",
                  "1,000,000 rows", "131,072", "feed_max_bytes", "256"):  # fmt: skip
        assert words in doc, f"docs/reliability.md does not name the limit {words!r}"
