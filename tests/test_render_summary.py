"""Summaries (导读): whole sentences in 60–120 characters, dateline and byline stripped."""

from __future__ import annotations

from pathlib import Path

import pytest

from syndicate.model import Article
from syndicate.parse import parse_bytes
from syndicate.summary import sentences, strip_lead, summarize, summarize_text
from tests.conftest import ISSUES
from tests.verse_support import ESSAY, ONE_LINE, POEM

ENDS = ("。", "！", "？", "”", "’", "）", "……", "」")


def test_sentences_keep_their_closing_quotes() -> None:
    text = "他说：“好。”天晴了！真的吗？没有结尾"
    assert sentences(text) == ["他说：“好。”", "天晴了！", "真的吗？", "没有结尾"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("本报济宁讯（记者 胡碧源 通讯员 潘萌）近日，开会。", "近日，开会。"),
        ("新华社北京1月1日电（记者姜琳）三部门发布办法。", "三部门发布办法。"),
        ("【新华社北京1月2日电】配电箱没有标识。", "配电箱没有标识。"),
        ("据新华社北京1月1日电 为贯彻落实决定。", "为贯彻落实决定。"),
        ("（记者 刘菲）培训会邀请专家。", "培训会邀请专家。"),
        ("本报讯 近日，开会。", "近日，开会。"),
        ("近日，本报记者走访了企业。", "近日，本报记者走访了企业。"),
    ],
)
def test_strip_lead_removes_dateline_and_byline_only(text: str, expected: str) -> None:
    assert strip_lead(text) == expected


def test_takes_whole_sentences_until_sixty_characters() -> None:
    s1, s2, s3 = "甲" * 39 + "。", "乙" * 29 + "。", "丙" * 20 + "。"
    assert summarize_text(s1 + s2 + s3) == s1 + s2  # 70 characters, two whole sentences


def test_cuts_an_overlong_sentence_at_a_clause_with_an_ellipsis() -> None:
    text = "短句。" + "，".join(["长长长长长长长长长"] * 20) + "。"
    out = summarize_text(text)
    assert 60 <= len(out) <= 120
    assert out.endswith("……") and not out.endswith("，……")


def test_keeps_a_shorter_summary_that_ends_a_sentence_over_a_cut_one() -> None:
    text = "甲" * 44 + "。" + "乙" * 130 + "。"
    assert summarize_text(text) == "甲" * 44 + "。"


def test_a_text_without_any_boundary_is_cut_hard() -> None:
    out = summarize_text("字" * 300)
    assert out == "字" * 118 + "……" and len(out) == 120


def test_a_short_article_is_returned_whole() -> None:
    a = Article(page=1, seq=1, title="t", paragraphs=("本报讯 短讯一则。",))
    assert summarize(a) == "短讯一则。"


def test_lengths_are_characters_not_bytes() -> None:
    out = summarize_text("中" * 70 + "。" + "文" * 70 + "。")
    assert len(out) == 71 and len(out.encode("utf-8")) == 213


@pytest.mark.parametrize("path", sorted(ISSUES.glob("*.txt")), ids=lambda p: p.name[:24])
def test_every_corpus_summary_fits_and_ends_cleanly(path: Path) -> None:
    issue = parse_bytes(path.read_bytes(), source=path.name)
    for a in issue.articles:
        out = summarize(a)
        assert len(out) <= 120, (a.key, out)
        if len("".join(a.paragraphs)) >= 200:
            assert len(out) >= 30, (a.key, out)
        assert out.endswith(ENDS), (a.key, out)
        assert not out.startswith(("本报", "新华社", "（记者")), (a.key, out)


def test_verse_is_one_line_its_lines_and_stanzas_joined_by_slashes() -> None:
    summary = summarize(POEM)
    assert summary.startswith(ONE_LINE) and "\n" not in summary
    assert summarize(ESSAY) == (
        "春天来了，诗人们又拿起了笔。本版今天刊发的一首短诗写道："
        "春风吹过田野／吹醒了沉睡的小河／柳枝在岸边梳妆／燕子衔来第一缕阳光／"
        "诗句朴素，却把田野写活了。"
    )


def test_verse_too_long_is_cut_at_the_end_of_a_line() -> None:
    cut = summarize(POEM, low=20, high=40)
    assert cut == "春风吹过田野／吹醒了沉睡的小河／柳枝在岸边梳妆／燕子衔来第一缕阳光……"
