"""Issues of other papers in the family of layouts, written by hand with what a reader sees.

tests/data/family/ holds a county paper (combined masthead lines, jump markers, bullets,
inline photo captions, page credits) and a GB18030 evening paper (form-feed page breaks,
``第A01版`` headers, ``本报讯 记者X报道``, ``中新网…电(记者X)``, ``文/图`` bylines, lists).
"""

from __future__ import annotations

import re
from pathlib import Path

from syndicate.model import Issue
from syndicate.parse import parse_bytes, parse_issue

FAMILY = Path(__file__).parent.parent / "data" / "family"


def parse(name: str) -> Issue:
    path = FAMILY / name
    return parse_bytes(path.read_bytes(), source=path.name)


def heads(issue: Issue) -> list[tuple[int, str]]:
    return [(a.page, a.title) for a in issue.articles]


def kinds(issue: Issue) -> list[str]:
    return [p.kind for p in issue.problems]


def test_county_paper_masthead() -> None:
    issue = parse("county_2023-06-08.txt")
    p = issue.paper
    assert (p.name, p.sponsor, p.publisher) == ("平阳县报", "中共平阳县委", "平阳县融媒体中心")
    assert (p.cn, p.hotline, p.slogan) == ("CN37-0123", "0530-1234567", None)
    assert str(issue.date) == "2023-06-08" and issue.weekday == "星期四"
    assert issue.lunar_date == "农历癸卯年四月廿一"
    assert (issue.serial, issue.number_in_year) == (1234, None)
    assert [(pg.number, pg.name) for pg in issue.pages] == [(1, "要闻"), (2, "综合")]


def test_county_paper_articles() -> None:
    issue = parse("county_2023-06-08.txt")
    assert heads(issue) == [
        (1, "我县召开全县经济运行分析会"),
        (1, "麦收时节访田间"),
        (2, "5月份CPI同比上涨0.2%"),
        (2, "县医院开展义诊进社区活动"),
    ]
    meeting, harvest, cpi, clinic = issue.articles
    # the jump to page 2 is followed: one article, marker gone, both halves in order
    assert [p[:4] for p in meeting.paragraphs] == ["6月7日", "会议指出", "会议要求", "会议强调"]
    assert meeting.paragraphs[1].endswith("抢抓机遇，全力以赴稳增长、促发展。")
    assert "下转" not in "".join(meeting.paragraphs)
    assert "（含续建项目）" in meeting.paragraphs[2]
    assert (meeting.dateline, meeting.reporters, meeting.credits) == (
        "本报讯",
        ("张晓明",),
        ("实习生 李华",),
    )
    assert harvest.reporters == ("赵敏",)
    assert harvest.captions == ("图为农机手在田间抢收小麦。",)
    assert "本报记者 赵敏摄" in harvest.credits and "责任编辑：孙丽" in harvest.credits
    assert harvest.paragraphs[1] == "“今年小麦长势好，亩产预计能到1,200斤。”种粮大户刘长顺说。"
    assert (cpi.dateline, cpi.place, cpi.reporters) == ("新华社北京6月7日电", "北京", ("陈曦",))
    assert clinic.correspondents == ("钱进",) and clinic.reporters == ()
    assert {"jump", "page-continues", "rejoined-paragraph"} <= set(kinds(issue))


def test_gb18030_evening_paper() -> None:
    issue = parse("evening_gbk.txt")
    assert issue.problems[0].kind == "encoding"
    assert (issue.paper.name, str(issue.date), issue.serial) == ("城市晚报", "2024-01-29", 5678)
    assert [(pg.number, pg.name) for pg in issue.pages] == [(1, "要闻"), (2, "社会")]
    assert heads(issue) == [
        (1, "春运首日客流平稳有序"),
        (1, "成都：大熊猫馆迎来新成员"),
        (2, "冬日暖阳"),
        (2, "小区里的“百家宴”"),
    ]
    spring, panda, winter, feast = issue.articles
    assert (spring.dateline, spring.reporters) == ("本报讯", ("龚永泉",))
    assert spring.paragraphs[0] == "今天是2024年春运首日，全市各交通枢纽客流平稳有序。"
    # list items ending in ； and a lead-in ending in ： stay separate paragraphs
    assert len(spring.paragraphs) == 6 and spring.paragraphs[2] == "一是增开临客列车12趟；"
    assert (panda.dateline, panda.place, panda.reporters) == (
        "中新网成都1月29日电",
        "成都",
        ("刘忠俊",),
    )
    assert panda.paragraphs[0].startswith("记者29日从")
    assert (winter.subtitle, winter.reporters) == ("——记社区志愿者王秀英", ("林小雨",))
    assert winter.captions == ("图为王秀英在为老人理发。",)
    assert feast.reporters == ("林小雨",) and "图/陈刚" in feast.credits


