"""繁體 editions: ``variants = ["hant-tw"]`` publishes the edition and every feed again under
``/jngx/hant-tw/``, converted by OpenCC, with its own ids, language tags and hreflang links.

The seed is ingested once into real SQLite with the variant configured, and published.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import feedparser
import pytest
from sqlalchemy import select

from syndicate.config import Settings, load_settings
from syndicate.errors import ConfigError
from syndicate.feeds.publish import publish_key
from syndicate.store.engine import ensure_schema
from syndicate.store.ingest import ingest_bytes
from syndicate.store.schema import issues
from tests.conftest import SEED
from tests.feed_support import AT, seed_issue, tags_of

TW = "/jngx/hant-tw"
PAPER = """
[[papers]]
slug = "jngx"
name = "济宁高新新闻"
variants = {variants}
"""


def settings_with(variants: str, data: str) -> Settings:
    return load_settings(PAPER.format(variants=variants), {"SYNDICATE_DATA_DIR": data})


STORED_PROBLEMS: list[object] = []


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    settings = settings_with('["hant-tw"]', str(tmp_path_factory.mktemp("var")))
    engine = ensure_schema(settings)
    try:
        key = ingest_bytes(engine, settings, SEED.read_bytes(), source="seed", now=AT).key
        publish_key(engine, settings, key)
        with engine.connect() as conn:
            STORED_PROBLEMS[:] = conn.execute(select(issues.c.problems)).scalar_one()
    finally:
        engine.dispose()
    yield settings


def read(settings: Settings, path: str) -> bytes:
    rel = path.lstrip("/") + ("index.html" if path.endswith("/") else "")
    return (settings.public_dir / rel).read_bytes()


def test_every_feed_again_in_traditional_with_its_own_ids(published: Settings) -> None:
    hans = feedparser.parse(read(published, "/jngx/feeds/atom.xml"))
    for suffix in ("xml", "rss"):
        tw = feedparser.parse(read(published, f"{TW}/feeds/atom.{suffix}"))
        assert tw.bozo == 0 and len(tw.entries) == 9
        assert tw.entries[0].id == "tag:syndicate.invalid,2022:jngx/hant-tw/2022-03-25/p1-1"
        assert not {e.id for e in tw.entries} & {e.id for e in hans.entries}
        assert tw.feed.title == "濟寧高新新聞"
        assert tw.entries[0].link == f"http://127.0.0.1:8080{TW}/2022-03-25/p1-1.html"
    atom = read(published, f"{TW}/feeds/atom.xml").decode("utf-8")
    assert 'xml:lang="zh-Hant-TW"' in atom and "济宁" not in atom
    rss = read(published, f"{TW}/feeds/atom.rss").decode("utf-8")
    assert "<language>zh-Hant-TW</language>" in rss
    feed = json.loads(read(published, f"{TW}/feeds/atom.json"))
    assert feed["language"] == "zh-Hant-TW" and len(feed["items"]) == 9
    assert feed["feed_url"] == f"http://127.0.0.1:8080{TW}/feeds/atom.json"
    # Names convert as OpenCC converts them (刘菲 -> 劉菲), in the text and as authors.
    authors = {a["name"] for i in feed["items"] for a in i.get("authors", [])}
    assert "劉菲" in authors and "刘菲" not in authors
    # Every topic feed and archive document exists in the variant too.
    for name in ("issues", "page/1", "reporter/刘菲", "archive/2022-03-25"):
        for suffix in ("xml", "rss", "json"):
            assert read(published, f"{TW}/feeds/{name}.{suffix}")
    assert b"zh-Hant-TW" in read(published, f"{TW}/feeds.opml")


def test_the_edition_in_traditional_with_hreflang_both_ways(published: Settings) -> None:
    tw = read(published, f"{TW}/2022-03-25/p1-2.html").decode("utf-8")
    hans = read(published, "/jngx/2022-03-25/p1-2.html").decode("utf-8")
    assert '<html lang="zh-Hant-TW">' in tw and '<html lang="zh-CN">' in hans
    assert "濟寧高新新聞" in tw and "济宁" not in tw
    for html in (tw, hans):
        links = [dict(a) for t, a in tags_of(html) if t == "link"]
        langs = {a["hreflang"]: a["href"] for a in links if "hreflang" in a}
        assert langs == {
            "zh-CN": "/jngx/2022-03-25/p1-2.html",
            "zh-Hant-TW": f"{TW}/2022-03-25/p1-2.html",
        }
    # The home pages point at each other's home page (the site root is the 简体 edition).
    for path, other in (("/", f"{TW}/"), (f"{TW}/", "/jngx/")):
        html = read(published, path).decode("utf-8")
        hrefs = [dict(a).get("href") for t, a in tags_of(html) if ("hreflang", "zh-Hant-TW") in a]
        assert hrefs, path
        assert other in [dict(a).get("href") for t, a in tags_of(html)], path
    # Its 订阅 links stay inside the variant and find their feed's row there.
    assert f'href="{TW}/feeds/"' in tw
    feeds = read(published, f"{TW}/feeds/").decode("utf-8")
    ids = {dict(a).get("id") for _, a in tags_of(feeds)}
    anchors = [h.split("#")[1] for h in _hrefs(tw) if h.startswith(f"{TW}/feeds/#")]
    assert anchors and set(anchors) <= ids


def _hrefs(html: str) -> list[str]:
    return [dict(a).get("href") or "" for t, a in tags_of(html) if t == "a"]


def test_conversion_is_no_parse_problem(published: Settings) -> None:
    assert len(STORED_PROBLEMS) == len(seed_issue().problems)  # what the parser found, nothing more


def test_a_paper_without_variants_has_no_hreflang(tmp_path_factory: pytest.TempPathFactory) -> None:
    settings = settings_with("[]", str(tmp_path_factory.mktemp("plain")))
    engine = ensure_schema(settings)
    try:
        key = ingest_bytes(engine, settings, SEED.read_bytes(), source="seed", now=AT).key
        publish_key(engine, settings, key)
    finally:
        engine.dispose()
    assert not (settings.public_dir / "jngx/hant-tw").exists()
    html = read(settings, "/jngx/2022-03-25/p1-2.html").decode("utf-8")
    assert "hreflang" not in html


@pytest.mark.parametrize("bad", ['["zh-TW"]', '["hant-tw", "hant-tw"]', '["hans"]'])
def test_an_unknown_variant_is_one_clear_line(bad: str) -> None:
    with pytest.raises(ConfigError) as e:
        settings_with(bad, "var")
    message = str(e.value)
    assert message.startswith("Config 'papers[0].variants[")
    assert "hant-tw, hant-hk" in message and "\n" not in message
