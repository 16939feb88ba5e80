"""``syndicate subscribers prefs EMAIL [--frequency …] [--weekday 1-7] [--time HH:MM]
[--pause-until YYYY-MM-DD] [--pages 1,3] [--columns NAME,…] [--content full|summary]
[--script hans|hant-tw|hant-hk] [--paper SLUG]``: show or change a reader's preferences.

Without options it prints them. A bad value (an unknown page or column, a weekday out of
range, a script not offered) is one ``error:`` line and nothing is changed.
"""

from __future__ import annotations

import json

import click

from syndicate.clock import utcnow
from syndicate.command import config_option, fail, read_settings
from syndicate.errors import ConfigError


@click.command("prefs")
@click.argument("email")
@click.option("--frequency", type=click.Choice(["issue", "weekly"]), default=None,
              help="Every issue, or one weekly digest.")  # fmt: skip
@click.option("--weekday", default=None, metavar="1-7", help="Digest day (1 = Monday).")
@click.option("--time", "time_", default=None, metavar="HH:MM", help="Digest local time.")
@click.option("--pause-until", default=None, metavar="YYYY-MM-DD",
              help="Send nothing dated before this day ('' to resume).")  # fmt: skip
@click.option("--pages", default=None, metavar="1,3", help="Pages (版面) to include; all: every.")
@click.option("--columns", default=None, metavar="NAME,…", help="Columns (栏目); all: every.")
@click.option("--content", type=click.Choice(["full", "summary"]), default=None)
@click.option("--script", default=None, metavar="hans|hant-tw|hant-hk")
@click.option("--paper", default=None, metavar="SLUG", help="Paper (default: the first one).")
@config_option
def prefs_cmd(
    email: str,
    frequency: str | None,
    weekday: str | None,
    time_: str | None,
    pause_until: str | None,
    pages: str | None,
    columns: str | None,
    content: str | None,
    script: str | None,
    paper: str | None,
    config_path: str | None,
) -> None:
    """Show or change a subscriber's reading preferences."""
    from syndicate.newsletter.preferences import PrefsError
    from syndicate.newsletter.prefs_store import get_prefs, parse_choices, set_prefs
    from syndicate.newsletter.subscribers import SubscriberError, find, normalize_address
    from syndicate.store.engine import ensure_schema

    settings = read_settings(config_path)
    try:
        slug = settings.paper(paper).slug
    except ConfigError as e:
        fail("--paper", str(e))
    given = {"frequency": frequency, "weekday": weekday, "time": time_,
             "paused_until": pause_until, "pages": pages, "columns": columns,
             "content": content, "script": script}  # fmt: skip
    raw = {k: v for k, v in given.items() if v is not None}
    engine = ensure_schema(settings)
    try:
        address = normalize_address(email)
        sub = find(engine, slug, address)
        if sub is None:
            fail(address, f"not a subscriber of {slug}; add it with `syndicate subscribers add`")
        prefs = parse_choices(engine, slug, get_prefs(engine, sub.id), raw)
        stored = set_prefs(engine, sub.id, prefs, source="cli", now=utcnow()) if raw else False
    except (PrefsError, SubscriberError) as e:
        fail(email, str(e))
    finally:
        engine.dispose()
    click.echo(json.dumps(prefs.as_json(), ensure_ascii=False))
    if raw:
        click.echo(f"{address}: {'preferences saved' if stored else 'unchanged'}", err=True)