def test_no_credit_or_header_becomes_text() -> None:
    for name in ("county_2023-06-08.txt", "evening_gbk.txt"):
        for a in parse(name).articles:
            text = [a.title, *a.paragraphs]
            assert not any(t.startswith(("第", "责任编辑", "本报记者", "文/")) for t in text), a
            assert not any(t.endswith("摄") for t in text), a


PHOTO_PAGE = """第01版：要闻

我市召开全市青少年体育工作会议

本报讯（记者 李四）3月1日，全市青少年体育工作会议召开。

会议要求，各地要抓好落实。

图片新闻

▲图为学生们在操场上进行广播体操比赛。  本报记者 张三 摄

春回大地

当地农民在田间忙着春耕。

本报通讯员 王五摄

连日来，我县各地农民抓住有利时机开展春耕生产。
"""


def test_photo_news_and_lead_photos_start_stories() -> None:
    issue = parse_bytes(PHOTO_PAGE.encode(), source="photo-2024-03-02.txt")
    meeting, photo, spring = issue.articles
    assert [a.title for a in issue.articles] == [
        "我市召开全市青少年体育工作会议",
        "图片新闻",
        "春回大地",
    ]
    assert len(meeting.paragraphs) == 2 and meeting.captions == ()
    assert photo.captions == ("图为学生们在操场上进行广播体操比赛。",) and photo.paragraphs == ()
    assert photo.credits == ("本报记者 张三摄",)
    assert spring.captions == ("当地农民在田间忙着春耕。",)
    assert spring.credits == ("本报通讯员 王五摄",) and spring.correspondents == ()
    assert spring.paragraphs == ("连日来，我县各地农民抓住有利时机开展春耕生产。",)


DISTRICT_MASTHEAD = """滨河区报

主办：中共滨河区委  出版：滨河区融媒体中心

2023年5月6日  星期六  农历三月十七

总第888期  本期共四版

服务群众 引领发展

全区召开安全生产工作会议

本报讯 5日，全区安全生产工作会议召开。
"""


def test_masthead_slogan_of_two_phrases_is_not_a_kicker() -> None:
    issue = parse_bytes(DISTRICT_MASTHEAD.encode(), source="binhe.txt")
    p = issue.paper
    assert (p.name, p.sponsor, p.publisher, p.slogan) == (
        "滨河区报", "中共滨河区委", "滨河区融媒体中心", "服务群众 引领发展"
    )  # fmt: skip
    assert (issue.serial, issue.lunar_date, str(issue.date)) == (888, "农历三月十七", "2023-05-06")
    (article,) = issue.articles
    assert (article.kicker, article.title) == (None, "全区召开安全生产工作会议")


W = "\u3000\u3000"
#: A wire paper's e-paper pages: flush headlines and bylines, indented paragraphs, centred
#: subheads printed flush, closing datelines on their own line or glued after the last
#: sentence, and stories of a page one blank line apart.
WIRE = f"""01版：要闻

一张清单为乡村干部减负
湖州推行村社事项清单改革，让干部专注分内事

本报记者 张三 李四

{W}当了快十年村支书，老宋的手机终于能歇口气了，他说这是清单带来的变化。

{W}作为村里的党总支书记，他过去什么事都要接，什么会都要开，一天到晚停不下来。

看点一：明确清单的边界，构建基层减负的长效机制

{W}村干部都说，这两年老宋的胆子变大了，敢对不属于村里的事情说不了，乡镇也不再随意派活。

{W}现在村社干部敢拒绝，底气来自工作事项清单改革，这份清单由各方共同梳理。

高原观海探寻生态经济密码

新华社记者 王五

{W}高原观海，是山区春天特有的打开方式，云海之下是连片的茶园和民宿。

{W}生态优先的路子越走越宽，当地的游客一年比一年多，村民的收入也跟着涨了。

{W}{W}新华社贵阳4月27日电

民间投资信心足
——河北一季度见闻

新华社记者 赵六

{W}春江水暖，资本先知。今年第一季度，民间投资增速明显回升，企业忙着扩产。

{W}连日来，记者走进企业建设和生产现场，看到的是一派繁忙的景象和满满的信心。{W}新华社石家庄4月27日电
"""


