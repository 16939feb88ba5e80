"""A tabloid with its indents stripped parses to the same articles (parse/flat.py).

A crawler's "cleaned" text keeps the blank lines and drops the full-width indents that told a
paragraph from a headline. The real 都市快报 texts in ../shared/corpus/real are stripped here,
at test time (the texts stay outside the repository), and held to the structure of their
hand-made keys in tests/acceptance: which articles, on which page, under which title, with how
many paragraphs. Matching is by title, so one miss does not drag its neighbours down.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from syndicate.model import Issue
from syndicate.parse import parse_issue
from syndicate.parse.conventions import infer_conventions
from syndicate.parse.pages import split_pages

ROOT = Path(__file__).resolve().parents[1]
KEYS = sorted((ROOT / "tests" / "acceptance").glob("dskb_*.json"))
#: Share of the keys' articles found exactly (title, page, paragraph count) without indents.
#: The indented texts hold every key; what is left is listed in the README's parser section.
FLOOR = 0.87


def _canon(s: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", s or "").split())


def _stripped(key: Path) -> tuple[str, dict[str, object]] | None:
    exp = json.loads(key.read_text(encoding="utf-8"))
    text_path = ROOT.parent / str(exp["file"])
    if not text_path.exists():
        return None
    text = text_path.read_text(encoding="utf-8")
    return text.replace("\n\u3000\u3000", "\n").removeprefix("\u3000\u3000"), exp


def _exact(issue: Issue, want: list[dict[str, object]]) -> tuple[int, int, list[str]]:
    """(articles found exactly, articles wanted, what was missed)."""
    found, misses = 0, []
    for w in want:
        if w.get("optional"):
            continue
        titles = {_canon(str(t)) for t in w.get("title_any", [w.get("title")])}  # type: ignore[attr-defined]
        paras = len(w["paragraphs"])  # type: ignore[arg-type]
        hit = any(
            _canon(a.title) in titles and a.page == w["page"] and len(a.paragraphs) == paras
            for a in issue.articles
        )
        found += hit
        if not hit:
            misses.append(f"p{w['page']} {sorted(titles)[0][:12]}")
    return found, sum(not w.get("optional") for w in want), misses


@pytest.mark.parametrize("key", KEYS, ids=[k.stem[:15] for k in KEYS])
def test_a_tabloid_without_indents_keeps_its_articles(key: Path) -> None:
    got = _stripped(key)
    if got is None:
        pytest.skip("the real corpus (../shared/corpus/real) is not here")
    text, exp = got
    conventions = infer_conventions(split_pages(text))
    assert not conventions.indent_paragraphs and conventions.stacked_heads
    issue = parse_issue(text, source=key.name)
    found, total, misses = _exact(issue, exp["articles"])  # type: ignore[arg-type]
    assert found >= FLOOR * total, f"{found}/{total} exact; missed {misses}"


def test_an_indented_text_is_not_read_as_stacked() -> None:
    text = "A01 要闻\n\n标题一行\n副题一行\n\n"
    text += "\u3000\u3000正文第一段，足够长的一句话写在这里，读者能读完。\n"
    text += "\n\u3000\u3000正文第二段，也写得足够长一些，好让缩进的习惯显出来。\n" * 3
    conventions = infer_conventions(split_pages(text))
    assert conventions.indent_paragraphs and not conventions.stacked_heads
