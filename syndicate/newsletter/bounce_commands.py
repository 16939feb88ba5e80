"""``syndicate bounces process``: one pass over the bounce mailbox, printing what it found.

Heavy imports (SQLAlchemy, the mail parsers) happen inside the command, so the CLI starts fast.
"""

from __future__ import annotations

import click

from syndicate.clock import utcnow
from syndicate.command import config_option, fail, read_settings


@click.group("bounces")
def bounces_group() -> None:
    """Bounces, complaints and unsubscribe mail (the bounce mailbox)."""


@bounces_group.command("process")
@config_option
def process_cmd(config_path: str | None) -> None:
    """Read the bounce mailbox once and act on what is there; print what was found."""
    from syndicate.newsletter.inbound import mailboxes, process_mailboxes
    from syndicate.newsletter.mailbox import MailboxError
    from syndicate.store.engine import ensure_schema

    settings = read_settings(config_path)
    if not mailboxes(settings):
        fail("bounces", "no mailbox configured; set bounce_mailbox or SYNDICATE_BOUNCE_MAILBOX")
    engine = ensure_schema(settings)
    try:
        lines = process_mailboxes(engine, settings, utcnow)
    except MailboxError as e:
        fail("bounces", f"{e}; check the URL, the password and that the server is up")
    finally:
        engine.dispose()
    for line in lines:
        click.echo(line)
    click.echo(f"{len(lines)} message(s) read")