def test_a_wire_page_with_flush_bylines_subheads_and_closing_datelines() -> None:
    issue = parse_issue(WIRE, source="x_2026-04-28.txt")
    assert [a.title for a in issue.articles] == [
        "一张清单为乡村干部减负",
        "高原观海探寻生态经济密码",
        "民间投资信心足",
    ]
    first, second, third = issue.articles
    assert [b.name for b in first.bylines] == ["张三", "李四"]
    assert [p[:4] for p in first.paragraphs] == [
        "当了快十",
        "作为村里",
        "看点一：",
        "村干部都",
        "现在村社",
    ]
    assert first.subheads == (2,)
    # a closing dateline, alone or glued, is where the story was filed: never text
    assert second.paragraphs[-1].endswith("也跟着涨了。") and len(second.paragraphs) == 2
    assert second.dateline == "新华社贵阳4月27日电"
    assert third.paragraphs[-1].endswith("满满的信心。")
    assert third.dateline == "新华社石家庄4月27日电"
    # a closing byline printed flush after the last story is that story's, not an item
    closed = parse_issue(WIRE + "\n(本报记者张武岳)\n", source="x_2026-04-28.txt")
    assert "张武岳" in [b.name for b in closed.articles[-1].bylines]
    assert not [p for p in closed.problems if p.kind == "dropped-item"]
    # without blank lines a flush byline still ends the headline block above it
    dense = "\n\n\n".join(re.sub(r"\n\n+", "\n", p) for p in WIRE.split("\n\n\n"))
    heads = [
        (a.title, [b.name for b in a.bylines])
        for a in parse_issue(dense, source="x_2026-04-28.txt").articles
    ]
    assert heads[0] == ("一张清单为乡村干部减负", ["张三", "李四"])
    assert heads[-1] == ("民间投资信心足", ["赵六", "新华社石家庄4月27日电"])
    # a paper that does not sign its stories under the headline keeps a flush line a headline
    unsigned = WIRE.replace("本报记者 张三 李四\n\n", "").replace("新华社记者 王五\n\n", "")
    unsigned = unsigned.replace("新华社记者 赵六\n\n", "")
    assert len(parse_issue(unsigned, source="x_2026-04-28.txt").articles) == 4


#: A theory paper's pages as its site gives them: nothing indented, the author line (a bare
#: name, two names, a post before the name) under the headline, subheads without a mark.
THEORY = """01版：国内大局

发挥地方特色文化优势赋能高质量发展
——学习贯彻重要论述的体会

贵州省政协主席 赵永清

习近平总书记深刻指出，地方特色文化充分展现了中华文化的地域性和多样性。

深刻领会关于地方特色文化的重要论述

党的十八大以来，关于地方特色文化的重要论述为我们更好延续历史文脉指明了方向。

构建未来产业全链条培育体系
—未来产业的发展之路

郭丽岩

规划纲要指出，瞄准引领未来发展重点领域，构建未来产业全链条培育体系。

加快构建未来产业全链条培育体系的重要意义

加快构建未来产业全链条培育体系，是抢占全球科技与产业竞争制高点的必然选择。

把发展经济和改善民生有机统一起来
——民生连着发展

韩庆祥\u3000方兰欣

民生连着发展，抓民生也是抓发展，这些年我们多次强调要把两者统一起来。
"""


def test_an_author_line_under_a_flat_headline_opens_the_story() -> None:
    issue = parse_issue(THEORY, source="x_2026-05-11.txt")
    assert [a.title for a in issue.articles] == [
        "发挥地方特色文化优势赋能高质量发展",
        "构建未来产业全链条培育体系",
        "把发展经济和改善民生有机统一起来",
    ]
    assert [[b.name for b in a.bylines] for a in issue.articles] == [
        ["赵永清"],
        ["郭丽岩"],
        ["韩庆祥", "方兰欣"],
    ]
    assert [len(a.paragraphs) for a in issue.articles] == [3, 3, 1]


