"""``python -m bench NAME --option``: the options reach the module (a measuring run with
``--no-write`` must leave docs/benchmarks.md as it is)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_options_reach_the_chosen_bench() -> None:
    doc = ROOT / "docs" / "benchmarks.md"
    before = doc.read_bytes()
    run = subprocess.run(
        [sys.executable, "-m", "bench", "parse", "--no-write", "--seconds", "0.01"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "== bench.parse" in run.stdout and "== bench.email" not in run.stdout
    assert "| seed (1 files" in run.stdout  # it measured
    assert doc.read_bytes() == before  # and wrote nothing
