"""Doubts and confidence (parse/doubts.py): each kind raised where a person should look."""

from __future__ import annotations

from pathlib import Path

from syndicate.model import Article, Byline, Problem
from syndicate.parse import parse_bytes, parse_issue
from syndicate.parse.doubts import find_doubts

LONG = "这是一段足够长的正文，用来把文章撑大，读者一看便知。" * 6


def art(page: int, title: str, paragraphs: list[str], **kw: object) -> Article:
    return Article(page=page, seq=1, title=title, paragraphs=tuple(paragraphs), **kw)  # type: ignore[arg-type]


def kinds(articles: list[Article], problems: list[Problem] | None = None) -> list[str]:
    return [d.kind for d in find_doubts(articles, problems or [])[0]]


def test_no_doubts_full_confidence() -> None:
    doubts, confidence = find_doubts([art(1, "甲", ["第一段。", "第二段。"])], [])
    assert (doubts, confidence) == ((), 1.0)


def test_an_article_far_longer_than_its_page_others() -> None:
    merged = art(1, "合并", [LONG] * 20)
    others = [art(1, "乙", [LONG]), art(1, "丙", [LONG])]
    doubts, confidence = find_doubts([merged, *others], [])
    assert [(d.kind, d.article) for d in doubts] == [("long-article", 0)]
    assert confidence < 0.9
    assert kinds([art(1, "孤", [LONG] * 20)]) == []  # alone on its page: nothing to compare


def test_a_byline_or_dateline_inside_a_body() -> None:
    a = art(2, "甲", ["第一段。", "本报记者 王五", "本报讯（记者 赵六）第二篇的开头。"])
    doubts, _ = find_doubts([a], [])
    assert [(d.kind, d.page, d.where) for d in doubts] == [
        ("byline-in-body", 2, "本报记者 王五"),
        ("mid-sentence", 2, "…本报记者 王五"),
        ("byline-in-body", 2, "本报讯（记者 赵六）第二篇的开头。"),
    ]


def test_a_paragraph_ending_mid_sentence_but_not_a_subhead() -> None:
    a = art(1, "甲", ["小标题", "这一段在栏尾断开了，没有句号的", "结尾。"], subheads=(0,))
    assert kinds([a]) == ["mid-sentence"]


def test_an_uncertain_name_split_and_an_unsplit_run() -> None:
    unsure = Byline("correspondent", "李周龙", "楼斌李周龙")
    sure = Byline("correspondent", "赵六", "赵六钱七")
    a = art(1, "甲", ["正文。"], bylines=(unsure, sure))
    doubts, _ = find_doubts([a], [])
    assert [d.where for d in doubts] == ["楼斌李周龙 read as 楼斌 李周龙"]
    run = art(1, "乙", ["正文。"], bylines=(Byline("reporter", "叁肆伍陆", "叁肆伍陆"),))
    assert kinds([run]) == ["name-split"]


def test_a_dropped_item_is_a_doubt_with_no_article() -> None:
    problem = Problem("dropped-item", 4, "headline without a body: 福利彩票开奖公告")
    doubts, confidence = find_doubts([], [problem])
    assert [(d.kind, d.page, d.article) for d in doubts] == [("dropped-item", 4, None)]
    assert 0.9 < confidence < 1.0


def test_parse_carries_doubts_and_confidence() -> None:
    text = "第1版：要闻\n\n县里开会\n\n本报讯（记者王五通讯员楼斌李周龙）昨天开了会。\n"
    issue = parse_issue(text, source="x-2024-01-02.txt")
    assert [d.kind for d in issue.doubts] == ["name-split"]
    assert issue.doubts[0].article == 0 and issue.confidence < 1.0


def test_a_subhead_followed_by_a_news_lead() -> None:
    merged = art(
        1, "甲", ["第一段。", "青山中学学子获省级奖项", "近日，青山中学学生获奖。"], subheads=(1,)
    )
    doubts, _ = find_doubts([merged], [])
    assert [(d.kind, d.where) for d in doubts] == [
        ("headline-in-body", "青山中学学子获省级奖项 / 近日，青山中学学生获奖。")
    ]
    feature = art(1, "乙", ["第一段。", "小村新貌", "如今，路通了。"], subheads=(1,))
    assert kinds([feature]) == []


