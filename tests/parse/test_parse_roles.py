"""Roles and kinds on two hand-written issues of the family (tests/data/family/).

``weekly_2024-12-20.txt``: a county weekly that leaves blank lines between paragraphs, prints
``第一版：头  版`` headers and closes its stories with parenthesised bylines run together; a
roundup, an editor's note, a Q&A, a poem, a two-line subhead, a title broken over two lines,
source credits glued to the last sentence.
``tabloid_2025-03-01.txt``: a city tabloid that indents its paragraphs, heads its pages
``A02 本地新闻``, prints display lines above the byline, a title-only notice and an imprint.
Every expectation below was written by reading the fixture, not the parser's output.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from syndicate.model import Article, Issue
from syndicate.parse import parse_bytes

FAMILY = Path(__file__).parent.parent / "data" / "family"


def parse(name: str) -> Issue:
    path = FAMILY / name
    return parse_bytes(path.read_bytes(), source=path.name)


@dataclass(frozen=True)
class Want:
    page: int
    kind: str
    title: str
    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()  # first characters of every paragraph
    kicker: str | None = None
    dateline: str | None = None
    captions: tuple[str, ...] = ()


WEEKLY = [
    Want(
        1,
        "article",
        "全县冬季农田水利建设全面铺开",
        ("王五",),
        ("赵六", "钱七"),
        starts=("连日来", "截至目前"),
        dateline="本报讯",
    ),
    Want(1, "article", "青山中学学子获省级奖项", ("张三", "李四"), starts=("近日", "该校")),
    Want(1, "brief", "简明新闻", starts=("县图书馆", "青山大桥", "冬季供暖")),
    Want(2, "editor_note", "编者按", starts=("乡村振兴",)),
    Want(
        2,
        "article",
        "返乡青年的创业路",
        ("刘洋",),
        ("陈晨",),
        ("周刚摄", "马丽摄"),
        starts=("大学毕业后", "如今"),
        captions=("图为小周在农场里查看蔬菜长势。",),
    ),
    Want(
        2,
        "qa",
        "专家答疑：冬季如何防范流感",
        ("刘晓",),
        credits=("王明/图",),
        starts=("问：", "答：", "问：", "答："),
    ),
    Want(2, "article", "外省一起事故引关注", credits=("据新华社",), starts=("某地",)),
    Want(
        3,
        "article",
        "教育部：义务教育学校严禁设立重点班、实验班、快慢班",
        credits=("据新华社北京12月19日电",),
        starts=("教育部近日", "通知强调"),
    ),
    Want(3, "poem", "冬日田野（外一首）", ("王小明",), starts=("田野", "麦苗", "风从", "雪落")),
    Want(
        3,
        "article",
        "青山村的变迁",
        ("刘洋",),
        starts=("青山村过去", "小村新貌", "旧貌换新颜", "如今", "村民们说"),
    ),
    Want(3, "article", "外地游客点赞青山", credits=("红星新闻",), starts=("近日",)),
]

TABLOID = [
    Want(1, "article", "江城天气", starts=("今天多云",)),
    Want(
        2,
        "article",
        "江城菜场上线“一码溯源”",
        ("李明",),
        ("赵强", "孙丽"),
        ("记者 王晓摄", "据江城发布"),
        ("“扫一下", "记者了解到", "扫码买菜", "放心又方便", "市场监管"),
        kicker="菜场里的新鲜事",
        captions=("市民在菜场扫码查看蔬菜产地",),
    ),
    Want(
        2,
        "article",
        "老人捡到钱包 交给民警",
        ("周文",),
        starts=("昨天上午", "失主"),
        dateline="本报讯",
        captions=("西湖区",),
    ),
]


def check(a: Article, w: Want) -> None:
    assert (a.page, a.kind, a.title, a.kicker) == (w.page, w.kind, w.title, w.kicker)
    assert (a.reporters, a.correspondents, a.credits) == (w.reporters, w.correspondents, w.credits)
    assert len(a.paragraphs) == len(w.starts)
    for p, start in zip(a.paragraphs, w.starts, strict=True):
        assert p.startswith(start), (p, start)
    assert a.dateline == w.dateline
    assert a.captions == w.captions


@pytest.mark.parametrize(
    ("name", "want"), [("weekly_2024-12-20.txt", WEEKLY), ("tabloid_2025-03-01.txt", TABLOID)]
)
def test_articles_and_roles(name: str, want: list[Want]) -> None:
    issue = parse(name)
    assert [a.title for a in issue.articles] == [w.title for w in want]
    for a, w in zip(issue.articles, want, strict=True):
        check(a, w)


def test_weekly_masthead_pages_and_codes() -> None:
    issue = parse("weekly_2024-12-20.txt")
    assert (issue.paper.name, issue.paper.cn, issue.serial) == ("青山周报", "CN33-0099", 888)
    assert issue.lunar_date == "农历甲辰年冬月二十"
    assert [(p.number, p.name) for p in issue.pages] == [(1, "头版"), (2, "综合"), (3, "副刊")]
    first = issue.articles[0]
    assert first.paragraphs[1] == "截至目前，全县已完成沟渠清淤120公里。"  # ②6 was a code
    assert issue.articles[1].paragraphs[-1] == "该校近年来重视科创教育，成绩显著。"
    village = issue.articles[-2]
    assert village.subheads == (1, 2)  # a two-line subhead stays inside its story
    assert village.paragraphs[-1] == "村民们说，日子越过越红火。"
    assert issue.articles[-1].paragraphs == (
        "近日，不少外地游客来到青山县游玩，对当地风景赞不绝口。",
    )
    assert issue.articles[-4].paragraphs[-1] == "通知强调，各地要加强督导检查。"
    assert issue.articles[-3].subheads == ()  # verse, not subheads


def test_tabloid_sections_drops_and_joins() -> None:
    issue = parse("tabloid_2025-03-01.txt")
    assert [(p.number, p.name, p.code) for p in issue.pages] == [
        (1, "江城晚报", "A01"),
        (2, "本地新闻", "A02"),
    ]
    assert issue.paper.name == "江城晚报"  # the front page is headed with the paper's name
    kinds = [p.kind for p in issue.problems]
    assert "imprint" in kinds and "dropped-item" in kinds and "rejoined-paragraph" in kinds
    market = issue.articles[1]
    assert market.paragraphs[1] == "记者了解到，全市已有30家菜场上线这项服务，覆盖摊位2000多个。"
    assert market.subheads == (2, 3)
    dropped = [d for d in issue.doubts if d.kind == "dropped-item"]
    assert [d.where for d in dropped] == ["headline without a body: 福利彩票开奖公告"]
    assert issue.confidence < 1.0


def _text(*pages: str) -> Issue:
    """An issue from hand-written pages (three blank lines between pages)."""
    return parse_bytes("\n\n\n\n".join(pages).encode("utf-8"), source="x_2019-10-16.txt")


def test_a_lead_box_set_off_by_an_empty_paragraph_is_the_summary() -> None:
    """核心阅读 and its summary, an editor's note signed ——编 者 and an unlabelled pull-quote,
    each over an empty paragraph (two blank lines), are the story's summary, not its text."""
    issue = _text(
        "第13版\n\n"
        "河水引进了山村\n\n"
        "　　核心阅读\n\n"
        "　　过去，村里吃的是苦水。今年，清水进了每户人家。\n\n"
        "　　干部和群众的心贴得更紧了。\n\n\n"
        "　　“引水一年，带来的变化太大了，喝上了甜水。”老王笑着说。\n\n"
        "　　他家的院子里种满了菜，辣椒、芹菜和豆角都长得绿油油的。\n\n"
        "书香飘进了小村庄\n\n"
        "　　文学就这样生长着。\n\n"
        "　　——编  者\n\n\n"
        "　　小村不大，书店却有三家，每一家都坐满了读书的人。\n\n"
        "　　村民们常来读书，有的还写下了自己的故事投给报纸。\n\n"
        "我的两个梦\n\n"
        "　　我要让稻子长得比人高。\n\n\n"
        "　　时光过得真快，一转眼九十年过去了，我还在田里忙着。\n\n"
        "　　我开始了杂交水稻的研究，一路走来有汗水也有欢笑。\n\n"
        "　　我要让稻子长得比人高。",
    )
    a, b, c = issue.articles
    assert (a.title, a.summary) == (
        "河水引进了山村",
        "过去，村里吃的是苦水。今年，清水进了每户人家。\n干部和群众的心贴得更紧了。",
    )
    assert [p[:4] for p in a.paragraphs] == ["“引水一", "他家的院"]
    assert (b.summary, [p[:4] for p in b.paragraphs]) == (
        "文学就这样生长着。",
        ["小村不大", "村民们常"],
    )
    assert (c.summary, len(c.paragraphs)) == ("我要让稻子长得比人高。", 3)


