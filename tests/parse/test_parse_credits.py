"""Bylines, credits and source credits in the forms of the family (table-driven)."""

from __future__ import annotations

import pytest

from syndicate.parse import parse_issue
from syndicate.parse.dateline import closing_byline, credit_line, is_byline_line, photo_credit
from syndicate.parse.kinds import strip_code
from syndicate.parse.sources import glued_source, source_line


def people(bylines: tuple[object, ...] | None) -> list[tuple[str, str]]:
    return [(b.role, b.name) for b in bylines or ()]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("本报记者刘洋本报通讯员陈晨", [("reporter", "刘洋"), ("correspondent", "陈晨")]),
        ("通讯员 亦宣 记者 潘雷", [("correspondent", "亦宣"), ("reporter", "潘雷")]),
        (
            "记者 宣涛 富阳微融圈 陆迪军 俞晓华",
            [("reporter", "宣涛"), ("correspondent", "陆迪军"), ("correspondent", "俞晓华")],
        ),
        ("寄思人：陶齐芸", [("author", "陶齐芸")]),
        ("杭州市天长小学二（4）班 金子沐", [("author", "金子沐")]),
        ("李洪兴", [("author", "李洪兴")]),
        ("祝大伟  高洪刚", [("author", "祝大伟"), ("author", "高洪刚")]),
        ("本报特约通讯员  龙钢  记者  袁玮", [("correspondent", "龙钢"), ("reporter", "袁玮")]),
        ("被拉黑", []),
        ("记者了解到", []),
        # a photo report's line: the reporters, not a photographer named 报道
        ("本报记者  施  芳  赵婀娜摄影报道", [("reporter", "施芳"), ("reporter", "赵婀娜")]),
    ],
)
def test_byline_lines(line: str, want: list[tuple[str, str]]) -> None:
    assert people(is_byline_line(line)) == want


@pytest.mark.parametrize(
    ("text", "rest", "want"),
    [
        (
            "成绩显著。（实习记者张三本报记者李四）",
            "成绩显著。",
            [("reporter", "张三"), ("reporter", "李四")],
        ),
        ("（刘晓本报记者王浩）", "", [("author", "刘晓"), ("reporter", "王浩")]),
        ("（刘晓/文王明/图）", "", [("reporter", "刘晓"), ("photographer", "王明")]),
        ("（周刚本报记者马丽摄）", "", [("photographer", "周刚"), ("photographer", "马丽")]),
        ("他说。〔本报记者 张三〕", "他说。", [("reporter", "张三")]),
        (
            "他说。【记者 李四 通讯员 王五】",
            "他说。",
            [("reporter", "李四"), ("correspondent", "王五")],
        ),
        ("(本报记者张武岳)", "", [("reporter", "张武岳")]),
        # who wrote a told piece down, after an interview
        ("（本报记者周飞亚采访整理）", "", [("reporter", "周飞亚")]),
    ],
)
def test_closing_bylines(text: str, rest: str, want: list[tuple[str, str]]) -> None:
    got = closing_byline(text)
    assert got is not None and got[0] == rest and people(got[1]) == want


@pytest.mark.parametrize("text", ["（注：数据截至昨日）", "他说（大意如此）", "会议强调（三）"])
def test_not_closing_bylines(text: str) -> None:
    assert closing_byline(text) is None


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("据新华社", "据新华社"),
        ("据央视新闻", "据央视新闻"),
        ("综合新华社等报道", "综合新华社等报道"),
        ("综合南方都市报、极目新闻", "综合南方都市报、极目新闻"),
        ("（据新华社郑州9月9日电）", "据新华社郑州9月9日电"),
        ("红星新闻", "红星新闻"),
        (
            "（摘编自《贵州日报》，原题为《让赶文化市集成时尚》）",
            "摘编自《贵州日报》，原题为《让赶文化市集成时尚》",
        ),
        ("（作者为本报河北分社记者）", "作者为本报河北分社记者"),
        ("〔作者系某党校（行政学院）教授〕", "作者系某党校（行政学院）教授"),
        ("（作者系某党校（行政学院）教授）", "作者系某党校（行政学院）教授"),
        ("（作者分别系某大学教授、讲师）", "作者分别系某大学教授、讲师"),
        ("〔作者单位：某大学哲学系〕", "作者单位：某大学哲学系"),
        ("（华电广西能源有限公司党委）", "华电广西能源有限公司党委"),
        ("（中共某某市委组织部）", "中共某某市委组织部"),
        ("（完）", None),
        ("简明新闻", None),
        ("图片新闻", None),
        ("据了解，事故原因正在调查中。", None),
    ],
)
def test_source_lines(line: str, credit: str | None) -> None:
    got = source_line(line)
    assert (got.printed if got else None) == credit


