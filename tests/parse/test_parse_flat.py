"""A tabloid with its indents stripped parses to the same articles (parse/flat.py).

A crawler's "cleaned" text keeps the blank lines and drops the full-width indents that told a
paragraph from a headline. The real 都市快报 texts in ../shared/corpus/real are stripped here,
at test time (the texts stay outside the repository), and held to the structure of their
hand-made keys in tests/acceptance: which articles, on which page, under which title, with how
many paragraphs. Matching is by title, so one miss does not drag its neighbours down.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from syndicate.model import Issue
from syndicate.parse import parse_issue
from syndicate.parse.conventions import infer_conventions
from syndicate.parse.pages import split_pages
from syndicate.parse.repair import rejoin

ROOT = Path(__file__).resolve().parents[2]
KEYS = sorted((ROOT / "tests" / "acceptance").glob("dskb_*.json"))
#: Share of the keys' articles found exactly (title, page, paragraph count) without indents.
#: The indented texts hold every key; what is left is listed in the README's parser section.
FLOOR = 0.87


def test_the_keys_are_found() -> None:
    # an empty parameter set would skip the test below silently
    assert [k.stem[:15] for k in KEYS] == ["dskb_2026-03-28", "dskb_2026-03-29"]


def _canon(s: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", s or "").split())


def _stripped(key: Path, *, one_blank: bool) -> tuple[str, dict[str, object]] | None:
    """The key's text without indents; ``one_blank``: and one blank line between pages."""
    exp = json.loads(key.read_text(encoding="utf-8"))
    text_path = ROOT.parent / str(exp["file"])
    if not text_path.exists():
        return None
    text = text_path.read_text(encoding="utf-8")
    text = text.replace("\n\u3000\u3000", "\n").removeprefix("\u3000\u3000")
    return (re.sub(r"\n{3,}", "\n\n", text) if one_blank else text), exp


def _exact(issue: Issue, want: list[dict[str, object]]) -> tuple[int, int, list[str]]:
    """(articles found exactly, articles wanted, what was missed)."""
    found, misses = 0, []
    for w in want:
        if w.get("optional"):
            continue
        titles = {_canon(str(t)) for t in w.get("title_any", [w.get("title")])}  # type: ignore[attr-defined]
        paras = len(w["paragraphs"])  # type: ignore[arg-type]
        hit = any(
            _canon(a.title) in titles and a.page == w["page"] and len(a.paragraphs) == paras
            for a in issue.articles
        )
        found += hit
        if not hit:
            misses.append(f"p{w['page']} {sorted(titles)[0][:12]}")
    return found, sum(not w.get("optional") for w in want), misses


@pytest.mark.parametrize("one_blank", [False, True], ids=["page-gaps", "one-blank"])
@pytest.mark.parametrize("key", KEYS, ids=[k.stem[:15] for k in KEYS])
def test_a_tabloid_without_indents_keeps_its_articles(key: Path, one_blank: bool) -> None:
    got = _stripped(key, one_blank=one_blank)
    if got is None:  # CI always has ../shared beside the checkout; a skip would hide a loss
        pytest.fail("the real corpus ../shared/corpus/real is missing: check out shared/ beside")
    text, exp = got
    conventions = infer_conventions(split_pages(text))
    assert not conventions.indent_paragraphs and conventions.stacked_heads
    issue = parse_issue(text, source=key.name)
    found, total, misses = _exact(issue, exp["articles"])  # type: ignore[arg-type]
    assert found >= FLOOR * total, f"{found}/{total} exact; missed {misses}"


def test_an_indented_text_is_not_read_as_stacked() -> None:
    text = "A01 要闻\n\n标题一行\n副题一行\n\n"
    text += "\u3000\u3000正文第一段，足够长的一句话写在这里，读者能读完。\n"
    text += "\n\u3000\u3000正文第二段，也写得足够长一些，好让缩进的习惯显出来。\n" * 3
    conventions = infer_conventions(split_pages(text))
    assert conventions.indent_paragraphs and not conventions.stacked_heads