TAIL = "第二篇报道的正文，讲的是另一件事，与上文无关。" * 30

#: (paragraphs, subheads, kinds expected): the last subhead may be the next story's headline.
SUBHEAD_OR_HEADLINE: list[tuple[list[str], tuple[int, ...], list[str]]] = [
    # a story ends with no credit, a short line, then a lead only the wider patterns know
    (
        ["第一篇结尾。", "新区举行开放日", "3月27日上午，新区举行开放日。"],
        (1,),
        ["subhead-or-headline"],
    ),
    (
        ["第一篇结尾。", "新区举行开放日", "记者从市教育局获悉，开放日定了。"],
        (1,),
        ["subhead-or-headline"],
    ),
    (
        ["第一篇结尾。", "新区举行开放日", "本报杭州讯 新区举行开放日。"],
        (1,),
        ["subhead-or-headline"],
    ),
    (
        ["第一篇结尾。", "新区举行", "开放日", "3月27日下午，新区举行开放日。"],
        (1, 2),
        ["subhead-or-headline"],
    ),
    (
        ["第一篇结尾。", "新区举行开放日", "新华社北京3月27日电（记者 王五）" + LONG],
        (1,),
        ["subhead-or-headline"],
    ),
    # a line too long for a one-line headline
    (["第一篇结尾。", "新区" * 16, "3月27日上午，新区举行开放日。"], (1,), []),
    # the lone subhead of a long article, the tail opening like a report
    (["第一篇。" * 500, "伊朗称已动员", "据新华社报道，" + TAIL], (1,), ["subhead-or-headline"]),
    # `3月27日，` is headline-in-body's: one doubt at the line, not two
    (["第一篇结尾。", "新区举行开放日", "3月27日，新区举行开放日。"], (1,), ["headline-in-body"]),
    (["第一篇结尾。", "新区举行开放日", "本报讯 新区举行开放日。"], (1,), ["headline-in-body"]),
    # an ordinary continuation
    (["第一篇结尾。", "小村新貌", "如今，路通了。"], (1,), []),
    # not the last subhead: a feature's sections may open with a date
    (["开头。", "第一节", "3月27日上午，来了。", "第二节", "后来走了。"], (1, 3), []),
    # the line before does not close a story (a credit, or no final mark)
    (
        ["第一篇结尾。", "本报记者 王五", "新区举行开放日", "3月27日上午，开放。"],
        (2,),
        ["byline-in-body", "mid-sentence"],
    ),
    (["这一段断在", "新区举行开放日", "3月27日上午，开放。"], (1,), ["mid-sentence"]),
    # a short article: the tail is no separate story
    (["第一篇。", "伊朗称已动员", "据新华社报道，" + TAIL], (1,), []),
    # a long article whose tail opens as a section would
    (["第一篇。" * 500, "伊朗称已动员", "如今，" + TAIL], (1,), []),
    # a long article whose tail is short: a closing section
    (["第一篇。" * 700, "伊朗称已动员", "据新华社报道，伊朗动员。"], (1,), []),
    # a long article with several subheads: the last one's tail is a section
    (["第一篇。" * 500, "一", "中。", "伊朗称已动员", "据新华社报道，" + TAIL], (1, 3), []),
]


def test_a_subhead_that_may_be_the_next_storys_headline() -> None:
    for paragraphs, subheads, expected in SUBHEAD_OR_HEADLINE:
        a = art(3, "甲", paragraphs, subheads=subheads)
        doubts, confidence = find_doubts([a], [])
        assert [d.kind for d in doubts] == expected, paragraphs
        for d in doubts:
            if d.kind == "subhead-or-headline":
                line = paragraphs[subheads[-1]]
                assert (d.page, d.article) == (3, 0) and line in d.where, d
                assert confidence < 1.0


def test_the_seed_issue_carries_no_subhead_or_headline_doubt() -> None:
    seed = Path(__file__).parents[1] / "data" / "issues" / "000_734798b80c85afa5.txt"
    issue = parse_bytes(seed.read_bytes(), source=seed.name)
    assert [d.kind for d in issue.doubts] == []
    assert issue.confidence == 1.0


