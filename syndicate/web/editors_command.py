"""``syndicate editors add NAME`` / ``list``: the desk's per-editor logins."""

from __future__ import annotations

import click

from syndicate.clock import utcnow
from syndicate.command import config_option, fail, read_settings
from syndicate.errors import SyndicateError


@click.group("editors")
def editors_group() -> None:
    """The admin desk's editors (logins besides the admin token)."""


@editors_group.command("add")
@click.argument("name")
@click.password_option(help="The password (asked twice when not given).")
@config_option
def add_cmd(name: str, password: str, config_path: str | None) -> None:
    """Create editor NAME with a password (stored as a scrypt hash)."""
    from syndicate.store import editors
    from syndicate.store.engine import ensure_schema

    settings = read_settings(config_path)
    engine = ensure_schema(settings)
    try:
        editors.add(engine, name, password, now=utcnow())
    except SyndicateError as e:
        fail(name, str(e))
    finally:
        engine.dispose()
    click.echo(f"editor {name.strip()}: added; log in at {settings.base_url.rstrip('/')}/admin/")


@editors_group.command("list")
@config_option
def list_cmd(config_path: str | None) -> None:
    """The editors' names."""
    from syndicate.store import editors
    from syndicate.store.engine import ensure_schema

    engine = ensure_schema(read_settings(config_path))
    try:
        for name in editors.names(engine):
            click.echo(name)
    finally:
        engine.dispose()
