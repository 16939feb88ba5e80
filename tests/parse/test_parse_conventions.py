"""An issue's conventions, page headers, the lunar date and headline slots (table-driven)."""

from __future__ import annotations

import pytest

from syndicate.parse.conventions import infer_conventions
from syndicate.parse.kinds import article_kind
from syndicate.parse.masthead import read_masthead
from syndicate.parse.pages import page_header, split_pages
from syndicate.parse.slots import classify_slots

W = "\u3000\u3000"
INDENTED = (
    "标题一行\n\n"
    + f"{W}第一段正文内容比较长，超过了二十四个字的长度，读者一看便知。\n\n" * 3
    + "标题二行\n\n"
    + f"{W}第二篇的正文也比较长，同样超过了二十四个字的长度。\n"
)
BLANK_LINES = (
    "标题一行\n\n本报讯（记者王五）第一段正文内容比较长，超过了二十四个字的长度。\n\n"
    "第二段正文内容也比较长，同样超过了二十四个字的长度。（实习记者张三本报记者李四）\n\n"
    "又一篇的正文，同样超过了二十四个字的长度，以署名结束。（本报记者赵六）\n"
)


def test_conventions_are_read_from_the_whole_issue() -> None:
    indented = infer_conventions(split_pages(INDENTED))
    assert (indented.indent_paragraphs, indented.page_headers) == (True, "none")
    blank = infer_conventions(split_pages(BLANK_LINES))
    assert (blank.indent_paragraphs, blank.bylines_close) == (False, True)
    tabloid = infer_conventions(split_pages("A01 要闻\n\n标题\n\n" + f"{W}正文。\n"))
    assert tabloid.page_headers == "section"


@pytest.mark.parametrize(
    ("line", "at_break", "want"),
    [
        ("A02 中国新闻", True, (2, "中国新闻")),
        ("B08 快报为你寄思念", True, (8, "快报为你寄思念")),
        ("B01 杭州Discovery", True, (1, "杭州Discovery")),
        ("A02 中国新闻", False, None),  # inside a page it is text
        ("第一版：头  版", True, (1, "头版")),
        ("第十二版：专  刊", False, (12, "专刊")),
        ("第05版：评论", True, (5, "评论")),
        ("A4纸打印", True, None),
        ("第2/3版:上海新闻", True, (2, "上海新闻")),  # a spread: its first page
        ("第4/5版:新民印象/目击", True, (4, "新民印象/目击")),
        ("第9版:战疫/帮侬忙", False, (9, "战疫/帮侬忙")),
    ],
)
def test_page_headers(line: str, at_break: bool, want: tuple[int, str] | None) -> None:
    assert page_header(line, at_break=at_break) == want


def test_lettered_sections_are_numbered_in_order() -> None:
    text = "A01 要闻\n\n正文。\n\n\n\nA02 社会\n\n正文。\n\n\n\nB01 副刊\n\n正文。\n"
    pages = split_pages(text)
    assert [(p.number, p.code, p.name) for p in pages] == [
        (1, "A01", "要闻"),
        (2, "A02", "社会"),
        (3, "B01", "副刊"),
    ]


def test_an_empty_indented_paragraph_between_blank_lines_is_no_page_break() -> None:
    box = f"第15版\n\n标题\n\n{W}核心阅读\n\n{W}提要一句。\n\n{W}\n\n{W}正文。\n"
    pages = split_pages(box)
    assert [p.number for p in pages] == [15]
    assert pages[0].lines == ["标题", "核心阅读", "提要一句。", "正文。"]
    # three truly empty lines still break the page, and so do three hollow ones
    assert len(split_pages(box.replace(f"\n\n{W}\n\n", "\n\n\n\n"))) == 2
    assert len(split_pages(box.replace(f"\n\n{W}\n\n", f"\n{W}\n{W}\n{W}\n"))) == 2


@pytest.mark.parametrize(
    ("line", "lunar"),
    [
        ("2024年11月6日 星期三 农历甲辰年十月初六", "农历甲辰年十月初六"),
        ("2024年12月20日 星期五 农历甲辰年冬月二十", "农历甲辰年冬月二十"),
        ("2025年1月28日 星期二 农历甲辰年腊月廿九", "农历甲辰年腊月廿九"),
        ("2023年4月5日 星期三 农历癸卯年闰二月十五", "农历癸卯年闰二月十五"),
        ("2022年3月25日 星期五 农历壬寅年二月二十三", "农历壬寅年二月二十三"),
        ("2024年12月1日 星期日 甲辰年十一月初一", "甲辰年十一月初一"),
        ("2026年2月17日 星期二 农历丙午年正月初一", "农历丙午年正月初一"),
    ],
)
def test_every_lunar_month(line: str, lunar: str) -> None:
    mh = read_masthead(["某某日报", line])
    assert mh.fields.get("lunar") == lunar
    assert mh.slogan is None  # no tail of the lunar date left over as a slogan