def test_a_labelled_box_without_the_gap_is_the_label_and_one_block() -> None:
    issue = _text(
        "第13版\n\n"
        "河水引进了山村\n\n"
        "　　核心阅读\n\n"
        "　　过去，村里吃的是苦水。今年，清水进了每户人家。\n\n"
        "　　“引水一年，带来的变化太大了，喝上了甜水。”老王笑着说。\n\n"
        "　　他家的院子里种满了菜，辣椒、芹菜和豆角都长得绿油油的。\n\n"
        "　　院子外是新修的水渠，清亮的渠水一直流到了村口的地头。\n\n"
        "　　村里的干部说，明年还要把水渠修到山后的几个组去。",
    )
    (a,) = issue.articles
    assert a.summary == "过去，村里吃的是苦水。今年，清水进了每户人家。"
    assert [p[:4] for p in a.paragraphs] == ["“引水一", "他家的院", "院子外是", "村里的干"]


def test_a_body_without_a_box_keeps_its_first_paragraphs() -> None:
    """An empty paragraph further down (a section break) sets no box apart."""
    issue = _text(
        "第13版\n\n"
        "河水引进了山村\n\n"
        "　　过去，村里吃的是苦水。\n\n"
        "　　今年，清水进了每户人家。\n\n"
        "　　干部和群众的心贴得更紧了。\n\n"
        "　　老王家的院子里种满了菜，辣椒和芹菜长得绿油油的。\n\n\n"
        "　　“引水一年，带来的变化太大了，喝上了甜水。”老王笑着说。\n\n"
        "　　他家的院子里种满了菜，辣椒、芹菜和豆角都长得绿油油的。",
    )
    (a,) = issue.articles
    assert a.summary is None and len(a.paragraphs) == 6


