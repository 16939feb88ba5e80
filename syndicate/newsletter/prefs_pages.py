"""The preference center (issue 14): ``/p/{token}``, reached by the signed link in every
newsletter, digest and confirmation mail.

- ``GET /p/{token}`` shows the reader's settings as one form (no JavaScript, phone width, in
  the reader's script): every issue or the weekly digest (weekday, time), a pause, pages,
  columns, full text or summaries, 简体/繁體; and an unsubscribe button (the one-click
  ``/u/{token}`` form).
- ``POST /p/{token}`` saves them, protected like the subscribe form: the per-IP limit shared
  through the database (``subscribers.hit``), plus a signed, expiring form token (CSRF) tied to
  the link. A tampered or expired link, a bad form token or a bad value (an unknown page or
  column, a weekday out of range, a script not offered) answers with an error on the page and
  changes nothing.

Tokens: ``tokens.prefs_token`` (``{id}.{address hash}.{issued}``), valid
``email_prefs_link_days``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from syndicate.config import PaperConfig, Settings
from syndicate.newsletter.pages import FORM_LIMITS, HEADERS, SubscribeContext
from syndicate.newsletter.preferences import CONTENTS, Prefs, PrefsError
from syndicate.newsletter.prefs_store import (
    get_prefs,
    known_columns,
    known_pages,
    parse_choices,
    set_prefs,
)
from syndicate.newsletter.subscribers import Subscriber, get, hit
from syndicate.newsletter.tokens import (
    TokenError,
    read_prefs_token,
    unsubscribe_token,
)
from syndicate.script import HANS, LANGUAGE, SCRIPTS, convert

CSRF_SALT = "syndicate.preferences.csrf"
CSRF_MAX_AGE = 12 * 3600
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
SCRIPT_NAMES = {
    "hans": "简体中文",
    "hant-tw": "繁体中文（台湾用语）",
    "hant-hk": "繁体中文（香港用字）",
}
FORM_FIELDS = ("frequency", "weekday", "time", "paused_until", "content", "script")


def routes(settings: Settings) -> list[BaseRoute]:
    """The route provider named in ``web.ROUTE_PROVIDERS``."""
    return prefs_routes(SubscribeContext(settings))


def prefs_routes(ctx: SubscribeContext) -> list[BaseRoute]:
    def bind(handler: Callable[[SubscribeContext, Request], Any]) -> Callable[..., Any]:
        async def endpoint(request: Request) -> Response:
            return await handler(ctx, request)  # type: ignore[no-any-return]

        return endpoint

    return [
        Route("/p/{token}", bind(prefs_page), methods=["GET", "HEAD"]),
        Route("/p/{token}", bind(prefs_post), methods=["POST"]),
    ]


def _csrf(ctx: SubscribeContext) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(ctx.key(), salt=CSRF_SALT)


def _reader(ctx: SubscribeContext, token: str) -> Subscriber | str:
    """The link's subscriber, or the error to show."""
    max_age = ctx.settings.email_prefs_link_days * 86400
    try:
        subject = read_prefs_token(ctx.key(), token, now=ctx.clock(), max_age=max_age)
    except TokenError as e:
        return str(e)
    sub = get(ctx.db(), subject.subscriber_id)
    if sub is None or not subject.matches(sub.email):
        return "找不到这个订阅；请重新订阅。"
    return sub


def _error(ctx: SubscribeContext, why: str, status: int) -> Response:
    return ctx.page(ctx.settings.papers[0], "链接无效", status, error=why)


async def prefs_page(ctx: SubscribeContext, request: Request) -> Response:
    token = request.path_params["token"]
    sub = await asyncio.to_thread(_reader, ctx, token)
    if isinstance(sub, str):
        return _error(ctx, sub, 400)
    prefs = await asyncio.to_thread(get_prefs, ctx.db(), sub.id)
    return await asyncio.to_thread(_render, ctx, token, sub, prefs, None, 200)


async def prefs_post(ctx: SubscribeContext, request: Request) -> Response:
    token = request.path_params["token"]
    form = await request.form(**FORM_LIMITS)
    ip = request.client.host if request.client else "unknown"
    limit = ctx.settings.subscribe_ip_per_hour
    ok = await asyncio.to_thread(hit, ctx.db(), f"prefs-ip:{ip}", limit=limit,
                                 window=timedelta(hours=1), now=ctx.clock())  # fmt: skip
    if not ok:
        return ctx.page(ctx.settings.papers[0], "请稍后再试", 429,
                        lines=["这个网络的请求太多了，请一小时后再试。"])  # fmt: skip
    sub = await asyncio.to_thread(_reader, ctx, token)
    if isinstance(sub, str):
        return _error(ctx, sub, 400)
    try:
        if _csrf(ctx).loads(str(form.get("csrf") or ""), max_age=CSRF_MAX_AGE) != token:
            raise BadSignature("another link's form")
    except BadSignature:
        return _error(ctx, "这个表单已过期或无效；请重新打开邮件里的链接。", 400)
    raw = {k: str(form.get(k) or "") for k in FORM_FIELDS}
    raw["pages"] = ",".join(str(v) for v in form.getlist("pages"))
    raw["columns"] = ",".join(str(v) for v in form.getlist("columns"))
    return await asyncio.to_thread(_save, ctx, token, sub, raw)


def _save(ctx: SubscribeContext, token: str, sub: Subscriber, raw: dict[str, str]) -> Response:
    old = get_prefs(ctx.db(), sub.id)
    try:
        new = parse_choices(ctx.db(), sub.paper, old, raw)
    except PrefsError as e:
        return _render(ctx, token, sub, old, str(e), 400)
    set_prefs(ctx.db(), sub.id, new, source="web", now=ctx.clock())
    return _render(ctx, token, sub, new, None, 200, saved=True)


def _render(
    ctx: SubscribeContext,
    token: str,
    sub: Subscriber,
    prefs: Prefs,
    error: str | None,
    status: int,
    saved: bool = False,
) -> Response:
    paper: PaperConfig = ctx.settings.paper(sub.paper)
    script = prefs.script

    def t(text: str) -> str:
        return convert(text, script)

    pages = known_pages(ctx.db(), sub.paper)
    numbers = sorted({n for n in pages.values()})
    names = {n: name for name, n in pages.items() if not name.isdigit()}
    context = {
        "t": t, "lang": paper.language if script == HANS else LANGUAGE[script],
        "paper": paper.name, "email": sub.email, "prefs": prefs, "error": error,
        "saved": saved, "action": f"/p/{token}", "csrf": _csrf(ctx).dumps(token),
        "weekdays": list(enumerate(WEEKDAYS, start=1)),
        "pages": [(n, f"第{n}版" + (f" · {names[n]}" if n in names else "")) for n in numbers],
        "columns": sorted(known_columns(ctx.db(), sub.paper)),
        "contents": CONTENTS, "scripts": [(s, SCRIPT_NAMES[s]) for s in SCRIPTS],
        "unsubscribe": f"/u/{unsubscribe_token(ctx.key(), sub.id, sub.email)}",
    }  # fmt: skip
    html = ctx.env.get_template("prefs.html").render(context)
    return HTMLResponse(html, status_code=status, headers=HEADERS)
