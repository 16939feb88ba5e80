"""What every ``syndicate`` command shares: the one-line user error (exit status 2), the
``--config`` option, and reading the settings. ``cli.py`` and each channel's commands import
it; it imports no command module, so there is no cycle.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from datetime import date as Date
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from syndicate.config import Settings, load_settings
from syndicate.errors import ConfigError
from syndicate.secret_files import with_secret_files
from syndicate.store.marker import is_data_dir

F = TypeVar("F", bound=Callable[..., Any])


class UserError(click.ClickException):
    """A one-line error for the user; exit status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.message}", err=True)


def fail(what: str, why: str) -> NoReturn:
    raise UserError(f"{what}: {why}")


DEFAULT_CONFIG = Path("config/syndicate.toml")


def config_file(config_path: str | None) -> Path | None:
    """The config file in use: ``--config``, ``$SYNDICATE_CONFIG``, or ./config/syndicate.toml
    when it exists; None when there is none (the defaults are used)."""
    explicit = config_path or os.environ.get("SYNDICATE_CONFIG")
    if explicit:
        return Path(explicit)
    return DEFAULT_CONFIG if DEFAULT_CONFIG.exists() else None


def read_settings(config_path: str | None) -> Settings:
    """Read the config file (``--config``, ``$SYNDICATE_CONFIG``, ``config/syndicate.toml``).

    With none of them (and no ``SYNDICATE_DATA_DIR``), say so once on stderr, with the data
    dir the defaults put in the current directory: a command run in the wrong directory is
    noticed at once."""
    found = config_file(config_path)
    path = found or DEFAULT_CONFIG
    text: str | None = None
    if found is None:
        if not os.environ.get("SYNDICATE_DATA_DIR"):
            click.echo(
                f"syndicate: no config file ({DEFAULT_CONFIG} is not in {Path.cwd()}, "
                f"SYNDICATE_CONFIG is unset); using the defaults, data dir "
                f"{Path('var').absolute()}",
                err=True,
            )
    elif path.exists():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            fail(str(path), f"cannot read the config file ({e})")
    else:
        fail(str(path), "no such config file; check --config or SYNDICATE_CONFIG")
    try:
        environ = with_secret_files(os.environ)
    except ConfigError as e:
        what, why = str(e).split(": ", 1)
        fail(what, why)
    try:
        return load_settings(text, environ)
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


def require_own_data_dir(settings: Settings, config_path: str | None, command: str) -> None:
    """``run`` and ``send`` act for real (they mail people): with no config file they start
    only on a data dir syndicate made, never on a silent ./var in whatever directory this
    is. ``SYNDICATE_DATA_DIR`` or a config file says the directory is meant."""
    if config_file(config_path) is not None or os.environ.get("SYNDICATE_DATA_DIR"):
        return
    if is_data_dir(settings.data_dir):
        return
    fail(
        command,
        f"no config file, and {settings.data_dir.absolute()} is not a syndicate data dir; "
        "pass --config PATH or set SYNDICATE_CONFIG (or SYNDICATE_DATA_DIR to run on the "
        "defaults there)",
    )


ALLOW_DEV_DEFAULTS = "SYNDICATE_ALLOW_DEV_DEFAULTS"


def allow_dev_defaults_option(f: F) -> F:
    return click.option(
        "--allow-dev-defaults",
        "allow_dev",
        is_flag=True,
        help=f"Mail through a relay even with development values (or {ALLOW_DEV_DEFAULTS}=1).",
    )(f)


def report_dev_defaults(settings: Settings, command: str, why: str) -> None:
    """One ``error:`` line per development value, then fail naming ``command``."""
    from syndicate.production import dev_defaults

    problems = dev_defaults(settings)
    if not problems:
        return
    for key, problem in problems:
        click.echo(f"error: {key}: {problem}", err=True)
    fail(command, why)


def require_production(settings: Settings, allow: bool, command: str) -> None:
    """``run`` and ``send`` through a network relay start only on production values, unless
    a test or trial says ``--allow-dev-defaults`` / ``SYNDICATE_ALLOW_DEV_DEFAULTS=1``."""
    from syndicate.config import redact_url
    from syndicate.production import network_transport

    allowed = os.environ.get(ALLOW_DEV_DEFAULTS, "").lower() in ("1", "true", "yes")
    if allow or allowed or not network_transport(settings):
        return
    report_dev_defaults(
        settings,
        command,
        f"refusing to mail real people through {redact_url(settings.smtp)} with the "
        f"development values above; fix them, or pass --allow-dev-defaults "
        f"({ALLOW_DEV_DEFAULTS}=1) for a test or a local trial",
    )


def listen_socket(host: str, port: int) -> socket.socket:
    """The web service's socket, bound before anything else starts: a port in use is a
    one-line error, not a traceback after the worker has begun.

    The protocol is named (IPPROTO_TCP, not 0): asyncio turns Nagle off (TCP_NODELAY) only on
    sockets whose ``proto`` says TCP, and the accepted connections inherit it. With 0, every
    keep-alive response waited ~40 ms for the client's delayed ACK."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        fail(
            "--listen",
            f"cannot listen on {host}:{port} ({e.strerror or e}); stop what is using it, or "
            "pass --listen HOST:PORT (or set listen / SYNDICATE_LISTEN)",
        )
    sock.listen(2048)  # connections queue from now on, before the server starts accepting
    return sock


def socket_url(sock: socket.socket) -> str:
    """``http://HOST:PORT`` of a bound socket (the real port when ``--listen`` said 0)."""
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