INTERVIEW = """
能源问题是发展中的战略问题
——访三位能源专家

今年3月，总书记在考察时强调，能源问题是发展中的战略问题。围绕如何保障国家能源安全、加快建设新型能源体系，本报记者采访了三位长期研究能源问题的专家，请他们谈谈看法。

采访嘉宾：刘吉祥 某大学原校长

吕文华 某研究所所长

林伯明 某大学能源政策研究院院长

本报记者：王翠娟

学习时报：能源问题为什么是发展中的战略问题？

刘吉祥：能源是关系国计民生的基本物质基础，这是我们的基本判断。
"""


def test_an_interviews_intro_and_guest_list_over_its_byline_are_body() -> None:
    issue = parse_issue(THEORY + INTERVIEW, source="x_2026-05-11.txt")
    a = issue.articles[-1]
    assert a.title == "能源问题是发展中的战略问题" and len(issue.articles) == 4
    assert [b.name for b in a.bylines] == ["王翠娟"]
    assert [p[:5] for p in a.paragraphs] == [
        "今年3月，",
        "采访嘉宾：",
        "吕文华 某",
        "林伯明 某",
        "学习时报：",
        "刘吉祥：能",
    ]


#: An evening paper's crawl: nothing indented, stacked headline lines, bylines closing the
#: stories on their own line; a subhead over a news lead inside the page's story.
EVENING = """第10版:上海新闻

外长会在屯溪举行
各方代表出席磋商机制会议

这两天，安徽屯溪吸引了世界目光，多国外长在这里共商地区局势。

会上，各方来宾围绕地区局势向稳、帮助支持重建等议题深入交换意见。

帮助邻国走出困境

3月31日，外长在屯溪主持召开会议，会议发表了联合声明。

分析人士认为，这次会议意味深长，体现了负责任大国的担当。

本报记者  王若弦



第11版:综合新闻

戏曲艺术中心云上放送经典
每天都有好戏等你解锁

与剧场暂别的日子，戏曲演出始终在线，观众在家也能看好戏。

本报记者  朱渊



第12版:文体新闻

市民居家健身热情高
线上课程受欢迎

居家期间，不少市民在家跟着线上课程健身，运动热情不减。

本报记者  张三
"""


def test_on_a_page_signed_at_the_end_an_unsigned_story_goes_on_under_a_subhead() -> None:
    issue = parse_issue(EVENING, source="x_2022-04-01.txt")
    first = issue.articles[0]
    assert len(issue.articles) == 3 and first.reporters == ("王若弦",)
    assert [p[:4] for p in first.paragraphs] == [
        "这两天，",
        "会上，各",
        "帮助邻国",
        "3月31",
        "分析人士",
    ]
    # where no story closes with its byline, the line over a news lead heads a story
    unsigned = re.sub(r"\n\n本报记者  \S+\n", "\n", EVENING)
    assert len(parse_issue(unsigned, source="x_2022-04-01.txt").articles) == 4


def test_a_closing_dateline_ends_a_flat_story_so_the_line_under_it_heads_the_next() -> None:
    page = EVENING.replace(
        "本报记者  王若弦\n",
        "新华社屯溪3月31日电\n\n外长们共话地区发展\n\n与会外长一致认为，加强合作是地区发展的必由之路。\n",
    )
    articles = parse_issue(page, source="x_2022-04-01.txt").articles
    assert [a.title for a in articles][2] == "外长们共话地区发展"
    assert articles[1].paragraphs[-1].endswith("负责任大国的担当。")


#: A theory page's essay with subheads printed on two lines, the first ending on a comma
#: (新华日报 2024-10-18, as printed; the paragraphs shortened).
TWO_LINE_SUBHEADS = [
    "第1版：理论",
    "产教融合打造商务英语人才队伍",
    "□ 杜 辉",
    "产教融合指高校与企业相互联系，构建稳定、高效、深层次的合作关系，促进企业高质量发展和"
    "高校办学实力提升，属于多方共赢机制。",
    "依循产业发展，",
    "创设产学研人才培养环境",
    "基于产教融合衡量高校商务英语人才培养质量的标准之一在于，人才是否能够满足产业发展需求。"
    "高校需及时转变思路，将培养重心从专业人才转向产业人才。",
    "对接产业需求，",
    "完善专业课程内容",
    "有效的课程载体在高校商务英语人才培养过程中发挥着至关重要的作用。基于产教融合，高校继续"
    "将商务英语办学特色与定位相融合。",
]