PAGE = """A02 城市新闻

市区今起新开三条公交线路
早晚高峰时段全部加密班次运行

记者 王小明 通讯员 李强

昨天，市公交集团宣布新开三条公交线路，方便市民出行。

新线路怎么走

三条线路都经过地铁站，换乘更方便了。

据新华社

老旧小区加装电梯提速

本报讯（记者 张华）今年全市将为老旧小区加装电梯两百台。

加装电梯的补贴标准也已公布，每台最高补贴二十万元。

马拉松报名开启

记者 赵六

今年的城市马拉松报名今天开启，名额两万个。

清明扫墓期间
部分道路将采取临时交通管理

记者 钱七

清明节期间，公墓周边道路将实行临时交通管理。

男子聚餐饮酒后死亡
8名同饮者被索赔30万
一审判组织者赔偿4.5万元
其余7人不担责

男子李某参加公司组织的聚餐饮酒，次日在宿舍被发现死亡。

法院判决组织者赔偿4.5万元。据红星新闻

福利彩票开奖公告

福利彩票开奖公告
"""


def test_flat_headline_blocks_become_articles() -> None:
    issue = parse_issue(PAGE, source="x_2026-03-28.txt")
    got = [(a.kicker, a.title, a.subtitle, len(a.paragraphs)) for a in issue.articles]
    assert got == [
        (
            None,
            "市区今起新开三条公交线路",
            "早晚高峰时段全部加密班次运行",
            3,
        ),  # a subhead stays body
        (None, "老旧小区加装电梯提速", None, 2),  # after a closed story
        (None, "马拉松报名开启", None, 1),  # over an opening byline
        ("清明扫墓期间", "部分道路将采取临时交通管理", None, 1),
        (
            None,
            "男子聚餐饮酒后死亡 8名同饮者被索赔30万",
            "一审判组织者赔偿4.5万元 其余7人不担责",
            2,
        ),
    ]
    names = ["王小明", "张华", "赵六", "钱七", "据红星新闻"]
    assert [a.bylines[0].name for a in issue.articles] == names
    dropped = [p.detail for p in issue.problems if p.kind == "dropped-item"]
    assert len(dropped) == 2  # the notices whose table was an image


def test_the_next_section_code_after_one_blank_line_starts_a_page() -> None:
    text = "A01 都市快报\n\n头版导读。\n\nA02 中国新闻\n\n正文一。\n\n"
    text += "B01 城市\n\n正文二。\n\nA02 不是页眉\n"
    pages = split_pages(text)
    assert [(p.code, p.name) for p in pages] == [
        ("A01", "都市快报"),
        ("A02", "中国新闻"),
        ("B01", "城市"),
    ]
    assert pages[-1].lines == ["正文二。", "A02 不是页眉"]  # a code going back is text


def test_a_tagged_title_a_photo_report_and_a_credit_close_or_head_in_a_flat_page() -> None:
    """Without indents, a one-line title closed by its series tag or a ``图片报道`` label after
    a finished paragraph heads a story; a page's or a picture's credit closes the one above."""
    from syndicate.parse.blocks import Block
    from syndicate.parse.flat import closes_story, is_flat_head

    para = "小小塑料袋，需要治理的大智慧，相关机构应肩负起引导和监管的责任。"
    for title in ("让“限塑”成为一种自觉（人民时评）", "图片报道"):
        blocks = [Block([para]), Block([title]), Block([para.replace("小小", "大大")])]
        assert is_flat_head(blocks, 1, body_above=True)
    blocks = [Block([para]), Block(["一个小标题"]), Block(["这是下文的开头，说了一件事。"])]
    assert not is_flat_head(blocks, 1, body_above=True)
    assert closes_story("制图：蔡华伟") and closes_story("曹  一图  羽  生文")
    assert not closes_story("这是一段正文。")


SIGNED = """A01 都市快报

周末天气晴好
杭州最高气温24℃

今天多云，东北风3级，最高气温24℃。



B03 少年

评委眼中的好作文是什么样子的？
全市中学生征文活动进行现场终评

记者 王小明

4月2日，全市中学生征文活动进行现场终评，两百余篇作文进入最后一轮。

“我手写我心”，希望孩子们多读、多看、多写，写出鲜活的文字！

——陈红老师

无论是现场选手还是投稿选手，作品都可圈可点。

——金芳老师



B05 少年

一节特别的思政课
——大中小学师生清明祭英烈

记者 李华 通讯员 赵强

4月1日，师生来到烈士纪念碑前，向英烈献花。

仪式结束后，老师给大家带来了一堂主题思政课。

本版主持 张娜

春日研学

杭州市某某小学二（1）班 陈小彬

春风拂过枝头，我们终于迎来了期盼已久的春游！

最后，我们依依不舍地坐上了回学校的大巴。
"""


