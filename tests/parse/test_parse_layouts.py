"""One issue in the layouts real crawls use: indented paragraphs with blank lines between them
(``indent-blank``), or with none at all (``indent``). Headline lines stand flush left in both;
the roles must come out as in the blank-line text. Expectations written by reading the text."""

from __future__ import annotations

from syndicate.model import Issue
from syndicate.parse import parse_bytes, parse_issue

P1 = "　　本报讯（记者 王小明）2022年，高新区将继续担当制造强市主力支撑，坚决挺起制造强市脊梁。"
P2 = "　　产业聚集方面，发挥四大产业集群、十条产业链带动作用，筛选核心产业链重点打造。"
P3 = "　　各级各部门将围绕今年工作重点和目标任务，坚持干字当头、快字为先，事争一流。"
Q1 = "　　一张社保卡，能办多少事？"
Q2 = "　　在长三角，65个居民事项支持一卡通用，2800余个文旅场馆支持一卡通游，办事更方便。"
Q3 = "　　卡还是那张卡，功能一直在进阶。事还是那些事，办事一直在提质，居民成了一家人。"


def _issue(page: str) -> Issue:
    return parse_bytes(page.encode("utf-8"), source="x_2022-03-25.txt")


def test_headline_lines_set_apart_by_blank_lines_are_one_headline() -> None:
    """Column banner, title and ——attribution each between blank lines over indented
    paragraphs: one story, not three (the two upper lines were dropped as bodiless)."""
    issue = _issue(
        "第03版：专题\n\n奋进新征程 建功新时代\n\n强化绿色引领 推进污染防治攻坚\n\n"
        "——高新区生态环境分局局长 杨帆\n\n" + "\n\n".join([P1, P2, P3]) + "\n\n"
        "济宁高新区\n\n实施产业聚集五大工程\n\n" + "\n\n".join([P1, P2, P3]) + "\n"
    )
    a, b = issue.articles
    assert (a.column or a.kicker, a.title) == (
        "奋进新征程 建功新时代",
        "强化绿色引领 推进污染防治攻坚",
    )
    assert a.subtitle == "——高新区生态环境分局局长 杨帆" and len(a.paragraphs) == 3
    assert (b.kicker, b.title, len(b.paragraphs)) == ("济宁高新区", "实施产业聚集五大工程", 3)


def test_a_repeated_bodiless_headline_is_not_stacked() -> None:
    issue = _issue(
        "A04 热线\n\n走失老人找到了\n\n" + "\n\n".join([P1, P2, P3]) + "\n\n"
        "福利彩票开奖公告\n\n福利彩票开奖公告\n\n城西新开一座公园\n\n"
        + "\n\n".join([P1, P2])
        + "\n"
    )
    assert [a.title for a in issue.articles] == ["走失老人找到了", "城西新开一座公园"]


DECKED = [
    "让一体化绘就大写的一（评论员观察）",
    "李洪兴",
    "形式上有界，实践中跨界，让我的优势成为你的资源，便能从协同联动中实现共赢",
]


def _check_decked(issue: Issue) -> None:
    a, b = issue.articles
    assert (a.title, a.reporters) == (DECKED[0], ("李洪兴",))
    assert a.subtitle == DECKED[2]
    assert [p[:5] for p in a.paragraphs] == ["一张社保卡", "在长三角，", "卡还是那张"]
    assert (b.title, len(b.paragraphs)) == ("实施产业聚集五大工程", 3)


def test_a_deck_under_the_bylined_headline_is_no_new_headline() -> None:
    """indent-blank: title / author / 提要, each flush between blank lines, over the body."""
    _check_decked(
        _issue(
            "第05版：评论\n\n"
            + "\n\n".join([*DECKED, Q1, Q2, Q3, "实施产业聚集五大工程", P1, P2, P3])
            + "\n"
        )
    )


def test_a_text_without_blank_lines_parts_author_and_deck_from_the_headline() -> None:
    """indent: the same without a blank line anywhere; the author's bare name is no part of
    the title, and an indented question (a sentence) under the deck opens the body."""
    _check_decked(
        _issue(
            "第05版：评论\n\n"
            + "\n".join([*DECKED, Q1, Q2, Q3, "实施产业聚集五大工程", P1, P2, P3])
            + "\n"
        )
    )


