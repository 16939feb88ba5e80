"""The desk's editors: per-editor logins with scrypt password hashes (``hashlib.scrypt``).

A hash is ``scrypt$N$r$p$SALT$HASH`` (base64), so the cost can rise later without breaking
stored ones. ``check`` takes as long for an unknown name as for a wrong password (it hashes
against a dummy), so the answer tells nobody which names exist.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from syndicate.errors import SyndicateError
from syndicate.store.engine import reading, writing
from syndicate.store.schema import editors

N, R, P = 2**14, 8, 1
MIN_PASSWORD = 10


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=N, r=R, p=P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${N}${R}${P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        got = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
            dklen=len(base64.b64decode(digest)),
        )  # fmt: skip
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


_DUMMY = hash_password("not a password", salt=b"\0" * 16)


def add(db: Engine, name: str, password: str, *, now: datetime) -> None:
    """Create editor ``name``; a taken name or a short password changes nothing."""
    name = name.strip()
    if not name or len(name) > 100:
        raise SyndicateError("an editor's name must be 1 to 100 characters")
    if len(password) < MIN_PASSWORD:
        raise SyndicateError(f"the password is too short; use at least {MIN_PASSWORD} characters")
    try:
        with writing(db) as conn:
            conn.execute(
                editors.insert().values(
                    name=name, password_hash=hash_password(password), created_at=now
                )
            )
    except IntegrityError as e:
        raise SyndicateError(f"editor '{name}' exists already; pick another name") from e


def check(db: Engine, name: str, password: str) -> bool:
    """Whether ``name`` is an editor with this password."""
    with reading(db) as conn:
        stored = conn.execute(
            select(editors.c.password_hash).where(editors.c.name == name.strip())
        ).scalar_one_or_none()
    ok = verify_password(password, stored or _DUMMY)
    return ok and stored is not None


def names(db: Engine) -> list[str]:
    with reading(db) as conn:
        return list(conn.execute(select(editors.c.name).order_by(editors.c.name)).scalars())