def test_a_dash_signature_is_a_credit_and_a_page_credit_closes_the_last_story() -> None:
    assert infer_conventions(split_pages(SIGNED)).stacked_heads  # cut by flat.py
    issue = parse_issue(SIGNED, source="x_2026-04-04.txt")
    got = [(a.title, len(a.paragraphs)) for a in issue.articles[1:]]
    assert got == [
        ("评委眼中的好作文是什么样子的？", 3),  # ——陈红老师 / ——金芳老师 sign the comments
        ("一节特别的思政课", 2),  # 本版主持 张娜 is the page's credit, under its last story
        ("春日研学", 2),  # so the line after it heads a story
    ]
    first, second, essay = issue.articles[1:]
    assert [b.printed for b in first.bylines if b.role == "other"] == ["——陈红老师", "——金芳老师"]
    assert "本版主持 张娜" in [b.printed for b in second.bylines]
    assert essay.reporters == ("陈小彬",)
    assert not [p for p in issue.problems if p.kind == "dropped-item"]


SHOP = """B06 生活家

爬山怕滑？雨天怕湿？
山地鞋抓地稳，防水鞋不怕湿

春天，正是出门踏青、爬山的好时节，但怕的是鞋子不给力。

两款鞋子各有侧重，看你需要哪一双。

春日安睡就选它
老底子桑蚕丝被

春季睡觉盖被厚了热、薄了冷，一床轻软透气的春被，是破解春眠难题的关键。

到店优享价：2斤春被，优享价856元。

白发染黑
老字号企业染发剂

前不久，我们去走访的这家企业，创立于1981年，深耕染发领域几十年。

到店优享价：4个颜色，1盒/49元。

生活家旗舰店

地址：拱墅区体育场路222号（体育场路与中河路交叉口）。

生活家服务热线：0571-85053006。

体育彩票开奖公告

体育彩票开奖公告
"""


def test_a_shop_box_closing_the_page_is_dropped_not_the_last_story_s_tail() -> None:
    assert infer_conventions(split_pages(SHOP)).stacked_heads
    issue = parse_issue(SHOP, source="x_2026-04-04.txt")
    assert [len(a.paragraphs) for a in issue.articles] == [2, 2, 2]
    assert "白发染黑" in issue.articles[-1].title  # the address and hotline are not its text
    dropped = [p.detail for p in issue.problems if p.kind == "dropped-item"]
    assert any("生活家旗舰店" in d for d in dropped)


BOX = """B04 少年

在樱花跑道上相聚
小记者的春日活动场场爆满

近几周，杭州的春色正好，小记者们走到户外踏青赏春。

与畅销书作家面对面
解锁写作的新玩法

记者 祁明

3月28日上午，作家来到书房，和小记者们聊起了创意写作。

活动结束时，小记者们围着老师问问题，拍合照。

小记者活动播报

体验活动：名师公益课

老师给我们看了一张满是大树的图片，让我们把大树当成人来写。

讲座结束后，我请老师在书上签名。

——杭州市某某外国语学校

三（3）班  俞小和

体验活动：狮子跑团

今天，阳光明媚，跑团在樱花跑道上相聚了。

最后我们不仅赶上了教练，还拿到女子第二的好成绩!

——杭州市某某第一小学二（4）班 李小响

体验活动：小记者采访

今天，我参加了小记者街头采访。

这是一次难忘的“勇敢者的游戏”！

——杭州市某某小学二（8）班 叶小翯

狮子跑团再出发！
在樱花跑中体验不一样的春日

记者 叶浩

3月开始，亲子跑团每周都快乐出发，已陆续跑过苏堤、白堤。
"""