def test_a_lone_headline_shaped_line_but_not_an_even_series_of_subheads() -> None:
    body = "市里昨天公布了新的办法，细则随后发布，市民可以在网上查到全文。" * 2
    lone = art(1, "甲", [body, body, body, "新研究：应警惕人工智能", body, body], subheads=(3,))
    doubts, _ = find_doubts([lone], [])
    assert [(d.kind, d.where[:11]) for d in doubts] == [
        ("subhead-or-headline", "新研究：应警惕人工智能")
    ]
    even = art(
        1,
        "乙",
        [body, "一是看得见", body, body, "二是管得住", body, body, "三是办得成", body],
        subheads=(1, 4, 7),
    )
    assert kinds([even]) == []
    late = art(
        1,
        "丙",
        [body] * 6 + ["另一篇的标题", body, "小标题一", body, "小标题二", body],
        subheads=(6, 8, 10),
    )
    assert [d.where[:6] for d in find_doubts([late], [])[0]] == ["另一篇的标题"]


def test_a_long_article_names_where_a_second_story_may_start() -> None:
    merged = art(1, "合并", [LONG] * 10 + ["第二篇的标题", *[LONG] * 10])
    others = [art(1, "乙", [LONG]), art(1, "丙", [LONG])]
    (doubt,) = [d for d in find_doubts([merged, *others], [])[0] if d.kind == "long-article"]
    assert doubt.where.endswith("; a story may start at 第二篇的标题")
    plain = art(1, "合并", [LONG] * 21)
    (doubt,) = [d for d in find_doubts([plain, *others], [])[0] if d.kind == "long-article"]
    assert "may start" not in doubt.where


def test_a_subhead_over_a_dated_paragraph_and_a_body_opening_with_headlines() -> None:
    body = "市里昨天公布了新的办法，细则随后发布，市民可以在网上查到全文。"
    dated = "缅甸联邦议会总统选举团3日举行投票选举总统，结果当天公布。"
    a = art(7, "甲", [body, body, "敏昂莱当选缅甸总统", dated, body], subheads=(2,))
    got = [(d.kind, d.where[:16]) for d in find_doubts([a], [])[0]]
    assert ("headline-in-body", "敏昂莱当选缅甸总统 / 缅甸联邦") in got
    undated = art(7, "甲", [body, body, "小标题", body, body], subheads=(2,))
    assert "headline-in-body" not in kinds([undated])
    box = art(
        4, "杭州号里看杭州", ["美丽西湖", "杭州外骨骼，拿下金奖", body, body], subheads=(0, 1)
    )
    (d,) = [d for d in find_doubts([box], [])[0] if d.kind == "subhead-or-headline"]
    assert d.where.startswith("美丽西湖 / 杭州外骨骼，拿下金奖 / ")


def test_a_headline_line_between_two_sentences_names_where_a_story_may_start() -> None:
    head = "跟着这本书重新认识西湖，橙柿积分兑换《杭州Discovery·再西湖》"
    a = art(
        8,
        "周末好天气，抓紧赏樱花",
        ["近期气温整体相对平稳。", head, "登录橙柿互动App，参与兑换商品。"],
    )
    doubts, _ = find_doubts([a], [])
    assert [(d.kind, d.where) for d in doubts] == [
        ("headline-in-body", f"{head} / 登录橙柿互动App，参与……")
    ]
    # a paragraph cut off at a column break is no headline: it ends mid-phrase, or runs long
    cut = art(
        8, "甲", ["近期气温整体相对平稳。", "下周一杭州最高气温降至18—19℃，", "4月1日起气温回升。"]
    )
    assert kinds([cut]) == ["mid-sentence"]


