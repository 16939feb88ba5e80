"""A provincial daily's web crawl (海南日报's shape: page headers ``第NNN版：name``, no indents,
a blank line between paragraphs, two-line titles): bracketed closing datelines end a story,
an editor's note between a headline and its byline is an item of its own, and a title line
ending on 暨 goes on in the next line."""

from __future__ import annotations

from syndicate.parse import parse_issue
from syndicate.parse.conventions import infer_conventions
from syndicate.parse.dateline import closing_byline, glued_credit
from syndicate.parse.pages import split_pages
from tests.parse.variants import STACKED_FRONT

PAGE = """第006版：中国/世界新闻

《习近平谈治国理政》第五卷
吉尔吉斯斯坦推介会在比什凯克举行

新华社比什凯克7月13日电 （记者江宥林 赵宇） 推介会13日在比什凯克举行。

与会嘉宾认为，这部著作为读者了解中国提供了重要窗口。

本次活动由中国国务院新闻办公室等单位共同主办。

国际人士期待大会
凝聚各方共识

新华社北京7月13日电 受访国际人士表示，期待聆听大会发出的声音。

“我十分期待这次大会。”一位科学家说。

（新华社北京7月13日电）

2026世界人工智能大会令人期待

今年大会的主题是“智能伙伴 共创未来”，将设置论坛会议、展览展示等板块。

今年，3000余项展品集中亮相，超300款产品将实现全球首发。

（新华社上海7月13日电 记者龚雯）

海洋牧场建设
跑出加速度

本报三亚7月12日讯 三亚市海洋牧场建设再提速，首批网箱已投放。

当地渔民说，海洋牧场让大家的日子越过越好。（本报三亚7月12日电）

椰林深处的夜校

当地夜校开学了，村民们白天劳作，晚上来这里学技能。

夜校的老师都是志愿者，已经坚持了三年。
"""


def test_bracketed_closing_datelines_end_their_stories() -> None:
    pages = split_pages(PAGE)
    assert infer_conventions(pages).stacked_heads
    issue = parse_issue(PAGE, source="hnrb_2026-07-14.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles] == [
        ("《习近平谈治国理政》第五卷 吉尔吉斯斯坦推介会在比什凯克举行", 3),  # one title
        ("国际人士期待大会 凝聚各方共识", 2),
        ("2026世界人工智能大会令人期待", 2),
        ("海洋牧场建设 跑出加速度", 2),
        ("椰林深处的夜校", 2),
    ]
    ai = issue.articles[2]
    assert [b.name for b in ai.bylines if b.role == "reporter"] == ["龚雯"]
    assert not any("新华社" in p for p in ai.paragraphs)


def test_a_credit_glued_after_the_last_sentence() -> None:
    dl = glued_credit("当地渔民说，日子越过越好。（本报三亚7月12日电）")
    assert dl is not None and dl.place == "三亚"
    assert glued_credit("…匠心力量。 （本报牙叉7月16日讯）") is not None
    assert glued_credit("他笑着说（大意如此）") is None  # no stop before it: part of the sentence


#: Two stories signed under their two-line headlines (a page's usual shape), shared by pages.
SIGNED = """全面贯彻强军思想
巩固军政军民团结

■ 海南日报全媒体记者 李磊

7月13日，省领导走访慰问驻琼部队，向官兵致以节日问候。

冯飞指出，要牢牢把握新时代双拥工作的新要求。

依法治理
持续发力

■ 海南日报全媒体记者 李磊

7月13日，省委召开会议，部署整改工作。
"""

NOTE = (
    """第001版：头版

习近平将出席2026世界人工智能大会暨
人工智能全球治理高级别会议开幕式并发表主旨讲话

新华社北京7月13日电 外交部发言人13日宣布，大会将于7月17日在上海举行。

守护三十载，她把“隔离区”变成“家”

编者按

初心如炬，照亮奋进之路。本报今起推出系列报道，讲述优秀共产党员的故事。

■ 海南日报全媒体记者 周晓梦 马珂

指关节微微凸起，指甲修剪得又短又齐，双手握上去略微粗糙。

就是这双手，从病人溃烂的创面里夹出过蛆虫，也为他们剪过指甲。

"""
    + SIGNED
    + """
会议强调，要压实整改责任，完善产业体系。
"""
)


