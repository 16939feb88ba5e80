"""Kicker, title and subtitle of a headline block, slot by slot (parse/slots.py)."""

from __future__ import annotations

import pytest

from syndicate.parse import parse_bytes
from syndicate.parse.slots import classify_slots, kicker_convention


@pytest.mark.parametrize(
    ("slots", "kicker", "title", "subtitle"),
    [
        # a short phrase without a figure over the line that carries the facts
        (
            ["走着走着就往野路上走", "父亲带6岁男孩爬桐庐大奇山被困11小时"],
            "走着走着就往野路上走",
            "父亲带6岁男孩爬桐庐大奇山被困11小时",
            None,
        ),
        # a whole headline line over a longer one with figures stays the title
        (
            [
                "唯一女儿去世后，八旬母亲花光退休金疯狂网购",
                "快递箱在家堆积如山30余人连续干了12小时",
            ],
            None,
            "唯一女儿去世后，八旬母亲花光退休金疯狂网购",
            "快递箱在家堆积如山30余人连续干了12小时",
        ),
        # a figure over a longer line is a kicker only when that line has none of its own
        (
            ["第二届杭州市民口碑案例评选50进30", "第一天市民投票，这10家单位点赞排前十"],
            None,
            "第二届杭州市民口碑案例评选50进30",
            "第一天市民投票，这10家单位点赞排前十",
        ),
        (
            ["速效救心丸搜索量暴涨30倍", "专家提醒：绝非“抗累神器”，不能乱用"],
            "速效救心丸搜索量暴涨30倍",
            "专家提醒：绝非“抗累神器”，不能乱用",
            None,
        ),
        # two phrases with the figures over one long phrase without any: hook, then title
        (
            [
                "拉到一个客人能赚20元 海豚被追得不敢抬头呼吸",
                "广西严厉打击“三无”船只非法载客出海观豚",
            ],
            "拉到一个客人能赚20元 海豚被追得不敢抬头呼吸",
            "广西严厉打击“三无”船只非法载客出海观豚",
            None,
        ),
        # a title in two phrases keeps its own figure when the line under it has one too
        (
            ["山西太原小店区 一高层建筑着火", "初步确认24人受伤"],
            None,
            "山西太原小店区 一高层建筑着火",
            "初步确认24人受伤",
        ),
        # a speaker's title broken after a few words is one title
        (
            ["教育部：义务教育学校", "严禁设立重点班、实验班、快慢班"],
            None,
            "教育部：义务教育学校 严禁设立重点班、实验班、快慢班",
            None,
        ),
        (
            ["上海新政：今年起选择海葬或深埋", "可领奖补3000元"],
            None,
            "上海新政：今年起选择海葬或深埋",
            "可领奖补3000元",
        ),
        # two short lines of one width and a last line no longer: one title in three lines
        (
            ["马兴瑞涉嫌严重违纪违法", "正接受中央纪委国家监委", "纪律审查和监察调查"],
            None,
            "马兴瑞涉嫌严重违纪违法 正接受中央纪委国家监委 纪律审查和监察调查",
            None,
        ),
        # two short lines of unlike widths: a title in two lines, then its subtitle
        (
            ["坐“演唱会嗨巴”", "看周杰伦演唱会", "东站直达“大莲花”"],
            None,
            "坐“演唱会嗨巴” 看周杰伦演唱会",
            "东站直达“大莲花”",
        ),
        # a line opening on a pause mark goes on with the line above: a two-line kicker
        (
            [
                "颈肩痛、腰痛、坐骨神经痛",
                "、膝关节痛、足跟痛、头痛……",
                "老中医用针灸和膏药治痛症 三次见效",
            ],
            "颈肩痛、腰痛、坐骨神经痛 、膝关节痛、足跟痛、头痛……",
            "老中医用针灸和膏药治痛症 三次见效",
            None,
        ),
        # an open 从…中 frame runs into the next line: one title
        (
            ["王医师从300多个门诊病例中", "总结出一套“护胃方”"],
            None,
            "王医师从300多个门诊病例中 总结出一套“护胃方”",
            None,
        ),
        # a run of questions in one line is a hook
        (
            ["出门怕晒？回家怕黑？", "这款防晒霜清爽不油腻，一抹就匀"],
            "出门怕晒？回家怕黑？",
            "这款防晒霜清爽不油腻，一抹就匀",
            None,
        ),
        # two short phrases set off by a comma over a shorter line: hook, then title
        (
            ["天气转晴，气温回升", "周末出游正当时"],
            "天气转晴，气温回升",
            "周末出游正当时",
            None,
        ),
        # under a hook, a title of two clauses is whole: the short line under it is a subtitle
        (
            ["出门怕晒？回家怕黑？", "防晒霜清爽，防晒衣透气", "夏天出门就选它"],
            "出门怕晒？回家怕黑？",
            "防晒霜清爽，防晒衣透气",
            "夏天出门就选它",
        ),
        # a figureless phrase over a title two thirds its length or shorter: hook, title
        (
            ["和百万销量的童书作家面对面", "解锁写作的新玩法"],
            "和百万销量的童书作家面对面",
            "解锁写作的新玩法",
            None,
        ),
        # the line carrying the figure is the news, not a setting over a shorter line
        (["县长开幕致辞全程仅8秒", "全场沸腾了"], None, "县长开幕致辞全程仅8秒", "全场沸腾了"),
        # a scene set with 在…上 over a figureless statement no shorter: hook, title ...
        (
            ["在春光明媚的西湖边上相聚", "小记者的春日户外活动场场爆满"],
            "在春光明媚的西湖边上相聚",
            "小记者的春日户外活动场场爆满",
            None,
        ),
        # ... but over a title carrying the figures it is the title's first half
        (
            ["在一声声“宝贝”中迷失自己", "45岁女子花61万元打赏男主播后", "被拉黑"],
            None,
            "在一声声“宝贝”中迷失自己",
            "45岁女子花61万元打赏男主播后 被拉黑",
        ),
        # a one-clause exclamation over a longer statement is a hook ...
        (
            ["300余件作品入围终评！", "2026年全市中小学生书法大赛举行现场评审"],
            "300余件作品入围终评！",
            "2026年全市中小学生书法大赛举行现场评审",
            None,
        ),
        # ... but a title of several clauses ending on one is not
        (
            ["这么多好书，怎么读？先读起来！", "《阅读条例》实施第一年 图书馆“读书课堂”开班了"],
            None,
            "这么多好书，怎么读？先读起来！",
            "《阅读条例》实施第一年 图书馆“读书课堂”开班了",
        ),
        # three short slots, a title's length in all, are one title
        (
            ["广州明确", "传统早茶食品", "24小时现制"],
            None,
            "广州明确 传统早茶食品 24小时现制",
            None,
        ),
        # the tag closed the title above: the line under it is the subtitle
        (
            ["北京冬奥会测试赛筹办有序推进（走向冬奥）", "相约北京系列冬季体育赛事共安排20场"],
            None,
            "北京冬奥会测试赛筹办有序推进（走向冬奥）",
            "相约北京系列冬季体育赛事共安排20场",
        ),
        # a couplet of matching phrases under a longer setting is the title ...
        (
            ["私家车送物资  一个月未归家", "奔跑乐手  月行万里"],
            "私家车送物资  一个月未归家",
            "奔跑乐手  月行万里",
            None,
        ),
        # ... and so is a call ending on an exclamation under a one-phrase statement
        (
            ["一季度沪深股市出现大幅调整", "不必恐慌，春天临近了！"],
            "一季度沪深股市出现大幅调整",
            "不必恐慌，春天临近了！",
            None,
        ),
        # a line of several clauses, longer than any title, is the subtitle
        (
            [
                "下楼做核酸，129人忘带钥匙",
                "友情提醒：出门前除了戴口罩，千万别忘了带钥匙，煤气关火电器断电",
            ],
            None,
            "下楼做核酸，129人忘带钥匙",
            "友情提醒：出门前除了戴口罩，千万别忘了带钥匙，煤气关火电器断电",
        ),
        # a leader's words over the shortest line and a deck: kicker, title, subtitle
        (
            [
                "习近平重要指示：管行业必须管安全，管业务必须管安全，管生产经营必须管安全",
                "始终保持如履薄冰的高度警觉",
                "全国安全生产电视电话会议在京召开  李克强作出批示",
            ],
            "习近平重要指示：管行业必须管安全，管业务必须管安全，管生产经营必须管安全",
            "始终保持如履薄冰的高度警觉",
            "全国安全生产电视电话会议在京召开  李克强作出批示",
        ),
        # a series tag closes the title: the line over it is the kicker
        (
            ["黑龙江落实生态补偿，严守保护红线", "“闯田”退出湿地之后……（美丽中国）"],
            "黑龙江落实生态补偿，严守保护红线",
            "“闯田”退出湿地之后……（美丽中国）",
            None,
        ),
    ],
)
def test_two_and_three_slot_blocks(
    slots: list[str], kicker: str | None, title: str, subtitle: str | None
) -> None:
    h = classify_slots(slots)
    assert (h.kicker, h.title, h.subtitle) == (kicker, title, subtitle)


