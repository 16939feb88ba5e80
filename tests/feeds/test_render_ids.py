"""Ids and URLs of the web edition: tag URIs, topic keys, safe public file paths."""

from __future__ import annotations

from datetime import date, time
from pathlib import PurePosixPath

import pytest

from syndicate.config import PaperConfig
from syndicate.feeds.ids import (
    Site,
    article_id,
    feed_id,
    issue_id,
    public_file,
    published_at,
    topic_key,
)

SITE = Site("http://news.example/", PaperConfig("jngx", "济宁高新新闻", tag_authority="a.org,2022"))


def test_tag_uris() -> None:
    day = date(2022, 3, 25)
    assert article_id(SITE, day, "p1-3") == "tag:a.org,2022:jngx/2022-03-25/p1-3"
    assert issue_id(SITE, day) == "tag:a.org,2022:jngx/2022-03-25"
    assert feed_id(SITE, "reporter/刘菲") == "tag:a.org,2022:jngx/feeds/reporter/%E5%88%98%E8%8F%B2"


def test_site_url_percent_encodes_and_joins_once() -> None:
    assert SITE.url("/jngx/feeds/reporter/刘菲.xml") == (
        "http://news.example/jngx/feeds/reporter/%E5%88%98%E8%8F%B2.xml"
    )


def test_published_is_the_issue_date_at_publication_time_in_the_paper_zone() -> None:
    paper = PaperConfig("x", "X", timezone="Asia/Shanghai", publish_time=time(6, 30))
    assert published_at(paper, date(2022, 3, 25)).isoformat() == "2022-03-25T06:30:00+08:00"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("奋进新征程 建功新时代", "奋进新征程-建功新时代"),
        ("要闻", "要闻"),
        ("a/b\\c?d#e%f", "abcdef"),
        ("..hidden", "hidden"),
        ("  ", None),
        ("//", None),
    ],
)
def test_topic_key(name: str, key: str | None) -> None:
    assert topic_key(name) == key


@pytest.mark.parametrize(
    ("path", "file"),
    [
        ("/", "index.html"),
        ("/jngx/", "jngx/index.html"),
        ("/jngx/2022-03-25/p1-1.html", "jngx/2022-03-25/p1-1.html"),
        ("/jngx/feeds/page/要闻.xml", "jngx/feeds/page/要闻.xml"),
        ("/jngx", "jngx"),
    ],
)
def test_public_file(path: str, file: str) -> None:
    assert public_file(path) == PurePosixPath(file)


@pytest.mark.parametrize("path", ["/../etc/passwd", "/jngx/../../x", "/.git/config", "/a/.tmp"])
def test_public_file_refuses_unsafe_paths(path: str) -> None:
    assert public_file(path) is None
