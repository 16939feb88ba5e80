"""The worker polls HTTP sources: new issues are ingested once, failures show in status."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.service import status
from syndicate.service.worker import Worker
from syndicate.store.ingest import IngestResult
from tests.conftest import SEED
from tests.http_fixtures import Site, serve

NOW = datetime(2022, 3, 25, 1, 0, tzinfo=UTC)


def test_poll_ingests_new_issues_once_and_reports_failures(
    db: Engine, db_settings: Settings
) -> None:
    site = Site()
    site.file("/epaper/jngx-2022-03-25.txt", SEED.read_bytes())
    with serve(site):
        url = f"{site.base}/epaper/jngx-2022-03-25.txt"
        missing = f"{site.base}/epaper/none.txt"
        settings = replace(db_settings, source_allow_networks=("127.0.0.0/8",))
        paper = settings.papers[0]
        seen: list[IngestResult] = []
        worker = Worker(settings, db, {}, lambda: NOW, on_ingested=seen.append)
        assert worker.poll(paper, url) == "jngx/2022-03-25"
        assert worker.poll(paper, url) == "not modified"
        assert [r.key for r in seen] == ["jngx/2022-03-25"]
        assert worker.poll(paper, missing).startswith("error: source")
        refused = Worker(db_settings, db, {}, lambda: NOW)  # loopback not allowed
        assert "non-public address" in refused.poll(paper, url)
        failed = dict(status.collect(db, settings, NOW).failed_sources)
        assert set(failed) == {missing, url}
        assert "HTTP 404" in failed[missing] and "non-public" in failed[url]
        site.file("/epaper/none.txt", b"not an issue \x00\x01")
        assert "binary" in worker.poll(paper, missing)
        assert worker.poll(paper, missing) == "unchanged bad file"  # not re-ingested in a loop
