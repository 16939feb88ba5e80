"""RSS 2.0 and JSON Feed 1.1 beside every Atom document, the OPML list and the 订阅 page.

The seed is ingested and published once (real SQLite, real public dir); then each format is
read by what readers use: feedparser (bozo 0 for Atom and RSS), the JSON Feed 1.1 schema
(tests/data/schemas), newsboat (a stock reader, on the RSS), and reader (a maintained Python
feed library with a JSON Feed parser, on the JSON).

No offline W3C Feed Validation Service exists as a maintained package on PyPI or Debian (the
service's own code is not packaged; the PyPI names around it are unmaintained since 2017), so
its rules that matter here are asserted directly: guid isPermaLink, RFC 822 dates, one
atom:link rel=self naming the document, the content module for full content.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

import feedparser
import httpx
import jsonschema
import pytest
from reader import make_reader

from syndicate.config import Settings, load_settings
from syndicate.feeds.ids import href
from syndicate.feeds.publish import publish_key
from syndicate.store.engine import ensure_schema
from syndicate.store.ingest import ingest_bytes
from syndicate.web.app import build_app
from tests.conftest import SEED
from tests.feed_support import AT, tags_of

SCHEMA = json.loads(
    (Path(__file__).parent.parent / "data/schemas/jsonfeed-1.1.schema.json").read_text("utf-8")
)
DOCS = (
    "atom",
    "issues",
    "page/1",
    "column/奋进新征程-建功新时代",
    "reporter/刘菲",
    "archive/2022-03-25",
)
FIRST = "tag:syndicate.invalid,2022:jngx/2022-03-25/p1-1"
LAST_WORDS = "争当国家高新区高质量发展新标杆"  # the first article's last paragraph
NEWSBOAT = shutil.which("newsboat")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    settings = load_settings(None, {"SYNDICATE_DATA_DIR": str(tmp_path_factory.mktemp("var"))})
    engine = ensure_schema(settings)
    try:
        key = ingest_bytes(engine, settings, SEED.read_bytes(), source="seed", now=AT).key
        publish_key(engine, settings, key)
    finally:
        engine.dispose()
    yield settings


def doc(settings: Settings, name: str, suffix: str) -> bytes:
    return (settings.public_dir / f"jngx/feeds/{name}.{suffix}").read_bytes()


def json_doc(settings: Settings, name: str) -> dict[str, object]:
    out: dict[str, object] = json.loads(doc(settings, name, "json"))
    return out


def _checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def rfc3339(value: object) -> bool:
        return isinstance(value, str) and datetime.fromisoformat(value).tzinfo is not None

    @checker.checks("uri")
    def absolute_url(value: object) -> bool:
        parts = urlsplit(str(value))
        return parts.scheme in ("http", "https") and bool(parts.netloc)

    return checker


def test_every_document_has_rss_and_json_with_the_same_entries(published: Settings) -> None:
    for name in DOCS:
        atom = feedparser.parse(doc(published, name, "xml"))
        rss = feedparser.parse(doc(published, name, "rss"))
        feed = json_doc(published, name)
        assert atom.bozo == 0 and rss.bozo == 0, name
        assert rss.version == "rss20" and atom.version == "atom10"
        items = feed["items"]
        assert isinstance(items, list) and items, name
        ids = [e.id for e in atom.entries]
        assert [e.id for e in rss.entries] == ids == [i["id"] for i in items], name
        assert [e.title for e in rss.entries] == [e.title for e in atom.entries]
        for a, r, j in zip(atom.entries, rss.entries, items, strict=True):
            assert r.guidislink is False
            published_at = datetime.fromisoformat(j["date_published"])
            assert r.published_parsed == a.published_parsed
            assert published_at.timestamp() == datetime.fromisoformat(a.published).timestamp()
            assert datetime.fromisoformat(j["date_modified"]) == datetime.fromisoformat(a.updated)
            assert [x.name for x in a.get("authors", [])] == [
                x["name"] for x in j.get("authors", [])
            ]
            assert [x.name for x in r.get("authors", [])] == [x.name for x in a.get("authors", [])]
            labels = [t.label for t in a.get("tags", [])]
            assert [t.term for t in r.get("tags", [])] == labels == j.get("tags", [])
            assert r.content[0].value == a.content[0].value == j["content_html"]


def test_the_paper_feed_carries_the_nine_seed_articles_in_full(published: Settings) -> None:
    atom = feedparser.parse(doc(published, "atom", "xml"))
    rss = feedparser.parse(doc(published, "atom", "rss"))
    feed = json_doc(published, "atom")
    items = feed["items"]
    assert isinstance(items, list)
    assert len(atom.entries) == len(rss.entries) == len(items) == 9
    assert rss.entries[0].id == items[0]["id"] == FIRST
    assert LAST_WORDS in rss.entries[0].content[0].value
    assert LAST_WORDS in items[0]["content_html"]
    assert items[0]["authors"] == [{"name": "胡碧源"}]


def test_json_feeds_are_valid_json_feed_1_1(published: Settings) -> None:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=_checker())
    for name in DOCS:
        feed = json_doc(published, name)
        errors = [e.message for e in validator.iter_errors(feed)]
        assert errors == [], name
        assert feed["feed_url"] == f"http://127.0.0.1:8080/jngx/feeds/{href(name)}.json"
        assert feed["language"] == "zh-CN"
    # The schema is not a rubber stamp: a missing id or a date without a zone fails it.
    broken = json_doc(published, "atom")
    items = broken["items"]
    assert isinstance(items, list)
    del items[0]["id"]
    items[1]["date_published"] = "2022-03-25T06:00:00"
    assert len(list(validator.iter_errors(broken))) == 2
    # The paper feed links to older items (the newest archive), as RSS and Atom do.
    assert json_doc(published, "atom")["next_url"] == (
        "http://127.0.0.1:8080/jngx/feeds/archive/2022-03-25.json"
    )


def test_rss_follows_the_validators_rules(published: Settings) -> None:
    """What the W3C Feed Validation Service checks of an RSS 2.0 document like ours."""
    for name in DOCS:
        root = ET.fromstring(doc(published, name, "rss"))
        assert root.tag == "rss" and root.get("version") == "2.0"
        channel = root.find("channel")
        assert channel is not None
        for required in ("title", "link", "description"):
            assert (channel.findtext(required) or "").strip(), (name, required)
        selfs = [
            x
            for x in channel.findall("{http://www.w3.org/2005/Atom}link")
            if x.get("rel") == "self"
        ]
        assert [x.get("href") for x in selfs] == [
            f"http://127.0.0.1:8080/jngx/feeds/{href(name)}.rss"
        ]
        assert parsedate_to_datetime(channel.findtext("lastBuildDate") or "").tzinfo
        for item in channel.findall("item"):
            guid = item.find("guid")
            assert guid is not None and guid.get("isPermaLink") == "false"
            assert parsedate_to_datetime(item.findtext("pubDate") or "").tzinfo
            assert item.findtext("author") is None  # RSS's author must be an e-mail address


def test_newsboat_reads_the_rss(published: Settings, tmp_path: Path) -> None:
    assert NEWSBOAT is not None, "newsboat is not installed (Debian package newsboat)"
    url = (published.public_dir / "jngx/feeds/atom.rss").as_uri()
    (tmp_path / "urls").write_text(url + "\n", encoding="utf-8")
    (tmp_path / "config").write_text("", encoding="utf-8")
    out = subprocess.run(
        [NEWSBOAT, "-u", "urls", "-c", "cache.db", "-C", "config", "-x", "reload", "print-unread"],
        cwd=tmp_path,
        env={**os.environ, "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert out.stdout.strip() == "9 unread articles"
    with sqlite3.connect(tmp_path / "cache.db") as db:
        q = "SELECT author, content FROM rss_item WHERE guid = ?"
        row = db.execute(q, (FIRST,)).fetchone()
    assert row is not None and row[0] == "胡碧源" and LAST_WORDS in row[1]


def test_a_json_feed_client_library_reads_the_json(published: Settings) -> None:
    reader = make_reader(":memory:", feed_root=str(published.public_dir))
    try:
        reader.add_feed("jngx/feeds/atom.json")
        reader.update_feeds()
        feed = reader.get_feed("jngx/feeds/atom.json")
        assert feed.last_exception is None and feed.version == "json11"
        assert feed.title == "济宁高新新闻"
        entries = {e.id: e for e in reader.get_entries()}
        assert len(entries) == 9
        first = entries[FIRST]
        assert first.authors_str == "胡碧源"
        assert first.published == datetime.fromisoformat("2022-03-25T06:00:00+08:00")
        assert LAST_WORDS in first.content[0].value
    finally:
        reader.close()


def test_opml_lists_every_subscription_feed(published: Settings) -> None:
    root = ET.fromstring((published.public_dir / "jngx/feeds.opml").read_bytes())
    assert root.get("version") == "2.0"
    urls = [o.get("xmlUrl") or "" for o in root.iter("outline")]
    paths = [unquote(urlsplit(u).path) for u in urls]
    assert paths[:2] == ["/jngx/feeds/atom.xml", "/jngx/feeds/issues.xml"]
    for name in DOCS[:-1]:
        assert f"/jngx/feeds/{name}.xml" in paths
    assert not [p for p in paths if "/archive/" in p]  # archives are not subscriptions
    # Every page, column and reporter feed written is listed, and every listed one exists.
    written = {
        "/" + str(p.relative_to(published.public_dir))
        for kind in ("page", "column", "reporter")
        for p in (published.public_dir / "jngx/feeds" / kind).glob("*.xml")
    }
    assert set(paths[2:]) == written
    assert all(o.get("text") and o.get("type") == "rss" for o in root.iter("outline"))


def test_feeds_page_explains_and_lists_every_feed_in_each_format(published: Settings) -> None:
    html = (published.public_dir / "jngx/feeds/index.html").read_text("utf-8")
    assert "什么是订阅源？" in html and "/jngx/feeds.opml" in html
    hrefs = {dict(a).get("href") for t, a in tags_of(html) if t == "a"}
    for suffix in ("xml", "rss", "json"):
        assert f"/jngx/feeds/atom.{suffix}" in hrefs
        assert f"/jngx/feeds/reporter/%E5%88%98%E8%8F%B2.{suffix}" in hrefs
    # The edition's 订阅 links lead to this page, not to a raw feed.
    issue = (published.public_dir / "jngx/2022-03-25/index.html").read_text("utf-8")
    links = [dict(a).get("href") or "" for t, a in tags_of(issue) if t == "a"]
    feed_links = [h for h in links if "/feeds/" in h]
    assert "/jngx/feeds/" in feed_links  # the footer's 订阅
    assert all(h.startswith("/jngx/feeds/#") for h in feed_links if h != "/jngx/feeds/")
    assert "/jngx/feeds/#page/1" in feed_links


def test_every_page_advertises_atom_then_rss_then_json(published: Settings) -> None:
    for page in ("index.html", "jngx/2022-03-25/p1-2.html", "jngx/feeds/index.html"):
        html = (published.public_dir / page).read_text("utf-8")
        alts = [dict(a) for t, a in tags_of(html) if t == "link" and ("rel", "alternate") in a]
        assert [(a["type"], a["href"]) for a in alts[:3]] == [
            ("application/atom+xml", "/jngx/feeds/atom.xml"),
            ("application/rss+xml", "/jngx/feeds/atom.rss"),
            ("application/feed+json", "/jngx/feeds/atom.json"),
        ], page


async def test_served_with_the_right_content_types(published: Settings) -> None:
    transport = httpx.ASGITransport(app=build_app(published))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        for path, type in (
            ("/jngx/feeds/atom.xml", "application/atom+xml; charset=utf-8"),
            ("/jngx/feeds/atom.rss", "application/rss+xml; charset=utf-8"),
            ("/jngx/feeds/atom.json", "application/feed+json; charset=utf-8"),
            ("/jngx/feeds.opml", "text/x-opml; charset=utf-8"),
            ("/jngx/feeds/", "text/html; charset=utf-8"),
        ):
            r = await client.get(path)
            assert r.status_code == 200 and r.headers["content-type"] == type, path
            assert r.headers["cache-control"] in ("public, max-age=300", "public, max-age=60")
