"""VERP envelope senders: ``bounces+TOKEN@domain`` naming the delivery a bounce is about.

With ``email_return_path = "bounces@news.example.org"`` every message leaves with MAIL FROM
``bounces+TOKEN@news.example.org`` (variable envelope return path), so a bounce, which goes
to the envelope sender, names its delivery row whatever the remote MTA writes in it. The
token is ``{delivery id, base 36}-{HMAC}``: lower case only (some MTAs fold the case of a
local part), short (a local part holds 64 characters) and signed with the secret key, so a
forged bounce cannot suppress somebody else's address.

Pure: no I/O.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from syndicate.errors import SyndicateError

SALT = b"syndicate.verp"
_TOKEN = re.compile(r"([0-9a-z]{1,13})-([0-9a-f]{12})")
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


class VerpError(SyndicateError):
    """A VERP token that was not made with our key (forged or cut short)."""


def _mac(secret: str, body: str) -> str:
    key = hashlib.sha256(SALT + secret.encode("utf-8")).digest()
    return hmac.new(key, body.encode("ascii"), hashlib.sha256).hexdigest()[:12]


def _base36(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = _DIGITS[r] + out
        if n == 0:
            return out


def verp_token(secret: str, delivery_id: int) -> str:
    body = _base36(delivery_id)
    return f"{body}-{_mac(secret, body)}"


def verp_address(return_path: str, secret: str, delivery_id: int) -> str:
    """``local+TOKEN@domain`` for ``return_path`` ``local@domain``."""
    local, _, domain = return_path.rpartition("@")
    return f"{local}+{verp_token(secret, delivery_id)}@{domain}"


def read_verp_token(secret: str, token: str) -> int:
    """The delivery id a token names; ``VerpError`` when it is not ours."""
    m = _TOKEN.fullmatch(token.lower())
    if m is None:
        raise VerpError(f"VERP token '{token[:40]}' is malformed")
    if not hmac.compare_digest(m.group(2), _mac(secret, m.group(1))):
        raise VerpError(f"VERP token '{token[:40]}' is forged (its signature does not match)")
    return int(m.group(1), 36)


def tagged(address: str, base: str) -> str | None:
    """The tag of ``address`` when it is ``base`` with ``+tag`` (``bounces+TAG@d``), "" when it
    is ``base`` itself, None when it is another address. Case-insensitive."""
    local, _, domain = address.strip().strip("<>").rpartition("@")
    base_local, _, base_domain = base.rpartition("@")
    if domain.lower() != base_domain.lower():
        return None
    head, plus, tag = local.partition("+")
    if head.lower() != base_local.lower():
        return None
    return tag if plus else ""
