"""The admin page: status, subscriber counts, and hold/resend per issue and channel.

Protected by the admin token (``SYNDICATE_ADMIN_TOKEN``; without it a development token is
generated into ``{data_dir}/admin_token`` once): HTTP Basic auth with any user name and the
token as password, or ``Authorization: Bearer TOKEN``. Forms carry a signed, expiring CSRF
token, and a POST whose ``Origin`` is another site is refused.
"""

from __future__ import annotations

import base64
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import Engine
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from syndicate import assets
from syndicate.clock import utcnow
from syndicate.config import Settings
from syndicate.keys import dev_secret
from syndicate.newsletter.tokens import load_secret
from syndicate.service import status
from syndicate.store import ledger

log = logging.getLogger(__name__)
CSRF_SALT = "syndicate.admin.csrf"
CSRF_MAX_AGE = 12 * 3600
HEADERS = {"cache-control": "no-store", "x-frame-options": "DENY", "referrer-policy": "no-referrer"}
CHANNELS = ("email", "wechat")


def admin_token(settings: Settings) -> str:
    """``SYNDICATE_ADMIN_TOKEN``, or the development token in the data dir (made once)."""
    return dev_secret(
        settings.admin_token,
        settings.data_dir / "admin_token",
        nbytes=18,
        variable="SYNDICATE_ADMIN_TOKEN",
        why="set it in production: it is the admin page's password",
    )


@dataclass
class AdminContext:
    settings: Settings
    clock: Callable[[], datetime] = utcnow
    engine: Engine | None = None
    _token: str = ""
    _secret: str = ""

    def db(self) -> Engine:
        if self.engine is None:
            from syndicate.store.engine import ensure_schema

            self.engine = ensure_schema(self.settings)
        return self.engine

    def token(self) -> str:
        self._token = self._token or admin_token(self.settings)
        return self._token

    def csrf(self) -> URLSafeTimedSerializer:
        self._secret = self._secret or load_secret(self.settings)
        return URLSafeTimedSerializer(self._secret, salt=CSRF_SALT)


def authorized(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return secrets.compare_digest(value.strip().encode(), token.encode())
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):  # binascii.Error; non-ASCII in the header
            return False
        return secrets.compare_digest(decoded.partition(":")[2].encode(), token.encode())
    return False


def _challenge() -> Response:
    headers = {**HEADERS, "www-authenticate": 'Basic realm="syndicate admin", charset="UTF-8"'}
    return Response("admin: authentication required\n", status_code=401, headers=headers)


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    host = request.headers.get("host", "")
    return urlsplit(origin).netloc == host


def admin_routes(ctx: AdminContext) -> list[BaseRoute]:
    env = assets.environment("admin")

    async def page(request: Request) -> Response:
        if not authorized(request, ctx.token()):
            return _challenge()
        now = ctx.clock()
        s = status.collect(ctx.db(), ctx.settings, now)
        html = env.get_template("status.html").render(
            now=now.isoformat(timespec="seconds"),
            issues=s.issues,
            schedules=s.schedules,
            failed_files=s.failed_files,
            failed_sources=s.failed_sources,
            failed_publishes=s.failed_publishes,
            websub=s.websub,
            subscribers=s.subscribers,
            states=status.STATES,
            channels=CHANNELS,
            csrf=ctx.csrf().dumps("admin"),
            notice=request.query_params.get("done", ""),
        )
        return HTMLResponse(html, headers=HEADERS)

    async def action(request: Request) -> Response:
        if not authorized(request, ctx.token()):
            return _challenge()
        if not _same_origin(request):
            return Response("admin: cross-site request refused\n", 403, headers=HEADERS)
        async with request.form(max_fields=10, max_files=0) as form:
            fields = {k: str(v) for k, v in form.items()}
        try:
            ctx.csrf().loads(fields.get("csrf", ""), max_age=CSRF_MAX_AGE)
        except BadSignature:
            return Response("admin: missing or expired form token; reload the page\n", 403,
                            headers=HEADERS)  # fmt: skip
        verb, channel, key = fields.get("action"), fields.get("channel"), fields.get("issue", "")
        if verb not in ("hold", "resend") or channel not in CHANNELS or not key:
            return Response("admin: bad action\n", 400, headers=HEADERS)
        do = ledger.hold if verb == "hold" else ledger.resend
        n = do(ctx.db(), channel=channel, issue_key=key, now=ctx.clock())
        done = f"{verb} {channel} {key}: {n} row(s)"
        return RedirectResponse(f"/admin/?done={done}", status_code=303, headers=HEADERS)

    return [
        Route("/admin/", page, methods=["GET", "HEAD"]),
        Route("/admin/action", action, methods=["POST"]),
    ]


def routes(settings: Settings) -> list[BaseRoute]:
    """The route provider named in ``web.ROUTE_PROVIDERS``."""
    return admin_routes(AdminContext(settings))