def test_an_indented_quote_under_a_flush_title_stays_in_the_headline() -> None:
    """indent: ``日本防卫大臣：`` / ``　　自卫队官员强闯使馆`` / ``　　“令人深感遗憾”``: the
    indented lines continue the headline (a quoted phrase ends no sentence)."""
    issue = _issue(
        "A06 国际\n\n"
        + "\n".join(["日本防卫大臣：", "　　自卫队官员强闯使馆", "　　“令人深感遗憾”", P1, P2, P3])
        + "\n"
    )
    (a,) = issue.articles
    assert "“令人深感遗憾”" in " ".join(x or "" for x in (a.kicker, a.title, a.subtitle))
    assert len(a.paragraphs) == 3


def test_flush_credits_and_byline_under_the_headline_open_the_story() -> None:
    """indent-blank with bylines and credits printed flush: ``制图 林叶杨`` / ``记者 许晖``
    under the headline are the story's credit and byline, not the headline of a new story."""
    issue = _issue(
        "A03 市民日\n\n城市温暖细节继续征集\n温暖和幸福就藏在一件件小事里\n\n"
        "制图 林叶杨\n\n记者 许晖\n\n" + "\n\n".join([P2, P3, Q2, Q3]) + "\n"
    )
    (a,) = issue.articles
    assert {a.kicker, a.title, a.subtitle} - {None} == {
        "城市温暖细节继续征集",
        "温暖和幸福就藏在一件件小事里",
    }
    assert (a.reporters, len(a.paragraphs)) == (("许晖",), 4)
    assert any("林叶杨" in c for c in a.credits)


def test_two_deck_lines_and_flush_captions_under_the_byline() -> None:
    """indent-blank: two 提要 lines each between blank lines, and a photo's caption and
    credit printed flush under the byline, stay with the story."""
    issue = _issue(
        "第05版：评论\n\n"
        + "\n\n".join(
            [
                *DECKED,
                "一体化发展，人人可为、人人作为，无数小写的一，助力一体化绘就大写的一",
                Q1,
                Q2,
                Q3,
                "实施产业聚集五大工程",
                "本报记者  顾仲阳",
                "图①：福建省永安市青水畲族乡丰田村连片的林地",
                "黄  海摄（人民视觉）",
                P2,
                P3,
            ]
        )
        + "\n"
    )
    a, b = issue.articles
    assert (a.title, len(a.paragraphs)) == (DECKED[0], 3)
    assert (b.title, b.reporters, len(b.paragraphs)) == ("实施产业聚集五大工程", ("顾仲阳",), 2)


def test_a_flush_closing_credit_in_a_text_without_blank_lines() -> None:
    """indent: ``（案例来源：…，本报记者X整理）`` flush after the last paragraph closes that
    story; the flush line under it heads the next."""
    issue = _issue(
        "第19版：法治\n\n"
        + "\n".join(
            [
                "解除劳动关系后用人单位仍应支付报酬",
                P2,
                P3,
                "（案例来源：最高人民法院，本报记者张天培整理）",
                "景中有警护平安",
                "本报记者  亓玉昆",
                Q2,
                Q3,
            ]
        )
        + "\n"
    )
    a, b = issue.articles
    assert (a.title, len(a.paragraphs)) == ("解除劳动关系后用人单位仍应支付报酬", 2)
    assert (b.title, b.reporters, len(b.paragraphs)) == ("景中有警护平安", ("亓玉昆",), 2)


def test_an_indented_author_under_a_title_is_no_part_of_it() -> None:
    """indent: ``加快新兴领域战略能力建设`` / ``　　张战`` / body, no blank line: the name
    is the author, not the rest of the title."""
    issue = _issue(
        "第01版：国内大局\n\n"
        + "\n".join(["加快新兴领域战略能力建设", "　　张战", Q2, Q3, P2])
        + "\n"
        + "\n".join(["真抓实干扛牢使命担当", "　　山东省委书记 林武", P2, P3])
        + "\n"
    )
    a, b = issue.articles
    assert (a.title, a.reporters, len(a.paragraphs)) == ("加快新兴领域战略能力建设", ("张战",), 3)
    assert (b.title, b.reporters, len(b.paragraphs)) == ("真抓实干扛牢使命担当", ("林武",), 2)


