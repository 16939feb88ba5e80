"""Ledger bench: enqueue and claim 100,000 and 1,000,000 deliveries on SQLite and PostgreSQL.

    python -m bench.ledger [--sizes 100000,1000000] [--backends sqlite,postgresql] [--no-write]

Each case runs in a fresh subprocess (so its ``VmHWM`` is that case's peak RSS) on a fresh
database: SQLite in a temp dir; PostgreSQL in a fresh schema of a throwaway database created
on ``SYNDICATE_BENCH_POSTGRES_DSN`` (default postgresql://postgres@127.0.0.1:5432/postgres).
N confirmed subscribers are created first (not timed), then:

- ``set-based``: ``enqueue_subscribers`` (one INSERT … SELECT), then claim everything in
  batches of 1,000 (``claim``) and mark each batch sent (``record``).
- baselines at 100,000, same run: ``per-row`` enqueue (a Python loop, one INSERT per
  subscriber, one transaction) and ``executemany`` enqueue (rows fetched into Python and
  inserted in one executemany); ``claim-1``: a naive sender's claim-and-mark of one row per
  transaction, on 5,000 rows.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
from sqlalchemy import Engine, select, text
from sqlalchemy.engine import make_url

from bench import machine, peak_rss_mib, write_section
from syndicate.store import ledger
from syndicate.store.engine import insert, open_engine, upgrade
from syndicate.store.schema import deliveries, issues, papers, subscribers

NOW = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
KEY = "bench/2026-03-01"
BATCH = 1_000
PG_ADMIN = os.environ.get(
    "SYNDICATE_BENCH_POSTGRES_DSN", "postgresql://postgres@127.0.0.1:5432/postgres"
)
Result = dict[str, float | int | str]


def _setup(engine: Engine, n: int) -> None:
    """One paper, one issue and ``n`` confirmed subscribers (a recursive CTE, both backends)."""
    upgrade(engine)
    with engine.begin() as conn:
        pid = conn.execute(
            papers.insert()
            .values(slug="bench", name="bench", created_at=NOW)
            .returning(papers.c.id)
        ).scalar_one()
        conn.execute(
            issues.insert().values(
                key=KEY, paper_id=pid, date=NOW.date(), problems=[], revision=1,
                created_at=NOW, updated_at=NOW,
            )
        )  # fmt: skip
        conn.execute(
            text(
                "INSERT INTO subscribers (paper_id, email, status, subscribed_at) "
                "WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < :n) "
                "SELECT :pid, 'reader' || i || '@example.cn', 'confirmed', :now FROM seq"
            ),
            {"n": n, "pid": pid, "now": NOW.replace(tzinfo=None).isoformat(sep=" ")},
        )


def _timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _drain(engine: Engine, limit: int) -> tuple[float, float, int]:
    """Claim everything ``limit`` at a time and mark it sent: (claim s, mark s, rows)."""
    owner, claim_s, mark_s, rows = ledger.new_owner(), 0.0, 0.0, 0
    lease = timedelta(minutes=5)
    while True:
        t0 = time.perf_counter()
        got = ledger.claim(engine, channel="email", owner=owner, now=NOW, lease=lease, limit=limit)
        claim_s += time.perf_counter() - t0
        if not got:
            return claim_s, mark_s, rows
        rows += len(got)
        outcomes = [ledger.Outcome(c.id, "sent", provider_id=f"<{c.id}@b>") for c in got]
        t0 = time.perf_counter()
        ledger.record(engine, outcomes, owner=owner, now=NOW)
        mark_s += time.perf_counter() - t0


def _fetch_targets(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as conn:
        issue_id = conn.execute(select(issues.c.id)).scalar_one()
        rows = conn.execute(select(subscribers.c.id, subscribers.c.email)).all()
    return [
        {"channel": "email", "issue_id": issue_id, "target": r.email, "subscriber_id": r.id,
         "state": "pending", "attempts": 0, "created_at": NOW, "updated_at": NOW}
        for r in rows
    ]  # fmt: skip


def _per_row(engine: Engine) -> None:
    rows = _fetch_targets(engine)
    with engine.begin() as conn:
        for r in rows:
            conn.execute(
                insert(conn, deliveries)
                .values(**r)
                .on_conflict_do_nothing(index_elements=["issue_id", "channel", "target"])
            )


def _executemany(engine: Engine) -> None:
    rows = _fetch_targets(engine)
    with engine.begin() as conn:
        conn.execute(deliveries.insert(), rows)


def run_case(kind: str, url: str, n: int) -> Result:
    """One case in this process; seconds per phase and peak RSS in MiB."""
    engine = open_engine(url)
    _setup(engine, n)
    out: Result = {"kind": kind, "backend": engine.dialect.name, "n": n}
    if kind == "set-based":
        out["enqueue_s"] = _timed(
            lambda: ledger.enqueue_subscribers(engine, issue_key=KEY, now=NOW)
        )
        out["claim_s"], out["mark_s"], out["claimed"] = _drain(engine, BATCH)
    elif kind == "claim-1":
        ledger.enqueue_subscribers(engine, issue_key=KEY, now=NOW)
        out["claim_s"], out["mark_s"], out["claimed"] = _drain(engine, 1)
    else:
        out["enqueue_s"] = _timed(lambda: (_per_row if kind == "per-row" else _executemany)(engine))
    engine.dispose()
    out["rss_mib"] = peak_rss_mib()
    return out


@contextmanager
def _database(backend: str) -> Iterator[str]:
    """A fresh empty database URL for one case."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="syndicate-bench-") as d:
            yield f"sqlite:///{Path(d) / 'bench.db'}"
        return
    name = f"syndicate_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _spawn(kind: str, backend: str, n: int) -> Result:
    with _database(backend) as url:
        cmd = [sys.executable, "-m", "bench.ledger", "--case", kind, url, str(n)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench.ledger: case {kind} {backend} {n} failed:\n{done.stderr}")
    result: Result = json.loads(done.stdout.splitlines()[-1])
    print(json.dumps(result), flush=True)
    return result


def _cell(r: Result, key: str) -> str:
    v = r.get(key)
    return f"{v:.2f}" if isinstance(v, float) else "–"


def _rate(r: Result) -> str:
    total = sum(float(r[k]) for k in ("claim_s", "mark_s") if k in r)
    return f"{int(r['n']) / total:,.0f}" if total else "–"


def _postgres_version() -> str:
    try:
        with psycopg.connect(PG_ADMIN, connect_timeout=5) as conn:
            row = conn.execute("SHOW server_version").fetchone()
    except psycopg.Error:
        return "unreachable"
    return str(row[0]).split()[0] if row else "?"


NOTES = """`set-based` is the ledger as shipped: one INSERT … SELECT to enqueue, claims of 1,000
rows per transaction (`claim`), each batch's results in one transaction (`record`). Baselines,
same run: `per-row` (one INSERT per subscriber in a Python loop, one transaction) and
`executemany` (the rows fetched into Python, one executemany) for enqueue; `claim-1` (claim
and mark one row per transaction, as a naive sender would, on 5,000 rows) for claiming.
Every SQLite commit is durable (`synchronous=FULL`); PostgreSQL runs with its defaults.

"""


def report(results: list[Result], command: str, postgres: str) -> str:
    """The docs/benchmarks.md section body."""
    lines = [
        f"Machine: {machine()}, PostgreSQL {postgres} (local, default settings).  ",
        f"Command: `{command}`; each case runs in a fresh subprocess on a fresh database, and",
        "peak RSS is that process's `VmHWM`.",
        "",
        "| case | backend | deliveries | enqueue s | claim s | mark sent s "
        "| claim+mark rows/s | peak RSS MiB |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['kind']} | {r['backend']} | {int(r['n']):,} | {_cell(r, 'enqueue_s')} "
            f"| {_cell(r, 'claim_s')} | {_cell(r, 'mark_s')} | {_rate(r)} "
            f"| {float(r['rss_mib']):.0f} |"
        )
    return "\n".join(lines) + "\n\n" + NOTES.strip() + "\n\n" + _reading(results)


def _find(results: list[Result], kind: str, backend: str, n: int | None = None) -> Result | None:
    return next(
        (r for r in results
         if r["kind"] == kind and r["backend"] == backend and (n is None or r["n"] == n)),
        None,
    )  # fmt: skip


def _reading(results: list[Result]) -> str:
    """What the figures say, computed from them."""
    out: list[str] = []
    for backend in ("sqlite", "postgresql"):
        base, fast = (
            _find(results, "per-row", backend),
            _find(results, "set-based", backend, 100_000),
        )
        one = _find(results, "claim-1", backend)
        if base and fast:
            ratio = float(base["enqueue_s"]) / float(fast["enqueue_s"])
            out.append(f"{backend}: enqueue {ratio:.0f}x faster than the per-row loop")
        if one and fast:
            rate = _rate_value(fast) / _rate_value(one)
            out.append(f"{backend}: claim+mark in batches {rate:.0f}x the one-row rate")
    peak = max(float(r["rss_mib"]) for r in results if r["kind"] == "set-based")
    return (
        "Reading (computed from this run): " + "; ".join(out) + ". The set-based peak RSS "
        f"is at most {peak:.0f} MiB up to the largest N (the rows never enter Python); the "
        "enqueue baselines hold every row in Python.\n\n" + PG_NOTE + _per_batch(results)
    )


def _per_batch(results: list[Result]) -> str:
    cases = [r for r in results if r["kind"] == "set-based" and r["backend"] == "postgresql"]
    parts = [
        f"{float(r['claim_s']) / (int(r['n']) / BATCH):.3f} s at {int(r['n']):,}" for r in cases
    ]
    return f" Mean claim per batch on PostgreSQL: {', '.join(parts)}." if parts else ""


def _rate_value(r: Result) -> float:
    total = sum(float(r[k]) for k in ("claim_s", "mark_s") if k in r)
    return int(r["n"]) / total if total else 0.0


PG_NOTE = """On PostgreSQL the claim cost per batch grows while a run proceeds: each claimed row
leaves a dead entry at the front of the claimable index until autovacuum removes it, so a
burst of 1,000,000 claims costs more per batch than one of 100,000. Real sends
run at SMTP speed (hundreds per second), far below this rate, and autovacuum keeps pace.
After an enqueue of 10,000 rows or more the ledger runs ANALYZE: without it the planner,
still believing the table empty, sorted all 1,000,000 rows on every claim (0.4 s per batch
instead of 0.04 s at the start of the run)."""


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.ledger", description=__doc__.split("\n")[0])
    p.add_argument("--case", nargs=3, metavar=("KIND", "URL", "N"), help=argparse.SUPPRESS)
    p.add_argument("--sizes", default="100000,1000000")
    p.add_argument("--backends", default="sqlite,postgresql")
    p.add_argument("--no-write", action="store_true", help="print only; leave docs alone")
    args = p.parse_args(argv)
    if args.case:
        print(json.dumps(run_case(args.case[0], args.case[1], int(args.case[2]))))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    results: list[Result] = []
    for backend in args.backends.split(","):
        for kind, n in [("set-based", s) for s in sizes] + [
            ("per-row", 100_000), ("executemany", 100_000), ("claim-1", 5_000),
        ]:  # fmt: skip
            results.append(_spawn(kind, backend, n))
    if not args.no_write:
        command = "make bench (python -m bench ledger)"
        write_section("Ledger", report(results, command, _postgres_version()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
