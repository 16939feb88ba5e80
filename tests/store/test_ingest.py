"""Ingest: idempotent by content, corrections become revisions with stable article keys."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select

from syndicate.config import Settings, load_settings
from syndicate.errors import ConfigError, ParseError
from syndicate.model import Article
from syndicate.parse import parse_bytes
from syndicate.store import catalog
from syndicate.store.ingest import (
    IngestResult,
    OldArticle,
    ingest_bytes,
    match_articles,
    normalise_title,
    store_issue,
)
from syndicate.store.schema import metadata
from tests.conftest import SEED

NOW = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=3)
KEY = "jngx/2022-03-25"
#: A phrase in the second article on page 1 (推进园林绿化工作 …) only.
PHRASE, FIXED = "组织召开了全", "组织召开了全体"


def row_counts(db: Engine) -> dict[str, int]:
    with db.connect() as conn:
        return {
            name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for name, t in metadata.tables.items()
        }


def seed_bytes() -> bytes:
    return SEED.read_bytes()


def edited_seed() -> bytes:
    text = SEED.read_text(encoding="utf-8")
    assert text.count(PHRASE) == 1
    return text.replace(PHRASE, FIXED).encode("utf-8")


def test_the_seed_comes_back_as_parsed(db: Engine, db_settings: Settings) -> None:
    r = ingest_bytes(db, db_settings, seed_bytes(), source=SEED.name, now=NOW)
    assert (r.key, r.revision, r.created, r.changed, r.articles) == (KEY, 1, True, True, 9)
    stored = catalog.load_issue(db, KEY)
    assert stored is not None
    assert stored.issue == parse_bytes(seed_bytes(), source=SEED.name)
    assert [a.key for a in stored.articles] == [a.key for a in stored.issue.articles]
    assert all(a.revised_at == NOW and a.revision == 1 for a in stored.articles)
    counts = row_counts(db)
    assert counts["issues"] == 1 and counts["articles"] == 9 and counts["issue_revisions"] == 1
    assert counts["pages"] == len(stored.issue.pages) and counts["papers"] == 1


def test_reingesting_the_seed_adds_no_rows(db: Engine, db_settings: Settings) -> None:
    ingest_bytes(db, db_settings, seed_bytes(), source=SEED.name, now=NOW)
    before = row_counts(db)
    r = ingest_bytes(db, db_settings, seed_bytes(), source="again.txt", now=LATER)
    assert (r.key, r.revision, r.created, r.changed) == (KEY, 1, False, False)
    assert row_counts(db) == before
    stored = catalog.load_issue(db, KEY)
    assert stored is not None and stored.summary.updated_at == NOW


def test_the_same_text_in_gb18030_is_the_same_content(db: Engine, db_settings: Settings) -> None:
    ingest_bytes(db, db_settings, seed_bytes(), source=SEED.name, now=NOW)
    before = row_counts(db)
    gbk = SEED.read_text(encoding="utf-8").encode("gb18030")
    r = ingest_bytes(db, db_settings, gbk, source=SEED.name, now=LATER)
    assert not r.changed and row_counts(db) == before


def test_a_correction_is_a_second_revision_of_one_issue(db: Engine, db_settings: Settings) -> None:
    ingest_bytes(db, db_settings, seed_bytes(), source=SEED.name, now=NOW)
    before = catalog.load_issue(db, KEY)
    r = ingest_bytes(db, db_settings, edited_seed(), source="fixed.txt", now=LATER)
    assert (r.key, r.revision, r.created, r.changed) == (KEY, 2, False, True)
    after = catalog.load_issue(db, KEY)
    assert before is not None and after is not None
    assert catalog.list_issues(db) == [after.summary]
    assert [v.revision for v in catalog.list_revisions(db, KEY)] == [1, 2]
    assert after.summary.revision == 2 and after.summary.updated_at == LATER
    assert [a.key for a in after.articles] == [a.key for a in before.articles]
    changed = {a.key: a for a in after.articles if a.revised_at == LATER}
    assert list(changed) == ["p1-2"]
    assert changed["p1-2"].revision == 2 and changed["p1-2"].first_revision == 1
    assert any(FIXED in p for p in changed["p1-2"].article.paragraphs)
    assert all(a.revised_at == NOW for a in after.articles if a.key != "p1-2")
    counts = row_counts(db)
    assert counts["issues"] == 1 and counts["articles"] == 9 and counts["issue_revisions"] == 2


def test_an_old_revision_again_does_not_undo_the_correction(
    db: Engine, db_settings: Settings
) -> None:
    ingest_bytes(db, db_settings, seed_bytes(), source=SEED.name, now=NOW)
    ingest_bytes(db, db_settings, edited_seed(), source="fixed.txt", now=LATER)
    r = ingest_bytes(db, db_settings, seed_bytes(), source=SEED.name, now=LATER + LATER.resolution)
    assert (r.revision, r.changed) == (2, False)


def _store(
    db: Engine, settings: Settings, articles: list[Article], text: str, now: datetime
) -> None:
    issue = dataclasses.replace(parse_bytes(seed_bytes()), articles=tuple(articles))
    with db.begin() as conn:
        store_issue(conn, settings.paper(None), issue, text=text, sha=text, source="t", now=now)


def test_removed_articles_are_flagged_and_keys_never_reused(
    db: Engine, db_settings: Settings
) -> None:
    arts = list(parse_bytes(seed_bytes()).articles)
    _store(db, db_settings, arts, "r1", NOW)
    # Revision 2: page 1's third article is gone; the fourth and fifth move up.
    p1 = [dataclasses.replace(a, seq=i) for i, a in enumerate([*arts[:2], *arts[3:5]], 1)]
    _store(db, db_settings, p1 + arts[5:], "r2", LATER)
    live = {a.key: a for a in catalog.list_articles(db, KEY)}
    assert "p1-3" not in live and live["p1-4"].article.seq == 3
    assert live["p1-4"].revised_at == NOW  # moved, not changed
    gone = [a for a in catalog.list_articles(db, KEY, include_removed=True) if a.removed]
    assert [(a.key, a.revision, a.revised_at) for a in gone] == [("p1-3", 2, LATER)]
    # Revision 3: a new story appears at position 3; it gets a fresh key, not p1-3.
    new = Article(page=1, seq=3, title="全新的一篇报道", paragraphs=("正文。",))
    p1 = [*p1[:2], new, *(dataclasses.replace(a, seq=a.seq + 1) for a in p1[2:])]
    _store(db, db_settings, p1 + arts[5:], "r3", LATER + timedelta(hours=1))
    live = {a.key: a for a in catalog.list_articles(db, KEY)}
    assert live["p1-6"].article.title == "全新的一篇报道" and live["p1-6"].first_revision == 3
    assert "p1-3" not in live and len(live) == 9


def test_a_removed_article_that_returns_keeps_its_key(db: Engine, db_settings: Settings) -> None:
    arts = list(parse_bytes(seed_bytes()).articles)
    _store(db, db_settings, arts, "r1", NOW)
    _store(db, db_settings, arts[1:], "r2", LATER)
    _store(db, db_settings, arts, "r3", LATER + timedelta(hours=1))
    live = catalog.list_articles(db, KEY)
    assert [a.key for a in live] == [a.key for a in arts]
    assert live[0].revision == 3 and not live[0].removed


def test_unknown_paper_and_unparseable_files_store_nothing(
    db: Engine, db_settings: Settings
) -> None:
    with pytest.raises(ConfigError, match="paper 'nope'"):
        ingest_bytes(db, db_settings, seed_bytes(), source="x", now=NOW, paper_slug="nope")
    with pytest.raises(ParseError):
        ingest_bytes(db, db_settings, b"\x00\x01binary", source="x", now=NOW)
    assert sum(row_counts(db).values()) == 0


def test_papers_are_separate_issues(db: Engine, db_url: str) -> None:
    toml = '[[papers]]\nslug = "a"\nname = "甲报"\n[[papers]]\nslug = "b"\nname = "乙报"\n'
    s = load_settings(toml, {"SYNDICATE_DATABASE": db_url})
    ra = ingest_bytes(db, s, seed_bytes(), source="x", now=NOW)
    rb = ingest_bytes(db, s, seed_bytes(), source="x", now=NOW, paper_slug="b")
    assert (ra.key, rb.key) == ("a/2022-03-25", "b/2022-03-25") and rb.created
    assert [i.key for i in catalog.list_issues(db, paper="b")] == ["b/2022-03-25"]
    assert catalog.load_issue(db, "c/2022-03-25") is None
    assert catalog.list_articles(db, "c/2022-03-25") == []


def test_issues_are_listed_newest_first(db: Engine, db_settings: Settings) -> None:
    text = SEED.read_text(encoding="utf-8")
    for day in ("2022-03-25", "2022-03-18", "2022-04-01"):
        other = text.replace(
            "2022年3月25日", "2022年" + day[5:7].lstrip("0") + "月" + day[8:].lstrip("0") + "日"
        )
        ingest_bytes(db, db_settings, other.encode(), source="x", now=NOW)
    keys = [i.key for i in catalog.list_issues(db)]
    assert keys == ["jngx/2022-04-01", "jngx/2022-03-25", "jngx/2022-03-18"]
    assert [i.key for i in catalog.list_issues(db, limit=1)] == ["jngx/2022-04-01"]


def old(key: str, page: int, seq: int, title: str, removed: bool = False) -> OldArticle:
    return OldArticle(key, page, seq, title, removed)


def new(page: int, seq: int, title: str) -> Article:
    return Article(page=page, seq=seq, title=title)


def test_matching_prefers_titles_then_positions() -> None:
    olds = [old("p1-1", 1, 1, "甲"), old("p1-2", 1, 2, "乙"), old("p1-3", 1, 3, "丙")]
    news = [new(1, 1, "乙"), new(1, 2, "甲，"), new(1, 3, "丙改")]
    got = [(k, m) for _, k, m in match_articles(olds, news)]
    assert got == [("p1-2", True), ("p1-1", True), ("p1-3", True)]


def test_matching_gives_fresh_keys_past_every_used_one() -> None:
    olds = [old("p1-1", 1, 1, "甲"), old("p1-2", 1, 2, "乙", removed=True)]
    news = [new(1, 1, "甲"), new(1, 2, "丁"), new(2, 1, "戊")]
    got = [(k, m) for _, k, m in match_articles(olds, news)]
    assert got == [("p1-1", True), ("p1-3", False), ("p2-1", False)]


def test_duplicate_titles_match_one_to_one() -> None:
    olds = [old("p1-1", 1, 1, "图片新闻"), old("p2-1", 2, 1, "图片新闻")]
    news = [new(1, 1, "图片新闻"), new(2, 1, "图片新闻"), new(3, 1, "图片新闻")]
    assert [k for _, k, _ in match_articles(olds, news)] == ["p1-1", "p2-1", "p3-1"]


def test_normalised_titles_ignore_spacing_punctuation_and_width() -> None:
    assert normalise_title("跑出 现代产业“加速度”！") == normalise_title("跑出现代产业加速度!")
    assert normalise_title("ＡＢＣ 新闻") == normalise_title("abc新闻")


def test_two_workers_ingesting_one_file_make_one_issue(pg_url: str) -> None:
    """PostgreSQL: B inserts while A's uncommitted insert holds the key; B retries, no error."""
    import threading

    from syndicate.store.engine import open_engine, upgrade

    engine = open_engine(pg_url)
    upgrade(engine)
    settings = load_settings(None, {"SYNDICATE_DATABASE": pg_url})
    issue = parse_bytes(seed_bytes())
    text = SEED.read_text(encoding="utf-8")
    results: list[IngestResult] = []
    b = threading.Thread(
        target=lambda: results.append(
            ingest_bytes(engine, settings, seed_bytes(), source="b", now=LATER)
        )
    )
    try:
        with engine.begin() as a:
            store_issue(a, settings.paper(None), issue, text=text, sha="x", source="a", now=NOW)
            b.start()
            with engine.connect() as watch:  # wait (no sleep) until B blocks on A's row lock
                waiting = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                while not watch.exec_driver_sql(waiting).scalar():
                    watch.rollback()
        b.join(timeout=60)
        assert len(results) == 1
        assert (results[0].key, results[0].revision) == (KEY, 2)  # A stored a different sha
        assert len(catalog.list_issues(engine)) == 1
    finally:
        engine.dispose()
