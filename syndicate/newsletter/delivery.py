"""One issue's newsletter: its options, rendering it once from the store, the DKIM signer,
the send job, and ``send_email``, the whole (blocking) send of one issue through the ledger.

The worker's email channel and ``syndicate send`` both call ``send_email``.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from syndicate import assets
from syndicate.config import Settings
from syndicate.errors import ConfigError, StoreError
from syndicate.newsletter.editions import Editions, issue_editions
from syndicate.newsletter.headers import domain_of
from syndicate.newsletter.render import Newsletter, NewsletterOptions
from syndicate.newsletter.sender import Job, Progress, Summary, send_newsletter
from syndicate.newsletter.tokens import load_secret
from syndicate.store.catalog import load_issue
from syndicate.store.engine import ensure_schema

if TYPE_CHECKING:
    from syndicate.newsletter.dkim_sign import DkimSigner

#: Headers the DKIM signature covers (RFC 8058 §3.1: both List-Unsubscribe fields).
DKIM_HEADERS = [b"From", b"To", b"Subject", b"Date", b"Message-ID", b"List-Id",
                b"List-Unsubscribe", b"List-Unsubscribe-Post", b"MIME-Version",
                b"Content-Type"]  # fmt: skip


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


def send_email(
    settings: Settings,
    key: str,
    *,
    clock: Callable[[], datetime],
    on_progress: Callable[[Progress], None] | None = None,
    stop: threading.Event | None = None,
    enqueue: bool = False,
) -> Summary:
    """Send the due rows of issue ``key`` now (blocking); ``enqueue``: first add a row for
    every confirmed subscriber (``syndicate send``; the worker enqueues when it plans)."""
    engine = ensure_schema(settings)
    try:
        nl = load_editions(engine, settings, key, clock())
        job = replace(job_for(settings, key), enqueue=enqueue)
        return asyncio.run(send_with_transport(engine, settings, nl, job, clock, on_progress, stop))
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
) -> Summary:
    from syndicate.newsletter.optin import default_transport  # SMTP: not for rendering

    transport = default_transport(settings, pool_size=settings.email_pool_size)
    try:
        return await send_newsletter(
            engine, nl, job, transport=transport, clock=clock, on_progress=on_progress, stop=stop
        )
    finally:
        await transport.close()