def test_a_box_of_signed_pieces_is_one_article_per_piece() -> None:
    """Under one banner, each title line over its author's bare name (or a lyricist's
    ``作词：X``) starts a piece of its own; a song's lines are one stanza."""
    issue = _text(
        "第08版\n\n"
        "心曲\n\n"
        "　　做更好的自己\n\n"
        "　　陈  涛\n\n"
        "　　这首歌因春晚而创作，旨在庆祝新中国七十华诞，歌词把祖国与母亲相连接。\n\n"
        "　　每个人都有一颗火热的赤子心，我们把这份深情珍藏在心灵的某个地方。\n\n\n"
        "　　写出新时代的军威\n\n"
        "　　王晓岭\n\n"
        "　　这个活动至今推出了七批歌曲，我有八首作品入选，其中好几首都是军歌。\n\n"
        "歌韵\n\n"
        "　　不忘初心\n\n"
        "　　作词：朱  海\n\n"
        "　　万水千山不忘来时路\n\n"
        "　　鲜血浇灌出花开的国度\n\n"
        "　　生死相依只为了那一句承诺\n\n"
        "　　报答你是我唯一的倾诉\n\n\n"
        "　　看山看水看中国\n\n"
        "　　作词：王晓岭\n\n"
        "　　山山水水亮花灯\n\n"
        "　　一盏一盏数不清\n\n"
        "　　哥走前来妹走后\n\n"
        "　　欢欢喜喜看花灯",
    )
    got = [(a.title, a.reporters, a.credits, len(a.paragraphs), a.kind) for a in issue.articles]
    assert got == [
        ("做更好的自己", ("陈涛",), (), 2, "article"),
        ("写出新时代的军威", ("王晓岭",), (), 1, "article"),
        ("不忘初心", (), ("作词：朱海",), 1, "poem"),
        ("看山看水看中国", (), ("作词：王晓岭",), 1, "poem"),
    ]
    song = issue.articles[2].paragraphs[0]
    assert song.split("\n") == [
        "万水千山不忘来时路",
        "鲜血浇灌出花开的国度",
        "生死相依只为了那一句承诺",
        "报答你是我唯一的倾诉",
    ]


