"""The real issues made into layouts the parser has not seen (tests/parse/variants.py).

Each variant keeps what a reader sees, so the hand-made keys still hold it: the share of
articles found exactly must not fall below its floor, and no key's story may end up inside
another article unless a doubt on that article names one of its lines.
"""

from __future__ import annotations

import re

import pytest

from syndicate.model import Article, Issue
from syndicate.parse import parse_issue
from syndicate.parse.blocks import mend_gaps, page_blocks
from syndicate.parse.conventions import infer_conventions
from syndicate.parse.pages import split_pages
from tests.parse.variants import KEYS, VARIANTS, load, no_blanks, no_credits, run, strip_indents

#: Articles found exactly, per variant, over the four real issues (104 articles in all).
FLOOR = {
    "as-is": 104,
    "stripped": 100,  # 尼泊尔“90后”新总理… over 3月27日，… now heads a story (the key: a subhead)
    "stripped-one-blank": 100,  # and 03-29's B05 essays head a story each (the key: one record)
    "tight-heads": 97,
    "no-blanks": 94,
    "no-credits": 100,
    "stripped-no-credits": 95,
    "stripped-no-blanks": 53,
    "dense-no-credits": 90,
}
#: Silent merges left in the hardest variants, a tabloid with neither indents nor bylines or
#: neither indents nor blank lines, where a one-line headline sits over a photo credit, a QR
#: box or a profile box (listed in the README).
KNOWN_SILENT = {
    "p12 胥岭梯田油菜花开了 inside 导航:千岛湖镇青溪村长岭",
    "p15 赵贵铭主任中医师从800多个 inside 张华中医师辨症精准用药对",
    "p16 下周四来佩琦直播间,给你“金 inside 红宝石项链",
}


def test_every_real_key_and_variant_is_here() -> None:
    assert len(KEYS) == 4 and set(FLOOR) == set(VARIANTS)
    for key in KEYS:  # CI has ../shared beside the checkout; a skip would hide a loss
        text, _ = load(key)
        assert len(text) > 10_000


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_variant_keeps_its_articles_and_merges_nothing_silently(variant: str) -> None:
    exact, silent, misses = 0, [], []
    for key in KEYS:
        sc = run(key, variant)
        exact += sc.exact
        silent += sc.silent
        misses += sc.misses
    assert exact >= FLOOR[variant], f"{exact} exact; missed {misses}"
    assert set(silent) <= KNOWN_SILENT, f"silent merges: {silent}"


def _key(stem: str) -> str:
    return load(next(k for k in KEYS if k.stem.startswith(stem)))[0]


def test_a_text_without_blank_lines_is_cut_by_its_indents() -> None:
    text = no_blanks(_key("dskb_2026-03-28"))
    conventions = infer_conventions(split_pages(text))
    assert conventions.indent_paragraphs and conventions.gapless
    assert not infer_conventions(split_pages(_key("dskb_2026-03-28"))).gapless
    issue = parse_issue(text, source="dskb_2026-03-28.txt")
    weather = next(a for a in issue.articles if a.title.startswith("周末好天气"))
    assert len(weather.paragraphs) == 19 and weather.reporters


def test_mend_gaps_starts_body_and_headline_blocks_at_the_margin() -> None:
    page = split_pages(
        "A02 新闻\n\n市区新开三条公交线路\n\u3000\u3000早晚高峰全部加密\n"
        "\u3000\u3000记者 王小明\n\u3000\u3000昨天，市公交集团宣布新开三条公交线路。\n\n"
        "\u3000\u3000三条线路都经过地铁站。\n老旧小区加装电梯提速\n"
        "\u3000\u3000今年全市将为老旧小区加装电梯两百台。\n\u3000\u3000每台最高补贴二十万元。\n"
    )[0]
    mend_gaps(page, gapless=False)
    got = [b.lines[0][:6] for b in page_blocks(page)]
    assert got == ["市区新开三条", "记者 王小明", "三条线路都经", "老旧小区加装", "今年全市将为"]
    mend_gaps(page, gapless=True)
    assert [b.lines[0][:4] for b in page_blocks(page)][-2:] == ["今年全市", "每台最高"]


