"""``syndicate approve KEY [--channel email|wechat|all] [--hold]``: an editor's decision from
the command line, recorded as ``cli:USER``; the next worker pass obeys it."""

from __future__ import annotations

import getpass
from dataclasses import fields

import click

from syndicate.clock import utcnow
from syndicate.command import config_option, fail, read_settings
from syndicate.config import ApproveConfig, Settings
from syndicate.errors import SyndicateError

CHANNELS = tuple(f.name for f in fields(ApproveConfig))  # as store.approvals, imported lazily


@click.command("approve")
@click.argument("key", metavar="SLUG/YYYY-MM-DD")
@click.option(
    "--channel",
    default="all",
    show_default=True,
    type=click.Choice([*CHANNELS, "all"]),
    help="The channel that may send the issue.",
)
@click.option("--hold", is_flag=True, help="Hold the issue instead: the channel never sends it.")
@config_option
def approve_cmd(key: str, channel: str, hold: bool, config_path: str | None) -> None:
    """Approve issue KEY for mass sending (email, WeChat) on CHANNEL; or hold it."""
    from syndicate.store.approvals import decide
    from syndicate.store.engine import ensure_schema

    settings = read_settings(config_path)
    channels = list(CHANNELS) if channel == "all" else [channel]
    engine = ensure_schema(settings)
    try:
        done = decide(
            engine, settings, key, channels, "held" if hold else "approved",
            by=f"cli:{_user()}", now=utcnow(),
        )  # fmt: skip
    except SyndicateError as e:
        fail(key, str(e))
    finally:
        engine.dispose()
    for a in done:
        then = "never sent while held" if hold else "sent by the channel's next run"
        click.echo(f"{a.key} {a.channel}: {a.state} ({then})")
    if not hold and (late := _stale(settings, key)):
        click.echo(f"warning: {key}: {late}", err=True)


def _stale(settings: Settings, key: str) -> str | None:
    """Why the scheduler will not send ``key`` however approved (too old), or None."""
    from datetime import date, timedelta

    from syndicate.feeds.ids import published_at

    slug, _, day = key.partition("/")
    paper = next((p for p in settings.papers if p.slug == slug), None)
    if paper is None:
        return None
    age = utcnow() - published_at(paper, date.fromisoformat(day))
    if age <= timedelta(hours=paper.stale_hours):
        return None
    return (
        f"published over {paper.stale_hours} h ago (stale_hours): the scheduler will not send "
        f"it; `syndicate send {key} --channel CHANNEL` sends it by hand"
    )


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a container
        return "unknown"