def test_a_jingle_after_a_colon_is_one_stanza_and_short_lines_over_a_story_are_not() -> None:
    issue = _text(
        "第05版\n\n"
        "图片报道\n\n"
        "　　游客将垃圾收集起来，存放到指定回收点，可当场换取礼品，已有五万名游客参与。\n\n"
        "　　这正是：\n\n"
        "　　垃圾要分类，\n\n"
        "　　存储有“收益”。\n\n"
        "　　景区出妙招，\n\n"
        "　　倡导新风气。\n\n"
        "　　曹  一图  羽  生文\n\n"
        "采茶工的午饭\n\n"
        "　　采茶工们在茶田里\n\n"
        "　　实习生送饭上山\n\n"
        "　　胡俊晖和父母合影\n\n"
        "　　胡俊晖在挑拣鲜叶\n\n"
        "　　临近中午，朱根姣要准备中饭了，她一早就把菜洗好切好放在灶台边。\n\n"
        "　　胡俊晖专门搭了一个临时吃饭的棚子，让采茶工们中午能歇一歇脚。",
    )
    photo, tea = issue.articles
    assert [p.split("\n")[0] for p in photo.paragraphs] == [
        "游客将垃圾收集起来，存放到指定回收点，可当场换取礼品，已有五万名游客参与。",
        "这正是：",
        "垃圾要分类，",
    ]
    assert photo.paragraphs[2].count("\n") == 3
    assert not any("\n" in p for p in tea.paragraphs)


def test_a_long_kicker_that_runs_into_the_title_with_a_dash_heads_the_story() -> None:
    issue = _text(
        "第13版\n\n"
        "苦氟水让不少乡亲吃了多年苦头。为了啃下饮水安全这块硬骨头，当地干部经过一番苦干，终于——\n"
        "汩汩清水入村来（脱贫故事）\n\n"
        "　　“引水一年，带来的变化太大了，喝上了甜水。”老王笑着说。\n\n"
        "　　他家的院子里种满了菜，辣椒、芹菜和豆角都长得绿油油的。\n\n"
        "　　院子外是新修的水渠，清亮的渠水一直流到了村口的地头。",
    )
    (a,) = issue.articles
    assert a.title.startswith("汩汩清水入村来") and (a.kicker or "").endswith("终于——")
    assert len(a.paragraphs) == 3