def test_a_subhead_printed_on_two_lines_keeps_its_lines_and_both_are_subheads() -> None:
    """Each line of a two-line subhead is a paragraph of the story as printed (readers key them
    so), and both are subheads; neither is a sentence cut mid-way nor joined to the other."""
    issue = parse_issue("\n\n".join(TWO_LINE_SUBHEADS) + "\n", source="x-2024-10-18.txt")
    (a,) = issue.articles
    assert [p[:8] for p in a.paragraphs] == [
        "产教融合指高校与",
        "依循产业发展，",
        "创设产学研人才培",
        "基于产教融合衡量",
        "对接产业需求，",
        "完善专业课程内容",
        "有效的课程载体在",
    ]
    assert a.subheads == (1, 2, 4, 5)
    assert issue.doubts == ()
    assert not [p for p in issue.problems if "依循" in p.detail or "对接" in p.detail]
    # a clause cut at a column break still joins the line under it, which ends the sentence
    cut = [*TWO_LINE_SUBHEADS[:4], "市里的老旧小区，", "今年全部完成改造。"]
    (b,) = parse_issue("\n\n".join(cut) + "\n", source="x-2024-10-18.txt").articles
    assert b.paragraphs[-1] == "市里的老旧小区，今年全部完成改造。"


#: A feature whose subheads are one series (``一山两地，…`` / ``比学赶超，…`` / ``优势互补，…``),
#: the last closed by a quoted term; a feature's sections under numbered labels; a two-line
#: subhead whose second line ends on a quoted term (新华日报 2024-10-23 and 10-16, as printed;
#: the paragraphs shortened).
SERIES_QUOTED = [
    "第1版：要闻",
    "同打一张牌，共建“大茅山”",
    "谈到茅山，人们很容易想到镇江句容，由于茅山主峰和茅山风景区在句容，这在游人心目中几乎成了定论。",
    "一山两地，长假都迎来高人气",
    "国庆前夕，从常州市金坛区通往茅山旅游度假区的寻仙路互通大桥通车，金坛茅山旅游大道全线贯通。",
    "虽然是老牌景区，但茅山风景区不断升级基础设施、服务配套，建成景区客运中心和游客中心。",
    "比学赶超，茅山新增3个4A景区",
    "金坛句容争相发力、新老景区齐放光彩，茅山的吸引力、影响力大幅提升。今年国庆长假，茅山游客"
    "总量突破50万人次。",
    "优势互补，句容金坛共建“大茅山”",
    "同属一座茅山，景点景区丰富且各具特色，但记者一路看过来，整个茅山内道路交通还不够顺畅。",
]
LABELLED = [
    "第1版：要闻",
    "传承千年的中医正“潮”起来",
    "10月20日，“苏中医·行世界”文化市集在南京正式启幕，吸引了众多市民和外国友人前来体验。",
    "关键词1",
    "“国际范儿”",
    "“会痛吗？不要骗我。”市集上，来自法国的留学生Mike第一次体验耳穴压豆，他一时有些紧张。",
    "关键词2",
    "年轻态",
    "“枣”日翻红；“枸杞”在手，加班不抖；“芡”万不要熬夜啦……活动现场的打卡墙吸引了不少年轻人。",
]
QUOTED_SECOND_LINE = [
    "第1版：要闻",
    "智慧＋服务，让老年人“医”路畅通",
    "深化医药卫生体制改革是推动卫生健康事业高质量发展的重要内容之一，人民群众就医体验是最直接体现。",
    "老年人“看病难”问题凸显，",
    "医疗服务亟待“老年友善”",
    "江苏省老龄工作委员会全体会议日前透露，截至去年底，全省60周岁以上户籍老年人口达2042.99万。",
]


def test_subheads_closed_by_a_quoted_term_or_under_a_numbered_label_stand_apart() -> None:
    """A subhead may end on a quoted term (``共建“大茅山”``): it still counts in its story's
    series, so the series' line carrying a count (``新增3个4A景区``) is no clause cut at a
    column break, and it may be a two-line subhead's second line. A numbered label's figure
    (``关键词2``) counts nothing in the subhead under it (``年轻态``), which is no byline."""
    texts = [SERIES_QUOTED, LABELLED, QUOTED_SECOND_LINE]
    issues = [parse_issue("\n\n".join(t) + "\n", source="x-2024-10-23.txt") for t in texts]
    assert [len(i.articles) for i in issues] == [1, 1, 1]
    assert [p[:6] for p in issues[0].articles[0].paragraphs][4:6] == [
        "比学赶超，茅",
        "金坛句容争相",
    ]
    labelled = issues[1].articles[0]
    assert labelled.paragraphs[4:6] == ("关键词2", "年轻态") and {4, 5} <= set(labelled.subheads)
    quoted = issues[2].articles[0]
    assert quoted.paragraphs[1:3] == ("老年人“看病难”问题凸显，", "医疗服务亟待“老年友善”")
    assert quoted.subheads == (1, 2)
    assert [d for i in issues for d in i.doubts] == []


