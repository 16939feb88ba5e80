"""The Atom renderer: RFC 4287 documents that feedparser reads cleanly, RFC 5005 archives."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from xml.etree import ElementTree

import feedparser
import pytest

from syndicate.errors import SyndicateError
from syndicate.feeds import atom
from syndicate.feeds.article_html import ALLOWED_TAGS, article_html, byline_text, summary_html
from syndicate.feeds.edition import Edition, Topic, story_topics
from tests.feed_support import (
    AT,
    ATOM,
    ONERROR,
    SCRIPT,
    SITE,
    assert_no_markup_from_source,
    entry_contents,
    hostile_issue,
    seed_edition,
)
from tests.subhead_support import ESSAY as SUBHEADED
from tests.subhead_support import JOINED, SINGLE, subhead_issue
from tests.verse_support import (
    ESSAY,
    ONE_LINE,
    POEM,
    STANZAS,
    assert_stanza,
    html_stanzas,
    verse_issue,
)

HISTORY = "{http://purl.org/syndication/history/1.0}"


def links(feed: bytes) -> dict[str, str]:
    root = ElementTree.fromstring(feed)
    return {x.get("rel", "alternate"): x.get("href", "") for x in root.findall(f"{ATOM}link")}


def all_feeds() -> dict[str, bytes]:
    e = seed_edition()
    stories = e.stories()
    topics = dict.fromkeys(t for s in stories for t in story_topics(s))
    out = {
        "paper": atom.render_paper_feed(SITE, stories, newest_archive=e.date),
        "issues": atom.render_issues_feed(SITE, [e]),
        "archive": atom.render_archive(SITE, e, prev=None, next=None),
    }
    for t in topics:
        picked = [s for s in stories if t in story_topics(s)]
        out[t.feed_name] = atom.render_topic_feed(SITE, t, picked)
    return out


def test_every_feed_parses_cleanly_in_feedparser() -> None:
    feeds = all_feeds()
    assert {"page/1", "column/奋进新征程-建功新时代", "reporter/刘菲"} <= set(feeds)
    for name, body in feeds.items():
        parsed = feedparser.parse(body)
        assert parsed.bozo == 0, (name, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        assert parsed.feed.language == "zh-CN"
        assert parsed.entries, name


def test_paper_feed_carries_the_seed_in_full() -> None:
    e = seed_edition()
    parsed = feedparser.parse(atom.render_paper_feed(SITE, e.stories(), newest_archive=e.date))
    assert len(parsed.entries) == 9
    first = parsed.entries[0]
    assert first.id == "tag:example.org,2022:jngx/2022-03-25/p1-1"
    assert first.link == "http://news.example/jngx/2022-03-25/p1-1.html"
    assert first.published == "2022-03-25T06:00:00+08:00"
    assert first.updated == "2022-03-24T22:00:00+00:00"
    assert [a.name for a in first.authors] == ["胡碧源"]
    html = first.content[0].value
    assert "<strong>本报济宁讯</strong>（记者 胡碧源）2022年" in html
    assert "<small>济宁高新区</small>" in html  # the kicker
    assert html.count("<p>") == 8  # kicker + seven paragraphs
    second = parsed.entries[1]
    assert [c.name for c in second.contributors] == ["潘萌"]
    terms = {(t.term, t.scheme) for t in parsed.entries[7].tags}
    assert terms == {
        ("3", "http://news.example/jngx/feeds/page/"),
        ("奋进新征程-建功新时代", "http://news.example/jngx/feeds/column/"),
    }


def test_feed_links_self_hub_alternate_and_the_newest_archive() -> None:
    e = seed_edition()
    got = links(atom.render_paper_feed(SITE, e.stories(), newest_archive=e.date))
    assert got == {
        "self": "http://news.example/jngx/feeds/atom.xml",
        "alternate": "http://news.example/jngx/",
        "hub": "http://hub.example/",
        "prev-archive": "http://news.example/jngx/feeds/archive/2022-03-25.xml",
    }


def test_feed_updated_is_the_newest_entry_never_now() -> None:
    e = seed_edition()
    later = AT + timedelta(hours=5)
    revised = dataclasses.replace(e, revised=(AT, later, *e.revised[2:]))
    parsed = feedparser.parse(atom.render_paper_feed(SITE, revised.stories(), newest_archive=None))
    assert parsed.feed.updated == later.isoformat()
    assert parsed.entries[1].updated == later.isoformat()
    assert parsed.entries[0].updated == AT.isoformat()


def test_a_revision_changes_updated_not_id() -> None:
    e = seed_edition()
    a = e.issue.articles[0]
    fixed = dataclasses.replace(a, paragraphs=("更正后的第一段。", *a.paragraphs[1:]))
    issue = dataclasses.replace(e.issue, articles=(fixed, *e.issue.articles[1:]))
    later = AT + timedelta(days=1)
    revised = Edition(issue, later, e.keys, (later, *e.revised[1:]))
    before = feedparser.parse(atom.render_paper_feed(SITE, e.stories(), newest_archive=None))
    after = feedparser.parse(atom.render_paper_feed(SITE, revised.stories(), newest_archive=None))
    assert [x.id for x in before.entries] == [x.id for x in after.entries]
    assert before.entries[0].updated != after.entries[0].updated
    assert before.entries[0].published == after.entries[0].published
    assert "更正后的第一段" in after.entries[0].content[0].value


def test_ids_follow_the_stable_key_not_the_position() -> None:
    e = seed_edition()
    moved = Edition(e.issue, AT, ("p1-7", *e.keys[1:]), e.revised)
    parsed = feedparser.parse(atom.render_paper_feed(SITE, moved.stories(), newest_archive=None))
    assert parsed.entries[0].id == "tag:example.org,2022:jngx/2022-03-25/p1-7"
    assert parsed.entries[0].link.endswith("/2022-03-25/p1-7.html")


def test_issues_feed_has_one_entry_per_issue_with_its_contents() -> None:
    e = seed_edition()
    older = Edition.fresh(dataclasses.replace(e.issue, date=date(2022, 3, 18), serial=626), AT)
    parsed = feedparser.parse(atom.render_issues_feed(SITE, [e, older]))
    assert parsed.bozo == 0
    assert [x.id for x in parsed.entries] == [
        "tag:example.org,2022:jngx/2022-03-25",
        "tag:example.org,2022:jngx/2022-03-18",
    ]
    assert parsed.entries[0].title == "2022年3月25日 星期五 总第627期"
    toc = parsed.entries[0].content[0].value
    assert toc.count("<li>") == 9 and "<h3>第3版</h3>" in toc
    assert 'href="http://news.example/jngx/2022-03-25/p2-1.html"' in toc


def test_archive_document_is_marked_and_linked_both_ways() -> None:
    e = seed_edition()
    body = atom.render_archive(SITE, e, prev=date(2022, 3, 18), next=date(2022, 4, 1))
    root = ElementTree.fromstring(body)
    assert root.find(f"{HISTORY}archive") is not None
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"
    assert links(body) == {
        "self": "http://news.example/jngx/feeds/archive/2022-03-25.xml",
        "alternate": "http://news.example/jngx/2022-03-25/",
        "current": "http://news.example/jngx/feeds/atom.xml",
        "prev-archive": "http://news.example/jngx/feeds/archive/2022-03-18.xml",
        "next-archive": "http://news.example/jngx/feeds/archive/2022-04-01.xml",
    }
    assert len(root.findall(f"{ATOM}entry")) == 9
    # The archive is part of the paper's logical feed: same feed id.
    assert root.findtext(f"{ATOM}id") == "tag:example.org,2022:jngx/feeds/atom"


def test_archive_of_the_first_issue_has_no_prev_archive() -> None:
    e = seed_edition()
    got = links(atom.render_archive(SITE, e, prev=None, next=None))
    assert "prev-archive" not in got and "next-archive" not in got


def test_window_shrinks_to_fit_the_budget() -> None:
    e = seed_edition()
    full = atom.render_paper_feed(SITE, e.stories(), newest_archive=None)
    budget = atom.Budget(window=50, max_bytes=len(full) // 2)
    small = atom.render_paper_feed(SITE, e.stories(), newest_archive=None, budget=budget)
    assert len(small) <= budget.max_bytes
    parsed = feedparser.parse(small)
    assert parsed.bozo == 0 and 1 <= len(parsed.entries) < 9
    # The newest entries are kept, in order.
    assert [x.id[-4:] for x in parsed.entries] == ["p1-1", "p1-2", "p1-3", "p1-4"][
        : len(parsed.entries)
    ]


def test_window_caps_the_entry_count() -> None:
    e = seed_edition()
    body = atom.render_paper_feed(
        SITE, e.stories(), newest_archive=None, budget=atom.Budget(window=3)
    )
    assert len(feedparser.parse(body).entries) == 3


def test_an_entry_too_big_for_the_budget_becomes_a_summary() -> None:
    e = seed_edition()
    one = e.stories()[:1]
    full = atom.render_paper_feed(SITE, one, newest_archive=None)
    budget = atom.Budget(max_bytes=len(full) - 100)
    body = atom.render_paper_feed(SITE, one, newest_archive=None, budget=budget)
    assert len(body) <= budget.max_bytes
    html = feedparser.parse(body).entries[0].content[0].value
    assert "阅读全文" in html and "产业聚集方面" not in html


def test_an_archive_keeps_every_entry_and_falls_back_to_summaries() -> None:
    e = seed_edition()
    full = atom.render_archive(SITE, e, prev=None, next=None)
    budget = atom.Budget(max_bytes=len(full) // 2)
    body = atom.render_archive(SITE, e, prev=None, next=None, budget=budget)
    assert len(body) <= budget.max_bytes
    assert len(feedparser.parse(body).entries) == 9


def test_a_document_that_cannot_fit_is_an_error_not_an_oversized_file() -> None:
    e = seed_edition()
    with pytest.raises(SyndicateError, match="budget"):
        atom.render_archive(SITE, e, prev=None, next=None, budget=atom.Budget(max_bytes=2000))


def test_no_markup_from_the_source_survives_in_any_feed() -> None:
    e = Edition.fresh(hostile_issue(), AT)
    stories = e.stories()
    bodies = [
        atom.render_paper_feed(SITE, stories, newest_archive=None),
        atom.render_archive(SITE, e, prev=None, next=None),
        atom.render_issues_feed(SITE, [e]),
    ]
    for body in bodies:
        assert feedparser.parse(body).bozo == 0
        for html in entry_contents(body):
            assert_no_markup_from_source(html, set(ALLOWED_TAGS))
    html = entry_contents(bodies[0])[0]
    assert "&lt;script&gt;alert('x')&lt;/script&gt;正文" in html
    assert "图说&lt;img src=x onerror=alert(1)&gt;" in html
    assert any("&lt;script&gt;" in h for h in entry_contents(bodies[0])[1:])
    title = ElementTree.fromstring(bodies[0]).find(f"{ATOM}entry/{ATOM}title")
    assert title is not None and title.text == f"标题{ONERROR}"  # a text construct: escaped


def test_article_html_is_escaped_then_allow_listed() -> None:
    e = Edition.fresh(hostile_issue(), AT)
    html = article_html(e.issue.articles[0])
    assert SCRIPT not in html and "onmouseover" not in html.replace("&lt;b onmouseover", "")
    assert_no_markup_from_source(html, set(ALLOWED_TAGS))


def test_byline_groups_reporters_and_correspondents() -> None:
    a = seed_edition().issue.articles[1]
    assert byline_text(a) == "记者 刘菲 通讯员 潘萌"


def test_topics_of_a_story() -> None:
    s = seed_edition().stories()[7]
    assert story_topics(s) == (
        Topic("page", "3", "第3版"),
        Topic("column", "奋进新征程-建功新时代", "奋进新征程 建功新时代"),
        Topic("reporter", "曹俐", "曹俐"),
    )


def test_verse_keeps_its_lines_apart_in_a_feed_reader() -> None:
    parsed = feedparser.parse(
        atom.render_archive(SITE, Edition.fresh(verse_issue(), AT), prev=None, next=None)
    )
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    content = {e.title: e.content[0].value for e in parsed.entries}
    for stanza in STANZAS:
        [lines] = html_stanzas(content[POEM.title], stanza[1])
        assert_stanza(lines, stanza)
    assert "<script" not in content[POEM.title]
    [quoted] = html_stanzas(content[ESSAY.title], STANZAS[0][1])
    assert_stanza(quoted, STANZAS[0])
    assert len(html_stanzas(content[ESSAY.title], "诗句朴素")) == 1  # prose stays one paragraph


def test_the_summary_of_a_poem_runs_its_lines_on_one_line() -> None:
    html = summary_html(SITE, POEM, "http://news.example/p4-1.html")
    first = re.search(r"<p>(.*?)</p>", html, re.S)
    assert first is not None
    assert first.group(1) == "（王一）" + ONE_LINE.removesuffix("／麦苗在垄上拔节")


def test_a_subhead_is_a_heading_in_a_feed_reader_its_two_lines_one() -> None:
    parsed = feedparser.parse(
        atom.render_archive(SITE, Edition.fresh(subhead_issue(), AT), prev=None, next=None)
    )
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    content = {e.title: e.content[0].value for e in parsed.entries}[SUBHEADED.title]
    assert re.findall(r"<h3>(.*?)</h3>", content) == [JOINED, SINGLE]
