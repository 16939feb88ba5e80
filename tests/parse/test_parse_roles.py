"""Roles and kinds on two hand-written issues of the family (tests/data/family/).

``weekly_2024-12-20.txt``: a county weekly that leaves blank lines between paragraphs, prints
``第一版：头  版`` headers and closes its stories with parenthesised bylines run together; a
roundup, an editor's note, a Q&A, a poem, a two-line subhead, a title broken over two lines,
source credits glued to the last sentence.
``tabloid_2025-03-01.txt``: a city tabloid that indents its paragraphs, heads its pages
``A02 本地新闻``, prints display lines above the byline, a title-only notice and an imprint.
Every expectation below was written by reading the fixture, not the parser's output.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from syndicate.model import Article, Issue
from syndicate.parse import parse_bytes

FAMILY = Path(__file__).parent.parent / "data" / "family"


def parse(name: str) -> Issue:
    path = FAMILY / name
    return parse_bytes(path.read_bytes(), source=path.name)


@dataclass(frozen=True)
class Want:
    page: int
    kind: str
    title: str
    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()  # first characters of every paragraph
    kicker: str | None = None
    dateline: str | None = None
    captions: tuple[str, ...] = ()


WEEKLY = [
    Want(
        1,
        "article",
        "全县冬季农田水利建设全面铺开",
        ("王五",),
        ("赵六", "钱七"),
        starts=("连日来", "截至目前"),
        dateline="本报讯",
    ),
    Want(1, "article", "青山中学学子获省级奖项", ("张三", "李四"), starts=("近日", "该校")),
    Want(1, "brief", "简明新闻", starts=("县图书馆", "青山大桥", "冬季供暖")),
    Want(2, "editor_note", "编者按", starts=("乡村振兴",)),
    Want(
        2,
        "article",
        "返乡青年的创业路",
        ("刘洋",),
        ("陈晨",),
        ("周刚摄", "马丽摄"),
        starts=("大学毕业后", "如今"),
        captions=("图为小周在农场里查看蔬菜长势。",),
    ),
    Want(
        2,
        "qa",
        "专家答疑：冬季如何防范流感",
        ("刘晓",),
        credits=("王明/图",),
        starts=("问：", "答：", "问：", "答："),
    ),
    Want(2, "article", "外省一起事故引关注", credits=("据新华社",), starts=("某地",)),
    Want(
        3,
        "article",
        "教育部：义务教育学校严禁设立重点班、实验班、快慢班",
        credits=("据新华社北京12月19日电",),
        starts=("教育部近日", "通知强调"),
    ),
    Want(3, "poem", "冬日田野（外一首）", ("王小明",), starts=("田野", "麦苗", "风从", "雪落")),
    Want(
        3,
        "article",
        "青山村的变迁",
        ("刘洋",),
        starts=("青山村过去", "小村新貌", "旧貌换新颜", "如今", "村民们说"),
    ),
    Want(3, "article", "外地游客点赞青山", credits=("红星新闻",), starts=("近日",)),
]

TABLOID = [
    Want(1, "article", "江城天气", starts=("今天多云",)),
    Want(
        2,
        "article",
        "江城菜场上线“一码溯源”",
        ("李明",),
        ("赵强", "孙丽"),
        ("记者 王晓摄", "据江城发布"),
        ("“扫一下", "记者了解到", "扫码买菜", "放心又方便", "市场监管"),
        kicker="菜场里的新鲜事",
        captions=("市民在菜场扫码查看蔬菜产地",),
    ),
    Want(
        2,
        "article",
        "老人捡到钱包 交给民警",
        ("周文",),
        starts=("昨天上午", "失主"),
        dateline="本报讯",
        captions=("西湖区",),
    ),
]


def check(a: Article, w: Want) -> None:
    assert (a.page, a.kind, a.title, a.kicker) == (w.page, w.kind, w.title, w.kicker)
    assert (a.reporters, a.correspondents, a.credits) == (w.reporters, w.correspondents, w.credits)
    assert len(a.paragraphs) == len(w.starts)
    for p, start in zip(a.paragraphs, w.starts, strict=True):
        assert p.startswith(start), (p, start)
    assert a.dateline == w.dateline
    assert a.captions == w.captions


@pytest.mark.parametrize(
    ("name", "want"), [("weekly_2024-12-20.txt", WEEKLY), ("tabloid_2025-03-01.txt", TABLOID)]
)
def test_articles_and_roles(name: str, want: list[Want]) -> None:
    issue = parse(name)
    assert [a.title for a in issue.articles] == [w.title for w in want]
    for a, w in zip(issue.articles, want, strict=True):
        check(a, w)


def test_weekly_masthead_pages_and_codes() -> None:
    issue = parse("weekly_2024-12-20.txt")
    assert (issue.paper.name, issue.paper.cn, issue.serial) == ("青山周报", "CN33-0099", 888)
    assert issue.lunar_date == "农历甲辰年冬月二十"
    assert [(p.number, p.name) for p in issue.pages] == [(1, "头版"), (2, "综合"), (3, "副刊")]
    first = issue.articles[0]
    assert first.paragraphs[1] == "截至目前，全县已完成沟渠清淤120公里。"  # ②6 was a code
    assert issue.articles[1].paragraphs[-1] == "该校近年来重视科创教育，成绩显著。"
    village = issue.articles[-2]
    assert village.subheads == (1, 2)  # a two-line subhead stays inside its story
    assert village.paragraphs[-1] == "村民们说，日子越过越红火。"
    assert issue.articles[-1].paragraphs == (
        "近日，不少外地游客来到青山县游玩，对当地风景赞不绝口。",
    )
    assert issue.articles[-4].paragraphs[-1] == "通知强调，各地要加强督导检查。"
    assert issue.articles[-3].subheads == ()  # verse, not subheads


def test_tabloid_sections_drops_and_joins() -> None:
    issue = parse("tabloid_2025-03-01.txt")
    assert [(p.number, p.name, p.code) for p in issue.pages] == [
        (1, "江城晚报", "A01"),
        (2, "本地新闻", "A02"),
    ]
    assert issue.paper.name == "江城晚报"  # the front page is headed with the paper's name
    kinds = [p.kind for p in issue.problems]
    assert "imprint" in kinds and "dropped-item" in kinds and "rejoined-paragraph" in kinds
    market = issue.articles[1]
    assert market.paragraphs[1] == "记者了解到，全市已有30家菜场上线这项服务，覆盖摊位2000多个。"
    assert market.subheads == (2, 3)
    dropped = [d for d in issue.doubts if d.kind == "dropped-item"]
    assert [d.where for d in dropped] == ["headline without a body: 福利彩票开奖公告"]
    assert issue.confidence < 1.0
