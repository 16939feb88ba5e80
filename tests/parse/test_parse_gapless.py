"""Texts that store one indented line a paragraph and no blank line between paragraphs.

A crawler's export of 人民日报 keeps the headline block (引题/主题/副题) above one blank line,
then every paragraph as one ``　　``-indented line, spacer lines of full-width spaces between
a lead box and the body. The indent is the source's own paragraph mark. Every expectation
below was written by reading the text, not the parser's output.
"""

from __future__ import annotations

import pytest

from syndicate.model import Issue
from syndicate.parse import parse_bytes
from syndicate.parse.dateline import match_dateline

W = "\u3000\u3000"


def _text(*pages: str) -> Issue:
    """An issue from hand-written pages (three blank lines between pages)."""
    return parse_bytes("\n\n\n\n".join(pages).encode("utf-8"), source="x_2020-01-14.txt")


def _lines(*lines: str) -> str:
    return "\n".join(W + x if x else W for x in lines)


def test_a_subhead_of_two_phrases_with_a_figure_in_a_name_is_not_joined() -> None:
    """``…，继续推进“北溪—2”项目`` is a subhead of two phrases: the figure names a pipeline,
    it counts nothing, so the line is no clause cut at a column break."""
    issue = _text(
        "第17版\n\n"
        "普京与默克尔举行会谈  聚焦能源合作及中东局势\n俄欧关系呈现回暖迹象（国际视点）\n\n"
        + _lines(
            "1月11日，德国总理默克尔对俄罗斯进行为期一天的工作访问，并同俄罗斯总统普京举行会谈。",
            "反对美国“长臂管辖”和“域外制裁”，继续推进“北溪—2”项目",
            "与“北溪—2”项目相关的能源合作是默克尔此访的重点议题之一。管道经波罗的海海底连接俄罗斯和德国。",
            "访俄期间，默克尔和普京再次批评美国的“长臂管辖”和“域外制裁”，双方将继续推进项目建设。",
        )
    )
    (a,) = issue.articles
    assert [p[:6] for p in a.paragraphs] == [
        "1月11日，",
        "反对美国“长",
        "与“北溪—2",
        "访俄期间，默",
    ]


def test_a_clause_with_a_count_is_still_joined_to_the_rest_of_its_sentence() -> None:
    """``在翡翠城小区，27台AED设备覆盖`` | ``四个区域——…``: a sentence cut at a column break."""
    issue = _text(
        "第03版\n\n翡翠城建起“AED守护圈”\n\n"
        + _lines(
            "翡翠城西北区悄然织起的一张“急救守护网”，正是林先生所说的“细节”之一。",
            "在翡翠城小区，27台AED设备覆盖",
            "四个区域——西北区、东北区、西南区各7台，东南区6台，分布在园区核心出入口、活动中心等人员集聚场景。",
        )
    )
    (a,) = issue.articles
    assert [p[:6] for p in a.paragraphs] == ["翡翠城西北区", "在翡翠城小区"]


def test_a_series_of_subheads_of_one_form_is_never_joined_to_the_paragraph_under_it() -> None:
    """``放狠话，…`` / ``惹众怒，…`` / ``促和谈，…``: three subheads that open alike."""
    issue = _text(
        "第16版\n\n单边军事行动没有出路（国际视点）\n\n"
        + _lines(
            "当地时间1月7日，伊朗议会批准了一项名为“严厉复仇”的紧急动议，要求政府采取反制措施。",
            "放狠话，伊朗、伊拉克接连出台反制措施",
            "据伊朗官方媒体伊斯兰共和国通讯社7日报道，伊朗议会当天通过一项紧急动议，要求政府加强防御能力。",
            "惹众怒，美国霸权主义行径广遭质疑",
            "舆论普遍担心，美国和伊朗新一轮冲突的外溢效应将使中东地区更加动荡，全球安全局势也将受到波及。",
            "促和谈，多方紧急斡旋呼吁对话",
            "对于当前美国和伊朗矛盾升级，包括联合国安理会常任理事国在内的许多国家呼吁有关各方保持克制。",
        )
    )
    (a,) = issue.articles
    assert [p[:3] for p in a.paragraphs] == [
        "当地时",
        "放狠话",
        "据伊朗",
        "惹众怒",
        "舆论普",
        "促和谈",
        "对于当",
    ]


