"""The web edition's pages: autodiscovery, the masthead as printed, escaping, overrides."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import jinja2
import pytest

from syndicate.feeds import pages
from syndicate.feeds.edition import Edition
from syndicate.feeds.publish import web_environment
from syndicate.feeds.search_page import render_search_page
from syndicate.grams import query
from syndicate.store.search import Hit
from tests.feed_support import (
    AT,
    ONERROR,
    SCRIPT,
    SITE,
    assert_no_markup_from_source,
    hostile_issue,
    seed_edition,
    tags_of,
)
from tests.subhead_support import JOINED, SINGLE, TWO_LINES, subhead_issue
from tests.verse_support import (
    ONE_LINE,
    POEM,
    STANZAS,
    assert_stanza,
    html_stanzas,
    verse_issue,
)

PAGE_TAGS = {
    "html", "head", "meta", "title", "link", "style", "body", "div", "nav", "a", "header",
    "p", "span", "main", "section", "h1", "h2", "h3", "article", "footer", "strong", "br",
    "ul", "li", "ol", "table", "caption", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


@pytest.fixture
def env() -> jinja2.Environment:
    return web_environment()


def alternates(html: str) -> list[dict[str, str | None]]:
    return [
        dict(attrs)
        for tag, attrs in tags_of(html)
        if tag == "link" and ("rel", "alternate") in attrs
    ]


def all_pages(env: jinja2.Environment, e: Edition) -> dict[str, str]:
    heads = [pages.IssueHead(e.date, e.issue.weekday, e.issue.serial, 9)]
    return {
        "issue": pages.render_issue_page(env, SITE, e, prev=None, next=None),
        "article": pages.render_article_page(env, SITE, e, e.keys[0]),
        "archive": pages.render_archive_index(env, SITE, [(2022, 1)]),
        "year": pages.render_archive_year(env, SITE, 2022, heads),
    }


def test_every_page_has_atom_autodiscovery_paper_feed_first(env: jinja2.Environment) -> None:
    for name, html in all_pages(env, seed_edition()).items():
        found = alternates(html)
        assert found, name
        assert found[0] == {
            "rel": "alternate",
            "type": "application/atom+xml",
            "title": "济宁高新新闻",
            "href": "/jngx/feeds/atom.xml",
        }


def test_article_page_offers_its_topic_feeds(env: jinja2.Environment) -> None:
    e = seed_edition()
    html = pages.render_article_page(env, SITE, e, "p1-2")
    hrefs = [a["href"] for a in alternates(html)]
    assert "/jngx/feeds/reporter/%E5%88%98%E8%8F%B2.xml" in hrefs
    assert "/jngx/feeds/page/1.xml" in hrefs


def test_pages_are_for_phones_and_need_no_script(env: jinja2.Environment) -> None:
    for html in all_pages(env, seed_edition()).values():
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
        assert "<script" not in html
        assert '<html lang="zh-CN">' in html


def test_masthead_as_the_paper_prints_it(env: jinja2.Environment) -> None:
    html = pages.render_issue_page(env, SITE, seed_edition(), prev=None, next=None)
    for printed in ("济宁高新新闻", "2022年3月25日", "星期五", "农历壬寅年二月二十三", "总第627期",
                    "2022年第22期", "活力·魅力·热点·焦点", "CN37-0045"):  # fmt: skip
        assert printed in html


def test_issue_page_lists_pages_and_articles(env: jinja2.Environment) -> None:
    e = seed_edition()
    prev = date(2022, 3, 18)
    html = pages.render_issue_page(env, SITE, e, prev=prev, next=None)
    links = [dict(a).get("href") for t, a in tags_of(html) if t == "a"]
    for key in e.keys:
        assert f"/jngx/2022-03-25/{key}.html" in links
    assert "/jngx/2022-03-18/" in links
    assert html.count('<section class="page"') == 3


def test_article_page_in_full(env: jinja2.Environment) -> None:
    e = seed_edition()
    html = pages.render_article_page(env, SITE, e, "p1-2")
    assert "<h1>推进园林绿化工作 提升绿化生态质量</h1>" in html
    assert "<strong>本报济宁讯</strong>（记者 刘菲 通讯员 潘萌）近日" in html
    assert 'href="/jngx/2022-03-25/p1-1.html" rel="prev"' in html
    assert 'href="/jngx/2022-03-25/p1-3.html" rel="next"' in html


def test_archive_year_is_a_calendar_by_month(env: jinja2.Environment) -> None:
    heads = [
        pages.IssueHead(date(2022, 3, 25), "星期五", 627, 9),
        pages.IssueHead(date(2022, 1, 7), "星期五", 600, 8),
    ]
    html = pages.render_archive_year(env, SITE, 2022, heads)
    assert html.index("<caption>3月（1期）") < html.index("<caption>1月（1期）")
    assert '<a href="/jngx/2022-01-07/" title="1月7日 总第600期，8篇"' in html
    assert html.count('<table class="month"') == 2


def test_no_markup_from_the_source_survives_in_a_page(env: jinja2.Environment) -> None:
    e = Edition.fresh(hostile_issue(), AT)
    for key in e.keys[:3]:
        html = pages.render_article_page(env, SITE, e, key)
        assert_no_markup_from_source(html, PAGE_TAGS)
    html = pages.render_issue_page(env, SITE, e, prev=None, next=None)
    assert_no_markup_from_source(html, PAGE_TAGS)
    assert SCRIPT not in html and ONERROR not in html
    assert "标题&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_deployment_can_override_a_template(tmp_path: Path) -> None:
    (tmp_path / "article.html").write_text(
        '{% extends "base.html" %}{% block body %}<p>OVERRIDE {{ article.title }}</p>'
        "{% endblock %}",
        encoding="utf-8",
    )
    env = web_environment(tmp_path)
    e = seed_edition()
    html = pages.render_article_page(env, SITE, e, "p1-1")
    assert "OVERRIDE 实施产业聚集" in html
    assert alternates(html)  # the shipped base.html still applies
    assert "OVERRIDE" not in pages.render_issue_page(env, SITE, e, prev=None, next=None)


def test_teaser_is_counted_in_characters() -> None:
    a = seed_edition().issue.articles[0]
    long = dataclasses.replace(a, paragraphs=("字" * 100,))
    assert pages.teaser(long) == "字" * pages.TEASER_CHARS + "……"


def test_verse_keeps_its_lines_apart_on_the_article_page(env: jinja2.Environment) -> None:
    e = Edition.fresh(verse_issue(), AT)
    poem = pages.render_article_page(env, SITE, e, "p4-1")
    for stanza in STANZAS:
        [lines] = html_stanzas(poem, stanza[1])
        assert_stanza(lines, stanza)
    assert_no_markup_from_source(poem, PAGE_TAGS)
    # a stanza's lines line up (no first-line indent): the style of .verse
    assert poem.count('<p class="lead verse">') == 1 and poem.count('<p class="verse">') == 2
    essay = pages.render_article_page(env, SITE, e, "p4-2")
    [quoted] = html_stanzas(essay, STANZAS[0][1])
    assert_stanza(quoted, STANZAS[0])
    assert essay.count('<p class="verse">') == 1
    assert "<p>诗句朴素，却把田野写活了。</p>" in essay  # prose as before


def test_verse_is_one_line_in_a_teaser_and_a_search_snippet(env: jinja2.Environment) -> None:
    e = Edition.fresh(verse_issue(), AT)
    issue = pages.render_issue_page(env, SITE, e, prev=None, next=None)
    stanza = ONE_LINE.removesuffix("／麦苗在垄上拔节")
    assert f'<p class="teaser">{stanza}</p>' in issue
    hit = Hit("jngx/2022-03-25", e.date, "p4-1", 4, "副刊", POEM.title, None, [*POEM.paragraphs])
    found = render_search_page(
        env, SITE, "小河", query("小河"), [hit], total=1, page=1, page_size=10
    )
    assert "吹醒了沉睡的<mark>小河</mark>／柳枝在岸边梳妆" in found


def test_a_subhead_is_a_heading_on_the_article_page_its_two_lines_one(
    env: jinja2.Environment,
) -> None:
    html = pages.render_article_page(env, SITE, Edition.fresh(subhead_issue(), AT), "p3-1")
    assert f'<h2 class="subhead">{JOINED}</h2>' in html
    assert f'<h2 class="subhead">{SINGLE}</h2>' in html
    assert f"<p>{TWO_LINES[0]}</p>" not in html and f"<p>{TWO_LINES[1]}</p>" not in html
    assert html.count("<p>") == 2  # the two paragraphs of prose after the lead