def test_a_short_line_joined_to_the_next_beside_subheads_of_its_length_is_a_doubt() -> None:
    """``在保护区，27个管护站全覆盖`` over a sentence, in a story with two more subheads of
    about its length: one more subhead, or a clause cut at a column break? Joined, and said."""
    para = "　　这是一段足够长的正文，用来把文章撑大，读者一看便知，记者在现场看到了这一切。"
    text = "\n\n".join(
        [
            "第18版",
            "“闯田”退出湿地之后",
            para,
            "　　抢救性保护，把湿地还给湿地",
            para,
            "　　保护区周边的村庄悄然变化",
            para,
            "　　在保护区，27个管护站全覆盖",
            "　　四个区域——北区、东区、南区和西区，站里的几位工作人员刚刚从十几公里外的"
            "湿地巡护回来。",
        ]
    )
    issue = parse_issue(text, source="x_2019-10-22.txt")
    assert [(d.kind, d.page) for d in issue.doubts if d.kind == "subhead-or-cut"] == [
        ("subhead-or-cut", 18)
    ]
    alone = text.replace("　　抢救性保护，把湿地还给湿地\n\n", "")
    issue = parse_issue(alone, source="x_2019-10-22.txt")
    assert not [d for d in issue.doubts if d.kind == "subhead-or-cut"]


def test_a_subhead_where_the_subject_turns_is_a_doubt_naming_it() -> None:
    paragraphs = [
        "4月3日，一架战斗机在伊朗西南部被击落，当地已悬赏活捉飞行员。",
        "超2000名数学家抵制赴美参会",
        "近日，围绕国际数学家大会会址的争议持续升温，2000多名学者公开呼吁。",
        "位于柏林的国际数学联合会发表声明，不会改变在费城办会的决定。",
        "193岁陆龟去世是个假消息",
        "岛上居住着一只名叫乔纳森的陆龟，今年193岁。",
    ]
    merged = art(7, "伊朗击落美军战斗机", paragraphs, subheads=(1, 4))
    where = [d.where for d in find_doubts([merged], [])[0] if d.kind == "subhead-or-headline"]
    assert any(w.startswith("193岁陆龟去世是个假消息 / ") for w in where)
    # a subhead on the story's own subject is no such doubt
    own = art(
        7, "陆龟乔纳森的故事", [*paragraphs[4:], "陆龟乔纳森的近况", paragraphs[5]], subheads=(0, 2)
    )
    assert not [d for d in find_doubts([own], [])[0] if d.where.startswith("陆龟乔纳森的近况")]


def test_a_subhead_between_two_stretches_that_share_no_words_is_a_doubt() -> None:
    above = [
        "近日，江苏联通南京分公司开展“以心传情”服务月活动，营业厅工作人员走进社区，为老年用户讲解手机使用技巧，手把手教他们视频通话、扫码缴费和防范电信诈骗。一位七十多岁的老人说，这下跟远方的孙子视频聊天方便多了。",
        "活动期间，工作人员还为居民提供宽带检测、套餐咨询等服务，累计服务群众两千余人次，收到锦旗三面，用户满意度在全市营业厅评比中名列前茅，广受好评。公司表示，今后将把上门服务常态化。",
    ]
    below = [
        "城南街道人大以人大代表之家为载体，按照区人大常委会部署，建立代表接待选民制度，定期收集群众意见，把问题清单变成履职清单，让代表之家成为群众家门口的议事厅。",
        "针对基层矛盾纠纷小杂多的特点，街道人大组织代表参与调解，推动解决停车难、充电难等问题二十余件，小区居民再也不用推着电瓶车下陡坡到地下室去充电了。",
    ]
    line = "立足“三个关键”，让“小阵地”发挥大作用"
    merged = art(3, "以心传情，联通你我", [*above, line, *below], subheads=(2,))
    where = [d.where for d in find_doubts([merged], [])[0] if d.kind == "subhead-or-headline"]
    assert any(w.startswith(line) for w in where)
    # a section that goes on with the story's words is no such doubt
    from syndicate.parse.doubts import _apart

    assert _apart((*above, line, *below), 2)
    assert not _apart((*above, "服务上门暖人心", *above[::-1]), 2)