def test_glued_source_ends_the_paragraph() -> None:
    assert glued_source("应参尽参。据央视新闻") is not None
    text, credit = glued_source("应参尽参。据央视新闻")  # type: ignore[misc]
    assert (text, credit.role, credit.printed) == ("应参尽参。", "source", "据央视新闻")
    assert glued_source("记者了解到，据央视新闻报道称") is None  # no sentence ended before it


@pytest.mark.parametrize(
    ("line", "printed"),
    [
        ("市民扫码  记者 王晓 摄", None),  # a caption with its credit is not a bare credit
        ("记者 王晓 摄", "记者 王晓摄"),
        ("橙友“高山浓茶” 摄", "橙友“高山浓茶”摄"),
        ("企业供图", "企业摄"),
        ("新华社/法新", "新华社/法新"),  # a wire photo shot by another agency
        ("新华社/新华", None),
    ],
)
def test_photo_credits(line: str, printed: str | None) -> None:
    got = photo_credit(line)
    assert (got[0].printed if got else None) == printed


def test_credit_lines_and_codes() -> None:
    assert [b.printed for b in credit_line("制图 林叶杨") or ()] == ["制图 林叶杨"]
    assert [b.printed for b in credit_line("插画狮：《灯暖马年春》") or ()] != []
    assert strip_code("取得了好成绩。②6") == "取得了好成绩。"
    assert strip_code("⑧3程全摄") == "程全摄"
    assert strip_code("第②6条规定") == "第②6条规定"  # inside text it is no code


def test_a_line_naming_who_supplied_the_page_s_pictures_is_a_credit() -> None:
    got = credit_line("本版图片由受访者提供") or ()
    assert [(b.role, b.name) for b in got] == [("photographer", "受访者")]
    assert credit_line("照片均由主办方提供")
    assert credit_line("他的资料由学校提供") is None  # a sentence
    assert credit_line("本版图片由受访者提供，特此感谢。") is None


def test_a_picture_and_text_credit_line_and_verse_lines() -> None:
    from syndicate.parse import parse_issue

    text = (
        "第5版\n\n图片报道\n\n\u3000\u3000用手机扫码，就可以看到持卡人员的资料。\n\u3000\u3000这正是：\n"
        "\u3000\u3000信用掌上查，\n\u3000\u3000诚字如天大。\n\u3000\u3000服务得规范，\n"
        "\u3000\u3000和谐进万家。\n\u3000\u3000曹\u00a0\u00a0一图\u00a0\u00a0吕\u00a0\u00a0岩文\n"
    )
    (a,) = parse_issue(text, source="x_2019-10-16.txt").articles
    assert a.paragraphs[2:] == ("信用掌上查，", "诚字如天大。", "服务得规范，", "和谐进万家。")
    assert (a.reporters, a.credits) == (("吕岩",), ("曹一图",))


def test_a_trainee_is_a_role_and_a_number_cut_before_its_unit_is_rejoined() -> None:
    from syndicate.parse import parse_issue
    from syndicate.parse.dateline import is_byline_line

    by = is_byline_line("记者 楼金靖 培训生 张致远", bare=False)
    assert by is not None and [(b.role, b.name) for b in by] == [
        ("reporter", "楼金靖"),
        ("intern", "张致远"),
    ]
    head = "社区食堂今天开张，老人就餐按年龄打折，60岁至79岁八折，80岁至90"
    text = f"第3版\n\n食堂开张\n\n{head}\n\n岁七折，90岁以上五折。\n"
    (a,) = parse_issue(text, source="x_2026-04-04.txt").articles
    assert a.paragraphs == (f"{head}岁七折，90岁以上五折。",)


