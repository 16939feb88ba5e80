"""Doubts and confidence (parse/doubts.py): each kind raised where a person should look."""

from __future__ import annotations

from syndicate.model import Article, Byline, Problem
from syndicate.parse import parse_issue
from syndicate.parse.doubts import find_doubts

LONG = "这是一段足够长的正文，用来把文章撑大，读者一看便知。" * 6


def art(page: int, title: str, paragraphs: list[str], **kw: object) -> Article:
    return Article(page=page, seq=1, title=title, paragraphs=tuple(paragraphs), **kw)  # type: ignore[arg-type]


def kinds(articles: list[Article], problems: list[Problem] | None = None) -> list[str]:
    return [d.kind for d in find_doubts(articles, problems or [])[0]]


def test_no_doubts_full_confidence() -> None:
    doubts, confidence = find_doubts([art(1, "甲", ["第一段。", "第二段。"])], [])
    assert (doubts, confidence) == ((), 1.0)


def test_an_article_far_longer_than_its_page_others() -> None:
    merged = art(1, "合并", [LONG] * 20)
    others = [art(1, "乙", [LONG]), art(1, "丙", [LONG])]
    doubts, confidence = find_doubts([merged, *others], [])
    assert [(d.kind, d.article) for d in doubts] == [("long-article", 0)]
    assert confidence < 0.9
    assert kinds([art(1, "孤", [LONG] * 20)]) == []  # alone on its page: nothing to compare


def test_a_byline_or_dateline_inside_a_body() -> None:
    a = art(2, "甲", ["第一段。", "本报记者 王五", "本报讯（记者 赵六）第二篇的开头。"])
    doubts, _ = find_doubts([a], [])
    assert [(d.kind, d.page, d.where) for d in doubts] == [
        ("byline-in-body", 2, "本报记者 王五"),
        ("mid-sentence", 2, "…本报记者 王五"),
        ("byline-in-body", 2, "本报讯（记者 赵六）第二篇的开头。"),
    ]


def test_a_paragraph_ending_mid_sentence_but_not_a_subhead() -> None:
    a = art(1, "甲", ["小标题", "这一段在栏尾断开了，没有句号的", "结尾。"], subheads=(0,))
    assert kinds([a]) == ["mid-sentence"]


def test_an_uncertain_name_split_and_an_unsplit_run() -> None:
    unsure = Byline("correspondent", "李周龙", "楼斌李周龙")
    sure = Byline("correspondent", "赵六", "赵六钱七")
    a = art(1, "甲", ["正文。"], bylines=(unsure, sure))
    doubts, _ = find_doubts([a], [])
    assert [d.where for d in doubts] == ["楼斌李周龙 read as 楼斌 李周龙"]
    run = art(1, "乙", ["正文。"], bylines=(Byline("reporter", "叁肆伍陆", "叁肆伍陆"),))
    assert kinds([run]) == ["name-split"]


def test_a_dropped_item_is_a_doubt_with_no_article() -> None:
    problem = Problem("dropped-item", 4, "headline without a body: 福利彩票开奖公告")
    doubts, confidence = find_doubts([], [problem])
    assert [(d.kind, d.page, d.article) for d in doubts] == [("dropped-item", 4, None)]
    assert 0.9 < confidence < 1.0


def test_parse_carries_doubts_and_confidence() -> None:
    text = "第1版：要闻\n\n县里开会\n\n本报讯（记者王五通讯员楼斌李周龙）昨天开了会。\n"
    issue = parse_issue(text, source="x-2024-01-02.txt")
    assert [d.kind for d in issue.doubts] == ["name-split"]
    assert issue.doubts[0].article == 0 and issue.confidence < 1.0


def test_a_subhead_followed_by_a_news_lead() -> None:
    merged = art(
        1, "甲", ["第一段。", "青山中学学子获省级奖项", "近日，青山中学学生获奖。"], subheads=(1,)
    )
    doubts, _ = find_doubts([merged], [])
    assert [(d.kind, d.where) for d in doubts] == [
        ("headline-in-body", "青山中学学子获省级奖项 / 近日，青山中学学生获奖。")
    ]
    feature = art(1, "乙", ["第一段。", "小村新貌", "如今，路通了。"], subheads=(1,))
    assert kinds([feature]) == []
