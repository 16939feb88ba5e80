"""``run --log-format json``: every line on stderr is one JSON object per event."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SEED


def test_run_once_logs_one_json_object_per_event(tmp_path: Path) -> None:
    inbox = tmp_path / "var" / "inbox"
    inbox.mkdir(parents=True)
    (inbox / SEED.name).write_bytes(SEED.read_bytes())
    env = {k: v for k, v in os.environ.items() if not k.startswith("SYNDICATE_")}
    env["SYNDICATE_DATA_DIR"] = str(tmp_path / "var")
    done = subprocess.run(
        [sys.executable, "-m", "syndicate", "run", "--once", "--log-format", "json"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    others = [line for line in done.stderr.splitlines() if not line.startswith("{")]
    assert others == [line for line in others if line.startswith("syndicate: ")]  # notes only
    assert all({"time", "level", "logger", "event"} <= set(x) for x in lines)
    [ingest] = [x for x in lines if x["logger"] == "syndicate.service.inbox"]
    assert ingest["level"] == "info"
    assert "jngx/2022-03-25 new issue 1, 9 articles" in ingest["event"]