def test_a_tagged_headline_under_a_dash_kicker_starts_a_story() -> None:
    issue = parse_issue(no_credits(_key("rmrb_2025-01-16")), source="x_2025-01-16.txt")
    heads = [(a.kicker, a.title) for a in issue.articles if a.page == 13]
    assert heads[1:3] == [
        ("警方提醒，岁末年初注意防范网络诈骗——", "警惕通过共享屏幕掌握手机操作（服务窗）"),
        ("白酒、宠物、自加热食品……", "春运出行，哪些物品不能带上火车（2025春运一线）"),
    ]
    # a section subhead over its deck stays in the story (更精准服务—— / 创新实施…)
    umbrella = next(a for a in issue.articles if a.title.startswith("“一把伞”"))
    assert any(p.startswith("更精准服务") for p in umbrella.paragraphs)


def test_a_lone_one_line_headline_where_the_subject_turns_heads_its_story() -> None:
    # it shares 研究, 人工, 智能… with the lead under it, far more than with the story above
    issue = parse_issue(strip_indents(_key("dskb_2026-03-28")), source="dskb_2026-03-28.txt")
    (above,) = [a for a in issue.articles if a.title.startswith("李在明称")]
    assert not any(p.startswith("新研究") for p in above.paragraphs)
    (story,) = [a for a in issue.articles if a.title.startswith("新研究：应警惕人工智能")]
    assert story.paragraphs[0].startswith("新一期")
    # the story above it, as printed (indented), is whole and carries no such doubt
    printed = parse_issue(_key("dskb_2026-03-28"), source="dskb_2026-03-28.txt")
    assert not [d for d in printed.doubts if "新研究" in d.where]


def test_a_tabloid_with_neither_indents_nor_blank_lines_is_cut_line_by_line() -> None:
    text = no_blanks(strip_indents(_key("dskb_2026-03-28")))
    conventions = infer_conventions(split_pages(text))
    assert not (conventions.indent_paragraphs or conventions.stacked_heads)
    issue = parse_issue(text, source="dskb_2026-03-28.txt")
    got = {(a.page, a.title): len(a.paragraphs) for a in issue.articles}
    # after a glued credit (…应参尽参。据央视新闻), three headline lines start a story
    assert got[(2, "中国博士后 遭美方执法人员盘问后自杀")] == 3
    # four headline lines over a long paragraph are a headline block, not verse
    assert got[(2, "男子聚餐饮酒后死亡 8名同饮者被索赔30万")] == 3
    # a speaker's line opens a three-line block (日本防卫大臣： / 自卫队官员… / “令人…”)
    assert got[(6, "日本防卫大臣： 自卫队官员强闯中国使馆 “令人深感遗憾”")] == 3
    assert got[(6, "极端天气或导致防空系统失灵")] == 1  # the story above ends where it did
    # one line after a credit on its own line (综合新华社等报道) starts a story
    assert got[(7, "马杜罗再次出庭 瘦了13公斤")] == 5
    # a QR call-out between a headline and its byline
    assert (8, "跟着这本书重新认识西湖，橙柿积分兑换《杭州Discovery·再西湖》") in got
    # the page closing in the same notice again and again: items without a body, dropped
    dropped = [p.detail for p in issue.problems if p.kind == "dropped-item"]
    assert dropped.count("headline without a body: 体育彩票开奖公告") == 7
    assert not any("彩票" in p for a in issue.articles for p in a.paragraphs)


def test_a_quoted_kicker_over_a_title_after_a_paragraph_starts_a_story() -> None:
    text = no_blanks(strip_indents(_key("dskb_2026-03-29")))
    issue = parse_issue(text, source="dskb_2026-03-29.txt")
    wed = next(a for a in issue.articles if a.title == "上班开粪车下班开奔驰的小伙结婚了")
    assert wed.kicker == "“吸粪车婚车队，全球第一个！”" and wed.page == 2
    fire = next(a for a in issue.articles if a.title == "一高层建筑着火")
    assert not any("吸粪车" in p for p in fire.paragraphs)


COUNTY = """第二版：综  合

老街换新颜

本报讯（记者王芳通讯员李明亮）近日，县城老街改造工程完工，青石板路、白墙黛瓦重现古韵。

改造后的老街引来不少游客，沿街商铺生意红火。

冬日
一夜北风起
满山白雪飘
炉火映红脸
家家笑语高

（作者系县实验中学教师）
"""


