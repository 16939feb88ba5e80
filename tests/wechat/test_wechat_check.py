"""check_wechat: every documented draft/add limit, each error naming the limit and the excess."""

from __future__ import annotations

from typing import Any

import pytest

from syndicate.errors import DeliveryError
from syndicate.wechat.check import WeChatLimitError, check_wechat

OK = (
    '<section style="font-size:16px;color:#3f3f3f">'
    "<p><strong>一</strong><br><span>二</span></p></section>"
)


def article(**changes: Any) -> dict[str, Any]:
    a = {
        "article_type": "news",
        "title": "济宁高新新闻｜3月25日要闻",
        "author": "济宁高新新闻",
        "digest": "本期3版9篇",
        "content": OK,
        "content_source_url": "https://news.example.cn/jngx/2022-03-25/",
        "thumb_media_id": "THUMB_1",
        "need_open_comment": 0,
        "only_fans_can_comment": 0,
    }
    a.update(changes)
    return a


def fails(payload: dict[str, Any], pattern: str) -> None:
    with pytest.raises(WeChatLimitError, match=pattern) as info:
        check_wechat(payload)
    assert "\n" not in str(info.value) and str(info.value).startswith("wechat: ")


def test_a_good_payload_passes() -> None:
    check_wechat({"articles": [article()]})
    img = '<p><img src="http://mmbiz.qpic.cn/mmbiz_jpg/x/0" alt="图" style="max-width:100%"></p>'
    check_wechat({"articles": [article(content=img)]})


def test_the_error_is_a_permanent_delivery_error() -> None:
    with pytest.raises(DeliveryError) as info:
        check_wechat({"articles": [article(title="")]})
    assert info.value.permanent


@pytest.mark.parametrize(
    "changes, pattern",
    [
        ({"title": "标" * 35}, r"article 1 title is 35 characters; the limit is 32 \(3 over\)"),
        ({"title": ""}, r"article 1 has no title"),
        ({"author": "作" * 17}, r"author is 17 characters; the limit is 16 \(1 over\)"),
        ({"digest": "摘" * 130}, r"digest is 130 characters; the limit is 128 \(2 over\)"),
        ({"thumb_media_id": ""}, r"no thumb_media_id"),
        ({"content": ""}, r"has no content"),
        (
            {"content": "<p>" + "字" * 20_000 + "</p>"},
            r"content is 20,007 characters; it must stay under 20,000 \(8 over\)",
        ),
        (
            {"content_source_url": "https://x.cn/" + "a" * 1100},
            r"content_source_url is 1113 bytes; the limit is 1024 \(89 over\)",
        ),
        ({"content_source_url": "javascript:alert(1)"}, r"not an http\(s\) URL"),
        ({"need_open_comment": 2}, r"need_open_comment is 2; use 0 or 1"),
        ({"article_type": "video"}, r"article_type is 'video'"),
        ({"title": "标\x00题"}, r"title holds a control character"),
        ({"title": 5}, r"title must be a string"),
    ],
)
def test_each_field_limit(changes: dict[str, Any], pattern: str) -> None:
    fails({"articles": [article(**changes)]}, pattern)


def test_four_byte_characters_count_once() -> None:
    # Under 20,000 characters is at most 80 KB of UTF-8, so the 1 MB limit never binds first;
    # what matters is that characters, not bytes, are counted against the 20,000.
    content = "<p>" + "😀" * 19_990 + "</p>"
    check_wechat({"articles": [article(content=content)]})
    fails({"articles": [article(content=content + "😀" * 3)]}, r"20,000 characters|under 20,000")


def test_article_count() -> None:
    many = [article(digest="") for _ in range(9)]
    fails({"articles": many}, r"9 articles; a message holds at most 8 \(1 over\)")
    fails({"articles": []}, r"non-empty 'articles'")
    check_wechat({"articles": many[:8]})


def test_digest_must_be_empty_in_multi_article_messages() -> None:
    fails({"articles": [article(), article(digest="")]}, r"article 1 digest must be empty")


@pytest.mark.parametrize(
    "content, pattern",
    [
        (
            '<p><a href="https://example.com">x</a></p>',
            r"uses <a>; only br, img, p, section, span, strong",
        ),
        ("<style>p{color:red}</style><p>x</p>", r"uses <style>"),
        ("<script>alert(1)</script>", r"uses <script>"),
        ('<p class="x">x</p>', r"'class' attribute on <p>"),
        ('<p id="x">x</p>', r"'id' attribute on <p>"),
        ('<p onclick="x()">x</p>', r"'onclick' attribute"),
        ('<p style="position:absolute">x</p>', r"style property 'position'"),
        ('<p style="float:left">x</p>', r"style property 'float'"),
        ('<p style="background:url(https://e.com/x.png)">x</p>', r"url\(\)"),
        ('<img src="https://example.com/x.jpg">', r"image from 'https://example.com/x.jpg'"),
        ("<img>", r"<img> without a src"),
        ("<p>a < b</p>", r"unescaped text"),
        ("<p>A & B</p>", r"unescaped text"),
        ("<!-- note --><p>x</p>", r"HTML comment"),
        ("<!DOCTYPE html><p>x</p>", r"declaration"),
        ("<div>x</div>", r"uses <div>"),
    ],
)
def test_html_rules(content: str, pattern: str) -> None:
    fails({"articles": [article(content=content)]}, pattern)


def test_escaped_text_and_entities_pass() -> None:
    check_wechat({"articles": [article(content="<p>a &lt; b &amp; c &#34;d&#34; &nbsp;</p>")]})
