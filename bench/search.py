"""Search bench: ``/SLUG/search?q=`` over 3,000 generated issues (ten years of a paper that
prints six days a week... or near it), on SQLite FTS5 and PostgreSQL full text.

    python -m bench.search [--issues 3000] [--backends sqlite,postgresql] [--no-write]

The issues are made from real text: every paragraph of the seed, the sample issue and the
人民日报 corpus (../shared/corpus, when present) goes into a pool; each generated article takes
a real headline and 3–8 pool paragraphs, 12 articles an issue, with a fixed random seed. They
are stored through ``store.ingest.store_issue`` (what an ingest does, index included), not
timed. Then ``syndicate serve`` runs on the data (a real uvicorn on 127.0.0.1) and each query
is asked 20 times over HTTP (sequentially, keep-alive): p50 and p95 of the full request. The
baseline in the same run is the naive search a first version would write: one
``LIKE '%q%'`` scan over titles and text, timed in-process (so it leaves out HTTP; it is still
slower).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import psycopg
from sqlalchemy import Engine, or_, select, text
from sqlalchemy.engine import make_url

from bench import machine, write_section
from syndicate.config import load_settings
from syndicate.model import Article, Issue
from syndicate.parse import parse_issue
from syndicate.store.engine import open_engine, upgrade
from syndicate.store.ingest import store_issue
from syndicate.store.schema import articles

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
PG_ADMIN = os.environ.get(
    "SYNDICATE_BENCH_POSTGRES_DSN", "postgresql://postgres@127.0.0.1:5432/postgres"
)
#: Rare and common words, one character, two terms, Latin, and a word that is nowhere.
QUERIES = ["核酸", "网格员", "高质量发展", "经济", "中国", "习近平", "疫", "乡村 振兴",
           "招商 项目", "2025", "量子计算机"]  # fmt: skip
ROUNDS = 20


def _texts() -> list[Path]:
    files = [ROOT / "tests" / "data" / "issues" / "000_734798b80c85afa5.txt"]
    files.append(ROOT / "config" / "sample-issue.txt")
    shared = ROOT.parent / "shared" / "corpus"
    if shared.is_dir():
        files += sorted(shared.glob("*.txt")) + sorted((shared / "real").glob("*.txt"))
    return [f for f in files if f.exists()]


def _pool() -> tuple[list[Article], list[str]]:
    arts: list[Article] = []
    for f in _texts():
        arts += parse_issue(f.read_text(encoding="utf-8"), source=f.name).articles
    paragraphs = [p for a in arts for p in a.paragraphs if len(p) > 20]
    return arts, paragraphs


def generate(n: int) -> Iterator[Issue]:
    rng = random.Random(627)
    arts, paragraphs = _pool()
    seed = parse_issue(_texts()[0].read_text(encoding="utf-8"))
    start = date(2016, 3, 1)
    for i in range(n):
        day = start + timedelta(days=i * 3650 // n)
        made = []
        for seq in range(1, 13):
            head = rng.choice(arts)
            body = tuple(rng.sample(paragraphs, rng.randint(3, 8)))
            made.append(replace(head, page=(seq - 1) // 3 + 1, seq=(seq - 1) % 3 + 1,
                                paragraphs=body))  # fmt: skip
        yield replace(seed, date=day, serial=i + 1, articles=tuple(made))


def fill(engine: Engine, n: int) -> tuple[int, float]:
    settings = load_settings(None, {"SYNDICATE_DATA_DIR": tempfile.mkdtemp()})
    paper = settings.paper(None)
    t0 = time.perf_counter()
    count = 0
    made = list(generate(n))
    for start in range(0, n, 100):  # 100 issues a transaction: filling is not what is measured
        with engine.begin() as conn:
            for issue in made[start : start + 100]:
                store_issue(conn, paper, issue, text="", sha=uuid.uuid4().hex, source="bench",
                            now=NOW)  # fmt: skip
                count += len(issue.articles)
    took = time.perf_counter() - t0
    if engine.dialect.name == "postgresql":  # what autovacuum does for an archive of years
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
    return count, took


def naive(engine: Engine, q: str) -> float:
    """The baseline: LIKE over title and the paragraphs' JSON text, every term."""
    words = q.split()
    t0 = time.perf_counter()
    with engine.connect() as conn:
        cond = [or_(articles.c.title.contains(w), articles.c.paragraphs.cast(
            articles.c.title.type).contains(w)) for w in words]  # fmt: skip
        conn.execute(select(articles.c.id).where(*cond).limit(20)).all()
        conn.execute(select(articles.c.id).where(*cond)).all()  # the count of hits
    return time.perf_counter() - t0