def _core_reading(sep: str) -> Issue:
    return _issue(
        "第11版\n\n"
        + sep.join(
            [
                "试点高校发布招生简章\n强基计划，来了（解码）",
                "核心阅读",
                "　　近日，多所高校发布招生简章，强基计划正式落地，考生和家长关心的问题有了答案。",
                Q2,
                Q3,
                "乌蒙山里增收路",
                "　　四川泸州乌蒙山叙永县水潦乡至古蔺县太平镇农村扶贫公路上，农民在采摘茶叶。",
                "牟 科摄（影像中国）",
                "各地开展防灾减灾日主题活动\n提升应急能力 筑牢人民防线",
                P2,
                P3,
            ]
        )
        + "\n"
    )


def test_a_flush_box_label_and_a_flush_photo_credit_head_no_story() -> None:
    """``核心阅读`` flush under the headline labels the lead box; ``牟 科摄（影像中国）`` flush
    under a photo's caption closes that photo item. Neither heads a story, with blank lines
    between the blocks (indent-blank) or none at all (indent)."""
    for sep in ("\n\n", "\n"):
        titles = [(a.title, len(a.paragraphs)) for a in _core_reading(sep).articles]
        assert titles[0] == ("强基计划，来了（解码）", 2), sep
        assert titles[-1] == ("提升应急能力 筑牢人民防线", 2), sep
        assert len(titles) in (2, 3), sep  # the photo item may stand alone


def test_a_flush_byline_inside_a_roundup_and_a_flush_pen_name_head_no_story() -> None:
    """indent-blank with bylines flush: ``本报记者  江跃中  通讯员  孙志勤`` after one
    district's section signs it (the roundup goes on); ``采药`` under ``春天茶事`` is the
    essay's author (or a label), never part of the title."""
    issue = _issue(
        "第4版:上海新闻\n\n"
        + "\n\n".join(
            [
                "浦西首日封控检测动静有序",
                "　　黄浦区  志愿者守好小区大门",
                P2[:-1] + "，" + Q2[2:],  # a long paragraph: text, not a caption over a byline
                Q2,
                "本报记者  江跃中  通讯员  孙志勤",
                "　　宝山区  九宫格为小区托底",
                P3,
                Q3,
                "本报记者  郭剑烽",
            ]
        )
        + "\n\n\n\n第13版:夜光杯\n\n"
        + "\n\n".join(["春天茶事", "采药", Q2, Q3])
        + "\n\n\n\n第14版:住媒体\n\n"
        + "\n\n".join(
            [
                "低密宅地批量上新\n杭州昨挂牌5宗宅地，靠近湖畔、印象城",
                "土拍风云局",
                "记者 许晖",
                P2,
                P3,
            ]
        )
        + "\n"
    )
    a, b, c = issue.articles
    assert (c.title, c.reporters, len(c.paragraphs)) == (
        "杭州昨挂牌5宗宅地，靠近湖畔、印象城",
        ("许晖",),
        2,
    )
    assert a.title == "浦西首日封控检测动静有序"
    assert [p[:3] for p in a.paragraphs][-3:] == ["宝山区", "各级各", "卡还是"]
    assert {"江跃中", "郭剑烽"} <= set(a.reporters)
    assert (b.title, len(b.paragraphs)) == ("春天茶事", 2)


def test_indented_author_deck_and_box_label_without_blank_lines() -> None:
    """indent, bylines and labels indented too: ``　　李洪兴`` over an indented 提要 line is
    the byline, and ``　　核心阅读`` under a title labels the lead box; neither joins the
    title."""
    issue = _issue(
        "第05版：评论\n\n"
        + "\n".join(
            [
                DECKED[0],
                "　　" + DECKED[1],
                "　　" + DECKED[2],
                Q1,
                Q2,
                Q3,
                "强基计划，来了（解码）",
                "　　核心阅读",
                "　　近日，多所高校发布招生简章，强基计划正式落地，考生和家长关心的问题有了答案。",
                P2,
                P3,
            ]
        )
        + "\n"
    )
    a, b = issue.articles
    assert (a.title, a.reporters, a.subtitle) == (DECKED[0], ("李洪兴",), DECKED[2])
    assert b.title == "强基计划，来了（解码）"


