"""Crawls of a provincial daily's title field (海南日报's web edition): a two-line headline is
one title broken where the page broke it, and the discipline notices show it best, since an
official's post never stands as a kicker over what befell them."""

from __future__ import annotations

from syndicate.parse import parse_issue
from syndicate.parse.conventions import infer_conventions
from syndicate.parse.pages import split_pages

LEAD = "本报海口7月15日讯 （海南日报全媒体记者袁宇）7月15日，海南日报全媒体记者从省纪委监委获悉，"

#: Two discipline notices, then a Xinhua story whose two-line headline only lengths would
#: split (title over subtitle).
NOTICES = f"""第005版：本省新闻

万宁市环卫园林局原党组书记、局长
李永权接受纪律审查和监察调查

{LEAD}万宁市环卫园林局原党组书记、局长李永权涉嫌严重违纪违法，目前正接受纪律审查和监察调查。

文昌市锦山镇原党委书记
符永高严重违纪违法被开除党籍和公职

{LEAD}文昌市纪委监委对文昌市锦山镇原党委书记符永高严重违纪违法问题进行了立案审查调查。

经查，符永高丧失理想信念，背弃初心使命，无视中央八项规定精神，违规收受礼品礼金。

《习近平谈治国理政》第五卷
哈萨克斯坦推介会在阿斯塔纳举行

新华社阿斯塔纳7月15日电 （记者张继业 赵宇）第五卷推介会15日在阿斯塔纳举行。

与会嘉宾认为，这部著作全面系统反映了新时代中国特色社会主义思想的最新成果。
"""


def test_a_discipline_notices_headline_is_one_title() -> None:
    one = NOTICES.split("\n\n文昌市")[0]  # one notice: no convention, the shape decides
    (a,) = parse_issue(one, source="hnrb_2026-07-16.txt").articles
    assert a.title == "万宁市环卫园林局原党组书记、局长 李永权接受纪律审查和监察调查"
    assert a.kicker is None and a.subtitle is None


def test_an_issue_of_whole_titles_keeps_every_two_line_headline_whole() -> None:
    assert infer_conventions(split_pages(NOTICES)).broken_heads
    issue = parse_issue(NOTICES, source="hnrb_2026-07-16.txt")
    assert [(a.title, a.kicker, a.subtitle) for a in issue.articles] == [
        ("万宁市环卫园林局原党组书记、局长 李永权接受纪律审查和监察调查", None, None),
        ("文昌市锦山镇原党委书记 符永高严重违纪违法被开除党籍和公职", None, None),
        ("《习近平谈治国理政》第五卷 哈萨克斯坦推介会在阿斯塔纳举行", None, None),
    ]


#: Two unsigned items closed by a writer's credit glued after the last sentence.
WRITTEN = """第005版：本省新闻

三亚市海棠区：监督护航民生路

近日，三亚市海棠区林旺社区文尖组生产道路正式通车，村民们的出行难题得到解决。

道路通车后，不仅彻底解决了周边农户出行难题，还把民生实事办到了群众心坎上。（撰文/罗学政）

三亚市海棠区：监督推动破解安置难题

近日，三亚市海棠区梁某某在纪委监委工作人员的陪同下，领到了新居的钥匙。

在监督的持续推动下，三户群众的安置难题得以“连环解扣”，开启安稳生活。（撰文/廖明娟 唐俊）
"""


def test_a_writers_credit_glued_after_the_last_sentence_closes_the_story() -> None:
    issue = parse_issue(WRITTEN, source="hnrb_2026-07-16.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles] == [
        ("三亚市海棠区：监督护航民生路", 2),
        ("三亚市海棠区：监督推动破解安置难题", 2),
    ]
    assert [[b.name for b in a.bylines] for a in issue.articles] == [["罗学政"], ["廖明娟", "唐俊"]]
    assert not any("撰文" in p for a in issue.articles for p in a.paragraphs)


#: A meeting story, then a feature whose quoted headline stands over a byline that lost its
#: names (``■ 新华社记者``).
QUOTED = """习近平会见柬埔寨首相洪玛奈

新华社上海7月17日电 7月17日下午，国家主席习近平在上海会见来华出席大会的柬埔寨首相洪玛奈。

蔡奇、丁薛祥、王毅、陈吉宁等参加会见。

“用人类智慧和国际共识引领人工智能发展”

■ 新华社记者

7月17日上午，2026世界人工智能大会暨人工智能全球治理高级别会议在此拉开大幕。

直面时代之问，习近平主席郑重提出4点意见。
"""