def test_a_numbered_run_in_subhead_is_not_rejoined_and_a_note_after_the_lead_ends_it() -> None:
    from syndicate.parse.repair import rejoin

    before = "农业法修订草案提请全国人大常委会会议二次审议，草案共有十章。"
    head = "看点一：明确3项粮食安全战略，构建多元化食物供给体系"
    body = "十四亿多人要吃饭，是我国现实国情。农业强，首要是粮食和重要农产品供给保障能力要强。"
    out, problems = rejoin([before, head, body], 2)
    assert out == [before, head, body] and not [p for p in problems if p.kind != "mid-sentence"]
    # without its numbered label the same clause reads as cut at a column break
    plain = head.removeprefix("看点一：")
    assert rejoin([before, plain, body], 2)[0] == [before, plain + body]


def test_a_lead_closed_by_an_editors_note_is_no_summary_line() -> None:
    from syndicate.parse import parse_issue

    lead = "近日，一个开源项目在网上爆火，在引发猎奇讨论的同时，也在试探法律规定的底线，值得深思。"
    text = (
        f"第5版\n\n技能可以炼化 隐私权不能让渡\n\n本报记者 张三\n\n"
        f"{lead}（相关报道见本报4月27日6版）\n\n"
        "随着新技术发展，炼化同事的做法出现在一些企业，这样的做法并不简单。\n"
    )
    (a,) = parse_issue(text, source="x_2026-04-28.txt").articles
    assert a.subtitle is None and len(a.paragraphs) == 2


def test_a_paragraph_opening_on_a_common_word_does_not_continue_a_subhead() -> None:
    from syndicate.parse.repair import rejoin

    before = "忠诚为国，就要尽忠职守，这是为官者的本分。"
    nxt = "所谓“光明行事”，首先是为官者处事要公正无私。"
    assert rejoin([before, "光明行事", nxt], 3)[0] == [before, "光明行事", nxt]
    # words that open a sentence on such a character (新华日报 2024-10-23: 及时, 了解到…)
    head = "谱好“规划引领”前奏曲，描绘“八五”普法新蓝图"
    for lead in ("及时调整全县法治宣传教育领导小组。", "了解到，全县已建成法治文化阵地。"):
        assert rejoin([before, head, lead], 3)[0] == [before, head, lead]
    # a character that never opens a sentence still continues the line above
    assert rejoin([before, "光明行事", "的道理由此而来。"], 3)[0] == [
        before,
        "光明行事的道理由此而来。",
    ]


@pytest.mark.parametrize(
    ("text", "rest", "want"),
    [
        ("……在核酸筛查中发现。 本报记者 左妍", "……在核酸筛查中发现。", [("reporter", "左妍")]),
        ("“现在有人了。”本报记者 杨硕", "“现在有人了。”", [("reporter", "杨硕")]),
        (
            "他说。本报记者 张三 通讯员 李四",
            "他说。",
            [("reporter", "张三"), ("correspondent", "李四")],
        ),
        # the paper's own signer closing the text needs no space before the name
        ("她买到了注射针剂。本报记者王军", "她买到了注射针剂。", [("reporter", "王军")]),
        ("很好。记者张三说", None, []),  # a sentence, not a byline
        ("他说。本报记者了解到", None, []),
        ("他说。本报记者王军说", None, []),
        ("他说。记者了解到", None, []),
        ("他说，本报记者 张三", None, []),  # not after a finished sentence
    ],
)
def test_a_byline_glued_after_the_last_sentence(
    text: str, rest: str | None, want: list[tuple[str, str]]
) -> None:
    from syndicate.parse.dateline import glued_byline

    got = glued_byline(text)
    assert (got[0] if got else None, people(got[1] if got else None)) == (rest, want)