def test_a_story_that_opens_on_short_quoted_remarks_is_weighed_on_its_next_paragraphs() -> None:
    """A feature merged under a wire story opens on two short remarks: too little text to say
    anything alone, so the next finished paragraphs count too (xhrb 2024-10-22, a silent merge).
    Under a two-line subhead nothing more is read: its second line is no finished paragraph."""
    above = [
        "林剑表示，本届广交会首期线下展览聚焦“先进制造”，其中有专精特新企业展区，展品中新产品、智能产品、绿色低碳产品数量创历届之最，吸引了大量境外采购商到会洽谈，不少展商当场签下订单。",
        "他表示，今年以来，中国经济总体平稳、稳中有进。党的二十届三中全会对进一步全面深化改革作出系统部署，中国将坚定不移推进高水平对外开放，与世界分享中国市场机遇。",
    ]
    remarks = ["“小朱的笑容总能让我们感受到‘联通温暖’！”", "“有问题找小朱，指定没问题！”"]
    story = [
        "在徐州睢宁文学北路的联通营业厅内，忙碌的身影中总有一位面带微笑的营业员，她就是朱玲。用户们都说，来这里办业务，心里踏实，因为有小朱在。",
        "一天中午，朱玲正忙碌着，一位用户走进了营业厅。他东张西望，想说什么却说不出来，朱玲很快明白他是一位听障人士，便拿出纸笔和他交流。",
    ]
    line = "以心传情，联通你我"
    merged = art(
        1,
        "广交会彰显中国坚定推进中国式现代化的信心决心",
        [*above, line, *remarks, *story],
        subheads=(2,),
    )
    where = [d.where for d in find_doubts([merged], [])[0] if d.kind == "subhead-or-headline"]
    assert any(w.startswith(line) for w in where)
    # a two-line subhead: its second line is no finished paragraph, so only the two count
    two = art(
        1,
        "广交会彰显中国坚定推进中国式现代化的信心决心",
        [*above, line, "联通营业厅里的暖心故事", *remarks[:1], *story],
        subheads=(2, 3),
    )
    assert not [d for d in find_doubts([two], [])[0] if d.where.startswith(line)]


def test_a_subhead_outside_the_series_three_subheads_above_make_is_a_doubt() -> None:
    """Three sections under subheads that break at one place with one mark, then a line that
    does not (an item of a special page merged under the last section)."""
    paragraphs = [
        "淮安市清江浦区扎实走好新时代党的群众路线，聚焦群众现实需求。",
        "党建聚心，拓宽“为老”平台",
        "近年来，清江街道党工委以提升基层治理水平为落脚点。",
        "服务安心，丰富“助老”内涵",
        "“孩子最近出差了，辛苦你们陪我去医院体检。”",
        "文化悦心，营造“享老”氛围",
        "“只要没事，我就会约上几个老朋友来社区下棋聊天。”",
        "扬剧折子戏专场唤醒年轻人的戏曲DNA",
        "维扬戏韵，惊艳校园。一个半小时集齐五折扬剧，同学们大饱眼福。",
    ]
    merged = art(1, "清江浦区：党建赋能探索社区医养融合“心”路", paragraphs, subheads=(1, 3, 5, 7))
    where = [d.where for d in find_doubts([merged], [])[0] if d.kind == "subhead-or-headline"]
    assert any(w.startswith("扬剧折子戏专场") for w in where)
    # one more section of the series is no such doubt
    own = [*paragraphs[:7], "健康暖心，守护“养老”防线", paragraphs[8]]
    whole = art(1, "清江浦区：党建赋能探索社区医养融合“心”路", own, subheads=(1, 3, 5, 7))
    assert not [d for d in find_doubts([whole], [])[0] if d.where.startswith("健康暖心")]


def test_a_subhead_printed_on_two_lines_is_weighed_whole() -> None:
    """The rules that read a subhead and the lead under it see a two-line subhead whole: the
    doubt quotes both lines, and the first line is not a subhead over the second."""
    merged = art(
        1,
        "甲",
        ["第一段。", "青山中学学子，", "获省级创新奖项", "近日，青山中学学生获奖。"],
        subheads=(1, 2),
    )
    doubts, _ = find_doubts([merged], [])
    assert [(d.kind, d.where) for d in doubts] == [
        ("headline-in-body", "青山中学学子，获省级创新奖项 / 近日，青山中学学生获奖。")
    ]
    feature = art(
        1, "乙", ["第一段。", "立足新定位，", "打开发展新格局", "如今，路通了。"], subheads=(1, 2)
    )
    assert kinds([feature]) == []
