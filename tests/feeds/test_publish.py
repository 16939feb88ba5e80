"""Publishing into the public dir: complete, atomic, incremental, revision-aware.

Runs on SQLite and PostgreSQL (the ``db`` fixtures), with issues stored by the real ingest.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.feeds import editions
from syndicate.feeds.edition import Topic
from syndicate.feeds.public import write_file
from syndicate.feeds.publish import Report, publish_key
from syndicate.store.ingest import ingest_bytes
from tests.conftest import SEED

T0 = datetime(2022, 3, 24, 22, 0, tzinfo=UTC)
SEED_TEXT = SEED.read_text(encoding="utf-8")


def issue_text(day: date, serial: int) -> str:
    text = SEED_TEXT.replace("2022年3月25日", f"{day.year}年{day.month}月{day.day}日", 1)
    return text.replace("总第627期", f"总第{serial}期", 1)


def ingest(db: Engine, settings: Settings, text: str, now: datetime) -> str:
    r = ingest_bytes(db, settings, text.encode("utf-8"), source="t.txt", now=now)
    assert r.changed
    return r.key


def publish(db: Engine, settings: Settings, text: str, now: datetime) -> Report:
    return publish_key(db, settings, ingest(db, settings, text, now))


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        "/" + str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file()
    }


def test_publishing_the_seed_writes_feeds_and_pages(db: Engine, db_settings: Settings) -> None:
    report = publish(db, db_settings, SEED_TEXT, T0)
    root = db_settings.public_dir
    expected = {
        "jngx/feeds/atom.xml",
        "jngx/feeds/issues.xml",
        "jngx/feeds/archive/2022-03-25.xml",
        "jngx/feeds/page/1.xml",
        "jngx/feeds/column/奋进新征程-建功新时代.xml",
        "jngx/feeds/reporter/刘菲.xml",
        "jngx/2022-03-25/index.html",
        "jngx/2022-03-25/p3-2.html",
        "jngx/index.html",
        "index.html",
        "jngx/archive/index.html",
        "jngx/archive/2022/index.html",
    }
    files = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
    present = {p for p in files if not p.endswith((".br", ".gz"))}
    assert expected <= present
    assert not [p for p in files if "/." in "/" + p]  # no temp files left behind
    assert len(report.written) == len(present) == report.rendered
    # Every file has its precompressed variants beside it (tests/feeds/test_precompress.py).
    assert files == present | {p + ".br" for p in present} | {p + ".gz" for p in present}
    feed = feedparser.parse((root / "jngx/feeds/atom.xml").read_bytes())
    assert feed.bozo == 0 and len(feed.entries) == 9
    # Last-Modified comes from the file's mtime: the content's time, not the clock.
    assert (root / "jngx/feeds/atom.xml").stat().st_mtime == T0.timestamp()


def test_publishing_again_rewrites_nothing(db: Engine, db_settings: Settings) -> None:
    key = ingest(db, db_settings, SEED_TEXT, T0)
    publish_key(db, db_settings, key)
    before = snapshot(db_settings.public_dir)
    assert publish_key(db, db_settings, key).written == []
    assert snapshot(db_settings.public_dir) == before


def test_a_new_issue_rewrites_its_neighbour_not_the_archive(
    db: Engine, db_settings: Settings
) -> None:
    days = [date(2022, 3, 25), date(2022, 4, 1), date(2022, 4, 8)]
    for i, day in enumerate(days[:2]):
        publish(db, db_settings, issue_text(day, 627 + i), T0 + timedelta(days=7 * i))
    before = snapshot(db_settings.public_dir)
    report = publish(db, db_settings, issue_text(days[2], 629), T0 + timedelta(days=14))
    written = set(report.written)
    assert "/jngx/feeds/archive/2022-04-08.xml" in written
    assert "/jngx/feeds/archive/2022-04-01.xml" in written  # gains next-archive
    assert "/jngx/2022-04-01/" in written  # gains "next issue"
    # Nothing of the older issue changes: not its archive document, not its pages.
    untouched = [
        p for p in before if p.startswith(("/jngx/2022-03-25/", "/jngx/feeds/archive/2022-03-25"))
    ]
    assert untouched and not written & {p.removesuffix("index.html") for p in untouched}
    after = snapshot(db_settings.public_dir)
    assert all(after[p] == before[p] for p in untouched)
    # Besides the feeds, exactly the new issue's pages (its articles and page views) and its
    # neighbour's issue and article pages (their "next issue" link) change.
    pages = {p for p in written if not p.startswith("/jngx/feeds/")}
    articles = {f"/jngx/2022-04-08/{k}.html" for k in ("p1-1", "p1-5", "p2-2", "p3-2")}
    views = {f"/jngx/2022-04-08/page/{n}/" for n in (1, 2, 3)}
    assert articles <= pages and views <= pages
    assert len(pages) == 9 + 3 + 9 + 6
    assert len({p for p in pages if p.startswith("/jngx/2022-04-01/p")}) == 9
    assert pages - {
        p for p in pages if p.startswith(("/jngx/2022-04-08/p", "/jngx/2022-04-01/p"))
    } == {
        "/jngx/2022-04-08/",
        "/jngx/2022-04-01/",
        "/jngx/",
        "/",
        "/jngx/archive/",
        "/jngx/archive/2022/",
    }
    feeds = {p for p in written if p.startswith("/jngx/feeds/")}
    # The new archive document in every format; the neighbour's Atom and RSS gain the
    # next-archive link (its JSON Feed links only to older items, so it stays).
    assert {p for p in feeds if "/archive/" in p} == {
        "/jngx/feeds/archive/2022-04-08.xml",
        "/jngx/feeds/archive/2022-04-08.rss",
        "/jngx/feeds/archive/2022-04-08.json",
        "/jngx/feeds/archive/2022-04-01.xml",
        "/jngx/feeds/archive/2022-04-01.rss",
    }


def test_archive_chain_recovers_the_whole_history(db: Engine, db_settings: Settings) -> None:
    days = [date(2022, 3, 25), date(2022, 4, 8), date(2022, 4, 1)]  # one arrives late
    for i, day in enumerate(days):
        publish(db, db_settings, issue_text(day, 627 + i), T0 + timedelta(days=i))
    root = db_settings.public_dir
    current = feedparser.parse((root / "jngx/feeds/atom.xml").read_bytes())
    seen: set[str] = {e.id for e in current.entries}
    url = next(x.href for x in current.feed.links if x.rel == "prev-archive")
    walked = []
    while url:
        path = root / url.removeprefix(db_settings.base_url + "/")
        doc = feedparser.parse(path.read_bytes())
        assert doc.bozo == 0
        walked.append(path.name)
        seen |= {e.id for e in doc.entries}
        url = next((x.href for x in doc.feed.links if x.rel == "prev-archive"), "")
    assert walked == ["2022-04-08.xml", "2022-04-01.xml", "2022-03-25.xml"]
    assert len(seen) == 27
    middle = feedparser.parse((root / "jngx/feeds/archive/2022-04-01.xml").read_bytes())
    rels = {x.rel: x.href.rsplit("/", 1)[1] for x in middle.feed.links}
    assert rels["next-archive"] == "2022-04-08.xml" and rels["prev-archive"] == "2022-03-25.xml"


def test_a_revision_changes_updated_not_id(db: Engine, db_settings: Settings) -> None:
    publish(db, db_settings, SEED_TEXT, T0)
    feed_path = db_settings.public_dir / "jngx/feeds/atom.xml"
    before = feedparser.parse(feed_path.read_bytes())
    t1 = T0 + timedelta(hours=3)
    corrected = SEED_TEXT.replace("参训人员表示", "参训人员纷纷表示", 1)
    report = publish(db, db_settings, corrected, t1)
    assert "/jngx/feeds/atom.xml" in report.written
    after = feedparser.parse(feed_path.read_bytes())
    assert [e.id for e in after.entries] == [e.id for e in before.entries]
    changed = [(b.updated, a.updated) for b, a in zip(before.entries, after.entries, strict=True)]
    assert changed[1] == (T0.isoformat(), t1.isoformat())  # p1-2 was corrected
    assert all(b == a for i, (b, a) in enumerate(changed) if i != 1)
    assert after.feed.updated == t1.isoformat()
    assert feed_path.stat().st_mtime == t1.timestamp()
    page = (db_settings.public_dir / "jngx/2022-03-25/p1-2.html").read_text(encoding="utf-8")
    assert "参训人员纷纷表示" in page


def test_a_topic_an_article_left_drops_it(db: Engine, db_settings: Settings) -> None:
    publish(db, db_settings, SEED_TEXT, T0)
    column = db_settings.public_dir / "jngx/feeds/column/奋进新征程-建功新时代.xml"
    assert len(feedparser.parse(column.read_bytes()).entries) == 2
    renamed = SEED_TEXT.replace("奋进新征程 建功新时代", "新栏目", 1)
    publish(db, db_settings, renamed, T0 + timedelta(hours=1))
    assert len(feedparser.parse(column.read_bytes()).entries) < 2


def test_a_failing_hub_never_fails_publishing(db: Engine, db_settings: Settings) -> None:
    from dataclasses import replace

    from syndicate.feeds.websub import pending

    settings = replace(db_settings, websub_hubs=("http://127.0.0.1:9/hub",))
    report = publish(db, settings, SEED_TEXT, T0)
    assert report.written and report.queued == len(pending(db)) > 0  # sent by the worker


def test_write_file_is_atomic_and_keeps_time_moving(tmp_path: Path) -> None:
    path = tmp_path / "a" / "feed.xml"
    assert write_file(path, b"one", T0)
    assert path.stat().st_mtime == T0.timestamp()
    assert not write_file(path, b"one", T0 + timedelta(days=1))  # same bytes: untouched
    assert path.stat().st_mtime == T0.timestamp()
    # Changed bytes with a content time that did not move: one second later, so that
    # If-Modified-Since can never answer 304 for the new bytes.
    assert write_file(path, b"two", T0)
    assert path.stat().st_mtime == T0.timestamp() + 1
    assert os.listdir(path.parent) == ["feed.xml"]


def test_windows_read_the_newest_issues_first_and_look_back_a_bounded_way(
    db: Engine, db_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    days = [date(2022, 3, 25), date(2022, 4, 1), date(2022, 4, 8)]
    for i, day in enumerate(days):
        text = issue_text(day, 627 + i)
        if i == 0:
            text = text.replace("记者 刘菲 通讯员 潘萌", "记者 王五 通讯员 潘萌", 1)
        ingest(db, db_settings, text, T0 + timedelta(days=i))
    monkeypatch.setattr(editions, "ISSUES_PER_READ", 1)
    window = editions.recent_stories(db, "jngx", 12)
    assert [s.date for s in window] == [days[2]] * 9 + [days[1]] * 3
    assert [s.key for s in window[:3]] == ["p1-1", "p1-2", "p1-3"]
    wang = Topic("reporter", "王五", "王五")
    assert [s.date for s in editions.recent_stories(db, "jngx", 50, wang)] == [days[0]]
    assert editions.recent_stories(db, "jngx", 50, wang, lookback=2) == []
    # A correspondent of the same name is not the reporter.
    pan = Topic("reporter", "潘萌", "潘萌")
    assert editions.recent_stories(db, "jngx", 50, pan) == []
