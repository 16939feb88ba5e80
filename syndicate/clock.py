"""The clock: the one place below the CLI that asks the time. Everything else takes ``now``
(or a ``clock`` callable) as an argument, so tests pass the time they pretend it is."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, aware, in UTC."""
    return datetime.now(UTC)