def test_an_issue_that_tags_titles_under_a_kicker_prints_two_lines_as_kicker_and_title() -> None:
    assert kicker_convention(
        [["黑龙江落实生态补偿", "“闯田”退出湿地之后（美丽中国）"], ["a", "b", "c"]]
    )
    # a tagged title over an untagged line somewhere: the issue does not say
    assert not kicker_convention(
        [
            ["江西靖安以生态保护助推经济", "绿水青山撬动美丽经济（美丽中国）"],
            ["好的营商环境（人民时评）", "营商环境只有更好没有最好"],
        ]
    )
    assert not kicker_convention(
        [["不限定机构规格，不核定人员编制", "北京量子院探索引才用才新机制"]]
    )
    # more tagged titles under a kicker than over an untagged line: the issue's convention
    assert kicker_convention(
        [
            ["黑龙江落实生态补偿", "“闯田”退出湿地之后（美丽中国）"],
            ["有作家驻村，有村民书写", "这个村庄，文学一直在（解码·创作之源）"],
            ["北京冬奥会测试赛筹办有序推进（走向冬奥）", "相约北京系列冬季体育赛事共安排20场"],
        ]
    )
    # under that convention a line of who attended or spoke, or a speech's date, is a subtitle
    for a, b in [
        ("纪念马万祺先生诞辰100周年座谈会在京举行", "汪洋出席"),
        ("第三届中国—太平洋岛国经济发展合作论坛开幕", "胡春华宣读习近平主席贺信并致辞"),
        ("在纪念马万祺先生诞辰100周年座谈会上的讲话", "（2019年10月21日）"),
    ]:
        h = classify_slots([a, b], kicker_first=True)
        assert (h.kicker, h.title, h.subtitle) == (None, a, b)
    h = classify_slots(["电视剧《伟大的转折》", "让思想的光芒照亮新征程"], kicker_first=True)
    assert (h.kicker, h.title) == ("电视剧《伟大的转折》", "让思想的光芒照亮新征程")
    body = "　　北京量子信息科学研究院作为新型研发机构，探索“兼聘兼薪”的引才用才新机制。\n\n" * 3
    text = (
        "第12版\n\n有作家驻村，有村民书写\n这个村庄，文学一直在（解码·创作之源）\n\n"
        + body
        + "不限定机构规格，不核定人员编制\n北京量子院探索引才用才新机制\n\n"
        + body
    )
    village, lab = parse_bytes(text.encode(), source="x_2019-10-23.txt").articles
    assert (lab.kicker, lab.title) == (
        "不限定机构规格，不核定人员编制",
        "北京量子院探索引才用才新机制",
    )
    assert village.kicker == "有作家驻村，有村民书写"


@pytest.mark.parametrize(
    ("line", "tagged"),
    [
        ("好的营商环境就是生产力（人民时评）", True),
        ("建设德才兼备的高素质法治队伍（新论）", True),
        ("用平凡铸就伟大（新语）", True),
        ("乡村振兴故事（上）", False),
        ("秋收忙（图文）", False),
        ("会议强调（三）", False),
        ("记者手记", False),
    ],
)
def test_series_tags(line: str, tagged: bool) -> None:
    from syndicate.parse.headline import series_tag

    assert series_tag(line) is tagged
