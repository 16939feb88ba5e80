"""Broadsheet dailies (a party daily's pages, a wire daily, a theory weekly's paper):
headline blocks, author lines and the items closing a page."""

from __future__ import annotations

from syndicate.parse import parse_issue
from syndicate.parse.conventions import infer_conventions
from syndicate.parse.dateline import bare_names, closing_byline, closing_credit, posted_author
from syndicate.parse.pages import page_header, split_pages
from syndicate.parse.slots import classify_slots

W = "\u3000\u3000"


def test_a_subjects_line_over_a_tagged_title_is_its_kicker() -> None:
    head = classify_slots(
        ["中国农科院兰州牧药所驻村干部：", "赶紧回村，心里才踏实（奋斗在复工一线）"]
    )
    assert (head.kicker, head.title) == (
        "中国农科院兰州牧药所驻村干部：",
        "赶紧回村，心里才踏实（奋斗在复工一线）",
    )
    # without a tag the speaker's line still runs on into what was said
    assert classify_slots(["日本防卫大臣：", "自卫队官员强闯中国使馆"]).kicker is None


def test_who_attended_is_the_subtitle_of_a_three_line_head() -> None:
    head = classify_slots(
        [
            "李克强主持召开各民主党派中央全国工商联负责人和无党派人士代表座谈会",
            "听取对政府工作报告的意见建议",
            "韩正出席",
        ]
    )
    assert head.subtitle == "韩正出席"
    assert head.title != "韩正出席"


def test_a_line_closing_on_what_someone_stressed_is_the_kicker() -> None:
    head = classify_slots(
        ["张国清在全国防汛抗旱工作视频会议上强调", "紧盯重点部位薄弱环节 严密防范化解水旱灾害风险"]
    )
    assert head.kicker == "张国清在全国防汛抗旱工作视频会议上强调"
    assert head.title == "紧盯重点部位薄弱环节 严密防范化解水旱灾害风险"


BODY = "这是一段足够长的正文，写给读者看，说明事情的来龙去脉和各方的看法。"


def _flat(*blocks: str) -> str:
    """A page with blank lines between blocks; each BODY becomes a paragraph of its own."""
    n = iter(range(100))
    text = "\n\n".join(b.replace("。", f"第{next(n)}段。") if b == BODY else b for b in blocks)
    return "第01版：要闻\n\n" + text + "\n"


def test_an_authors_post_before_the_name_is_the_byline_not_the_title() -> None:
    text = _flat("真抓实干扛牢使命担当", "山东省委书记 林武", BODY, BODY)
    (a,) = parse_issue(text, source="x_2026-05-06.txt").articles
    assert a.title == "真抓实干扛牢使命担当"
    assert [b.name for b in a.bylines] == ["林武"]
    assert len(a.paragraphs) == 2


def test_writers_in_brackets_close_a_story_and_head_no_other() -> None:
    assert closing_credit("（王彬彬 费艳玲）") is not None
    assert closing_credit("（完）") is None
    text = _flat(
        "发展新质生产力锻造钢铁脊梁", BODY, BODY, "（王彬彬 费艳玲）",
        "走出县域文化建设新路径", "马芮", BODY, BODY,
    )  # fmt: skip
    one, two = parse_issue(text, source="x_2026-05-06.txt").articles
    assert [b.name for b in one.bylines] == ["王彬彬", "费艳玲"]
    assert (one.title, len(one.paragraphs)) == ("发展新质生产力锻造钢铁脊梁", 2)
    assert (two.title, len(two.paragraphs)) == ("走出县域文化建设新路径", 2)


def test_a_kicker_over_a_signed_title_goes_with_the_piece_under_it() -> None:
    text = _flat(
        "加强政协协商的协同配合", "黄文辉", BODY, BODY, "（作者系某省政协副主席）",
        "充分发挥地方立法功能", "推动民营经济促进法落地见效", "李慈强", BODY, BODY,
    )  # fmt: skip
    one, two = parse_issue(text, source="x_2026-05-06.txt").articles
    assert len(one.paragraphs) == 2
    assert {two.kicker, two.title, two.subtitle} >= {
        "充分发挥地方立法功能",
        "推动民营经济促进法落地见效",
    }
    assert len(two.paragraphs) == 2


