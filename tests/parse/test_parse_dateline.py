"""Datelines, bylines and credits, one form per row (table-driven)."""

from __future__ import annotations

import pytest

from syndicate.parse.dateline import (
    closing_credit,
    credit_line,
    is_byline_line,
    match_dateline,
    photo_credit,
    split_names,
)


@pytest.mark.parametrize(
    ("text", "dateline", "place", "people", "rest"),
    [
        ("本报济宁讯(记者 胡碧源)2022年,", "本报济宁讯", "济宁", ["reporter:胡碧源"], "2022年,"),
        (
            "本报讯（记者 张三 实习生 李 华）正文",
            "本报讯",
            None,
            ["reporter:张三", "intern:李华"],
            "正文",
        ),
        (
            "本报北京1月2日电  （记者王浩）近日，",
            "本报北京1月2日电",
            "北京",
            ["reporter:王浩"],
            "近日，",
        ),
        ("新华社北京1月1日电 正文。", "新华社北京1月1日电", "北京", [], "正文。"),
        (
            "据新华社北京1月1日电  （记者姜琳）为",
            "据新华社北京1月1日电",
            "北京",
            ["reporter:姜琳"],
            "为",
        ),
        ("【新华社荷泽十二日电】冀鲁豫", "新华社荷泽十二日电", "荷泽", [], "冀鲁豫"),
        ("【新华社晋冀鲁豫总分社讯】边区", "新华社晋冀鲁豫总分社讯", "晋冀鲁豫", [], "边区"),
        ("【又讯】边区四千", "又讯", None, [], "边区四千"),
        (
            "中新网成都1月29日电(记者刘忠俊)记者",
            "中新网成都1月29日电",
            "成都",
            ["reporter:刘忠俊"],
            "记者",
        ),
        ("本报讯 记者龚永泉报道 今天", "本报讯", None, ["reporter:龚永泉"], "今天"),
        (
            "人民网北京3月5日电 (记者 王 丹、李四)两会",
            "人民网北京3月5日电",
            "北京",
            ["reporter:王丹", "reporter:李四"],
            "两会",
        ),  # fmt: skip
        ("新华社电 消息", "新华社电", None, [], "消息"),
    ],
)
def test_datelines(
    text: str, dateline: str, place: str | None, people: list[str], rest: str
) -> None:
    d = match_dateline(text)
    assert d is not None
    assert (d.dateline, d.place, d.rest) == (dateline, place, rest)
    assert [f"{b.role}:{b.name}" for b in d.bylines] == people


@pytest.mark.parametrize(
    "text",
    [
        "本报记者 范昊天",
        "本报将继续报道此事。",
        "新华社记者  姜  琳",
        "本报通讯员 钱进",
        "2022年，本报讯息",
    ],
)
def test_not_datelines(text: str) -> None:
    assert match_dateline(text) is None


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("本报记者  范昊天", ["reporter:范昊天"]),
        ("本报记者  朱  磊  王  丹", ["reporter:朱磊", "reporter:王丹"]),
        ("新华社记者  姜  琳", ["reporter:姜琳"]),
        ("本报记者  李中文  刘军国", ["reporter:李中文", "reporter:刘军国"]),
        ("本报评论员", ["commentator:本报评论员"]),
        ("本报记者", []),
        ("记者 王五 通讯员 赵六", ["reporter:王五", "correspondent:赵六"]),
        ("本报通讯员 钱 进", ["correspondent:钱进"]),
        ("文/图 本报记者 林小雨", ["reporter:林小雨"]),
        ("文/本报记者 林小雨 图/陈刚", ["reporter:林小雨", "photographer:陈刚"]),
        ("文/张三", ["author:张三"]),
    ],
)
def test_byline_lines(text: str, people: list[str]) -> None:
    got = is_byline_line(text)
    assert got is not None
    assert [f"{b.role}:{b.name}" for b in got] == people


@pytest.mark.parametrize(
    "text",
    [
        "记者在火车站看到，旅客排队进站。",
        "记者手记：一线见闻",
        "编辑部的故事",
        "本报记者会同有关部门",
    ],
)
def test_not_byline_lines(text: str) -> None:
    assert is_byline_line(text) is None


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("闫庆收摄", "闫庆收摄"),
        ("新华社记者  周  华摄", "新华社记者 周华摄"),
        ("施国辉摄（人民视觉）", "施国辉摄（人民视觉）"),
        ("本报记者 赵敏 摄", "本报记者 赵敏摄"),
    ],
)
def test_photo_credits(text: str, printed: str) -> None:
    got = photo_credit(text)
    assert got and got[0].printed == printed and got[0].role == "photographer"


def test_photo_credit_is_not_a_sentence() -> None:
    assert photo_credit("这张照片是他亲手所摄") is None
    assert photo_credit("摄") is None


def test_credit_lines() -> None:
    got = credit_line("责任编辑：孙丽  版式：周杰  校对：吴昊")
    assert got and [b.printed for b in got] == ["责任编辑：孙丽", "版式：周杰", "校对：吴昊"]
    assert credit_line("版式设计：张芳曼") is not None
    assert credit_line("会议要求：各单位抓好落实。") is None


def test_closing_credits() -> None:
    c = closing_credit("（新华社北京1月2日电  记者周圆、黄垚）")
    assert c and (c.dateline, c.place) == ("新华社北京1月2日电", "北京")
    assert [b.name for b in c.bylines] == ["周圆", "黄垚"]
    c = closing_credit("（新华社北京1月1日电）")
    assert c and c.dateline == "新华社北京1月1日电" and c.bylines == ()
    assert closing_credit("（相关报道见第二版）") is None
    assert closing_credit("（本报记者 张三）") is not None


def test_names_are_unpadded() -> None:
    assert split_names("朱  磊  王  丹") == ["朱磊", "王丹"]
    assert split_names("韩硕、颜欢") == ["韩硕", "颜欢"]
    assert split_names("安东尼奥·米盖尔") == ["安东尼奥·米盖尔"]
    assert split_names("朱  磊  王") is None
    assert split_names("的确是这样的一个人") is None


def test_a_sentence_naming_a_news_office_is_no_dateline() -> None:
    from syndicate.parse.dateline import match_dateline

    line = (
        "国务院新闻办公室对外推广局局长张雁彬、国家广播电视总局国际合作司副司长周继红出席开幕式。"
    )
    assert match_dateline(line) is None
    assert match_dateline("本报北京电（记者 王五）今天，会议召开。") is not None
    dl = match_dateline("某某日报北京10月15日电  会议召开。")
    assert dl is not None and dl.place == "北京"
