"""The ``syndicate parse`` JSON (reference/interface.md): an Issue as plain data."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from syndicate.model import Article, Issue


def issue_to_dict(issue: Issue) -> dict[str, Any]:
    """The issue in the documented parse-output shape (extended, never renamed)."""
    return {
        "paper": asdict(issue.paper),
        "date": issue.date.isoformat(),
        "weekday": issue.weekday,
        "lunar_date": issue.lunar_date,
        "serial": issue.serial,
        "number_in_year": issue.number_in_year,
        "pages": [{"number": pg.number, "name": pg.name, "code": pg.code} for pg in issue.pages],
        "articles": [article_to_dict(a) for a in issue.articles],
        "problems": [asdict(x) for x in issue.problems],
        "confidence": issue.confidence,
        "doubts": [asdict(x) for x in issue.doubts],
    }


def article_to_dict(a: Article) -> dict[str, Any]:
    return {
        "page": a.page,
        "seq": a.seq,
        "column": a.column,
        "kicker": a.kicker,
        "title": a.title,
        "subtitle": a.subtitle,
        "dateline": a.dateline,
        "place": a.place,
        "reporters": list(a.reporters),
        "correspondents": list(a.correspondents),
        "credits": list(a.credits),
        "captions": list(a.captions),
        "paragraphs": list(a.paragraphs),
        "kind": a.kind,
        "subheads": list(a.subheads),
        "summary": a.summary,
    }