@pytest.mark.parametrize(
    ("text", "people", "rest"),
    [
        ("本报天津1月15日电  （记者扎西）记者从天津市人社局了解到", ["reporter:扎西"], "记者从"),
        (
            "本报太原1月15日电  （周亚军、温振）今年春节，",
            ["author:周亚军", "author:温振"],
            "今年春节",
        ),
        ("本报北京1月15日电  （国家统计局）今年", [], "（国家统计局）今年"),
    ],
)
def test_the_brackets_after_a_dateline_are_its_byline(
    text: str, people: list[str], rest: str
) -> None:
    """Right after a dateline the brackets hold the byline: a name need not open with a
    surname the list knows (扎西), and names without a role are the authors."""
    d = match_dateline(text)
    assert d is not None
    assert [f"{b.role}:{b.name}" for b in d.bylines] == people
    assert d.rest.startswith(rest)


def test_a_wire_photo_credited_to_its_agency_is_a_credit() -> None:
    """``新华社发`` closing a 图片报道 credits the photo; it is no caption and no tag."""
    issue = _text(
        "第16版\n\n南非求解“电荒”难题\n\n"
        + _lines(
            "1月4日至6日，南非国家电力公司实施了2020年的首次限电令，全国多地停电数小时。",
            "南非“电荒”难题由来已久，近年来频繁遭受拉闸限电，居民生活和企业生产都受到影响。",
            "去年12月，由于暴雨和洪水导致电站被淹，南非曾一度减少全国6000兆瓦的电力供应。",
            "南非“电荒”的深层次原因是南非国家电力公司的债务危机，运维资金难以到位。",
            "为帮助电力公司渡过难关，南非总统拉马福萨表示，未来10年内政府将继续注资。",
            "预计到2030年，南非需要新增超过45600兆瓦的发电能力，新建电站已被提上日程。",
        )
        + "\n\n图片报道\n\n"
        + _lines(
            "澳大利亚多地发生的严重林火灾害已持续数月。图为1月7日，救援人员救出一只考拉。",
            "新华社发",
        )
        + "\n\n新西兰北岛突发森林大火\n\n"
        + _lines("新华社惠灵顿1月7日电  （记者郭磊）据新西兰媒体7日报道，新西兰北岛发生森林大火。")
    )
    photo = issue.articles[1]
    assert photo.title == "图片报道" and photo.captions == ()
    assert [p[:6] for p in photo.paragraphs] == ["澳大利亚多地"]
    assert "新华社发" in photo.credits


def test_a_photo_column_closes_with_its_byline_and_its_call_for_pictures() -> None:
    """寻找最美乡村: three lines of text, the reporters' line (a surname set apart from a
    two-character name by the spacing, ``李 坚文``), then the column's call for pictures."""
    issue = _text(
        "第04版\n\n重庆松溉古镇\n江水悠悠 古韵传承（寻找最美乡村）\n\n"
        + _lines(
            "松溉古镇位于重庆市永川区南端，南临长江，因境内有松子山、溉水而得名。",
            "松溉水上交通发达，历史上沿长江形成上、中、下三个码头，是川西商贾云集之地。",
            "登高眺望，江水静静流淌，对岸山峦起伏、蓊郁苍翠，空气清新，游客络绎不绝。",
            "本报记者\u00a0崔\u00a0佳\u00a0李\u00a0坚文\u00a0",
            "",
            "欢迎赐图投稿，邮箱：findzmxc@163.com。",
            "看更多照片和征稿信息，请登录全国党媒信息平台“人民日报寻找最美乡村”频道。",
        )
    )
    (a,) = issue.articles
    assert [p[:4] for p in a.paragraphs] == ["松溉古镇", "松溉水上", "登高眺望"]
    assert a.reporters == ("崔佳", "李坚文")
    assert not any("投稿" in p or "征稿" in p for p in a.paragraphs)


def test_a_dash_line_naming_the_speaker_closes_a_piece_as_a_credit() -> None:
    """声音: the piece is someone's words; ``——X接受采访时说`` under them names the speaker
    (a credit), and the compilers' note closes it. Inside a story such a line stays text."""
    issue = _text(
        "第05版\n\n治理黄河，重在保护，要在治理（声音）\n\n"
        + _lines(
            "黄河流域生态保护和高质量发展是重大国家战略，山东要扛牢责任、担起使命。",
            "治理黄河，重在保护，要在治理。黄河三角洲是世界上暖温带最广阔的新生湿地。",
            "重中之重是要强化制度意识，把水资源作为最大的刚性约束的要求落到实处。",
            "——山东省省长龚正接受人民日报采访组专访时说",
            "（本报记者  李泓冰  徐锦庚整理）",
        )
        + "\n\n网友留言\n\n"
        + _lines(
            "看过张定宇院长一期节目，走路已经变形的背影，让我不禁落泪，致敬。",
            "——@尼奇窝窝说",
            "无数医生都像他一样还在前线奋战，请保重身体，我们一起等待春天。",
            "榜样是看得见的力量，有他们，我们就有了健康、安全和保障。",
        )
    )
    voice, notes = issue.articles
    assert [p[:4] for p in voice.paragraphs] == ["黄河流域", "治理黄河", "重中之重"]
    assert any("龚正" in c for c in voice.credits)
    assert [p[:4] for p in notes.paragraphs] == ["看过张定", "——@尼", "无数医生", "榜样是看"]


