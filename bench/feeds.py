"""Feeds bench: requests/s for the paper feed from ``syndicate serve`` and, in the same run,
from nginx serving the same file (the baseline), for a full 200 and for a 304
(``If-None-Match``); plus what publishing one more issue costs as the archive grows.

Everything runs on loopback: wrk (Debian ``wrk``) drives both servers; nginx (Debian
``nginx``) runs as our own process with a temp config on a free port, no system service.
Both are apt-get installed if missing. Writes the "Feeds" section of docs/benchmarks.md.

    python -m bench feeds            # or: make bench
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

from bench import machine, write_section
from syndicate.config import Settings, load_settings
from syndicate.feeds.public import PublicFile, write_files
from syndicate.feeds.publish import publish_key
from syndicate.store.engine import ensure_schema
from syndicate.store.ingest import ingest_bytes

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "issues" / "000_734798b80c85afa5.txt"
SYNDICATE = str(Path(sys.executable).parent / "syndicate")
FEED = "/jngx/feeds/atom.xml"
WRK = ["wrk", "-t2", "-c32", "-d5s", "--latency"]
ROUNDS = 5  # each case runs ROUNDS times, interleaved; the median is reported (a shared box)
ARCHIVE_SIZES = (10, 300, 1000)

NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  types {{ application/atom+xml xml; text/html html; }}
  charset utf-8;
  charset_types application/atom+xml;
  access_log off;
  client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    location / {{ try_files $uri $uri/index.html =404; }}
  }}
}}
"""


def ensure_tools() -> None:
    missing = [pkg for pkg, exe in (("wrk", "wrk"), ("nginx", "nginx")) if not _which(exe)]
    if missing:
        print(f"apt-get install {' '.join(missing)}", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        cmd = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing]
        subprocess.run(cmd, check=True, env=env)


def _which(exe: str) -> str | None:
    return shutil.which(exe) or shutil.which(exe, path="/usr/sbin:/usr/bin")


def issue_text(day: date, serial: int) -> bytes:
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("2022年3月25日", f"{day.year}年{day.month}月{day.day}日", 1)
    return text.replace("总第627期", f"总第{serial}期", 1).encode("utf-8")


def settings_in(tmp: Path, base_url: str = "http://127.0.0.1:8080") -> Settings:
    env = {"SYNDICATE_DATA_DIR": str(tmp / "var"), "SYNDICATE_BASE_URL": base_url}
    return load_settings(None, env)


@contextmanager
def syndicate_serve(tmp: Path) -> Iterator[str]:
    env = {**os.environ, "SYNDICATE_DATA_DIR": str(tmp / "var"), "PYTHONUNBUFFERED": "1"}
    cmd = [SYNDICATE, "serve", "--listen", "127.0.0.1:0"]
    with subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as proc:
        assert proc.stderr is not None
        try:
            for line in proc.stderr:
                if m := re.search(r"running on (http://127\.0\.0\.1:\d+)", line):
                    # uvicorn logs every request on stdout (sent to /dev/null); stderr is
                    # left unread from here on and gets only the shutdown lines.
                    yield m[1]
                    break
        finally:
            proc.terminate()
            proc.wait(timeout=30)


@contextmanager
def nginx(tmp: Path, root: Path) -> Iterator[str]:
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, root=root), encoding="utf-8")
    exe = _which("nginx") or "nginx"
    with subprocess.Popen([exe, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"]) as proc:
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + FEED)
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str) -> None:
    """Until the server answers (bounded: 10 s)."""
    deadline = time.monotonic() + 10
    while True:
        try:
            httpx.get(url, timeout=1).raise_for_status()
            return
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def wrk(url: str, etag: str | None) -> tuple[float, str]:
    """``(requests/s, p99 latency)`` from one wrk run (after checking the status once)."""
    # wrk asks for identity (no Accept-Encoding): so must the check, and the ETag be identity's.
    headers = {"accept-encoding": "identity", **({"If-None-Match": etag} if etag else {})}
    status = httpx.get(url, headers=headers, timeout=5).status_code
    assert status == (304 if etag else 200), f"{url}: {status}"
    cmd = [*WRK, *(["-H", f"If-None-Match: {etag}"] if etag else []), url]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]
    p99 = re.search(r"99%\s+(\S+)", out)
    return rps, p99[1] if p99 else "?"