#: A party branch's report whose sections are headed by subheads of three phrases, each over
#: run-in leads (新华日报 2024-10-24, as printed; the paragraphs shortened).
THREE_PHRASE_SUBHEADS = [
    "第1版：要闻",
    "石榴花开、百籽同心，中医药文化传承创新铸牢中华民族共同体意识",
    "南京中医药大学中医学院教工第二党支部依托国家社会科学基金重大项目，深入开展中医药文化研究。",
    "强化政治引领功能，坚持以文载道，垒筑新时代“敦煌医学”文史研究新高地",
    "领悟重要指示，锻造文史高地。支部找准中医药文化理论研究和铸牢中华民族共同体意识教育的结合点。",
    "狠抓自身建设，锻造一流团队。支部不断优化队伍结构，形成了一支高素质、高层次党员人才队伍。",
    "强化民族团结教育，坚持以文传声，构筑新时代铸牢中华民族共同体意识新阵地",
    "强化理论引领，锻造育人名片。支部坚持以铸牢中华民族共同体意识落实立德树人根本任务。",
]


def test_a_subhead_of_three_phrases_is_no_clause_cut_at_a_column_break() -> None:
    """A subhead of three phrases (up to 40 characters, no count in it) is no clause cut at a
    column break: the run-in lead under it (``领悟重要指示，锻造文史高地。…``) is a paragraph of
    its own, and the line is a subhead, not a paragraph ending mid-sentence."""
    issue = parse_issue("\n\n".join(THREE_PHRASE_SUBHEADS) + "\n", source="x-2024-10-24.txt")
    (a,) = issue.articles
    assert [p[:6] for p in a.paragraphs] == [
        "南京中医药大",
        "强化政治引领",
        "领悟重要指示",
        "狠抓自身建设",
        "强化民族团结",
        "强化理论引领",
    ]
    assert a.subheads == (1, 4)
    assert issue.doubts == ()


#: A front-page story whose headline stands over a pull-quote box: the box's label, then an
#: excerpt of the story without its final mark (解放日报 2022-05-28, as exported; the
#: paragraphs shortened).
PULL_QUOTE_BOX = [
    "第01版",
    "在“控得住”前提下加快经济恢复重振",
    "发扬“店小二”精神",
    "各层各级领导干部要主动关心企业、服务企业，发扬“店小二”精神，深入基层一线，倾听企业"
    "呼声，帮助企业排忧解难。要支持企业加快复工复产，要送政策上门",
    "本报讯 市委常委会昨晚举行会议，研究部署我市复工复产和加快经济恢复有关工作。",
    "会议强调，各层各级领导干部要主动关心企业、服务企业，发扬“店小二”精神，深入基层一线，"
    "倾听企业呼声，帮助企业排忧解难。",
]


def test_a_line_labelling_a_pull_quote_under_the_headline_is_no_title() -> None:
    """The second of two headline lines labels the pull-quote under it when the excerpt says
    the line's words and opens as a paragraph of the story does: the first line is the title,
    the label goes with the excerpt into the lead box."""
    issue = parse_issue("\n\n".join(PULL_QUOTE_BOX) + "\n", source="jfrb_2022-05-28.txt")
    (a,) = issue.articles
    assert (a.kicker, a.title) == (None, "在“控得住”前提下加快经济恢复重振")
    assert a.lead_box[0] == "发扬“店小二”精神" and a.lead_box[1].startswith("各层各级领导干部")
    assert a.dateline == "本报讯" and len(a.paragraphs) == 2
    # a kicker over a title with a box under it that the story does not say again stays so
    other = [*PULL_QUOTE_BOX[:3], "市委常委会昨晚举行会议研究部署复工复产", *PULL_QUOTE_BOX[4:]]
    (b,) = parse_issue("\n\n".join(other) + "\n", source="jfrb_2022-05-28.txt").articles
    assert b.title == "发扬“店小二”精神"
