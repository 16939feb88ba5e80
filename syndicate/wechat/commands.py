"""The ``wechat`` channel of ``syndicate render`` and ``syndicate send`` (cli.py dispatches).

- ``render_files(settings, key, out)`` writes ``draft.json`` (the exact draft/add body: UTF-8
  JSON, no ``\\u`` escapes), ``digest.html`` (a preview at phone width, 375 px) and
  ``cover.jpg`` (the default cover). It sends nothing. ``thumb_media_id`` is the account's
  cover media_id when it was uploaded before, else a placeholder that ``send`` fills in.
- ``send_command(settings, key, dry_run)`` runs ``wechat_send.send_wechat`` with the real
  clock and an httpx client; a row left ``retry`` or ``failed`` is a one-line error.
"""

from __future__ import annotations

from pathlib import Path

import httpx

from syndicate import assets
from syndicate.clock import utcnow
from syndicate.config import Settings
from syndicate.errors import DeliveryError, StoreError
from syndicate.store.catalog import load_issue
from syndicate.store.engine import ensure_schema, state_get
from syndicate.wechat.cover import cover_key, paper_cover
from syndicate.wechat.push import render_stored, send_wechat
from syndicate.wechat.render import encode_payload, render_preview

TIMEOUT = httpx.Timeout(30.0)


def render_files(settings: Settings, key: str, out: Path) -> list[Path]:
    """Write draft.json, digest.html and cover.jpg for issue ``key`` into ``out``."""
    engine = ensure_schema(settings)
    try:
        stored = load_issue(engine, key)
        if stored is None:
            raise StoreError(f"issue '{key}' is not stored; run `syndicate ingest FILE` first")
        cover = paper_cover(settings, stored.key.split("/", 1)[0])
        thumb = None
        if settings.wechat_appid:
            key_of = cover_key(settings.wechat_appid, cover)
            with engine.begin() as conn:
                thumb = state_get(conn, key_of, now=utcnow())
        digest = render_stored(stored, settings, thumb)
    finally:
        engine.dispose()
    out.mkdir(parents=True, exist_ok=True)
    files = [out / "draft.json", out / "digest.html", out / "cover.jpg"]
    files[0].write_bytes(encode_payload(digest.payload()))
    preview = render_preview(digest, env=assets.environment("wechat"), cover="cover.jpg")
    files[1].write_text(preview, encoding="utf-8")
    files[2].write_bytes(cover)
    return files


def send_command(settings: Settings, key: str, dry_run: bool) -> str:
    """Send issue ``key`` to the WeChat draft box; the line to print."""
    if dry_run:
        engine = ensure_schema(settings)
        try:
            stored = load_issue(engine, key)
            if stored is None:
                raise StoreError(f"issue '{key}' is not stored; run `syndicate ingest FILE` first")
            digest = render_stored(stored, settings)
        finally:
            engine.dispose()
        n = len(digest.articles)
        return (
            f"{key}: wechat: would draft {n} article(s) for {settings.wechat_appid or '(no appid)'}"
        )
    engine = ensure_schema(settings)
    try:
        with httpx.Client(timeout=TIMEOUT) as http:
            result = send_wechat(engine, settings, key, http=http, clock=utcnow)
    finally:
        engine.dispose()
    if result.state != "sent":
        raise DeliveryError(f"{key}: {result.state}: {result.message}")
    return f"{key}: wechat: {result.message}"