def serving(tmp: Path) -> list[tuple[str, str, float, str]]:
    """Rows ``(server, case, requests/s, p99)`` for both servers, 200 and 304."""
    rows = []
    settings = settings_in(tmp)
    engine = ensure_schema(settings)
    key = ingest_bytes(engine, settings, SEED.read_bytes(), source="seed", now=_t(0)).key
    publish_key(engine, settings, key, ping=False)
    engine.dispose()
    with syndicate_serve(tmp) as ours, nginx(tmp, settings.public_dir) as theirs:
        cases = []
        for name, base in (("syndicate serve", ours), ("nginx", theirs)):
            plain = {"accept-encoding": "identity"}  # httpx would ask for br: another ETag
            etag = httpx.get(base + FEED, headers=plain, timeout=5).headers["etag"]
            cases += [
                (name, "200 (full feed)", base, None),
                (name, "304 (If-None-Match)", base, etag),
            ]
        runs: dict[tuple[str, str], list[tuple[float, str]]] = {}
        for _ in range(ROUNDS):
            for name, case, base, tag in cases:
                runs.setdefault((name, case), []).append(wrk(base + FEED, tag))
        for (name, case), got in runs.items():
            rps, p99 = sorted(got)[len(got) // 2]
            rows.append((name, case, rps, p99))
            print(
                f"{name:16} {case:22} {rps:10.0f} req/s  p99 {p99}  (runs: "
                f"{', '.join(f'{r:.0f}' for r, _ in got)})",
                flush=True,
            )
    return rows


def _t(days: int) -> datetime:
    return datetime(2022, 3, 24, 22, tzinfo=UTC) + timedelta(days=days)


def publishing(tmp: Path) -> list[tuple[int, float, int]]:
    """Rows ``(issues already stored, median seconds to ingest + publish one more issue,
    files written)``, ``ROUNDS`` new issues per archive size."""
    settings = settings_in(tmp / "grow")
    engine = ensure_schema(settings)
    rows = []
    stored = 0
    day0 = date(2020, 1, 1)

    def add(now: datetime) -> tuple[float, int]:
        nonlocal stored
        day = day0 + timedelta(days=stored)
        start = time.perf_counter()
        r = ingest_bytes(engine, settings, issue_text(day, stored + 1), source="b", now=now)
        written = len(publish_key(engine, settings, r.key, ping=False).written)
        stored += 1
        return time.perf_counter() - start, written

    try:
        for size in ARCHIVE_SIZES:
            while stored < size:
                day = day0 + timedelta(days=stored)
                ingest_bytes(engine, settings, issue_text(day, stored + 1), source="b", now=_t(0))
                stored += 1
            got = sorted(add(_t(1)) for _ in range(ROUNDS))
            secs, files = got[len(got) // 2]
            rows.append((size, secs, files))
            print(f"archive {size:4} issues: {secs:.3f} s, {files} files", flush=True)
    finally:
        engine.dispose()
    return rows


def variants_cost(tmp: Path, public: Path) -> tuple[int, float, float]:
    """``(files, median seconds with .br/.gz, median seconds without)`` to write the seed's
    published files afresh (``ROUNDS`` runs each, interleaved)."""
    files = [
        PublicFile("/" + str(f.relative_to(public)), f.read_bytes(), _t(0))
        for f in sorted(public.rglob("*"))
        if f.is_file() and f.suffix not in (".br", ".gz")
    ]
    times: dict[bool, list[float]] = {True: [], False: []}
    for n in range(ROUNDS):
        for variants in (True, False):
            root = tmp / f"variants-{variants}-{n}"
            start = time.perf_counter()
            write_files(root, files, variants=variants)
            times[variants].append(time.perf_counter() - start)
    with_, without = (sorted(times[v])[len(times[v]) // 2] for v in (True, False))
    print(f"{len(files)} files: {with_:.3f} s with variants, {without:.3f} s without", flush=True)
    return len(files), with_, without


PROFILE = """Where the time goes (py-spy on `syndicate serve`, issue 15, this machine under
load): before, a cached 200 spent a third of its time in uvicorn's access logging (`logging`
records, formatter, handler lock and flush) and the rest in Starlette's middleware and
routing, a `stat`, and the ASGI sends on asyncio's loop. Then a cached file was answered in
front of every middleware and the router, the access log became one formatted write (flushed
once per turn of the event loop), and uvicorn ran on uvloop: 0.27x and 0.22x on a quiet
machine, most of the rest being uvicorn's per-request work (an ASGI scope, a task per
request, two sends). Now (`syndicate/web/fastpath.py`) a cached, unchanged file is answered
from the HTTP parser's callback with the app's own ready-made headers and bytes, one write,
no ASGI cycle at all; the access log line is still written. For scale, measured side by
side during issue 15 under heavier load (load average 5 to 17: compare these with each other,
not with the table): a bare ASGI app returning a body served about 15,400 requests/s on uvicorn with
uvloop and 14,000 on granian's ASGI; granian's own RSGI interface about 25,800 (it would
need a second code path beside every route); a 304 written straight from uvicorn's protocol
callback, with no ASGI at all, about 14,000 (about 141,000 on a quiet machine at the end of
issue 15, which is what led to the fast path). Two uvicorn workers on these two shared cores
did worse than one. Before issue 15 this bench took the 304 case's ETag from a response
httpx had asked to compress, so wrk's uncompressed requests never matched it: its former
"304" figures were 200s."""


def reading(serve: list[tuple[str, str, float, str]]) -> str:
    """One computed sentence: the ratios to nginx against issue 15's 0.3x target."""
    nginx_rps = {case: rps for name, case, rps, _ in serve if name == "nginx"}
    ours = {case: rps / nginx_rps[case] for name, case, rps, _ in serve if name != "nginx"}
    full, cond = (ours[c] for c in ("200 (full feed)", "304 (If-None-Match)"))
    verdict = "meets" if min(full, cond) >= 0.3 else "falls short of"
    return (
        f"Reading: `syndicate serve` answers {full:.2f}x nginx's full 200s and {cond:.2f}x its"
        f" 304s in this run, which {verdict} issue 15's target of 0.3x for both."
    )


def report(
    serve: list[tuple[str, str, float, str]],
    grow: list[tuple[int, float, int]],
    load: str,
    cost: tuple[int, float, float],
) -> str:
    nginx_rps = {case: rps for name, case, rps, _ in serve if name == "nginx"}
    lines = [
        f"Machine: {machine()}.",
        "",
        f"Command: `make bench` (`python -m bench feeds`); load: `{' '.join(WRK)} URL` on",
        "loopback against the seed's paper feed (`/jngx/feeds/atom.xml`, identity encoding),",
        "once plain and once with `-H 'If-None-Match: <its ETag>'`. Both servers run one",
        "process (`syndicate serve` as shipped: uvicorn on uvloop with httptools, its access",
        "log on; nginx `worker_processes 1`, no access log) on the same file, in the same run;",
        f"each figure is the median of {ROUNDS} interleaved runs. Load average at the start:",
        f"{load}. The machine is shared with other work, so compare within one run.",
        "",
        "| server | response | requests/s | p99 latency | vs nginx |",
        "|---|---|---:|---:|---:|",
    ]
    for name, case, rps, p99 in serve:
        lines.append(f"| {name} | {case} | {rps:,.0f} | {p99} | {rps / nginx_rps[case]:.2f}x |")
    lines += [
        "",
        "Publishing one more issue (ingest + every feed and page it changes, SQLite) as the",
        "archive grows; the cost follows the new issue and the feed windows, not the archive:",
        "",
        f"| issues already stored | seconds (median of {ROUNDS}) | files written |",
        "|---:|---:|---:|",
    ]
    lines += [f"| {size} | {secs:.3f} | {files} |" for size, secs, files in grow]
    files, with_, without = cost
    lines += [
        "",
        f"What the precompressed variants cost: writing the seed's {files} published files",
        f"afresh takes {with_:.3f} s with their `.br` and `.gz` (brotli quality 5, gzip -9, all",
        f"fsynced) against {without:.3f} s without (median of {ROUNDS}, same run).",
        "",
        reading(serve),
        "",
        PROFILE,
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    ensure_tools()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="bench-feeds-") as tmp:
        os.chmod(tmp, 0o755)  # nginx's workers run as an unprivileged user
        serve = serving(Path(tmp))
        cost = variants_cost(Path(tmp), settings_in(Path(tmp)).public_dir)
        grow = publishing(Path(tmp))
    write_section("Feeds", report(serve, grow, load, cost))
    print("wrote the Feeds section of docs/benchmarks.md")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
