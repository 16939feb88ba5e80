"""Push an issue to a WeChat account's draft box (草稿箱) through the delivery ledger.

One ledger row per (``wechat``, issue, appid). ``send_wechat``:

1. renders the digest and checks every limit (no network yet; a broken limit stops here);
2. enqueues the row (idempotent), claims it (committed) and, for the claimed row:
3. finds the draft an earlier attempt may have made (see *Crash safety*), else uploads the
   cover (once per account: its media_id is cached in app_state) and calls draft/add;
4. records the media_id as the row's ``provider_id`` and marks it ``sent`` right away;
5. with ``wechat_publish`` on, submits it (freepublish/submit) and polls freepublish/get once.

Errors (shared/reference/wechat.md §1): 45009 stops for the day (retry at the next midnight,
Beijing time, when the quota resets); 45011 retries after 60 s; -1 (busy), a network error or a
token that stays invalid backs off exponentially; 40007 drops the cached cover and retries;
anything else (48001 no permission, 40164 IP not whitelisted, …) fails the row with the
errcode, errmsg and what an admin should do. Retries wait through the ledger's
``not_before``; nothing here sleeps.

Crash safety: a worker can die after WeChat made the draft but before the ``sent`` mark was
committed. Its lease then expires and the row becomes ``unknown`` (or ``retry`` after an
ambiguous network error). Any attempt after the first therefore looks in the draft box first
(draft/batchget, 20 a page, bodies left out) for a draft whose first article has this digest's
title and 阅读原文 URL (``{base_url}/{slug}/{date}/``; unique per paper and issue) and adopts
its media_id instead of adding another. A first attempt skips the look-up (nothing can exist).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import PurePosixPath
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import Engine

from syndicate import assets
from syndicate.config import Settings
from syndicate.errors import ConfigError, DeliveryError, StoreError, WeChatError
from syndicate.failpoints import failpoint
from syndicate.feeds.ids import public_file
from syndicate.store import ledger
from syndicate.store.catalog import StoredIssue, load_issue
from syndicate.store.engine import state_get, state_put
from syndicate.store.heartbeats import Heartbeat
from syndicate.store.leases import reclaim_dead_owners
from syndicate.wechat.client import WeChatClient
from syndicate.wechat.cover import cover_media_id, forget_cover, paper_cover
from syndicate.wechat.render import (
    WeChatDigest,
    WeChatOptions,
    render_wechat,
)

CHANNEL = "wechat"
LEASE = timedelta(minutes=10)
#: WeChat's daily quotas reset at midnight Beijing time.
QUOTA_ZONE = ZoneInfo("Asia/Shanghai")
MINUTE_WAIT = timedelta(seconds=60)
BACKOFF_FIRST, BACKOFF_MAX = timedelta(seconds=30), timedelta(hours=1)


@dataclass(frozen=True)
class SendResult:
    """What ``send_wechat`` did: ``state`` of the row, the draft's media_id, a message."""

    key: str
    state: str
    media_id: str | None
    message: str
    publish_id: str | None = None


class DbTokens:
    """The access token in app_state, shared by every worker on the database.

    Two workers that both find it missing both call stable_token; WeChat's stable token is
    the same for both (non-forced calls return the current token), so the race is harmless.
    """

    def __init__(self, engine: Engine, appid: str) -> None:
        self.engine, self.key = engine, f"wechat:token:{appid}"

    def get(self, now: datetime) -> str | None:
        with self.engine.begin() as conn:
            return state_get(conn, self.key, now=now)

    def put(self, token: str, *, now: datetime, expires_at: datetime) -> None:
        with self.engine.begin() as conn:
            state_put(conn, self.key, token, now=now, expires_at=expires_at)

    def drop(self, now: datetime) -> None:
        with self.engine.begin() as conn:
            state_put(conn, self.key, "", now=now, expires_at=now)


def options_for(settings: Settings, thumb_media_id: str | None = None) -> WeChatOptions:
    """The render options the settings ask for."""
    base = WeChatOptions(full_articles=settings.wechat_full_articles)
    if thumb_media_id:
        return WeChatOptions(full_articles=base.full_articles, thumb_media_id=thumb_media_id)
    return base


def render_stored(
    stored: StoredIssue, settings: Settings, thumb_media_id: str | None = None
) -> WeChatDigest:
    """The digest of a stored issue (checked against every limit)."""
    slug = stored.key.split("/", 1)[0]
    return render_wechat(
        stored.issue,
        env=assets.environment("wechat"),
        base_url=settings.base_url,
        paper_config=settings.paper(slug),
        options=options_for(settings, thumb_media_id),
        article_keys=[a.key for a in stored.articles],
    )


def send_wechat(
    engine: Engine,
    settings: Settings,
    key: str,
    *,
    http: httpx.Client,
    clock: Callable[[], datetime],
) -> SendResult:
    """Put issue ``key`` in the account's draft box once (see the module docstring)."""
    appid = settings.wechat_appid
    if not appid or not settings.wechat_secret:
        raise ConfigError(
            "WeChat is not configured; set wechat_appid (or SYNDICATE_WECHAT_APPID) and "
            "SYNDICATE_WECHAT_SECRET"
        )
    stored = load_issue(engine, key)
    if stored is None:
        raise StoreError(f"issue '{key}' is not stored; run `syndicate ingest FILE` first")
    render_stored(stored, settings)  # every limit checked before any call
    now = clock()
    reclaim_dead_owners(engine, now=now)  # a killed worker's row comes back at once
    ledger.enqueue_targets(engine, channel=CHANNEL, issue_key=key, targets=[appid], now=now)
    with Heartbeat(engine, clock):  # from before the claim until the row is recorded
        owner = ledger.new_owner()
        claims = ledger.claim(
            engine, channel=CHANNEL, owner=owner, now=now, lease=LEASE, limit=1,
            issue_key=key, policy=settings.unknown_policy,
        )  # fmt: skip
        if not claims:
            return _not_claimed(engine, key)
        client = WeChatClient(
            api_base=settings.wechat_api_base,
            appid=appid,
            secret=settings.wechat_secret,
            tokens=DbTokens(engine, appid),
            http=http,
            clock=clock,
        )
        return _push(engine, settings, stored, claims[0], client, owner)


