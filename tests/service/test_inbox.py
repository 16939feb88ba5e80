"""The inbox: settled files are ingested and filed; bad ones go to failed/ with the reason."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import Engine, func, select

from syndicate.config import PaperConfig, Settings
from syndicate.service.inbox import Inbox, failed_files
from syndicate.store.ingest import IngestResult
from syndicate.store.schema import issue_revisions, issues
from tests.conftest import SEED

NOW = datetime(2022, 3, 25, 1, 0, tzinfo=UTC)


def count(db: Engine, table: object) -> int:
    with db.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def drop(folder: os.PathLike[str] | str, name: str, data: bytes, mtime: float) -> None:
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(data)
    os.utime(path, (mtime, mtime))


def test_settled_file_is_ingested_once_and_filed(db: Engine, db_settings: Settings) -> None:
    seen: list[IngestResult] = []
    inbox = Inbox(db_settings, db, on_ingested=seen.append)
    db_settings.inbox_dir.mkdir(parents=True)
    drop(db_settings.inbox_dir, "seed.txt", SEED.read_bytes(), NOW.timestamp() - 60)
    filed = inbox.scan(NOW)
    assert [f.result.key for f in filed if f.result] == ["jngx/2022-03-25"]
    assert filed[0].moved_to == db_settings.inbox_dir / "processed" / "seed.txt"
    assert [r.key for r in seen] == ["jngx/2022-03-25"]
    assert inbox.scan(NOW) == [] and count(db, issues) == 1
    # the same file dropped again: filed, no new revision, no publish callback
    drop(db_settings.inbox_dir, "seed.txt", SEED.read_bytes(), NOW.timestamp() - 60)
    again = inbox.scan(NOW)
    assert again[0].result and not again[0].result.changed
    assert again[0].moved_to.name.startswith("seed.2022") and len(seen) == 1
    assert count(db, issue_revisions) == 1


def test_a_file_still_being_written_waits(db: Engine, db_settings: Settings) -> None:
    inbox = Inbox(db_settings, db)
    db_settings.inbox_dir.mkdir(parents=True)
    drop(db_settings.inbox_dir, "seed.txt", SEED.read_bytes()[:500], NOW.timestamp())
    assert inbox.scan(NOW) == []  # fresh, and not seen before
    drop(db_settings.inbox_dir, "seed.txt", SEED.read_bytes(), NOW.timestamp())
    assert inbox.scan(NOW) == []  # it grew since the last scan
    filed = inbox.scan(NOW)  # unchanged for one scan: settled
    assert filed and filed[0].result and filed[0].result.articles == 9


def test_bad_file_goes_to_failed_once(db: Engine, db_settings: Settings) -> None:
    inbox = Inbox(db_settings, db)
    db_settings.inbox_dir.mkdir(parents=True)
    drop(db_settings.inbox_dir, "scan.pdf", b"%PDF-1.4\x00\x01binary", NOW.timestamp() - 60)
    drop(db_settings.inbox_dir, "upload.txt.part", b"half", NOW.timestamp() - 60)
    filed = inbox.scan(NOW)
    assert len(filed) == 1 and filed[0].error and "binary" in filed[0].error
    failed = db_settings.inbox_dir / "failed" / "scan.pdf"
    assert failed.exists()
    note = failed.with_name("scan.pdf.error.txt").read_text("utf-8")
    assert note.startswith("error: scan.pdf: ") and note.count("\n") == 1
    assert inbox.scan(NOW) == []  # never retried in a loop
    assert [(p.name, why.split(":")[1].strip()) for p, why in failed_files(db_settings)] == [
        ("scan.pdf", "scan.pdf")
    ]
    assert count(db, issues) == 0


def test_each_paper_has_its_own_inbox(db: Engine, db_settings: Settings) -> None:
    second = PaperConfig(slug="rmrb", name="人民日报")
    settings = replace(db_settings, papers=(*db_settings.papers, second))
    inbox = Inbox(settings, db)
    (settings.inbox_dir / "rmrb").mkdir(parents=True)
    corpus = SEED.parent / "rmrb_2025-01-03_p06-07-10-11_PeopleDailyMaterial.txt"
    drop(settings.inbox_dir / "rmrb", corpus.name, corpus.read_bytes(), NOW.timestamp() - 60)
    filed = inbox.scan(NOW)
    assert [f.result.key for f in filed if f.result] == ["rmrb/2025-01-03"]