def test_a_poem_after_a_finished_story_is_an_item_of_its_own() -> None:
    issue = parse_issue(COUNTY, source="x_2026-12-05.txt")
    street, poem = issue.articles
    assert len(street.paragraphs) == 2
    assert (poem.title, poem.kind, poem.paragraphs[0]) == ("冬日", "poem", "一夜北风起")
    assert len(poem.paragraphs) == 4
    # four short lines after the story and nothing more: verse of the story, kept there
    tail = COUNTY.replace("冬日\n", "")
    assert len(parse_issue(tail, source="x_2026-12-05.txt").articles) == 1


BOX = """第3版：生活

老字号糕点铺推出冬季新品

入冬以来，城南老字号糕点铺推出桂花糕、栗子酥等多款冬季新品，每天一开门就排起长队。

地址：城南区解放路18号

营业时间：8:00—20:00

社区食堂开进老小区

本报记者 周丽

12月1日，城北街道第三家社区食堂开张，六十岁以上老人就餐可享八折优惠。
"""


def test_an_info_box_closing_a_story_is_not_the_next_headline() -> None:
    shop, canteen = parse_issue(BOX, source="x_2026-12-05.txt").articles
    assert shop.paragraphs[1:] == ("地址：城南区解放路18号", "营业时间：8:00—20:00")
    assert (canteen.kicker, canteen.title, canteen.reporters) == (
        None,
        "社区食堂开进老小区",
        ("周丽",),
    )


@pytest.mark.parametrize(
    "closer", ["责任编辑：张三", "文/王小明 图/李华", "本报记者 王小明", "（完）"]
)
def test_a_story_signed_off_on_its_own_line_ends_before_a_one_line_headline(closer: str) -> None:
    body = "正文一段，写得足够长以便读者读完，这里多写一些字。\n\n第二段，也写得足够长一些。\n\n"
    text = f"第1版：要闻\n\n第一篇的标题\n\n{body}{closer}\n\n第二篇的标题在这里\n\n{body}"
    got = [
        (a.title, len(a.paragraphs)) for a in parse_issue(text, source="x_2026-12-05.txt").articles
    ]
    assert got == [("第一篇的标题", 2), ("第二篇的标题在这里", 2)]
    # the same line inside a story, under its headline, opens it and splits nothing
    opened = f"第1版：要闻\n\n第一篇的标题\n\n{closer}\n\n{body}"
    assert len(parse_issue(opened, source="x_2026-12-05.txt").articles) == 1


def test_a_one_line_headline_over_a_news_lead_after_a_plain_story_starts_a_story() -> None:
    body = "正文一段，写得足够长以便读者读完，这里多写一些字。\n\n第二段，也写得足够长一些。\n\n"
    text = f"第1版：要闻\n\n第一篇的标题\n\n{body}第二篇的标题在这里\n\n近日，{body}"
    got = [
        (a.title, len(a.paragraphs)) for a in parse_issue(text, source="x_2026-12-05.txt").articles
    ]
    assert got == [("第一篇的标题", 2), ("第二篇的标题在这里", 2)]
    # one paragraph under a subhead, then another subhead: a series, whatever follows it
    one_para = "第一段写得足够长以便读者读完，这里多写一些字，好让它像正文。\n\n"
    sub = f"第1版：要闻\n\n第一篇的标题\n\n{body}小标题一\n\n{one_para}小标题二\n\n近日，{body}"
    (one,) = parse_issue(sub, source="x_2026-12-05.txt").articles
    assert len(one.paragraphs) == 7


TWO_PAGES = """A07 很短很新鲜

第一页的标题

第一页的正文写得足够长，读者一看便知这是一段正文。

第一页的第二段也写得足够长，{end}



A08 专版

漫展今日开展
打开“异次元”大门，进入“ACGN”世界 20+重磅IP，10+顶流嘉宾，超大空间让你舒适逛展

记者 楼金靖

漫展今天在城西开展，展期三天，主办方预计接待观众五万人次。

展馆里设置了签售区和舞台区，节目全天不断。
"""


def test_a_page_opening_with_a_long_deck_is_a_story_not_the_rest_of_the_last_page() -> None:
    issue = parse_issue(TWO_PAGES.format(end="到此结束。"), source="x_2026-04-04.txt")
    assert [(a.page, a.title, len(a.paragraphs)) for a in issue.articles] == [
        (7, "第一页的标题", 2),
        (8, "漫展今日开展", 2),
    ]
    assert issue.articles[1].subtitle and issue.articles[1].subtitle.endswith("舒适逛展")


