"""An ingest with a dead WebSub hub configured against one with none: the ingest must not wait.

    python -m bench websub [--drops 10]

In process, on SQLite under a temp dir: each drop is a corrected seed (a revision) ingested and
published (``ingest_bytes`` + ``publish_key``), which queues one ping per changed feed and hub
(``feeds.websub.queue_pings``) for the worker to send. Cases in the same run: no hub; a hung
hub (it takes the connection and never answers, the worst kind of dead); a refused one (nothing
listens). Baseline: the same with the pings sent before returning, one by one, as ``publish``
did before the queue (at a 0.5 s timeout here; the shipped one was 10 s, so the wait was 20
times this one).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from bench import machine, write_section
from syndicate.config import Settings, load_settings
from syndicate.feeds.ids import href
from syndicate.feeds.publish import publish_key
from syndicate.feeds.websub import pending, ping_hubs
from syndicate.store.engine import ensure_schema
from syndicate.store.ingest import ingest_bytes

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "issues" / "000_734798b80c85afa5.txt"
PHRASE = "组织召开了全"  # one paragraph of the seed; each drop adds a word after it
BASELINE_TIMEOUT = 0.5


def revision(n: int) -> bytes:
    text = SEED.read_text(encoding="utf-8")
    return text.replace(PHRASE, PHRASE + f"修订{n:03d}号", 1).encode("utf-8")


def one_drop(engine: Engine, settings: Settings, i: int, *, send_now: bool) -> tuple[float, int]:
    """Seconds for one ingest + publish of revision ``i``; pings sent (``send_now``) or 0."""
    t0 = time.perf_counter()
    r = ingest_bytes(engine, settings, revision(i), source=f"{i}.txt", now=datetime.now(UTC))
    report = publish_key(engine, settings, r.key, ping=not send_now)
    sent = 0
    if send_now:  # the old way: every ping before the ingest returns
        changed = [settings.base_url + href(p) for p in report.written if "/feeds/" in p]
        sent = len(ping_hubs(settings.websub_hubs, changed, timeout=BASELINE_TIMEOUT))
    return time.perf_counter() - t0, sent


def drops(cases: list[tuple[Settings, bool, int]]) -> list[tuple[list[float], int]]:
    """Each case's drops, taken in turn (case 1, 2, 3, 1, 2, 3, …) so that the load of the
    shared machine falls on every case alike; the first drop (a new issue) is left out."""
    engines = [ensure_schema(s) for s, _, _ in cases]
    times: list[list[float]] = [[] for _ in cases]
    pings = [0] * len(cases)
    for i in range(max(n for _, _, n in cases) + 1):
        for k, ((settings, send_now, n), engine) in enumerate(zip(cases, engines, strict=True)):
            if i <= n:
                took, sent = one_drop(engine, settings, i, send_now=send_now)
                if i:
                    times[k].append(took)
                    pings[k] += sent
    for k, ((_, send_now, _), engine) in enumerate(zip(cases, engines, strict=True)):
        if not send_now:
            pings[k] = len(pending(engine))
        engine.dispose()
    return list(zip(times, pings, strict=True))


def settings_in(tmp: Path, name: str, hubs: tuple[str, ...]) -> Settings:
    s = load_settings(None, {"SYNDICATE_DATA_DIR": str(tmp / name)})
    return replace(s, websub_hubs=hubs)


def row(label: str, xs: list[float], urls: int) -> str:
    return (f"| {label} | {len(xs)} | {urls} | {statistics.median(xs):.3f} | {min(xs):.3f} | "
            f"{max(xs):.3f} |")  # fmt: skip


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench websub")
    ap.add_argument("--drops", type=int, default=10)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    hung = socket.socket()
    hung.bind(("127.0.0.1", 0))
    hung.listen(1024)
    refused = socket.socket()
    refused.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
    hung_url = f"http://127.0.0.1:{hung.getsockname()[1]}/hub"
    refused_url = f"http://127.0.0.1:{refused.getsockname()[1]}/hub"
    labels = [
        "no hub",
        "a hung hub (never answers)",
        "a refused hub (nothing listens)",
        f"baseline: the hung hub pinged before returning ({BASELINE_TIMEOUT} s timeout)",
    ]
    try:
        with tempfile.TemporaryDirectory() as d:
            tmp = Path(d)
            results = drops(
                [
                    (settings_in(tmp, "none", ()), False, args.drops),
                    (settings_in(tmp, "hung", (hung_url,)), False, args.drops),
                    (settings_in(tmp, "refused", (refused_url,)), False, args.drops),
                    (settings_in(tmp, "old", (hung_url,)), True, 2),
                ]
            )
    finally:
        hung.close()
        refused.close()
    cases = list(zip(labels, results, strict=True))
    lines = [
        f"Machine: {machine()}.",
        "",
        "Command: `make bench` (`python -m bench websub`). In process, SQLite: a corrected seed",
        "ingested and published per drop (`ingest_bytes` + `publish_key`), with the hub queue",
        "as shipped; the baseline sends each ping before returning, as `publish` did before the",
        "queue. Drops taken in turn across the cases. Pings: rows waiting in the queue at the",
        "end (one per hub and feed URL), or, for the baseline, pings sent. Load average at the",
        f"end: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (a shared machine).",
        "",
        "| ingest + publish with | drops | pings | median s | min s | max s |",
        "|---|---:|---:|---:|---:|---:|",
        *[row(label, xs, urls) for label, (xs, urls) in cases],
        "",
        "Reading: a hub only costs the ingest one insert of its ping rows; the worker's `websub`",
        "part sends them on its own thread with the per-hub timeout (`websub_timeout`), and a",
        "hub that does not answer puts off its other pings to the next retry instead of costing",
        "one timeout per feed. Before, every changed feed waited out the timeout in turn.",
    ]
    body = "\n".join(lines)
    print(body)
    if not args.no_write:
        write_section("WebSub", body)
    return 0
