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
from typing import Any

import click

from syndicate.clock import utcnow
from syndicate.command import (
    UserError,
    allow_dev_defaults_option,
    config_file,
    config_option,
    fail,
    listen_socket,
    parse_date_option,
    read_settings,
    report_dev_defaults,
    require_own_data_dir,
    require_production,
    socket_url,
)
from syndicate.config import Settings
from syndicate.errors import ConfigError, SyndicateError


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
    from syndicate.parse.issue_json import issue_to_dict

    issue, _ = read_issue_file(file, parse_date_option(date_))
    click.echo(json.dumps(issue_to_dict(issue), ensure_ascii=False, indent=2))


@cli.command("ingest")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--paper", default=None, metavar="SLUG", help="Paper (default: the first one).")
@click.option(
    "--date", "date_", default=None, metavar="YYYY-MM-DD", help="Issue date if none is printed."
)
@config_option
def ingest_cmd(file: str, paper: str | None, date_: str | None, config_path: str | None) -> None:
    """Parse FILE and store it; prints the issue key last. The same content again is a no-op."""
    from syndicate.store.engine import ensure_schema

    settings = read_settings(config_path)
    day = parse_date_option(date_)
    try:
        settings.paper(paper)
    except ConfigError as e:
        fail("--paper", str(e))
    try:
        data = Path(file).read_bytes()
    except OSError as e:
        fail(file, f"cannot read the file ({e.strerror or e})")
    engine = ensure_schema(settings)
    try:
        line, key = _ingest_one(engine, settings, data, file, paper, day)
    finally:
        engine.dispose()
    click.echo(line)
    click.echo(key)


def _ingest_one(
    engine: Any, settings: Settings, data: bytes, path: str, paper: str | None, day: Date | None
) -> tuple[str, str]:
    """Ingest one file: ``(summary line, issue key)``; a bad file is a one-line error."""

    from syndicate.errors import ParseError
    from syndicate.feeds.republish import is_published
    from syndicate.store.ingest import ingest_bytes

    now = utcnow()
    try:
        r = ingest_bytes(engine, settings, data, source=path, paper_slug=paper, date=day, now=now)
    except ParseError as e:
        fail(path, str(e))
    what = "new issue" if r.created else "revision" if r.changed else "unchanged"
    line = f"{Path(path).name}: {r.key} {what} {r.revision}, {r.articles} articles"
    # Published unless already done: an unchanged issue that a crash or a broken template
    # left unpublished is published now.
    if r.changed or not is_published(engine, r.key, r.revision, now):
        line += f"; {_publish(engine, settings, r.key)}"
    return line, r.key


def _publish(engine: Any, settings: Settings, key: str) -> str:
    """Write the feeds and pages of issue ``key``; hub failures are warnings, never fatal."""
    from syndicate.feeds.publish import publish_key

    report = publish_key(engine, settings, key)  # WebSub pings are queued for the worker
    return f"published {len(report.written)} of {report.rendered} files"


@cli.command("run")
@click.option("--listen", default=None, metavar="HOST:PORT", help="Default: `listen` setting.")
@click.option("--no-web", is_flag=True, help="Scheduler and worker only.")
@click.option("--no-worker", is_flag=True, help="Web service only (same as `serve`).")
@click.option(
    "--once", is_flag=True, help="One worker pass (inbox, due schedules, sends), then exit."
)
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Log lines on stderr: text, or one JSON object per event.",
)
@allow_dev_defaults_option
@config_option
def run_cmd(
    listen: str | None,
    no_web: bool,
    no_worker: bool,
    once: bool,
    log_format: str,
    allow_dev: bool,
    config_path: str | None,
) -> None:
    """Scheduler + worker + web service, until SIGTERM."""
    from syndicate.service import run as service

    settings = read_settings(config_path)
    require_own_data_dir(settings, config_path, "run")
    require_production(settings, allow_dev, "run")
    if no_web and no_worker:
        fail("run", "--no-web and --no-worker leave nothing to run; drop one")
    if once:
        import httpx

        if log_format == "json":
            service.configure_logging(log_format)

        with httpx.Client(timeout=30) as http:
            worker = service.build_worker(settings, http, utcnow)
            worker.inbox.settle = 0.0  # one pass: take what is there now
            try:
                report = worker.tick()
            finally:
                worker.engine.dispose()
        for f in report.filed:
            click.echo(f"{f.path.name}: {f.result.key if f.result else 'failed: ' + str(f.error)}")
        for channel, n in report.sent.items():
            click.echo(f"{channel}: {n} sent")
        return
    parts = service.Parts(web=not no_web, worker=not no_worker)
    sock = listen_socket(*parse_listen(listen or settings.listen)) if parts.web else None
    service.run(settings, parts, sock=sock, log_format=log_format)


