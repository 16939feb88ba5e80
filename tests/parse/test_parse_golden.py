"""Golden issues: tests/data/issues/NAME.txt against the hand-reviewed NAME.expected.json.

The expected files hold what a reader sees: every article's headline block, dateline, people,
captions, and each paragraph's first ten and last eight characters. Reviewing a parser change
means reading the diff of these files.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from syndicate.parse import parse_bytes
from syndicate.parse.issue_json import issue_to_dict
from tests.conftest import ISSUES

CASES = sorted(ISSUES.glob("*.txt"))
HEAD = ("page", "column", "kicker", "title", "subtitle", "dateline", "place")
PEOPLE = ("reporters", "correspondents", "credits", "captions")


def parsed(path: Path) -> dict[str, Any]:
    return issue_to_dict(parse_bytes(path.read_bytes(), source=path.name))


def expected(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))
    return data


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem[:24])
def test_masthead_and_pages(path: Path) -> None:
    got, want = parsed(path), expected(path)
    for key in ("paper", "date", "weekday", "lunar_date", "serial", "number_in_year", "pages"):
        assert got[key] == want[key], key


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem[:24])
def test_articles(path: Path) -> None:
    got, want = parsed(path)["articles"], expected(path)["articles"]
    assert [a["title"] for a in got] == [a["title"] for a in want]
    for g, w in zip(got, want, strict=True):
        label = w["title"][:12]
        for key in HEAD + PEOPLE:
            assert g[key] == w[key], f"{label}: {key}"
        assert [p[:10] for p in g["paragraphs"]] == w["paragraph_starts"], label
        assert [p[-8:] for p in g["paragraphs"]] == w["paragraph_ends"], label


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem[:24])
def test_problems(path: Path) -> None:
    got, want = parsed(path), expected(path)
    assert dict(Counter(p["kind"] for p in got["problems"])) == want["problem_kinds"]
    dups = [p["detail"] for p in got["problems"] if p["kind"] == "duplicate-paragraph"]
    assert dups == want["duplicates"]


def test_the_seed_as_the_issue_describes_it() -> None:
    """Issue 2's 'done means' for the seed, spelled out."""
    got = parsed(ISSUES / "000_734798b80c85afa5.txt")
    arts = got["articles"]
    assert [a["page"] for a in arts] == [1, 1, 1, 1, 1, 2, 2, 3, 3]
    assert [len(a["paragraphs"]) for a in arts] == [7, 3, 3, 3, 4, 8, 3, 5, 5]
    assert (arts[1]["reporters"], arts[1]["correspondents"]) == (["刘菲"], ["潘萌"])
    assert (arts[3]["reporters"], arts[3]["correspondents"]) == (["胡碧源"], ["王子文"])
    for a in arts[7:]:
        assert a["column"] == "奋进新征程 建功新时代"
        assert a["subtitle"].startswith("——")
    assert "杨帆" in arts[7]["subtitle"] and "张亮" in arts[8]["subtitle"]
    assert (got["serial"], got["number_in_year"], got["paper"]["cn"]) == (627, 22, "CN37-0045")
    grid = arts[6]["paragraphs"]
    assert len(grid) == len(set(grid)) == 3
    assert arts[0]["paragraphs"][0].startswith("2022年，济宁高新区")
    assert "视频会议后，鹿洪超对全区相关工作提出要求。" in arts[5]["paragraphs"][2]
    assert "新增上云企业30家、上云设备500台" in arts[0]["paragraphs"][2]
    final = tuple("。！？…”）")
    assert all(p.endswith(final) for a in arts for p in a["paragraphs"])