def test_a_page_opening_with_body_continues_only_a_story_left_mid_sentence() -> None:
    headless = re.sub(r"漫展今日开展\n.*?记者 楼金靖\n\n", "", TWO_PAGES, flags=re.S)
    ended = parse_issue(headless.format(end="到此结束。"), source="x_2026-04-04.txt")
    assert [a.page for a in ended.articles] == [7, 8]
    assert "no-title" in {p.kind for p in ended.problems}
    cut = parse_issue(headless.format(end="下文接着"), source="x_2026-04-04.txt")
    assert [(a.page, len(a.paragraphs)) for a in cut.articles] == [(7, 4)]


def test_a_lead_in_ending_on_a_colon_is_body_not_a_summary() -> None:
    text = (
        "A02 中国新闻\n\n广西严厉打击“三无”船只非法载客出海观豚\n\n"
        "母海豚背着死去的小海豚 受访者供图\n\n"
        "4月3日，广西钦南区人民政府发布情况通报：\n\n经查，目前三娘湾景区确实存在非法载客出海观豚。\n"
    )
    (a,) = parse_issue(text, source="x_2026-04-04.txt").articles
    assert a.subtitle is None
    assert [p[:5] for p in a.paragraphs] == ["4月3日，", "经查，目前"]


def test_a_closing_dateline_in_brackets_is_a_credit() -> None:
    text = "第3版\n\n修复九层神庙\n\n患难见真情，中方立即派出专家团队。\n\n"
    text += "（本报加德满都10月15日电）\n"
    (a,) = parse_issue(text, source="x_2019-10-16.txt").articles
    assert a.credits == ("本报加德满都10月15日电",) and a.place == "加德满都"
    assert a.paragraphs == ("患难见真情，中方立即派出专家团队。",)


SUMMARY = """第5版

靠深化改革护航减税降费（评论员观察）

\u3000\u3000制度和市场优势结合得好、发挥得好，经济发展速度、质量和效益就会更高
\u3000\u3000这份改革方案落地实施，将增强地方财政“造血”功能
\u3000\u3000\u3000
\u3000\u3000保持增值税“五五分享”比例稳定，调整完善增值税留抵退税分担机制。
\u3000\u3000观察这一方案的出台背景，首先是为了进一步优化中央和地方收入划分。
\u3000\u3000明者因时而变，知者随事而制。一方面，本轮减税降费的特点是力度大。
"""


def test_summary_lines_without_a_final_mark_over_the_body_are_decks() -> None:
    (a,) = parse_issue(SUMMARY, source="x_2019-10-16.txt").articles
    assert [p[:4] for p in a.paragraphs] == ["保持增值", "观察这一", "明者因时"]
    assert a.subtitle and a.subtitle.startswith("制度和市场优势")
    # a first paragraph cut at a column break is no summary
    cut = SUMMARY.replace("功能\n\u3000\u3000\u3000\n", "功能，\n")
    (b,) = parse_issue(cut, source="x_2019-10-16.txt").articles
    assert b.subtitle is None


BRIEFS = """A07 很短很新鲜

伊朗击落一架美军战斗机

4月3日，一架“美军先进战斗机”在伊朗西南部被击落，伊方悬赏活捉飞行员。

据伊朗塔斯尼姆通讯社稍早前报道，伊朗伊斯兰革命卫队击落了这架战斗机。

超2000名数学家抵制赴美参会

近日，围绕2026年国际数学家大会会址的争议持续升温，两千多名数学家联名表态。

“如果大会仍在美国举行，我们将不会参加。”一位数学家说。
"""


def test_a_flat_one_line_headline_over_a_news_lead_after_a_plain_story() -> None:
    issue = parse_issue(BRIEFS, source="x_2026-04-04.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles] == [
        ("伊朗击落一架美军战斗机", 2),
        ("超2000名数学家抵制赴美参会", 2),
    ]
    # over a paragraph that does not open like news, the line heads a story only where it
    # turns to another subject than the story above (it shares its words with the lead)
    plain = BRIEFS.replace("近日，围绕", "围绕")
    assert len(parse_issue(plain, source="x_2026-04-04.txt").articles) == 2
    # a line that speaks of the story above stays its subhead (and a doubt)
    sub = plain.replace("超2000名数学家抵制赴美参会", "伊方悬赏活捉击落战斗机的飞行员")
    assert len(parse_issue(sub, source="x_2026-04-04.txt").articles) == 1


