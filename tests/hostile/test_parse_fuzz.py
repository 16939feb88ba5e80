"""Parser fuzzing (issue 8): 10,000 generated documents, and every real issue cut anywhere.

The property: the parser returns an Issue or raises ParseError, never anything else, and
what it returns is well formed (titled articles, no empty paragraphs, pages numbered).
"""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings

from syndicate.errors import ParseError
from syndicate.model import Issue
from syndicate.parse import parse_bytes
from tests.parse.test_parse_properties import document

from ..conftest import ISSUES

CORPUS = sorted(ISSUES.glob("*.txt")) + sorted((ISSUES.parent / "family").glob("*.txt"))


def well_formed(issue: Issue) -> None:
    assert all(p.number >= 1 for p in issue.pages)
    for a in issue.articles:
        assert a.title.strip() and a.page >= 1 and a.seq >= 1
        assert all(p.strip() for p in a.paragraphs)
        assert all(b.name.strip() for b in a.bylines)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_ten_thousand_documents(text: str) -> None:
    try:
        issue = parse_bytes(text.encode("utf-8"), source="x.txt", date=date(2024, 1, 1))
    except ParseError as e:
        assert str(e) and "\n" not in str(e)
        return
    well_formed(issue)


@pytest.mark.slow
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem[:20])
def test_every_issue_cut_at_random_points(path: object) -> None:
    data = path.read_bytes()  # type: ignore[attr-defined]
    rng = random.Random(f"cut:{path}")
    cuts = sorted({rng.randrange(len(data) + 1) for _ in range(150)} | {0, 1, len(data) - 1})
    for cut in cuts:
        for piece in (data[:cut], data[cut:]):
            try:
                issue = parse_bytes(piece, source=path.name, date=date(2024, 1, 1))  # type: ignore[attr-defined]
            except ParseError as e:
                assert str(e)
                continue
            well_formed(issue)