def test_a_speech_salutation_and_a_long_deck_stay_with_their_headline() -> None:
    """``同志们，朋友们：`` flush under a speech's headline opens its body; a deck of clauses
    run together with ``；`` longer than a headline line stays in the headline block."""
    body = (
        "　　在澳门回归祖国二十周年之际，我们在这里举行座谈会，共同缅怀他的生平业绩。\n\n"
        "　　刚才，有关负责同志作了发言，回忆了他光辉的一生，表达了诚挚的怀念之情。\n\n"
    )
    issue = _text(
        "第06版\n\n在纪念马万祺先生诞辰100周年座谈会上的讲话\n（2019年10月21日）\n\n"
        "同志们，朋友们：\n\n" + body + "人大常委会第十四次会议在京举行\n"
        "继续审议密码法草案、民法典婚姻家庭编草案；首次审议生物安全法草案、未成年人保护法修订草案、"
        "预防未成年人犯罪法修订草案等  栗战书主持\n\n" + body.rstrip("\n")
    )
    speech, session = issue.articles
    assert speech.title == "在纪念马万祺先生诞辰100周年座谈会上的讲话"
    assert speech.paragraphs[0] == "同志们，朋友们：" and len(speech.paragraphs) == 3
    assert session.title == "人大常委会第十四次会议在京举行"
    assert (session.subtitle or "").endswith("栗战书主持") and len(session.paragraphs) == 2


def test_a_sidebar_with_its_own_headline_and_dateline_is_an_item_of_its_own() -> None:
    """After the story's paragraphs, ``链接`` over two short headline lines over a dateline
    starts a sidebar; a dateline inside a story without headline lines above stays text."""
    story = (
        "　　1097万人捧上新饭碗，中国就业再传好消息，前三季度全国城镇新增就业人数稳步增长。\n\n"
        "　　良好的预期，源于前三季度打下的坚实基础，一句话概括，即措施有力就业稳定。\n\n"
    )
    issue = _text(
        "第12版\n\n前三季度基本完成全年就业目标\n1097万人捧新饭碗\n\n" + story + "　　链接\n\n"
        "　　职称政策将加大向\n\n　　深度贫困地区倾斜\n\n"
        "　　本报北京10月21日电  （记者赵兵）人社部于21日举行发布会，介绍职称政策等。\n\n"
        "　　据介绍，人社部人才评价制度改革稳步推进，加快推进科技、卫生等领域的职称制度改革。"
    )
    main, side = issue.articles
    assert (len(main.paragraphs), main.captions) == (2, ())  # the story's text, not captions
    assert (side.kicker, side.title) == ("链接", "职称政策将加大向 深度贫困地区倾斜")
    assert side.dateline == "本报北京10月21日电" and len(side.paragraphs) == 2


def test_commentaries_without_indents_are_cut_at_their_tagged_titles() -> None:
    """A page of commentaries printed without indents: a title closed by its series tag after
    a finished paragraph heads a story, and the 提要 line under it is no part of the title."""

    def piece(title: str, deck: str, lead: str) -> str:
        return (
            f"{title}\n\n{deck}\n\n{lead}有关部门应当加强监管，让市场回归理性，让消费者放心。\n\n"
            "事实上，从月饼券到蟹券，再到各种层出不穷的提货券，类似问题屡见不鲜，值得警惕。\n\n"
        )

    issue = _text(
        "第05版\n\n"
        + piece(
            "好的营商环境就是生产力（人民时评）",
            "唯有不断创造新的制度优势，才能不断增强中国经济的吸引力、创造力、竞争力",
            "好的营商环境就像阳光、水和空气，须臾不能缺少。",
        )
        + piece(
            "警惕“纸螃蟹”的隐性危害（人民时评）",
            "从“实体”向“虚拟”转变的过程中，同样也需要处理好实物和券之间的对应关系",
            "近几年，螃蟹券逐渐成为亲朋好友之间的秋季热门赠礼。",
        ).rstrip("\n")
    )
    got = [(a.title, len(a.paragraphs)) for a in issue.articles]
    assert got == [
        ("好的营商环境就是生产力（人民时评）", 2),
        ("警惕“纸螃蟹”的隐性危害（人民时评）", 2),
    ]