STORY_GAPS = """第3版

《之江新语》德文、英文版首发式在法兰克福举行

在第七十一届德国法兰克福国际书展期间，首发式在法兰克福举行，中外嘉宾出席。
中国外文局局长杜占元在致辞中表示，这本书是了解中国的一扇窗口，值得一读。
英国社会科学院院士马丁·雅克说，这本书帮助读者理解中国的发展道路和理念。
德国蒂宾根大学教授说，书中的许多论述对欧洲读者也很有启发，值得认真研读。

“中国发展是世界的重要机遇”

中国国务院新闻办公室日前发布的白皮书，在国际社会引起热烈反响，各方普遍关注。
伊朗德黑兰大学国际关系学教授表示，七十年来中国取得的成就令人瞩目，值得借鉴。
印度尼赫鲁大学教授认为，白皮书展示了中国与世界共同发展的理念，令人印象深刻。
"""


def test_blank_lines_that_set_stories_apart_head_them() -> None:
    conventions = infer_conventions(split_pages(STORY_GAPS))
    assert conventions.story_gaps and not conventions.indent_paragraphs
    issue = parse_issue(STORY_GAPS, source="x_2019-10-16.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles] == [
        ("《之江新语》德文、英文版首发式在法兰克福举行", 4),
        ("“中国发展是世界的重要机遇”", 3),
    ]
    # a blank line before every paragraph: the blank lines say nothing of stories
    spaced = STORY_GAPS.replace("。\n", "。\n\n")
    assert not infer_conventions(split_pages(spaced)).story_gaps


def test_a_flat_one_line_headline_over_a_dated_lead_after_a_story_without_subheads() -> None:
    dated = BRIEFS.replace(
        "近日，围绕2026年国际数学家大会会址的争议持续升温",
        "国际数学联合会3日发表声明，围绕大会会址的争议持续升温",
    )
    assert len(parse_issue(dated, source="x_2026-04-04.txt").articles) == 2
    # under a story with a subhead of its own, a line over a dated lead stays a subhead (and a
    # doubt) unless it turns to another subject; one that speaks of the story above stays
    subbed = dated.replace(
        "据伊朗塔斯尼姆通讯社", "伊方回应\n\n伊朗方面随后发表声明。\n\n据伊朗塔斯尼姆通讯社"
    )
    assert len(parse_issue(subbed, source="x_2026-04-04.txt").articles) == 2
    same = subbed.replace("超2000名数学家抵制赴美参会", "伊朗革命卫队悬赏活捉飞行员")
    (one,) = parse_issue(same, source="x_2026-04-04.txt").articles
    assert [d.kind for d in parse_issue(same, source="x_2026-04-04.txt").doubts] == [
        "headline-in-body"
    ]
    assert "伊朗革命卫队悬赏活捉飞行员" in one.paragraphs


#: A tabloid page of stacked headlines (two lines each, no indents): such a text is cut by
#: its blocks (flat.py), so the rules for one-line headlines there are tried on it too.
STACKS = """A02 中国新闻

县委书记致辞全程仅6秒
现场沸腾了

近日，在贵州黔东南“州长杯”榕江赛区闭幕式上，榕江县委书记的致辞全程仅6秒。

充电宝新国标来了
之前买的3C认证的充电宝，还能用吗？

由工业和信息化部组织制定的强制性国家标准近日发布，将于明年施行。

男子聚餐饮酒后死亡
8名同饮者被索赔30万

一审判决酒局组织者赔偿4.5万元，其余7人不担责。



"""


def _last_page(issue: Issue) -> list[Article]:
    return [a for a in issue.articles if a.page == issue.articles[-1].page]


PHOTO_HEAD = """B04 旅游

4月大慈岩，全球免门票

你知道吗？建德大慈岩景区今年40岁啦。

景区悄悄备下了一份心意：4月份，面向所有游客免收景区大门票，诚邀各方宾朋共赴春日之约。

大慈岩“成长史”：1978年，踏勘大慈岩；1994年，建成香亭山西面绝壁上的“天香悬廊”。

胥岭梯田油菜花开了

宁文武 摄

这几天，建德市乾潭镇邵家村胥岭自然村的500亩梯田油菜进入盛花期，吸引游客纷至沓来。

胥岭自然村“藏”在海拔400余米的山坳里，是一个有着2500余年历史的江南古村落。
"""