def test_a_quoted_headline_over_a_byline_starts_a_story_on_both_cutting_paths() -> None:
    stacked = NOTICES + "\n" + QUOTED
    assert infer_conventions(split_pages(stacked)).stacked_heads
    for text in (stacked, QUOTED):
        issue = parse_issue(text, source="hnrb_2026-07-18.txt")
        assert [(a.title, len(a.paragraphs)) for a in issue.articles][-2:] == [
            ("习近平会见柬埔寨首相洪玛奈", 2),
            ("“用人类智慧和国际共识引领人工智能发展”", 2),
        ]


#: A story whose first subhead's lead names what its headline names (三亚市直机关 under
#: 三亚：机关党建…): a section, however its subhead turns from the paragraphs above.
SECTION = """三亚：机关党建创新攻坚 赋能城市高质量发展

■ 海南日报全媒体记者 刘杰

2026年是中国共产党成立105周年、中共琼崖一大召开100周年，是“十五五”开局之年、海南自由贸易港全岛封关运作后的首个完整年度。

每一个伟大时刻，既是历史节点，更是行动号角。三亚市委市直机关工委认真贯彻中央、省委决策部署，根据三亚市委工作安排，扎实推进自贸港先锋行动，注重提质扩面，细化分解任务，健全闭环管理，促进党建与业务深度融合，提升党员干部干事创业“精气神”，以高质量机关党建赋能三亚高质量发展。

聚焦党建引领攻坚重点项目

立足发展实际，主动担当作为。三亚市直机关各部门积极发挥党建引领作用，聚力攻坚重点项目，充分发挥党员先锋队伍攻坚作用，让党旗飘扬在项目一线。

三亚市林业局在三亚铁炉港红树林修复一期工程中，坚持以党建引领项目攻坚为切入点，搭建党建“红”引领生态“绿”特色平台，组织党员干部攻坚克难，构建生态安全屏障、红树林保护与蓝碳增汇、滨海生物多样性提升、智慧监测与生态评估四大工程体系，推动铁炉港湿地重现生机，实现生态效益与民生效益双丰收。

"""


def test_a_subhead_whose_lead_recalls_the_headline_stays_a_section() -> None:
    text = NOTICES + "\n" + SECTION
    assert infer_conventions(split_pages(text)).stacked_heads
    story = parse_issue(text, source="hnrb_2026-07-16.txt").articles[-1]
    assert story.title == "三亚：机关党建创新攻坚 赋能城市高质量发展"
    assert len(story.paragraphs) == 5 and story.paragraphs[2] == "聚焦党建引领攻坚重点项目"


#: A one-paragraph notice, then a story continued from the front page: its headline stands
#: over the jump marker ``上接A01版``.
JUMP = """乐东黎族自治县政协机关党组成员、经济与人口资源环境委员会主任林丹华接受纪律审查和监察调查

本报海口7月9日讯（海南日报全媒体记者袁宇）7月9日，海南日报全媒体记者从省纪委监委获悉，林丹华正接受纪律审查和监察调查。

这届海口商圈，开始赚“慢钱”

上接A01版

消费者不再被迫赶路，开启“随地大小坐”模式。几何形状的座椅散落在商场各处。

对空间的利用也在变得舒展。海口日月广场正以“清凉城市”建设为抓手。
"""


def test_a_headline_over_a_jump_marker_starts_the_continued_story() -> None:
    text = NOTICES + "\n" + JUMP
    assert infer_conventions(split_pages(text)).stacked_heads
    titles = [
        (a.title, len(a.paragraphs))
        for a in parse_issue(text, source="hnrb_2026-07-10.txt").articles
    ]
    assert titles[-2:] == [
        (
            "乐东黎族自治县政协机关党组成员、经济与人口资源环境委员会主任林丹华接受纪律审查和监察调查",
            1,
        ),
        ("这届海口商圈，开始赚“慢钱”", 2),
    ]


#: A feature whose subheads each set two phrases apart with a space, the first phrases of
#: different lengths: the first subhead is one of the series, not the next story's headline.
SPACED = """外籍人士“医”路通畅

■ 海南日报全媒体记者 余佳琪

近日，德国HCP公司总裁带领医学院的学员来到三亚，体验国际医疗服务。

借力海南自由贸易港开放发展红利，三亚各家医疗机构围绕外籍人士就医需求持续发力。

从“单点突破”到“矩阵成型” 公立医院各展所长

在三亚市人民医院国际医疗门诊的候诊区，一位来自俄罗斯的患者正在等候就诊。

口碑驱动“粉丝效应” 精细化诊疗服务广受青睐

“我感觉好多了！”在三亚市中医院的国际诊疗中心，一位外籍患者说。

从一域服务到海外布局 三亚中医的出海实践

三亚市中医院依托中医文化实现赛道突围，把服务送到了海外。
"""


