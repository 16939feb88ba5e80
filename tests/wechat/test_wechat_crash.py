"""A real crash: ``syndicate send`` killed with SIGKILL after WeChat made the draft and before
the ledger heard of it. The resume must adopt that draft, never add a second one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.store import ledger
from syndicate.store.ingest import ingest_bytes
from syndicate.wechat.push import LEASE, send_wechat
from tests.conftest import SEED
from tests.wechat_server import APPID, SECRET, serve

ROOT = Path(__file__).parent.parent.parent
KEY = "jngx/2022-03-25"


@pytest.mark.slow
def test_sigkill_between_draft_add_and_the_record(
    db: Engine, db_url: str, db_settings: Settings, tmp_path: Path
) -> None:
    ingest_bytes(db, db_settings, SEED.read_bytes(), source=SEED.name, now=datetime.now(UTC))
    config = tmp_path / "empty.toml"
    config.write_text("", encoding="utf-8")
    drafted, release = threading.Event(), threading.Event()

    def hang() -> None:  # the draft exists now; hold the answer until the worker is dead
        drafted.set()
        release.wait(30)
        return None

    with serve() as server:
        server.state.hooks["draft/add"] = hang
        env = {
            **os.environ,
            "SYNDICATE_CONFIG": str(config),
            "SYNDICATE_DATABASE": db_url,
            "SYNDICATE_DATA_DIR": str(db_settings.data_dir),
            "SYNDICATE_WECHAT_API_BASE": server.api_base,
            "SYNDICATE_WECHAT_APPID": APPID,
            "SYNDICATE_WECHAT_SECRET": SECRET,
        }
        cmd = [sys.executable, "-m", "syndicate", "send", KEY, "--channel", "wechat"]
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        try:
            for _ in range(600):  # up to a minute, but stop early if the worker exits
                if drafted.wait(0.1) or proc.poll() is not None:
                    break
            assert drafted.is_set(), proc.communicate(timeout=5)
            proc.send_signal(signal.SIGKILL)
            proc.communicate(timeout=30)
        finally:
            release.set()
            if proc.poll() is None:
                proc.kill()
            proc.communicate()
        assert proc.returncode == -signal.SIGKILL
        [made] = server.state.drafts
        [row] = ledger.deliveries_of(db, channel="wechat", issue_key=KEY)
        assert (row.state, row.provider_id) == ("sending", None)  # the ledger never heard

        del server.state.hooks["draft/add"]
        settings = replace(
            db_settings, wechat_api_base=server.api_base, wechat_appid=APPID, wechat_secret=SECRET
        )
        later = datetime.now(UTC) + LEASE + timedelta(minutes=1)  # the dead worker's lease ran out
        with httpx.Client(timeout=10) as http:
            result = send_wechat(db, settings, KEY, http=http, clock=lambda: later)
            again = send_wechat(db, settings, KEY, http=http, clock=lambda: later)
        assert (result.state, result.media_id) == ("sent", made)
        assert again.state == "sent" and "already drafted" in again.message
        assert list(server.state.drafts) == [made]
        assert len(server.state.calls_to("draft/add")) == 1
        [row] = ledger.deliveries_of(db, channel="wechat", issue_key=KEY)
        assert (row.state, row.provider_id, row.attempts) == ("sent", made, 2)