def test_a_headline_closing_a_page_is_an_item_without_a_story() -> None:
    text = _flat("把对上负责与对下负责有机结合起来", "田玉珏", BODY, BODY, "本期导读")
    text += "\n\n\n第02版：经济\n\n消费场景竞争靠什么\n\n董超\n\n" + BODY + "\n"
    issue = parse_issue(text, source="x_2026-05-06.txt")
    assert [len(a.paragraphs) for a in issue.articles] == [2, 1]
    assert any("本期导读" in p.detail for p in issue.problems if p.kind == "dropped-item")
    # a time under a label ending in a colon finishes that label: it stays
    kept = _flat("活动来了", BODY, "活动截止时间：", "4月6日14:00")
    (a,) = parse_issue(kept, source="x_2026-05-06.txt").articles
    assert a.paragraphs[-1] == "4月6日14:00"


def test_a_columns_call_for_contributions_is_not_the_story() -> None:
    text = (
        "第04版\n\n李宅村\n悠悠慢时光 古村韵味长（寻找最美乡村）\n\n"
        f"{W}{BODY}\n{W}第二段{BODY}\n{W}欢迎赐图投稿，邮箱：findzmxc@163.com。\n"
    )
    (a,) = parse_issue(text, source="x_2020-05-12.txt").articles
    assert len(a.paragraphs) == 2
    assert not any("投稿" in p for p in a.paragraphs)


def _stacked(*stories: list[str]) -> str:
    """A page of a paper that indents nothing, with ``——`` subtitles under three titles (so
    the issue reads as stacked headlines: conventions ``stacked_heads``)."""
    n = iter(range(200))
    blocks = ["第04版：党史国史"]
    for s in stories:
        blocks += [b.replace("。", f"第{next(n)}段。") if b == BODY else b for b in s]
    return "\n\n".join(blocks) + "\n"


STACKED = [
    ["“肯学肯干，又是革命的”\n——延安时期毛泽东对青年的勉励", "史会景", BODY, BODY],
    ["人民军队浴火重生的不竭动力\n——传承弘扬古田会议精神", "凌承纬", BODY, BODY],
    ["以高水平对外开放促进互利共赢发展\n——读一篇重要文献", "蓝庆新", BODY, BODY],
]


def test_a_bare_name_under_a_flat_headline_is_its_byline_not_a_label() -> None:
    from syndicate.parse.conventions import infer_conventions
    from syndicate.parse.pages import split_pages

    one = ["做好民政领域投资于人大文章", "民政部党组书记、部长 陆治原", BODY, BODY]
    two = ["贯彻落实党中央精神不能当“留声机”", "陈宝胜", BODY, BODY]
    text = _stacked(["重要言论", BODY], one, two, *STACKED)
    assert infer_conventions(split_pages(text)).stacked_heads
    arts = parse_issue(text, source="x_2026-05-08.txt").articles
    assert [(a.title, a.reporters, len(a.paragraphs)) for a in arts[:3]] == [
        ("重要言论", (), 1),
        ("做好民政领域投资于人大文章", ("陆治原",), 2),
        ("贯彻落实党中央精神不能当“留声机”", ("陈宝胜",), 2),
    ]
    assert [a.reporters for a in arts[3:]] == [("史会景",), ("凌承纬",), ("蓝庆新",)]