def test_an_editors_note_between_headline_and_byline_is_an_item_before_the_story() -> None:
    issue = parse_issue(NOTE, source="hnrb_2026-07-14.txt")
    got = [(a.title, a.kind, len(a.paragraphs)) for a in issue.articles]
    # a title line ending on 暨 goes on in the next: one title, no kicker
    assert got[0] == (
        "习近平将出席2026世界人工智能大会暨 人工智能全球治理高级别会议开幕式并发表主旨讲话",
        "article",
        1,
    )
    assert issue.articles[0].kicker is None
    story = next(a for a in issue.articles if a.title == "守护三十载，她把“隔离区”变成“家”")
    assert [p[:4] for p in story.paragraphs] == ["指关节微", "就是这双"]
    assert [b.name for b in story.bylines] == ["周晓梦", "马珂"]
    assert not any(p.startswith("初心如炬") for a in issue.articles[:1] for p in a.paragraphs)


#: A feature page of a paper whose stories close with their bylines: the feature's subheads
#: are a series (four characters, a space, a phrase), and the feature closes with its writer.
SERIES = """第010版：文化周刊

琼岛千年蚕事

作为深刻改变人类历史进程的发明，养蚕缫丝在海南也有悠久的历史。

有关蚕业文献中，把蚕分为家蚕和野蚕两大类，海南两类都有。

千年文脉 琼岛蚕事早发祥

早在新石器时代，这里的先民就已经养蚕，史书里多有记载。

近代辉煌 海南天蚕丝名动海外

比起不温不火的家蚕，近代的野蚕丝曾经远销各地，养蚕的人家很多。

桑蚕新篇 热带海岛的产业重生

这里天生就是发展蚕业的宝地，如今养蚕的人家又多了起来。（撰文/张兴吉）

崖州凤岭有了“蚕课堂”

本报讯 崖州区凤岭村的“蚕课堂”开课了，孩子们在这里认识桑蚕。（记者 王伟）

夜校开进椰林

本报讯 当地夜校开学了，村民们晚上来这里学技能。（记者 李明）
"""


def test_a_features_series_of_subheads_stays_in_the_feature() -> None:
    pages = split_pages(SERIES)
    assert infer_conventions(pages).bylines_close
    issue = parse_issue(SERIES, source="hnrb_2026-07-20.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles] == [
        ("琼岛千年蚕事", 8),
        ("崖州凤岭有了“蚕课堂”", 1),
        ("夜校开进椰林", 1),
    ]


OFFICIAL = (
    """第002版：本省新闻

"""
    + SIGNED
    + """
海洋牧场建设
跑出加速度

■ 海南日报全媒体记者 李磊

7月12日，三亚市海洋牧场建设再提速，首批网箱已投放。

东方市人民政府党组成员、副市长符乃贤接受纪律审查和监察调查

本报海口7月9日讯（海南日报全媒体记者袁宇）7月9日，记者从省纪委监委获悉，符乃贤接受审查。

乐东黎族自治县政协机关党组成员、经济与人口资源环境委员会主任林丹华接受纪律审查和监察调查

本报海口7月9日讯（海南日报全媒体记者袁宇）7月9日，记者从省纪委监委获悉，林丹华接受审查。

政协第八届海南省委员会增补委员名单

委员：

林娜（女）

关于接受何清同志辞去政协第八届海南省委员会常务委员、委员的决定

因工作需要，何清同志提出辞去常务委员、委员申请，会议同意接受。
"""
)


