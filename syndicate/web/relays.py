"""Relay webhooks on the web service: ``POST /webhooks/ses``, ``/webhooks/mailgun``,
``/webhooks/postmark`` (HTTP Basic) or ``/webhooks/postmark/{token}``, ``/webhooks/sendgrid``.

The edge around ``newsletter.relay_events`` (verification and payloads, pure): it fetches the
SNS signing certificate (cached per URL) and confirms an SNS subscription by fetching its
SubscribeURL, both only at URLs matching ``ses_cert_url`` / ``ses_subscribe_url``; it
refuses a replay (an SNS MessageId, Mailgun token or SendGrid signature seen before, kept in
``app_state`` for twice ``webhook_max_age_seconds``); it hands each verified event to
``bounces.act_feedback``, the same suppression and history as the bounce mailbox.

A request that is not verified gets 401 and changes nothing; it is logged once, with the
reason. Nothing here trusts a payload before its signature is checked.
"""

from __future__ import annotations

import base64
import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import Engine, delete
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from syndicate.clock import utcnow
from syndicate.config import Settings
from syndicate.newsletter import relay_events as ev
from syndicate.newsletter.bounces import Rules, act_feedback
from syndicate.newsletter.reports import Feedback
from syndicate.newsletter.tokens import load_secret
from syndicate.store.engine import insert, writing
from syndicate.store.schema import app_state

log = logging.getLogger("syndicate.web.relays")


@dataclass
class RelayContext:
    settings: Settings
    clock: Callable[[], datetime] = utcnow
    engine: Engine | None = None
    certs: dict[str, bytes] = field(default_factory=dict)

    def db(self) -> Engine:
        if self.engine is None:
            from syndicate.store.engine import ensure_schema

            self.engine = ensure_schema(self.settings)
        return self.engine

    @property
    def max_age(self) -> timedelta:
        return timedelta(seconds=self.settings.webhook_max_age_seconds)


def routes(settings: Settings) -> list[BaseRoute]:
    """The route provider named in ``web.ROUTE_PROVIDERS``."""
    return relay_routes(RelayContext(settings))


