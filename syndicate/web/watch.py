"""Watching the service: ``/healthz``, ``/readyz`` and ``/metrics``.

- ``/healthz``: 200 while the process answers (a liveness probe).
- ``/readyz``: 200 when the database answers and a worker ticked within the last minute
  (``service.heartbeat``, kept in the database, so any web process can tell); else 503 with
  one line saying which.
- ``/metrics``: Prometheus text format (``service.metrics``, every figure from the database),
  for ``Authorization: Bearer TOKEN`` with the admin token or ``SYNDICATE_METRICS_TOKEN``;
  401 without.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.registry import CollectorRegistry
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from syndicate.clock import utcnow
from syndicate.config import Settings
from syndicate.service import heartbeat, metrics
from syndicate.web.admin import admin_token

NO_STORE = {"cache-control": "no-store"}


@dataclass
class WatchContext:
    settings: Settings
    clock: Callable[[], datetime] = utcnow
    engine: Engine | None = None
    _registry: CollectorRegistry | None = field(default=None, repr=False)
    _tokens: list[str] = field(default_factory=list, repr=False)

    def db(self) -> Engine:
        if self.engine is None:
            from syndicate.store.engine import ensure_schema

            self.engine = ensure_schema(self.settings)
        return self.engine

    def registry(self) -> CollectorRegistry:
        self._registry = self._registry or metrics.registry(self.db)
        return self._registry

    def tokens(self) -> list[str]:
        if not self._tokens:
            self._tokens = [t for t in (admin_token(self.settings), self.settings.metrics_token)
                            if t]  # fmt: skip
        return self._tokens


def bearer_ok(request: Request, tokens: list[str]) -> bool:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return False
    given = value.strip().encode()
    return any(secrets.compare_digest(given, t.encode()) for t in tokens)


def watch_routes(ctx: WatchContext) -> list[BaseRoute]:
    async def healthz(request: Request) -> Response:
        return PlainTextResponse("ok\n", headers=NO_STORE)

    def ready() -> tuple[bool, str]:
        try:
            with ctx.db().connect() as conn:
                conn.execute(text("SELECT 1"))
            return heartbeat.ticking(ctx.db(), ctx.clock())
        except SQLAlchemyError as e:
            why = str(getattr(e, "orig", None) or e).strip().splitlines() or ["unreachable"]
            return False, f"database unreachable: {why[0]}"

    async def readyz(request: Request) -> Response:
        ok, why = await run_in_threadpool(ready)
        return PlainTextResponse(f"{'ready' if ok else 'not ready'}: {why}\n",
                                 status_code=200 if ok else 503, headers=NO_STORE)  # fmt: skip

    async def scrape(request: Request) -> Response:
        if not bearer_ok(request, ctx.tokens()):
            return PlainTextResponse(
                "metrics: send Authorization: Bearer with the admin or metrics token\n",
                status_code=401,
                headers={**NO_STORE, "www-authenticate": 'Bearer realm="syndicate metrics"'},
            )
        body = await run_in_threadpool(generate_latest, ctx.registry())
        return Response(body, headers={**NO_STORE, "content-type": CONTENT_TYPE_LATEST})

    return [
        Route("/healthz", healthz, methods=["GET", "HEAD"]),
        Route("/readyz", readyz, methods=["GET", "HEAD"]),
        Route("/metrics", scrape, methods=["GET"]),
    ]


def routes(settings: Settings) -> list[BaseRoute]:
    """The route provider named in ``web.ROUTE_PROVIDERS``."""
    return watch_routes(WatchContext(settings))
