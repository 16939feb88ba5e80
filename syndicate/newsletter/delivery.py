"""One issue's newsletter: its options, rendering it once from the store, the DKIM signer,
the send job, and ``send_email``, the whole (blocking) send of one issue through the ledger.

The worker's email channel and ``syndicate send`` both call ``send_email``.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Coroutine
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Engine

from syndicate import assets
from syndicate.clock import utcnow
from syndicate.config import Settings
from syndicate.errors import ConfigError, StoreError
from syndicate.newsletter.editions import Editions, issue_editions
from syndicate.newsletter.fanout import Helpers, process_count
from syndicate.newsletter.headers import domain_of
from syndicate.newsletter.render import Newsletter, NewsletterOptions
from syndicate.newsletter.sender import (
    CHANNEL,
    Job,
    Progress,
    Summary,
    final_summary,
    remaining,
    send_newsletter,
)
from syndicate.newsletter.smtp import Transport, parse_smtp_url
from syndicate.newsletter.tokens import load_secret
from syndicate.store import ledger
from syndicate.store.catalog import load_issue
from syndicate.store.engine import ensure_schema

if TYPE_CHECKING:
    from syndicate.newsletter.dkim_sign import DkimSigner

#: Headers the DKIM signature covers (RFC 8058 §3.1: both List-Unsubscribe fields).
DKIM_HEADERS = [b"From", b"To", b"Subject", b"Date", b"Message-ID", b"List-Id",
                b"List-Unsubscribe", b"List-Unsubscribe-Post", b"MIME-Version",
                b"Content-Type"]  # fmt: skip
log = logging.getLogger(__name__)
T = TypeVar("T")


def newsletter_options(settings: Settings, slug: str) -> NewsletterOptions:
    return NewsletterOptions(
        base_url=settings.base_url,
        paper=settings.paper(slug),
        from_address=settings.email_from,
        from_name=settings.email_from_name,
        list_domain=settings.email_list_domain,
        unsubscribe_mailto=settings.email_unsubscribe_mailto,
        full_text=settings.email_full_text,
    )


def load_newsletter(engine: Engine, settings: Settings, key: str, now: datetime) -> Newsletter:
    """Render the stored issue ``key`` once (the paper's own edition)."""
    return load_editions(engine, settings, key, now).default


def load_editions(engine: Engine, settings: Settings, key: str, now: datetime) -> Editions:
    """The stored issue ``key``'s editions: each reader variant rendered on first use."""
    stored = load_issue(engine, key)
    if stored is None:
        raise StoreError(f"issue '{key}' is not stored; run `syndicate ingest FILE` first")
    stories = [(a.key, a.article) for a in stored.articles]
    options = newsletter_options(settings, stored.summary.paper)
    return issue_editions(assets.environment("email"), stored.issue, stories, options, now=now)


def dkim_signer(settings: Settings) -> Callable[[bytes], bytes] | None:
    """A function signing a message (relaxed/relaxed, ``dkim_sign`` on OpenSSL), or None when
    DKIM is off. With ``email_dkim_ed25519_key`` too, the message carries both signatures."""
    keys = [(settings.email_dkim_key, "email_dkim_key", settings.email_dkim_selector),
            (settings.email_dkim_ed25519_key, "email_dkim_ed25519_key",
             settings.email_dkim_ed25519_selector)]  # fmt: skip
    domain = settings.email_dkim_domain or domain_of(settings.email_from)
    signers = [_load_signer(path, key, selector, domain) for path, key, selector in keys if path]
    if not signers:
        return None

    def sign(message: bytes) -> bytes:
        return b"".join(s.signature(message) for s in reversed(signers)) + message

    return sign


def _load_signer(path: str, key: str, selector: str, domain: str) -> DkimSigner:
    from syndicate.newsletter.dkim_sign import DkimKeyError, load_signer  # only with DKIM on

    try:
        pem = Path(path).read_bytes()
    except OSError as e:
        raise ConfigError(f"Config '{key}': cannot read the key file ({e})") from e
    try:
        return load_signer(pem, selector=selector, domain=domain, headers=DKIM_HEADERS)
    except DkimKeyError as e:
        raise ConfigError(f"Config '{key}': {path} is {e}") from e


def job_for(settings: Settings, key: str) -> Job:
    return Job(
        issue_key=key,
        sender=settings.email_from,
        secret=load_secret(settings),
        concurrency=settings.email_concurrency,
        rate=settings.email_rate,
        batch=settings.email_batch,
        retry_seconds=settings.email_retry_seconds,
        retry_max_age=timedelta(hours=settings.email_retry_max_hours),
        policy=settings.unknown_policy,
        max_message_seconds=3 * settings.email_timeout + settings.email_data_timeout,
        sign=dkim_signer(settings),
        return_path=settings.email_return_path,
    )


def run_loop(main: Coroutine[Any, Any, T]) -> T:
    """Run a send on uvloop (libuv, in C) when it is installed, else on asyncio's own loop.
    A send is event-loop bound: per message two writes, two reads, two waits and two timers;
    on the bench (20k, one process, 3 alternating runs each) uvloop took the sender's CPU per
    message from ~295 to ~260 µs."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - a dependency; an install without it still sends
        return asyncio.run(main)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(main)


def send_email(
    settings: Settings,
    key: str,
    *,
    clock: Callable[[], datetime],
    on_progress: Callable[[Progress], None] | None = None,
    stop: threading.Event | None = None,
    enqueue: bool = False,
    processes: int = 0,
) -> Summary:
    """Send the due rows of issue ``key`` now (blocking); ``enqueue``: first add a row for
    every confirmed subscriber (``syndicate send``; the worker enqueues when it plans).
    ``processes``: 0, as many as ``email_processes`` and the due rows give (``fanout``)."""
    engine = ensure_schema(settings)
    try:
        nl = load_editions(engine, settings, key, clock())
        job = replace(job_for(settings, key), enqueue=enqueue)
        return run_loop(
            send_with_transport(
                engine, settings, nl, job, clock, on_progress, stop, processes=processes
            )
        )
    finally:
        engine.dispose()


async def send_with_transport(
    engine: Engine,
    settings: Settings,
    nl: Newsletter | Editions,
    job: Job,
    clock: Callable[[], datetime],
    on_progress: Callable[[Progress], None] | None,
    stop: threading.Event | None = None,
    *,
    processes: int = 1,
) -> Summary:
    """``job`` through the configured transport. ``processes`` (SMTP, one issue's email only):
    0, as ``email_processes`` and the due rows give; more than 1, that many in all, the rest
    helper processes sharing the ledger (``fanout.py``)."""
    helpers: Helpers | None = None
    if processes != 1 and job.channel == CHANNEL and not _maildir(settings):
        if job.enqueue:  # first, so the helpers find the rows and the count is known
            await asyncio.to_thread(
                ledger.enqueue_subscribers, engine, issue_key=job.issue_key, now=clock()
            )
            job = replace(job, enqueue=False)
        due = await asyncio.to_thread(remaining, engine, job, clock())
        n = processes or process_count(settings, due)
        if n > 1:
            fixed = None if clock is utcnow else clock()
            helpers = Helpers(settings, job.issue_key, n - 1, fixed)
            helpers.start()
    try:
        transport = default_transport_for(settings)
        try:
            report = on_progress if helpers is None else _merged(helpers, on_progress)
            summary = await send_newsletter(
                engine, nl, job, transport=transport, clock=clock, on_progress=report, stop=stop
            )
        finally:
            await transport.close()
        if helpers is None:
            return summary
        return await _with_helpers(engine, settings, nl, job, clock, on_progress, stop,
                                   helpers, summary)  # fmt: skip
    finally:  # however this ends, the helpers stop claiming and are waited for
        if helpers is not None:
            helpers.stop()
            await asyncio.to_thread(helpers.close)


def _maildir(settings: Settings) -> bool:
    return parse_smtp_url(settings.smtp, settings.outbox_dir).scheme == "maildir"


def _merged(
    helpers: Helpers, on_progress: Callable[[Progress], None] | None
) -> Callable[[Progress], None]:
    """The parent's progress plus what every helper last reported."""

    def report(p: Progress) -> None:
        if on_progress is not None:
            on_progress(_plus(p, helpers.totals()))

    return report


def _plus(p: Progress, counts: tuple[int, int, int, int]) -> Progress:
    """``p`` with (sent, failed, retry, unknown) ``counts`` added."""
    sent, failed, retry, unknown = counts
    return Progress(p.total, p.sent + sent, p.failed + failed, p.retry + retry,
                    p.unknown + unknown, p.started)  # fmt: skip


async def _with_helpers(
    engine: Engine,
    settings: Settings,
    nl: Newsletter | Editions,
    job: Job,
    clock: Callable[[], datetime],
    on_progress: Callable[[Progress], None] | None,
    stop: threading.Event | None,
    helpers: Helpers,
    own: Summary,
) -> Summary:
    """Wait for the helpers (forwarding their progress and ``stop``); if one died, take its
    rows back and send them here; the summary of the whole send."""
    report = _merged(helpers, on_progress)
    while helpers.running():
        if stop is not None and stop.is_set():
            helpers.stop()
        report(own.progress)
        await asyncio.sleep(0.05)
    report(own.progress)
    progress = own.progress
    aborted = own.aborted or next((c.aborted for c in helpers.children if c.aborted), None)
    if helpers.failed() and aborted is None and not (stop is not None and stop.is_set()):
        # a helper died (kill -9, OOM): its rows are ``sending`` under a dead process; the
        # next pass takes them back (``reclaim_dead_owners``) and sends them from here
        log.warning("a send process ended with exit code %s; sending its rows from here",
                    ", ".join(str(c) for c in helpers.failed()))  # fmt: skip
        transport = default_transport_for(settings)
        try:
            again = await send_newsletter(engine, nl, job, transport=transport, clock=clock,
                                          on_progress=None, stop=stop)  # fmt: skip
        finally:
            await transport.close()
        aborted = again.aborted
        a = again.progress
        progress = _plus(progress, (a.sent, a.failed, a.retry, a.unknown))
    merged = _plus(progress, helpers.totals())
    connects = (own.connects or 0) + sum(c.connects for c in helpers.children)
    shares = (own.progress.done, *(sum(c.counts) for c in helpers.children))
    return await asyncio.to_thread(final_summary, engine, job, merged, aborted, connects, shares)


def default_transport_for(settings: Settings) -> Transport:
    """The configured transport with ``email_pool_size`` connections."""
    from syndicate.newsletter.optin import default_transport

    return default_transport(settings, pool_size=settings.email_pool_size)