def _push(
    engine: Engine,
    settings: Settings,
    stored: StoredIssue,
    c: ledger.Claim,
    client: WeChatClient,
    owner: str,
) -> SendResult:
    cover = paper_cover(settings, stored.key.split("/", 1)[0])
    try:
        media_id = c.provider_id
        if not media_id and c.attempts > 1:
            first = render_stored(stored, settings).articles[0]
            media_id = client.find_draft(first.title, first.content_source_url)
        found = media_id is not None
        if media_id is None:
            thumb = cover_media_id(engine, client, cover)
            payload = render_stored(stored, settings, thumb).payload()
            for article in payload["articles"]:
                article["content"] = client.rehost_images(
                    article["content"], image_reader(settings)
                )
            media_id = client.add_draft(payload)
            failpoint("wechat.drafted")
    except WeChatError as e:
        return _failed(engine, settings, c, owner, e, client.clock(), cover)
    ledger.mark_sent(engine, c.id, owner=owner, now=client.clock(), provider_id=media_id)
    how = "found the draft an earlier attempt made" if found else "drafted"
    result = SendResult(c.issue_key, "sent", media_id, f"{how}: media_id {media_id}")
    if settings.wechat_publish:
        return _publish(engine, client, result)
    return result


def image_reader(settings: Settings) -> Callable[[str], bytes]:
    """Reads a body image by its site path (``/jngx/…/x.jpg``) from the public dir, by the
    web server's own rule (``feeds.ids.public_file``)."""

    def load(src: str) -> bytes:
        rel = public_file(urlsplit(src).path)
        if rel is None or rel == PurePosixPath("index.html"):
            raise DeliveryError(f"wechat: image '{src}' is not under the public dir")
        target = settings.public_dir / rel
        try:
            return target.read_bytes()
        except OSError as e:
            raise DeliveryError(f"wechat: cannot read image '{src}' ({e.strerror})") from e

    return load


def retry_at(e: WeChatError, now: datetime, attempts: int) -> datetime | None:
    """When to try again after ``e``; None when no retry can help (an admin must act)."""
    if e.errcode == 45009:
        tomorrow = now.astimezone(QUOTA_ZONE).date() + timedelta(days=1)
        return datetime.combine(tomorrow, time(0, 1), tzinfo=QUOTA_ZONE)
    if e.errcode == 45011:
        return now + MINUTE_WAIT
    if e.errcode == 40007:
        return now
    if e.permanent:
        return None
    wait: timedelta = min(BACKOFF_FIRST * 2 ** max(0, attempts - 1), BACKOFF_MAX)
    return now + wait


def _failed(
    engine: Engine,
    settings: Settings,
    c: ledger.Claim,
    owner: str,
    e: WeChatError,
    now: datetime,
    cover: bytes,
) -> SendResult:
    if e.errcode == 40007:
        forget_cover(engine, settings.wechat_appid, cover, now)
    when = retry_at(e, now, c.attempts)
    if when is None:
        ledger.mark_failed(engine, c.id, owner=owner, now=now, error=str(e))
        return SendResult(c.issue_key, "failed", None, str(e))
    ledger.mark_retry(engine, c.id, owner=owner, now=now, not_before=when, error=str(e))
    return SendResult(c.issue_key, "retry", None, f"{e}; retrying after {when.isoformat()}")


def _not_claimed(engine: Engine, key: str) -> SendResult:
    """Why nothing was claimed: already sent, waiting, held, failed or being sent."""
    rows = ledger.deliveries_of(engine, channel=CHANNEL, issue_key=key)
    row = rows[0]
    if row.state == "sent":
        return SendResult(key, "sent", row.provider_id, f"already drafted: {row.provider_id}")
    if row.state == "retry" and row.not_before:
        why = f"waiting until {row.not_before.isoformat()} (last error: {row.last_error})"
        return SendResult(key, "retry", None, why)
    return SendResult(key, row.state, row.provider_id, row.last_error or row.state)


def _publish(engine: Engine, client: WeChatClient, result: SendResult) -> SendResult:
    """freepublish/submit once per draft (publish_id kept in app_state), then one status poll."""
    assert result.media_id is not None
    key = f"wechat:publish:{client.appid}:{result.media_id}"
    with engine.begin() as conn:
        publish_id = state_get(conn, key, now=client.clock())
    try:
        if not publish_id:
            publish_id = client.submit(result.media_id)
            with engine.begin() as conn:
                state_put(conn, key, publish_id, now=client.clock(), expires_at=None)
        status = client.publish_status(publish_id)
    except WeChatError as e:
        raise WeChatError(
            f"{e}; the draft {result.media_id} is in the draft box: publish it from the MP site",
            errcode=e.errcode,
            errmsg=e.errmsg,
            permanent=e.permanent,
        ) from e
    code = int(status.get("publish_status", -1))
    words = {0: "published", 1: "publishing"}.get(code, f"publish failed (status {code})")
    message = f"{result.message}; {words}: publish_id {publish_id}"
    return SendResult(result.key, result.state, result.media_id, message, publish_id)
