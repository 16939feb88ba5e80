"""``syndicate subscribers add|import|export|list|remove`` (reference/interface.md).

- ``add EMAIL [--name N] [--confirmed] [--paper SLUG]``: without ``--confirmed`` the address
  stays ``pending`` and gets the double opt-in mail at once.
- ``import CSV``: idempotent by address; each rejected row is reported on stderr as
  ``FILE:LINE: reason`` and the rest are imported.
- ``export``: the same CSV on stdout. ``list [--json]``: a table or JSON.
- ``remove EMAIL``: suppresses the address for good (reason ``admin``).

Heavy imports (SQLAlchemy, email-validator) happen inside the commands, so the CLI starts
fast.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace

import click

from syndicate.clock import utcnow
from syndicate.command import config_option, fail, read_settings
from syndicate.config import Settings
from syndicate.errors import ConfigError


@click.group("subscribers")
def subscribers_group() -> None:
    """Email newsletter subscribers."""


def _paper(settings: Settings, slug: str | None) -> str:
    try:
        return settings.paper(slug).slug
    except ConfigError as e:
        fail("--paper", str(e))


@subscribers_group.command("add")
@click.argument("email")
@click.option("--name", default=None, help="Display name (goes in the To header).")
@click.option("--confirmed", is_flag=True, help="Already consented: skip the opt-in mail.")
@click.option("--paper", default=None, metavar="SLUG", help="Paper (default: the first one).")
@config_option
def add_cmd(
    email: str, name: str | None, confirmed: bool, paper: str | None, config_path: str | None
) -> None:
    """Add a subscriber (without --confirmed: send the double opt-in mail)."""
    from syndicate.newsletter.optin import send_confirmation
    from syndicate.newsletter.subscribers import SubscriberError, add
    from syndicate.newsletter.tokens import load_secret
    from syndicate.store.engine import ensure_schema

    settings = read_settings(config_path)
    slug = _paper(settings, paper)
    now = utcnow()
    engine = ensure_schema(settings)
    try:
        added = add(engine, settings.paper(slug), email, name=name, confirmed=confirmed, now=now)
    except SubscriberError as e:
        fail(email, str(e))
    finally:
        engine.dispose()
    sub = added.subscriber
    if not added.pending:
        click.echo(f"{sub.email}: {sub.status} ({sub.paper})")
        return
    import asyncio

    reply = asyncio.run(send_confirmation(settings, sub, secret=load_secret(settings), now=now))
    if reply.state != "sent":
        fail(sub.email, f"added as pending, but the confirmation mail failed: {reply.describe()}")
    click.echo(f"{sub.email}: pending ({sub.paper}); confirmation mail sent")


@subscribers_group.command("import")
@click.argument("csv_path", metavar="CSV", type=click.Path(dir_okay=False))
@config_option
def import_cmd(csv_path: str, config_path: str | None) -> None:
    """Import subscribers from a UTF-8 CSV (email,name,paper,status,subscribed_at)."""
    from syndicate.newsletter.subscriber_csv import import_csv
    from syndicate.store.engine import ensure_schema

    settings = read_settings(config_path)
    try:
        f = open(csv_path, encoding="utf-8-sig", newline="")
    except OSError as e:
        fail(csv_path, f"cannot read the file ({e.strerror or e})")
    engine = ensure_schema(settings)
    try:
        with f:
            report = import_csv(engine, settings, f, now=utcnow())
    except UnicodeDecodeError as e:
        fail(csv_path, f"not UTF-8 ({e.reason} at byte {e.start}); save it as UTF-8")
    finally:
        engine.dispose()
    for line, reason in report.rejected:
        click.echo(f"{csv_path}:{line}: {reason}", err=True)
    click.echo(f"{csv_path}: {report.summary()}")


@subscribers_group.command("export")
@click.option("--paper", default=None, metavar="SLUG", help="Only this paper.")
@config_option
def export_cmd(paper: str | None, config_path: str | None) -> None:
    """Write every subscriber as CSV on stdout (the import format)."""
    from syndicate.newsletter.subscriber_csv import export_csv
    from syndicate.store.engine import ensure_schema

    settings = read_settings(config_path)
    slug = _paper(settings, paper) if paper else None
    engine = ensure_schema(settings)
    try:
        export_csv(engine, sys.stdout, paper=slug)
    finally:
        engine.dispose()


@subscribers_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
@click.option("--paper", default=None, metavar="SLUG", help="Only this paper.")
@config_option
def list_cmd(as_json: bool, paper: str | None, config_path: str | None) -> None:
    """List subscribers with their status."""
    from syndicate.newsletter.bounces import history
    from syndicate.newsletter.preferences import DEFAULT
    from syndicate.newsletter.prefs_store import all_prefs
    from syndicate.newsletter.subscribers import list_subscribers, statuses
    from syndicate.store.engine import ensure_schema

    settings = read_settings(config_path)
    slug = _paper(settings, paper) if paper else None
    engine = ensure_schema(settings)
    try:
        standing = statuses(engine, paper=slug)
        reports = history(engine)
        subs = [replace(s, status=standing.get(s.id, s.status))
                for s in list_subscribers(engine, paper=slug)]  # fmt: skip
        prefs = all_prefs(engine)
    finally:
        engine.dispose()
    if as_json:
        rows = [
            {"email": s.email, "name": s.name, "paper": s.paper, "status": s.status,
             "subscribed_at": s.subscribed_at.isoformat(),
             "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
             "history": reports.get(s.email, []),
             "prefs": prefs.get(s.id, DEFAULT).as_json()}
            for s in subs
        ]  # fmt: skip
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for s in subs:
        click.echo(f"{s.email}\t{s.status}\t{s.paper}\t{s.name or ''}")
    click.echo(f"{len(subs)} subscriber(s)", err=True)


@subscribers_group.command("remove")
@click.argument("email")
@config_option
def remove_cmd(email: str, config_path: str | None) -> None:
    """Remove a subscriber: the address is suppressed and never mailed again."""
    from syndicate.newsletter.subscribers import SubscriberError, normalize_address, remove
    from syndicate.store.engine import ensure_schema

    settings = read_settings(config_path)
    engine = ensure_schema(settings)
    try:
        address = normalize_address(email)
        n = remove(engine, address, now=utcnow())
    except SubscriberError as e:
        fail(email, str(e))
    finally:
        engine.dispose()
    click.echo(f"{address}: removed from {n} list(s) and suppressed")


def _register_prefs() -> None:
    from syndicate.newsletter.prefs_commands import prefs_cmd

    subscribers_group.add_command(prefs_cmd)


_register_prefs()
