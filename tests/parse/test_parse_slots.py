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