def test_a_banner_over_labelled_items_of_signed_pieces_is_one_article_per_item() -> None:
    assert infer_conventions(split_pages(BOX)).stacked_heads
    issue = parse_issue(BOX, source="x_2026-04-04.txt")
    got = [(a.kicker, a.title, len(a.paragraphs)) for a in issue.articles]
    assert got[2:5] == [
        ("小记者活动播报", "体验活动：名师公益课", 2),  # the banner is the first item's kicker
        (None, "体验活动：狮子跑团", 2),  # after the school signature and its class line
        (None, "体验活动：小记者采访", 2),  # after a signature under a `!`
    ]
    assert len(issue.articles[1].paragraphs) == 2  # the story above keeps only its own
    signed = [b.printed for a in issue.articles for b in a.bylines if b.role == "other"]
    assert len(signed) == 3
    assert not [p for p in issue.problems if p.kind == "dropped-item"]


def test_a_subhead_set_into_a_sentence_follows_the_rejoined_paragraph() -> None:
    paras = [
        "环顾这家小店，到处都有店员的作品。手写的菜单，让走进来",
        "咖啡店不赚钱",
        "为什么还要坚持开下去？",
        "的客人瞬间有种被治愈的感觉。",
        "店员还把自己养的小狗带到了店里。",
    ]
    out, problems = rejoin(paras, 9)
    assert out == [
        "环顾这家小店，到处都有店员的作品。手写的菜单，让走进来的客人瞬间有种被治愈的感觉。",
        "咖啡店不赚钱",
        "为什么还要坚持开下去？",
        "店员还把自己养的小狗带到了店里。",
    ]
    assert [p.kind for p in problems].count("rejoined-paragraph") == 1


SERIES = """B01 财经新闻

小区门口的咖啡店
不赚钱也要开下去？

寻找城里100个主理人

“主理人”一词，曾自带光环，是潮牌与明星的专属标签。如今，它已飞入寻常巷陌，从独立咖啡店到小众面包坊，都有主理人的身影。

第三期，我们走进一家社区咖啡店，听主理人讲述她的开店故事。

记者 万小禺

相信很多人都有开家小店的梦想，它可以是花店，也可以是一家咖啡店。

这家店不仅名字特别，位置更特别。

市区新开三条公交线路
早晚高峰全部加密班次

记者 王小明

昨天，市公交集团宣布新开三条公交线路，方便市民出行。

上周末，小记者来到运河广场
听市民聊聊人工智能

记者 钱小慧

人工智能正快速地进入我们的生活。
"""


def test_a_series_introduction_above_the_byline_is_text_and_its_label_a_caption() -> None:
    assert infer_conventions(split_pages(SERIES)).stacked_heads
    story = parse_issue(SERIES, source="x_2026-04-04.txt").articles[0]
    assert [p[:6] for p in story.paragraphs] == [
        "“主理人”一",
        "第三期，我们",
        "相信很多人都",
        "这家店不仅名",
    ]
    assert story.captions == ("寻找城里100个主理人",)
    assert story.reporters == ("万小禺",)


JUDGES = """B03 少年

600余份作品进入最后一关！
全市中小学生征文活动举行现场终评

记者 张小娜

4月1日，全市中小学生征文活动进行现场终评，600余份作品进入最后一轮。

整体而言，本次参赛作品质量上乘，体现了孩子们对生活的观察与热爱。

评委名单

小学组

纪小兰 特级教师、某某小学教育集团

中学组

朱小丽 某某学校语文高级教师

詹小玉 某某中学语文教研组长

评委眼中的好文章是什么样子的？
运河征集活动进行现场终评

记者 张小娜

4月2日，运河征集活动进行现场终评，200余篇作文进入最后一轮。

狮子跑团再出发！
在樱花跑中体验不一样的春日

记者 叶小宇

3月开始，亲子跑团每周都快乐出发，已陆续跑过苏堤、白堤。
"""


def test_a_heading_over_a_list_of_short_lines_after_a_story_is_a_box_of_its_own() -> None:
    assert infer_conventions(split_pages(JUDGES)).stacked_heads
    issue = parse_issue(JUDGES, source="x_2026-04-04.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles] == [
        ("全市中小学生征文活动举行现场终评", 2),
        ("评委名单", 5),  # every line of the list, the last one too
        ("评委眼中的好文章是什么样子的？", 1),
        ("在樱花跑中体验不一样的春日", 1),
    ]
    assert not [p for p in issue.problems if p.kind == "dropped-item"]