@pytest.mark.parametrize(
    "layout", ["stacked heads", "blank lines", "no blank lines", "byline under the photo"]
)
def test_a_one_line_headline_over_a_photo_credit_and_a_lead_starts_a_story(layout: str) -> None:
    text = PHOTO_HEAD
    if layout == "stacked heads":
        text = STACKS + text
        assert infer_conventions(split_pages(text)).stacked_heads
    if layout == "byline under the photo":
        text = text.replace("宁文武 摄\n\n", "宁文武 摄\n\n记者 宣涛 通讯员 盛晓玲\n\n")
    if layout in ("no blank lines", "byline under the photo"):
        text = no_blanks(text)
    issue = parse_issue(text, source="x_2026-03-28.txt")
    assert [(a.title, len(a.paragraphs)) for a in _last_page(issue)] == [
        ("4月大慈岩，全球免门票", 3),
        ("胥岭梯田油菜花开了", 2),
    ]
    if "byline" not in layout:  # a photo inside a story that goes on under it: a caption
        caption = text.replace("这几天，建德市", "建德市")
        assert len(_last_page(parse_issue(caption, source="x_2026-03-28.txt"))) == 1


QR_HEAD = """B05 住媒体

临安推出低密地铁宅地

临安滨湖板块宅地，距地铁16号线青山湖站700多米，周边有科技大道、青山湖隧道等。

地块近青山湖，离湖边300多米，步行至湖边散步相当方便。

楼市问答

扫码关注
“住媒体”
微信公众号

孩子今年快3岁了

现在买采荷学区房可行吗？

问：孩子今年快3岁了，想去买套采荷教育集团对应的老小区房，这样房价成本可控。

答：时间点卡得很好，思路也很务实。目前行情下，我认为是可以操作的。
"""


@pytest.mark.parametrize("layout", ["stacked heads", "no blank lines, a byline"])
def test_a_one_line_headline_over_a_qr_call_out_box_starts_a_story(layout: str) -> None:
    text = STACKS + QR_HEAD
    if layout != "stacked heads":
        text = no_blanks(QR_HEAD.replace("微信公众号\n\n", "微信公众号\n\n记者 陆丹\n\n"))
    issue = parse_issue(text, source="x_2026-03-28.txt")
    arts = _last_page(issue)
    assert [a.title.split()[0] for a in arts] == ["临安推出低密地铁宅地", "楼市问答"]
    assert len(arts[0].paragraphs) == 2


QR_UNDER_TITLE = """B08 文体

11部法国电影佳作 在杭州展映

杭州影迷有眼福了。

作为今年展映的形象大使，法国演员苏菲·玛索在早前北京发布会上，深情回顾了多次到访中国的经历。

这次的法国电影展映·杭州站影票已经开售，影迷可以扫描下方二维码，查看具体排片时间。

分享踏青好去处
请你喝春日咖啡

扫码留言
参与活动

杭州的春天，从来都不被晴雨定义，天晴有奔赴山野的热烈，下雨有静坐一隅的温柔。

杭州的春天晴雨都浪漫，重要的从来不是天气，而是我们愿意走出家门，去接住春日里的每一份美好。
"""


def test_a_headline_over_a_qr_call_out_starts_a_story_line_by_line() -> None:
    issue = parse_issue(no_blanks(QR_UNDER_TITLE), source="x_2026-03-29.txt")
    film, walk = issue.articles
    assert (film.title, len(film.paragraphs)) == ("11部法国电影佳作 在杭州展映", 3)
    assert f"{walk.kicker} {walk.title}" == "分享踏青好去处 请你喝春日咖啡"
    assert walk.paragraphs[0].startswith("杭州的春天，") and len(walk.paragraphs) == 2
    assert walk.captions == ("扫码留言 参与活动",)  # the QR code's call-out, not body


TALL_HEAD = """A04 热线新闻
“我心脏不舒服，头晕得厉害，开不了车……”
高速上大货车司机
突发心梗
一小时前医生警告他住院不听
多亏送医及时成功做了支架手术
监控看到大货车突然停下
警医联动迅速赶到
王师傅经抢救脱离危险
记者 董吕平 通讯员 楼斌 李周龙
3月25日中午，王师傅开着大货车在G6021杭长高速新安江枢纽行驶，突发心肌梗死。
当天中午12点12分，杭州公安交管支队高速三大队综合勤务室内，值班民警发现一辆大货车行驶异常。
“我们通知警力的同时，这辆大货车慢慢动了，挪到高速边上停了下来。”值班民警说。
"""


