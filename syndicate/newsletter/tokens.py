"""Signed tokens for the subscriber links, and the secret key they are signed with.

HMAC-signed with itsdangerous (``Signer``: ``body.signature``, URL-safe), one salt per
purpose, so a token made for one link is useless for another:

- **confirm** (double opt-in): ``{subscriber id}.{address hash}.{issued at}``. It expires after
  ``email_confirm_hours``; the age is checked against the ``now`` passed in, so tests need no
  clock tricks.
- **unsubscribe** (RFC 8058 §3.2, "a hard-to-forge component"): ``{subscriber id}.{address
  hash}``. It never expires: newsletters are read months later.

The address hash ties a token to the address it was made for. The key comes from
``SYNDICATE_SECRET_KEY``; when that is unset (the embedded default setup) ``load_secret``
generates a development key into ``{data_dir}/secret_key`` once and says so.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from itsdangerous import BadSignature, Signer

from syndicate.config import Settings
from syndicate.errors import SyndicateError
from syndicate.keys import dev_secret

log = logging.getLogger(__name__)
CONFIRM_SALT = "syndicate.subscribe.confirm"
UNSUBSCRIBE_SALT = "syndicate.unsubscribe"
#: A confirm token "issued" further in the future than this is forged or from a bad clock.
CLOCK_SKEW_SECONDS = 300


class TokenError(SyndicateError):
    """A link token is invalid (tampered, for another purpose) or expired."""


@dataclass(frozen=True)
class TokenSubject:
    """Who a valid token speaks for."""

    subscriber_id: int
    address_hash: str

    def matches(self, address: str) -> bool:
        return secrets.compare_digest(self.address_hash, address_hash(address))


def address_hash(address: str) -> str:
    return hashlib.sha256(address.lower().encode("utf-8")).hexdigest()[:12]


def _dated_token(salt: str, secret: str, subscriber_id: int, address: str, now: datetime) -> str:
    """``{id}.{address hash}.{issued at}``, signed with ``salt``."""
    return _sign(secret, salt, f"{subscriber_id}.{address_hash(address)}.{int(now.timestamp())}")


def _read_dated(
    salt: str, secret: str, token: str, now: datetime, max_age: float, expired: str
) -> TokenSubject:
    """The subject of a dated token; ``TokenError`` (``expired`` when too old) otherwise."""
    subject, extra = _load(secret, salt, token, 1)
    age = now.timestamp() - extra[0]
    if age > max_age or age < -CLOCK_SKEW_SECONDS:
        raise TokenError(expired)
    return subject


def confirm_token(secret: str, subscriber_id: int, address: str, *, now: datetime) -> str:
    return _dated_token(CONFIRM_SALT, secret, subscriber_id, address, now)


def read_confirm_token(secret: str, token: str, *, now: datetime, max_age: float) -> TokenSubject:
    """The subject of a confirm token; ``TokenError`` if tampered or older than ``max_age`` s."""
    expired = "this confirmation link has expired; subscribe again for a new one"
    return _read_dated(CONFIRM_SALT, secret, token, now, max_age, expired)


def unsubscribe_token(secret: str, subscriber_id: int, address: str) -> str:
    return _sign(secret, UNSUBSCRIBE_SALT, f"{subscriber_id}.{address_hash(address)}")


def read_unsubscribe_token(secret: str, token: str) -> TokenSubject:
    return _load(secret, UNSUBSCRIBE_SALT, token, 0)[0]


@functools.lru_cache(maxsize=32)
def _signer(secret: str, salt: str) -> Signer:
    """One Signer per key and salt: making one derives its key (an HMAC), which was most of
    the cost of a token (~50 µs to ~20 µs per newsletter message)."""
    return Signer(secret, salt=salt)


def _sign(secret: str, salt: str, body: str) -> str:
    """``Signer(secret, salt=salt).sign(body)``, byte for byte, at a third of the cost: the
    derived key's HMAC state is made once per key and salt and copied per token (itsdangerous
    derives the key again on every call; a newsletter message signs two tokens)."""
    mac = _mac(secret, salt).copy()
    mac.update(body.encode("ascii"))
    return f"{body}.{base64.urlsafe_b64encode(mac.digest()).rstrip(b'=').decode('ascii')}"


@functools.lru_cache(maxsize=32)
def _mac(secret: str, salt: str) -> hmac.HMAC:
    signer = _signer(secret, salt)
    if signer.key_derivation != "django-concat" or signer.sep != b".":
        raise AssertionError("the fast signer assumes itsdangerous' defaults")
    return hmac.new(signer.derive_key(), digestmod=hashlib.sha1)


def _load(secret: str, salt: str, token: str, extra: int) -> tuple[TokenSubject, list[int]]:
    """``id.hash[.extra ints]`` from a token signed with ``salt``."""
    try:
        body = _signer(secret, salt).unsign(token).decode("ascii")
    except (BadSignature, UnicodeDecodeError) as e:
        raise TokenError("this link is not valid (it was changed or cut short)") from e
    parts = body.split(".")
    ok = len(parts) == 2 + extra and re.fullmatch(r"[0-9a-f]{12}", parts[1]) is not None
    numbers = [parts[0], *parts[2:]]
    if not ok or not all(n.isdigit() and n.isascii() for n in numbers):
        raise TokenError("this link is not valid (unexpected contents)")
    return TokenSubject(int(parts[0]), parts[1]), [int(n) for n in parts[2:]]


def load_secret(settings: Settings) -> str:
    """``SYNDICATE_SECRET_KEY``, or the development key in the data dir (made once)."""
    return dev_secret(
        settings.secret_key,
        settings.data_dir / "secret_key",
        nbytes=32,
        variable="SYNDICATE_SECRET_KEY",
        why="set it in production (links signed with it stop working when it changes)",
    )


PREFS_SALT = "syndicate.preferences"


def prefs_token(secret: str, subscriber_id: int, address: str, *, now: datetime) -> str:
    """The preference-center link's token: ``{id}.{address hash}.{issued at}``."""
    return _dated_token(PREFS_SALT, secret, subscriber_id, address, now)


def read_prefs_token(secret: str, token: str, *, now: datetime, max_age: float) -> TokenSubject:
    """The subject of a preference link; ``TokenError`` if tampered or older than ``max_age``."""
    expired = "this settings link has expired; use the link in a newer newsletter"
    return _read_dated(PREFS_SALT, secret, token, now, max_age, expired)
