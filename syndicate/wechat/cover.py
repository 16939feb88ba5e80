"""The cover (封面) of a paper's WeChat articles: uploaded once per account and cover file.

WeChat needs a permanent ``thumb`` material for every ``news`` article: a JPEG of at most
64 KB (shared/reference/wechat.md §1). A paper may set its own (``wechat_cover = PATH``,
checked for format and size); otherwise the shipped default is used. Each cover is uploaded
once per account: its media_id is cached in app_state under the cover's hash, so a new cover
file is uploaded again and an unchanged one never is (the library holds 100,000 images).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from syndicate import assets
from syndicate.config import Settings
from syndicate.store.engine import state_get, state_put
from syndicate.wechat.client import WeChatClient


def paper_cover(settings: Settings, slug: str) -> bytes:
    """The cover JPEG of paper ``slug``: its ``wechat_cover``, or the shipped default."""
    path = settings.paper(slug).wechat_cover
    return assets.read_cover(Path(path) if path else None)


def cover_key(appid: str, jpeg: bytes) -> str:
    """The app_state key of a cover's media_id on account ``appid`` (by the cover's hash)."""
    return f"wechat:thumb:{appid}:{hashlib.sha256(jpeg).hexdigest()[:16]}"


def cover_media_id(engine: Engine, client: WeChatClient, jpeg: bytes) -> str:
    """The media_id of cover ``jpeg``, uploaded on first use and cached in app_state."""
    key = cover_key(client.appid, jpeg)
    with engine.begin() as conn:
        cached = state_get(conn, key, now=client.clock())
    if cached:
        return cached
    media_id = client.add_thumb(jpeg)
    with engine.begin() as conn:
        state_put(conn, key, media_id, now=client.clock(), expires_at=None)
    return media_id


def forget_cover(engine: Engine, appid: str, jpeg: bytes, now: datetime) -> None:
    """Drop a cached cover media_id (WeChat said 40007: it no longer exists)."""
    with engine.begin() as conn:
        state_put(conn, cover_key(appid, jpeg), "", now=now, expires_at=now)
