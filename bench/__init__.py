"""Benchmarks: ``make bench`` (``python -m bench``) runs every module here and rewrites its
section of docs/benchmarks.md. Each module has ``main(argv) -> int`` and measures against a
baseline in the same run. Timings are never asserted in tests.

Shared helpers: ``machine()`` describes the box; ``peak_rss_mib()`` is a process's peak RSS;
``write_section(title, body)`` replaces the ``## title`` section of docs/benchmarks.md (other
sections stay as they are).
"""

from __future__ import annotations

import os
import platform
import re
import resource
import sqlite3
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = (
    "# Benchmarks\n\n"
    "Written by `make bench` (`python -m bench`); each section by its bench module, with the\n"
    "machine, the command and a baseline measured in the same run.\n"
)


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 2**20:.0f} GiB"
    except OSError:
        pass
    return "? GiB"


def machine() -> str:
    """One line: CPU, cores, memory, OS, Python and SQLite versions."""
    return (
        f"{_cpu()}, {os.cpu_count()} cores, {_memory_gib()}, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )


def peak_rss_mib() -> float:
    """This process's peak RSS in MiB: ``VmHWM`` from /proc/self/status (the high-water mark of
    this process image). Not ``ru_maxrss``: Linux folds the parent's RSS at fork into the
    child's ``ru_maxrss`` when it execs, so a case started from a big ``python -m bench``
    process would report the parent's size (seen: 94 MiB for a 65 MiB case)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_section(title: str, body: str, path: Path = DOCS) -> None:
    """Replace (or append) the ``## title`` section of docs/benchmarks.md."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    section = f"## {title}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + section
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
