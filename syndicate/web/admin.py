"""The editor's desk at ``/admin/``, in Chinese: log in, read an issue, approve or hold it,
watch its deliveries, pause a schedule, find a subscriber.

Logins (``web.session``): the admin token (any user name; ``SYNDICATE_ADMIN_TOKEN``, or a
development token generated into ``{data_dir}/admin_token`` once) or an editor's account
(``syndicate editors add NAME``). A session cookie, never an HTTP Basic pop-up; every form
carries a CSRF token bound to the session, and a POST from another origin is refused. Every
page sends an anonymous visitor to the login page; every POST without a live session is 403.
Times are shown in the paper's zone. Nothing changes on a bad request: the page says why.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode, urlsplit
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from syndicate import assets
from syndicate.clock import utcnow
from syndicate.config import Settings
from syndicate.errors import SyndicateError
from syndicate.keys import dev_secret
from syndicate.newsletter.tokens import load_secret
from syndicate.service import scheduler, status
from syndicate.store import approvals, editors, ledger, schedule_state
from syndicate.store.catalog import list_issues, load_issue
from syndicate.web import charts, desk_data
from syndicate.web.session import (
    COOKIE,
    LOGIN_COOKIE,
    SESSION_HOURS,
    Sessions,
    client_ip,
    login_blocked,
    login_failed,
    scheme_and_host,
)

log = logging.getLogger(__name__)
#: ``same-origin``: a browser sends the desk's own Origin with its forms (``no-referrer``
#: makes Chromium send ``Origin: null``), and no URL of the desk to another site.
HEADERS = {"cache-control": "no-store", "x-frame-options": "DENY", "referrer-policy": "same-origin"}
CHANNELS = ("email", "wechat")
CHANNEL_NAMES = {"email": "邮件简报", "wechat": "微信公众号", "atom": "订阅源",
                 "digest": "每周摘要"}  # fmt: skip
STATE_NAMES = {"auto": "无需审批", "awaiting": "待审批", "approved": "已批准", "held": "已暂停"}
DELIVERY_NAMES = {"sent": "已发送", "pending": "排队", "sending": "发送中", "retry": "重试",
                  "failed": "失败", "unknown": "未知", "held": "暂停"}  # fmt: skip


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
    _sessions: Sessions | None = None

    def db(self) -> Engine:
        if self.engine is None:
            from syndicate.store.engine import ensure_schema

            self.engine = ensure_schema(self.settings)
        return self.engine

    def token(self) -> str:
        self._token = self._token or admin_token(self.settings)
        return self._token

    def sessions(self) -> Sessions:
        if self._sessions is None:
            self._sessions = Sessions(load_secret(self.settings), self.db())
        return self._sessions

    def zone(self, slug: str | None = None) -> ZoneInfo:
        paper = next((p for p in self.settings.papers if p.slug == slug), self.settings.papers[0])
        return ZoneInfo(paper.timezone)


def _page(html: str, status_code: int = 200) -> HTMLResponse:
    return HTMLResponse(html, status_code=status_code, headers=HEADERS)


def _back(path: str, notice: str) -> Response:
    return RedirectResponse(f"{path}?{urlencode({'done': notice})}", 303, headers=HEADERS)


def admin_routes(ctx: AdminContext) -> list[BaseRoute]:
    env = assets.environment("admin")
    proxies = ctx.settings.trusted_proxies

    def local(value: datetime | None, slug: str | None = None, fmt: str = "%Y-%m-%d %H:%M") -> str:
        return value.astimezone(ctx.zone(slug)).strftime(fmt) if value else "—"

    def render(request: Request, name: str, *, user: str, sid: str, code: int = 200,
               **values: Any) -> Response:  # fmt: skip
        html = env.get_template(name).render(
            user=user, csrf=ctx.sessions().csrf(sid), local=local, now=ctx.clock(), active="",
            channel_names=CHANNEL_NAMES, state_names=STATE_NAMES, notice=values.pop(
                "notice", request.query_params.get("done", "")), **values,
        )  # fmt: skip
        return _page(html, code)

    def who(request: Request) -> tuple[str, str] | None:
        return ctx.sessions().user(request.cookies.get(COOKIE), ctx.clock())

    def page(handler: Callable[[Request, str, str], Any]) -> Callable[[Request], Any]:
        async def guarded(request: Request) -> Response:
            found = who(request)
            if found is None:
                target = quote(request.url.path)
                return RedirectResponse(f"/admin/login?next={target}", 303, headers=HEADERS)
            return await handler(request, *found)  # type: ignore[no-any-return]

        return guarded

    def form_action(handler: Callable[..., Any]) -> Callable[[Request], Any]:
        async def guarded(request: Request) -> Response:
            found = who(request)
            if found is None:
                return _page(_refusal("登录已过期，请重新登录。"), 403)
            if not _same_origin(request, proxies):
                return _page(_refusal("拒绝跨站请求。"), 403)
            async with request.form(max_fields=20, max_files=0) as form:
                fields = {k: str(v) for k, v in form.items()}
            sid, user = found
            if not ctx.sessions().csrf_ok(sid, fields.get("csrf", "")):
                return _page(_refusal("表单已失效或不属于本次登录，请刷新页面后重试。"), 403)
            return await handler(request, sid, user, fields)  # type: ignore[no-any-return]

        return guarded

    # --- login and logout ------------------------------------------------------------------
    async def login_page(request: Request, error: str = "", code: int = 200) -> Response:
        nonce = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(18)
        html = env.get_template("login.html").render(
            csrf=ctx.sessions().csrf(f"login:{nonce}"), error=error, user="", notice="",
            next=_safe_next(request.query_params.get("next", "")),
        )  # fmt: skip
        response = _page(html, code)
        secure = scheme_and_host(request, proxies)[0] == "https"
        response.set_cookie(LOGIN_COOKIE, nonce, max_age=3600, path="/admin/", httponly=True,
                            samesite="strict", secure=secure)  # fmt: skip
        return response

    async def login_get(request: Request) -> Response:
        if who(request) is not None:
            return RedirectResponse("/admin/", 303, headers=HEADERS)
        return await login_page(request)

    async def login_post(request: Request) -> Response:
        async with request.form(max_fields=10, max_files=0) as form:
            fields = {k: str(v) for k, v in form.items()}
        nonce = request.cookies.get(LOGIN_COOKIE, "")
        if not nonce or not ctx.sessions().csrf_ok(f"login:{nonce}", fields.get("csrf", "")):
            return await login_page(request, "登录表单已失效，请重试。", 403)
        now = ctx.clock()
        ip = client_ip(request, proxies)
        if login_blocked(ctx.db(), ip, now):
            log.warning("admin: login refused for %s: too many wrong attempts", ip)
            return await login_page(request, "尝试次数过多，请 15 分钟后再试。", 429)
        user, password = fields.get("user", "").strip(), fields.get("password", "")
        ok = editors.check(ctx.db(), user, password)
        if not ok and secrets.compare_digest(password.encode(), ctx.token().encode()):
            ok, user = True, user or "admin"
        if not ok:
            login_failed(ctx.db(), ip, now)
            log.warning("admin: wrong login from %s", ip)
            return await login_page(request, "用户名或密码错误。", 401)
        cookie = ctx.sessions().start(user, now)
        response = RedirectResponse(_safe_next(fields.get("next", "")) or "/admin/", 303,
                                    headers=HEADERS)  # fmt: skip
        secure = scheme_and_host(request, proxies)[0] == "https"
        response.set_cookie(COOKIE, cookie, max_age=SESSION_HOURS * 3600, path="/admin/",
                            httponly=True, samesite="strict", secure=secure)  # fmt: skip
        response.delete_cookie(LOGIN_COOKIE, path="/admin/")
        log.info("admin: %s logged in from %s", user, ip)
        return response

    async def logout(request: Request, sid: str, user: str, fields: dict[str, str]) -> Response:
        ctx.sessions().end(sid)
        response = RedirectResponse("/admin/login", 303, headers=HEADERS)
        response.delete_cookie(COOKIE, path="/admin/")
        return response

    # --- issues ----------------------------------------------------------------------------
    async def issues_page(request: Request, sid: str, user: str) -> Response:
        listed = list_issues(ctx.db(), limit=60)
        s = status.collect(ctx.db(), ctx.settings, ctx.clock(), limit=60)
        return render(request, "issues.html", user=user, sid=sid, issues=listed,
                      status={i.key: i for i in s.issues}, channels=CHANNELS,
                      failed_files=s.failed_files, failed_sources=s.failed_sources,
                      failed_publishes=s.failed_publishes, websub=s.websub)  # fmt: skip

    async def issue_page(request: Request, sid: str, user: str) -> Response:
        key = f"{request.path_params['slug']}/{request.path_params['day']}"
        stored = load_issue(ctx.db(), key)
        if stored is None:
            return render(request, "missing.html", user=user, sid=sid, code=404, what=key)
        found = approvals.load(ctx.db(), ctx.settings, keys=[key])
        doubted: dict[int, list[Any]] = {}
        for d in stored.issue.doubts:
            doubted.setdefault(-1 if d.article is None else d.article, []).append(d)
        return render(request, "issue.html", user=user, sid=sid, stored=stored, key=key,
                      slug=stored.summary.paper, doubted=doubted, channels=CHANNELS,
                      approvals=found, counts=ledger.counts(ctx.db(), issue_key=key).get(key, {}),
                      readers=desk_data.confirmed_count(ctx.db(), stored.summary.paper),
                      )  # fmt: skip

    async def preview(request: Request, sid: str, user: str) -> Response:
        key = f"{request.path_params['slug']}/{request.path_params['day']}"
        channel = request.path_params["channel"]
        try:
            html = _preview(ctx, key, channel)
        except SyndicateError as e:
            return render(request, "missing.html", user=user, sid=sid, code=404, what=str(e))
        return HTMLResponse(html, headers={**HEADERS, "x-frame-options": "SAMEORIGIN",
                            "content-security-policy": "script-src 'none'"})  # fmt: skip

    async def approve(request: Request, sid: str, user: str, fields: dict[str, str]) -> Response:
        key, channel, verb = fields.get("issue", ""), fields.get("channel", ""), fields.get("do")
        if channel not in CHANNELS or verb not in ("approve", "hold"):
            return render(request, "missing.html", user=user, sid=sid, code=400,
                          what=f"渠道 '{channel}' 或操作 '{verb}' 无效")  # fmt: skip
        stored = load_issue(ctx.db(), key)
        if stored is None:
            return render(request, "missing.html", user=user, sid=sid, code=404, what=key)
        if fields.get("confirm") != "yes":
            readers = desk_data.confirmed_count(ctx.db(), stored.summary.paper)
            return render(request, "confirm.html", user=user, sid=sid, key=key, channel=channel,
                          verb=verb, readers=readers, stored=stored)  # fmt: skip
        state = "approved" if verb == "approve" else "held"
        [a] = approvals.decide(ctx.db(), ctx.settings, key, [channel], state, by=user,
                               now=ctx.clock())  # fmt: skip
        log.info("admin: %s %s %s %s", user, state, key, channel)
        notice = f"{key} {CHANNEL_NAMES[channel]}：{STATE_NAMES[a.state]}"
        return _back(f"/admin/issue/{key}", notice)

    # --- deliveries ------------------------------------------------------------------------
    async def deliveries_page(request: Request, sid: str, user: str) -> Response:
        s = status.collect(ctx.db(), ctx.settings, ctx.clock())
        key, channel = request.query_params.get("issue"), request.query_params.get("channel")
        chart, failed = "", []
        if key and channel in CHANNELS:
            labels, series = desk_data.per_minute(ctx.db(), channel, key)
            names = {"sent": "已发送", "retry": "重试", "failed": "失败", "bounced": "退信"}
            chart = charts.bars([(names[k], v) for k, v in series.items()], labels,
                                title=f"{key} {channel} 每分钟")  # fmt: skip
            failed = ledger.deliveries_of(ctx.db(), channel=channel, issue_key=key,
                                          states=("failed", "unknown", "held"))  # fmt: skip
        return render(request, "deliveries.html", user=user, sid=sid, issues=s.issues,
                      channels=CHANNELS, states=status.STATES, delivery_names=DELIVERY_NAMES,
                      key=key, channel=channel, chart=chart, failed=failed,
                      feedback=s.feedback)  # fmt: skip

    async def delivery_action(
        request: Request, sid: str, user: str, fields: dict[str, str]
    ) -> Response:
        verb, channel, key = fields.get("do"), fields.get("channel"), fields.get("issue", "")
        if verb not in ("hold", "resend") or channel not in CHANNELS or not key:
            return render(request, "missing.html", user=user, sid=sid, code=400,
                          what="无效的操作")  # fmt: skip
        if verb == "resend" and fields.get("confirm") != "yes":
            rows = ledger.deliveries_of(ctx.db(), channel=channel, issue_key=key,
                                        states=("failed", "unknown", "held"))  # fmt: skip
            return render(request, "confirm_resend.html", user=user, sid=sid, key=key,
                          channel=channel, rows=len(rows))  # fmt: skip
        do = ledger.hold if verb == "hold" else ledger.resend
        n = do(ctx.db(), channel=channel, issue_key=key, now=ctx.clock())
        log.info("admin: %s %s %s %s: %d rows", user, verb, key, channel, n)
        done = f"{key} {CHANNEL_NAMES[channel]}：{'暂停' if verb == 'hold' else '重发'} {n} 条"
        return _back("/admin/deliveries", done)

    # --- schedules -------------------------------------------------------------------------
    async def schedules_page(request: Request, sid: str, user: str) -> Response:
        paused, asked = schedule_state.flags(ctx.db())
        rows = scheduler.schedule_table(ctx.settings, ctx.clock())
        return render(request, "schedules.html", user=user, sid=sid, rows=rows, paused=paused,
                      asked=asked)  # fmt: skip

    async def schedule_action(
        request: Request, sid: str, user: str, fields: dict[str, str]
    ) -> Response:
        slug, channel, verb = fields.get("paper", ""), fields.get("channel", ""), fields.get("do")
        known = {(p.slug, c) for p in ctx.settings.papers for c in CHANNELS}
        if (slug, channel) not in known or verb not in ("pause", "resume", "now"):
            return render(request, "missing.html", user=user, sid=sid, code=400,
                          what=f"没有这个计划：{slug} {channel}")  # fmt: skip
        now = ctx.clock()
        if verb == "pause":
            schedule_state.pause(ctx.db(), slug, channel, by=user, now=now)
        elif verb == "resume":
            schedule_state.resume(ctx.db(), slug, channel)
        else:
            schedule_state.ask_run(ctx.db(), slug, channel, by=user, now=now)
        log.info("admin: %s %s schedule %s %s", user, verb, slug, channel)
        what = {"pause": "已暂停", "resume": "已恢复", "now": "将立即运行"}[verb]
        return _back("/admin/schedules", f"{slug} {CHANNEL_NAMES[channel]}：{what}")

    # --- subscribers -----------------------------------------------------------------------
    async def subscribers_page(request: Request, sid: str, user: str) -> Response:
        q = request.query_params.get("q", "").strip()
        found = desk_data.search(ctx.db(), q) if q else []
        labels, series = desk_data.weekly(ctx.db(), ctx.clock())
        flow = charts.bars(
            [(k, series[k]) for k in ("订阅", "退订")], labels, title="每周订阅与退订"
        )
        readers = charts.bars([("确认读者", series["确认读者"])], labels, title="每周确认读者")
        s = status.collect(ctx.db(), ctx.settings, ctx.clock())
        return render(request, "subscribers.html", user=user, sid=sid, q=q, found=found,
                      flow=flow, readers=readers, totals=s.subscribers)  # fmt: skip

    async def subscribers_csv(request: Request, sid: str, user: str) -> Response:
        from syndicate.newsletter.subscriber_csv import export_text

        headers = {**HEADERS, "content-disposition": 'attachment; filename="subscribers.csv"'}
        return Response(export_text(ctx.db()), media_type="text/csv; charset=utf-8",
                        headers=headers)  # fmt: skip

    return [
        Route("/admin/login", login_get, methods=["GET", "HEAD"]),
        Route("/admin/login", login_post, methods=["POST"]),
        Route("/admin/logout", form_action(logout), methods=["POST"]),
        Route("/admin/", page(issues_page), methods=["GET", "HEAD"]),
        Route("/admin/issue/{slug}/{day}", page(issue_page), methods=["GET", "HEAD"]),
        Route("/admin/preview/{slug}/{day}/{channel}", page(preview), methods=["GET"]),
        Route("/admin/approve", form_action(approve), methods=["POST"]),
        Route("/admin/deliveries", page(deliveries_page), methods=["GET", "HEAD"]),
        Route("/admin/action", form_action(delivery_action), methods=["POST"]),
        Route("/admin/schedules", page(schedules_page), methods=["GET", "HEAD"]),
        Route("/admin/schedule", form_action(schedule_action), methods=["POST"]),
        Route("/admin/subscribers", page(subscribers_page), methods=["GET", "HEAD"]),
        Route("/admin/subscribers.csv", page(subscribers_csv), methods=["GET"]),
    ]


#: Every page of the desk (for the tests that check each refuses an anonymous visitor).
PAGES = ("/admin/", "/admin/deliveries", "/admin/schedules", "/admin/subscribers",
         "/admin/subscribers.csv")  # fmt: skip
#: Every form's action.
FORMS = ("/admin/logout", "/admin/approve", "/admin/action", "/admin/schedule")


def _preview(ctx: AdminContext, key: str, channel: str) -> str:
    if channel == "email":
        from syndicate.newsletter.delivery import load_newsletter
        from syndicate.newsletter.render import UNSUBSCRIBE_SLOT

        return load_newsletter(ctx.db(), ctx.settings, key, ctx.clock()).html.replace(
            UNSUBSCRIBE_SLOT, "#"
        )
    if channel == "wechat":
        from syndicate.wechat.push import render_stored
        from syndicate.wechat.render import render_preview

        stored = load_issue(ctx.db(), key)
        if stored is None:
            raise SyndicateError(key)
        digest = render_stored(stored, ctx.settings, None)
        return render_preview(digest, env=assets.environment("wechat"), cover=None)
    raise SyndicateError(f"没有这个渠道：{channel}")


def _refusal(why: str) -> str:
    return (
        '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>已拒绝</title>'
        f'<p>{why}</p><p><a href="/admin/login">登录</a></p></html>'
    )


def _safe_next(value: str) -> str:
    """Only a path of the desk itself (no open redirect)."""
    return value if value.startswith("/admin/") and "//" not in value else ""


def _same_origin(request: Request, proxies: tuple[str, ...]) -> bool:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":  # not told: the session-bound CSRF token decides
        return True
    return urlsplit(origin).netloc == scheme_and_host(request, proxies)[1]


def routes(settings: Settings) -> list[BaseRoute]:
    """The route provider named in ``web.ROUTE_PROVIDERS``."""
    return admin_routes(AdminContext(settings))
