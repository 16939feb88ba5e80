"""The ``syndicate`` command line (reference/interface.md).

Every user error is one line on stderr, ``error: <what>: <why and the fix>``, and exit
status 2; never a traceback. This is the edge where the clock, the environment and files are
read; the core below it gets them passed in.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import date as Date
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from syndicate.config import Settings, load_settings
from syndicate.errors import ConfigError, SyndicateError

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


def read_issue_file(path: str, date: Date | None) -> Any:
    """Read and parse an issue file; a bad file is a one-line error naming it."""
    from syndicate.parse import parse_bytes

    try:
        data = Path(path).read_bytes()
    except OSError as e:
        fail(path, f"cannot read the file ({e.strerror or e})")
    try:
        return parse_bytes(data, source=path, date=date), data
    except SyndicateError as e:
        fail(path, str(e))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="syndicate")
def cli() -> None:
    """syndicate: e-paper issues in; Atom feeds, WeChat digests and newsletters out."""


@cli.command("parse")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--date", "date_", default=None, metavar="YYYY-MM-DD", help="Issue date if none is printed."
)
@config_option
def parse_cmd(file: str, date_: str | None, config_path: str | None) -> None:
    """Print the parsed issue as JSON; stores nothing."""
    from syndicate.render.issue_json import issue_to_dict

    issue, _ = read_issue_file(file, parse_date_option(date_))
    click.echo(json.dumps(issue_to_dict(issue), ensure_ascii=False, indent=2))


@cli.command("run")
@config_option
def run_cmd(config_path: str | None) -> None:
    """Until the worker exists: parse every issue in the inbox and say where the output went."""
    from syndicate.render.issue_json import issue_to_dict

    settings = read_settings(config_path)
    inbox, out_dir = settings.inbox_dir, settings.public_dir / "parsed"
    inbox.mkdir(parents=True, exist_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in inbox.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        click.echo(f"the inbox {inbox} is empty; drop an e-paper text file into it")
    for path in files:
        issue, _ = read_issue_file(str(path), None)
        slug = settings.paper(None).slug
        target = out_dir / f"{slug}-{issue.date.isoformat()}.json"
        payload = json.dumps(issue_to_dict(issue), ensure_ascii=False, indent=2)
        target.write_text(payload + "\n", encoding="utf-8")
        click.echo(
            f"{path.name}: {len(issue.articles)} articles on {len(issue.pages)} pages -> {target}"
        )


def main(argv: list[str] | None = None) -> int:
    """Console entry point: ``SyndicateError`` becomes ``error: …`` and exit status 2."""
    try:
        cli.main(args=argv, prog_name="syndicate", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("error: aborted", err=True)
        return 130
    except click.ClickException as e:
        e.show()
        return 2 if isinstance(e, UserError) or e.exit_code == 2 else e.exit_code
    except SyndicateError as e:
        click.echo(f"error: {e}", err=True)
        return 2
    except BrokenPipeError:
        return 0
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