def test_a_subhead_of_two_phrases_is_not_a_clause_cut_at_a_column_break() -> None:
    from syndicate.parse.repair import rejoin

    before = "思想政治工作是党的优良传统，是一切工作的生命线。"
    nxt = "这家公司坚持和加强党的全面领导，把思想政治工作融入生产经营的全过程，取得了明显成效。"
    head = "高举思想旗帜，在固本培元中坚定正确政治方向"
    assert rejoin([before, head, nxt], 7)[0] == [before, head, nxt]
    # a clause with the story's figures, cut at a column break, is still rejoined
    cut = "在翡翠城小区，27台AED设备覆盖"
    assert rejoin([before, cut, nxt], 7)[0] == [before, cut + nxt]


def test_a_page_credit_and_a_closing_credit_of_who_wrote_it_down() -> None:
    from syndicate.parse.dateline import closing_byline

    assert people(credit_line("本版制图：蔡华伟")) == [("designer", "蔡华伟")]
    assert people(credit_line("本版编辑：张三")) == [("editor", "张三")]
    got = closing_byline("（本报记者  侯琳良  张  璁整理）")
    assert got is not None and got[0] == ""
    assert people(got[1]) == [("reporter", "侯琳良"), ("reporter", "张璁")]


def test_a_letters_sign_off_and_an_authors_post_close_a_piece_and_are_no_text() -> None:
    from syndicate.parse import parse_issue
    from syndicate.parse.dateline import sign_off

    assert sign_off("浦东新区南林路658弄银杏苑  张先生") is not None
    assert sign_off("北京队胜上海队  天津队胜江苏队") is None
    assert sign_off("李明（化名）") is None
    text = (
        "第16版\n\n居家生活中的防控细节\n\n居家期间要勤开窗通风，每天至少两次，每次半小时以上。\n\n"
        "外出回家后要先洗手，再接触家里的物品。\n\n高晓东（某医院感染管理科副科长）\n"
    )
    (a,) = parse_issue(text, source="x_2022-04-01.txt").articles
    assert len(a.paragraphs) == 2 and a.reporters == ("高晓东",)


def test_a_photo_items_only_text_over_its_closing_credit_stays_its_paragraph() -> None:
    from syndicate.parse import parse_issue

    text = (
        "第15版\n\n\u3000\u3000为让市民在家门口参与冰雪运动，公园里开设了雪圈等项目。\n\n"
        "到公园雪上冲浪\n\n\u3000\u3000为让市民在家门口就能参与冰雪运动，北京各大公园推出了冰雪项目。\n\n"
        "\u3000\u3000本报记者  贺  勇摄\n\n"
        "滑雪场迎来客流高峰\n\n\u3000\u3000图为游客在滑雪。\n\n\u3000\u3000本报记者  贺  勇摄\n\n"
        "\u3000\u3000春节假期，滑雪场迎来客流高峰，不少游客专程从外地赶来。\n"
    )
    photo, story = parse_issue(text, source="x_2020-01-21.txt").articles[-2:]
    assert len(photo.paragraphs) == 1 and photo.credits
    # a caption over the credit with the story under it is still a caption
    assert story.captions == ("图为游客在滑雪。",) and len(story.paragraphs) == 1


def test_no_break_space_padding_and_an_editors_signature() -> None:
    """A crawl that pads names with no-break spaces (``施\xa0\xa0芳``) reads like one with
    spaces; ``——编  者`` under an editor's note signs it and is no paragraph."""
    from syndicate.parse import parse_issue

    note = "　　深入生活、扎根人民是文艺工作者的必修课，本版今起推出一组作家的创作谈，以飨读者。"
    text = (
        "第12版\n\n致读者\n\n" + note + "\n\n　　——编\xa0\xa0者\n\n"
        "学配中药茶\n\n　　“五味子5克，麦冬6克，桂花3克……”一群中学生正在饶有兴味地调配代茶饮。\n\n"
        "　　22日，全国中医药文化进校园学校联盟在北京成立，进校园活动同时启动。\n\n"
        "　　本报记者\xa0\xa0施\xa0\xa0芳\xa0\xa0赵婀娜摄影报道"
    )
    letter, tea = parse_issue(text, source="x_2019-10-23.txt").articles
    assert (len(letter.paragraphs), letter.credits) == (1, ("——编者",))
    assert (len(tea.paragraphs), tea.reporters) == (2, ("施芳", "赵婀娜"))


