"""What the parser doubted is stored with the revision it was found in (so an approval step
can hold a doubtful issue), and the new parse fields survive the store: page codes, article
kinds and subheads. Articles without them keep the hash they had before these fields."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select

from syndicate.config import PaperConfig
from syndicate.model import Doubt, Issue
from syndicate.parse import parse_bytes
from syndicate.store.catalog import load_issue
from syndicate.store.ingest import article_content, content_sha, store_issue
from syndicate.store.schema import issue_revisions
from tests.conftest import SEED

NOW = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
PAPER = PaperConfig(slug="jngx", name="济宁高新新闻")


def doubtful(issue: Issue) -> Issue:
    first, *rest = issue.articles
    return dataclasses.replace(
        issue,
        pages=tuple(dataclasses.replace(p, code=f"A0{p.number}") for p in issue.pages),
        articles=(dataclasses.replace(first, kind="brief", subheads=(1, 3)), *rest),
        confidence=0.5,
        doubts=(Doubt("long-article", 1, 0, "实施产业聚集: 2522 characters"),),
    )


def store(db: Engine, issue: Issue, text: str, at: datetime) -> None:
    sha = hashlib.sha256(text.encode()).hexdigest()
    with db.begin() as conn:
        store_issue(conn, PAPER, issue, text=text, sha=sha, source="x.txt", now=at)


def test_doubts_confidence_and_new_fields_round_trip(db: Engine) -> None:
    text = SEED.read_text(encoding="utf-8")
    issue = doubtful(parse_bytes(SEED.read_bytes(), source=SEED.name))
    store(db, issue, text, NOW)
    stored = load_issue(db, "jngx/2022-03-25")
    assert stored is not None
    assert stored.issue.confidence == 0.5 and stored.issue.doubts == issue.doubts
    assert [p.code for p in stored.issue.pages] == [p.code for p in issue.pages]
    assert stored.issue.articles[0].kind == "brief" and stored.issue.articles[0].subheads == (1, 3)
    # a corrected text is a new revision with its own (here: no) doubts; the old one keeps its
    clean = dataclasses.replace(issue, confidence=1.0, doubts=())
    store(db, clean, text + "\n", NOW + timedelta(hours=1))
    again = load_issue(db, "jngx/2022-03-25")
    assert again is not None and again.issue.doubts == () and again.issue.confidence == 1.0
    with db.connect() as conn:
        rows = conn.execute(
            select(issue_revisions.c.revision, issue_revisions.c.confidence,
                   issue_revisions.c.doubts).order_by(issue_revisions.c.revision)
        ).all()  # fmt: skip
    assert [(r.revision, r.confidence, len(r.doubts)) for r in rows] == [(1, 0.5, 1), (2, 1.0, 0)]


def test_a_plain_article_keeps_its_old_hash() -> None:
    article = parse_bytes(SEED.read_bytes(), source=SEED.name).articles[0]
    content = article_content(article)
    before = {k: v for k, v in content.items() if k not in ("kind", "subheads", "summary")}
    old = hashlib.sha256(json.dumps(before, ensure_ascii=False, sort_keys=True).encode())
    assert content_sha(content) == old.hexdigest()
    brief = article_content(dataclasses.replace(article, kind="brief"))
    assert content_sha(brief) != old.hexdigest()  # a kind of its own is a change
    boxed = article_content(dataclasses.replace(article, summary="核心阅读的一句话。"))
    assert content_sha(boxed) != old.hexdigest()  # so is a lead box
