"""Helpers for the feed and web-edition tests: the seed as an Edition, hostile text, HTML."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from html.parser import HTMLParser
from xml.etree import ElementTree

from syndicate.config import PaperConfig
from syndicate.feeds.edition import Edition
from syndicate.feeds.ids import Site
from syndicate.model import Issue
from syndicate.parse import parse_issue
from tests.conftest import SEED

ATOM = "{http://www.w3.org/2005/Atom}"
AT = datetime(2022, 3, 24, 22, 0, tzinfo=UTC)
PAPER = PaperConfig(slug="jngx", name="济宁高新新闻", tag_authority="example.org,2022")
SITE = Site("http://news.example", PAPER, ("http://hub.example/",))

SCRIPT = "<script>alert('x')</script>"
ONERROR = "<img src=x onerror=alert(1)>"


def seed_issue() -> Issue:
    return parse_issue(SEED.read_text(encoding="utf-8"), source=SEED.name)


def seed_edition(at: datetime = AT) -> Edition:
    return Edition.fresh(seed_issue(), at)


def hostile_issue() -> Issue:
    """The seed with markup in its text (parsed), and in every other field of one article."""
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("参加会议。", f"参加会议。{SCRIPT}", 1)
    text = text.replace("参训人员表示", f"参训人员表示{ONERROR}", 1)
    issue = parse_issue(text, source="hostile.txt")
    assert any(SCRIPT in p for a in issue.articles for p in a.paragraphs)
    a = issue.articles[0]
    bad = dataclasses.replace(
        a,
        title=f"标题{ONERROR}",
        kicker=f"引题{SCRIPT}",
        subtitle=f"<b onmouseover=x>副题</b>{SCRIPT}",
        column=f"栏目{ONERROR}",
        dateline=f"本报{SCRIPT}讯",
        captions=(f"图说{ONERROR}",),
        paragraphs=(f"{SCRIPT}正文", *a.paragraphs[1:]),
    )
    return dataclasses.replace(issue, articles=(bad, *issue.articles[1:]))


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def tags_of(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    p = Tags()
    p.feed(html)
    p.close()
    return p.tags


def assert_no_markup_from_source(html: str, allowed: set[str]) -> None:
    """No tag outside ``allowed``, no ``on*`` attribute, and the hostile text escaped."""
    for tag, attrs in tags_of(html):
        assert tag in allowed, f"<{tag}> came through"
        assert not [k for k, _ in attrs if k.startswith("on")], f"<{tag} {attrs}>"


def entry_contents(feed: bytes) -> list[str]:
    """The HTML of every entry's content, as a reader gets it after XML unescaping."""
    root = ElementTree.fromstring(feed)
    return [e.findtext(f"{ATOM}content") or "" for e in root.iter(f"{ATOM}entry")]
