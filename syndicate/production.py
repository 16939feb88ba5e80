"""The production guard: development values that must never reach real subscribers.

Mailing people through a network relay is irreversible: an unsubscribe link to 127.0.0.1, a
From at ``syndicate.invalid``, a secret key generated into the data dir (every link breaks
when the dir moves) and a ``tag_authority`` that can never change after the first feed. Pure:
``dev_defaults`` reads only the settings; ``command.require_production`` is the edge.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from syndicate.config import Settings

#: Names that never resolve to a public site (RFC 2606, RFC 6761).
PLACEHOLDER_TLDS = (".invalid", ".localhost", ".test", ".example", ".local")


def placeholder_host(host: str) -> bool:
    """True for loopback, private or unspecified addresses and names that are not public."""
    host = host.strip("[]").rstrip(".").lower()
    if not host or host == "localhost" or host.endswith(PLACEHOLDER_TLDS):
        return True
    try:
        return not ipaddress.ip_address(host).is_global
    except ValueError:
        return "." not in host  # a bare name (``news``) is an intranet host


def _domain(address: str) -> str:
    return address.rpartition("@")[2]


def dev_defaults(settings: Settings) -> list[tuple[str, str]]:
    """``(key, what is wrong and the fix)`` for each development value in ``settings``."""
    out: list[tuple[str, str]] = []
    host = urlsplit(settings.base_url).hostname or ""
    if placeholder_host(host):
        out.append(("base_url", f"'{settings.base_url}' is not a public address: confirm and "
                    "unsubscribe links would lead nowhere; set SYNDICATE_BASE_URL to the "
                    "site's public URL, e.g. https://news.example.org"))  # fmt: skip
    for key in ("email_from", "email_unsubscribe_mailto"):
        value = getattr(settings, key)
        if value and placeholder_host(_domain(value)):
            out.append((key, f"'{value}' is not a deliverable address; set {key} to a "
                        "mailbox on your domain (covered by SPF and DKIM)"))  # fmt: skip
    if not settings.secret_key:
        out.append(("secret_key", "unset: a development key is generated into the data dir "
                    "and every confirm and unsubscribe link breaks when it moves; set "
                    "SYNDICATE_SECRET_KEY (or SYNDICATE_SECRET_KEY_FILE)"))  # fmt: skip
    for i, paper in enumerate(settings.papers):
        if placeholder_host(paper.tag_authority.partition(",")[0]):
            why = (f"'{paper.tag_authority}' is a placeholder, and feed ids can never change "
                   "once published; set a domain you own and a date it was yours, e.g. "
                   "news.example.org,2026")  # fmt: skip
            out.append((f"papers[{i}].tag_authority", why))
    return out


def network_transport(settings: Settings) -> bool:
    """Whether email leaves the machine (an SMTP relay), not into a Maildir."""
    return bool(settings.smtp) and not settings.smtp.startswith("maildir:")
