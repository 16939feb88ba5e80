"""The clock: the one place below the CLI that asks the time. Everything else takes ``now``
(or a ``clock`` callable) as an argument, so tests pass the time they pretend it is."""

from __future__ import annotations

import time
from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, aware, in UTC."""
    return datetime.now(UTC)


def wall() -> float:
    """Seconds since the epoch: the shared send-rate schedule (``store/pace.py``) is kept in
    these, so every worker on every host (NTP-synchronised) reads one timeline."""
    return time.time()
