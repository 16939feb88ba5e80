"""Peak RSS against the number of subscribers: does sending to more people cost more memory?

    python -m bench memory [--sizes 1000,10000,100000] [--no-write]     # or: make bench

Every case runs in a fresh process and reports its own peak RSS (``VmHWM``):

- ``syndicate send``: the seed's newsletter to N confirmed subscribers through the ledger, to
  Postfix ``smtp-sink`` on loopback (``bench.email``'s case, as ``syndicate send`` runs it);
- baseline ``floor``: the same process doing everything but sending: Python, syndicate and its
  libraries imported, the database opened, the issue stored, the newsletter rendered once;
- baseline ``all in memory``: what a sender that first builds every personalised message and
  then sends holds at its peak (the subscribers' rows and messages as Python objects), at the
  smaller sizes (at 100,000 it would need about 2 GB).

The email bench (``python -m bench email``) measures the same send for throughput.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

from bench import machine, peak_rss_mib, write_section
from bench.email import NOW, ensure_postfix, in_subprocess, smtp_sink

SIZES = (1_000, 10_000, 100_000)
IN_MEMORY_MAX = 10_000
KEY = "jngx/2022-03-25"


def case_floor() -> dict[str, Any]:
    from bench.email import _populate, _settings
    from syndicate.newsletter.delivery import load_newsletter

    with tempfile.TemporaryDirectory() as tmp:
        settings = _settings(Path(tmp), 25)
        engine = _populate(settings, 0)
        load_newsletter(engine, settings, KEY, NOW)
        engine.dispose()
    return {"rss_mb": peak_rss_mib()}


def case_in_memory(n: int) -> dict[str, Any]:
    from sqlalchemy import select

    from bench.email import _populate, _settings
    from syndicate.newsletter.delivery import load_newsletter
    from syndicate.newsletter.render import Recipient
    from syndicate.newsletter.tokens import unsubscribe_token
    from syndicate.store.schema import subscribers

    with tempfile.TemporaryDirectory() as tmp:
        settings = _settings(Path(tmp), 25)
        engine = _populate(settings, n)
        nl = load_newsletter(engine, settings, KEY, NOW)
        with engine.connect() as conn:
            rows = conn.execute(select(subscribers.c.id, subscribers.c.email)).all()
        messages = [nl.message(Recipient(e, None, unsubscribe_token("k", i, e))) for i, e in rows]
        engine.dispose()
    assert len(messages) == n
    return {"rss_mb": peak_rss_mib(), "bytes": sum(len(m) for m in messages)}


def in_process_case(*args: str) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "bench.memory", "--case", *args]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def report(sizes: list[int], send: dict[int, Any], floor: float, held: dict[int, Any]) -> str:
    rows = ["| subscribers | `syndicate send` peak RSS | baseline: floor (no sending) | "
            "baseline: all messages in memory |", "|---:|---:|---:|---:|"]  # fmt: skip
    for n in sizes:
        mem = f"{held[n]['rss_mb']:.0f} MiB" if n in held else "(not run: ~2 GB)"
        rows.append(f"| {n:,} | {send[n]['rss_mb']:.0f} MiB | {floor:.0f} MiB | {mem} |")
    first, last = send[sizes[0]]["rss_mb"], send[sizes[-1]]["rss_mb"]
    per_message = [(held[n]["rss_mb"] - floor) * 1024 / n for n in held if n >= 10_000]
    return "\n".join([
        f"Machine: {machine()}.",
        "",
        *textwrap.wrap(
            "Command: `make bench` (`python -m bench memory`). Peak RSS (`VmHWM`) of a "
            "fresh process per case: `syndicate send` of the seed's newsletter to N confirmed "
            "subscribers through the ledger (SQLite) to Postfix `smtp-sink`; the floor is the "
            "same process without the sending; the other baseline builds every personalised "
            "message first, as a naive sender would.", width=92),
        "",
        *rows,
        "",
        *textwrap.wrap(
            f"Reading (computed from this run): {sizes[-1] // sizes[0]:,} times the "
            f"subscribers ({sizes[0]:,} to {sizes[-1]:,}) take the sender's peak from "
            f"{first:.0f} to {last:.0f} MiB, {last - floor:.0f} MiB over the floor: rows are "
            "claimed in batches and each message is built, sent and dropped, so memory follows "
            "the batch and the messages in flight, not the list. Holding every message costs "
            + (f"about {per_message[0]:.0f} KiB more per subscriber." if per_message
               else "one message's size per subscriber."), width=92),
    ])  # fmt: skip


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.memory")
    p.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    p.add_argument("--no-write", action="store_true")
    p.add_argument("--case", nargs="+", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.case:
        kind, *rest = args.case
        result = case_floor() if kind == "floor" else case_in_memory(int(rest[0]))
        print(json.dumps(result))
        return 0
    ensure_postfix()
    sizes = [int(s) for s in args.sizes.split(",")]
    floor = in_process_case("floor")["rss_mb"]
    held = {n: in_process_case("memory", str(n)) for n in sizes if n <= IN_MEMORY_MAX}
    send = {}
    with smtp_sink() as port:
        for n in sizes:
            send[n] = in_subprocess("syndicate", str(n), str(port))
            print(f"syndicate send {n}: {send[n]['rss_mb']:.0f} MiB", flush=True)
    body = report(sizes, send, floor, held)
    print(body)
    if not args.no_write:
        write_section("Peak RSS against subscribers", body)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