def test_a_photo_source_line_and_a_page_s_host_are_credits() -> None:
    assert [(b.name, b.printed) for b in credit_line("图据“某某”社交账号") or ()] == [
        ("“某某”社交账号", "图据“某某”社交账号")
    ]
    assert [b.name for b in credit_line("本版主持 张娜") or ()] == ["张娜"]
    assert credit_line("图书馆开放时间") is None


def test_a_columnist_s_name_glued_after_the_last_sentence_signs_an_unsigned_story() -> None:
    from syndicate.parse import parse_issue

    text = (
        "第16版:新民财经\n\n“政策底”已现  “市场底”还有待夯实\n\n"
        "自3月16日A股砸出个瞬间底部之后，近半个月来沪深股市进入了一个大箱体整理态势。\n\n"
        "这需要一系列的条件相配合，这也是一种差价博弈的方式。应健中\n\n\n\n"
        "第17版:体育\n\n世界杯分组抽签今晨揭晓\n\n"
        "北京时间今晨，分组抽签仪式在多哈举行。本报记者  关尹\n\n"
        "这个小组中，荷兰队的实力早已没有当年的模样。王军\n"
    )
    a, b = parse_issue(text, source="x_2022-04-02.txt").articles
    assert [x.name for x in a.bylines] == ["应健中"]
    assert a.paragraphs[-1].endswith("方式。")
    # a story signed already keeps what closes its last paragraph
    assert [x.name for x in b.bylines] == ["关尹"]
    assert b.paragraphs[-1].endswith("王军")


def test_a_closing_word_glued_after_the_last_sentence_is_no_name() -> None:
    from syndicate.parse import parse_issue

    text = (
        "第01版:要闻\n\n一封感谢信\n\n这是第一段，说明了事情的经过。\n\n"
        "最后，再次感谢各位的帮助。谢谢\n\n\n\n"
        "第02版:副刊\n\n写给远方的朋友\n\n愿你一切都好，我们来年再聚。敬礼\n"
    )
    a, b = parse_issue(text, source="x_2022-04-02.txt").articles
    assert a.bylines == () and a.paragraphs[-1].endswith("帮助。谢谢")
    assert b.bylines == () and b.paragraphs[-1].endswith("再聚。敬礼")


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("（主办方供图）", [("photographer", "主办方")]),  # a bracketed photo credit alone
        ("（本报记者 张三 摄）", [("photographer", "张三")]),
        ("（全文见第2版）", []),  # no credit
    ],
)
def test_a_photo_credit_in_brackets_on_its_own_line(line: str, want: list[tuple[str, str]]) -> None:
    assert people(photo_credit(line)) == want


@pytest.mark.parametrize(
    ("text", "rest", "want"),
    [
        ("（图/王少华 文/韩慧）", "", [("photographer", "王少华"), ("author", "韩慧")]),
        ("读者。（文字整理/黎鹏）", "读者。", [("author", "黎鹏")]),
        ("（撰文/刘小茴 供图/省旅文厅）", "", [("author", "刘小茴"), ("photographer", "省旅文厅")]),
    ],
)
def test_slash_credits_name_the_writer_and_the_pictures_in_either_order(
    text: str, rest: str, want: list[tuple[str, str]]
) -> None:
    got = closing_byline(text)
    assert got is not None and (got[0], people(got[1])) == (rest, want)


def test_a_box_compilers_credit_and_a_wire_credit_naming_its_writer_bare() -> None:
    from syndicate.parse.dateline import closing_credit

    assert people(credit_line("（徐珊珊 辑）")) == [("editor", "徐珊珊")]
    assert closing_byline("（徐珊珊 辑）") is None  # it closes the box, not a story
    cc = closing_credit("（新华社北京7月20日电 王逸君）")
    assert cc is not None and people(cc.bylines) == [("reporter", "王逸君")]


