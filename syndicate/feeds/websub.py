"""WebSub (W3C Recommendation) publisher pings: tell each hub that a feed changed.

The feeds link their hubs (``rel="hub"``) and themselves (``rel="self"``); after a publish,
each hub gets one ``POST`` per changed feed with the form ``hub.mode=publish&hub.url=URL``
(the PubSubHubbub publish convention, which the W3C spec leaves to hubs). A hub that is down
or answers an error is logged and reported in the result, never raised: a ping is a
courtesy, and a subscriber's reader still polls.
See https://www.w3.org/TR/websub/#publishing
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("syndicate.feeds.websub")
TIMEOUT = 10.0


@dataclass(frozen=True)
class Ping:
    """One ping's outcome: ``ok`` on a 2xx answer; ``detail`` says what happened."""

    hub: str
    url: str
    ok: bool
    detail: str


def ping_hubs(
    hubs: Sequence[str], urls: Sequence[str], *, client: httpx.Client | None = None
) -> list[Ping]:
    """Ping every hub about every changed feed URL; never raises for a hub's failure."""
    if not hubs or not urls:
        return []
    import httpx  # only when there is a hub to ping (~0.1 s of start-up otherwise)

    own = client is None
    http = client or httpx.Client(timeout=TIMEOUT, headers={"User-Agent": "syndicate"})
    try:
        return [_ping(http, hub, url) for hub in hubs for url in urls]
    finally:
        if own:
            http.close()


def _ping(http: httpx.Client, hub: str, url: str) -> Ping:
    import httpx

    try:
        r = http.post(hub, data={"hub.mode": "publish", "hub.url": url})
    except httpx.HTTPError as e:
        detail = f"websub: {hub}: cannot reach the hub ({type(e).__name__}: {e})"
        log.warning(detail)
        return Ping(hub, url, False, detail)
    if r.is_success:
        return Ping(hub, url, True, f"{r.status_code}")
    body = r.text.strip().splitlines()[0][:200] if r.text.strip() else ""
    detail = f"websub: {hub}: publish of {url} answered {r.status_code} {body}".rstrip()
    log.warning(detail)
    return Ping(hub, url, False, detail)