@cli.command("status")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@config_option
def status_cmd(as_json: bool, config_path: str | None) -> None:
    """Issues, per-channel delivery counts, next scheduled runs, failed sources."""

    from syndicate.service import status
    from syndicate.store.engine import ensure_schema

    settings = read_settings(config_path)
    engine = ensure_schema(settings)
    try:
        s = status.collect(engine, settings, utcnow())
    finally:
        engine.dispose()
    if as_json:
        click.echo(json.dumps(status.to_dict(s), ensure_ascii=False, indent=2))
    else:
        click.echo(status.to_text(s))


@cli.group("config")
def config_group() -> None:
    """Configuration tools."""


@config_group.command("check")
@click.option(
    "--production",
    is_flag=True,
    help="Also report the development values that `run` and `send` refuse with a relay.",
)
@config_option
def config_check_cmd(production: bool, config_path: str | None) -> None:
    """Validate the config, print the next fire times, redact secrets."""

    from syndicate.config import describe
    from syndicate.service import scheduler

    settings = read_settings(config_path)
    try:
        scheduler.validate(settings)
    except ConfigError as e:
        fail(config_path or os.environ.get("SYNDICATE_CONFIG") or "config/syndicate.toml", str(e))
    if settings.web_templates:
        _compile_overrides(Path(settings.web_templates))
    for paper in settings.papers:
        if paper.wechat_cover:
            from syndicate.wechat.cover import paper_cover

            paper_cover(settings, paper.slug)  # format and size, as WeChat checks them
    found = config_file(config_path)
    click.echo(f"# config: {found.absolute() if found else 'none found: the defaults'}")
    for line in describe(settings, Path.cwd()):
        click.echo(line)
    click.echo("next runs:")
    for r in scheduler.schedule_table(settings, utcnow()):
        nxt = r.next_fire.isoformat(timespec="minutes") if r.next_fire else "-"
        click.echo(f"  {r.paper:<10} {r.channel:<7} {r.spec:<16} {nxt}")
    click.echo("config: ok")
    if production:
        report_dev_defaults(
            settings,
            "config check --production",
            "development values (above) that `run` and `send` refuse with a mail relay",
        )
        click.echo("production: no development values")


def _compile_overrides(folder: Path) -> None:
    """Compile every template of a ``web_templates`` override, so a broken one is found now,
    not when the next issue is published."""
    from syndicate import assets
    from syndicate.feeds.publish import web_environment

    if not folder.is_dir():
        fail("web_templates", f"{folder} is not a directory")
    env = web_environment(folder)
    with assets.template_errors("web_templates"):
        for name in sorted(p.name for p in folder.iterdir() if p.suffix == ".html"):
            env.get_template(name)


@cli.group("db")
def db_group() -> None:
    """The database: migrations."""


@db_group.command("upgrade")
@config_option
def db_upgrade_cmd(config_path: str | None) -> None:
    """Apply the database migrations (SQLite also upgrades by itself on start)."""
    from syndicate.store.engine import open_engine, redacted, schema_revision, upgrade

    settings = read_settings(config_path)
    engine = open_engine(settings.database_url)
    try:
        upgrade(engine)
        current, _ = schema_revision(engine)
    finally:
        engine.dispose()
    click.echo(f"{redacted(settings.database_url)}: at revision {current}")


# --- channels: `syndicate render` and `syndicate send` -------------------------------------
#: ``render KEY --channel NAME --out DIR``: NAME -> "module:function", a function
#: ``(settings, key, out: Path) -> list[Path]`` that writes the files. One line per channel.
RENDER_CHANNELS: dict[str, str] = {
    "wechat": "syndicate.wechat.commands:render_files",
    "atom": "syndicate.feeds.publish:render_files",
    "email": "syndicate.newsletter.commands:render_files",
}
#: ``send KEY --channel NAME [--dry-run]``: NAME -> "module:function", a function
#: ``(settings, key, dry_run: bool) -> str`` (the line to print). One line per channel.
SEND_CHANNELS: dict[str, str] = {
    "wechat": "syndicate.wechat.commands:send_command",
    "email": "syndicate.newsletter.commands:send_command",
    "digest": "syndicate.newsletter.digest:send_command",
}