def test_a_pointer_to_the_full_text_and_a_bracketed_photo_credit_head_nothing() -> None:
    from syndicate.parse import parse_issue

    text = (
        "第001版：头版\n\n国家科学技术奖励大会在京召开\n\n"
        "新华社北京7月8日电 国家科学技术奖励大会8日上午在人民大会堂隆重举行。\n\n"
        "2025年度国家科学技术奖共评选出258个项目和11名科技专家。\n\n"
        "（讲话全文见A02版）（决定全文见A03版）\n\n"
        "省政府与中国汽车技术研究中心有限公司签约\n\n"
        "本报海口7月8日讯（海南日报全媒体记者陈蔚林）7月8日，省政府与中汽中心签署合作协议。\n\n"
        "根据协议，双方将在汽车产业发展等方面开展合作。\n\n"
        "“雷公马海小文陪你美滩”三亚启动\n\n"
        "7月8日晚，“雷公马海小文陪你美滩”启动仪式在三亚大东海广场举行。\n\n"
        "（主办方供图）\n\n"
        "国外自媒体达人走进五指山市体验雨林风光\n\n"
        "本报五指山7月8日电（海南日报全媒体记者黄富国）7月7日至8日，欧亚青年达人走进五指山。\n\n"
        "达人们表示，将把海南的好风景分享给更多海外网友。\n"
    )
    issue = parse_issue(text, source="hnrb_2026-07-09.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles] == [
        ("国家科学技术奖励大会在京召开", 2),
        ("省政府与中国汽车技术研究中心有限公司签约", 2),
        ("“雷公马海小文陪你美滩”三亚启动", 1),
        ("国外自媒体达人走进五指山市体验雨林风光", 2),
    ]
    assert issue.articles[2].credits == ("主办方摄",)
    assert not any("全文见" in p for a in issue.articles for p in a.paragraphs)


def test_a_wire_photos_credit_glued_after_the_caption_is_no_text() -> None:
    from syndicate.parse import parse_issue

    text = (
        "第008版：中国/世界新闻\n\n加拿大多地野火持续蔓延\n\n"
        "近期，加拿大多地出现野火，过火面积超过290万公顷。"
        "图为7月19日在加拿大卡什克里克附近，野火燃烧冒出浓烟。新华社/路透\n"
    )
    (a,) = parse_issue(text, source="hnrb_2026-07-20.txt").articles
    assert a.paragraphs[-1].endswith("冒出浓烟。") and a.credits == ("新华社/路透",)


def test_a_front_page_teaser_with_only_its_page_code_is_dropped_not_published() -> None:
    from syndicate.parse import parse_issue

    text = (
        "第001版：头版\n\n新能源撑起海南电力“半壁江山”\n\n"
        "本报讯（记者王五）上半年，海南新能源发电量占全省发电量近一半。\n\n"
        "文明如光，照见自贸港精气神\n\n{code}\n\n\n\n"
        "第002版：本省新闻\n\n文明如光，照见自贸港精气神\n\n■ 海南日报全媒体记者 李萌\n\n"
        "连日来，琼州大地上，一个个“海南好人”的故事感动人心。\n\n"
        "放眼琼州大地，文明之花处处绽放。\n"
    )
    for code in ("A02", "（A02）"):
        issue = parse_issue(text.format(code=code), source="hnrb_2026-07-10.txt")
        got = [(a.page, a.title, len(a.paragraphs)) for a in issue.articles]
        assert got == [
            (1, "新能源撑起海南电力“半壁江山”", 1),
            (2, "文明如光，照见自贸港精气神", 2),
        ]


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("执行总监：李四 客户端主编：王五", [("other", "李四"), ("other", "王五")]),
        ("本版AI绘图/张昕", [("designer", "张昕")]),
        ("文字整理/蔡佳倩制图/许丽", [("other", "蔡佳倩"), ("designer", "许丽")]),
        ("本文配图均由蔡少玲提供", [("photographer", "蔡少玲")]),
        (
            "本版言论只代表作者个人观点 投稿信箱：tougao@example.cn",
            [("other", "本版言论只代表作者个人观点 投稿信箱：tougao@example.cn")],
        ),
    ],
)
def test_a_pages_staff_pictures_and_notice_lines_are_credits(
    line: str, want: list[tuple[str, str]]
) -> None:
    assert people(credit_line(line)) == want


