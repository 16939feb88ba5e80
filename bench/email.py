"""Email bench: the seed's newsletter to 10,000 and 100,000 subscribers through Postfix's
``smtp-sink`` on loopback, with the ledger (SQLite) committed as in production, and the DKIM
signing rate.

    python -m bench.email [--sizes 10000,100000] [--no-write]
    python -m bench.email --variants [--sizes 10000,100000] [--no-write]

In the same run, against the same ``smtp-sink``:

- ``syndicate``: ``send_newsletter`` as ``syndicate send`` runs it (enqueue, claim, render the
  personal parts, send over the adaptive pool of persistent connections, group-commit every
  outcome) with the shipped settings (nothing set but the From address), then with tuned
  ones beside them (``TUNED``), then shipped with DKIM (RSA-2048) on; each case in a fresh
  subprocess so its peak RSS (``VmHWM``) is that case's;
- ``smtplib``: the naive baseline, a loop opening one ``smtplib`` connection per message
  (the same personalised messages, no ledger);
- ``smtp-source``: Postfix's C load generator sending the same message file (``-F``), 16
  sessions, with and without connection reuse (``-d``);
- DKIM: signatures per second on the personalised messages with ``dkim_sign`` (RSA-2048 and
  Ed25519 on ``cryptography``) against dkimpy's ``dkim.sign`` (the baseline), one core.

``--variants`` (issue 14) runs only ``syndicate`` twice per size, side by side: every reader
on the paper's own edition (the single-variant send), and two thirds of them spread over 12
preference variants (简体/繁體 TW/HK × four page choices), each variant rendered once; the
section "Email: reader variants" records both.

Postfix comes from Debian (``postfix``; only its binaries are used, the service is never
started); the bench installs it non-interactively when ``smtp-sink`` is missing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
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
#: Tuned beside the shipped settings: more connections, more in flight, bigger batches.
TUNED = {"email_pool_size": 32, "email_concurrency": 64, "email_batch": 1000}
DKIM_SIZE = 10_000
SIGN_SECONDS = 2.0
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


def _settings(tmp: Path, port: int, **changes: Any) -> Any:
    """The shipped settings but for the From address and the URLs (and ``changes``)."""
    from syndicate.config import load_settings

    env = {"SYNDICATE_DATA_DIR": str(tmp), "SYNDICATE_SMTP": f"smtp://127.0.0.1:{port}",
           "SYNDICATE_SECRET_KEY": "bench-secret"}  # fmt: skip
    settings = load_settings(None, env)
    return replace(settings, email_from="newsletter@news.example.org",
                   base_url="https://news.example.org", **changes)  # fmt: skip


def _dkim_key(tmp: Path, kind: str) -> Path:
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

    key = rsa.generate_private_key(65537, 2048) if kind == "rsa" else (
        ed25519.Ed25519PrivateKey.generate())  # fmt: skip
    path = tmp / f"{kind}.pem"
    path.write_bytes(key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8,
                                       ser.NoEncryption()))  # fmt: skip
    return path


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


def case_syndicate(n: int, port: int, variant: str = "shipped") -> Result:
    """One send of the seed issue to ``n`` subscribers; run in a fresh process. ``variant``:
    ``shipped``, ``two`` (shipped but ``email_processes = 2``), ``tuned`` (``TUNED``),
    ``dkim`` (shipped, signing with RSA-2048) or
    ``prefs`` (shipped, two thirds of the readers on 12 preference variants, issue 14)."""
    from syndicate.newsletter.delivery import (
        job_for,
        load_editions,
        run_loop,
        send_with_transport,
    )

    with tempfile.TemporaryDirectory() as tmp:
        changes: dict[str, Any] = dict(TUNED) if variant == "tuned" else {}
        if variant == "two":
            changes["email_processes"] = 2
        if variant == "dkim":
            changes |= {"email_dkim_key": str(_dkim_key(Path(tmp), "rsa")),
                        "email_dkim_selector": "bench"}  # fmt: skip
        settings = _settings(Path(tmp), port, **changes)
        # the store is filled by another process, so this one's peak RSS is the send's
        # (imports, rendering, sending), as in a `syndicate send` process
        in_subprocess("populate", tmp, str(port), str(n), variant)
        from syndicate.store.engine import ensure_schema

        engine = ensure_schema(settings)
        t0, cpu0 = time.perf_counter(), _cpu_with_children()
        with _helper_rss() as (helpers_rss, pss):
            nl = load_editions(engine, settings, "jngx/2022-03-25", NOW)
            job = job_for(settings, "jngx/2022-03-25")
            summary = run_loop(send_with_transport(engine, settings, nl, job, lambda: NOW,
                                                   None, processes=0))  # fmt: skip
        seconds, cpu = time.perf_counter() - t0, _cpu_with_children() - cpu0
        engine.dispose()
    assert summary.counts == {"sent": n}, summary.counts
    own = peak_rss_mib()
    return {"n": n, "seconds": seconds, "rate": n / seconds, "rss_mb": own + sum(helpers_rss),
            "rss_parts": [own, *helpers_rss], "pss_mb": max(pss, default=0.0),
            "cpu_us": cpu / n * 1e6, "renders": nl.renders,
            "processes": max(1, len(summary.shares)), "shares": list(summary.shares),
            "connects": summary.connects, "pool": settings.email_pool_size,
            "concurrency": settings.email_concurrency, "batch": settings.email_batch}  # fmt: skip


def _cpu_with_children() -> float:
    """CPU seconds of this process and of its ended (waited-for) children: the send helpers."""
    me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _proc_mib(pid: int | str, name: str, file: str = "status") -> float | None:
    """A ``name: N kB`` line of ``/proc/PID/file``, in MiB."""
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(name):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


@contextmanager
def _helper_rss() -> Iterator[tuple[list[float], list[float]]]:
    """Peak RSS (``VmHWM``, MiB) of each send helper process (``fanout.py``) started inside
    the block, read from /proc every 0.1 s while it lives (the high-water mark only grows);
    and the sum of this process's and the helpers' PSS at each sample (shared pages, such as
    the interpreter's and the libraries', counted once: RSS counts them in every process)."""
    import threading

    peaks: dict[int, float] = {}
    pss: list[float] = []
    done = threading.Event()

    def children() -> set[int]:
        pids: set[int] = set()
        for task in Path("/proc/self/task").iterdir():
            with contextlib.suppress(OSError):
                pids |= {int(p) for p in (task / "children").read_text().split()}
        return pids

    def helper(pid: int) -> bool:
        try:
            return b"syndicate.newsletter.fanout" in Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return False

    def sample() -> None:
        while not done.wait(0.1):
            total = _proc_mib("self", "Pss:", "smaps_rollup") or 0.0
            for pid in filter(helper, children()):
                if (hwm := _proc_mib(pid, "VmHWM:")) is not None:
                    peaks[pid] = hwm
                total += _proc_mib(pid, "Pss:", "smaps_rollup") or 0.0
            pss.append(total)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    out: list[float] = []
    try:
        yield out, pss
    finally:
        done.set()
        thread.join()
        out.extend(peaks.values())


def case_dkim(port: int) -> Result:
    """Signatures per second on the personalised seed newsletter: ``dkim_sign`` (RSA-2048,
    Ed25519) and dkimpy (RSA-2048), each for ``SIGN_SECONDS`` on one core."""
    import dkim

    from syndicate.newsletter.delivery import DKIM_HEADERS, load_newsletter
    from syndicate.newsletter.dkim_sign import load_signer
    from syndicate.newsletter.render import Recipient
    from syndicate.newsletter.tokens import unsubscribe_token

    out: Result = {}
    with tempfile.TemporaryDirectory() as tmp:
        settings = _settings(Path(tmp), port)
        engine = _populate(settings, 1)
        nl = load_newsletter(engine, settings, "jngx/2022-03-25", NOW)
        engine.dispose()
        messages = []
        for i in range(200):
            to = f"reader{i:06d}@example.cn"
            messages.append(nl.message(Recipient(to, None, unsubscribe_token("bench", i, to))))
        rsa_pem = _dkim_key(Path(tmp), "rsa").read_bytes()
        ed_pem = _dkim_key(Path(tmp), "ed25519").read_bytes()

    def dkimpy(m: bytes) -> bytes:
        return bytes(dkim.sign(m, b"bench", b"news.example.org", rsa_pem,
                               canonicalize=(b"relaxed", b"relaxed"),
                               include_headers=DKIM_HEADERS)) + m  # fmt: skip

    cases = {"rsa": load_signer(rsa_pem, selector="bench", domain="news.example.org",
                                headers=DKIM_HEADERS).sign,
             "ed25519": load_signer(ed_pem, selector="bench", domain="news.example.org",
                                    headers=DKIM_HEADERS).sign,
             "dkimpy": dkimpy}  # fmt: skip
    for name, sign in cases.items():
        done, t0, cpu0 = 0, time.perf_counter(), time.process_time()
        while (elapsed := time.perf_counter() - t0) < SIGN_SECONDS:
            sign(messages[done % len(messages)])
            done += 1
        out[name] = done / elapsed
        out[f"{name} per cpu s"] = done / (time.process_time() - cpu0)
    return out


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
        t0, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, check=True, capture_output=True)
        seconds, after = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return {"n": SOURCE_MESSAGES, "seconds": seconds, "rate": SOURCE_MESSAGES / seconds,
            "cpu_us": cpu / SOURCE_MESSAGES * 1e6}  # fmt: skip


def in_subprocess(*args: str) -> Result:
    cmd = [sys.executable, "-m", "bench.email", "--case", *args]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def _label(r: Result, variant: str) -> str:
    what = {"shipped": "**shipped settings**", "tuned": "tuned",
            "two": "shipped settings but two processes (`email_processes = 2`)",
            "dkim": "shipped settings, DKIM RSA-2048 on"}[variant]  # fmt: skip
    each = " each" if r.get("processes", 1) > 1 else ""
    return (
        f"syndicate send, {what} ({_processes(r)}, up to "
        f"{r['pool']} adaptive connections and {r['concurrency']} in flight{each}, batches of "
        f"{r['batch']}, ledger on SQLite)"
    )


def _processes(r: Result) -> str:
    n = r.get("processes", 1)
    return f"{n} process" + ("es" if n > 1 else "")


def _memory(r: Result) -> str:
    """Peak RSS; for several processes the sum of their peaks (each counts the shared
    interpreter and libraries again), their parts, and the peak of their summed PSS."""
    parts = r.get("rss_parts", [r["rss_mb"]])
    if len(parts) < 2:
        return f"{r['rss_mb']:.0f} MB"
    each = " + ".join(f"{p:.0f}" for p in parts)
    return f"{r['rss_mb']:.0f} MB ({each}; PSS {r['pss_mb']:.0f} MB)"


def _reading(results: dict[str, Result], sizes: list[int]) -> str:
    """What the run says about the targets (issue 13): shipped >= 0.6x smtp-source -d, peak RSS
    <= 150 MB and flat, >= 1,000 DKIM-signed messages/s."""
    source = results["smtp-source -d"]
    shipped = [results[f"syndicate shipped {n}"] for n in sizes]
    ratios = ", ".join(f"{r['rate'] / source['rate']:.2f}x at {r['n']:,}" for r in shipped)
    rss = ", ".join(f"{_memory(r)} at {r['n']:,}" for r in shipped)
    cpu = shipped[-1]["cpu_us"] / source["cpu_us"]
    dk = results["dkim"]
    met = "met" if min(r["rate"] for r in shipped) >= 0.6 * source["rate"] else "not met"
    return (
        f"Reading (computed from this run): shipped settings {ratios} of smtp-source -d "
        f"(target 0.6x: {met} in this run); peak RSS {rss} (target 150 MB, flat). The "
        f"sender ({_processes(shipped[-1])}) spends "
        f"{shipped[-1]['cpu_us']:.0f} µs of CPU per message against "
        f"smtp-source's {source['cpu_us']:.0f} ({cpu:.0f}x): where the machine's cores are "
        "busy with other work the ratio falls with the CPU share the sender gets. DKIM: "
        f"{dk['rsa']:,.0f} RSA-2048 and {dk['ed25519']:,.0f} Ed25519 signatures/s "
        f"({dk['rsa per cpu s']:,.0f} and {dk['ed25519 per cpu s']:,.0f} per CPU-second) "
        f"against dkimpy's {dk['dkimpy']:,.0f}."
    )


def report(results: dict[str, Result], sizes: list[int], message: bytes, full: bytes) -> str:
    source = results["smtp-source -d"]["rate"]
    rows = ["| sender | messages | msgs/s | vs smtp-source -d | CPU µs/msg | peak RSS | "
            "connections |", "|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for variant in ("shipped", "two", "tuned", "dkim"):
        for n in sizes:
            if (r := results.get(f"syndicate {variant} {n}")) is None:
                continue
            rows.append(f"| {_label(r, variant)} | {n:,} | {r['rate']:,.0f} | "
                        f"{r['rate'] / source:.2f}x | {r['cpu_us']:.0f} | {_memory(r)} | "
                        f"{r['connects']} |")  # fmt: skip
    naive = results["smtplib"]
    n, rate = naive["n"], naive["rate"]
    rows.append(f"| naive smtplib loop, a connection per message, no ledger | {n:,} | "
                f"{rate:,.0f} | {rate / source:.2f}x | | | {n:,} |")  # fmt: skip
    before, after = results["smtp-source -d"]["before"], results["smtp-source -d"]["after"]
    reused = (f"16 sessions, reused (-d); mean of a run before the syndicate cases "
              f"({before:,.0f}/s) and one after ({after:,.0f}/s)")  # fmt: skip
    for key, label in (("smtp-source -d", reused),
                       ("smtp-source", "16 sessions, a connection per message")):  # fmt: skip
        r = results[key]
        rows.append(f"| Postfix smtp-source (C), {label} | {r['n']:,} | {r['rate']:,.0f} | "
                    f"{r['rate'] / source:.2f}x | {r['cpu_us']:.0f} | | |")  # fmt: skip
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    dk = results["dkim"]
    sign_rows = ["| signer | key | signatures/s | per CPU-second | vs dkimpy |",
                 "|---|---|---:|---:|---:|"]  # fmt: skip
    for name, label, key in (("rsa", "syndicate `dkim_sign` (cryptography)", "RSA-2048"),
                             ("ed25519", "syndicate `dkim_sign` (cryptography)", "Ed25519"),
                             ("dkimpy", "baseline: dkimpy `dkim.sign`", "RSA-2048")):  # fmt: skip
        sign_rows.append(f"| {label} | {key} | {dk[name]:,.0f} | {dk[name + ' per cpu s']:,.0f} | "
                         f"{dk[name] / dk['dkimpy']:.1f}x |")  # fmt: skip
    return "\n".join([
        f"Machine: {machine()}.",
        "",
        *textwrap.wrap(
        "Command: `make bench` (`python -m bench email`). Every sender delivers the seed's "
        f"newsletter ({len(message):,} bytes, lead form, personal To/Message-ID/unsubscribe "
        "token) to Postfix `smtp-sink` on loopback, in one run; each `syndicate` size runs in "
        "a fresh process (peak RSS is its `VmHWM`, plus each helper "
        "send process's; the subscribers are inserted by another process first) and "
        "includes enqueueing, claiming and "
        "group-committing every outcome to the ledger (SQLite, `synchronous=FULL`). Shipped "
        "settings: nothing set but the From address (no rate cap, the pool starts at 2 "
        f"connections and grows while the relay accepts); tuned: {TUNED}. CPU µs/msg is "
        "the sender's own CPU time (all its threads and helper processes; for smtp-source, "
        "its process) per "
        "message: unlike msgs/s it barely moves with the machine's load. "
        f"Load average at the end: {load}; the machine is shared, so compare within a run.",
        width=92),
        "",
        *rows,
        "",
        *textwrap.wrap(
        "DKIM signing (relaxed/relaxed, the newsletter's ten headers), one core, "
        f"{SIGN_SECONDS:g} s per signer over 200 personalised copies of the seed's newsletter, "
        "same run; per CPU-second is the rate one core gives when the process has it:",
        width=92),
        "",
        *sign_rows,
        "",
        *textwrap.wrap(_reading(results, sizes), width=92),
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
                ones.append(in_subprocess("syndicate", str(n), str(port), "shipped"))
                manys.append(in_subprocess("syndicate", str(n), str(port), "prefs"))
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
        if kind == "populate":
            tmp, port, n, variant = rest
            engine = _populate(_settings(Path(tmp), int(port)), int(n))
            if variant == "prefs":
                _spread_variants(engine, int(n))
            engine.dispose()
            result: Result = {}
        elif kind == "syndicate":
            result = case_syndicate(int(rest[0]), int(rest[1]), *rest[2:])
        elif kind == "dkim":
            result = case_dkim(int(rest[0]))
        else:
            result = case_smtplib(*map(int, rest))
        print(json.dumps(result))
        return 0
    ensure_postfix()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[str, Result] = {}
    with smtp_sink() as port:
        message, full = sample_messages(port)
        # smtp-source -d before and after the syndicate cases: the reference is their mean,
        # so a change in the machine's load during the run shows and evens out.
        first = case_smtp_source(port, message, True)
        print(f"smtp-source -d (before): {first['rate']:,.0f} msgs/s", flush=True)
        runs = [(v, n) for v in ("shipped", "two", "tuned") for n in sizes]
        runs.append(("dkim", DKIM_SIZE))
        for variant, n in runs:
            key = f"syndicate {variant} {n}"
            results[key] = r = in_subprocess("syndicate", str(n), str(port), variant)
            print(f"{key}: {r['rate']:,.0f} msgs/s, {r['rss_mb']:.0f} MB", flush=True)
        results["dkim"] = r = in_subprocess("dkim", str(port))
        print("dkim: " + ", ".join(f"{k} {v:,.0f}/s" for k, v in r.items()), flush=True)
        results["smtplib"] = r = in_subprocess("smtplib", str(NAIVE_MESSAGES), str(port))
        print(f"smtplib: {r['rate']:,.0f} msgs/s", flush=True)
        for reuse in (True, False):
            key = "smtp-source -d" if reuse else "smtp-source"
            results[key] = r = case_smtp_source(port, message, reuse)
            print(f"{key}: {r['rate']:,.0f} msgs/s", flush=True)
        last = results["smtp-source -d"]
        results["smtp-source -d"] = {"n": first["n"] + last["n"],
                                     "seconds": first["seconds"] + last["seconds"],
                                     "rate": (first["rate"] + last["rate"]) / 2,
                                     "before": first["rate"], "after": last["rate"],
                                     "cpu_us": (first["cpu_us"] + last["cpu_us"]) / 2}  # fmt: skip
    body = report(results, sizes, message, full)
    print(body)
    if not args.no_write:
        write_section("Email", body)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