def test_a_page_of_short_items_without_blank_lines_keeps_every_item() -> None:
    """Items of one or two paragraphs: half the body lines open a story, yet the lines that
    run on from a finished one without a blank line show the text gapless. Read otherwise,
    each two-line body would be a box, and its story dropped."""
    items = [
        (
            "陈润儿当选宁夏回族自治区人大常委会主任",
            ["本报银川1月15日电  （记者李增辉）自治区人大会议15日选举陈润儿为主任。"],
        ),
        (
            "沪渝直达快线正式开通",
            [
                "本报上海1月15日电  （记者田泓）“沪渝直达快线”合作备忘录暨开通仪式15日在上海举行。",
                "沪渝两地依托口岸大通关合作机制，多年来保持着紧密联系，合作不断深化。",
            ],
        ),
        (
            "天津为1.6万名困难毕业生发放求职创业补贴",
            [
                "本报天津1月15日电  （记者扎西）记者从天津市人社局了解到，补贴已全部发放到位。",
                "据介绍，天津市此次进一步完善了补贴政策，发放时间调整为毕业学年之初。",
            ],
        ),
        (
            "推动职业教育改革任务落地见效",
            [
                "新华社北京1月15日电  国务院副总理孙春兰15日到国家开放大学调研。",
                "孙春兰考察了国家开放大学“互联网+大学”展示中心，详细了解职业技能培训情况。",
                "孙春兰强调，质量是职业教育的生命线，要深入实施提质培优三年行动计划。",
            ],
        ),
        (
            "提高低保对象认定精准度",
            [
                "本报北京1月15日电  （记者李昌禹）近日，民政部、国家统计局联合印发指导意见。",
                "意见规定了农村最低生活保障家庭收入评估认定方法，扶贫收入不计入家庭收入。",
            ],
        ),
    ]
    issue = _text("第04版\n\n" + "\n\n".join(f"{t}\n\n{_lines(*body)}" for t, body in items))
    assert [(a.title, len(a.paragraphs)) for a in issue.articles] == [
        (t, len(body)) for t, body in items
    ]


def test_a_core_reading_box_of_two_lines_closed_by_a_spacer_is_the_summary() -> None:
    """核心阅读, two summary lines, then a spacer line of full-width spaces: the box ends at
    the spacer, so both lines are the summary and the story starts under it."""
    issue = _text(
        "第10版\n\n1月19日起，央行征信中心提供二代格式信用报告查询服务\n你的“经济身份证”升级了（经济聚焦）\n\n"
        + _lines(
            "核心阅读",
            "自1月19日起，央行征信中心面向社会公众和金融机构提供二代格式信用报告查询服务。",
            "目前二代征信系统提供线上和线下两种渠道进行信用查询，更为全面、及时地反映信用状况。",
            "",
            "人无信不立，业无信不兴。信用报告是反映个人和企业信用行为的“经济身份证”。",
            "二代征信系统上线有何意义？记者采访了人民银行征信中心有关负责人和业内专家。",
            "征信系统涉及超10亿人，规模位居世界前列",
            "征信系统，准确地说是金融信用信息基础数据库，是人民银行征信中心负责建设的。",
            "数据显示，截至2019年底，征信系统收录10.2亿自然人、2834.1万户企业。",
        )
    )
    (a,) = issue.articles
    assert (a.summary or "").startswith("自1月19日起") and "目前二代征信系统" in (a.summary or "")
    assert [p[:4] for p in a.paragraphs] == [
        "人无信不",
        "二代征信",
        "征信系统",
        "征信系统",
        "数据显示",
    ]


