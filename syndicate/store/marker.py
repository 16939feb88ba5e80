"""The data dir's marker: a file syndicate writes into every data dir it makes, so that
``run`` and ``send`` can tell a data dir of ours from a stray ./var (``command.py``)."""

from __future__ import annotations

from pathlib import Path

from syndicate.errors import ConfigError

MARKER = ".syndicate-data-dir"
TEXT = "This directory is a syndicate data dir (database, inbox, public files, outbox).\n"


def is_data_dir(path: Path) -> bool:
    return (path / MARKER).is_file()


def mark_data_dir(path: Path) -> None:
    """Make ``path`` (and its parents) if needed, and mark it as ours."""
    marker = path / MARKER
    if marker.exists():
        return
    try:
        path.mkdir(parents=True, exist_ok=True)
        marker.write_text(TEXT, encoding="utf-8")
    except OSError as e:
        raise ConfigError(
            f"data dir {path.absolute()}: cannot write there ({e.strerror or e}); set "
            "data_dir (or SYNDICATE_DATA_DIR) to a directory this user can write"
        ) from e