def test_a_flush_credit_line_after_a_photo_caption_closes_no_story() -> None:
    """indent-blank with credits flush: a photo's caption and credit and ``数据来源：交通运输部``
    under the byline belong to the story, not to a new one."""
    issue = _issue(
        "第13版：经济\n\n"
        + "\n\n".join(
            [
                "服务区充电桩多，还有移动充电设备",
                "本报记者  罗阳奇",
                "郑汉旺驾驶的新能源汽车在长兴服务区充电。",
                "本报记者 罗阳奇摄",
                "数据来源：交通运输部",
                P2,
                P3,
                Q2,
            ]
        )
        + "\n"
    )
    (a,) = issue.articles
    assert (a.title, a.reporters, len(a.paragraphs)) == (
        "服务区充电桩多，还有移动充电设备",
        ("罗阳奇",),
        3,
    )


#: A provincial daily's front page and its jump page: a 核心提示 box under the headline, a
#: story that jumps on from A01 to A02 (``（下转A02版）`` / ``（上接A01版）``), and there an
#: interview under a column label, its quoted title over a ``——访…`` line, the paper asking.
JUMPING = """A01 要闻

广州南沙打造高水平对外开放门户

核心提示

今年以来，南沙持续深化改革开放，一批重大平台加快建设。

南方日报记者 张三 李四

10月25日，南沙区召开新闻发布会，介绍高水平对外开放门户建设进展。

据介绍，前三季度南沙新增外资企业300余家，实际使用外资同比增长12%。（下转A02版）

A02 要闻

（上接A01版）

南沙区有关负责人表示，下一步将继续优化营商环境。

专访

“让企业在南沙安心发展”

——访南沙区委书记赵六

南方日报记者 孙七

南方日报：南沙近年来吸引了大量外资企业，秘诀是什么？

赵六：关键在于营商环境。我们坚持以企业需求为导向，持续推进改革。

南方日报：下一步有哪些打算？

赵六：我们将在规则衔接、机制对接上持续发力。
"""


def test_a_story_jumping_between_lettered_pages_a_lead_box_and_a_quoted_interview() -> None:
    issue = parse_issue(JUMPING, source="nfrb_2024-10-27.txt")
    got = [
        (a.page, a.kicker, a.title, a.subtitle, a.summary, a.reporters, len(a.paragraphs), a.kind)
        for a in issue.articles
    ]
    assert got == [
        (
            1,
            None,
            "广州南沙打造高水平对外开放门户",
            None,
            "今年以来，南沙持续深化改革开放，一批重大平台加快建设。",
            ("张三", "李四"),
            3,
            "article",
        ),
        (2, "专访", "“让企业在南沙安心发展”", "——访南沙区委书记赵六", None, ("孙七",), 4, "qa"),
    ]
    assert issue.articles[0].paragraphs[1].endswith("增长12%。")  # the jump marker dropped


#: A lettered page headed ``第A03版：广州``: a story, then a region's roundup (``湾区快讯``)
#: of bulleted items closed by its compiler, then a story closed by its source.
ROUNDUP = """第A03版：广州

广州地铁新线开通

南方日报讯 （记者/张三）10月27日，广州地铁两条新线同日开通，全市地铁运营里程突破700公里。

据悉，新线开通后，沿线居民出行将更加便捷。

湾区快讯

●深圳：前三季度GDP同比增长5.6%。深圳市统计局近日发布数据显示，经济运行稳中有进。

●珠海：横琴口岸通关人次创新高。今年以来，横琴口岸累计通关超过1500万人次。

（南方日报记者 李四 整理）

多地出台新政支持消费

近日，多地密集出台促消费新政，涵盖汽车、家电、餐饮等多个领域。

（来源：人民网）
"""


def test_a_lettered_page_and_a_regions_roundup_after_a_story() -> None:
    issue = parse_issue(ROUNDUP, source="nfrb_2024-10-28.txt")
    assert [(p.number, p.name, p.code) for p in issue.pages] == [(3, "广州", "A03")]
    got = [(a.title, a.kind, a.reporters, len(a.paragraphs)) for a in issue.articles]
    assert got == [
        ("广州地铁新线开通", "article", ("张三",), 2),
        ("湾区快讯", "brief", ("李四",), 2),
        ("多地出台新政支持消费", "article", (), 1),
    ]
