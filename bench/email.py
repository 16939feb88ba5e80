"""Email bench: the seed's newsletter to 10,000 and 100,000 subscribers through Postfix's
``smtp-sink`` on loopback, with the ledger (SQLite) committed as in production.

    python -m bench.email [--sizes 10000,100000] [--no-write]
    python -m bench.email --variants [--sizes 10000,100000] [--no-write]

In the same run, against the same ``smtp-sink``:

- ``syndicate``: ``send_newsletter`` as ``syndicate send`` runs it (enqueue, claim, render the
  personal parts, send over a pool of persistent aiosmtplib connections, group-commit every
  outcome), each size in a fresh subprocess so its peak RSS (``VmHWM``) is that case's;
- ``smtplib``: the naive baseline, a loop opening one ``smtplib`` connection per message
  (the same personalised messages, no ledger);
- ``smtp-source``: Postfix's C load generator sending the same message file (``-F``), 16
  sessions, with and without connection reuse (``-d``).

``--variants`` (issue 14) runs only ``syndicate`` twice per size, side by side: every reader
on the paper's own edition (the single-variant send), and two thirds of them spread over 12
preference variants (简体/繁體 TW/HK × four page choices), each variant rendered once; the
section "Email: reader variants" records both.

Postfix comes from Debian (``postfix``; only its binaries are used, the service is never
started); the bench installs it non-interactively when ``smtp-sink`` is missing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import smtplib
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import machine, peak_rss_mib, write_section
from syndicate.newsletter.render import GMAIL_CLIP_BYTES

SIZES = (10_000, 100_000)
POOL, CONCURRENCY, BATCH = 8, 32, 500
NAIVE_MESSAGES = 3_000
SOURCE_MESSAGES = 20_000
NOW = datetime(2022, 3, 24, 23, 0, tzinfo=UTC)
SEED = Path(__file__).resolve().parent.parent / "tests" / "data" / "issues"
Result = dict[str, Any]


def ensure_postfix() -> None:
    """Install Debian's postfix (binaries only) if ``smtp-sink`` is missing."""
    if shutil.which("smtp-sink") and shutil.which("smtp-source"):
        return
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    preseed = "postfix postfix/main_mailer_type select No configuration\n"
    subprocess.run(["debconf-set-selections"], input=preseed, text=True, check=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "postfix"],
                   check=True, env=env)  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def smtp_sink() -> Iterator[int]:
    port = free_port()
    proc = subprocess.Popen(["smtp-sink", "-u", "nobody", f"127.0.0.1:{port}", "1024"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield port
    finally:
        proc.terminate()
        proc.wait(10)


def _settings(tmp: Path, port: int) -> Any:
    from syndicate.config import load_settings

    env = {"SYNDICATE_DATA_DIR": str(tmp), "SYNDICATE_SMTP": f"smtp://127.0.0.1:{port}",
           "SYNDICATE_SECRET_KEY": "bench-secret"}  # fmt: skip
    settings = load_settings(None, env)
    return replace(settings, email_from="newsletter@news.example.org", email_rate=0.0,
                   email_pool_size=POOL, email_concurrency=CONCURRENCY, email_batch=BATCH,
                   base_url="https://news.example.org")  # fmt: skip


def _populate(settings: Any, n: int) -> Any:
    """The seed issue and ``n`` confirmed subscribers (not timed)."""
    from syndicate.store.catalog import paper_id
    from syndicate.store.engine import ensure_schema
    from syndicate.store.ingest import ingest_bytes
    from syndicate.store.schema import subscribers

    engine = ensure_schema(settings)
    seed = sorted(SEED.glob("000_*.txt"))[0]
    ingest_bytes(engine, settings, seed.read_bytes(), source=seed.name, now=NOW)
    with engine.begin() as conn:
        pid = paper_id(conn, settings.paper(None), NOW)
        for start in range(0, n, 10_000):
            rows = [{"paper_id": pid, "email": f"reader{i:06d}@example.cn", "name": None,
                     "status": "confirmed", "subscribed_at": NOW, "confirmed_at": NOW}
                    for i in range(start, min(n, start + 10_000))]  # fmt: skip
            conn.execute(subscribers.insert(), rows)
    return engine


def _spread_variants(engine: Any, n: int) -> None:
    """Two thirds of the readers get one of 12 preference variants (not timed): 简体 or 繁體
    (TW, HK) × every page, page 1, pages 1 and 3, page 2. Content stays the lead form: a
    full-text reader's message is larger (see "Size" above), and bytes, not variants, set
    its rate."""
    from syndicate.store.schema import subscriber_prefs

    variants = [("summary", script, pages) for script in ("hans", "hant-tw", "hant-hk")
                for pages in (None, [1], [1, 3], [2])]  # fmt: skip
    rows: list[dict[str, Any]] = []
    for i in range(n):
        if i % 3 == 0:
            continue
        content, script, pages = variants[len(rows) % len(variants)]
        rows.append({"subscriber_id": i + 1, "frequency": "issue", "content": content,
                     "script": script, "pages": pages, "updated_at": NOW})  # fmt: skip
    with engine.begin() as conn:
        for start in range(0, len(rows), 10_000):
            conn.execute(subscriber_prefs.insert(), rows[start : start + 10_000])


def case_syndicate(n: int, port: int, variants: int = 0) -> Result:
    """One send of the seed issue to ``n`` subscribers; run in a fresh process."""
    from syndicate.newsletter.delivery import job_for, load_editions, send_with_transport

    with tempfile.TemporaryDirectory() as tmp:
        settings = _settings(Path(tmp), port)
        engine = _populate(settings, n)
        if variants:
            _spread_variants(engine, n)
        t0 = time.perf_counter()
        nl = load_editions(engine, settings, "jngx/2022-03-25", NOW)
        job = job_for(settings, "jngx/2022-03-25")
        summary = asyncio.run(send_with_transport(engine, settings, nl, job, lambda: NOW, None))
        seconds = time.perf_counter() - t0
        engine.dispose()
    assert summary.counts == {"sent": n}, summary.counts
    rss = peak_rss_mib()
    return {"n": n, "seconds": seconds, "rate": n / seconds, "rss_mb": rss,
            "connects": summary.connects, "renders": nl.renders}  # fmt: skip


def case_smtplib(n: int, port: int) -> Result:
    """The naive loop: one smtplib connection per message, same messages, no ledger."""
    from syndicate.newsletter.delivery import load_newsletter
    from syndicate.newsletter.render import Recipient
    from syndicate.newsletter.tokens import unsubscribe_token

    with tempfile.TemporaryDirectory() as tmp:
        settings = _settings(Path(tmp), port)
        engine = _populate(settings, 1)
        nl = load_newsletter(engine, settings, "jngx/2022-03-25", NOW)
        engine.dispose()
        t0 = time.perf_counter()
        for i in range(n):
            to = f"reader{i:06d}@example.cn"
            data = nl.message(Recipient(to, None, unsubscribe_token("bench", i, to)))
            with smtplib.SMTP("127.0.0.1", port, local_hostname="bench.local") as smtp:
                smtp.sendmail(settings.email_from, [to], data)
        seconds = time.perf_counter() - t0
    return {"n": n, "seconds": seconds, "rate": n / seconds}


def sample_messages(port: int) -> tuple[bytes, bytes]:
    """The seed's newsletter for one subscriber: lead form, and full text."""
    from syndicate.newsletter.delivery import load_newsletter
    from syndicate.newsletter.render import Recipient

    reader = Recipient("reader000000@example.cn", None, "1.0123456789ab.c2lnbmF0dXJlMTIzNDU2Nzg")
    out = []
    for full in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            settings = replace(_settings(Path(tmp), port), email_full_text=full)
            engine = _populate(settings, 1)
            out.append(load_newsletter(engine, settings, "jngx/2022-03-25", NOW).message(reader))
            engine.dispose()
    return out[0], out[1]


def case_smtp_source(port: int, message: bytes, reuse: bool) -> Result:
    with tempfile.NamedTemporaryFile(suffix=".eml") as f:
        f.write(message.replace(b"\r\n", b"\n"))
        f.flush()
        cmd = ["smtp-source", "-s", "16", "-m", str(SOURCE_MESSAGES), "-F", f.name,
               "-f", "newsletter@news.example.org", "-t", "reader@example.cn",
               f"127.0.0.1:{port}"]  # fmt: skip
        if reuse:
            cmd.insert(1, "-d")
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        seconds = time.perf_counter() - t0
    return {"n": SOURCE_MESSAGES, "seconds": seconds, "rate": SOURCE_MESSAGES / seconds}


def in_subprocess(*args: str) -> Result:
    cmd = [sys.executable, "-m", "bench.email", "--case", *args]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def report(results: dict[str, Result], sizes: list[int], message: bytes, full: bytes) -> str:
    source = results["smtp-source -d"]["rate"]
    rows = ["| sender | messages | msgs/s | vs smtp-source -d | peak RSS | connections |",
            "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    for n in sizes:
        r = results[f"syndicate {n}"]
        rows.append(f"| syndicate send ({POOL} aiosmtplib connections, pipelined, "
                    f"{CONCURRENCY} in flight, ledger on SQLite) | {n:,} | {r['rate']:,.0f} | "
                    f"{r['rate'] / source:.2f}x | "
                    f"{r['rss_mb']:.0f} MB | {r['connects']} |")  # fmt: skip
    naive = results["smtplib"]
    n, rate = naive["n"], naive["rate"]
    rows.append(f"| naive smtplib loop, a connection per message, no ledger | {n:,} | "
                f"{rate:,.0f} | {rate / source:.2f}x | | {n:,} |")  # fmt: skip
    for key, label in (("smtp-source -d", "16 sessions, reused (-d)"),
                       ("smtp-source", "16 sessions, a connection per message")):  # fmt: skip
        r = results[key]
        rows.append(f"| Postfix smtp-source (C), {label} | {r['n']:,} | {r['rate']:,.0f} | "
                    f"{r['rate'] / source:.2f}x | | |")  # fmt: skip
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return "\n".join([
        f"Machine: {machine()}.",
        "",
        *textwrap.wrap(
        "Command: `make bench` (`python -m bench email`). Every sender delivers the seed's "
        f"newsletter ({len(message):,} bytes, lead form, personal To/Message-ID/unsubscribe "
        "token) to Postfix `smtp-sink` on loopback, in one run; each `syndicate` size runs in "
        "a fresh process (peak RSS is its `VmHWM`) and includes enqueueing, claiming and "
        "group-committing every outcome to the ledger (SQLite, `synchronous=FULL`). DKIM off "
        "(dkimpy's pure-Python RSA signs about 100 messages/s; let the relay sign). "
        f"Load average at the end: {load}; the machine is shared, so compare within a run.",
        width=92),
        "",
        *rows,
        "",
        *textwrap.wrap(
        f"Size of the seed's newsletter: {len(message):,} bytes with ~120-character leads, "
        f"{len(full):,} bytes with `email_full_text = true`; Gmail clips a message over "
        f"{GMAIL_CLIP_BYTES:,} bytes (102 KB), so both arrive whole. "
        "`syndicate render KEY --channel email` and `send --dry-run` report the size of every "
        "issue.", width=92),
    ])  # fmt: skip


def run_variants(sizes: list[int], write: bool, repeat: int = 2) -> int:
    """The single-variant send and the 12-variant send, side by side per size, alternating
    ``repeat`` times (the best of each: the machine is shared, load comes and goes)."""
    ensure_postfix()
    rows = ["| readers | single variant msgs/s | 12 variants msgs/s | ratio | renders | "
            "peak RSS (single / variants) |", "|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    with smtp_sink() as port:
        for n in sizes:
            ones, manys = [], []
            for _ in range(repeat):
                ones.append(in_subprocess("syndicate", str(n), str(port), "0"))
                manys.append(in_subprocess("syndicate", str(n), str(port), "1"))
            one = max(ones, key=lambda r: r["rate"])
            many = max(manys, key=lambda r: r["rate"])
            ratio = many["rate"] / one["rate"]
            print(f"{n}: single {one['rate']:,.0f}/s, variants {many['rate']:,.0f}/s "
                  f"({ratio:.2f}x, {many['renders']} renders)", flush=True)  # fmt: skip
            rows.append(f"| {n:,} | {one['rate']:,.0f} | {many['rate']:,.0f} | {ratio:.2f}x | "
                        f"{one['renders']} / {many['renders']} | "
                        f"{one['rss_mb']:.0f} / {many['rss_mb']:.0f} MB |")  # fmt: skip
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    body = "\n".join([
        f"Machine: {machine()}.",
        "",
        *textwrap.wrap(
        "Command: `python -m bench.email --variants`. The seed's newsletter to N readers "
        "through `smtp-sink`, as in the section above, twice in one run: every reader on "
        "the paper's own edition, then two thirds of them spread over 12 preference variants "
        "(hans/hant-tw/hant-hk x every page/page 1/pages 1,3/page 2; leads, as a full-text "
        "message is larger and its rate follows its bytes), each variant rendered once "
        "(`renders`) and reused for every reader with it; each case ran "
        f"{repeat} times, alternating, and the best rate is shown. The target: the variant send "
        f"within 10% of the single-variant one. Load average at the end: {load}.", width=92),
        "",
        *rows,
    ])  # fmt: skip
    print(body)
    if write:
        write_section("Email: reader variants", body)
    return 0


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.email")
    p.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    p.add_argument("--no-write", action="store_true")
    p.add_argument("--case", nargs="+", help=argparse.SUPPRESS)
    p.add_argument("--variants", action="store_true", help="Single vs 12-variant send only.")
    args = p.parse_args(argv)
    if args.variants and not args.case:
        return run_variants([int(s) for s in args.sizes.split(",")], not args.no_write)
    if args.case:
        kind, *rest = args.case
        result = (case_syndicate if kind == "syndicate" else case_smtplib)(*map(int, rest))
        print(json.dumps(result))
        return 0
    ensure_postfix()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[str, Result] = {}
    with smtp_sink() as port:
        message, full = sample_messages(port)
        for n in sizes:
            results[f"syndicate {n}"] = r = in_subprocess("syndicate", str(n), str(port))
            print(f"syndicate {n}: {r['rate']:,.0f} msgs/s, {r['rss_mb']:.0f} MB", flush=True)
        results["smtplib"] = r = in_subprocess("smtplib", str(NAIVE_MESSAGES), str(port))
        print(f"smtplib: {r['rate']:,.0f} msgs/s", flush=True)
        for reuse in (True, False):
            key = "smtp-source -d" if reuse else "smtp-source"
            results[key] = r = case_smtp_source(port, message, reuse)
            print(f"{key}: {r['rate']:,.0f} msgs/s", flush=True)
    body = report(results, sizes, message, full)
    print(body)
    if not args.no_write:
        write_section("Email", body)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