def test_photo_captions_between_a_byline_and_the_text_are_captions() -> None:
    caps = [
        "《抗日军政大学招生广告》（中国人民抗日战争纪念馆藏）",
        "《中国抗日军政大学毕业证书》（纪念馆藏）",
    ]
    long = "中国人民抗日军事政治大学是抗日战争时期培养和训练军事政治干部的学校，办学成效显著。"
    story = ["抗日军政大学的招生和办学", "赖生亮\u3000吕曦", *caps, long, BODY]
    arts = parse_issue(
        _stacked(STACKED[0], story, *STACKED[1:]), source="x_2026-05-08.txt"
    ).articles
    a = arts[1]
    assert (a.title, a.reporters, a.captions) == (
        "抗日军政大学的招生和办学",
        ("赖生亮", "吕曦"),
        tuple(caps),
    )
    assert len(a.paragraphs) == 2 and len(arts[0].paragraphs) == 2
    # two photos' labels of a few characters are no byline and captions
    labels = ["明前钱塘龙井\n老茶客囤足一年口粮", "仇琴芳", "钱塘龙井", BODY, BODY]
    b = parse_issue(_stacked(*STACKED, labels), source="x_2026-05-08.txt").articles[-1]
    assert b.reporters == ()


LONG = "这是一段足够长的正文，写给读者看，说明事情的来龙去脉和各方的看法，也交代了背景。"


def test_a_salutation_printed_flush_is_the_first_line_of_the_speech() -> None:
    text = (
        "第01版\n\n政府工作报告\n——2020年5月22日在第十三届全国人民代表大会第三次会议上\n\n"
        f"各位代表：\n{W}{LONG}\n{W}第二段{LONG}\n\n"
        "习近平回信勉励全国广大科技工作者\n着力攻克关键核心技术\n\n"
        f"{W}回 信\n袁隆平、钟南山等25位同志：\n{W}第三段{LONG}\n{W}第四段{LONG}\n"
    )
    arts = parse_issue(text, source="x_2020-05-30.txt").articles
    assert [a.title for a in arts] == ["政府工作报告", "着力攻克关键核心技术"]
    assert arts[0].paragraphs[0] == "各位代表："
    assert "袁隆平、钟南山等25位同志：" in arts[1].paragraphs


def test_a_column_of_signed_pieces_is_cut_at_each_title_over_its_author() -> None:
    text = (
        "第19版：法治\n\n心声\n\n"
        f"{W}个人信息须保护\n{W}北京理工大学法学院副教授\u00a0孟\u00a0强\n{W}{LONG}\n{W}第二段{LONG}\n"
        f"{W}法治保障产业旺\n{W}吉林敦化某村村委会主任 谷凤杰\n{W}第三段{LONG}\n"
        f"{W}德法共治促和谐\n{W}上海市徐汇区法律援助中心律师 奚俭锋\n{W}第四段{LONG}\n"
    )
    arts = parse_issue(text, source="x_2020-05-14.txt").articles
    assert [(a.kicker, a.title, a.reporters, len(a.paragraphs)) for a in arts] == [
        ("心声", "个人信息须保护", ("孟强",), 2),
        (None, "法治保障产业旺", ("谷凤杰",), 1),
        (None, "德法共治促和谐", ("奚俭锋",), 1),
    ]


def _wire_page(*stories: str) -> str:
    """A wire daily's page: headline, a blank line, the byline, a blank line, then paragraphs
    indented with no blank line between them."""
    return "第01版：要闻\n\n" + "\n\n".join(stories) + "\n"


def _paras(k: int) -> str:
    return "\n".join(f"{W}第{k}{j}段{LONG}" for j in range(4))


def test_a_byline_whose_names_run_on_to_a_second_line_is_one_byline() -> None:
    text = _wire_page(
        "向“新”行 锻韧性\n——从企业订单感知经济活力与信心",
        "新华社记者 赵晓辉 于佳欣\n吴慧珺",
        _paras(1),
        "另一篇的标题",
        "新华社记者 王希",
        _paras(2),
    )
    one, two = parse_issue(text, source="x_2026-04-30.txt").articles
    assert (one.title, one.reporters, len(one.paragraphs)) == (
        "向“新”行 锻韧性",
        ("赵晓辉", "于佳欣", "吴慧珺"),
        4,
    )
    assert two.reporters == ("王希",)


def test_a_closing_dateline_printed_flush_closes_the_story() -> None:
    text = _wire_page(
        "切实维护人民群众生命财产安全",
        "新华社评论员",
        _paras(1) + "\n新华社北京4月29日电",
        "另一篇的标题",
        "新华社记者 王希",
        _paras(2),
    )
    issue = parse_issue(text, source="x_2026-04-30.txt")
    one, _ = issue.articles
    assert "新华社北京4月29日电" in one.credits
    assert not [p for p in issue.problems if p.kind == "dropped-item"]


