"""A lead box over a story (核心阅读): kept apart from the story's paragraphs by the parser, it is
stored with the article and printed above the story by every channel (web and feed HTML, the
newsletter's full text, the WeChat article), so no reader loses it."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import UTC, datetime

from sqlalchemy import Engine

from syndicate import assets
from syndicate.config import PaperConfig
from syndicate.feeds import pages
from syndicate.feeds.article_html import article_html
from syndicate.feeds.edition import Edition
from syndicate.feeds.publish import web_environment
from syndicate.model import Issue
from syndicate.newsletter.render import NewsletterOptions, render_newsletter
from syndicate.parse import parse_bytes
from syndicate.store.catalog import load_issue
from syndicate.store.ingest import store_issue
from syndicate.wechat.render import WeChatOptions, render_wechat
from tests.conftest import SEED
from tests.feed_support import SITE

NOW = datetime(2022, 3, 25, 8, 0, tzinfo=UTC)
PAPER = PaperConfig(slug="jngx", name="济宁高新新闻")
BOX = "过去，村里吃的是苦水。今年，清水进了每户人家。"


def boxed() -> Issue:
    """The seed with a lead box over its first story (as the parser gives it for 核心阅读)."""
    issue = parse_bytes(SEED.read_bytes(), source=SEED.name)
    first = dataclasses.replace(issue.articles[0], summary=f"{BOX}\n干部和群众的心贴得更紧了。")
    return dataclasses.replace(issue, articles=(first, *issue.articles[1:]))


def test_the_parser_keeps_a_lead_box_apart() -> None:
    issue = parse_bytes(
        (
            "第13版\n\n河水引进了山村\n\n　　核心阅读\n\n"
            f"　　{BOX}\n\n　　\n\n"
            "　　“引水一年，带来的变化太大了，喝上了甜水。”老王笑着说。\n\n"
            "　　他家的院子里种满了菜，辣椒、芹菜和豆角都长得绿油油的。\n"
        ).encode(),
        source="x_2019-10-16.txt",
    )
    (a,) = issue.articles
    assert a.summary == BOX and not any(BOX in p for p in a.paragraphs)


def test_a_lead_box_is_stored_and_loaded(db: Engine) -> None:
    issue = boxed()
    text = SEED.read_text(encoding="utf-8")
    with db.begin() as conn:
        sha = hashlib.sha256(text.encode()).hexdigest()
        store_issue(conn, PAPER, issue, text=text, sha=sha, source="x.txt", now=NOW)
    stored = load_issue(db, "jngx/2022-03-25")
    assert stored is not None
    assert stored.issue.articles[0].summary == issue.articles[0].summary
    assert stored.issue.articles[1].summary is None


def test_every_channel_prints_the_box_above_the_story() -> None:
    issue = boxed()
    a = issue.articles[0]
    edition = Edition.fresh(issue, NOW)
    page = pages.render_article_page(web_environment(), SITE, edition, edition.keys[0])
    assert f'<div class="lead-box"><p>{BOX}</p>' in page
    assert page.index(BOX) < page.index(a.paragraphs[0][:10])
    html = article_html(a)
    assert "<blockquote>" in html and html.index(BOX) < html.index(a.paragraphs[0][:10])
    options = NewsletterOptions(base_url="https://news.example.org", paper=PAPER,
                                from_address="n@example.org", full_text=True)  # fmt: skip
    stories = [(x.key, x) for x in issue.articles]
    nl = render_newsletter(assets.environment("email"), issue, stories, options, now=NOW)
    assert BOX in nl.text and nl.text.index(BOX) < nl.text.index(a.paragraphs[0][:10])
    digest = render_wechat(
        issue,
        env=assets.environment("wechat"),
        base_url="https://news.example.org",
        paper_config=PAPER,
        options=WeChatOptions(full_articles=1, thumb_media_id="THUMB_1"),
    )
    content = digest.articles[1].content  # [0] is the overview
    assert BOX in content and content.index(BOX) < content.index(a.paragraphs[0][:10])