def test_an_authors_note_in_lenticular_brackets_and_a_marked_text_and_photo_byline() -> None:
    note = source_line("【作者系海南大学教授，本文系国家社科基金项目阶段性成果】")
    assert note is not None and note.role == "other" and note.name.startswith("作者系")
    assert people(is_byline_line("■ 文\\图 陈有济")) == [("author", "陈有济")]
    assert people(is_byline_line("■ 文/图 陈有济")) == [("author", "陈有济")]  # not 文图


def test_a_text_and_photo_credit_glued_after_the_last_sentence_is_no_text() -> None:
    from syndicate.parse import parse_issue

    text = (
        "第006版：教育周刊\n\n省图公益小课堂等你来\n\n"
        "为充分发挥公共图书馆社会教育职能，省图书馆推出暑期公益小课堂。\n\n"
        "读者可通过省图书馆微信公众号报名参加。文/图 海南省图书馆\n\n"
        "林下探秘识南药\n\n海南日报全媒体记者 曾毓慧\n\n"
        "看似寻常的灌木、草叶，竟是能入药的南药。这是一个品种。文/海南日报全媒体记者 刘杰 图/王五\n"
    )
    library, herbs = parse_issue(text, source="hnrb_2026-07-21.txt").articles
    assert library.paragraphs[-1].endswith("报名参加。") and library.credits == (
        "文/图 海南省图书馆",
    )
    assert herbs.paragraphs[-1].endswith("这是一个品种。")
    assert "刘杰" in herbs.reporters


def test_a_teaser_mid_page_is_dropped_and_the_next_story_starts_under_it() -> None:
    from syndicate.parse import parse_issue

    text = (
        "第001版：头版\n\n在庆祝大会上的讲话\n\n7月16日出版的第14期《求是》杂志发表重要讲话。\n\n"
        "文章强调，中国共产党105年的辉煌历史令人鼓舞。\n\n"
        "坚持人民至上 筑牢底线思维\n\n（A02版）\n\n"
        "确保学习教育善作善成\n\n本报海口7月15日讯（记者李磊）7月15日，省委召开会议。\n\n"
        "会议要求，各级各部门抓好落实。\n"
    )
    issue = parse_issue(text, source="hnrb_2026-07-16.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles] == [
        ("在庆祝大会上的讲话", 2),
        ("确保学习教育善作善成", 2),
    ]


def test_a_bracketed_qualifier_is_no_series_tag_where_the_title_goes_on() -> None:
    from syndicate.parse import parse_issue

    text = (
        "第003版：本省新闻\n\n2026海南国际（意大利）\n青少年访琼交流活动举办\n\n"
        "本报海口7月15日讯（记者王五）7月15日，交流活动在海口举办。\n\n"
        "来自意大利的青少年参观了海南博物馆。\n"
    )
    (a,) = parse_issue(text, source="hnrb_2026-07-16.txt").articles
    assert "".join(a.title.split()) == "2026海南国际（意大利）青少年访琼交流活动举办"


def test_news_text_with_a_photo_credit_glued_on_closing_a_story_is_its_paragraph() -> None:
    from syndicate.parse import parse_issue

    news = (
        "目前，位于三亚市中央商务区凤凰海岸单元的交易中心已进入装饰装修收尾阶段。"
        "据介绍，该项目设计灵感来源于帆船，建成后将成为海南自贸港文化地标。"
    )
    text = (
        "第001版：头版\n\n中国海南国际文物艺术品交易中心展露真容\n\n"
        f"{news}海南日报全媒体记者 王程龙 摄\n\n"
        "19座校内游泳池免费开放\n\n本报讯（记者郭玉瑛）7月20日起，海口19座校内游泳池免费开放。\n\n"
        "开放时间为每天下午，市民可通过小程序预约。\n\n"
        "本次开放意在丰富学生假期生活，强健体魄，教授游泳技能与防溺水知识，"
        "各校还安排了专业救生员和教练在场值守，让孩子们度过一个安全快乐的暑假。"
        "海南日报全媒体记者 王程龙 摄\n"
    )
    photo, pools = parse_issue(text, source="hnrb_2026-07-21.txt").articles
    assert photo.paragraphs == (news,) and photo.credits == ("海南日报全媒体记者 王程龙摄",)
    assert len(pools.paragraphs) == 3 and pools.paragraphs[-1].endswith("暑假。")


