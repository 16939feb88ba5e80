"""Sending one issue from several processes: one per core, coordinated by the ledger.

One Python process sends on one core (the GIL): on the bench it spends about 260-290 µs of
CPU per message (building it, the SMTP exchange, the ledger), so a single process tops out
near 4,000 messages/s however fast the relay is. ``Helpers`` starts ``n - 1`` more send
processes (``python -m syndicate.newsletter.fanout``: a fresh interpreter, safe beside the
worker's threads). Each renders the issue itself and runs ``send_with_transport`` on the
same ledger, so the rows are shared out by the ledger's claims exactly as between two
workers: a row is claimed by one process, nothing is sent twice, and a helper killed
mid-send leaves its rows ``sending`` under its own heartbeat, which the parent takes back
(``reclaim_dead_owners``) and sends.

Each process has its own adaptive pool of up to ``email_pool_size`` connections and
``email_concurrency`` messages in flight: halving them per process was measured to cost CPU
per message (fewer replies per event-loop wake: 317 against 289 µs at 100k, and 23% fewer
messages/s), and a relay that refuses the extra connections makes each pool shrink (AIMD,
``aimd.py``). ``email_rate`` stays a cap for all of them together (``store/pace.py``).

``email_processes`` (0: one per core) is the most; a send gets one process per
``ROWS_PER_PROCESS`` due rows, so a small send never pays a process start (~0.5 s). The default
is 1: on the 2-core bench machine (SQLite and PostgreSQL alike) two processes sharing the
ledger spent ~35% more CPU per message each than one alone (two independent sends side by
side did not), and sent fewer messages per second than one process (docs/benchmarks.md).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import pickle
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from syndicate.clock import utcnow
from syndicate.config import Settings

#: A helper process is started only for this many due rows each (its start costs ~0.5 s).
ROWS_PER_PROCESS = 2_000
#: The most processes ``email_processes = 0`` gives, whatever the core count.
AUTO_MAX = 8


def process_count(settings: Settings, due: int) -> int:
    """How many processes send ``due`` rows: ``email_processes`` (0: the cores), at most one
    per ``ROWS_PER_PROCESS`` rows, at least one."""
    most = settings.email_processes or min(os.cpu_count() or 1, AUTO_MAX)
    return max(1, min(most, due // ROWS_PER_PROCESS))


@dataclass
class _Child:
    process: subprocess.Popen[bytes]
    #: The latest (sent, failed, retry, unknown) it reported.
    counts: tuple[int, int, int, int] = (0, 0, 0, 0)
    connects: int = 0
    aborted: str | None = None
    reader: threading.Thread | None = None

    def read(self) -> None:
        """Its reports, a JSON line each, until it ends (a thread per helper)."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            try:
                kind, counts, *rest = json.loads(line)
            except ValueError:
                continue
            self.counts = (counts[0], counts[1], counts[2], counts[3])
            if kind == "done":
                self.connects, self.aborted = rest


@dataclass
class Helpers:
    """``n`` helper send processes for one issue; the parent is the ``n + 1``-th sender.

    Each is ``python -m syndicate.newsletter.fanout``: its arguments come pickled on stdin,
    which then stays open; the parent closing it (or dying) tells the helper to stop
    claiming. It reports its counts as JSON lines on stdout."""

    settings: Settings
    issue_key: str
    n: int
    #: The parent's clock now, when it is not the wall clock (tests and benches): the helpers
    #: count on from it; None: they read the wall clock.
    fixed: datetime | None
    children: list[_Child] = field(default_factory=list)

    def start(self) -> None:
        args = pickle.dumps((self.settings, self.issue_key, self.fixed))
        for _ in range(self.n):
            p = subprocess.Popen(
                [sys.executable, "-m", "syndicate.newsletter.fanout"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
            assert p.stdin is not None
            p.stdin.write(len(args).to_bytes(8, "big") + args)
            p.stdin.flush()
            child = _Child(p)
            child.reader = threading.Thread(target=child.read, daemon=True)
            child.reader.start()
            self.children.append(child)

    def stop(self) -> None:
        """Tell every helper to claim no more (in-flight messages finish and are recorded)."""
        for c in self.children:
            if c.process.stdin is not None and not c.process.stdin.closed:
                with contextlib.suppress(OSError):
                    c.process.stdin.close()

    def running(self) -> bool:
        """Whether a helper still runs or has reports not yet read."""
        return any(
            c.process.poll() is None or (c.reader is not None and c.reader.is_alive())
            for c in self.children
        )

    def failed(self) -> list[int]:
        """Exit codes of helpers that did not end cleanly."""
        return [
            c.process.returncode for c in self.children if c.process.returncode not in (0, None)
        ]

    def totals(self) -> tuple[int, int, int, int]:
        """(sent, failed, retry, unknown) over every helper's last report."""
        sent, failed, retry, unknown = (
            sum(n) for n in zip((0, 0, 0, 0), *(c.counts for c in self.children), strict=True)
        )
        return sent, failed, retry, unknown

    def close(self) -> None:
        self.stop()
        for c in self.children:
            try:
                c.process.wait(30)
            except subprocess.TimeoutExpired:
                c.process.kill()
                c.process.wait()
            if c.reader is not None:
                c.reader.join()
            if c.process.stdout is not None:
                c.process.stdout.close()


def _child_main() -> None:
    """A helper: render the issue, send what the ledger hands it, report to the parent."""

    from syndicate.newsletter.delivery import job_for, load_editions, run_loop, send_with_transport
    from syndicate.newsletter.sender import Progress
    from syndicate.store.engine import open_engine

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    size = int.from_bytes(_read_exactly(8), "big")
    settings, key, fixed = pickle.loads(_read_exactly(size))
    clock: Callable[[], datetime] = utcnow
    if fixed is not None:
        t0, start = time.monotonic(), fixed
        clock = lambda: start + timedelta(seconds=time.monotonic() - t0)  # noqa: E731
    stop = threading.Event()

    def watch() -> None:  # stdin closed: the parent says stop, or it is gone
        while os.read(0, 4096):
            pass
        stop.set()

    threading.Thread(target=watch, daemon=True).start()
    out = sys.stdout

    def report(p: Progress, *rest: object) -> None:
        kind = "done" if rest else "progress"
        out.write(json.dumps([kind, [p.sent, p.failed, p.retry, p.unknown], *rest]) + "\n")
        out.flush()

    engine = open_engine(settings.database_url)
    try:
        editions = load_editions(engine, settings, key, clock())
        job = replace(job_for(settings, key), enqueue=False)
        summary = run_loop(
            send_with_transport(engine, settings, editions, job, clock, report, stop, processes=1)
        )
    finally:
        engine.dispose()
    report(summary.progress, summary.connects or 0, summary.aborted)


def _read_exactly(n: int) -> bytes:
    """``n`` bytes from stdin (fd 0, unbuffered: the watch thread reads it later)."""
    data = b""
    while len(data) < n:
        chunk = os.read(0, n - len(data))
        if not chunk:
            raise SystemExit("syndicate.newsletter.fanout: stdin closed before the arguments")
        data += chunk
    return data


if __name__ == "__main__":
    _child_main()