def test_a_column_label_alone_over_a_long_first_paragraph_is_a_caption() -> None:
    lead = "都市快报甄选建德老底子桑蚕丝被，40多年桑蚕匠心铸就真材实料，春日盖着不闷不寒。"
    text = SHOP.replace("老底子桑蚕丝被\n\n", f"老底子桑蚕丝被\n\n活动播报\n\n{lead}\n\n", 1)
    story = parse_issue(text, source="x_2026-04-04.txt").articles[1]
    assert story.captions == ("活动播报",)
    assert len(story.paragraphs) == 3


ESSAYS = """B05 少年

家有“虎妈”

杭州市某某小学三（5）班 裘小舟

我的妈妈属兔，但她半点儿也不像温柔可爱的小白兔，爸爸打趣说，妈妈像只“母老虎”。

我爱我的“虎妈”！

指导老师陆小滢：

小作者构思巧妙，用三个鲜活比喻，将妈妈的多面性格刻画得淋漓尽致。

校园一小角，快乐一大角

杭州市某某实验学校四（1）班 毛小知

在校园里，有些人喜欢生态池，有些人喜欢操场，而我，则钟爱那办公室旁的小角落。

指导老师许小婕：

文章选材独特，情感真挚，是一篇优秀的习作。

春访阳陂湖，劳动小能手
硅谷小学二年级春游研学快乐值拉满

记者 祁小艳

4月1日，二年级的同学们前往阳陂湖，开展了春游研学活动。

一节特别的思政课
大中小学师生清明祭英烈

记者 陆小颖

4月1日，师生来到烈士纪念碑前，向英烈献花。

春日研学
杭州市某某小学二（1）班 陈小彬

春风拂过枝头，我们终于迎来了期盼已久的春游！
"""


def test_an_essay_title_over_a_pupil_s_class_line_after_a_finished_piece_heads_it() -> None:
    assert infer_conventions(split_pages(ESSAYS)).stacked_heads
    issue = parse_issue(ESSAYS, source="x_2026-04-04.txt")
    got = [(a.title, a.reporters, len(a.paragraphs)) for a in issue.articles[:2]]
    assert got == [
        ("家有“虎妈”", ("裘小舟",), 4),  # the teacher's note is the essay's, 指导老师… its label
        ("校园一小角，快乐一大角", ("毛小知",), 3),
    ]


BRIEFS = """A07 很短很新鲜

伊朗击落美军战斗机
悬赏活捉美军飞行员

4月3日，一架美军战斗机在伊朗西南部被击落，当地已悬赏活捉飞行员。

据伊朗通讯社报道，美军飞行员跳伞并在当地躲藏。

超2000名数学家抵制赴美参会

近日，围绕国际数学家大会会址的争议持续升温，2000多名学者公开呼吁迁出美国。

位于柏林的国际数学联合会发表声明，不会改变在费城办会的决定。

193岁陆龟去世是个假消息

世界上最偏远的岛屿之一居住着一只名叫乔纳森的陆龟，今年193岁。

这则消息很快在社交媒体上流传，许多网友留言悼念。

陆龟乔纳森的近况

政府发布的照片中，乔纳森正在庭院里漫步。

敏昂莱当选缅甸总统
议会投票结果公布

缅甸联邦议会总统选举团3日举行投票选举总统。

丹麦发现沉船残骸
225年前被击沉的旗舰

丹麦维京船博物馆宣布，发现200多年前被击沉的旗舰残骸。
"""


def test_a_one_line_headline_where_the_subject_turns_heads_a_story() -> None:
    assert infer_conventions(split_pages(BRIEFS)).stacked_heads
    issue = parse_issue(BRIEFS, source="x_2026-04-04.txt")
    got = [(a.title, len(a.paragraphs)) for a in issue.articles]
    assert got[1:3] == [
        ("超2000名数学家抵制赴美参会", 2),
        ("193岁陆龟去世是个假消息", 4),  # shares 陆龟 and 193 with its lead, nothing above
    ]
    # 陆龟乔纳森的近况 speaks of the story above it: a subhead, not a headline
    assert "陆龟乔纳森的近况" in issue.articles[2].paragraphs


