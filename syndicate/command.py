"""What every ``syndicate`` command shares: the one-line user error (exit status 2), the
``--config`` option, and reading the settings. ``cli.py`` and each channel's commands import
it; it imports no command module, so there is no cycle.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date as Date
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from syndicate.config import Settings, load_settings
from syndicate.errors import ConfigError

F = TypeVar("F", bound=Callable[..., Any])


class UserError(click.ClickException):
    """A one-line error for the user; exit status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.message}", err=True)


def fail(what: str, why: str) -> NoReturn:
    raise UserError(f"{what}: {why}")


def read_settings(config_path: str | None) -> Settings:
    """Read the config file (``--config``, ``$SYNDICATE_CONFIG``, ``config/syndicate.toml``)."""
    explicit = config_path or os.environ.get("SYNDICATE_CONFIG")
    path = Path(explicit or "config/syndicate.toml")
    text: str | None = None
    if path.exists():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            fail(str(path), f"cannot read the config file ({e})")
    elif explicit:
        fail(str(path), "no such config file; check --config or SYNDICATE_CONFIG")
    try:
        return load_settings(text, os.environ)
    except ConfigError as e:
        fail(str(path), str(e))


def config_option(f: F) -> F:
    return click.option(
        "--config",
        "config_path",
        default=None,
        metavar="PATH",
        help="Config file (default: $SYNDICATE_CONFIG, else config/syndicate.toml).",
    )(f)


def parse_date_option(value: str | None) -> Date | None:
    if value is None:
        return None
    try:
        return Date.fromisoformat(value)
    except ValueError:
        fail("--date", f"'{value}' is not a date; use YYYY-MM-DD")
