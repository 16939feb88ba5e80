"""Search over stored issues (``/SLUG/search?q=``), on SQLite FTS5 and PostgreSQL full text: the
seed's stories found exactly, revisions kept in step, bad queries answered calmly."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from html import unescape

import httpx
import pytest
from sqlalchemy import Engine, select

from syndicate.config import Settings
from syndicate.grams import query
from syndicate.store import search
from syndicate.store.engine import reading
from syndicate.store.ingest import ingest_bytes
from syndicate.store.schema import articles
from syndicate.web import app as web
from syndicate.web.search import SearchContext, search_routes
from tests.conftest import SEED

NOW = datetime(2022, 3, 25, 6, 0, tzinfo=UTC)

# Read from the seed by hand: the three stories whose text mentions 核酸, and the one with 网格员.
NUCLEIC = {
    "积极响应闻令而动 助力街道核酸检测",
    "有序扫码分组进行 自主检测缓解压力",
    "抓细抓实防疫工作 筑牢疫情防控坚固防线",
}
GRID = {"网格员向“疫”而行 筑牢抗疫防线"}


@pytest.fixture
def engine(db: Engine, db_settings: Settings) -> Engine:
    ingest_bytes(db, db_settings, SEED.read_bytes(), source=SEED.name, now=NOW)
    return db


@pytest.fixture
async def client(db_settings: Settings, engine: Engine) -> AsyncIterator[httpx.AsyncClient]:
    ctx = SearchContext(db_settings, engine=engine)
    transport = httpx.ASGITransport(app=web.build_app(db_settings, routes=search_routes(ctx)))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


def titles(html: str) -> set[str]:
    return {unescape(t) for t in re.findall(r"<h3><a href=\"[^\"]+\">([^<]+)</a></h3>", html)}


async def test_the_seed_stories_that_mention_a_word_are_found_exactly(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/jngx/search", params={"q": "核酸"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert titles(r.text) == NUCLEIC
    assert "找到 3 篇" in r.text
    assert "<mark>核酸</mark>" in r.text
    r = await client.get("/jngx/search", params={"q": "网格员"})
    assert titles(r.text) == GRID
    assert 'href="/jngx/2022-03-25/' in r.text


async def test_every_term_must_match_and_nothing_is_found_for_an_absent_word(
    client: httpx.AsyncClient, engine: Engine
) -> None:
    texts = _texts(engine)
    for words in (["核酸", "检测"], ["疫情", "网格员"], ["核酸", "网格员"]):
        expect = {t for t, body in texts.items() if all(w in body or w in t for w in words)}
        found = await client.get("/jngx/search", params={"q": " ".join(words)})
        assert titles(found.text) == expect, words
    assert {t for t, b in texts.items() if "核酸" in b and "检测" in b} >= {
        "积极响应闻令而动 助力街道核酸检测"
    }  # the probe above is not vacuous
    none = await client.get("/jngx/search", params={"q": "量子计算机"})
    assert titles(none.text) == set()
    assert "没有找到包含“量子计算机”的文章" in none.text


ODD = [{}, {"q": ""}, {"q": "，。！"}, {"q": "核酸", "page": "x"}, {"q": "核酸", "page": "-3"},
       {"q": "核" * 5000}, {"q": "\"' OR 1=1 --"}, {"q": "NEAR(核酸 检测)"}, {"q": "核酸:*"},
       {"q": "核酸", "page": "99999"}]  # fmt: skip


async def test_odd_queries_get_a_page_not_an_error(client: httpx.AsyncClient) -> None:
    for params in ODD:
        r = await client.get("/jngx/search", params=params)
        assert r.status_code == 200, params
        assert '<form method="get" action="/jngx/search"' in r.text, params


async def test_an_unknown_paper_is_404(client: httpx.AsyncClient) -> None:
    assert (await client.get("/nopaper/search", params={"q": "核酸"})).status_code == 404


def _texts(engine: Engine) -> dict[str, str]:
    with reading(engine) as conn:
        rows = conn.execute(
            select(articles.c.title, articles.c.paragraphs).where(articles.c.removed.is_(False))
        ).all()
    return {r.title: "\n".join(r.paragraphs) for r in rows}


def _found(engine: Engine, q: str) -> set[str]:
    with reading(engine) as conn:
        return {h.title for h in search.search(conn, "jngx", query(q)).hits}


def test_search_agrees_with_a_plain_substring_scan(engine: Engine) -> None:
    """Any two- to six-character run cut from the stored text finds exactly the articles
    whose title or text contains it."""
    texts = _texts(engine)
    probes = []
    for body in texts.values():
        for run in re.findall(r"[\u4e00-\u9fff]{6,}", body)[:4]:
            probes += [run[:2], run[1:4], run[:6]]
    assert len(probes) > 60
    for q in probes:
        expect = {t for t, body in texts.items() if q in body or q in t}
        assert _found(engine, q) == expect, q


def test_a_revision_updates_the_index(engine: Engine, db_settings: Settings) -> None:
    text = SEED.read_text(encoding="utf-8").replace("网格员", "志愿者")
    later = datetime(2022, 3, 25, 9, 0, tzinfo=UTC)
    ingest_bytes(engine, db_settings, text.encode(), source="rev2.txt", now=later)
    assert _found(engine, "网格员") == set()
    assert _found(engine, "志愿者") >= {"志愿者向“疫”而行 筑牢抗疫防线"}


def test_rebuild_remakes_the_same_index(engine: Engine) -> None:
    before = _found(engine, "核酸")
    with engine.begin() as conn:
        assert search.rebuild(conn) == 1
    assert _found(engine, "核酸") == before == NUCLEIC