@pytest.mark.parametrize(
    ("slots", "kicker", "title", "subtitle"),
    [
        (["美钞印特朗普签名", "纪念建国250周年"], None, "美钞印特朗普签名 纪念建国250周年", None),
        (
            ["长护险覆盖全民", "一文讲清不同人群分别要缴多少钱"],
            "长护险覆盖全民",
            "一文讲清不同人群分别要缴多少钱",
            None,
        ),
        (
            ["自制掺钨假黄金骗贷27亿余元", "境外17套房被追缴"],
            None,
            "自制掺钨假黄金骗贷27亿余元",
            "境外17套房被追缴",
        ),
        (
            ["大伯捡到项链 报警后跑了十趟", "“请快报帮忙，一定要找到失主”"],
            None,
            "大伯捡到项链 报警后跑了十趟",
            "“请快报帮忙，一定要找到失主”",
        ),
        (
            ["在一声声“宝贝”中迷失自己 45岁女子打赏男主播后", "被拉黑"],
            None,
            "在一声声“宝贝”中迷失自己 45岁女子打赏男主播后 被拉黑",
            None,
        ),
        (
            ["阿姨们从衢州坐3个多小时大巴到杭州 一直忙到傍晚下山", "采茶"],
            "阿姨们从衢州坐3个多小时大巴到杭州 一直忙到傍晚下山",
            "采茶",
            None,
        ),
        (
            ["中国博士后", "遭美方执法人员盘问后自杀 外交部：深感痛心"],
            None,  # 中国博士后 needs its predicate: one title broken in two
            "中国博士后 遭美方执法人员盘问后自杀",
            "外交部：深感痛心",
        ),
        (  # four flush lines: two 2-line stacks, none of them lost
            [
                "男子聚餐饮酒后死亡",
                "8名同饮者被索赔30万",
                "一审判组织者赔偿4.5万元",
                "其余7人不担责",
            ],
            None,
            "男子聚餐饮酒后死亡 8名同饮者被索赔30万",
            "一审判组织者赔偿4.5万元 其余7人不担责",
        ),
        (  # a figure over a longer line is the hook
            ["速效救心丸搜索量暴涨30倍", "紧急提醒：绝非“抗累神器”，不能乱用"],
            "速效救心丸搜索量暴涨30倍",
            "紧急提醒：绝非“抗累神器”，不能乱用",
            None,
        ),
        (  # a kicker printed over two lines, over a title half its length
            ["无人机飞上百米高空洗楼 “蜘蛛人”回到地面“遥控指挥”", "“机器人员工”上岗啦"],
            "无人机飞上百米高空洗楼 “蜘蛛人”回到地面“遥控指挥”",
            "“机器人员工”上岗啦",
            None,
        ),
        (  # a run of questions is the kicker
            [
                "外卖骑手进小区要多久？",
                "汽车充电8分钟能跑多远？",
                "温暖就藏在小事中",
                "年度市民口碑案例和城市温暖细节继续征集中",
            ],
            "外卖骑手进小区要多久？ 汽车充电8分钟能跑多远？",
            "温暖就藏在小事中",
            "年度市民口碑案例和城市温暖细节继续征集中",
        ),
        (  # a speaker's line runs into what was said
            ["日本防卫大臣：", "自卫队官员强闯中国使馆"],
            None,
            "日本防卫大臣： 自卫队官员强闯中国使馆",
            None,
        ),
        (  # after a hook, a line opening with 以 goes on with the title
            ["63岁曾女士患颈部淋巴癌", "朱万平中医师行医30多年", "以“丹溪抗癌方”帮助众多患者"],
            "63岁曾女士患颈部淋巴癌",
            "朱万平中医师行医30多年 以“丹溪抗癌方”帮助众多患者",
            None,
        ),
        (  # a setting over the news, much shorter and without figures: kicker and title
            ["围棋棋王战决赛第二局", "新秀扳回一城"],
            "围棋棋王战决赛第二局",
            "新秀扳回一城",
            None,
        ),
        (  # two lines of nearly one width are a title and its subtitle
            ["小区地下架空层早上起火", "多位居民反映有人居住"],
            None,
            "小区地下架空层早上起火",
            "多位居民反映有人居住",
        ),
        (  # the column tag closes the title, whichever line carries it
            ["深化认识  创新实践", "不断探索媒体融合新路径（新知新觉）"],
            "深化认识  创新实践",
            "不断探索媒体融合新路径（新知新觉）",
            None,
        ),
        (
            ["国乒公布世乒赛参赛阵容（体育大看台）", "将为东京奥运会积极练兵"],
            None,
            "国乒公布世乒赛参赛阵容（体育大看台）",
            "将为东京奥运会积极练兵",
        ),
        (
            ["59岁汪阿姨肩周炎，疼得睡不着", "何明佳中医师给她做了一次“温针”"],
            "59岁汪阿姨肩周炎，疼得睡不着",
            "何明佳中医师给她做了一次“温针”",
            None,
        ),
    ],
)
def test_headline_slots(
    slots: list[str], kicker: str | None, title: str, subtitle: str | None
) -> None:
    h = classify_slots(slots)
    assert (h.kicker, h.title, h.subtitle) == (kicker, title, subtitle)


@pytest.mark.parametrize(
    ("title", "paragraphs", "kind"),
    [
        ("简明新闻", ["县图书馆延长开放时间。", "大桥完成检测。"], "brief"),
        ("专家答疑", ["问：怎么办？", "答：这么办。", "问：还有呢？", "答：没有了。"], "qa"),
        ("访谈", ["记者：您好。", "薛晖：你好。", "记者：再见。"], "qa"),
        ("冬日田野", ["田野睡了", "麦苗醒着", "风从北方来", "雪落在村口。"], "poem"),
        ("编者按", ["乡村振兴，人才是关键。"], "editor_note"),
        ("全县召开大会", ["会议指出，要抓好落实。", "会议要求，务必见效。"], "article"),
        (
            "小标题很多的文章",
            [
                "外卖骑手进小区",
                "从问东问西到3秒进门",
                "“以前送一单，光进门就要被盘问半天，填名字、报平台。”骑手小张说。",
                "又一段。",
            ],
            "article",
        ),
    ],
)
def test_article_kinds(title: str, paragraphs: list[str], kind: str) -> None:
    assert article_kind(title, paragraphs) == kind
