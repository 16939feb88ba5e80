"""Subscribe, confirm and unsubscribe pages, added to the web service (``web.ROUTE_PROVIDERS``).

- ``GET/POST /{slug}/subscribe``: the form. A POST is checked in this order: the honeypot
  field (filled: the bot gets the usual answer, nothing happens), the per-IP limit (429), the
  address and name (400 with the reason: they depend on the input alone), the per-address
  limit. Then the address is stored ``pending`` and its confirmation mail marked due; a
  background sender mails it (``confirm_queue.py``), never the request. The answer is the
  same page, in the same time (at least ``answer_seconds``), whether the address was new,
  already subscribed, suppressed or over its limit, so the form tells nobody who is
  subscribed, by its words or its timing, and cannot be used to bomb an inbox.
- ``GET /confirm/{token}`` shows a button; ``POST`` confirms (double opt-in). A GET changes
  nothing because mail scanners fetch links.
- ``GET /u/{token}`` shows a button; ``POST /u/{token}`` unsubscribes at once (RFC 8058): no
  cookies, no auth beyond the signed token, urlencoded or multipart body, and always a 200
  page, never a redirect. It is the only unauthenticated state change.

The limits live in the database (``subscribers.hit``), so all workers share them. The clock
and the mail transport are injectable (``SubscribeContext``), for tests.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import jinja2
from sqlalchemy import Engine
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from syndicate import assets
from syndicate.clock import utcnow
from syndicate.config import PaperConfig, Settings
from syndicate.errors import ConfigError
from syndicate.newsletter import confirm_queue
from syndicate.newsletter.smtp import Transport
from syndicate.newsletter.subscribers import (
    SubscriberError,
    add,
    clean_name,
    confirm,
    hit,
    normalize_address,
)
from syndicate.newsletter.subscribers import unsubscribe as unsubscribe_token_owner
from syndicate.newsletter.tokens import (
    TokenError,
    load_secret,
    read_confirm_token,
    read_unsubscribe_token,
)

log = logging.getLogger(__name__)
FORM_LIMITS = {"max_fields": 20, "max_files": 0, "max_part_size": 16_384}
HEADERS = {"cache-control": "no-store", "x-content-type-options": "nosniff",
           "referrer-policy": "no-referrer"}  # fmt: skip


@dataclass
class SubscribeContext:
    """What the pages need; the engine and secret are made on first use."""

    settings: Settings
    clock: Callable[[], datetime] = utcnow
    transport: Callable[[], Transport] | None = None
    engine: Engine | None = None
    secret: str = ""
    env: jinja2.Environment = field(default_factory=lambda: assets.environment("subscribe"))
    #: Every subscribe answer takes at least this long, whatever the address (no timing leak).
    answer_seconds: float = 0.25
    _sender: asyncio.Task[None] | None = field(default=None, init=False, repr=False)
    _again: bool = field(default=False, init=False, repr=False)

    def kick(self) -> None:
        """Mail the due confirmations in the background (one sender per context)."""
        if self._sender is not None and not self._sender.done():
            self._again = True  # it looks again when it is through
            return
        self._sender = asyncio.get_running_loop().create_task(self._send_due())

    async def _send_due(self) -> None:
        self._again = True
        while self._again:
            self._again = False
            try:
                await confirm_queue.send_due(
                    self.db(), self.settings, secret=self.key(), clock=self.clock,
                    transport=self.transport,
                )  # fmt: skip
            except Exception as e:  # the marks stay due: the next kick or the worker sends
                log.warning("subscribe: confirmations not sent now: %s", e)

    async def settled(self) -> None:
        """Wait until the background sender is idle (for tests and shutdown)."""
        while self._sender is not None and not self._sender.done():
            await asyncio.shield(self._sender)

    def db(self) -> Engine:
        if self.engine is None:
            from syndicate.store.engine import ensure_schema

            self.engine = ensure_schema(self.settings)
        return self.engine

    def key(self) -> str:
        if not self.secret:
            self.secret = load_secret(self.settings)
        return self.secret

    def page(self, paper: PaperConfig, title: str, status: int = 200, **extra: Any) -> Response:
        context = {"lang": paper.language, "paper": paper.name, "title": title, "lines": [],
                   "error": None, "form": None, "email": "", "name": ""} | extra  # fmt: skip
        html = self.env.get_template("page.html").render(context)
        return HTMLResponse(html, status_code=status, headers=HEADERS)


def routes(settings: Settings) -> list[BaseRoute]:
    """The route provider named in ``web.ROUTE_PROVIDERS``."""
    return subscribe_routes(SubscribeContext(settings))


def subscribe_routes(ctx: SubscribeContext) -> list[BaseRoute]:
    def bind(handler: Callable[[SubscribeContext, Request], Any]) -> Callable[..., Any]:
        async def endpoint(request: Request) -> Response:
            return await handler(ctx, request)  # type: ignore[no-any-return]

        return endpoint

    return [
        Route("/{slug}/subscribe", bind(form_page), methods=["GET", "HEAD"]),
        Route("/{slug}/subscribe", bind(subscribe), methods=["POST"]),
        Route("/confirm/{token}", bind(confirm_page), methods=["GET", "HEAD"]),
        Route("/confirm/{token}", bind(confirm_post), methods=["POST"]),
        Route("/u/{token}", bind(unsubscribe_page), methods=["GET", "HEAD"]),
        Route("/u/{token}", bind(unsubscribe_post), methods=["POST"]),
    ]


def _paper(ctx: SubscribeContext, slug: str) -> PaperConfig | None:
    try:
        return ctx.settings.paper(slug)
    except ConfigError:
        return None


def _form(ctx: SubscribeContext, paper: PaperConfig, status: int = 200, **extra: Any) -> Response:
    action = f"/{paper.slug}/subscribe"
    return ctx.page(paper, "订阅电子邮件版", status, form="subscribe", action=action, **extra)


async def form_page(ctx: SubscribeContext, request: Request) -> Response:
    paper = _paper(ctx, request.path_params["slug"])
    if paper is None:
        return _not_found()
    return _form(ctx, paper)


async def subscribe(ctx: SubscribeContext, request: Request) -> Response:
    paper = _paper(ctx, request.path_params["slug"])
    if paper is None:
        return _not_found()
    started = time.monotonic()
    response = await _subscribe(ctx, paper, request)
    # The same time for every answer: what the database knew must not show in it.
    await asyncio.sleep(max(0.0, ctx.answer_seconds - (time.monotonic() - started)))
    return response


async def _subscribe(ctx: SubscribeContext, paper: PaperConfig, request: Request) -> Response:
    form = await request.form(**FORM_LIMITS)
    email, name = str(form.get("email") or "").strip(), str(form.get("name") or "").strip()
    if form.get("website"):
        log.info("subscribe: honeypot filled; ignored")
        return _check_inbox(ctx, paper)
    now, s = ctx.clock(), ctx.settings
    ip = request.client.host if request.client else "unknown"
    ip_ok = await asyncio.to_thread(hit, ctx.db(), f"ip:{ip}", limit=s.subscribe_ip_per_hour,
                                    window=timedelta(hours=1), now=now)  # fmt: skip
    if not ip_ok:
        lines = ["这个网络的订阅请求太多了，请一小时后再试。"]
        return ctx.page(paper, "请稍后再试", 429, lines=lines)
    try:
        address = normalize_address(email)
    except SubscriberError as e:
        return _form(ctx, paper, 400, error=f"邮箱地址无效：{e}", email=email, name=name)
    try:
        clean_name(name)
    except SubscriberError as e:
        return _form(ctx, paper, 400, error=f"无法订阅：{e}", email=email, name=name)
    await asyncio.to_thread(_record, ctx, paper, address, name, now)
    ctx.kick()
    return _check_inbox(ctx, paper)


def _record(
    ctx: SubscribeContext, paper: PaperConfig, address: str, name: str, now: datetime
) -> None:
    """Within the per-address limit: store the address ``pending`` and mark its confirmation
    due. Whatever happens (known, suppressed, over the limit) the answer is the same."""
    limit = ctx.settings.subscribe_address_per_day
    if not hit(ctx.db(), f"address:{address}", limit=limit, window=timedelta(days=1), now=now):
        return
    try:
        added = add(ctx.db(), paper, address, name=name or None, confirmed=False, now=now)
    except SubscriberError:
        return  # suppressed: honoured forever, and not revealed
    if added.pending:
        confirm_queue.request(ctx.db(), added.subscriber.id, now=now)


def _check_inbox(ctx: SubscribeContext, paper: PaperConfig) -> Response:
    hours = ctx.settings.email_confirm_hours
    lines = ["如果这个地址还没有订阅，确认邮件马上就会寄到。",
             f"请打开邮件里的链接完成订阅（{hours} 小时内有效）。"]  # fmt: skip
    return ctx.page(paper, "请查收确认邮件", lines=lines)


def _first_paper(ctx: SubscribeContext) -> PaperConfig:
    return ctx.settings.papers[0]


async def confirm_page(ctx: SubscribeContext, request: Request) -> Response:
    token = request.path_params["token"]
    paper = _first_paper(ctx)
    try:
        _read_confirm(ctx, token)
    except TokenError as e:
        return ctx.page(paper, "链接无效", 400, error=str(e))
    return ctx.page(paper, "确认订阅", form="button", action=f"/confirm/{token}",
                    button="确认订阅", hidden=[])  # fmt: skip


def _read_confirm(ctx: SubscribeContext, token: str) -> Any:
    max_age = ctx.settings.email_confirm_hours * 3600
    return read_confirm_token(ctx.key(), token, now=ctx.clock(), max_age=max_age)


async def confirm_post(ctx: SubscribeContext, request: Request) -> Response:
    paper = _first_paper(ctx)
    try:
        subject = _read_confirm(ctx, request.path_params["token"])
    except TokenError as e:
        return ctx.page(paper, "链接无效", 400, error=str(e))
    sub = await asyncio.to_thread(confirm, ctx.db(), subject, now=ctx.clock())
    if sub is None:
        return ctx.page(paper, "链接无效", 404, error="找不到这个订阅；请重新订阅。")
    paper = ctx.settings.paper(sub.paper)
    if sub.status != "confirmed":
        return ctx.page(paper, "无法确认", 409, error="这个地址已经退订，不会再收到邮件。")
    return ctx.page(paper, "订阅成功", lines=[f"{sub.email} 将收到以后的每一期。"])


async def unsubscribe_page(ctx: SubscribeContext, request: Request) -> Response:
    token = request.path_params["token"]
    paper = _first_paper(ctx)
    try:
        read_unsubscribe_token(ctx.key(), token)
    except TokenError as e:
        return ctx.page(paper, "链接无效", 400, error=str(e))
    hidden = [("List-Unsubscribe", "One-Click")]
    return ctx.page(paper, "退订", form="button", action=f"/u/{token}", button="确认退订",
                    hidden=hidden, lines=["点击下面的按钮，就不会再收到本刊的邮件。"])  # fmt: skip


async def unsubscribe_post(ctx: SubscribeContext, request: Request) -> Response:
    """RFC 8058 one-click: token only, any body, 200 and never a redirect."""
    paper = _first_paper(ctx)
    try:
        await request.form(**FORM_LIMITS)  # urlencoded or multipart; the token decides
    except (HTTPException, ValueError):  # a malformed body must not stop an unsubscribe
        log.info("unsubscribe: unreadable body ignored")
    try:
        subject = read_unsubscribe_token(ctx.key(), request.path_params["token"])
    except TokenError as e:
        return ctx.page(paper, "链接无效", 400, error=str(e))
    sub = await asyncio.to_thread(unsubscribe_token_owner, ctx.db(), subject, now=ctx.clock())
    if sub is None:
        return ctx.page(paper, "链接无效", 404, error="找不到这个订阅。")
    paper = ctx.settings.paper(sub.paper) if _paper(ctx, sub.paper) else paper
    return ctx.page(paper, "已退订", lines=[f"{sub.email} 不会再收到本刊的邮件。"])


def _not_found() -> Response:
    return HTMLResponse("<!doctype html><title>404</title><p>Not found.</p>", status_code=404)