def test_with_no_blank_line_under_the_headline_a_summary_line_is_not_a_headline_slot() -> None:
    """A gapless text that leaves no blank line under its headline blocks: the indented
    提要 line under a flush title starts what is under the headline, and so does 核心阅读."""
    tight = _text(
        "第05版\n\n法律之盾让执法者更有底气（人民时评）\n"
        + _lines(
            "社会的和谐安宁关乎广大人民群众的切身利益，这有赖于民警在每一次执勤和出警中筑牢平安之基",
            "",
            "日前，公安部举行新闻发布会，通报《关于依法惩治袭警违法犯罪行为的指导意见》有关情况。",
            "执法是全面依法治国的重要一环。人民警察处在社会矛盾冲突的前沿，执行任务最为繁重。",
            "只有为执法者撑起法律之盾，才能更好守护人民安全感，筑牢“平安中国”的基石。",
        )
        + "\n\n普京与默克尔举行会谈  聚焦能源合作及中东局势\n俄欧关系呈现回暖迹象（国际视点）\n"
        + _lines(
            "核心阅读",
            "德国总理默克尔1月11日对俄罗斯进行工作访问，并同俄罗斯总统普京举行会谈。",
            "",
            "1月11日，德国总理默克尔对俄罗斯进行为期一天的工作访问，这是她今年首次出访。",
            "与“北溪—2”项目相关的能源合作是默克尔此访的重点议题之一，双方均表示支持。",
        )
    )
    comment, world = tight.articles
    assert comment.title == "法律之盾让执法者更有底气（人民时评）"
    assert [p[:4] for p in comment.paragraphs] == ["日前，公", "执法是全", "只有为执"]
    assert world.title == "俄欧关系呈现回暖迹象（国际视点）"
    assert (world.summary or "").startswith("德国总理默克尔")
    assert [p[:4] for p in world.paragraphs] == ["1月11", "与“北溪"]


def test_three_summary_lines_and_a_series_end_note_are_not_paragraphs() -> None:
    """A commentary of a series: three 提要 lines over a spacer, then the text, then the
    series' end note in brackets (a note, not a paragraph)."""
    issue = _text(
        "第05版\n\n扎实苦干，用奋斗成就未来（人民观点）\n——鼓起决胜全面小康精气神③\n\n"
        + _lines(
            "越到最后时刻，越要响鼓重锤，咬定目标，精准施策，按时按质完成各项既定任务",
            "坚持焦点不散、靶心不变、力度不减，以奋斗姿态决胜全面建成小康社会",
            "越是任务艰巨，越需要广大干部保持昂扬斗志，不断创造新的业绩",
            "",
            "光阴流转，勾勒出新的年轮，召唤我们以奋斗姿态迈向新的征程。",
            "好日子是干出来的。党的十八大以来，我们打赢了一个又一个硬仗。",
            "今天，我们已走过千山万水，但仍需要跋山涉水，中华民族的千年梦想就一定能够实现。",
            "（本系列评论到此结束）",
        )
    )
    (a,) = issue.articles
    assert [p[:4] for p in a.paragraphs] == ["光阴流转", "好日子是", "今天，我"]
    assert "本系列评论到此结束" in a.credits


def test_a_short_text_of_a_few_items_without_blank_lines_between_paragraphs_keeps_every_item() -> (
    None
):
    """A page of three short items, a blank line under each headline and none between the
    paragraphs: too few lines for the share of gapped lines to tell, but a line that runs on
    from a finished indented line, where none follows one across a blank line, shows the text
    gapless. Read otherwise, a two-paragraph body is taken for a box and its story dropped."""
    items = [
        (
            "沪渝直达快线正式开通",
            [
                "本报上海1月15日电  （记者田泓）“沪渝直达快线”合作备忘录暨开通仪式15日在上海举行。",
                "沪渝两地依托口岸大通关合作机制，多年来保持着紧密联系，合作不断深化。",
            ],
        ),
        (
            "提高低保对象认定精准度",
            ["本报北京1月15日电  （记者李昌禹）近日，民政部、国家统计局联合印发指导意见。"],
        ),
        (
            "天津为1.6万名困难毕业生发放求职创业补贴",
            [
                "本报天津1月15日电  （记者扎西）记者从天津市人社局了解到，补贴已全部发放到位。",
                "据介绍，天津市此次进一步完善了补贴政策，发放时间调整为毕业学年之初。",
            ],
        ),
    ]
    for kept in (items, items[:2]):
        issue = _text("第04版\n\n" + "\n\n".join(f"{t}\n\n{_lines(*body)}" for t, body in kept))
        assert [(a.title, len(a.paragraphs)) for a in issue.articles] == [
            (t, len(body)) for t, body in kept
        ]
        assert not any(p.kind == "dropped-item" for p in issue.problems)