def test_without_indents_a_photo_report_and_a_core_reading_box_are_read() -> None:
    """No indents: ``图片报道`` after a finished paragraph heads an item; 核心阅读 under a
    headline and the unit under it are the summary, not the title or a paragraph."""
    issue = _text(
        "第05版\n\n"
        "以精品力作演绎奋斗史诗（光影视界）\n\n核心阅读\n\n"
        "三部献礼影片以真挚的情感和精湛的艺术打动观众，引领未来中国电影创作\n\n"
        "国庆期间，电影市场的繁荣景象引人注目，三部影片形成了一道亮丽的风景线。\n\n"
        "据统计，国庆档全国电影票房达五十亿元，观众人次超过一亿，创下新的纪录。\n\n"
        "图片报道\n\n"
        "优化功能设置，打造专属内容，在算法和分发机制上做防沉迷处理，守护青少年上网。\n\n"
        "这正是：\n\n缤纷网络世界，\n\n信息需要选筛。\n\n打造健康环境，\n\n工作常抓不懈。"
    )
    film, photo = issue.articles
    assert film.title == "以精品力作演绎奋斗史诗（光影视界）"
    assert (film.summary or "").startswith("三部献礼影片") and len(film.paragraphs) == 2
    assert photo.title == "图片报道" and photo.paragraphs[0].startswith("优化功能设置")


def test_without_indents_a_box_of_songs_and_signed_pieces_is_cut_per_piece() -> None:
    issue = _text(
        "第08版\n\n讴歌中国梦\n\n"
        "一首首广为传唱的经典旋律，与祖国发展同频共振，激励人们积极投身伟大事业。\n\n"
        "不忘初心\n\n作词：朱  海\n\n万水千山不忘来时路\n\n鲜血浇灌出花开的国度\n\n"
        "生死相依只为了那一句承诺\n\n报答你是我唯一的倾诉\n\n"
        "再一次出发\n\n作词：屈  塬\n\n当年的海风掀开厚重的面纱\n\n梦和初心的队伍从脚下开拔\n\n"
        "一条长路越走越宽阔\n\n希望的田野开满了鲜花\n\n"
        "写出新时代的大国军威\n\n王晓岭\n\n"
        "这个活动至今推出了七批歌曲，我有八首作品入选，其中好几首都是军歌。\n\n"
        "回想这些歌曲的创作过程，我深切体会到军旅音乐家要永葆崇高信仰。"
    )
    got = [(a.title, a.reporters, a.credits) for a in issue.articles]
    assert got == [
        ("讴歌中国梦", (), ()),
        ("不忘初心", (), ("作词：朱海",)),
        ("再一次出发", (), ("作词：屈塬",)),
        ("写出新时代的大国军威", ("王晓岭",), ()),
    ]


LONG_A = (
    "我的妻子今年2月生下一对双胞胎，因为是极早产儿，两个孩子一直住在医院里，"
    "需要母乳喂养，可我们一家被封控在家里，母乳送不出去，非常着急。"
)
LONG_B = "接到求助后，记者与街道取得了联系，工作人员当天就把母乳送到了医院，张先生连声道谢。"


def test_a_short_label_over_the_first_paragraph_is_a_column_label_only_when_alone() -> None:
    from syndicate.parse.blocks import _leading_labels

    captions: list[str] = []
    assert _leading_labels(["活动播报", LONG_A, LONG_B], captions, opened=False) == [LONG_A, LONG_B]
    assert captions == ["活动播报"]
    # a story that goes on with more such section lines (求助 … 帮忙>>>): its first section
    kept: list[str] = []
    units = ["求助", LONG_A, "帮忙>>>", LONG_B]
    assert _leading_labels(units, kept, opened=False) == units and kept == []


def test_a_series_intro_stands_right_under_the_headline() -> None:
    from syndicate.parse.blocks import Block, _intro

    intro = [Block([LONG_A]), Block([LONG_B])]
    assert _intro([Block(["寻找杭州100个主理人"]), *intro]) == intro
    assert _intro(intro) == intro
    # finished paragraphs over a byline further down, under a subhead and the story's opening
    # paragraphs, are that story's text: no intro
    story = [Block([LONG_A]), Block([LONG_B]), Block(["自助助人"]), *intro]
    assert _intro(story) == []