def test_a_headline_block_taller_than_six_lines_over_a_byline_is_one_head() -> None:
    (a,) = parse_issue(TALL_HEAD, source="x_2026-03-28.txt").articles
    assert (a.kicker, a.title) == (
        "“我心脏不舒服，头晕得厉害，开不了车……”",
        "高速上大货车司机 突发心梗",
    )
    assert a.subtitle is not None and a.subtitle.endswith("王师傅经抢救脱离危险")
    assert a.reporters == ("董吕平",) and len(a.paragraphs) == 3


LABELLED_BOX = """A04 杭州新闻

杭州号里看杭州

美丽西湖

杭州外骨骼，拿下“金奖中的金奖”

在近日举行的第51届日内瓦国际发明展上。

这一奖项仅从金奖项目中遴选，授予比例约占全部参展项目的2%。

此次获奖的AI助行外骨骼机器人。

萧山发布

《湘湖·雅韵》4月3日全新亮相

《湘湖·雅韵》2026演出季4月3日全新启幕。

今年的演出季中，“数智人”成为一大核心亮点。数智人“弄潮儿”将变身向导。

此外，整场演出将实现“天幕·水台·山景”立体演绎，6台大型水面移动冰屏随心组合。

还有160米宽、18米高的巨型水幕，可喷至百米高空，与激光共舞。

中国丝绸博物馆

清明假期可免费领蚕宝宝

清明假期，中国丝绸博物馆将推出“大家来养蚕宝宝”等免费社教活动。

“大家来养蚕宝宝”：清明节三天假期期间来馆的小朋友。

立体蚕茧画：以蚕茧为主要原材料，通过染色、绘制等艺术形式。

染一抹春绿：通过浸煮、套色等工序，将织物染出清新柔和的春日绿意。
"""


def test_a_box_of_labelled_items_under_a_banner_is_one_article_per_item() -> None:
    issue = parse_issue(STACKS + LABELLED_BOX, source="x_2026-04-04.txt")
    box = _last_page(issue)
    assert [(a.kicker, a.title, len(a.paragraphs)) for a in box] == [
        ("杭州号里看杭州 美丽西湖", "杭州外骨骼，拿下“金奖中的金奖”", 3),
        ("萧山发布", "《湘湖·雅韵》4月3日全新亮相", 4),
        ("中国丝绸博物馆", "清明假期可免费领蚕宝宝", 4),
    ]
    # a label over a subhead only once in a story (土拍风云局-style): the story stays whole
    # (its section speaks of what the story's headline names: 外骨骼)
    once = (
        LABELLED_BOX.split("中国丝绸博物馆")[0]
        .replace("萧山发布\n\n", "")
        .replace("《湘湖·雅韵》4月3日全新亮相", "外骨骼机器人走进湘湖")
        .replace("《湘湖·雅韵》2026演出季4月3日全新启幕。", "杭州外骨骼机器人4月3日在湘湖亮相。")
    )
    assert len(_last_page(parse_issue(STACKS + once, source="x_2026-04-04.txt"))) == 1


def test_a_record_holding_a_box_of_signed_items_is_one_article_per_item() -> None:
    body = [
        "体验活动：名师公益课",
        "老师给我们看了一张满是大树的图片，让我们把大树当成人来写。",
        "讲座结束后，我请老师在书上签名。",
        "——杭州市某某外国语学校",
        "三（3）班  俞小和",
        "体验活动：狮子跑团",
        "今天，阳光明媚，跑团在樱花跑道上相聚了。",
        "最后我们不仅赶上了教练，还拿到女子第二的好成绩!",
        "——杭州市某某第一小学二（4）班 李小响",
    ]
    story = "\n\n".join("\u3000\u3000" + x for x in body)
    other = "\n\n".join(
        "\u3000\u3000" + x
        for x in (
            "记者 王小明",
            "昨天，市公交集团宣布新开三条公交线路，方便市民出行。",
            "三条线路都经过地铁站，换乘更方便了。",
        )
    )
    text = f"B04 少年\n\n市区今起新开三条公交线路\n\n{other}\n\n小记者活动播报\n\n{story}\n"
    issue = parse_issue(text, source="x_2026-04-04.txt")
    got = [(a.kicker, a.title, len(a.paragraphs)) for a in issue.articles]
    assert got[1:] == [
        ("小记者活动播报", "体验活动：名师公益课", 2),  # not captions over a pupil's byline
        (None, "体验活动：狮子跑团", 2),
    ]