def test_long_headlines_over_datelines_and_official_papers_head_items() -> None:
    arts = parse_issue(OFFICIAL, source="hnrb_2026-07-10.txt").articles
    assert infer_conventions(split_pages(OFFICIAL)).stacked_heads
    assert [a.title for a in arts][3:] == [
        "东方市人民政府党组成员、副市长符乃贤接受纪律审查和监察调查",
        "乐东黎族自治县政协机关党组成员、经济与人口资源环境委员会主任林丹华接受纪律审查和监察调查",
        "政协第八届海南省委员会增补委员名单",
        "关于接受何清同志辞去政协第八届海南省委员会常务委员、委员的决定",
    ]
    assert [len(a.paragraphs) for a in arts][3:5] == [1, 1]
    assert arts[6].paragraphs[0].startswith("因工作需要")


BROKEN = """第005版：中国新闻

习近平将出席2026世界人工智能大会暨
人工智能全球治理高级别会议开幕式并发表主旨讲话

新华社北京7月13日电 外交部发言人13日宣布，大会将于7月17日在上海举行。

省人大常委会党组（扩大）会议暨
理论学习中心组学习会议召开

本报海口7月13日讯 省人大常委会党组13日召开会议，传达学习有关精神。

国家发展改革委安排3000万元
支持河北暴雨洪涝灾害灾后应急恢复

新华社北京7月13日电 国家发展改革委13日安排中央预算内投资3000万元。
"""


def test_a_crawl_of_whole_titles_keeps_a_two_line_title_whole() -> None:
    pages = split_pages(BROKEN)
    assert infer_conventions(pages).broken_heads
    last = parse_issue(BROKEN, source="hnrb_2026-07-14.txt").articles[-1]
    assert (last.kicker, last.title) == (
        None,
        "国家发展改革委安排3000万元 支持河北暴雨洪涝灾害灾后应急恢复",
    )
    # one broken title alone says nothing of the issue: the lengths still decide
    one = BROKEN.replace("省人大常委会党组（扩大）会议暨", "省人大常委会党组（扩大）会议")
    one = one.replace("理论学习中心组学习会议召开", "理论学习中心组学习会议")  # no event's fate
    assert not infer_conventions(split_pages(one)).broken_heads
    assert parse_issue(one, source="hnrb_2026-07-14.txt").articles[-1].kicker is not None


#: A health column closed by a note on its author, the next story's headline over its byline;
#: then an essay closed by a note on its grant, in an issue that closes stories with bylines.
NOTES = """第008版：健康周刊

你的牙齿，真的刷对了吗？

■ 谭毅

“牙疼不是病，疼起来真要命！”这句俗语道出了牙病的痛苦。

很多口腔问题早期没有明显症状，等到疼的时候，往往已经到了中晚期。

（本文作者系海南省人民医院口腔科主治医师）

冷感喷雾 夏日“降温神器”？

■ 海南日报全媒体记者 张期望

入夏以来，多地气温持续攀升，街头巷尾热浪滚滚。

专家提醒，冷感喷雾只能带来短暂的清凉，不能代替防暑降温。（本报海口7月15日讯）
"""


def test_a_note_on_the_author_closes_the_piece_and_heads_nothing() -> None:
    issue = parse_issue(NOTES, source="hnrb_2026-07-16.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles] == [
        ("你的牙齿，真的刷对了吗？", 2),
        ("冷感喷雾 夏日“降温神器”？", 2),
    ]
    notes = [b.name for b in issue.articles[0].bylines if b.role == "other"]
    assert notes == ["本文作者系海南省人民医院口腔科主治医师"]


#: An issue whose stories close with their bylines; an essay in it, with subheads, closes on a
#: note on its grant instead.
CLOSED = """第018版：文化

老街新事

老街的早市又热闹起来了，摊主们天不亮就出摊。（本报记者 王伟）

渔港夜市

渔港的夜市灯火通明，游客们排队品尝海鲜。（本报记者 李娜）

姊妹情牵苏子笔

苏轼一生有过三位伴侣，王弗、王闰之和王朝云，她们都在苏轼的诗文里留下了印记。

王弗与苏轼 未曾谋面 已有共鸣

王弗十六岁嫁给苏轼，她知书达礼，常在屏后听苏轼与客人谈话。

王闰之与苏轼 秋月惨凄 春月和悦

王闰之是王弗的堂妹，她陪伴苏轼走过了宦海沉浮最剧烈的岁月。

（本文系海南省社科联“以苏轼为代表的海南古代清官廉吏家风家教研究”阶段成果）
"""


