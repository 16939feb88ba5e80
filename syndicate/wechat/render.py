"""The WeChat digest (公众号图文): an Issue as the articles of one draft/add call.

Pure: Issue in, ``WeChatDigest`` out; no network, no clock. The first article is the overview
(今日导读): a date line, a heading, the stories grouped by page (版面), each a numbered bold
headline and a 60–120 character summary, and a footer pointing at the web edition through
``content_source_url`` (阅读原文). With ``WeChatOptions.full_articles`` > 0 up to 7 full stories
follow, 8 articles in all. The HTML is written as classes in templates/wechat/ and inlined with
css-inline; then the classes go, since the MP editor drops them. A stanza of verse keeps its
lines apart with ``<br>``, which WeChat allows (the ``lines`` filter). ``check_wechat``
(render/wechat_check.py) enforces every documented limit. Reference: shared/reference/wechat.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date as Date
from typing import Any

import css_inline
import jinja2

from syndicate.config import PaperConfig
from syndicate.model import Article, Byline, Issue
from syndicate.summary import body_text, strip_lead, summarize
from syndicate.wechat.check import (
    AUTHOR_MAX,
    DIGEST_AIM,
    MAX_ARTICLES,
    TITLE_MAX,
    check_wechat,
)

#: The templates shipped with syndicate (overview.html, story.html, digest.css, preview.html).
#: ``thumb_media_id`` before the cover has been uploaded (``syndicate render`` sends nothing).
THUMB_PLACEHOLDER = "THUMB_MEDIA_ID_SET_AT_SEND"
WEEKDAYS = "一二三四五六日"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CLASS = re.compile(r' class="[^"]*"')
_STYLE = re.compile(r' style="([^"]*)"')


@dataclass(frozen=True)
class WeChatOptions:
    """Per-account choices (Settings.wechat_*)."""

    #: Full stories after the overview (0..7); 0 sends a single-article message.
    full_articles: int = 0
    thumb_media_id: str = THUMB_PLACEHOLDER
    need_open_comment: int = 0
    only_fans_can_comment: int = 0


@dataclass(frozen=True)
class WeChatArticle:
    """One article of the draft/add ``articles`` list (field names as the API has them)."""

    title: str
    author: str
    digest: str
    content: str
    content_source_url: str
    thumb_media_id: str
    need_open_comment: int = 0
    only_fans_can_comment: int = 0

    def to_payload(self) -> dict[str, Any]:
        return {
            "article_type": "news",
            "title": self.title,
            "author": self.author,
            "digest": self.digest,
            "content": self.content,
            "content_source_url": self.content_source_url,
            "thumb_media_id": self.thumb_media_id,
            "need_open_comment": self.need_open_comment,
            "only_fans_can_comment": self.only_fans_can_comment,
        }


@dataclass(frozen=True)
class WeChatDigest:
    """The draft/add payload for one issue, plus what the preview needs."""

    articles: tuple[WeChatArticle, ...]
    issue_url: str
    problems: tuple[str, ...] = field(default=())

    def payload(self) -> dict[str, Any]:
        return {"articles": [a.to_payload() for a in self.articles]}


def issue_url(base_url: str, slug: str, day: Date) -> str:
    """The web edition of an issue: ``{base_url}/{slug}/{YYYY-MM-DD}/``."""
    return f"{base_url.rstrip('/')}/{slug}/{day.isoformat()}/"


def article_url(base_url: str, slug: str, day: Date, key: str) -> str:
    """One article of the web edition: ``{base_url}/{slug}/{YYYY-MM-DD}/{key}.html``."""
    return f"{issue_url(base_url, slug, day)}{key}.html"


def encode_payload(payload: dict[str, Any]) -> bytes:
    """UTF-8 JSON with no ``\\uXXXX`` escapes (WeChat errcode 40033 forbids them)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def render_wechat(
    issue: Issue,
    *,
    env: jinja2.Environment,
    base_url: str,
    paper_config: PaperConfig,
    options: WeChatOptions,
    article_keys: Sequence[str] | None = None,
) -> WeChatDigest:
    """The digest for ``issue``: the overview, then ``options.full_articles`` stories.

    ``article_keys`` are the stored articles' stable keys (catalog.StoredArticle.key), in the
    order of ``issue.articles``; without them ``Article.key`` names the article pages.
    """
    paper = clean(issue.paper.name or paper_config.name)
    url = issue_url(base_url, paper_config.slug, issue.date)
    css = _css(env)
    overview = WeChatArticle(
        title=digest_title(paper, issue.date),
        author=fit(paper, AUTHOR_MAX),
        digest=digest_summary(issue),
        content=_inline(env.get_template("overview.html").render(**_overview(issue, paper)), css),
        content_source_url=url,
        thumb_media_id=options.thumb_media_id,
        need_open_comment=options.need_open_comment,
        only_fans_can_comment=options.only_fans_can_comment,
    )
    articles = [overview]
    keys = list(article_keys) if article_keys is not None else [a.key for a in issue.articles]
    stories = [(a, k) for a, k in zip(issue.articles, keys, strict=True) if body_text(a)]
    for a, key in stories[: max(0, min(options.full_articles, MAX_ARTICLES - 1))]:
        html = env.get_template("story.html").render(**_story(a, paper))
        articles.append(
            WeChatArticle(
                title=fit(clean(a.title), TITLE_MAX),
                author=fit(_authors(a) or paper, AUTHOR_MAX),
                digest="",  # ignored by WeChat in multi-article messages; sent empty
                content=_inline(html, css),
                content_source_url=article_url(base_url, paper_config.slug, issue.date, key),
                thumb_media_id=options.thumb_media_id,
                need_open_comment=options.need_open_comment,
                only_fans_can_comment=options.only_fans_can_comment,
            )
        )
    if len(articles) > 1:
        articles[0] = replace(overview, digest="")  # WeChat uses digests of single articles only
    digest = WeChatDigest(articles=tuple(articles), issue_url=url)
    check_wechat(digest.payload())
    return digest