def relay_routes(ctx: RelayContext) -> list[BaseRoute]:
    def bind(
        handler: Callable[[RelayContext, Request], Awaitable[list[Feedback]]], name: str
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                events = await handler(ctx, request)
            except ev.Refused as e:
                log.warning("webhook %s refused: %s", name, e)
                return PlainTextResponse(f"refused: {e}\n", status_code=401)
            try:
                lines = [_act(ctx, fb, name) for fb in events]
            except Exception:
                # not acted on: the relay will retry, and its retry must not look like a replay
                _forget(ctx, getattr(request.state, "replay_key", None))
                raise
            return PlainTextResponse("".join(f"{line}\n" for line in lines) or "ok\n")

        return endpoint

    return [
        Route("/webhooks/ses", bind(ses, "ses"), methods=["POST"]),
        Route("/webhooks/mailgun", bind(mailgun, "mailgun"), methods=["POST"]),
        Route("/webhooks/postmark", bind(postmark, "postmark"), methods=["POST"]),
        Route("/webhooks/postmark/{token}", bind(postmark, "postmark"), methods=["POST"]),
        Route("/webhooks/sendgrid", bind(sendgrid, "sendgrid"), methods=["POST"]),
    ]


def _act(ctx: RelayContext, fb: Feedback, source: str) -> str:
    rules = Rules(
        load_secret(ctx.settings), ctx.settings.bounce_soft_limit, ctx.settings.bounce_soft_days
    )
    action = act_feedback(ctx.db(), fb, rules=rules, source=source, now=ctx.clock())
    log.info("webhook %s: %s", source, action.line)
    return action.line


async def _json(request: Request) -> Any:
    try:
        return json.loads(await request.body())
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ev.Refused(f"the body is not JSON: {e}") from e


def _first_time(ctx: RelayContext, request: Request, key: str) -> None:
    """Refuse ``key`` (a message id, token or signature) if it was seen before."""
    request.state.replay_key = key
    now = ctx.clock()
    with writing(ctx.db()) as conn:
        old = app_state.c.key.like("webhook:%") & (app_state.c.expires_at < now)
        conn.execute(delete(app_state).where(old))
        stmt = insert(conn, app_state).values(
            key=f"webhook:{key}"[:200],
            value="seen",
            expires_at=now + 2 * ctx.max_age,
            updated_at=now,
        )
        added = conn.execute(
            stmt.on_conflict_do_nothing(index_elements=[app_state.c.key]).returning(app_state.c.key)
        ).first()
    if added is None:
        request.state.replay_key = None
        raise ev.Refused(f"{key[:60]} was seen before (a replay)")


def _forget(ctx: RelayContext, key: str | None) -> None:
    if key:
        with writing(ctx.db()) as conn:
            conn.execute(delete(app_state).where(app_state.c.key == f"webhook:{key}"[:200]))


async def ses(ctx: RelayContext, request: Request) -> list[Feedback]:
    doc = await _json(request)
    if not isinstance(doc, dict):
        raise ev.Refused("the SNS body is not a JSON object")
    url = str(doc.get("SigningCertURL", ""))
    ev.check_cert_url(url, ctx.settings.ses_cert_url)
    pem = ctx.certs.get(url) or await _fetch(url, "the SNS signing certificate")
    ctx.certs[url] = pem
    ev.check_sns(
        doc, cert_pem=pem, topics=ctx.settings.ses_topic_arns, now=ctx.clock(), max_age=ctx.max_age
    )
    if doc["Type"] == "SubscriptionConfirmation":
        confirm = str(doc.get("SubscribeURL", ""))
        if not re.fullmatch(ctx.settings.ses_subscribe_url, confirm):
            raise ev.Refused(f"SNS SubscribeURL {confirm[:100]!r} is not an Amazon SNS URL")
        await _fetch(confirm, "the SNS subscription confirmation")
        log.info("webhook ses: subscribed to %s", doc.get("TopicArn"))
        return []
    if doc["Type"] != "Notification":
        return []
    _first_time(ctx, request, f"ses:{doc.get('MessageId')}")
    return ev.ses_feedback(doc)


async def _fetch(url: str, what: str) -> bytes:
    try:
        async with httpx.AsyncClient(timeout=10, follow_redirects=False) as client:
            r = await client.get(url)
            r.raise_for_status()
            return r.content[:65536]
    except httpx.HTTPError as e:
        raise ev.Refused(f"could not fetch {what} ({url[:100]}): {e}") from e


async def mailgun(ctx: RelayContext, request: Request) -> list[Feedback]:
    doc = await _json(request)
    if not isinstance(doc, dict):
        raise ev.Refused("the Mailgun body is not a JSON object")
    token = ev.check_mailgun(
        doc, key=ctx.settings.mailgun_webhook_key, now=ctx.clock(), max_age=ctx.max_age
    )
    _first_time(ctx, request, f"mailgun:{token}")
    return ev.mailgun_feedback(doc)


async def postmark(ctx: RelayContext, request: Request) -> list[Feedback]:
    given = request.path_params.get("token") or _basic_password(request)
    ev.check_postmark(given, ctx.settings.postmark_webhook_token)
    doc = await _json(request)
    if not isinstance(doc, dict):
        raise ev.Refused("the Postmark body is not a JSON object")
    return ev.postmark_feedback(doc)


def _basic_password(request: Request) -> str:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return ""
    try:
        return base64.b64decode(value).decode("utf-8").partition(":")[2]
    except (ValueError, UnicodeDecodeError):
        return ""


async def sendgrid(ctx: RelayContext, request: Request) -> list[Feedback]:
    body = await request.body()
    signature = request.headers.get("x-twilio-email-event-webhook-signature", "")
    ev.check_sendgrid(
        body,
        signature=signature,
        timestamp=request.headers.get("x-twilio-email-event-webhook-timestamp", ""),
        public_key=ctx.settings.sendgrid_webhook_key,
        now=ctx.clock(),
        max_age=ctx.max_age,
    )
    _first_time(ctx, request, f"sendgrid:{signature}")
    try:
        events = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ev.Refused(f"the SendGrid body is not JSON: {e}") from e
    return ev.sendgrid_feedback(events if isinstance(events, list) else [])
