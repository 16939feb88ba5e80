"""Ingest: e-paper bytes into the store, idempotently, with revisions.

``ingest_bytes(engine, settings, data, source=…, paper_slug=…, date=…, now=…)`` decodes and
parses the file, then in ONE transaction stores the paper, the issue (key ``SLUG/YYYY-MM-DD``),
its pages and articles, and the raw text with its sha256:

- The same text again (the sha256 of the decoded text, so another encoding of the same text
  counts as the same) is a no-op: same key, no row added. So is a text that an earlier
  revision of the issue already had (re-dropping an old file does not undo a correction).
- Different text for an existing key is a correction: a new revision of the same issue. The
  articles are updated in place and keep their stable keys (``p1-3``): a new article is matched
  to an old one by its normalised title first, then by page and position; the rest get fresh
  keys, never reused; articles that vanished are flagged ``removed``, not deleted. An article
  whose content changed gets the revision number and ``revised_at`` = ``now``.

``match_articles`` is the pure matching step. Reads live in ``syndicate/catalog.py``.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date as Date
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, select, update
from sqlalchemy.exc import IntegrityError

from syndicate.config import PaperConfig, Settings
from syndicate.failpoints import failpoint
from syndicate.model import Article, Issue
from syndicate.parse import parse_issue
from syndicate.parse.decode import decode_text
from syndicate.store.catalog import paper_id
from syndicate.store.schema import articles, issue_revisions, issues, pages
from syndicate.store.search import reindex_issue


@dataclass(frozen=True)
class IngestResult:
    """What ingesting did: the issue key, its current revision, and whether it is new or
    changed (``created`` implies ``changed``; neither means the text was already stored)."""

    key: str
    revision: int
    created: bool
    changed: bool
    articles: int


@dataclass(frozen=True)
class OldArticle:
    """An article row already stored for the issue, as matching needs it."""

    key: str
    page: int
    seq: int
    title: str
    removed: bool


def issue_key(slug: str, day: Date) -> str:
    """``SLUG/YYYY-MM-DD``."""
    return f"{slug}/{day.isoformat()}"


def ingest_bytes(
    engine: Engine,
    settings: Settings,
    data: bytes,
    *,
    source: str,
    now: datetime,
    paper_slug: str | None = None,
    date: Date | None = None,
) -> IngestResult:
    """Parse ``data`` and store it (see the module docstring). Raises ParseError/ConfigError."""
    paper = settings.paper(paper_slug)
    text, _encoding = decode_text(data)
    failpoint("ingest.parse")
    issue = parse_issue(text, source=source, date=date)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        result = _store(engine, paper, issue, text=text, sha=sha, source=source, now=now)
    except IntegrityError:
        # Another process stored the same issue at the same moment; now it exists.
        result = _store(engine, paper, issue, text=text, sha=sha, source=source, now=now)
    failpoint("ingest.stored")
    return result


def _store(engine: Engine, paper: PaperConfig, issue: Issue, **kw: Any) -> IngestResult:
    """``store_issue`` in a transaction of its own."""
    with engine.begin() as conn:
        result = store_issue(conn, paper, issue, **kw)
        failpoint("ingest.store")
        return result


def store_issue(
    conn: Connection,
    paper: PaperConfig,
    issue: Issue,
    *,
    text: str,
    sha: str,
    source: str,
    now: datetime,
) -> IngestResult:
    """Store ``issue`` on ``conn`` (inside the caller's transaction)."""
    key = issue_key(paper.slug, issue.date)
    n = len(issue.articles)
    row = conn.execute(
        select(issues.c.id, issues.c.revision).where(issues.c.key == key)
    ).one_or_none()
    if row is None:
        values = {
            "key": key,
            "paper_id": paper_id(conn, paper, now),
            "date": issue.date,
            "created_at": now,
        }
        issue_id = conn.execute(
            issues.insert().values(**values, **_masthead(issue, 1, now)).returning(issues.c.id)
        ).scalar_one()
        _add_revision(conn, issue_id, 1, sha, source, text, now, issue)
        _put_pages(conn, issue_id, issue)
        _put_articles(conn, issue_id, match_articles([], issue.articles), 1, now)
        reindex_issue(conn, issue_id)
        return IngestResult(key, 1, created=True, changed=True, articles=n)
    issue_id, current = row.id, row.revision
    known = conn.execute(
        select(issue_revisions.c.id).where(
            issue_revisions.c.issue_id == issue_id, issue_revisions.c.sha256 == sha
        )
    ).first()
    if known is not None:
        return IngestResult(key, current, created=False, changed=False, articles=n)
    rev = current + 1
    _add_revision(conn, issue_id, rev, sha, source, text, now, issue)
    conn.execute(update(issues).where(issues.c.id == issue_id).values(**_masthead(issue, rev, now)))
    conn.execute(delete(pages).where(pages.c.issue_id == issue_id))
    _put_pages(conn, issue_id, issue)
    _revise_articles(conn, issue_id, issue.articles, rev, now)
    reindex_issue(conn, issue_id)
    return IngestResult(key, rev, created=False, changed=True, articles=n)


def _masthead(issue: Issue, revision: int, now: datetime) -> dict[str, Any]:
    return {
        **asdict(issue.paper),
        "weekday": issue.weekday,
        "lunar_date": issue.lunar_date,
        "serial": issue.serial,
        "number_in_year": issue.number_in_year,
        "problems": [asdict(x) for x in issue.problems],
        "revision": revision,
        "updated_at": now,
    }


def _add_revision(
    conn: Connection,
    issue_id: int,
    rev: int,
    sha: str,
    source: str,
    text: str,
    now: datetime,
    issue: Issue,
) -> None:
    """The revision's text, with what the parser doubted in it (for an approval step)."""
    conn.execute(
        issue_revisions.insert().values(
            issue_id=issue_id,
            revision=rev,
            sha256=sha,
            source=source,
            text=text,
            received_at=now,
            confidence=issue.confidence,
            doubts=[asdict(d) for d in issue.doubts],
        )  # fmt: skip
    )


def _put_pages(conn: Connection, issue_id: int, issue: Issue) -> None:
    rows = [
        {"issue_id": issue_id, "seq": i, "number": p.number, "name": p.name, "code": p.code}
        for i, p in enumerate(issue.pages, 1)
    ]
    if rows:
        conn.execute(pages.insert(), rows)


def article_content(a: Article) -> dict[str, Any]:
    """The stored content columns of ``a`` (everything but its position)."""
    return {
        "title": a.title,
        "kicker": a.kicker,
        "subtitle": a.subtitle,
        "column_name": a.column,
        "dateline": a.dateline,
        "place": a.place,
        "bylines": [{"role": b.role, "name": b.name, "printed": b.printed} for b in a.bylines],
        "captions": list(a.captions),
        "paragraphs": list(a.paragraphs),
        "kind": a.kind,
        "subheads": list(a.subheads),
        "summary": a.summary,
    }


def content_sha(content: dict[str, Any]) -> str:
    # kind, subheads and summary count only when set, so articles stored before they existed
    # keep their hash (and are not reported as revised by the next correction of their issue)
    defaults: dict[str, Any] = {"kind": "article", "subheads": [], "summary": None}
    blob = json.dumps({k: v for k, v in content.items() if defaults.get(k, ...) != v},
                      ensure_ascii=False, sort_keys=True)  # fmt: skip
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _put_articles(
    conn: Connection,
    issue_id: int,
    placed: Sequence[tuple[Article, str, bool]],
    rev: int,
    now: datetime,
) -> None:
    """Insert ``(article, key, _)`` rows as first seen in revision ``rev``."""
    rows = []
    for a, key, _ in placed:
        content = article_content(a)
        rows.append(
            {
                **content,
                "issue_id": issue_id,
                "key": key,
                "page": a.page,
                "seq": a.seq,
                "content_sha256": content_sha(content),
                "first_revision": rev,
                "revision": rev,
                "revised_at": now,
                "removed": False,
            }
        )
    if rows:
        conn.execute(articles.insert(), rows)


def _revise_articles(
    conn: Connection, issue_id: int, new: Sequence[Article], rev: int, now: datetime
) -> None:
    c = articles.c
    stored = conn.execute(
        select(c.id, c.key, c.page, c.seq, c.title, c.removed, c.content_sha256)
        .where(c.issue_id == issue_id)
        .order_by(c.id)
    ).all()
    by_key = {r.key: r for r in stored}
    old = [OldArticle(r.key, r.page, r.seq, r.title, r.removed) for r in stored]
    placed = match_articles(old, new)
    fresh = [p for p in placed if not p[2]]
    _put_articles(conn, issue_id, fresh, rev, now)
    for a, key, was_old in placed:
        if not was_old:
            continue
        r = by_key[key]
        content = article_content(a)
        values: dict[str, Any] = {"page": a.page, "seq": a.seq, "removed": False}
        sha = content_sha(content)
        if sha != r.content_sha256 or r.removed:
            values |= {**content, "content_sha256": sha, "revision": rev, "revised_at": now}
        conn.execute(update(articles).where(c.id == r.id).values(**values))
    kept = {key for _, key, _ in placed}
    gone = [r.id for r in stored if r.key not in kept and not r.removed]
    if gone:
        conn.execute(
            update(articles)
            .where(c.id.in_(gone))
            .values(removed=True, revision=rev, revised_at=now)
        )


_NOT_TITLE = re.compile(r"[\W_]+", re.UNICODE)
_KEY = re.compile(r"^p(\d+)-(\d+)$")


def normalise_title(title: str) -> str:
    """The title without spaces, punctuation or width/case differences."""
    return _NOT_TITLE.sub("", unicodedata.normalize("NFKC", title)).casefold()


def match_articles(
    old: Sequence[OldArticle], new: Sequence[Article]
) -> list[tuple[Article, str, bool]]:
    """Give each new article a key: ``(article, key, matched_an_old_one)``, in ``new`` order.

    Pure. Title matches first (live articles before removed ones), then page and position
    among the live old articles left; the rest get ``p{page}-{n}`` with ``n`` past every key
    ever used on that page, so a key is never reused.
    """
    by_title: dict[str, list[OldArticle]] = {}
    for o in sorted(old, key=lambda o: (o.removed, o.page, o.seq)):
        by_title.setdefault(normalise_title(o.title), []).append(o)
    keys: list[str | None] = []
    taken: set[str] = set()
    for a in new:
        cands = by_title.get(normalise_title(a.title), [])
        hit = next((o for o in cands if o.key not in taken), None)
        keys.append(hit.key if hit else None)
        if hit:
            taken.add(hit.key)
    at = {(o.page, o.seq): o for o in old if not o.removed}
    for i, a in enumerate(new):
        spot = at.get((a.page, a.seq))
        if keys[i] is None and spot is not None and spot.key not in taken:
            keys[i] = spot.key
            taken.add(spot.key)
    used: dict[int, int] = {}
    for o in old:
        m = _KEY.match(o.key)
        if m:
            used[int(m[1])] = max(used.get(int(m[1]), 0), int(m[2]))
    out: list[tuple[Article, str, bool]] = []
    for a, k in zip(new, keys, strict=True):
        if k is None:
            used[a.page] = used.get(a.page, 0) + 1
            out.append((a, f"p{a.page}-{used[a.page]}", False))
        else:
            out.append((a, k, True))
    return out
