"""Kicker, title and subtitle of a headline block, slot by slot (parse/slots.py)."""

from __future__ import annotations

import pytest

from syndicate.parse.slots import classify_slots


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
        # three short slots, a title's length in all, are one title
        (
            ["广州明确", "传统早茶食品", "24小时现制"],
            None,
            "广州明确 传统早茶食品 24小时现制",
            None,
        ),
    ],
)
def test_two_and_three_slot_blocks(
    slots: list[str], kicker: str | None, title: str, subtitle: str | None
) -> None:
    h = classify_slots(slots)
    assert (h.kicker, h.title, h.subtitle) == (kicker, title, subtitle)