def _wire_issue(*pages: list[str]) -> str:
    return "\n\n\n\n".join(
        f"第0{n}版：要闻\n\n" + "\n\n".join(stories) for n, stories in enumerate(pages, 1)
    )


def test_byline_blocks_and_a_repeated_deck_do_not_hide_that_heads_are_signed() -> None:
    # a byline running on to a second line is no headline block; the deck a crawler repeats
    # over the text is not what stands under the headline; a role alone signs too
    signed = [
        "两行标题的第一行\n——副题写在第二行",
        "——副题写在第二行",
        "新华社记者 赵晓辉 于佳欣\n吴慧珺",
        _paras(1),
    ]
    role = ["另一篇的标题\n第二行", "新华社记者", _paras(2)]
    plain = ["第三篇的标题", "新华社记者 王希", _paras(3)]
    pages = [signed, role, plain, signed, role]
    conventions = infer_conventions(split_pages(_wire_issue(*pages)))
    assert conventions.gapless and conventions.heads_signed


def test_a_flush_subhead_may_end_on_a_question_or_a_quote_and_run_to_two_lines() -> None:
    story = [
        "白宫记协晚宴枪声缘何而起",
        "新华社记者 熊茂伶 杨伶",
        _paras(1) + "\n嫌疑人有何“政治动机”",
        _paras(2) + "\n候补购票的规则是什么？",
        _paras(3) + "\n撬动：要素盘活\n供需同发力",
        _paras(4),
    ]
    other = ["另一篇的标题", "新华社记者 王希", _paras(5)]
    text = _wire_issue(story + other, other, other)
    arts = parse_issue(text, source="x_2026-04-28.txt").articles
    one = arts[0]
    assert [a.title for a in arts if a.page == 1] == ["白宫记协晚宴枪声缘何而起", "另一篇的标题"]
    assert len(one.paragraphs) == 19
    assert "撬动：要素盘活 供需同发力" in one.paragraphs


def test_a_piece_closing_on_its_own_byline_under_a_signed_story_is_a_new_piece() -> None:
    report = [
        "从“六小龙”到“五小凤”",
        "本报记者\n方问禹",
        _paras(1),
        "“炼化”也许冰冷\n职场要有温度",
        _paras(2),
        "(本报记者张武岳)",
    ]
    other = ["另一篇的标题", "新华社记者 王希", _paras(5)]
    text = _wire_issue(report, other, other)
    arts = [a for a in parse_issue(text, source="x_2026-04-28.txt").articles if a.page == 1]
    assert [a.title for a in arts] == ["从“六小龙”到“五小凤”", "“炼化”也许冰冷 职场要有温度"]
    assert arts[0].reporters == ("方问禹",)
    assert arts[1].reporters == ("张武岳",)


def test_a_page_name_with_a_bracket_inside_is_the_page_header() -> None:
    assert page_header("第09版：党校（行政学院）通讯") == (9, "党校（行政学院）通讯")
    assert page_header("第3版：时评（二）") == (3, "时评")
    text = _flat("国际和港澳培训中心举办培训班", f"本报讯 {BODY}", BODY)
    text = text.replace("第01版：要闻", "第09版：党校（行政学院）通讯")
    (a,) = parse_issue(text, source="x_2026-05-08.txt").articles
    assert (a.page, a.title) == (9, "国际和港澳培训中心举办培训班")


