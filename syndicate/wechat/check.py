"""Every documented limit of a draft/add payload, checked before any network call.

Pure. ``check_wechat(payload)`` raises ``WeChatLimitError`` (a permanent ``DeliveryError``)
whose one-line message names the article, the limit and how far over it the payload is.
Limits (shared/reference/wechat.md §1, §3): 1–8 articles; title ≤32 characters, author ≤16,
digest ≤128 and empty in multi-article messages; content under 20,000 characters and 1 MB;
content_source_url ≤1 KB; thumb_media_id required for ``news``; the body uses only section, p,
span, strong, br and img (WeChat-hosted), with safe inline styles and no class, id, script,
style element, position or outside links; text HTML-escaped; no control characters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from syndicate.errors import DeliveryError

TITLE_MAX = 32
AUTHOR_MAX = 16
DIGEST_MAX = 128
#: Without a digest WeChat shows the body's first 54 characters; aim for no more.
DIGEST_AIM = 54
CONTENT_CHARS = 20_000  # content must stay *under* this
CONTENT_BYTES = 1024 * 1024  # and under 1 MB
SOURCE_URL_BYTES = 1024
MAX_ARTICLES = 8

TAGS = frozenset({"section", "p", "span", "strong", "br", "img"})
ATTRS = {"img": frozenset({"src", "alt", "style"})}
#: Inline style properties the MP editor keeps (and we use); ``position`` and friends are out.
STYLE_PROPS = frozenset(
    """font-size line-height color background background-color text-align text-indent
    font-weight font-style letter-spacing word-wrap overflow-wrap word-break display width
    max-width height vertical-align box-sizing text-decoration border-radius""".split()
)
STYLE_PREFIXES = ("margin", "padding", "border")
BAD_VALUES = re.compile(r"url\(|expression|javascript:|var\(|@import", re.I)
#: Hosts WeChat serves uploaded images from (media/uploadimg answers with these).
IMAGE_HOSTS = frozenset({"mmbiz.qpic.cn", "mmbiz.qlogo.cn"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class WeChatLimitError(DeliveryError):
    """A payload that breaks a documented WeChat limit; retrying cannot help."""

    def __init__(self, message: str) -> None:
        super().__init__(f"wechat: {message}", permanent=True)


def check_wechat(payload: Mapping[str, Any]) -> None:
    """Raise ``WeChatLimitError`` at the first documented limit ``payload`` breaks."""
    articles = payload.get("articles")
    if not isinstance(articles, list) or not articles:
        raise WeChatLimitError("draft/add needs a non-empty 'articles' list")
    if len(articles) > MAX_ARTICLES:
        over = len(articles) - MAX_ARTICLES
        raise WeChatLimitError(
            f"{len(articles)} articles; a message holds at most {MAX_ARTICLES} ({over} over)"
        )
    for i, article in enumerate(articles, 1):
        if not isinstance(article, Mapping):
            raise WeChatLimitError(f"article {i} is not an object")
        check_article(article, f"article {i}", multi=len(articles) > 1)


def check_article(a: Mapping[str, Any], where: str, *, multi: bool) -> None:
    """One article's fields and HTML; ``where`` names it in the error."""
    for name in ("title", "author", "digest", "content", "content_source_url", "thumb_media_id"):
        value = a.get(name, "")
        if not isinstance(value, str):
            raise WeChatLimitError(f"{where} {name} must be a string")
        if _CONTROL.search(value):
            raise WeChatLimitError(f"{where} {name} holds a control character; remove it")
    kind = a.get("article_type", "news")
    if kind not in ("news", "newspic"):
        raise WeChatLimitError(f"{where} article_type is '{kind}'; use news or newspic")
    if not a.get("title"):
        raise WeChatLimitError(f"{where} has no title; a title is required")
    _at_most(a, "title", TITLE_MAX, where)
    _at_most(a, "author", AUTHOR_MAX, where)
    _at_most(a, "digest", DIGEST_MAX, where)
    if multi and a.get("digest"):
        raise WeChatLimitError(
            f"{where} digest must be empty in a multi-article message "
            f"(it has {len(a['digest'])} characters)"
        )
    if kind == "news" and not a.get("thumb_media_id"):
        raise WeChatLimitError(f"{where} has no thumb_media_id; news articles need a cover")
    for flag in ("need_open_comment", "only_fans_can_comment"):
        if a.get(flag, 0) not in (0, 1):
            raise WeChatLimitError(f"{where} {flag} is {a.get(flag)!r}; use 0 or 1")
    _check_source_url(a.get("content_source_url", ""), where)
    _check_content(a.get("content", ""), where)


