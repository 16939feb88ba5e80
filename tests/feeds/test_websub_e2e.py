"""WebSub end to end: ``syndicate ingest`` (a process) queues the pings and returns without
contacting the hub; ``syndicate run`` (another process, later) sends them. The queue lives in
the database, so the pings outlive the process that queued them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from syndicate.config import load_settings
from syndicate.feeds.websub import pending
from syndicate.store.engine import ensure_schema
from tests.conftest import SEED
from tests.feeds.test_websub import local_hub

CONFIG = """
data_dir = "{data}"
websub_hubs = ["{hub}"]
[[papers]]
slug = "jngx"
name = "济宁高新新闻"
[papers.schedules]
atom = "on-ingest"
wechat = "off"
email = "off"
"""


@pytest.mark.slow
def test_ingest_queues_and_the_service_sends_later(tmp_path: Path) -> None:
    with local_hub() as hub:
        config = tmp_path / "syndicate.toml"
        text = CONFIG.format(data=tmp_path / "var", hub=hub.url)
        config.write_text(text, encoding="utf-8")
        env = {**os.environ, "SYNDICATE_CONFIG": str(config), "PYTHONUNBUFFERED": "1"}
        env.pop("SYNDICATE_DATABASE", None)
        syndicate = [sys.executable, "-m", "syndicate"]
        ingest = subprocess.run(
            [*syndicate, "ingest", str(SEED)], env=env, capture_output=True, text=True, timeout=120
        )
        assert ingest.returncode == 0, ingest.stderr
        assert hub.pings == []  # the ingest returned without contacting the hub
        engine = ensure_schema(load_settings(text, {}))
        try:
            queued = len(pending(engine))
            assert queued > 0
            with subprocess.Popen(
                [*syndicate, "run", "--no-web"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            ) as run:
                try:
                    assert hub.wait_for(queued, timeout=60), f"{len(hub.pings)} of {queued}"
                finally:
                    run.terminate()
                    run.wait(timeout=60)
            assert pending(engine) == []
        finally:
            engine.dispose()
    base = "http://127.0.0.1:8080"
    assert {p["hub.url"][0] for p in hub.pings} >= {
        f"{base}/jngx/feeds/atom.xml",
        f"{base}/jngx/feeds/atom.rss",
        f"{base}/jngx/feeds/atom.json",
    }
