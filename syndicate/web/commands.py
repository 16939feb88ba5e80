"""``syndicate web-config nginx|caddy``: print a front server's config for the public dir and
the app (``syndicate.web.server_config``); the admin installs it and reloads the server."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import click

from syndicate.command import config_option, fail, read_settings


@click.command("web-config")
@click.argument("server", type=click.Choice(["nginx", "caddy"]))
@click.option("--listen", default="80", show_default=True, help="Port (or HOST:PORT) to listen on.")
@click.option("--server-name", default=None, help="Default: the host of `base_url`.")
@click.option(
    "--upstream", default=None, metavar="HOST:PORT", help="The app. Default: the `listen` setting."
)
@click.option(
    "--brotli/--no-brotli",
    default=None,
    help="nginx: `brotli_static on` (default: when libnginx-mod-http-brotli-static is installed).",
)
@config_option
def web_config_cmd(
    server: str,
    listen: str,
    server_name: str | None,
    upstream: str | None,
    brotli: bool | None,
    config_path: str | None,
) -> None:
    """Print an nginx or Caddy config serving the public dir like `syndicate serve`."""
    from syndicate.web.server_config import NGINX_BROTLI_MODULE, Front, caddy, nginx

    settings = read_settings(config_path)
    app = upstream or settings.listen
    host, sep, port = app.rpartition(":")
    if not sep or not port.isdigit():
        fail("--upstream", f"'{app}' is not HOST:PORT, e.g. 127.0.0.1:8080")
    if host in ("0.0.0.0", "", "[::]"):  # the app listens everywhere; reach it on loopback
        app = f"127.0.0.1:{port}"
    name = server_name or urlsplit(settings.base_url).hostname or "_"
    front = Front(str(settings.public_dir.resolve()), app, listen, name)
    if server == "nginx":
        found = os.path.exists(NGINX_BROTLI_MODULE)
        click.echo(nginx(front, brotli=found if brotli is None else brotli), nl=False)
    else:
        click.echo(caddy(front), nl=False)