@contextmanager
def served(url: str, data: Path) -> Iterator[str]:
    env = os.environ | {"SYNDICATE_DATA_DIR": str(data), "SYNDICATE_DATABASE": url,
                        "SYNDICATE_CONFIG": os.devnull}  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "syndicate", "serve", "--listen", "127.0.0.1:0"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        # Keep reading (uvicorn logs there), so a full pipe never stalls the server.
        threading.Thread(target=proc.stderr.read, daemon=True).start()
        yield line.rsplit(" ", 1)[-1].strip()
    finally:
        proc.terminate()
        proc.wait(10)


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(int(round(p * (len(xs) - 1))), len(xs) - 1)]


def measure(url: str, engine: Engine, data: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    with served(url, data) as base, httpx.Client(base_url=base, timeout=30) as client:
        client.get("/jngx/search", params={"q": "预热"})
        for q in QUERIES:
            times = []
            hits = ""
            for _ in range(ROUNDS):
                t0 = time.perf_counter()
                r = client.get("/jngx/search", params={"q": q})
                times.append(time.perf_counter() - t0)
                r.raise_for_status()
            if "找到 " in r.text:
                hits = r.text.split("找到 ", 1)[1].split(" 篇", 1)[0]
            rows.append({"q": q, "hits": hits or "0", "p50": statistics.median(times),
                         "p95": percentile(times, 0.95), "naive": naive(engine, q)})  # fmt: skip
    return rows


@contextmanager
def backend(name: str) -> Iterator[str]:
    if name == "sqlite":
        with tempfile.TemporaryDirectory() as d:
            yield f"sqlite:///{d}/bench.db"
        return
    db = f"bench_search_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{db}"')
    try:
        yield make_url(PG_ADMIN).set(database=db).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def report(results: dict[str, tuple[int, float, list[dict[str, object]]]], command: str) -> str:
    out = [f"Machine: {machine()}.", "", f"Command: `{command}`.", ""]
    for name, (count, filled, rows) in results.items():
        p95s = [float(str(r["p95"])) for r in rows]
        out += [
            f"**{name}**: {count:,} articles stored (and indexed) in {filled:.0f} s. "
            f"Worst p95 over the queries: **{max(p95s) * 1000:.0f} ms** (target ≤ 100 ms).",
            "",
            "| query | hits | p50 (HTTP) | p95 (HTTP) | baseline: LIKE scan |",
            "|---|---:|---:|---:|---:|",
        ]
        for r in rows:
            out.append(
                f"| {r['q']} | {r['hits']} | {float(str(r['p50'])) * 1000:.1f} ms "
                f"| {float(str(r['p95'])) * 1000:.1f} ms | {float(str(r['naive'])) * 1000:.0f} ms |"
            )
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.search")
    ap.add_argument("--issues", type=int, default=3000)
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    results = {}
    for name in args.backends.split(","):
        with backend(name) as url, tempfile.TemporaryDirectory() as data:
            engine = open_engine(url)
            upgrade(engine)
            count, filled = fill(engine, args.issues)
            rows = measure(url, engine, Path(data))
            engine.dispose()
            results[name] = (count, filled, rows)
            print(f"{name}: {count} articles, filled in {filled:.0f} s", flush=True)
            for r in rows:
                print(f"  {r['q']}: {r['hits']} hits, p50 {float(str(r['p50'])) * 1000:.1f} ms,"
                      f" p95 {float(str(r['p95'])) * 1000:.1f} ms,"
                      f" naive {float(str(r['naive'])) * 1000:.0f} ms", flush=True)  # fmt: skip
    command = "python -m bench.search " + " ".join(argv)
    if not args.no_write:
        write_section("Search", report(results, command.strip()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