#: An evening paper's pages, indents stripped: kicker/title pairs, a long deck, a byline
#: alone under the headline, and a subhead under the first paragraph.
EVENING = (
    "第9版:上海新闻\n\n"
    "下楼做核酸，129人忘带钥匙\n"
    "友情提醒：出门前除了戴口罩，千万别忘了带钥匙，煤气关火电器断电\n\n"
    "昨天一早，消防救援支队接到一条求助警情，他马上带队赶到现场。\n\n"
    "上海消防部门提醒，出门前还要记得关火、断电，确保家中安全。  本报记者  潘高峰\n\n\n\n"
    "第10版:文体新闻\n\n"
    "卡塔尔世界杯分组抽签今晨揭晓\n"
    "哪组 冤家路窄 谁人 一马平川\n\n"
    "世界杯，又近了一步——北京时间今晨，分组抽签仪式在多哈举行。\n\n"
    "本报记者  关尹\n\n\n\n"
    "第15版:新民财经\n\n"
    "一季度沪深股市出现大幅调整\n"
    "不必恐慌，春天临近了！\n\n"
    "首席记者  连建明\n\n"
    "今年第一季度，沪深股市出现大幅调整，上证指数最低逼近3000点大关。\n\n"
    "主要指数跌幅较大\n\n"
    "上证指数今年1月4日以3649.15点跳空高开，摸高3651.89点后就一路下跌。\n\n"
    "2月份上证指数以3407.76点跳空高开，当月上涨3%。\n"
)


def test_an_evening_paper_s_heads_and_a_subhead_under_the_first_paragraph() -> None:
    assert infer_conventions(split_pages(EVENING)).stacked_heads
    issue = parse_issue(EVENING, source="x_2022-04-02.txt")
    got = [(a.page, a.kicker, a.title, a.subtitle, len(a.paragraphs)) for a in issue.articles]
    assert got == [
        # a deck of several clauses is the subtitle, not a title under a figure kicker
        (9, None, "下楼做核酸，129人忘带钥匙", EVENING.split("\n")[3], 2),
        # a couplet under a one-phrase setting is the title
        (10, "卡塔尔世界杯分组抽签今晨揭晓", "哪组 冤家路窄 谁人 一马平川", None, 1),
        # the byline alone is no paragraph: the subhead stands under one, not two
        (15, "一季度沪深股市出现大幅调整", "不必恐慌，春天临近了！", None, 4),
    ]


def test_a_page_s_first_block_over_a_dateline_is_its_headline_however_long_its_lines() -> None:
    kicker = "李强：坚定信心、毫不松懈，态度要更坚决、行动要更迅速、举措要更严密、服务要更周全"
    deck = (
        "与龚正分别检查第二批地区核酸筛查推进和民生保障工作情况  "
        "对驰援我市的江苏省浙江省安徽省检测队伍等表示敬意和感谢  诸葛宇杰参加"
    )
    text = (
        f"第2版:要闻\n\n{kicker}\n扎实细致做好面上核酸筛查\n{deck}\n\n"
        "本报讯  市委书记李强，市委副书记、市长龚正昨天上午分别前往徐汇、静安等区。\n\n"
        "市领导诸葛宇杰参加相关检查。\n\n\n\n" + EVENING
    )
    issue = parse_issue(text, source="x_2022-04-02.txt")
    a = issue.articles[0]
    assert (a.page, a.kicker, a.title) == (2, kicker, "扎实细致做好面上核酸筛查")
    assert (a.subtitle or "").split() == deck.split()
    assert a.dateline == "本报讯"
    assert [p[:4] for p in a.paragraphs] == ["市委书记", "市领导诸"]
    assert not a.captions


def test_a_name_alone_under_an_essay_s_title_is_its_author_not_a_column_label() -> None:
    text = (
        "第14版:夜光杯\n\n珍惜资源\n\n南妮\n\n"
        "冰箱里过年时储存的各类崇明糕、宁波年糕、本地方糕有好多，新鲜劲儿过了后，"
        "在零下18摄氏度的冷冻格里冻成了冰箱的固定零件。\n\n"
        "你在意的资源，如果是真正纯精神的资源，你一定允许它物质形态的被浪费。\n\n\n\n" + EVENING
    )
    a = parse_issue(text, source="x_2022-04-02.txt").articles[0]
    assert (a.title, [b.name for b in a.bylines], a.captions) == ("珍惜资源", ["南妮"], ())
    assert len(a.paragraphs) == 2


