"""Double opt-in: the confirmation mail and the links in it, shared by the web form and the
``subscribers add`` command.

``send_confirmation(settings, subscriber, secret=…, now=…)`` signs a confirm token, renders
the mail (``render.confirmation``) and sends it at once through the configured transport (a
one-connection pool, or the Maildir). It goes out directly rather than through the ledger: it
is one transactional message, and the subscribe form's per-address limit caps how often an
address can be sent one.
"""

from __future__ import annotations

from datetime import datetime

from syndicate import assets
from syndicate.config import Settings
from syndicate.newsletter.confirmation import render_confirmation
from syndicate.newsletter.smtp import Reply, Transport, open_transport, parse_smtp_url
from syndicate.newsletter.subscribers import Subscriber
from syndicate.newsletter.tokens import confirm_token, prefs_token


def confirm_url(settings: Settings, token: str) -> str:
    return f"{settings.base_url.rstrip('/')}/confirm/{token}"


def unsubscribe_url(settings: Settings, token: str) -> str:
    return f"{settings.base_url.rstrip('/')}/u/{token}"


def default_transport(settings: Settings, pool_size: int = 1) -> Transport:
    """The transport ``SYNDICATE_SMTP`` names (default: the Maildir outbox)."""
    url = parse_smtp_url(settings.smtp, settings.outbox_dir)
    return open_transport(
        url,
        pool_size=pool_size,
        timeout=settings.email_timeout,
        data_timeout=settings.email_data_timeout,
    )


async def send_confirmation(
    settings: Settings,
    sub: Subscriber,
    *,
    secret: str,
    now: datetime,
    transport: Transport | None = None,
) -> Reply:
    """Mail ``sub`` its confirmation link; the transport's reply."""
    token = confirm_token(secret, sub.id, sub.email, now=now)
    prefs = prefs_token(secret, sub.id, sub.email, now=now)
    data = render_confirmation(
        assets.environment("email"),
        settings.paper(sub.paper),
        to=sub.email,
        from_address=settings.email_from,
        confirm_url=confirm_url(settings, token),
        hours=settings.email_confirm_hours,
        base_url=settings.base_url,
        now=now,
        prefs_url=f"{settings.base_url.rstrip('/')}/p/{prefs}",
    )
    own = transport is None
    t = transport or default_transport(settings)
    try:
        return await t.send(settings.email_from, sub.email, data)
    finally:
        if own:
            await t.close()