def render_preview(digest: WeChatDigest, *, env: jinja2.Environment, cover: str | None) -> str:
    """A standalone HTML page showing the digest at phone width (375 px)."""
    return env.get_template("preview.html").render(articles=digest.articles, cover=cover)


def clean(text: str) -> str:
    """Text without control characters (they would need ``\\u`` escapes in JSON)."""
    return _CONTROL.sub("", text).strip()


def fit(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending with ``…`` when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def digest_title(paper: str, day: Date) -> str:
    """``{paper}｜{M月D日}要闻``, the paper name shortened so the title fits 32 characters."""
    tail = f"｜{day.month}月{day.day}日要闻"
    return fit(paper, TITLE_MAX - len(tail)) + tail


def digest_summary(issue: Issue) -> str:
    """``本期N版M篇：头条；次条等``: as many headlines as fit in 54 characters."""
    pages = len(issue.pages) or len({a.page for a in issue.articles})
    out = f"本期{pages}版{len(issue.articles)}篇："
    titles = [clean(a.title) for a in issue.articles]
    if titles and len(out) + len(titles[0]) > DIGEST_AIM:
        return fit(out + titles[0], DIGEST_AIM)
    for i, t in enumerate(titles):
        piece = ("；" if i else "") + t
        room = DIGEST_AIM - (1 if i < len(titles) - 1 else 0)  # keep room for 等 if more follow
        if len(out) + len(piece) > room:
            return out + "等"
        out += piece
    return out


def weekday(issue: Issue) -> str:
    return issue.weekday or "星期" + WEEKDAYS[issue.date.weekday()]


def date_line(issue: Issue, paper: str) -> str:
    """刊名 · 2022年3月25日 · 星期五 · 第627期 (the number left out when unknown)."""
    d = issue.date
    parts = [paper, f"{d.year}年{d.month}月{d.day}日", weekday(issue)]
    number = issue.serial or issue.number_in_year
    if number:
        parts.append(f"第{number}期")
    return " · ".join(parts)


def _overview(issue: Issue, paper: str) -> dict[str, Any]:
    names = {p.number: p.name for p in issue.pages}
    numbers = [p.number for p in issue.pages] or sorted({a.page for a in issue.articles})
    groups, n = [], 0
    for page in numbers:
        stories = []
        for a in (a for a in issue.articles if a.page == page):
            n += 1
            stories.append({"number": n, "title": clean(a.title), "summary": clean(summarize(a))})
        if stories:
            name = names.get(page)
            label = f"第{page}版" + (f" · {clean(name)}" if name else "")
            groups.append({"label": label, "stories": stories})
    return {"meta": date_line(issue, paper), "groups": groups, "source": paper}


def _story(a: Article, paper: str) -> dict[str, Any]:
    leads = [clean(x) for x in (a.column and f"【{a.column}】", a.kicker, a.subtitle) if x]
    body = [(clean(p), sub) for p, sub in a.body if clean(p)]
    paras = [p for p, _ in body]
    subheads = [j for j, (_, sub) in enumerate(body) if sub]
    byline = _byline_text(a)
    if paras and (a.dateline or byline):
        paras[0] = f"{a.dateline or ''}{f'（{byline}）' if byline else ''}{strip_lead(paras[0])}"
    credits = "　".join(clean(b.printed) for b in a.bylines if _is_credit(b))
    box = [clean(x) for x in a.lead_box if clean(x)]
    return {
        "leads": leads,
        "box": box,
        "paragraphs": paras,
        "subheads": subheads,
        "credits": credits,
        "source": paper,
    }


def _byline_text(a: Article) -> str:
    """记者 A、B 通讯员 C, or a collective byline as printed (本报评论员)."""
    parts = []
    if a.reporters:
        parts.append("记者 " + "、".join(a.reporters))
    if a.correspondents:
        parts.append("通讯员 " + "、".join(a.correspondents))
    parts += [b.printed for b in a.bylines if b.role == "commentator"]
    return clean(" ".join(parts))


def _authors(a: Article) -> str:
    names = a.reporters or tuple(b.printed for b in a.bylines if b.role == "commentator")
    return clean("、".join(names))


def _is_credit(b: Byline) -> bool:
    return b.role in ("intern", "photographer", "designer", "editor", "other")


def _css(env: jinja2.Environment) -> str:
    assert env.loader is not None, "the template environment needs a loader"
    source, _, _ = env.loader.get_source(env, "digest.css")
    return source


def _inline(html: str, css: str) -> str:
    """Styles inlined from ``css``; class attributes dropped; ``a: b;`` written ``a:b;``."""
    out = css_inline.inline_fragment(html, css)
    out = _CLASS.sub("", out)
    out = _STYLE.sub(lambda m: f' style="{_compact(m.group(1))}"', out)
    return "".join(line.strip() for line in out.splitlines())


def _compact(style: str) -> str:
    decls = [d.strip() for d in style.split(";") if d.strip()]
    return ";".join(re.sub(r"\s*:\s*", ":", d, count=1) for d in decls)