def channel_function(table: dict[str, str], channel: str) -> Callable[..., Any]:
    """The function a channel table names, imported on first use."""
    import importlib

    module, _, name = table[channel].partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


@cli.command("render")
@click.argument("key", metavar="SLUG/YYYY-MM-DD")
@click.option("--channel", required=True, type=click.Choice(sorted(RENDER_CHANNELS)))
@click.option("--out", "out", required=True, metavar="DIR", help="Directory to write into.")
@config_option
def render_cmd(key: str, channel: str, out: str, config_path: str | None) -> None:
    """Write what CHANNEL would publish for issue KEY into DIR; sends nothing."""
    settings = read_settings(config_path)
    for path in channel_function(RENDER_CHANNELS, channel)(settings, key, Path(out)):
        click.echo(str(path))


@cli.command("send")
@click.argument("key", metavar="SLUG/YYYY-MM-DD")
@click.option("--channel", required=True, type=click.Choice(sorted(SEND_CHANNELS)))
@click.option("--dry-run", is_flag=True, help="Render and check; send nothing.")
@allow_dev_defaults_option
@config_option
def send_cmd(
    key: str, channel: str, dry_run: bool, allow_dev: bool, config_path: str | None
) -> None:
    """Run CHANNEL for issue KEY now, through the delivery ledger."""
    settings = read_settings(config_path)
    if not dry_run:
        require_own_data_dir(settings, config_path, "send")
        if channel == "email":
            require_production(settings, allow_dev, "send")
    click.echo(channel_function(SEND_CHANNELS, channel)(settings, key, dry_run))


@cli.command("serve")
@click.option("--listen", default=None, metavar="HOST:PORT", help="Default: `listen` setting.")
@config_option
def serve_cmd(listen: str | None, config_path: str | None) -> None:
    """The web service only: the feeds and the web edition in the public dir."""
    import uvicorn

    from syndicate.web.access_log import AccessLog
    from syndicate.web.app import build_app
    from syndicate.web.fastpath import protocol_for

    settings = read_settings(config_path)
    sock = listen_socket(*parse_listen(listen or settings.listen))
    settings.public_dir.mkdir(parents=True, exist_ok=True)
    click.echo(f"syndicate: web service running on {socket_url(sock)}", err=True)
    web = build_app(settings)
    app = AccessLog(web)  # uvicorn's own access log costs a third of a hit
    fast = protocol_for(web.files, app.write)  # cached files answered from the parser
    config = uvicorn.Config(app, log_level="info", access_log=False, server_header=False,
                            http=fast)  # fmt: skip
    uvicorn.Server(config).run(sockets=[sock])


def parse_listen(value: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:8080`` for IPv6) as ``(host, port)``; a bad value is an error."""
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        fail("--listen", f"'{value}' is not HOST:PORT, e.g. 127.0.0.1:8080")
    return host.strip("[]"), int(port)


def _add_approve_command() -> None:
    """`syndicate approve KEY [--channel email|wechat|all]` (the editor's desk, issue 17)."""
    from syndicate.service.approve_command import approve_cmd

    cli.add_command(approve_cmd)
    from syndicate.web.editors_command import editors_group

    cli.add_command(editors_group)


_add_approve_command()


def _add_web_config_command() -> None:
    """`syndicate web-config nginx|caddy` (a front server's config for the public dir)."""
    from syndicate.web.commands import web_config_cmd

    cli.add_command(web_config_cmd)


_add_web_config_command()


def _add_subscribers_group() -> None:
    """`syndicate subscribers add|import|export|list|remove` (email newsletter subscribers)."""
    from syndicate.newsletter.subscriber_commands import subscribers_group

    cli.add_command(subscribers_group)


_add_subscribers_group()


def _add_bounces_group() -> None:
    """`syndicate bounces process` (the bounce mailbox)."""
    from syndicate.newsletter.bounce_commands import bounces_group

    cli.add_command(bounces_group)


_add_bounces_group()


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
    except OSError as e:  # a file or folder the command could not use
        where = f"{e.filename}: " if e.filename else ""
        click.echo(f"error: {where}{e.strerror or e}", err=True)
        return 2
    except Exception as e:
        import jinja2

        if not isinstance(e, jinja2.TemplateError):
            raise
        click.echo(f"error: template: {e.message}; is the installation complete?", err=True)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