def test_names_in_brackets_alone_sign_off_a_brief() -> None:
    assert [b.name for b in closing_byline("（韦磊余茜）")[1]] == ["韦磊", "余茜"]  # type: ignore[index]
    assert [b.name for b in closing_byline("（执笔：汤俊峰）")[1]] == ["汤俊峰"]  # type: ignore[index]
    for signed, name in (("（李东映参与采写）", "李东映"), ("（夏维兰整理）", "夏维兰")):
        assert [b.name for b in closing_byline(signed)[1]] == [name]  # type: ignore[index]
    for not_signed in ("（全文完）", "（资料图片）", "（人民时评）", "这是一句话。（张三）"):
        assert closing_byline(not_signed) is None
    # in a theory weekly's flat text: the signature closes the piece, not heads the next
    text = _flat(
        "深入学习领会党建思想的理论渊源",
        "国防大学习近平新时代中国特色社会主义思想研究中心",
        BODY,
        BODY,
        "（执笔：汤俊峰）",
        "高扬中华民族的文化主体性",
        "商志晓",
        BODY,
        BODY,
    )
    one, two = parse_issue(text, source="x_2026-06-24.txt").articles
    assert (one.title, len(one.paragraphs)) == ("深入学习领会党建思想的理论渊源", 2)
    assert one.reporters == ("国防大学习近平新时代中国特色社会主义思想研究中心", "汤俊峰")
    assert (two.title, two.reporters, len(two.paragraphs)) == (
        "高扬中华民族的文化主体性",
        ("商志晓",),
        2,
    )


def test_a_signature_in_brackets_ends_a_brief_in_a_flat_page() -> None:
    briefs: list[str] = []
    for title, sig in [
        ("浙江省委党校举办培训班", "（张光赢陶意琳）"),
        ("扎实推进乡镇党校建设", "（邱月）"),
    ]:
        briefs += [title, f"本报讯 {BODY}", BODY, BODY, sig]
    text = _flat("省委党校召开推进会\n——副题在此", f"本报讯 {BODY}", BODY, "（豫文）", *briefs)
    arts = parse_issue(text, source="x_2026-07-10.txt").articles
    assert [a.title for a in arts] == [
        "省委党校召开推进会",
        "浙江省委党校举办培训班",
        "扎实推进乡镇党校建设",
    ]
    assert arts[1].reporters == ("张光赢", "陶意琳")


def test_a_four_character_name_after_a_compound_surname_is_a_byline() -> None:
    assert bare_names("欧阳日辉") == ["欧阳日辉"]
    text = _flat(
        "充分释放数字消费潜力", "张三", BODY, "数字消费：拉动内需的重要引擎", "欧阳日辉", BODY
    )
    arts = parse_issue(text, source="x_2026-05-18.txt").articles
    assert [a.title for a in arts] == ["充分释放数字消费潜力", "数字消费：拉动内需的重要引擎"]
    assert arts[1].reporters == ("欧阳日辉",)


def test_a_signature_in_brackets_is_no_headline_in_a_page_of_stacked_heads() -> None:
    def story(title: str, sig: str) -> list[str]:
        return [f"{title}\n——副题写在第二行", f"本报讯 {BODY}", BODY, BODY, sig]

    text = _flat(
        *story("云南省委党校召开备课会", "（邱月）"),
        *story("浙江省委党校举办培训班", "（张光赢陶意琳）"),
        "扎实推进乡镇党校建设",
        "黄力 仇白云",
        BODY,
        BODY,
        *story("推进红色铸魂工程", "（张选民）"),
    )
    assert infer_conventions(split_pages(text)).stacked_heads
    arts = parse_issue(text, source="x_2026-07-10.txt").articles
    assert [a.title for a in arts] == [
        "云南省委党校召开备课会",
        "浙江省委党校举办培训班",
        "扎实推进乡镇党校建设",
        "推进红色铸魂工程",
    ]
    assert arts[1].reporters == ("张光赢", "陶意琳")
    assert arts[2].reporters == ("黄力", "仇白云")


def test_a_letter_to_all_of_a_unit_opens_on_its_salutation() -> None:
    text = (
        "第01版\n\n习近平给“硬骨头六连”全体官兵回信\n勉励他们把“硬骨头精神”发扬光大\n\n"
        f"{W}新华社北京1月19日电 {LONG}\n“硬骨头六连”全体官兵：\n{W}你们好！{LONG}\n"
        f"{W}第二段{LONG}\n\n另一篇的标题\n\n{W}第三段{LONG}\n{W}第四段{LONG}\n"
    )
    arts = parse_issue(text, source="x_2020-01-20.txt").articles
    assert [a.title for a in arts][1:] == ["另一篇的标题"]
    assert "“硬骨头六连”全体官兵：" in arts[0].paragraphs


