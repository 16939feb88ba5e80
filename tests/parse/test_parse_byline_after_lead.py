"""A provincial daily that prints a story's byline under its lead paragraph (●南方日报记者 X),
closes features with their writer (撰文：X) and signs commentaries with a name padded to
width (默 达); its crawl is a page-less run of stacked headlines."""

from __future__ import annotations

from syndicate.parse import parse_issue
from syndicate.parse.conventions import infer_conventions
from syndicate.parse.dateline import bare_names, credit_line
from syndicate.parse.pages import split_pages

LEADS = """广东推进制造业当家
二十条措施出台

本报讯 （记者 李赫） 省政府日前印发措施，推动制造业高质量发展，稳住工业基本盘。

措施提出，到2027年全省制造业增加值占比稳定在三成以上，培育一批链主企业。

湾区互联互通
再提速

深中通道开通以来，珠江口东西两岸的往来越发便利，车流量屡创新高，两岸居民的生活圈、工作圈、朋友圈加快融合，一个更紧密的湾区正在形成。

●南方日报记者 李赫 王彤

据统计，通道开通百日，日均车流量超过10万车次，节假日高峰时段更多。

沿线城市抢抓机遇，一批产业项目加快落地，带动就业明显增长。

秋日田野
丰收正忙

走进肇庆的稻田，金黄的稻穗压弯了腰，收割机在田间来回穿梭，农户们脸上洋溢着丰收的喜悦，田埂上、晒谷场上处处是一派繁忙景象。

●南方日报记者 王彤

今年全省早稻总产量同比增长，晚稻长势良好，丰收在望。

撰文：王彤

文明之光
照亮前路

一个城市的文明程度，体现在每一个细节里，也体现在每一位市民的言行中。

文明不是口号，而是日复一日的坚持，是人人参与的共同事业。

默 达

"""


def test_a_byline_under_the_lead_keeps_the_lead_in_its_story() -> None:
    assert infer_conventions(split_pages(LEADS)).stacked_heads
    arts = parse_issue(LEADS, source="nfrb_2024-10-16.txt").articles
    assert [(a.title, len(a.paragraphs)) for a in arts] == [
        ("广东推进制造业当家 二十条措施出台", 2),
        ("湾区互联互通 再提速", 3),
        ("秋日田野 丰收正忙", 2),
        ("文明之光 照亮前路", 2),
    ]
    bay = arts[1]
    assert bay.paragraphs[0].startswith("深中通道开通以来")  # the lead is text, not a caption
    assert [b.name for b in bay.bylines] == ["李赫", "王彤"]
    assert [b.name for b in arts[3].bylines] == ["默达"]


def test_a_writer_credit_and_a_padded_name() -> None:
    (by,) = credit_line("撰文：王彤") or ()
    assert (by.role, by.name) == ("author", "王彤")
    assert bare_names("默 达") == ["默达"]
    assert bare_names("回 信") is None  # a label set to width is no name