@pytest.mark.parametrize(
    ("line", "want"),
    [
        # a news app's or a news brand's staff sign as a paper's do
        ("南方+记者 王五", [("reporter", "王五")]),
        ("央视新闻记者 吴七 报道", [("reporter", "吴七")]),
        ("红星新闻记者 郑宇 实习记者 林夕", [("reporter", "郑宇"), ("reporter", "林夕")]),
        ("川观新闻客户端记者 陈松", [("reporter", "陈松")]),
        ("中国网记者 何平", [("reporter", "何平")]),
        # two media, one staff; a correspondent posted abroad or sent there, and where from
        ("南方日报、南方+记者 张三 通讯员 李四", [("reporter", "张三"), ("correspondent", "李四")]),
        ("人民日报驻巴黎记者 李四", [("reporter", "李四")]),
        ("南方日报特派记者 张三 发自巴黎", [("reporter", "张三")]),
        ("记者 张三 北京报道", [("reporter", "张三")]),
        ("本报记者 张三 李四 报道", [("reporter", "张三"), ("reporter", "李四")]),
        # the reporters took the pictures too; a video's maker after the photographer's
        ("本报记者 张三 文/图", [("reporter", "张三")]),
        ("记者 张三 通讯员 李四 文/图", [("reporter", "张三"), ("correspondent", "李四")]),
        (
            "文/张三 图/李四 视频/王五",
            [("author", "张三"), ("photographer", "李四"), ("other", "王五")],
        ),
    ],
)
def test_a_news_brands_staff_byline(line: str, want: list[tuple[str, str]]) -> None:
    assert people(is_byline_line(line)) == want


@pytest.mark.parametrize(
    ("line", "want"),
    [
        # roles joined by a slash before one colon, and the staff's role before the names
        ("策划/统筹：张一 李二", [("other", "张一"), ("other", "李二")]),
        ("撰文：南方日报记者 赵三 钱四", [("author", "赵三"), ("author", "钱四")]),
        ("摄影：南方日报记者 孙五", [("photographer", "孙五")]),
        ("采写：南方日报记者 张三", [("author", "张三")]),
        ("视频：南方+记者 张三", [("other", "张三")]),
        ("海报/李四", [("designer", "李四")]),
        ("图/新华社", [("photographer", "新华社")]),
    ],
)
def test_a_features_stacked_credits(line: str, want: list[tuple[str, str]]) -> None:
    assert people(credit_line(line)) == want


#: A feature under its headline and a stack of credits, the writer's last, after a news
#: story signed by a news app's reporter (a provincial daily's layout).
CREDITED_FEATURE = """广东召开全省高质量发展大会

南方+记者 王五

10月21日，横琴粤澳深度合作区推出便民新举措，澳门居民办理业务更加方便。

相关负责人表示，下一步将继续完善配套服务，让居民办事更省心。

湾区制造业迈向高端化

策划/统筹：张一 李二

撰文：南方日报记者 赵三 钱四

摄影：南方日报记者 孙五

10月20日，粤港澳大湾区制造业高质量发展论坛在东莞举行，来自各地的嘉宾共商发展大计。

论坛发布了多项合作成果，涉及智能制造、新能源等领域。
"""


def test_a_features_headline_over_its_stacked_credits_starts_it() -> None:
    arts = parse_issue(CREDITED_FEATURE, source="nfrb_2024-10-26.txt").articles
    assert [(a.title, a.reporters, len(a.paragraphs)) for a in arts] == [
        ("广东召开全省高质量发展大会", ("王五",), 2),
        ("湾区制造业迈向高端化", ("赵三", "钱四"), 2),
    ]
    assert arts[1].credits == ("策划/统筹：张一", "策划/统筹：李二", "摄影：孙五")
