"""Development secrets: a key read from the environment, or else made once in the data dir.

``SYNDICATE_SECRET_KEY`` (signs subscription links) and ``SYNDICATE_ADMIN_TOKEN`` (the admin
page's password) come from the environment in production. Without them a development value
is generated once, kept in the data dir with mode 0600, and reused; a warning says so.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

log = logging.getLogger("syndicate.keys")


def dev_secret(configured: str, path: Path, *, nbytes: int, variable: str, why: str) -> str:
    """``configured`` when set, else the key in ``path`` (made on first use)."""
    if configured:
        return configured
    try:
        key = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = ""
    if key:
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(nbytes)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key + "\n")
    log.warning("%s is unset: generated a development value in %s; %s", variable, path, why)
    return key