def _at_most(a: Mapping[str, Any], name: str, limit: int, where: str) -> None:
    n = len(a.get(name, ""))
    if n > limit:
        raise WeChatLimitError(
            f"{where} {name} is {n} characters; the limit is {limit} ({n - limit} over)"
        )


def _check_source_url(url: str, where: str) -> None:
    if not url:
        return
    size = len(url.encode("utf-8"))
    if size > SOURCE_URL_BYTES:
        raise WeChatLimitError(
            f"{where} content_source_url is {size} bytes; the limit is {SOURCE_URL_BYTES} "
            f"({size - SOURCE_URL_BYTES} over)"
        )
    if urlsplit(url).scheme not in ("http", "https"):
        raise WeChatLimitError(f"{where} content_source_url '{url}' is not an http(s) URL")


def _check_content(content: str, where: str) -> None:
    if not content.strip():
        raise WeChatLimitError(f"{where} has no content; content is required")
    n = len(content)
    if n >= CONTENT_CHARS:
        raise WeChatLimitError(
            f"{where} content is {n:,} characters; it must stay under {CONTENT_CHARS:,} "
            f"({n - CONTENT_CHARS + 1:,} over)"
        )
    size = len(content.encode("utf-8"))
    if size >= CONTENT_BYTES:
        raise WeChatLimitError(
            f"{where} content is {size:,} bytes; it must stay under 1 MB ({CONTENT_BYTES:,} "
            f"bytes; {size - CONTENT_BYTES + 1:,} over)"
        )
    checker = _HTMLRules(where)
    checker.feed(content)
    checker.close()


class _HTMLRules(HTMLParser):
    """Walks the content and raises at the first tag, attribute, style or text it forbids."""

    def __init__(self, where: str) -> None:
        super().__init__(convert_charrefs=False)  # keep raw text: a bare < or & shows
        self.where = where

    def fail(self, why: str) -> None:
        raise WeChatLimitError(f"{self.where} content {why}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            allowed = ", ".join(sorted(TAGS))
            self.fail(f"uses <{tag}>; only {allowed} are allowed (no links, no <style>)")
        for name, value in attrs:
            if name not in ATTRS.get(tag, frozenset({"style"})):
                self.fail(f"has a '{name}' attribute on <{tag}>; only inline styles are allowed")
            if name == "style":
                self._check_style(value or "", tag)
            if name == "src":
                self._check_image(value or "")
        if tag == "img" and not dict(attrs).get("src"):
            self.fail("has an <img> without a src")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in TAGS:
            self.fail(f"closes <{tag}>, which is not allowed")

    def handle_data(self, data: str) -> None:
        if re.search(r"[<>&]", data):
            self.fail(f"has unescaped text near '{data.strip()[:20]}'; escape < > &")

    def handle_comment(self, data: str) -> None:
        self.fail("has an HTML comment; remove it")

    def handle_decl(self, decl: str) -> None:
        self.fail(f"has a declaration <!{decl[:20]}>; send a fragment")

    def handle_pi(self, data: str) -> None:
        self.fail("has a processing instruction; remove it")

    def unknown_decl(self, data: str) -> None:
        self.fail("has an unknown declaration; remove it")

    def _check_style(self, style: str, tag: str) -> None:
        if BAD_VALUES.search(style):
            self.fail(f"has a style on <{tag}> with url(), var() or script: '{style[:40]}'")
        for decl in filter(None, (d.strip() for d in style.split(";"))):
            prop = decl.partition(":")[0].strip().lower()
            if prop not in STYLE_PROPS and not prop.startswith(STYLE_PREFIXES):
                self.fail(f"has the style property '{prop}' on <{tag}>, which WeChat strips")

    def _check_image(self, src: str) -> None:
        parts = urlsplit(src)
        if parts.scheme not in ("http", "https") or parts.hostname not in IMAGE_HOSTS:
            self.fail(f"has an image from '{src[:60]}'; upload it with media/uploadimg first")
