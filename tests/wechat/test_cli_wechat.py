"""``syndicate render/send KEY --channel wechat`` end to end (store, files, contract server)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from syndicate.cli import main
from syndicate.config import Settings
from syndicate.store.ingest import ingest_bytes
from syndicate.wechat.check import check_wechat
from syndicate.wechat.render import THUMB_PLACEHOLDER
from tests.conftest import SEED
from tests.wechat_server import APPID, SECRET, WeChatServer, serve

KEY = "jngx/2022-03-25"


@pytest.fixture
def server() -> Iterator[WeChatServer]:
    with serve() as s:
        yield s


@pytest.fixture
def env(
    db: Engine, db_url: str, db_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The CLI's environment: an empty config file, this test's database, the seed stored."""
    config = tmp_path / "syndicate.toml"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("SYNDICATE_CONFIG", str(config))
    monkeypatch.setenv("SYNDICATE_DATABASE", db_url)
    monkeypatch.setenv("SYNDICATE_DATA_DIR", str(db_settings.data_dir))
    monkeypatch.setenv("SYNDICATE_BASE_URL", "https://news.example.cn")
    ingest_bytes(db, db_settings, SEED.read_bytes(), source=SEED.name, now=datetime.now(UTC))
    return tmp_path


def test_render_writes_the_payload_and_the_preview(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = env / "out"
    assert main(["render", KEY, "--channel", "wechat", "--out", str(out)]) == 0
    assert capsys.readouterr().out.split() == [
        str(out / n) for n in ("draft.json", "digest.html", "cover.jpg")
    ]
    raw = (out / "draft.json").read_bytes()
    assert b"\\u" not in raw
    payload = json.loads(raw.decode("utf-8"))
    check_wechat(payload)
    [article] = payload["articles"]
    assert article["title"] == "济宁高新新闻｜3月25日要闻"
    assert article["content_source_url"] == "https://news.example.cn/jngx/2022-03-25/"
    assert article["thumb_media_id"] == THUMB_PLACEHOLDER
    page = (out / "digest.html").read_text(encoding="utf-8")
    assert article["content"] in page and 'src="cover.jpg"' in page
    assert (out / "cover.jpg").read_bytes()[:2] == b"\xff\xd8"


def test_render_multi_article_from_the_environment(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SYNDICATE_WECHAT_FULL_ARTICLES", "7")
    assert main(["render", KEY, "--channel", "wechat", "--out", str(env / "o")]) == 0
    payload = json.loads((env / "o" / "draft.json").read_text(encoding="utf-8"))
    assert len(payload["articles"]) == 8
    check_wechat(payload)


def test_render_an_unknown_issue_is_one_line(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", "jngx/1999-01-01", "--channel", "wechat", "--out", str(env)]) == 2
    err = capsys.readouterr().err
    assert (
        err == "error: issue 'jngx/1999-01-01' is not stored; run `syndicate ingest FILE` first\n"
    )


def test_send_through_the_cli(
    env: Path,
    server: WeChatServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SYNDICATE_WECHAT_API_BASE", server.api_base)
    monkeypatch.setenv("SYNDICATE_WECHAT_APPID", APPID)
    monkeypatch.setenv("SYNDICATE_WECHAT_SECRET", SECRET)
    assert main(["send", KEY, "--channel", "wechat", "--dry-run"]) == 0
    assert "would draft 1 article(s)" in capsys.readouterr().out and server.state.calls == []
    server.state.script("draft/add", 45009, "reach max api daily quota limit")
    assert main(["send", KEY, "--channel", "wechat"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"error: {KEY}: retry: wechat: draft/add failed: errcode=45009 (reach max api daily"
    )
    assert err.count("\n") == 1
    # After send, render fills in the cover the account already has.
    monkeypatch.setenv("SYNDICATE_WECHAT_API_BASE", server.api_base)
    assert main(["render", KEY, "--channel", "wechat", "--out", str(env / "o")]) == 0
    payload = json.loads((env / "o" / "draft.json").read_text(encoding="utf-8"))
    assert payload["articles"][0]["thumb_media_id"] in server.state.thumbs


def test_send_without_wechat_settings_is_one_line(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["send", KEY, "--channel", "wechat"]) == 2
    assert capsys.readouterr().err.startswith("error: WeChat is not configured; set wechat_appid")