def _page_five(stories: str) -> list[tuple[str, int, int]]:
    """(title, paragraphs, captions) of page 5's articles, over the evening pages."""
    text = (
        "第5版:上海新闻\n\n下楼做核酸，129人忘带钥匙\n"
        "友情提醒：出门前除了戴口罩，千万别忘了带钥匙，煤气关火电器断电\n\n"
        "昨天一早，消防救援支队接到一条求助警情，他马上带队赶到现场。\n\n"
        "上海消防部门提醒，出门前还要记得关火、断电，确保家中安全。  本报记者  潘高峰\n\n"
        f"{stories}\n\n\n\n{EVENING}"
    )
    issue = parse_issue(text, source="x_2022-04-02.txt")
    return [(a.title, len(a.paragraphs), len(a.captions)) for a in issue.articles if a.page == 5]


def test_a_one_line_title_after_a_signed_story_and_after_a_photo_item_heads_a_story() -> None:
    photo = "昨天，顾村公园的樱花进入盛花期，不少市民在花下驻足拍照。"
    news = "近日，本市3条公交线路将调整走向，市民出行请留意站点公告。\n\n具体方案可登录网站查询。"
    head = ("下楼做核酸，129人忘带钥匙", 2, 0)
    # the photo's credit glued to its caption, the next story unsigned
    got = _page_five(f"樱花开了\n\n{photo}  本报记者  张三  摄\n\n公交线路调整\n\n{news}")
    assert got == [head, ("樱花开了", 0, 1), ("公交线路调整", 2, 0)]
    # the credit on its own line: the caption stays the photo item's only paragraph
    got = _page_five(f"樱花开了\n\n{photo}\n\n本报记者  张三  摄\n\n公交线路调整\n\n{news}")
    assert got == [head, ("樱花开了", 1, 0), ("公交线路调整", 2, 0)]
    # the next story opens on a dateline
    dated = "本报讯（记者 李四）近日，本市3条公交线路将调整走向，市民出行请留意。"
    got = _page_five(f"樱花开了\n\n{photo}  本报记者  张三  摄\n\n公交线路调整\n\n{dated}")
    assert got == [head, ("樱花开了", 0, 1), ("公交线路调整", 1, 0)]


def test_sections_signed_one_by_one_under_a_lead_stay_one_story() -> None:
    # the first section's head stands under the unsigned lead: the signatures close sections
    sections = (
        "第5版:上海新闻\n\n浦西首日封控检测“动静有序”\n街道干部下沉社区保障“民间高手”优化采样路线\n\n"
        "4月1日，浦西进入新一轮封控，在众多社区，核酸检测组织有序。\n\n"
        "黄浦区  “先锋上海”志愿者打头阵\n\n"
        "昨天上午7时，名盛苑小区开始核酸检测，有条不紊。  本报记者  姚丽萍\n\n"
        "长宁区  居民“金点子”更生动周全\n\n"
        "为应对昨天开始的全员核酸筛查，虹桥万博花园推出路线图。本报记者  屠瑜\n\n\n\n"
    )
    issue = parse_issue(sections + EVENING, source="x_2022-04-02.txt")
    got = [(a.title, len(a.paragraphs)) for a in issue.articles if a.page == 5]
    assert got == [("浦西首日封控检测“动静有序”", 5)]


def test_a_teaser_s_pointer_to_the_website_is_no_text() -> None:
    text = (
        "第1版:一版要闻\n\n习近平重要指示：管行业必须管安全，管业务必须管安全\n"
        "始终保持如履薄冰的高度警觉\n\n\u3000\u3000>>>详见新民网 www.xinmin.cn\n\n\n\n"
        "第2版:要闻\n\n扎实细致做好面上核酸筛查\n\n"
        "\u3000\u3000本报讯  市委书记李强昨天上午分别前往徐汇、静安、黄浦等区，实地检查。\n\n"
        "\u3000\u3000市领导诸葛宇杰参加相关检查，听取各区的工作情况汇报。\n"
    )
    issue = parse_issue(text, source="x_2022-04-02.txt")
    assert not any("详见" in p for a in issue.articles for p in a.paragraphs)
    assert [a.title for a in issue.articles][-1] == "扎实细致做好面上核酸筛查"