def test_a_long_headline_over_a_dispatch_heads_its_story() -> None:
    long_head = (
        "李克强将出席上合组织成员国政府首脑（总理）理事会第十八次会议"
        "并对乌兹别克斯坦进行正式访问、出席东亚合作领导人系列会议并对泰国进行正式访问"
    )
    text = _wire_page(
        "第一篇的标题",
        _paras(1),
        long_head,
        f"{W}新华社北京10月25日电 外交部发言人华春莹25日宣布：{LONG}",
        "第三篇的标题",
        _paras(3),
    )
    arts = parse_issue(text, source="x_2019-10-26.txt").articles
    assert [a.title for a in arts] == ["第一篇的标题", long_head, "第三篇的标题"]
    assert [len(a.paragraphs) for a in arts] == [4, 1, 4]


def test_a_page_of_one_short_line_is_no_story_in_a_page_of_stacked_heads() -> None:
    stories = []
    for title in ("云南省委党校召开备课会", "浙江省委党校举办培训班", "推进红色铸魂工程"):
        stories += [f"{title}\n——副题写在第二行", f"本报讯 {BODY}", BODY, BODY]
    text = _flat(*stories) + "\n\n\n\n第08版：广告\n\n广告\n"
    assert infer_conventions(split_pages(text)).stacked_heads
    issue = parse_issue(text, source="x_2026-07-20.txt")
    assert [a.page for a in issue.articles] == [1, 1, 1]
    assert any(p.kind == "dropped-item" and p.page == 8 for p in issue.problems)


def test_the_text_right_under_a_byline_is_no_headline_line() -> None:
    text = _wire_page(
        "“中美两国工商界加强合作意愿浓厚”",
        "新华社记者 邹多为 丁乐\n"
        f"{W}在4月29日举行的中国贸促会例行新闻发布会上，记者注意到这样一组数据——\n" + _paras(1),
        "另一篇的标题",
        "新华社记者 王希",
        _paras(2),
    )
    one, two = parse_issue(text, source="x_2026-04-30.txt").articles
    assert one.title == "“中美两国工商界加强合作意愿浓厚”"
    assert one.reporters == ("邹多为", "丁乐")
    assert two.title == "另一篇的标题"


def test_an_editorial_office_signs_under_the_title() -> None:
    text = _flat("深入学习领会党建思想的理论品格", "学习时报编辑部", BODY, BODY)
    (a,) = parse_issue(text, source="x_2026-06-22.txt").articles
    assert (a.title, a.reporters, len(a.paragraphs)) == (
        "深入学习领会党建思想的理论品格",
        ("学习时报编辑部",),
        2,
    )


def test_an_authors_post_printed_close_to_the_name_is_the_byline() -> None:
    for line, name in (
        ("河南省委书记刘宁", "刘宁"),
        ("国家自然科学基金委员会党组书记、主任窦贤康", "窦贤康"),
    ):
        text = _flat("以真抓实干更好推动发展造福人民", line, BODY, BODY)
        (a,) = parse_issue(text, source="x_2026-07-08.txt").articles
        assert (a.title, a.reporters, len(a.paragraphs)) == (
            "以真抓实干更好推动发展造福人民",
            (name,),
            2,
        )
    assert not posted_author("省委书记谈发展")  # a headline: a verb after the post


def test_the_writers_named_in_a_closing_note_are_credits_not_text() -> None:
    note = "（执笔人：人类命运共同体研究中心研究员 白洁；外交学院院长 高飞）"
    text = _flat("中美关系的新定位", "人类命运共同体研究中心", BODY, BODY, note)
    (a,) = parse_issue(text, source="x_2026-05-22.txt").articles
    assert len(a.paragraphs) == 2
    assert {"白洁", "高飞"} <= set(a.reporters)
    assert closing_credit("（执笔人：我们认为这是对的）") is None