def test_the_first_of_a_series_of_spaced_subheads_stays_in_its_story() -> None:
    text = NOTICES + "\n" + SPACED
    story = parse_issue(text, source="hnrb_2026-07-16.txt").articles[-1]
    assert story.title == "外籍人士“医”路通畅"
    assert len(story.paragraphs) == 8


#: Two headlines broken where no dangling word shows it: inside a quotation the second line
#: closes, and on a time frame whose predicate is under it (海南日报 07-15), then one that
#: only the line lengths would split (title over subtitle).
OPEN_TITLES = """第007版：中国新闻

四大行提示“存100万元
解锁5.25%利息”不实

据新华社电（记者张千千 刘慧）中国工商银行、中国农业银行发布风险提示，提醒金融消费者警惕虚假宣传。

四家银行表示，近期有不法分子冒用国有商业银行名义发布虚假信息。

欧盟国家在禁令生效前
大量进口俄液化天然气

新华社伦敦7月14日电（记者赵阳 张亚东）英国《金融时报》13日报道，欧盟国家今年上半年进口大增。

欧盟为这批液化天然气支付的总金额高达60亿欧元左右。

北大口腔三亚医院开展
小学生免费窝沟封闭项目

本报讯（海南日报全媒体记者郭畅）为有效降低少年儿童恒牙龋齿发生率，该院启动免费窝沟封闭项目。

家长签署知情同意书即可开展封闭治疗。
"""


def test_a_quotation_or_a_time_frame_left_open_breaks_the_title_in_two() -> None:
    assert infer_conventions(split_pages(OPEN_TITLES)).broken_heads
    issue = parse_issue(OPEN_TITLES, source="hnrb_2026-07-15.txt")
    assert [(a.title, a.kicker, a.subtitle, len(a.paragraphs)) for a in issue.articles] == [
        ("四大行提示“存100万元 解锁5.25%利息”不实", None, None, 2),
        ("欧盟国家在禁令生效前 大量进口俄液化天然气", None, None, 2),
        ("北大口腔三亚医院开展 小学生免费窝沟封闭项目", None, None, 2),
    ]


def test_one_open_quotation_keeps_the_title_whole_in_any_paper() -> None:
    one = OPEN_TITLES.split("\n\n欧盟")[0]  # one headline: no convention, the quotation decides
    (a,) = parse_issue(one, source="hnrb_2026-07-15.txt").articles
    assert (a.title, a.subtitle) == ("四大行提示“存100万元解锁5.25%利息”不实", None)


#: A two-line title whose first line is a means left open (``以…的恒心和韧劲``), its
#: predicate on the second: one title in any paper, no kicker over it.
OPEN_MEANS = """第001版：头版

以“不见成效决不收兵”的恒心和韧劲
确保学习教育善作善成善始善终

本报海口7月15日讯（海南日报全媒体记者李磊）7月15日，省委学习教育工作专班召开会议。

会上，省委学习教育工作专班通报了整改整治工作进展情况。
"""


def test_a_means_left_open_keeps_the_title_whole_in_any_paper() -> None:
    (a,) = parse_issue(OPEN_MEANS, source="hnrbp_2026-07-16.txt").articles
    assert a.kicker is None
    assert a.title == "以“不见成效决不收兵”的恒心和韧劲确保学习教育善作善成善始善终"
    # ``以X为Y的Z`` is a whole title of its own: no means left open
    from syndicate.parse.headline import cut_in_two

    assert not cut_in_two("以成都漆器为特点的包装安全设计分析", "王小明")


def test_a_line_opening_on_a_joining_word_goes_on_with_the_title_above() -> None:
    from syndicate.parse.headline import classify_head
    from syndicate.parse.slots import classify_slots

    lines = ["习近平出席2026世界人工智能大会", "暨人工智能全球治理高级别会议开幕式并发表主旨讲话"]
    whole = "".join(lines)
    assert "".join(classify_head(lines).title.split()) == whole
    assert "".join(classify_slots(lines).title.split()) == whole


def test_an_events_name_over_what_befell_it_is_one_title_in_any_paper() -> None:
    from syndicate.parse.headline import classify_head

    lines = ["第三届琼台“宝岛杯”两岸青少年", "文体交流活动在海口启幕"]
    assert "".join(classify_head(lines).title.split()) == "".join(lines)
    # a short topic over the news is a kicker (人民日报 1946: 边区邮务发展 / …筹委会成立)
    assert classify_head(["边区邮务发展", "邮务职工筹委会成立"]).title == "邮务职工筹委会成立"


def test_a_quoted_name_over_its_events_fate_is_one_title_in_a_stacked_head() -> None:
    from syndicate.parse.slots import classify_slots

    lines = ["“自贸港金融先锋”", "党建工作成果交流活动举办"]
    assert "".join(classify_slots(lines).title.split()) == "".join(lines)
