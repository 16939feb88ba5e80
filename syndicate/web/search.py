"""``GET /SLUG/search?q=…``: search every stored issue of a paper (titles, text, bylines).

The query runs on a worker thread (``run_in_threadpool``), never on the event loop; the page is
rendered by ``syndicate.feeds.search_page`` with the web edition's templates. Results are
public and change only with an ingest, so they may be cached for a minute; robots are asked not
to index them (they duplicate the article pages).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import jinja2
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from syndicate.config import Settings
from syndicate.errors import ConfigError
from syndicate.feeds.publish import site_for, template_env
from syndicate.feeds.search_page import render_search_page
from syndicate.grams import MAX_QUERY_CHARS, query
from syndicate.store import search as index
from syndicate.store.engine import reading

HEADERS = {
    "cache-control": "public, max-age=60",
    "x-content-type-options": "nosniff",
    "x-robots-tag": "noindex",
}


@dataclass
class SearchContext:
    settings: Settings
    engine: Engine | None = None
    env: jinja2.Environment | None = field(default=None)

    def db(self) -> Engine:
        if self.engine is None:
            from syndicate.store.engine import ensure_schema

            self.engine = ensure_schema(self.settings)
        return self.engine

    def templates(self) -> jinja2.Environment:
        if self.env is None:
            self.env = template_env(self.settings)
        return self.env


def routes(settings: Settings) -> list[BaseRoute]:
    """The route provider named in ``web.ROUTE_PROVIDERS``."""
    return search_routes(SearchContext(settings))


def search_routes(ctx: SearchContext) -> list[BaseRoute]:
    async def endpoint(request: Request) -> Response:
        return await run_in_threadpool(search_page, ctx, request)

    return [Route("/{slug}/search", endpoint, methods=["GET", "HEAD"])]


def _page_number(raw: str | None) -> int:
    try:
        n = int(raw or "1")
    except ValueError:
        return 1
    return min(max(n, 1), index.MAX_PAGES)


def search_page(ctx: SearchContext, request: Request) -> Response:
    slug = request.path_params["slug"]
    try:
        site = site_for(ctx.settings, slug)
    except ConfigError:
        return Response("<!doctype html><title>404</title><p>Not found.</p>", 404,
                        media_type="text/html")  # fmt: skip
    q = " ".join(request.query_params.get("q", "").split())[:MAX_QUERY_CHARS]
    terms = query(q)
    page = _page_number(request.query_params.get("page"))
    with reading(ctx.db()) as conn:
        found = index.search(conn, slug, terms, page=page)
    html = render_search_page(
        ctx.templates(), site, q, terms, found.hits,
        total=found.total, page=page, page_size=index.PAGE_SIZE,
    )  # fmt: skip
    return HTMLResponse(html, headers=HEADERS)
