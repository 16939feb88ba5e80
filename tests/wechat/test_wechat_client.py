"""The WeChat client against the contract server (tests/wechat_server.py) on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from syndicate import assets
from syndicate.assets import default_cover
from syndicate.config import PaperConfig
from syndicate.errors import WeChatError
from syndicate.parse import parse_bytes
from syndicate.wechat.check import WeChatLimitError
from syndicate.wechat.client import MemoryTokens, WeChatClient
from syndicate.wechat.render import WeChatOptions, encode_payload, render_wechat
from tests.conftest import SEED
from tests.wechat_server import APPID, SECRET, Clock, WeChatServer, has_unicode_escape, serve

T0 = datetime(2022, 3, 25, 0, 30, tzinfo=UTC)


@pytest.fixture
def server() -> Iterator[WeChatServer]:
    with serve() as s:
        yield s


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def client(server: WeChatServer, clock: Clock) -> Iterator[WeChatClient]:
    with httpx.Client(timeout=10) as http:
        yield WeChatClient(
            api_base=server.api_base, appid=APPID, secret=SECRET,
            tokens=MemoryTokens(), http=http, clock=clock,
        )  # fmt: skip


def payload(thumb: str, full: int = 0) -> dict[str, object]:
    issue = parse_bytes(SEED.read_bytes(), source=SEED.name)
    digest = render_wechat(
        issue, env=assets.environment("wechat"), base_url="https://news.example.cn",
        paper_config=PaperConfig(slug="jngx", name="济宁高新新闻"),
        options=WeChatOptions(full_articles=full, thumb_media_id=thumb),
    )  # fmt: skip
    return digest.payload()


def test_happy_path_cover_then_draft(server: WeChatServer, client: WeChatClient) -> None:
    thumb = client.add_thumb(default_cover())
    media_id = client.add_draft(payload(thumb, full=7))
    s = server.state
    assert [c.endpoint for c in s.calls] == ["stable_token", "material/add_material", "draft/add"]
    assert all("errcode" not in c.answer for c in s.calls)
    assert s.thumbs[thumb] == default_cover()
    [articles] = s.drafts.values()
    assert list(s.drafts) == [media_id] and len(articles) == 8
    assert articles[0]["title"] == "济宁高新新闻｜3月25日要闻"
    assert articles[0]["thumb_media_id"] == thumb


def test_the_token_is_fetched_once_and_reused(server: WeChatServer, client: WeChatClient) -> None:
    client.add_thumb(default_cover())
    client.add_thumb(default_cover())
    assert len(server.state.calls_to("stable_token")) == 1
    body = server.state.calls_to("stable_token")[0].body
    assert body == {
        "grant_type": "client_credential",
        "appid": APPID,
        "secret": SECRET,
        "force_refresh": False,
    }


def test_a_cached_token_is_refetched_after_it_expires(
    server: WeChatServer, client: WeChatClient, clock: Clock
) -> None:
    client.add_thumb(default_cover())
    clock.now += timedelta(seconds=7200 - 299)  # inside the 5-minute margin
    client.add_thumb(default_cover())
    assert len(server.state.calls_to("stable_token")) == 2


def test_token_expiring_mid_run_refreshes_once(server: WeChatServer, client: WeChatClient) -> None:
    thumb = client.add_thumb(default_cover())
    server.state.expire_token()
    media_id = client.add_draft(payload(thumb))
    s = server.state
    assert [c.endpoint for c in s.calls] == [
        "stable_token", "material/add_material", "draft/add", "stable_token", "draft/add",
    ]  # fmt: skip
    assert s.calls[2].answer["errcode"] == 42001
    assert s.force_refreshes == 0  # a plain stable_token call gave a new token
    assert list(s.drafts) == [media_id]


def test_an_invalid_token_that_wechat_still_hands_out_is_force_refreshed(
    server: WeChatServer, client: WeChatClient
) -> None:
    thumb = client.add_thumb(default_cover())
    server.state.script("draft/add", 40001)
    client.add_draft(payload(thumb))
    assert server.state.force_refreshes == 1
    assert len(server.state.drafts) == 1


def test_a_token_error_after_the_refresh_is_raised_not_looped(
    server: WeChatServer, client: WeChatClient
) -> None:
    thumb = client.add_thumb(default_cover())
    server.state.script("draft/add", 40001, times=5)
    with pytest.raises(WeChatError) as info:
        client.add_draft(payload(thumb))
    assert info.value.errcode == 40001
    assert len(server.state.calls_to("draft/add")) == 2
    assert len(server.state.calls_to("stable_token")) == 3  # first, plain refresh, forced


@pytest.mark.parametrize(
    "errcode, permanent, words",
    [
        (45009, False, "daily quota"),
        (45011, False, "wait a minute"),
        (-1, False, ""),
        (48001, True, "verify the account"),
        (40164, True, "IP白名单"),
        (45166, True, "review the text"),
    ],
)
def test_errcodes_become_one_line_errors(
    server: WeChatServer, client: WeChatClient, errcode: int, permanent: bool, words: str
) -> None:
    thumb = client.add_thumb(default_cover())
    server.state.script("draft/add", errcode, "scripted message")
    with pytest.raises(WeChatError) as info:
        client.add_draft(payload(thumb))
    text = str(info.value)
    assert text.startswith(
        f"wechat: draft/add failed: errcode={errcode} (scripted message rid: 0000)"
    )
    assert words in text and "\n" not in text
    assert (info.value.errcode, info.value.permanent) == (errcode, permanent)
    assert server.state.drafts == {}


def test_limits_are_checked_before_any_call(server: WeChatServer, client: WeChatClient) -> None:
    bad = payload("THUMB")
    bad["articles"][0]["title"] = "标" * 40  # type: ignore[index]
    with pytest.raises(
        WeChatLimitError, match=r"title is 40 characters; the limit is 32 \(8 over\)"
    ):
        client.add_draft(bad)
    assert server.state.calls == []


def test_an_oversized_cover_is_refused_before_upload(
    server: WeChatServer, client: WeChatClient
) -> None:
    with pytest.raises(WeChatError, match="65,536"):
        client.add_thumb(b"\xff\xd8" + b"0" * 70_000 + b"\xff\xd9")
    assert server.state.calls == []


def test_the_server_checks_limits_too(server: WeChatServer, client: WeChatClient) -> None:
    # The contract server is a real check: bypass our own validation and it answers 45003.
    thumb = client.add_thumb(default_cover())
    bad = payload(thumb)
    bad["articles"][0]["title"] = "标" * 40  # type: ignore[index]
    with pytest.raises(WeChatError) as info:
        client.call("draft/add", body=bad)
    assert info.value.errcode == 45003


def test_the_server_refuses_unicode_escapes(server: WeChatServer, client: WeChatClient) -> None:
    token = client.token()
    escaped = '{"articles":[{"title":"\\u6d4e"}]}'
    assert has_unicode_escape(escaped) and not has_unicode_escape('{"a":"C:\\\\users"}')
    r = httpx.post(
        f"{server.api_base}/cgi-bin/draft/add", params={"access_token": token}, content=escaped
    )
    assert r.json()["errcode"] == 40033
    assert b"\\u" not in encode_payload(payload("x"))


def test_uploadimg_answers_text_plain_and_is_parsed(
    server: WeChatServer, client: WeChatClient
) -> None:
    url = client.upload_image(default_cover(), "a.jpg")
    assert url.startswith("http://mmbiz.qpic.cn/")
    assert server.state.images


def test_rehost_images_uploads_outside_images_only(
    server: WeChatServer, client: WeChatClient
) -> None:
    content = (
        '<p><img src="/jngx/2022-03-25/a.jpg" style="max-width:100%"></p>'
        '<p><img src="http://mmbiz.qpic.cn/mmbiz_jpg/old/0"></p>'
    )
    loaded: list[str] = []

    def load(src: str) -> bytes:
        loaded.append(src)
        return default_cover()

    out = client.rehost_images(content, load)
    assert loaded == ["/jngx/2022-03-25/a.jpg"]
    assert '<img src="http://mmbiz.qpic.cn/mmbiz_jpg/IMG_' in out
    assert "mmbiz_jpg/old/0" in out and len(server.state.images) == 1


def test_find_draft_pages_through_the_draft_box(server: WeChatServer, client: WeChatClient) -> None:
    thumb = client.add_thumb(default_cover())
    target = client.add_draft(payload(thumb))
    other = payload(thumb)
    for i in range(25):  # push the target past the first page of 20
        other["articles"][0]["title"] = f"其他草稿{i}"  # type: ignore[index]
        client.add_draft(other)
    assert (
        client.find_draft("济宁高新新闻｜3月25日要闻", "https://news.example.cn/jngx/2022-03-25/")
        == target
    )
    assert (
        client.find_draft("济宁高新新闻｜3月25日要闻", "https://news.example.cn/jngx/2022-03-26/")
        is None
    )
    assert client.find_draft("无此标题", "https://x/") is None
    assert len(server.state.calls_to("draft/batchget")) >= 2


def test_publish_submit_and_status(server: WeChatServer, client: WeChatClient) -> None:
    thumb = client.add_thumb(default_cover())
    media_id = client.add_draft(payload(thumb))
    publish_id = client.submit(media_id)
    assert isinstance(publish_id, str) and int(publish_id) > 2**31
    status = client.publish_status(publish_id)
    assert status["publish_status"] == 0


def test_wrong_secret_is_a_clear_error(server: WeChatServer, clock: Clock) -> None:
    with httpx.Client() as http:
        c = WeChatClient(api_base=server.api_base, appid=APPID, secret="nope",
                         tokens=MemoryTokens(), http=http, clock=clock)  # fmt: skip
        with pytest.raises(WeChatError, match=r"wechat: stable_token failed: errcode=40125"):
            c.token()


def test_an_unreachable_api_is_a_transient_error(clock: Clock) -> None:
    with httpx.Client(timeout=2) as http:
        c = WeChatClient(api_base="http://127.0.0.1:9", appid=APPID, secret=SECRET,
                         tokens=MemoryTokens(), http=http, clock=clock)  # fmt: skip
        with pytest.raises(WeChatError, match=r"wechat: stable_token failed: ConnectError") as info:
            c.token()
    assert not info.value.permanent
