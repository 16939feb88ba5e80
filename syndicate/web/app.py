"""The web service: the published public dir over HTTP, the way feed readers want it.

``build_app(settings, routes=…)`` returns a Starlette app. Other modules add their own routes
(the email subscribe/unsubscribe pages, say) either by passing them in ``routes`` or by
naming a provider in ``ROUTE_PROVIDERS`` (``"module:function"``, the function taking
``Settings`` and returning a list of routes); every added route is matched before the static
files, which take any other ``GET``/``HEAD``.

Static files (written by ``syndicate.feeds.publish``; see ``syndicate.feeds.ids`` for the URLs)
are served by ``syndicate.web.static``: precompressed variants, strong validators per variant,
304s, a bounded cache, no file read or compression in a handler.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp

from syndicate.config import Settings
from syndicate.web.limits import BodyLimit, HeaderLimit
from syndicate.web.static import StaticFiles

#: ``"module:function"`` names of extra route providers (see the module docstring).
ROUTE_PROVIDERS: tuple[str, ...] = (
    "syndicate.newsletter.pages:routes",
    "syndicate.newsletter.prefs_pages:routes",
    "syndicate.web.admin:routes",
    "syndicate.web.search:routes",
    "syndicate.web.watch:routes",  # /healthz, /readyz, /metrics
    "syndicate.web.relays:routes",
)


def provided_routes(settings: Settings) -> list[BaseRoute]:
    """Routes from every ``ROUTE_PROVIDERS`` entry."""
    out: list[BaseRoute] = []
    for name in ROUTE_PROVIDERS:
        module, _, func = name.partition(":")
        out += getattr(importlib.import_module(module), func)(settings)
    return out


class App(Starlette):
    """Starlette with the public files' fast path in front of every middleware: a cached,
    unchanged file is answered before anything else runs (``syndicate.web.static``; measured
    in bench/feeds.py). Everything else goes through the middleware and the routes as usual;
    middleware added with ``add_middleware`` before the first request is included."""

    files: StaticFiles

    def build_middleware_stack(self) -> ASGIApp:
        return self.files.middleware(super().build_middleware_stack())


def build_app(settings: Settings, routes: Sequence[BaseRoute] = ()) -> App:
    """The ASGI app: ``routes``, then provided routes, then the public files."""
    files = StaticFiles(settings.public_dir)
    static = Route("/{path:path}", files.endpoint, methods=["GET", "HEAD"])
    limits = [Middleware(BodyLimit)]  # 413 for bodies over 64 KiB (syndicate.web.limits)
    limits.insert(0, Middleware(HeaderLimit))  # 431 for over 100 headers or 16 KiB of them
    app = App(routes=[*routes, *provided_routes(settings), static], middleware=limits)
    app.files = files
    app.router.redirect_slashes = False  # it would redirect to the Host header's host
    return app