def test_a_note_on_the_grant_is_no_byline_that_would_cut_the_essay() -> None:
    assert infer_conventions(split_pages(CLOSED)).bylines_close
    issue = parse_issue(CLOSED, source="hnrb_2026-07-20.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles][-1] == ("姊妹情牵苏子笔", 5)


#: A feature closed by its writer's and picture credits on a line of their own, then a box
#: listing the events by city.
BOXED = """第004版：专题

欢乐海南岛 开放向世界

让游客“玩得开心、花得省心”，是本届欢乐节的初心。

欢乐节将持续至8月18日，接下来的一个月里，全岛将掀起一波又一波热潮。

（撰文/刘小茴 供图/省旅文厅）

欢乐节

各地主要活动

海口市（主会场）

1.“奇幻海洋”狂欢大巡游

时间：7月18日—8月2日 地点：海南长影奇幻乐园

文昌市

2.航天主题夜游活动

时间：7月18日—8月18日 地点：文昌航天城

万宁市

3.冲浪文化节

时间：7月20日—7月27日 地点：日月湾
"""


def test_a_credit_line_closes_the_feature_and_the_box_under_it_is_an_item() -> None:
    issue = parse_issue(BOXED, source="hnrb_2026-07-20.txt")
    feature, box = issue.articles
    assert (feature.title, len(feature.paragraphs)) == ("欢乐海南岛 开放向世界", 2)
    assert [(b.role, b.name) for b in feature.bylines] == [
        ("author", "刘小茴"),
        ("photographer", "省旅文厅"),
    ]
    assert box.title == "各地主要活动" and box.kicker == "欢乐节"
    assert not box.bylines  # 文昌市, 万宁市: places in the list, not signers


#: A history feature closed by a note on its sources and, as a sentence, on its authors.
SOURCED = """第013版：档案

琼岛千年蚕事

海南岛养蚕的历史，可以追溯到一千多年前的黎族先民。

到了近代，海南天蚕丝名动海外，成为岛上重要的出口货物。

（本文写作参考了《国立中山大学民俗周刊》《现代史学》等资料）

本文作者张兴吉系海南师范大学历史学教授，杨中曦系海南省典籍整理与研究基地研究员。
"""


def test_notes_on_sources_and_authors_after_a_feature_are_no_paragraphs() -> None:
    (story,) = parse_issue(SOURCED, source="hnrb_2026-07-20.txt").articles
    assert len(story.paragraphs) == 2
    notes = [b.name for b in story.bylines if b.role == "other"]
    assert len(notes) == 2 and notes[1].startswith("本文作者张兴吉系")


def test_a_bracketed_box_heading_signs_nothing() -> None:
    text = """第004版：文化周刊

琼岛有功夫

海南岛上，也有沉淀千百年的拳脚风骨，各地拳种流传至今。

【后安桩头功】

分布区域 万宁市后安镇，以桩功见长，讲究下盘稳固。

【马仔功】

分布区域 万宁市万城镇周家庄村，源于南宋岳家拳，强调马步稳固。
"""
    (story,) = parse_issue(text, source="hnrb_2026-07-12.txt").articles
    assert not story.bylines
    assert closing_byline("【后安桩头功】") is None
    # three characters that read as a name (马 is a surname): still a box's heading
    assert closing_byline("【马仔功】") is None
    assert closing_byline("【记者 李四】") is not None  # a role word signs in any bracket
    assert closing_byline("（韦磊余茜）") is not None  # two names run together still sign


def test_a_graphics_credits_with_slashes_are_credits_not_paragraphs() -> None:
    text = """第007版：健康周刊

新“九包” 包精准康养！

九大服务包覆盖慢病管理、康复护理等内容，老人可按需选择。

文字/马珂 制图/许丽
"""
    (story,) = parse_issue(text, source="hnrb_2026-07-14.txt").articles
    assert len(story.paragraphs) == 1
    assert [(b.role, b.name) for b in story.bylines] == [("other", "马珂"), ("designer", "许丽")]


#: A dated story (a list of appointments), then a quoted commentary title and the
#: commentary, which closes with its own dated credit; then a dated meeting report and an
#: unsigned feature with subheads, closed the same way (海南日报 07-21, page 004).
FILED_TWICE = """第004版：中国新闻

国家主席习近平任免驻外大使

新华社北京7月20日电 中华人民共和国主席习近平根据全国人民代表大会常务委员会的决定，任免驻外大使如下：

一、免去崔巍的中华人民共和国驻伊拉克共和国特命全权大使职务。

任命张祥焱为中华人民共和国驻巴拿马共和国特命全权大使。

“必须持之以恒推进全面从严治党”

办好中国的事情，关键在党、关键在全面从严治党。

全面从严治党，是新时代党治国理政的一个鲜明特色。

（新华社北京7月20日电 记者孙少龙）

审议通过《知识产权保护和运用“十五五”规划》

新华社北京7月20日电 国务院总理李强7月20日主持召开国务院常务会议。

会议还研究了其他事项。

这场AI盛会“剧透”产业新图景

2026世界人工智能大会暨人工智能全球治理高级别会议20日在上海闭幕。

覆盖人工智能全产业链

本届大会300余款首发新品覆盖人工智能全产业链。

产业生态不断优化

记者在大会现场观察发现，大量AI技术正加速走进千行百业。

（新华社上海7月20日电 记者杨有宗 周蕊 唐斯琦）
"""


def test_a_story_is_filed_once_so_a_second_dated_credit_closes_another_story() -> None:
    issue = parse_issue(FILED_TWICE, source="hnrb_2026-07-21.txt")
    assert [(a.title, len(a.paragraphs), a.reporters) for a in issue.articles] == [
        ("国家主席习近平任免驻外大使", 3, ()),
        ("“必须持之以恒推进全面从严治党”", 2, ("孙少龙",)),
        ("审议通过《知识产权保护和运用“十五五”规划》", 2, ()),
        ("这场AI盛会“剧透”产业新图景", 5, ("杨有宗", "周蕊", "唐斯琦")),
    ]


def test_a_related_links_box_after_the_last_paragraph_is_an_item_of_its_own() -> None:
    text = (
        "第006版：教育周刊\n\n准大学生要修财商课\n\n海南日报全媒体记者 李豌\n\n"
        "随着2026年高招录取工作有序推进，不少准大学生开始规划暑期消费。\n\n"
        "成长型消费，铺就人生新起点\n\n"
        "在尊重孩子消费意愿的前提下，家长要引导孩子理性消费。\n\n"
        "据了解，系统化的新生适应性教育，将帮助新生尽快适应大学生活。\n\n"
        "相关链接\n\n理性消费小贴士\n\n1 拒绝“面子消费”\n\n"
        "购买电子产品时，不应盲目追求高端配置。\n\n2 树立预算意识\n\n"
        "准大学生应根据家庭经济状况设定消费预算。\n\n（徐珊珊 辑）\n"
    )
    story, box = parse_issue(text, source="hnrb_2026-07-21.txt").articles
    assert (story.title, len(story.paragraphs)) == ("准大学生要修财商课", 4)
    assert (box.kicker, box.title, len(box.paragraphs)) == ("相关链接", "理性消费小贴士", 4)
    assert box.credits == ("徐珊珊 辑",) and not box.reporters


def test_a_dated_credit_glued_after_the_last_sentence_is_no_text() -> None:
    story = (
        "跨越千里的“开学礼”\n\n本报讯（海南日报全媒体记者王子豪）拨杆控制方向、调节档位，少年熟练地操控着新轮椅。\n\n"
        "企业真诚地希望，这台电动轮椅能为这位少年保驾护航。“让它成为家铭追梦路上的‘翅膀’。”（本报嘉积7月14日电）\n"
    )
    lead = "中国始终坚守开放共赢理念，同各方共创美好未来！（新华社北京7月18日电）"
    xinhua = (
        "坚持开放共赢 驱动创新发展\n\n■ 新华社记者 张辛欣\n\n"
        f"新一轮科技革命和产业变革深入发展。\n\n{lead}\n"
    )
    for text in (story, xinhua):
        (a,) = parse_issue(f"第004版：民生新闻\n\n{text}", source="hnrb_2026-07-15.txt").articles
        assert len(a.paragraphs) == 2 and a.paragraphs[-1].endswith(("’。”", "未来！"))
        assert set(a.credits) & {"本报嘉积7月14日电", "新华社北京7月18日电"}


def test_a_title_over_a_long_deck_and_a_subtitle_over_the_dateline_heads_one_story() -> None:
    deck = (
        "习近平发表重要讲话强调，“十五五”时期是科技强国建设的关键攻坚期。必须抓住历史机遇，"
        "迎接时代挑战，扎扎实实以科技创新支撑和引领中国式现代化"
    )
    text = (
        "第001版：头版\n\n《学习读本》出版发行\n\n"
        "新华社北京7月8日电 中央组织部组织编写的《学习读本》，已由党建读物出版社出版。\n\n"
        "近日，中央党的建设工作领导小组发出通知，要求各级党组织认真研读。\n\n"
        f"国家科学技术奖励大会在京召开\n\n{deck}\n\n"
        "李强主持 赵乐际王沪宁蔡奇李希出席 丁薛祥宣读奖励决定\n\n"
        "新华社北京7月8日电 国家科学技术奖励大会8日上午在人民大会堂隆重举行。\n\n"
        "上午10时30分，大会开始，全场起立，高唱国歌。\n"
    )
    first, second = parse_issue(text, source="hnrb_2026-07-09.txt").articles
    assert (first.title, len(first.paragraphs)) == ("《学习读本》出版发行", 2)
    assert (second.title, len(second.paragraphs)) == ("国家科学技术奖励大会在京召开", 2)
    assert not any(deck[:10] in p for p in first.paragraphs + second.paragraphs)


def test_the_rest_of_a_story_under_its_title_again_merges_into_the_whole_story() -> None:
    """The web edition's A01 record holds the whole story; the A04 record under the same
    title (``◀上接A01版``) repeats its second half from the middle of a paragraph."""
    first = (
        "第001版：头版\n\n这届海口商圈，开始赚“慢钱”\n\n■ 海南日报全媒体记者 陈明艳\n\n"
        "前些年，海口商业进入了“狂飙突进”的阶段，新商场接连开业。\n\n"
        "然而，一味地“进”并不符合商业逻辑。消费者不再被迫赶路，开启“随地大小坐”模式。\n\n"
        "“松弛感”背后的账本\n\n对空间的利用也在变得舒展，海口日月广场正在改造中庭。\n\n"
    )
    rest = (
        "第004版：本省新闻\n\n这届海口商圈，开始赚“慢钱”\n\n{jump}\n\n"
        "消费者不再被迫赶路，开启“随地大小坐”模式。\n\n“松弛感”背后的账本\n\n"
        "对空间的利用也在变得舒展，海口日月广场正在改造中庭。\n\n"
        "海口新开一条公交线路\n\n本报讯（记者王五）海口今天开通一条新的公交线路，方便市民出行。\n"
    )
    for jump in ("上接A01版", "◀上接A01版"):
        text = first + "\n" + rest.format(jump=jump)
        bare = text.replace("■ 海南日报全媒体记者", "海南日报全媒体记者")
        for crawl in (text, bare):
            issue = parse_issue(crawl, source="hnrb_2026-07-10.txt")
            got = [(a.page, a.title, len(a.paragraphs)) for a in issue.articles]
            want = [(1, "这届海口商圈，开始赚“慢钱”", 4), (4, "海口新开一条公交线路", 1)]
            assert got == want, got
            assert not any("上接" in p for a in issue.articles for p in a.paragraphs)


def test_a_column_note_under_the_byline_is_an_item_before_the_story() -> None:
    text = (
        "第006版：本省新闻\n\n扎根侨乡办实事 履职一线映初心\n\n■ 海南日报全媒体记者 袁宇\n\n"
        "开栏的话\n\n近年来，省人大及其常委会深入践行全过程人民民主，代表履职活力不断激发。\n\n"
        "即日起，本报推出“人大聚力自贸港”专栏，讲述人大代表的履职故事，敬请关注。\n\n"
        "近日，清晨的海口市琼山区大坡镇，人大代表陈德民早早来到便民服务站。\n\n"
        "扎根基层十余年，陈德民带领群众办成了一件件实事。\n"
    )
    note, story = parse_issue(text, source="hnrb_2026-07-09.txt").articles
    assert (note.title, len(note.paragraphs)) == ("开栏的话", 2)
    assert (story.title, len(story.paragraphs), story.reporters) == (
        "扎根侨乡办实事 履职一线映初心",
        2,
        ("袁宇",),
    )


def test_an_editors_note_under_the_byline_is_an_item_in_a_stacked_crawl_too() -> None:
    text = (
        f"第008版：文化周刊\n\n{STACKED_FRONT}为深沉而蓬勃的时代和声\n\n"
        "■ 海南日报全媒体记者 王才丰\n\n"
        "编者按\n\n近日，重大题材长篇报告文学《封关》新书首发，引起广泛关注。\n\n"
        "《封关》甫一面世便受到各方关注。本版通过几位读者的视角，走进这部作品。\n\n"
        "全书35.5万字，对话近60位封关运作亲历者，记录了一段不平凡的历程。\n\n"
        "作者说，写作的过程也是不断学习的过程。\n"
    )
    assert infer_conventions(split_pages(text)).stacked_heads
    *_, note, story = parse_issue(text, source="hnrb_2026-07-10.txt").articles
    assert (note.title, len(note.paragraphs)) == ("编者按", 2)
    assert (story.title, len(story.paragraphs)) == ("为深沉而蓬勃的时代和声", 2)


#: 海南日报 07-14, page 006: a Xinhua story opened by its dateline (its paragraphs as printed),
#: then an unsigned one (each paragraph cut to its first sentence) that its own dated credit
#: closes; the first story's words (全球, 治理, 加强) keep the subject from turning.
FILED_STACKED = [
    "《习近平谈治国理政》第五卷\n吉尔吉斯斯坦推介会在比什凯克举行",
    "新华社比什凯克7月13日电 （记者江宥林 赵宇）"
    "《习近平谈治国理政》第五卷吉尔吉斯斯坦推介会13日在吉尔吉斯斯坦首都比什凯克举行。",
    "与会嘉宾认为，在上海合作组织成立25周年之际，中吉两国各界人士以及上合大家庭的代表围绕《习近平谈治国理政》第五卷开展交流研讨具有重要意义。这部重要著作系统阐释了中国式现代化的理论和实践，生动呈现了中国推动构建人类命运共同体的愿景和方案，既是了解中国式现代化、读懂当代中国的权威著作，也为中吉两国深化治国理政经验交流、加强发展战略对接提供了重要遵循。",
    "吉尔吉斯斯坦前总统奥通巴耶娃指出，构建人类命运共同体理念是习近平主席提出的具有世界影响力的思想和主张，高质量共建“一带一路”为我们带来了新的发展机遇，助力吉尔吉斯斯坦逐步转变为欧亚大陆的重要枢纽。她表示，深入研究中国发展的内在逻辑、治理机制和长期规划，具有重要实践价值。",
    "吉尔吉斯斯坦国务秘书科伊奇耶夫在致辞中表示，中国是马克思主义本土化最成功的国家，在将马克思主义与本国国情相结合的道路上积累了丰富经验。了解21世纪的马克思主义，应当认真研读习近平主席的著作。阅读《习近平谈治国理政》这部著作，有助于深入思考吉尔吉斯斯坦与中国、与世界的关系，鼓舞我们以务实合作增进文明互鉴、推动发展繁荣。",
    "上海合作组织副秘书长朴扬帆说，中国和吉尔吉斯斯坦作为上合组织创始成员国，为“上海五国”机制的建设和发展作出独特贡献。这部重要著作收录了习近平主席有关建设中国－中亚命运共同体和上合组织命运共同体的重要讲话，为深化地区各国团结协作、巩固安全稳定环境、加强发展战略对接、促进民心相通指明了方向。",
    "活动中，中方向吉尔吉斯斯坦嘉宾赠送了《习近平谈治国理政》第三卷吉文版、第五卷俄文版图书。吉方医护和记者代表分享了两国携手践行人民至上理念的合作故事。与会专家聚焦中国式现代化、构建人类命运共同体、全球治理倡议、共建“一带一路”、文明交流互鉴等议题展开交流研讨。",
    "本次活动由中国国务院新闻办公室、中国外文局和中国驻吉尔吉斯斯坦大使馆共同主办。中吉两国政党、媒体、智库等各界代表约300人出席活动。",
    "为加强全球人工智能发展治理注入中国动力",
    "2026世界人工智能大会暨人工智能全球治理高级别会议将于7月17日至20日在上海举行。",
    "受访国际人士表示，期待聆听习近平主席就全球人工智能发展与治理提出中国理念和主张，相信中国将为促进全球人工智能向善普惠发展、帮助全球南方国家加强能力建设持续注入强劲动力。",
    "“加强全球人工智能治理正当其时”",
    "“习近平主席出席大会开幕式并发表主旨讲话，将是一个具有历史意义的时刻。",
    "“我十分期待习近平主席发表重要讲话，就人工智能发展与治理提出具有前瞻性的政策主张，为加强国际合作注入新的动力。",
    "壳牌荷兰公司高级人工智能数据科学家张金锐认为，人工智能正成为推动全球经济增长和技术创新的重要引擎，同时也给人类社会带来了诸多挑战。",
    "“在人工智能技术快速迭代、不断取得突破性进展的今天，加强全球人工智能治理正当其时。",
    "科威特水务可持续发展委员会主席赫芭·阿巴斯表示，习近平主席高度重视全球人工智能治理，展现出长远的战略眼光。",
    "“推动人工智能普惠发展”",
    "“面对快速发展的人工智能技术，国际社会比以往任何时候都更需要加强合作，使人工智能真正造福社会。",
    "新加坡亚洲数字经济科学院院长陈柏珲说，非常期待习近平主席在大会上发表主旨讲话，推动全球人工智能治理。",
    "“中国在人工智能研究、产业应用和数字创新方面发挥着日益重要的作用。",
    "韩国韩中城市友好协会会长权起植说：“相信习近平主席提出的重要主张将推动人工智能普惠发展，推动构建更加开放、公平、包容的全球人工智能治理体系。",
    "“这次大会的召开正值全球数字生态系统发展演变的关键时期。",
    "“让人工智能成果惠及更多国家”",
    "“我们十分期待习近平主席在大会上提出重要主张，引领全球人工智能产业健康有序发展。",
    "埃及外交事务委员会成员迪亚·赫勒米认为，本次大会将成为全球人工智能治理领域的“历史性时刻”。",
    "马来西亚智库区域策略研究所专业委员陈日嘉告诉新华社记者，期待习近平主席提出的全球人工智能治理理念，在促进开放、包容、务实的人工智能国际合作方面持续发挥引领作用，让人工智能成果惠及更多国家。",
    "“祝愿此次大会取得丰硕成果，在人工智能发展与治理方面广泛凝聚共识。",
    "（新华社北京7月13日电）",
]


def test_a_story_is_filed_once_in_a_stacked_crawl_too() -> None:
    text = f"第006版：中国/世界新闻\n\n{STACKED_FRONT}" + "\n\n".join(FILED_STACKED) + "\n"
    assert infer_conventions(split_pages(text)).stacked_heads
    got = [
        (a.title, len(a.paragraphs))
        for a in parse_issue(text, source="hnrb_2026-07-14.txt").articles
    ]
    assert got[3:] == [
        ("《习近平谈治国理政》第五卷 吉尔吉斯斯坦推介会在比什凯克举行", 7),
        ("为加强全球人工智能发展治理注入中国动力", 19),
    ]