def test_a_short_text_of_one_item_without_blank_lines_between_paragraphs_keeps_it() -> None:
    """One item, a blank line under the headline, its byline and paragraphs one indented
    line each: every paragraph is kept, the byline is not one."""
    issue = _text(
        "第04版\n\n提高低保对象认定精准度\n\n"
        + _lines(
            "本报记者　李昌禹",
            "近日，民政部、国家统计局联合印发指导意见，对低保对象认定作出规定。",
            "意见规定了农村最低生活保障家庭收入评估认定方法，扶贫收入不计入家庭收入。",
        )
    )
    (a,) = issue.articles
    assert a.title == "提高低保对象认定精准度"
    assert [p[:4] for p in a.paragraphs] == ["近日，民", "意见规定"]
    assert a.reporters == ("李昌禹",)


def test_indented_lines_opening_on_a_dateline_are_paragraphs_not_a_box() -> None:
    """One item whose first two paragraphs stand without a blank line between them and the
    third after one: the text is not gapless, yet a run of indented lines opening on a
    dispatch's dateline is the story's text (a box never opens on a dateline), not a caption."""
    issue = _text(
        "第04版\n\n提高低保对象认定精准度\n\n"
        + _lines(
            "本报北京1月15日电  （记者李昌禹）近日，民政部、国家统计局联合印发指导意见。",
            "意见规定了农村最低生活保障家庭收入评估认定方法，扶贫收入不计入家庭收入。",
        )
        + "\n\n"
        + _lines("据介绍，意见明确了低保对象认定的程序和要求，各地要加强部门协作。")
    )
    (a,) = issue.articles
    assert [p[:4] for p in a.paragraphs] == ["近日，民", "意见规定", "据介绍，"]
    assert not a.captions


def _body(*paras: str) -> str:
    """Indented paragraphs with a blank line between them."""
    return "\n\n".join(W + p for p in paras)


_REST = (
    "据介绍，意见明确了低保对象认定的程序和要求，各地要加强部门协作。",
    "意见还要求，各地要健全低保对象动态管理机制，做到应保尽保、应退尽退。",
    "民政部有关负责人表示，下一步将加强督促指导，推动政策落地见效。",
)


def test_a_run_of_indented_lines_under_a_headline_taken_for_a_box_is_a_doubt() -> None:
    """Headline, blank line, two indented lines with no blank between them, blank line, more
    body: nothing in the lines tells two paragraphs run together from a box over the story,
    so the text is filed as a box, and a person is asked to look (``box-or-text``)."""
    issue = _text(
        "第04版\n\n提高低保对象认定精准度\n\n"
        + _lines(
            "近日，民政部、国家统计局联合印发指导意见，进一步规范低保对象认定工作。",
            "意见规定了农村最低生活保障家庭收入评估认定方法，扶贫收入不计入家庭收入。",
        )
        + "\n\n"
        + _body(*_REST)
    )
    (a,) = issue.articles
    assert [p[:4] for p in a.paragraphs] == ["据介绍，", "意见还要", "民政部有"]
    (d,) = [d for d in issue.doubts if d.kind == "box-or-text"]
    assert d.page == 4 and d.article == 0
    assert d.where.startswith("近日，民政部")


def test_a_photo_caption_or_a_lead_box_under_a_headline_is_no_doubt() -> None:
    """A photo caption (``…摄``, ``图为…``), a labelled lead box (核心阅读) or a call-out's
    display lines (``扫码留言`` / ``参与活动``) under the headline is what it looks like: no
    ``box-or-text`` doubt."""
    caption = _text(
        "第04版\n\n提高低保对象认定精准度\n\n"
        + _lines(
            "图为工作人员在社区走访低保家庭，了解收入情况。",
            "新华社记者 王 鹏摄",
        )
        + "\n\n"
        + _body(*_REST)
    )
    lead = _text(
        "第04版\n\n提高低保对象认定精准度\n\n"
        + _lines("核心阅读", "民政部、国家统计局联合印发指导意见，", "进一步规范低保对象认定工作。")
        + "\n\n\n"  # an empty paragraph sets the box off from the story
        + _body(*_REST)
    )
    callout = _text(
        "第04版\n\n提高低保对象认定精准度\n\n"
        + _lines("扫码留言", "参与活动")
        + "\n\n"
        + _body(*_REST)
    )
    for issue in (caption, lead, callout):
        assert [d for d in issue.doubts if d.kind == "box-or-text"] == []
        (a,) = issue.articles
        assert [p[:4] for p in a.paragraphs] == ["据介绍，", "意见还要", "民政部有"]
    assert lead.articles[0].summary
