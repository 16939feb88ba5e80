"""Page-less crawls of a provincial daily (新华日报's e-paper as one run of text, items one
blank line apart like paragraphs): unsigned items, bullet bylines, quoted-word headlines."""

from __future__ import annotations

import pytest

from syndicate.parse import parse_issue
from syndicate.parse.articles import _turns_after_plain_story
from syndicate.parse.conventions import infer_conventions
from syndicate.parse.dateline import is_byline_line
from syndicate.parse.pages import clean_line, split_pages
from tests.parse.variants import STACKED_FRONT

#: Four unsigned items: the first has subheads that speak of its own story (its last section
#: is one paragraph); each next headline turns to another subject, over a lead that does not
#: open like news (one opens on a quotation and names its subject after it).
UNSIGNED = """沭阳：聚焦小区“三通” 解锁“服务密码”

“通过‘把支部建进小区’，我们的组织体系和治理体系更加完善，群众的烦心事能够得到有效解决，服务更加贴心。”沭阳县委组织部负责人说。

聚焦“内部畅通”，下好小区治理“一盘棋”

近年来，沭阳县聚焦完善小区党支部组织体系，建立建强三级组织架构，小区治理更加精细。

聚焦“上下贯通”，健全明责赋能“一张网”

为进一步压实各方治理责任，沭阳县逐步建立健全责任体系，推动小区党支部运行更加顺畅高效。

组织环卫工人健康体检

淮安市淮阴区城管局长期坚持以人为本，精心呵护广大环卫工人的身心健康，组织环卫工人健康体检。

本次体检活动从10月11日开始，来自城区的1245名环卫工人将有序参加体检。

创建培育“幸福型企业” 为职工幸福生活加码

“结婚有慰问、生育有奶粉、晋升有空间，在这里工作，感觉很幸福。”蒙牛乳业的一名职工说。

这是宿迁市总工会在全市创建培育幸福型企业的一个缩影，为提升职工生活品质打下基础。

“优选深蹲”促客户经理队伍“枝繁叶茂”

近年来，兴化农商银行坚持人才兴行，着力培养一支作风素质优良的客户经理队伍。

精挑细选加强源头“选苗”。细化用人需求，统一谋划部署，推动形成交替有序的良好格局。
"""


def test_unsigned_items_split_where_the_subject_turns_not_at_their_subheads() -> None:
    issue = parse_issue(UNSIGNED, source="xhrb_2024-10-16.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles] == [
        ("沭阳：聚焦小区“三通” 解锁“服务密码”", 5),
        ("组织环卫工人健康体检", 2),
        ("创建培育“幸福型企业” 为职工幸福生活加码", 2),
        ("“优选深蹲”促客户经理队伍“枝繁叶茂”", 2),
    ]
    assert issue.articles[0].paragraphs[1] == "聚焦“内部畅通”，下好小区治理“一盘棋”"


INTERVIEW = """深化集成改革 全力推进宿迁新实践

记者：请谈谈宿迁如何推进集成改革？

朱文军：我们坚持“四化”同步集成，统筹城乡建设，推动工业化和信息化深度融合。

史伟：全市上下形成了比学赶超的良好氛围，各项工作取得积极成效。

把握目标定位，坚持以改革促发展稳增长

记者：省委强调，全省上下要坚持以改革促发展稳增长，宿迁有哪些举措？

朱文军：我们把握目标定位，坚持以改革促发展稳增长，推出一批改革举措。
"""


def test_an_interviews_subhead_over_the_next_question_stays_in_the_interview() -> None:
    units = INTERVIEW.strip().split("\n\n")
    k = units.index("把握目标定位，坚持以改革促发展稳增长")
    assert not _turns_after_plain_story(units, k, k + 1, 0)
    # the same line over a lead that is no question (and names nothing of the headline)
    # would turn the subject
    units[k + 1] = "目标定位明确之后，坚持以发展稳增长为先，各地纷纷行动。"
    assert _turns_after_plain_story(units, k, k + 1, 0)
    units[k + 1] = "记者：目标定位明确之后，坚持以发展稳增长为先，有哪些举措？"
    assert not _turns_after_plain_story(units, k, k + 1, 0)
    (a,) = parse_issue(INTERVIEW, source="xhrb_2024-10-16.txt").articles
    assert "把握目标定位，坚持以改革促发展稳增长" in a.paragraphs


def test_a_whole_line_quotation_is_still_no_headline() -> None:
    quoted = UNSIGNED.replace("“优选深蹲”促客户经理队伍“枝繁叶茂”", "“我们要培养好客户经理队伍”")
    titles = [a.title for a in parse_issue(quoted, source="xhrb_2024-10-16.txt").articles]
    assert "“我们要培养好客户经理队伍”" not in titles


BULLETED = """宜兴擦亮低空经济新名片

□ 成曦 大可

10月19日，“宜兴—上海”等3条直升机商用航线正式开通，开启了低空短途运输新篇章。

当天，总投资45亿元的14个低空经济产业项目签约落户宜兴市丁蜀镇。
"""


def test_a_bullet_over_names_alone_is_a_byline() -> None:
    (a,) = parse_issue(BULLETED, source="xhrb_2024-10-22.txt").articles
    assert a.title == "宜兴擦亮低空经济新名片"
    assert [b.name for b in a.bylines] == ["成曦", "大可"]
    assert a.paragraphs[0].startswith("10月19日")
    # without the bullet the same names (大 is no surname) are no byline
    assert is_byline_line("成曦 大可", bare=True) is None


def test_a_bullet_over_a_role_reads_the_role_not_a_name() -> None:
    text = "徐州深入推进“净土佑苗”环境整治\n\n□ 通讯员 徐公轩\n\n近日，徐州市启动校园周边整治。\n"
    (a,) = parse_issue(text, source="xhrb_2024-10-24.txt").articles
    assert [(b.role, b.name) for b in a.bylines] == [("correspondent", "徐公轩")]
    both = is_byline_line("□ 本报记者 杨琦 通讯员 马嘉旎") or ()
    assert [(b.role, b.name) for b in both] == [("reporter", "杨琦"), ("correspondent", "马嘉旎")]


def test_bylines_of_group_media_magazines_and_a_backslash_credit() -> None:
    def names(line: str) -> list[str]:
        return [b.name for b in is_byline_line(clean_line(line)) or ()]

    assert names("■ 海报集团全媒体记者 王雍 符容菁") == ["王雍", "符容菁"]
    assert names("□ 《瞭望》新闻周刊记者 刘亢") == ["刘亢"]
    assert names("■ 文\\图 文立") == ["文立"]
    assert names("□ 本报记者 付 奇") == ["付奇"]
    # a headline of two short words after a bullet stays text
    assert is_byline_line(clean_line("■ 今日关注")) is None


#: The same items after three stories whose headlines are two-line stacks: the issue is read
#: as a crawl of stacked headlines (flat.py cuts it), and the items split the same way.
STACKED = (
    "".join(
        f"第{n}条要闻的引题\n第{n}条要闻的主标题\n\n"
        f"本报讯 （记者 王伟） 这是第{n}条要闻的第一段，它讲了一件事情。\n\n"
        f"这是第{n}条要闻的第二段，它把事情讲完了。\n\n"
        for n in "一二三"
    )
    + UNSIGNED
)


def test_unsigned_items_split_the_same_in_a_crawl_of_stacked_headlines() -> None:
    pages = split_pages(STACKED)
    assert infer_conventions(pages).stacked_heads
    issue = parse_issue(STACKED, source="nfrb_2024-10-16.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles][3:] == [
        ("沭阳：聚焦小区“三通” 解锁“服务密码”", 5),
        ("组织环卫工人健康体检", 2),
        ("创建培育“幸福型企业” 为职工幸福生活加码", 2),
        ("“优选深蹲”促客户经理队伍“枝繁叶茂”", 2),
    ]


#: A signed story without subheads, then an unsigned feature whose lead shares no words with
#: its headline, over a series of subheads (four characters, a space, a phrase).
SERIES = """宜兴擦亮低空经济新名片

□ 成曦 大可

10月19日，3条直升机商用航线正式开通，开启了低空短途运输新篇章。

当天，14个低空经济产业项目签约落户宜兴市丁蜀镇，羽翼渐丰。

“中国创造”展现新风采

超过3万家企业参展，约15万名境外采购商预注册，盛会又一次开幕。

百万新品 创出新市场

在新能源汽车展区，不少采购商排队体验，订单不断。

业态更迭 创出新商机

跨境电商展示区吸引了40多家平台，不少客商前来咨询。
"""


def test_a_headline_over_a_series_of_subheads_it_is_no_part_of_starts_a_story() -> None:
    issue = parse_issue(SERIES, source="xhrb_2024-10-22.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles] == [
        ("宜兴擦亮低空经济新名片", 2),
        ("“中国创造”展现新风采", 5),
    ]
    stacked = STACKED.split(UNSIGNED)[0] + SERIES
    assert infer_conventions(split_pages(stacked)).stacked_heads
    got = parse_issue(stacked, source="nfrb_2024-10-22.txt").articles
    assert [(a.title, len(a.paragraphs)) for a in got][3:] == [
        ("宜兴擦亮低空经济新名片", 2),
        ("“中国创造”展现新风采", 5),
    ]


#: A magazine's report reprinted: a byline whose names go on in the next line, and sections
#: under two-line subheads (a label over a phrase) that come in pairs of one shape.
TWINS = """加快打造发展新质生产力的重要阵地

□ 《瞭望》新闻周刊记者 刘亢

凌军辉 陈刚 蒋芳

秋风送爽，沃野生金。江苏以实干担当绘就一幅生机盎然的发展图景。

强劲“第一动力”

打造科技创新策源地

江苏把科技创新摆在突出位置，创新策源能力持续增强。

“我们要把创新落到产业上。”江苏省科技厅负责人说。

增进韧性活力

锻造现代化产业体系主创地

江苏工业经济总量大，制造业门类全，产业链韧性不断增强。

越来越多企业向产业链创新链价值链高端攀升。
"""


def test_a_bylines_names_go_on_and_two_line_subheads_in_pairs_stay_in_the_story() -> None:
    (a,) = parse_issue(TWINS, source="xhrb_2024-10-20.txt").articles
    assert [b.name for b in a.bylines] == ["刘亢", "凌军辉", "陈刚", "蒋芳"]
    assert a.paragraphs[0].startswith("秋风送爽")
    assert len(a.paragraphs) == 9  # the subheads' lines stay in the story as subheads


#: A story whose sections open under two-clause subheads, a notice of info lines, then a
#: signed story: the notice is an item of its own, and the sections stay in their story.
NOTICE = """苏州绘出更精彩“诗和远方”

本报讯 （记者 张珺） 18日，苏州文旅发展大会开幕，一批项目集中签约。

会上发布了文旅融合发展的一揽子举措，吸引了众多客商。

数字化焕新业态，打造沉浸式体验

在沉浸式剧场里，观众跟着演员穿越古今，体验新奇。

数字技术让老街区焕发新活力，夜游项目人气很旺。

擦亮江南文化IP，吸引世界目光

在会场新中式主题展区，一件件文创产品吸引了外国游客。

中央第一生态环境保护督察组群众信访举报受理方式公告

督察进驻时间： 2024年10月19日—11月19日

受理举报电话： 025-51801042

十年十倍，小包裹拉动大产业

□ 本报记者 刘 霞

快递物流是反映经济活力的“风向标”，业务量十年增长十倍。
"""


def test_a_notice_of_info_lines_is_an_item_and_two_clause_sections_stay() -> None:
    issue = parse_issue(NOTICE, source="xhrb_2024-10-20.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles] == [
        ("苏州绘出更精彩“诗和远方”", 7),
        ("中央第一生态环境保护督察组群众信访举报受理方式公告", 2),
        ("十年十倍，小包裹拉动大产业", 1),
    ]
    assert [b.name for b in issue.articles[2].bylines] == ["刘霞"]


ESSAY = """塑造人类命运共同体的文化生态

□ 王义桅

党的二十届三中全会审议通过的决定，对构建人类命运共同体作出部署。

当今世界正处于百年未有之大变局，全球文明倡议的使命为世界提供了新的文明观。

全球文明倡议的使命

2023年3月15日，习近平总书记在高层对话会上首次提出全球文明倡议。

这一倡议为推动人类文明进步指明了方向。
"""


def test_a_section_over_a_date_of_another_year_stays_in_the_essay() -> None:
    (a,) = parse_issue(ESSAY, source="xhrb_2024-10-22.txt").articles
    assert "全球文明倡议的使命" in a.paragraphs
    # over this year's date the same line heads a story (a news lead)
    news = ESSAY.replace("2023年3月15日，", "3月15日，")
    assert len(parse_issue(news, source="xhrb_2024-10-22.txt").articles) == 2


def test_the_notice_and_the_sections_read_the_same_in_a_crawl_of_stacked_headlines() -> None:
    stacked = STACKED.split(UNSIGNED)[0] + NOTICE
    assert infer_conventions(split_pages(stacked)).stacked_heads
    got = parse_issue(stacked, source="nfrb_2024-10-20.txt").articles
    assert [(a.title, len(a.paragraphs)) for a in got][3:] == [
        ("苏州绘出更精彩“诗和远方”", 7),
        ("中央第一生态环境保护督察组群众信访举报受理方式公告", 2),
        ("十年十倍，小包裹拉动大产业", 1),
    ]


#: Two unsigned advertorials, each with its own series of subheads (four characters and a
#: space; then two clauses split by a comma).
TWO_SERIES = """南通大学着力服务高水平科技自立自强

帕金森病是常见的神经退行性疾病，南通大学团队深耕相关研究。

勇攀高峰 提升创新“硬核”能力

组织工程与再生医学是生命科学发展史上的又一个里程碑。

勇于担当 推动关键技术突破

发展可再生能源是推动绿色低碳发展的关键支撑。

团队自主研发的识别系统，效率比人工检修提高了六成以上。

打造“留学苏卫”品牌 提升国际化办学水平

近年来，苏州卫生职业技术学院积极推动境外合作办学。

坚持战略导向，“外招内培”掀起新热潮

学校积极响应倡议，优化国际人才培养方案。

坚持共建共赢，“借力共培”打造新典范

学校与多所高校合作，拓展共建本科专业。
"""


def test_a_headline_over_its_own_series_after_a_story_with_another_series() -> None:
    stacked = STACKED.split(UNSIGNED)[0] + TWO_SERIES
    assert infer_conventions(split_pages(stacked)).stacked_heads
    want = [("南通大学着力服务高水平科技自立自强", 6), ("打造“留学苏卫”品牌 提升国际化办学水平", 5)]
    assert cut_both(TWO_SERIES, "2024-10-16") == (want, want)


#: Two unsigned items whose second headline shares no words with its lead: only the text
#: tells them apart (the paragraphs of one story keep naming its places and things).
COHESION = """铜山区汉王镇：人大问“粮”守好“三农”压舱石

护航高标准农田建设，坚持不懈夯实基础。汉王镇同步推进高标准农田建设管护工作和“党建+股田制”项目，落实全镇高标准农田的管护责任，镇人大代表定期走访田间地头，收集种粮大户和家庭农场的意见建议，推动解决灌溉排水、机耕道路等实际问题。

西沿村村委会牵头成立股田制合作社，实施“党建+股田制”经营模式，致力于打造汉王镇西南片区土地集体经营示范带，目前已完成1300亩高标准农田流转，合作社统一采购农资、统一机械作业、统一销售粮食，每亩地的种植成本下降了近百元，村集体和农户的收入都有了明显增加。

共建共管共享 打开城市管理新局面

坐落于无锡高新区核心地段的海冠智谷，园内四季繁花不断，绿树常青，春可赏绚烂樱花，夏可赏艳丽紫薇，秋可赏金黄银杏。

该园区由企业秉持“生态优先”原则建设，科学合理布局了下沉式绿地、透水铺装地面及绿色屋顶等海绵设施，塑造了资源节约、环境友好的绿色空间。
"""


def test_a_headline_between_two_stretches_that_share_no_words_starts_a_story() -> None:
    arts = parse_issue(COHESION, source="xhrb_2024-10-22.txt").articles
    assert [(a.title, len(a.paragraphs)) for a in arts] == [
        ("铜山区汉王镇：人大问“粮”守好“三农”压舱石", 2),
        ("共建共管共享 打开城市管理新局面", 2),
    ]
    # a section whose paragraphs keep naming the story's things stays in it
    same = COHESION.replace("坐落于无锡高新区核心地段的海冠智谷", "汉王镇西沿村的高标准农田旁")
    assert len(parse_issue(same, source="xhrb_2024-10-22.txt").articles) == 1


BANKS = """紫金农商银行荣登“2024中国服务业企业500强”榜单

近日，中国企业联合会、中国企业家协会正式发布榜单，紫金农商银行首次入围。

紫金农商银行坚决贯彻落实国家政策和监管要求，坚持服务“三农”、服务中小的市场定位。

金融为民 消保先行

为进一步提升消费者权益保护工作质效，日前，泰兴农商银行开展消保专题培训。

现场，党委副书记通报了上半年消费者投诉情况，指出了当前工作中存在的问题。
"""


def test_an_item_whose_lead_names_another_bank_than_the_story_above() -> None:
    arts = parse_issue(BANKS, source="xhrb_2024-10-18.txt").articles
    assert [(a.title, len(a.paragraphs)) for a in arts] == [
        ("紫金农商银行荣登“2024中国服务业企业500强”榜单", 2),
        ("金融为民 消保先行", 2),
    ]
    # the same bank named again: a section of its story
    same = BANKS.replace("泰兴农商银行", "紫金农商银行")
    assert len(parse_issue(same, source="xhrb_2024-10-18.txt").articles) == 1


#: A bank's short item that names its bank once, then another bank's item that names its own
#: all through (新华日报 2024-10-18): the second bank is never named above, the first never
#: below.
TWO_BANKS = (
    BANKS.split("金融为民")[0]
    + """金融为民 消保先行

为进一步提升消费者权益保护工作质效，日前，泰兴农商银行开展消保专题培训。

现场，党委副书记通报了上半年消费者投诉情况，指出了当前工作中存在的问题。

金融惠农 助力秋收

金秋九月，正逢水稻收购季。沭阳农商银行积极践行服务“三农”的使命，组织员工走进田间地头。

精准信贷支持，解决农户资金需求。沭阳农商银行提前部署行动，主动对接服务。

沭阳农商银行作为服务乡村振兴领军银行，将持续做好各项金融服务。
"""
)


def test_an_item_that_names_its_bank_again_and_again_after_one_that_named_another_once() -> None:
    want = [
        ("紫金农商银行荣登“2024中国服务业企业500强”榜单", 2),
        ("金融为民 消保先行", 2),
        ("金融惠农 助力秋收", 3),
    ]
    assert cut_both(TWO_BANKS, "2024-10-18") == (want, want)
    # the first bank named again under the line: a section of its story
    again = TWO_BANKS.replace("主动对接服务", "与泰兴农商银行一道对接服务")
    assert [len(x) for x in cut_both(again, "2024-10-18")] == [2, 2]
    # the new bank named only once under the line: too little to say
    once = TWO_BANKS.replace("沭阳农商银行提前", "该行提前").replace("沭阳农商银行作为", "该行作为")
    assert [len(x) for x in cut_both(once, "2024-10-18")] == [2, 2]


#: A village's item, then a prison's under its name and a colon (新华日报 2024-10-22, as
#: printed): the prison's lead opens on the prisoners' questions and names it only after 60
#: characters, and the paragraph under the lead names it again.
PRISON = "\n\n".join(
    [
        "党建赋能基层治理，贴心服务暖民心",
        (
            "10月16日上午，扬州市邗江区新盛街道果园村香茗湖一号小区居民吴春阳正在楼下新建"
            "的充电车棚，通过手机操作，给电动车充电。吴春阳说：“新建的充电车棚使用起来非常方"
            "便，手机微信或支付宝扫描充电站终端机二维码，进入选择界面，根据使用情况选择空闲的"
            "插座端口号进行操作即可，而且充电设备具有自动断电功能，电动车充满后会自动断电，充"
            "分保证了用电安全。”而在几个月前，居民们常常把电动车推到楼道内充电，不仅不方便还"
            "会造成消防隐患，现在有了充电桩，居民们都放心地把车停在楼下的空地上。"
        ),
        (
            "随着小区入住率不断提升，电动车日常充电难成为困扰居民和物业管理者的一大问题。果园"
            "村党总支高度重视，经过深入调研和多方协调，决定在香茗湖一号小区安装电动车充电车棚"
            "。这一举措不仅为居民提供了便捷的充电方式，也有效消除了私拉乱接电线带来的安全隐患"
            "。"
        ),
        (
            "“在安装过程中，我们充分考虑居民的实际需求和小区的整体布局，能够满足不同时段居民"
            "的充电需求。同时，为了确保充电车棚建成后能够安全使用，村里现在还安排专人对充电桩"
            "进行定期维护和检查，以及时排除故障隐患。”果园村党总支书记钱树荣表示。"
        ),
        (
            "民生无小事，安装电动车充电桩只是果园村党总支以邗江区“心服务·邗我办”点亮心愿工"
            "程为引领，为居民服务、做好群众工作、回应解决群众诉求的一个缩影。今年以来，邗江区"
            "出台党群服务中心“聚民心十条举措”，固定每月一天为“党群服务集市日”，与58同城"
            "等平台合作，发布“上门办”为民服务事项清单，打造260余人的红领服务管家团队。在"
            "此背景下，果园村坚持党建赋能、提质增效，积极发挥党员在服务群众、凝聚群众中的先锋"
            "模范作用，坚持以为居民百姓办实事的方式，开展形式多样的党群服务。"
        ),
        (
            "“老百姓的需求，就是党群服务中心努力的方向。”钱树荣表示，果园村在每个月固定一天"
            "的“党群服务集市日”，为居民提供理发、缝补衣物、法律咨询等免费便民服务，每次活动"
            "都能吸引数百位居民参与。"
        ),
        (
            "值得一提的是，为更好地落实“心服务·邗我办”点亮心愿工程，果园村还构建起完备的反"
            "馈机制。居民可以通过村服务热线、线上平台等多种渠道，及时反馈问题和需求，村工作人"
            "员会在第一时间妥善处理和解决。"
        ),
        "无锡监狱：打造监地协作新模式 延伸法治教育功能",
        (
            "“法官，我想履行财产性判项，但找不到原审法官，怎么办？”“服刑经历会影响刑满后注"
            "册公司创业吗？”“我想委托家人出售我名下的房产，怎么写委托书？”……前不久，无锡"
            "监狱邀请无锡市中级人民法院法官走进高墙，面向罪犯开展普法教育帮教活动。在法官的耐"
            "心释法中，困扰罪犯许久的疑问被一个个解决。"
        ),
        (
            "无锡监狱刑罚执行支队支队长蔡地介绍，监狱与无锡市中级人民法院联手打造“名法官”工"
            "作室，建成了江苏首个人民法院驻监狱联合帮教基地，共同构建监法联合帮教常态机制，已"
            "成功调解罪犯矛盾纠纷12例。"
        ),
    ]
)


def test_a_units_item_whose_lead_opens_on_a_quotation_starts_where_the_text_names_it() -> None:
    want = [
        ("党建赋能基层治理，贴心服务暖民心", 6),
        ("无锡监狱：打造监地协作新模式 延伸法治教育功能", 2),
    ]
    assert cut_both(PRISON + "\n", "2024-10-22") == (want, want)


#: A story of three sections whose last subhead lost its text in the crawl (``村企联合，共同致富``
#: is its last stored line), then a unit's item under its name and a colon (新华日报
#: 2024-10-23, as printed).
FLOWERS = "\n\n".join(
    [
        "以花为媒 “链”向花开",
        (
            "秋意渐浓，泰州市海陵区罡杨镇鲜花产业园里仍是一片绿意盎然、生机勃勃的热闹景象。一"
            "盆盆蝴蝶兰、红掌竞相开放，工人们穿梭其间，忙着育土、换盘、修剪、包装……数千盆花"
            "卉从这里装车发往全国各地。近年来，海陵区投入近5000万元用于支持高档花卉培植项"
            "目、智慧园艺农业产业项目建设，吸引了一批花卉企业入驻。"
        ),
        (
            "如何进一步做好“花文章”，做强花产业？海陵区充分发挥产业联盟党委作用，通过组织联"
            "建、服务联动、村企联合，推动形成“党建引领、融合发展、互助共赢”的产业发展格局。"
        ),
        "组织联建，抱团发展",
        (
            "针对花卉产业链上企业存在的“联动难、同步难、协作难”等问题，海陵区出台《实施“红"
            "海兴企”专项行动打造主导产业链党建高地的工作方案》，成立花卉产业联盟党委，联合花"
            "卉龙头企业、区级职能部门、金融机构、高校科研院所等多元主体，共同支撑产业发展。建"
            "立《海陵区产业联盟党委组织架构及工作职责》制度，明确联盟党委组织架构和5个方面主"
            "要职责，定期组织“联席会议”“新农人座谈会”“联盟日”等交流活动，共同研究产业链"
            "发展运行中的重大问题、关键事项。联盟党委成立以来，先后召集成员单位开展助企发展活"
            "动9场，累计推动解决企业各方面困难100余项。"
        ),
        (
            "“柴多火焰高，人多办法好。我们聚焦行业发展难题，坚持发展共谋、决策共议，通过活动"
            "联办、发展联动、资源联通，让花卉企业由单兵作战转变为抱团发展。”产业联盟党委副书"
            "记王雪华说道。"
        ),
        "服务联动，惠企助企",
        (
            "“要想在激烈的市场竞争中占据优势，人才和技术是关键，我感觉目前这方面的缺口还比较"
            "大。”在蹲点调研行动中，飞彩园艺总经理周笙向调研人员反映道。"
        ),
        (
            "产业链党建，推动的是产业发展，服务的是企业。为从根本上解决花卉企业反映强烈的技术"
            "储备不足等问题，联盟党委聚焦花卉人才队伍建设，推动人才链与花卉产业链深度融合。一"
            "方面，与江苏牧院等本地高校、院所开展深度合作，组建园艺技术、病虫害防治等6个“博"
            "士入企”服务团，对花卉企业技术人员进行一对一“传帮带”。另一方面，针对花卉企业直"
            "播销售需求，开展专场培训，邀请专家团队为花卉企业提供直播理论讲解、实操教学培训。"
            "同时，由联盟党委牵头投入资金100万元打造集党建示范、电商销售、科研培训等于一体"
            "的花卉产业综合阵地，为链上企业免费提供花园式“共享直播间”服务。"
        ),
        "村企联合，共同致富",
        "泗阳县来安街道：压实责任抓安全 聚力攻坚促发展",
        (
            "今年以来，泗阳县来安街道认真贯彻落实“安全第一、预防为主、综合治理”的方针，扎实"
            "开展安全生产专项整治，有效防范化解重大安全风险，维护全街道安全生产形势总体稳定。"
        ),
        (
            "认清形势，切实增强责任感紧迫感。安全生产工作事关人民群众生命财产安全，是做好一切"
            "工作的前提，也是一项长期性、基础性且十分艰巨的工作。来安街道扎实推进安全生产工作"
            "，提高安全生产检查质量，强化安全分析研判，突出重点精准发力，梳理解决难点堵点，全"
            "力以赴抓好安全生产工作，时刻绷紧安全生产这根弦，坚决克服麻痹思想、侥幸心理、松劲"
            "心态，以“时时放心不下”的责任感和紧迫感，抓紧抓实安全生产各项工作，坚决防范和遏"
            "制各类事故发生。"
        ),
        (
            "突出重点，坚决打赢攻坚战持久战。来安街道坚持问题导向、目标导向、结果导向，紧盯重"
            "点行业领域、重点场所、重点环节，深入开展安全隐患排查治理，坚决防范遏制重特大事故"
            "发生。一是紧盯重点行业领域，深入开展安全专项整治工作。持续开展72家“三合一”“"
            "多合一”等人员密集场所、25家电动车维修零售门店和辖区内住宅小区等消防安全隐患排"
            "查整治，广泛宣传安全知识，加强消防安全教育，切实提高居民消防安全意识。二是紧盯重"
            "点场所，全面排查整治安全隐患。紧盯学校、医院、养老院和社会面小场所等人员密集场所"
            "，加强安全监管，督促落实安全防范措施。同时加强对学校、幼儿园的校车安全管理，严防"
            "校车安全事故发生，保障人员生命安全。三是紧盯关键环节，切实提升安全水平。持续推进"
            "企业安全生产标准化建设，督促企业严格落实安全生产主体责任，建立健全安全生产管理制"
            "度，加强安全教育培训，提高安全管理水平。"
        ),
        (
            "压实责任，确保工作落细落实。安全生产工作事关人民福祉、社会稳定和发展大局，责任重"
            "于泰山。来安街道牢固树立“发展决不能以牺牲安全为代价”的红线意识，切实增强政治责"
            "任感和历史使命感，以“如履薄冰”的危机感，全力抓好安全生产各项工作。压紧压实安全"
            "责任链条，认真落实“党政同责、一岗双责、齐抓共管、失职追责”和“三管三必须”要求"
            "，形成安全生产齐抓共管的强大合力。强化督导检查，坚持“四不两直”和明察暗访相结合"
            "的方式，深入村居、企业开展安全生产督导检查，对发现的问题建立台账、跟踪问效，确保"
            "整改到位。严肃追责问责，严格执行安全生产“一票否决”制度，对发生安全生产事故的企"
            "业，依法依规严肃追责问责，绝不姑息迁就。"
        ),
    ]
)


def test_a_units_item_after_a_section_subhead_that_lost_its_text() -> None:
    want = [
        ("以花为媒 “链”向花开", 9),
        ("泗阳县来安街道：压实责任抓安全 聚力攻坚促发展", 4),
    ]
    assert cut_both(FLOWERS + "\n", "2024-10-23") == (want, want)


#: A group's item, then an unsigned item whose lead opens on a town's discipline body after a
#: time phrase (``今年以来，灌南县汤沟镇纪委…``), neither place named above (新华日报 2024-10-23,
#: as printed).
TOWNS_LEAD = "\n\n".join(
    [
        "盐城市斗龙港生态旅游度假集团:加强党风廉政建设，筑牢廉洁自律防线",
        (
            "为进一步强化干部职工廉洁自律意识，盐城市斗龙港生态旅游度假集团深入推动党风廉政建"
            "设工作，充分发挥国有企业党组织把方向、管大局、保落实的领导和政治核心作用，为打造"
            "风清气正的政治生态提供坚强保障。"
        ),
        (
            "深化思想认识，强化监督检查。斗龙港集团公司深入贯彻省、市、区各级党风廉政建设各项"
            "重大部署及各级纪委会议精神，坚持党要管党，全面从严治党，认真履行党风廉政建设和防"
            "腐败工作。领导干部带头执行《关于新形势下党内政治生活的若干准则》等规定，严格落实"
            "“三会一课”、民主生活会、谈话谈心、党员领导干部双重组织生活、对干部批评教育管理"
            "等制度，推动组织生活规范化制度化，通过严肃党内政治生活，把干部精气神提振起来，把"
            "思想行动统一起来。各部门牢固树立“作风建设永远在路上”的思想，守住重要节点、盯住"
            "重要问题，由解决面上问题向解决深层次问题延伸。坚持严管和厚爱结合、激励和约束并重"
            "，激励全员认真学习党章党规，做到学做一体、知行合一，确保思想上筑牢防线、政治上守"
            "好底线、行动上决不掉线。"
        ),
        (
            "强化责任担当，优化选育管用。集团先后出台了党风廉政建设集团党委主体责任和实施细则"
            "，明确主体责任，加深全员对党风廉政建设的认识。围绕中心工作，突出“两个重点”，集"
            "团紧紧围绕工作要点，突出抓好项目建设和旅游经济发展，一体推进不敢腐、不能腐、不想"
            "腐机制，加强党风廉政建设各项制度的健全和完善，全面高质量推进和完成党风廉政建设各"
            "项工作任务。坚持“好干部”标准，严格执行《干部任用条例》，落实好“凡提四必”等要"
            "求，把好选人用人的政治关、廉洁关，坚决纠正选人用人上的不正之风，切实防止干部“带"
            "病提拔”。坚持领导干部能上能下机制，及时调整不称职、不适宜、不作为的干部。"
        ),
        "强化“三资”监督 护航乡村振兴",
        (
            "今年以来，灌南县汤沟镇纪委紧盯农村集体“三资”管理重点领域，围绕村集体经济收支、"
            "各类惠农惠民补助资金发放、村集体资产处置等重点领域，综合开展清单式、下沉式监督检"
            "查，摸清集体“家底”，打通基层监督“神经末梢”，筑牢“三资”监督坚固防线。"
        ),
    ]
)


def test_an_item_whose_lead_opens_on_a_unit_the_story_above_never_placed() -> None:
    want = [
        ("盐城市斗龙港生态旅游度假集团：加强党风廉政建设，筑牢廉洁自律防线", 3),
        ("强化“三资”监督 护航乡村振兴", 1),
    ]
    assert cut_both(TOWNS_LEAD + "\n", "2024-10-23") == (want, want)
    # a county's story naming the county: the town's paragraph is one of its sections
    county = TOWNS_LEAD.replace(
        "盐城市斗龙港生态旅游度假集团深入", "灌南县斗龙港生态旅游度假集团深入"
    )
    assert [len(x) for x in cut_both(county + "\n", "2024-10-23")] == [1, 1]


@pytest.mark.parametrize(
    ("title", "first", "second"),
    [
        ("全省各地多措并举推动清廉建设", "打造清廉机关", "建设清廉村居"),
        ("多措并举推动清廉建设", "清廉机关建设见实效", "村居治理更加清朗"),
        ("多措并举推动清廉建设", "南京：打造清廉机关", "苏州：建设清廉村居"),
    ],
)
def test_a_roundups_next_place_is_a_section_not_an_item(
    title: str, first: str, second: str
) -> None:
    # a roundup's sections each open on their city after a time phrase, none named above
    roundup = (
        f"{title}\n\n今年以来，我省扎实推进清廉建设，取得明显成效。各级因地制宜，亮点纷呈。\n\n"
        f"{first}\n\n今年以来，南京市推进清廉机关建设，成效明显。南京市各部门开展了廉政教育。\n\n"
        "南京市党员干部参与踊跃，廉洁文化氛围日益浓厚。\n\n"
        f"{second}\n\n今年以来，苏州市聚焦清廉村居建设，扎实推进。\n\n苏州市各村居开展了廉政教育。\n"
    )
    assert [len(x) for x in cut_both(roundup, "2024-10-23")] == [1, 1]


def test_a_two_clause_headline_with_no_sections_of_its_form_below_may_start_a_story() -> None:
    # the same two stories, the second headed by two clauses split by a comma: with no other
    # such line under it, it is no section of a series, and the text turns
    text = COHESION.replace("共建共管共享 打开城市管理新局面", "共建共管共享，打开城市管理新局面")
    arts = parse_issue(text, source="xhrb_2024-10-22.txt").articles
    assert [a.title for a in arts] == [
        "铜山区汉王镇：人大问“粮”守好“三农”压舱石",
        "共建共管共享，打开城市管理新局面",
    ]
    # with a second such line under it, it is a section (数字化焕新业态，… / 擦亮…，…)
    more = text + "\n擦亮园区绿色品牌，吸引企业入驻\n\n园区内的企业越来越多。\n"
    assert len(parse_issue(more, source="xhrb_2024-10-22.txt").articles) == 1


#: Two theory-page pieces (新华日报 2024-10-24): the first's sections open under long subheads;
#: the second's headline is two clauses, and so is the third piece's, but the second's own
#: first subhead is of another form (three clauses), so no series of two-clause sections
#: stands under it and the shift of subject starts a story.
THEORY = """高校毕业生更高质量就业实施路径

就业是最大的民生，高校毕业生是就业工作重中之重。中共中央、国务院近期出台了《关于实施就业优先战略促进高质量充分就业的意见》，为高校毕业生高质量充分就业提供了指导和方向。新时期促进高校毕业生就业向更高质量迈进，既是满足人民美好生活需要的基本途径，也是高质量发展的重要内容。

确立以服务国家战略需求为导向的高校专业动态调整机制

高校学科及专业设置应以服务国家重大发展战略为导向，主动对接国家经济建设和社会发展需求。高校应构建与国家战略导向相结合、与市场需求相匹配的学科专业体系，使之能更好地适应并服务于国家战略发展需求。各高校应对原有专业结构作系统摸底，并结合市场需求进行专业资源的优化配置，不断提升原有专业与市场需求的结合程度，进而带动学科整体建设水平，以实现专业结构的系统性优化。东南大学积极结合自身定位与国家战略需求，分析学校及专业在同类高校中的发展优势，合理确定特色定位，进一步建立衔接学校专业设置、毕业生就业与重点行业人才需求的预测预警机制，以实现学校专业的动态调整与优化。近几年，学校全面实施“六卓越一拔尖”计划2.0，按照“强势工科、优势理科、精品文科、特色医科、提升新兴、强化交叉”的学科布局，调整优化学科专业结构，主动布局增设了一批服务国家战略性新兴产业发展和改善民生急需的专业。截至目前，学校共计有英语+信息、日语+电子、能源与动力工程+经济学等9个双学士学位专业，获批未来机器人、电动载运工程、智能车辆工程等多个交叉新专业。

构建以满足行业发展需求为目标的高校灵活招生模式

高校在制定专业招生规模时，除了考虑宏观政策要求和自身发展，还应进一步构建以就业市场供需关系为导向的专业招生模式。具体而言，首先，高校应根据市场的需求构建行业发展和市场需求的反馈机制，并根据相关反馈调整各专业招生人数。其次，高校还应充分考虑国家重点行业需求，适量扩大重点行业人才需求专业招生人数，以满足重点行业未来的高质量发展。东南大学以“未来技术学院”“国家卓越工程师学院”“基础学科拔尖学生培养基地”等一批服务国家重大战略需要的示范性特色学院和人才培养基地，与研究生教育、博士后培养计划、国际顶尖高校进修与深造计划的政策协同，多样途径选拔人才，着力打造能够引领未来科技发展和有效培养复合型、创新型人才的教学科研高地。

优化以促进学生全面发展为核心的人才培养方案

随着我国经济转向高质量发展阶段，我国就业市场对高校毕业生的创新能力、专业技术能力等综合素质提出了前所未有的新挑战、新要求。这些变化使得毕业生的创新能力在就业中的重要性更为凸显。面对上述就业市场对高校毕业生综合素质的新挑战、新要求，高校的人才培养应着眼于国家及行业的未来发展，深入把握人才培养模式与国家经济社会发展之间的内在联系。在设计人才培养方案时，高校应以提升学生个人能力为核心，探索以宽口径、厚基础、高素质为目标的人才培养模式，并在此基础上不断优化人才培养方案。东南大学践行“课比天大，生为首位”的育人理念，坚持第一课堂、第二课堂、第三课堂协同育人，切实培养好学生的思辨力、学习力、创造力、领导力，全面提高人才培养质量。

引导毕业生树立以服务国家重大战略为核心的就业价值观

在新时代，要努力引导毕业生树立正确的就业价值观，以适应国家和社会对于毕业生就业的需求。首先，高校应进一步重视对学生就业价值观的引导，通过提升毕业生服务国家战略的使命感和荣誉感，使学生的就业价值观与社会发展和国家战略需求保持一致。其次，高校应加强对毕业生就业价值观的引导与规划，帮助他们对既有的多元就业价值观作合理排序和取舍，以避免其多元就业价值观在就业选择中发生重大冲突。最后，高校应进一步提升学生职业生涯规划能力，除了加强对学生进行理论和实践能力的指导外，还要帮助学生树立良好的职业发展理念，使学生的发展与国家和社会的发展紧密结合。

石榴花开、百籽同心，中医药文化传承创新铸牢中华民族共同体意识

南京中医药大学中医学院教工第二党支部依托国家社会科学基金重大项目“敦煌西域出土汉文医药文献综合研究”人才团队，深入领会习近平总书记在文化传承发展座谈会和在敦煌研究院座谈会重要讲话精神，紧扣党的民族工作主线，深入践行铸牢中华民族共同体意识教育实践工作。支部始终坚持以文载道、以文传声、以文化人，围绕“三强化、三坚持、六锻造”，形成以“新时代‘敦煌医学’研究新高地”构筑“铸牢中华民族共同体意识新阵地”的党建工作体制机制。支部荣获首批“全省党建工作样板支部”和第四批“全国党建工作样板支部”培育创建单位。

强化政治引领功能，坚持以文载道，垒筑新时代“敦煌医学”文史研究新高地

领悟重要指示，锻造文史高地。支部找准中医药文化理论研究和铸牢中华民族共同体意识教育实践工作的结合点，申报成立首家南京市铸牢中华民族共同体意识研究基地，并深入开展相关课题研究；与甘肃省博物馆、敦煌研究院、兰州大学、青海省博物馆等单位进行学术交流；支部成员学术著作《敦煌吐鲁番医药文献新辑校》的出版，标志着我国敦煌吐鲁番医药学研究领域新的高度，为提升国家文化软实力和中华文化影响力作出了积极贡献。

狠抓自身建设，锻造一流团队。支部不断优化队伍结构，形成了一支高素质、高层次党员人才队伍。支部党员获江苏省高校优秀共产党员、江苏省优秀志愿者、江苏省“大学生最喜爱的教师”、江苏省暑期“三下乡”社会实践活动先进工作者等表彰；获江苏省高等教育科学研究成果奖特等奖、江苏省教育科学优秀成果奖特等奖、江苏省高等学校劳动教育优秀实践项目特等奖、江苏省高校教师教学创新大赛一等奖、全国高等中医药院校教学竞赛（高级组）三等奖等多项奖项，充分发挥了先锋模范作用。

顺应角色要求，推动“大思政课”高质量发展

习近平总书记在2021年全国两会期间看望参加全国政协十三届四次会议的医药卫生界、教育界委员时提出“‘大思政课’我们要善用之”的重要论断，三年多来，“大思政课”建设如火如荼，成绩斐然。“大思政课”高质量发展需要广大思政教师时时对照“大思政课”新样态下的内涵要求，重塑角色形象。

“大思政课”的大使命要求思政教师具有“国之大者”的胸怀。对思政教师而言，可从以下几个方面加以落实。首先，从政治高度牢固树立思政课的地位。经常自问是否将每一节课都视作关乎党和国家前途命运、关乎中华民族伟大复兴、关乎人民幸福安康和关乎社会长治久安的大事，而非满足于简单平常的理论知识的传授；是否用对党和人民、对学生负责的态度，用辩证、发展的观点科学客观地传播正能量，解释负面新闻，确保每一堂课都是“金课”。其次，从“两个大局”出发保持敏锐的政治眼光。站在中华民族伟大复兴战略全局和世界百年未有之大变局角度，揭示西方经济虚假繁荣与西方政治虚伪民主的本质，帮助学生识破神秘主义、形式主义的假象，形成大世界观、大人生观和大价值观。最后，增强忧患意识，始终保持清醒的政治头脑。引领学生增强政治判断力和领悟力，正确预见、识别、防范新形势下复杂多变的发展问题、安全问题、风险因素可能导致的政治后果。
"""


def test_a_two_clause_headline_over_a_subhead_of_another_form_may_start_a_story() -> None:
    issue = parse_issue(THEORY, source="xhrb_2024-10-24.txt")
    # (the first piece's subheads still split it: 确立以服务… heads its sections)
    assert [(a.title, len(a.paragraphs)) for a in issue.articles][-2:] == [
        ("石榴花开、百籽同心，中医药文化传承创新铸牢中华民族共同体意识", 3),
        ("顺应角色要求，推动“大思政课”高质量发展", 2),
    ]


#: A letter signed and dated, then the dispatch that reports it, in one stored item.
LETTER = """弘扬科学精神积极投身科技创新 为促进中外科技交流推动科技进步贡献青春力量

回信

中国国际大学生创新大赛参赛学生代表：

你们好！来信收悉。你们在信中讲述了参加大赛的收获，我很高兴。

创新是人类进步的源泉，青年是创新的重要生力军。希望你们弘扬科学精神。

习近平

2024年10月16日

新华社北京10月17日电 近日，国家主席习近平给中国国际大学生创新大赛参赛学生代表回信。

习近平指出，你们以大赛为平台，用在课堂和实验室学到的知识解决实际问题，这很有意义。
"""


def test_a_letters_date_under_its_signature_heads_nothing() -> None:
    (a,) = parse_issue(LETTER, source="xhrb_2024-10-18.txt").articles
    assert a.title == "弘扬科学精神积极投身科技创新 为促进中外科技交流推动科技进步贡献青春力量"
    assert a.subtitle == "回信"  # a label under the headline, not the title under a kicker
    assert a.paragraphs[-1].startswith("习近平指出")
    assert "2024年10月16日" not in a.paragraphs
    assert ("other", "2024年10月16日") in [(b.role, b.name) for b in a.bylines]


#: A bank's licence notice whose table lines set their labels to width, then a feature's
#: headline over its byline.
TABLE = """公 告

下列机构经国家金融监督管理总局无锡监管分局批准，现予以公告。

机 构 编 码：000013320200001

联 系 电 话：0510-82733284

发 证 事 由：地址变更

发 证 机 关：国家金融监督管理总局无锡监管分局

而今迈步从头越

□ 新华社记者 梅世雄

1934年10月16日至19日，一支8.6万人的红色大军踏上了战略转移的漫漫征途。

两年后，4支九死一生的红军队伍，最终汇聚在陕北。
"""


def test_a_headline_over_a_byline_under_a_notices_table_starts_a_story() -> None:
    issue = parse_issue(TABLE, source="xhrb_2024-10-16.txt")
    story = issue.articles[-1]
    assert (story.title, len(story.paragraphs)) == ("而今迈步从头越", 2)
    assert [b.name for b in story.bylines] == ["梅世雄"]


#: Four unsigned items of a page-less crawl (新华日报 2024-10-18), and far below them a story
#: that closes with its signature: the signature holds only its own story together.
ITEMS = """\
一揽子利好，力促楼市“止跌回稳”

□ 本报记者 刘 霞

10月17日，在国务院新闻办公室举行的新闻发布会上，住建部、财政部等中央五部门负责人介绍促进房地产市场平稳健康发展有关情况。这场时长近2小时的发布会，信息含量满满，对促进房地产市场平稳健康发展，从市场端、供应端、金融端均释放出一揽子利好政策。

南京市房地产业协会副会长兼秘书长张辉表示，五部委“组合拳”发力，力度大、覆盖面广。一方面在需求端激发入市活力，同时通过城中村、危旧房改造为商品房市场创造增量需求；另一方面通过减少供地和地方政府发债收购存量土地和存量库存商品住房，在供应端减少增量、优化存量。此次政策利好聚焦去库存、供需新平衡和保交楼，彰显国家稳楼市的决心，释放出力促楼市“止跌回稳”的信号，有利于大力提振市场预期和信心，进一步推动楼市回暖向更多城市、板块扩散。

对于新增实施100万套城中村和危旧房改造，南京市房地产业协会资深研究员汪明宇分析认为，中国将近300个地级市，有大量的城中村和危旧房改造的需求，核心城市的城中村和危旧房改造是当下房地产市场需求的重要组成部分。货币化安置方式有助于消化存量商品房、主动调节市场供求关系。据估算，100万套城中村和危旧房改造有望释放约1亿平方米刚性购房需求，将为推动房地产市场止跌回稳提供重要的需求端支撑。

关于“白名单”，金融监管总局副局长肖远企在发布会上表示，今年以来，城市房地产融资协调机制将合规房地产项目纳入“白名单”，下一步要将商品住房项目贷款全部纳入“白名单”，做到“应进尽进”。汪明宇认为，这一举措将大大促进房地产市场流动性。“有了足够多的资金支持，无论是保交房，还是止跌回稳，就都有了源头活水。”据统计,截至今年8月份，全国纳入“白名单”的商品房项目大约5000多个，累计新增信贷1.4万亿元。如果年底前要增至4万亿元，意味着今年四季度对于房地产企业的金融支持力度还要加快。

根据此次发布会部署，对江苏各城市来说均有不少政策空间，下一步如何一项一项落实，把政策效应充分释放出来？张辉建议，南京可结合实际情况对具有优化空间的政策进一步优化落实，例如限售政策和降低“以旧换新”税费等。无锡房地产业协会副会长兼秘书长沈洵建议，在进一步释放政策空间方面，无锡可以通过减少土地供应量来降低供地压力；优化土地供应结构，多供优质宅地，减少商业用地供应；调整土地价格，实现土地价值与市场价格的平衡；统筹收购存量住房，优先考虑收购“保交楼”项目；进一步支持“以旧换新”工作，支持开展购房促销活动；加大对现房销售的政策支持，等等。

南通:全方位构建公共资源智慧交易体系

南通市聚焦建设一流公共资源交易平台，加快推进交易全流程电子化，实现交易全过程统一规范、信息共享，“不见面”交易体系日益成熟。今年以来，该市依托大数据、人工智能等新技术，加速交易服务数字化、智能化转型，积极构建更加高效透明公正的公共资源智慧交易体系。

数据驱动，循例智能辅助“自动评”

“今年上线的‘循例’智能辅助评标功能带来‘系统+专家’双线并行的新模式，极大提升了项目评标效率。”崇川区滨江周边路网改造项目专家介绍。

“循例”智能辅助评标功能基于南通市公共资源交易平台历史交易项目的评审数据，综合运用大数据和人工智能技术，识别、提取、调用投标文件相同评审点的历史评审记录，为专家评审提供参考依据，既能进一步减少主观判断影响，又能帮助专家将精力集中于复杂评审点的打分研判工作。试运行以来，智能辅助评标功能已在665个工程建设项目中成功应用，客观指标评审点复用率超40%，一次性评审准确度超95%，评审时长普遍压缩60%以上。

服务升级，“AI”咨询服务“智能答”

南通市公共资源交易平台“一号答”惠企便民咨询服务自2021年上线以来，累计受理诉求咨询超3.8万次。今年，“一号答”与AI牵手，实现服务智能升级。

“聚焦企业群众‘随时问、马上答’的咨询需求，我们通过知识图谱、深度学习等技术手段，深度开发‘一号答’问答咨询档案、行业主管部门答复案例等数据资源，形成了交易领域专业问题数据集，升级开发了公共资源交易领域国内首个基于自然语言处理技术的AI咨询问答系统。”南通市公共资源交易中心负责人介绍。

AI赋能的“一号答”升级版面向交易主体提供不间断在线业务咨询服务，交易主体可以以对话的形式向系统描述自己想要咨询的问题，如“CA证书有效期到期了，如何办理延期？”“如何发布招标公告？”等，系统综合运用智能识别分析问题语义，做到“即问即答”。

在线见证，项目交易过程“全透明”

近日，南通市通州区兴仁镇某河段建设工程监理施工项目顺利完成交易，南通市住建部门行政监管人员在线通过数字见证系统“不见面”监督评审全流程，有效保障交易开展规范高效。

以“法”赋能，向“新”而生

今年以来，新沂市司法局不断筑牢“法治是最好的营商环境”理念，主动回应企业高质量发展的法治需求，立足司法行政职能，深化品牌建设，扎实推进“政企同行”工作，让法治的“及时雨”灌溉到更多企业，以良好法治环境保障新质生产力发展。

优化涉企行政执法，保障企业发展创新活力。积极探索“执法普法”融合工作，把普法工作做在执法之前，通过解读法律法规、评析典型案例等方式，将诚信理念融入企业生产经营全过程，促进企业从“要我守法”转变为“我会守法”。先后开展推行涉企“免罚轻罚清单”制度、证明事项告知承诺制等工作，全市各行政执法部门进一步转变执法理念，加强柔性执法、包容审慎监管。不断健全完善涉企常用行政处罚裁量标准，贯彻落实涉企轻罚免罚清单制度，2023年以来，新沂市作出“免罚”“轻罚”案件1483件，涉及金额1036.05万元。全面推行证明事项告知承诺制，不断优化证明事项清单，全市累计办理证明事项告知承诺制清单事项13585件。

汇聚法律服务资源，凝聚企业发展强大合力。充分发挥“政法三人服务小组”专业优势，组织开展“政企同心‘沂’路同行”走访服务活动，积极整合律师、公证、基层法律服务等资源，围绕节能环保、新能源、集成电路、生命健康等产业主动靠前提供法治服务保障，先后走访中清光伏、阿尔法新材料等企业，把法治服务落实到项目建设全过程、企业发展全周期。2024年以来，走访服务企业60余家，帮助企业解决法律问题200余件，挽回经济损失500余万元。设立“产业链+法律服务”工作站，组建“蒲公英”普法志愿服务队，联合公安、检察、法院、妇联、工会等部门，推出9大类课程，涵盖民法典、刑法、道路交通安全法等法律知识，精准满足不同群体需求。今年累计开展法治宣传活动510余场次，发放法治礼包8.5万余份。

邳州创新教培形式提升考察识别干部质效

“这次主体班不仅有理论学习，有现场教学，有研讨交流，还有无领导小组讨论，市委组织部相关科室全程跟班纪实，让我们既紧张又兴奋，都想展示出培训所得所获。”参加邳州市第四期科级干部主体班的培训学员王斌，谈及参加的无领导小组讨论，仍然意犹未尽。

干部教育培训不仅是干部提升能力的“加油站”，也是对干部考在平时、识在日常的“赛马场”。为解决干部教育培训与干部选拔任用结合不紧密、日常考察干部机会少、手段单一的问题，邳州市委组织部坚持将干部教育培训作为考察识别干部的重要载体，创新探索“学习培训+训中考察”管理模式，通过培训视角近距离、多方位、集中性地了解掌握干部“活情况”，以多维度考察识别干部，切实把政治过硬、德才兼备、堪当重任的好干部选出来、用起来。

培训前期，在审核主体班培训学员名单时，邳州市委组织部逐一对照干部档案信息，初步了解参训学员年度考核、分管工作情况，将表现优秀干部优先纳入培训班次，真正把考察识别干部的功夫用在平时。

在主体班培训期间，邳州市委组织部全程跟踪记录参训干部培训表现，推行部务会成员定期统学、党校班子成员全程督学、干教科室同志跟班促学、党校教师带班领学、参训学员认真研学“五学联动”机制，系统掌握干部理论水平、逻辑思维、分析研判、言语表达、文字功底等情况，从学风、作风、素质能力、特点、不足等方面出具干部培训考核鉴定材料，记入个人培训档案。

此外，为了进一步精准考察识别干部，邳州市委组织部在干部教育培训中增添了多轮研讨互动环节，组织开展课前调研交流、课后分享心得体会和结业脱稿答辩等方式，注重在研讨互动中考察政治理论素养，观察干部在课堂交流、研讨发言、无领导小组讨论中发言是否主动、表达是否流畅、思考是否深入、见解是否独到，从而为干部精准画像。

在第四期科级干部及第二期年轻干部主体班的无领导小组讨论环节，每9名学员为一个小组，围绕推动邳州高质量发展方面的项目建设、乡村振兴等话题，积极开展研讨交流，统一思想、凝聚共识。部务会成员列席、相关科室全程参与，对学员逐一分析研判，明确干部的优点和不足，形成专项考察报告，按照表现优秀程度逐一排序，注重将专项考察分析研判结果与干部日常表现相互印证，确保对干部的评价客观全面、真实准确。

“双招双引”带动产业跃阶攀高

扬州市广陵区作为“好地方”的主城区、核心区，是扬州“三都品牌”的集中展示地。今年，广陵新城大力开展招商引资、招才引智工作，加速汇聚项目、资金、人才等要素资源，让“双招双引”活水为企业带来活力与创新机遇。

多维发力，营造招商引智好生态

面对科技日新月异、经济高速发展的新形势，广陵新城积极创新机制，精准施策，大力开展招商引资、招才引智工作。通过加快体制机制建设，广陵新城深入推进招商集团实体化运营，大力实施产业链招商、大使招商、基金招商等多元化招商模式。这些创新举措不仅强化了创投思维，还充分发挥了产业基金的引导撬动作用，为新城的发展注入了强劲动力。

在具体实施上，广陵新城坚持招商为王，围绕高新技术产业和战略性新兴产业，聚焦长三角有影响力和竞争力的产业，全年目标新招引亿元以上产业项目135个以上，力求在10亿元、20亿元项目上实现新突破。同时，广陵新城深化“广聚英才”行动，加强生产、研发、资金专业团队建设，吸引并留住各类优秀人才，持续营造良好的创新生态。

聚焦科创，打造科技招商新高地

为支持科技创新和人才发展，广陵出台了一系列扶持政策。其中，“科技创新8条”和“人才新政12条”等政策从创新平台、技术攻关、科技金融、人才招引等方面给予科创企业全方位的支持。3年多来，广陵新招引科技型企业近360家，兑现各类科技扶持资金超5000万元，为科技创新提供了坚实的资金保障。

未来，广陵将聚焦长三角产业科技创新高地定位，刷新升级科技人才政策，不断扩大科技含量在项目招引中的权重。预计到“十四五”末，高新技术产业产值、工业战略性新兴产业产值占规上工业总产值比重将分别达75%和50%，进一步提升产业结构的含金量、含新量和含绿量。

紧扣需求，树立营商环境新招牌
"""


def test_a_signature_far_below_holds_only_its_own_story_together() -> None:
    signed = """文化惠民活动走进社区
市民在家门口看好戏

近日，一场文化惠民演出在社区广场上演，吸引了众多居民前来观看。

演出持续了两个小时，现场掌声不断。

本报记者  王若弦
"""
    text = STACKED.split("沭阳")[0] + ITEMS + "\n" + signed
    issue = parse_issue(text, source="xhrb_2024-10-18.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles][4:8] == [
        ("南通：全方位构建公共资源智慧交易体系", 8),
        ("在线见证，项目交易过程“全透明”", 5),
        ("邳州创新教培形式提升考察识别干部质效", 6),
        ("“双招双引”带动产业跃阶攀高", 7),
    ]


#: Two essays of a literary page, the second titled with two characters set to width.
ESSAYS = """这里是中国

□ 陈汉忠

伊犁是新疆最美的地方。从波涛汹涌的伊犁河到一望无际的草原，处处是风景。

边关洒热血，红歌铸军魂。如今的边防哨所，依然飘扬着鲜艳的五星红旗。

书 债

□ 张亚明

乡村布衣之家长大的我，总把“不欠债”当作做人的本分。

可偏偏有一笔债，我欠了几十年，那就是书债。
"""


def test_a_two_character_title_set_to_width_over_a_bullet_byline_is_a_title() -> None:
    issue = parse_issue(ESSAYS, source="xhrb_2024-10-24.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles] == [
        ("这里是中国", 2),
        ("书 债", 2),
    ]
    assert [[b.name for b in a.bylines] for a in issue.articles] == [["陈汉忠"], ["张亚明"]]


#: A signed report, then a speech whose headline stands over its salutation.
SPEECH = """数智赋能，让教与学更“智慧”

□ 本报记者 王伟

鼓楼区开展“教师数字素养与胜任力提升”系列培训，推动智慧教育走深走实。

“智慧教育不仅是教育技术的革新，更是教育理念的变革。”一位校长说。

登高望远，穿云破雾 推动“大金砖合作”高质量发展

尊敬的普京总统，

各位同事：

祝贺峰会成功召开，感谢普京总统及东道主俄方为会晤作出的周到安排。

我想借此机会再次欢迎新成员加入金砖大家庭。
"""


def test_a_headline_over_a_salutation_starts_the_speech_on_both_cutting_paths() -> None:
    front = STACKED.split("沭阳")[0]
    for text in (SPEECH, front + SPEECH):
        issue = parse_issue(text, source="xhrb_2024-10-24.txt")
        report, speech = issue.articles[-2:]
        assert (report.title, len(report.paragraphs)) == ("数智赋能，让教与学更“智慧”", 2)
        assert speech.title == "登高望远，穿云破雾 推动“大金砖合作”高质量发展"
        assert speech.paragraphs[0].startswith("尊敬的普京总统，")


#: A signed feature whose sections open under subheads built alike (…的好房子 / …的好村子 /
#: …的好路子); each turns from the paragraphs above, yet none starts a story.
RHYMED = """\
搬进“小别墅”，在旺屯过更旺的日子

□ 本报记者 周 娴

10月中旬，记者走进淮安市金湖县吕良镇湖畔旺屯新型农村社区，目光首先被路旁的“省级特色田园乡村”字样吸引。社区里，一排排新中式徽派农房错落有致，不远处芡实满塘、稻穗飘香。一幢农房门口，71岁的梁习珍在躺椅上休息，斑驳的树影落在他的脸上，场景分外祥和。

2018年9月，江苏正式启动苏北农房改善工作，老梁是金湖县农房改善的首批受益者。2019年3月3日搬家那天，梁习珍和老伴在老屋前合了张影。照片中，曾容纳一家三代10多口人蜗居的砖瓦房低矮破旧，墙面起皮脱落。而今，在入住5年多的“小别墅”前再次面对镜头，老两口乐开了花。他们所在的湖畔旺屯也已成为远近闻名的“网红打卡地”，前来参观、游玩的人络绎不绝。

没想到能住上这样的好房子

“我们在不足80平方米的老屋里住了30多年。人最多的时候，全家10多口都挤在里面。最愁的是下雨天，家里漏成‘水帘洞’，得随时用盆接水。”梁习珍回忆说，光是翻修屋顶这一项，他前前后后就花了8000多元，这几乎是种地一年的收入。现在，老梁家138平方米的2层小楼宽敞温馨。搬新家时，梁习珍把家具家电全换了个遍，还安装了太阳能热水器、设计了阳光房。“再也不用出门上厕所，洗澡也更方便了。没想到，到老了还能住上这样的好房子！”老梁说。

2019年，湖畔旺屯新型农村社区一期正式建成，梁习珍是孙集村第一个签订搬迁协议的人。当时，村干部拿着文件挨家挨户动员，村民可以自由选择留村、留镇或是到县城。经过慎重考虑，老梁选择留在村里，“我家掏了8万块钱，把砖瓦房换成了‘双拼’别墅。过渡期间，政府还给了租房补贴，很贴心。”

记者在湖畔旺屯看到，集中居住区的农房保留了传统风貌，采用新中式徽派建筑风格，设计有55平方米到230平方米共5种房型。除吕良镇孙集村，社区还吸纳了张坝、花园等10个村总计556户村民入住。针对家庭困难的村民，村里还推出了相应的福利政策。2019年，五保老人张伏金从低矮老砖瓦房搬出，“拎包入住”55平方米的新房，屋内配齐了冰箱、电视机、洗衣机等电器。

农房改善不仅要好看，还要住得舒心。考虑到农民的生活习惯，湖畔旺屯为每家都配了“一分田”小菜园，这让老梁和老伴多了一份乐趣。“以前老屋条件差，孩子都不愿意回来，现在女儿回老家更勤了。”老梁乐呵呵地说。

让城里人实名羡慕的好村子

泥土路变成了柏油马路和水泥路，路两旁整齐地种上了榉树和梧桐；河道得到了清理，沿坡还建起了小公园；村里医务室、便民超市、农贸市场、电影院、篮球场、游乐园、社区服务中心等公共设施一应俱全，甚至还通了公交车……农房改善工作开展以来，湖畔旺屯的村民们见证了村容村貌的改变。

“以前一到雨天，村里路上全是泥巴，走起路来深一脚浅一脚，现在家门口的柏油路都有3米多宽。村里安装了路灯，到处都亮堂堂的！”76岁的村民刘成芳快人快语，她最喜欢吃过晚饭挽着老伴在健身步道上散步。

同样爱在傍晚时分外出的还有徐灿华和她的姐妹们，她们常在位于村中心广场上的百姓大舞台一起扭秧歌。有外地亲戚来，徐灿华就会领他们去村史馆转转，馆里的土锅、木犁、石磨等老物件还原了农房改善前村里的模样。“当时村里又穷又破，感觉在人前都抬不起头。现在城里人到村里旅游，都羡慕我们呢！”徐灿华说这话时，腰杆挺得倍儿直。

发生变化的还有周边环境。依托其位于白马湖湿地公园西侧的资源优势，湖畔旺屯开发出乡村休闲、生态农业观光、户外野营探险、水果采摘等旅游产品，发力打造乡村特色旅游品牌。2022年，湖畔旺屯入围“江苏乡村旅游重点村”，年游客量达3万多人次。

带老百姓找到致富的好路子

百姓不仅要安居，更要乐业。在湖畔旺屯中心村党委副书记张从勇看来，农村居住条件改善后，一方面要持续巩固治理成果，另一方面要带着老百姓找到增收致富的好路子，让湖畔旺屯的日子更“旺”。

以农房改善为契机，湖畔旺屯利用集约经营的土地发展高效农业。村里先后引入了5家现代农业企业，建成300亩芡实种植基地、400亩种子培育基地，还培育了1000亩螃蟹养殖基地、1000亩稻虾示范基地，实现从单一种植业向“种植+养殖”一体化的转型，带动当地农业提档升级。

在金绿源蔬果采摘基地，柚子树硕果累累、果香扑鼻。乔迁新居后，73岁的村民吉启高将10亩土地流转出去，在采摘基地里打零工。流转费加上工资，他一年的收入有4万多元，足够老两口的开销。2019年，村里引进了一家生产蹦床等体育器材的企业，村民孙成英从那时起就在那里打工。70岁的她原本守着田地过日子，一年到手1万多元。如今在家门口上班，她每个月就能赚三四千元。“这样的好事儿以前想都不敢想。”孙成英说。

张从勇介绍，类似的工厂吸纳了周边600多名村民就业，人均年收入超过4.2万元。以前孙集村集体年收入不足50万元，农房改善后，湖畔旺屯土地连片、产业整合，去年集体经营性收入突破100万元。接下来，湖畔旺屯将依托电子商务产业园，推动农产品更好对接市场。
"""


def test_subheads_built_alike_stay_sections_on_both_cutting_paths() -> None:
    front = STACKED.split("沭阳")[0]
    for text in (RHYMED, front + RHYMED):
        story = parse_issue(text, source="xhrb_2024-10-22.txt").articles[-1]
        assert story.title == "搬进“小别墅”，在旺屯过更旺的日子"
        assert len(story.paragraphs) == 17


#: Two unsigned items of a special page (新华日报 10-24): the second's headline is said again
#: word for word in its text, and the first never says it.
ECHOED = """第10版：专版

顺应角色要求，推动“大思政课”高质量发展

习近平总书记在2021年全国两会期间看望参加全国政协会议的委员时强调，“大思政课”我们要善用之。

“大思政课”的大使命要求思政教师具有“国之大者”的胸怀，做学生成长的引路人。

“大思政课”的大内容要求思政教师具有“满腹经纶”的学识，把道理讲深讲透讲活。

重阳糕、羊汤面，老人吃了笑开颜

为进一步传承和弘扬中华优秀传统文化，丰富各族人民文化生活，近日社区开展了重阳节活动。

重阳糕、羊汤面，老人吃了笑开颜。李奶奶等十几名老人来到活动现场，和志愿者一起包饺子。
"""


def test_a_headline_its_story_says_again_after_a_plain_story_starts_a_story() -> None:
    for text in (ECHOED, ECHOED.replace("专版\n\n", f"专版\n\n{STACKED_FRONT}", 1)):
        issue = parse_issue(text, source="xhrb_2024-10-24.txt")
        *_, above, item = [(a.title, len(a.paragraphs)) for a in issue.articles]
        assert item == ("重阳糕、羊汤面，老人吃了笑开颜", 2)
        assert above[1] >= 3 and "重阳糕" not in above[0]
    one = parse_issue(ECHOED, source="x_2024-10-24.txt").articles
    (above, _) = [(a.title, len(a.paragraphs)) for a in one]
    assert above == ("顺应角色要求，推动“大思政课”高质量发展", 3)


def test_subheads_of_a_label_over_a_quoted_line_in_pairs_stay_in_the_story() -> None:
    p = [
        f"王姑的手机里，有许多村民发来的第{n}条消息，她一条一条都认真回复，从不敷衍。"
        for n in range(5)
    ]
    text = (
        "第001版：头版\n\n解开“千千结” 蹚出“路路通”\n\n■ 海南日报全媒体记者 邱江华 党朝峰\n\n"
        f"“以前这片地连稻谷都种不出，如今却长出了致富果。”王姑说。\n\n{p[0]}\n\n"
        f"以心贴心\n\n“如果心是近的，再远的路也是短的”\n\n{p[1]}\n\n{p[2]}\n\n"
        f"谋富创富\n\n“让群众长久致富，是基层干部不变的使命”\n\n{p[3]}\n\n{p[4]}\n"
    )
    (a,) = parse_issue(text, source="hnrb_2026-07-15.txt").articles
    assert (a.title, len(a.paragraphs)) == ("解开“千千结” 蹚出“路路通”", 10)


def test_a_section_over_a_news_lead_like_the_storys_subhead_stays_in_a_stacked_crawl() -> None:
    body = [
        f"乐东县第{n}批海岸带生态问题完成整治，岸线环境明显改善，群众拍手称好。" for n in range(6)
    ]
    text = (
        f"第001版：头版\n\n{STACKED_FRONT}乐东：“养”回岸线元气 “吃”海更有滋味\n\n"
        f"本报抱由7月17日电（记者刘操）7月中旬，乐东沿海养殖整治见到成效。\n\n{body[0]}\n\n"
        f"以有力措施守好蓝色“生命线”\n\n{body[1]}\n\n{body[2]}\n\n{body[3]}\n\n"
        f"以暖心服务保障群众利益\n\n7月7日，位于利国镇球港村的产业园项目现场一片繁忙。\n\n{body[4]}\n\n{body[5]}\n"
    )
    assert infer_conventions(split_pages(text)).stacked_heads
    last = parse_issue(text, source="hnrb_2026-07-18.txt").articles[-1]
    assert (last.title, len(last.paragraphs)) == ("乐东：“养”回岸线元气 “吃”海更有滋味", 10)


def test_a_section_whose_lead_names_the_storys_headline_stays_in_a_line_cut_crawl() -> None:
    text = (
        "第020版：史话\n\n《岭表录异》中的海南\n\n■ 杨江波\n\n"
        "唐代晚期的一部地理杂记，记载了岭南的风土物产，其中不少条目写到了海南岛。\n\n"
        "在此之前，也曾有过一些记载岭南地理与风土人情的著作，但多已散佚不传。\n\n"
        "这些零星的记录，往往只言片语，难以让后人一窥当时海岛生活的全貌。\n\n"
        "篇幅不长但内容丰富\n\n"
        "《岭表录异》原著篇幅不大，而内容却十分广泛、丰富，天文地理、草木虫鱼无所不包。\n\n"
        "书中写到的海南物产，今天读来仍觉亲切，可窥当时海南人的生活场景。\n"
    )
    (a,) = parse_issue(text, source="hnrb_2026-07-20.txt").articles
    assert (a.title, len(a.paragraphs)) == ("《岭表录异》中的海南", 6)


def test_a_features_first_section_and_a_numbered_lists_next_item_stay_in_it() -> None:
    text = (
        "第008版：文化周刊\n\n一脚踩进冷泉 惬意！\n\n海南日报全媒体记者 张期望\n\n"
        "归功于千万年前的火山喷发，海口周边拥有不少独特的清凉地，正等你来一一解锁。\n\n"
        "八仙泉 离主城区最近的天然水上乐园\n\n"
        "从海口主城区驱车约25分钟，龙华区新坡镇仁南村里，一处叫八仙泉的地方游人如织。\n\n"
        "每逢节假日，从海口、琼海甚至三亚来的游客都会专程赶来戏水纳凉。\n\n"
        "相关链接\n\n理性消费小贴士\n\n1 拒绝“面子消费”\n\n"
        "购买电子产品时，不应盲目追求高端配置，能够满足日常学习需求即可。\n\n"
        "2 巧用学生福利\n\n入校后，巧用大学生专属福利，利用学生优惠购买高铁票、景区门票等。\n"
    )
    issue = parse_issue(text, source="hnrb_2026-07-21.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles] == [
        ("一脚踩进冷泉 惬意！", 4),
        ("理性消费小贴士", 4),
    ]


def test_the_feature_section_list_item_and_sidebar_read_the_same_in_a_stacked_crawl() -> None:
    text = (
        f"第008版：文化周刊\n\n{STACKED_FRONT}一脚踩进冷泉 惬意！\n\n海南日报全媒体记者 张期望\n\n"
        "归功于千万年前的火山喷发，海口周边拥有不少独特的清凉地，正等你来一一解锁。\n\n"
        "八仙泉 离主城区最近的天然水上乐园\n\n"
        "从海口主城区驱车约25分钟，龙华区新坡镇仁南村里，一处叫八仙泉的地方游人如织。\n\n"
        "每逢节假日，从海口、琼海甚至三亚来的游客都会专程赶来戏水纳凉。\n\n"
        "相关链接\n\n理性消费小贴士\n\n1 拒绝“面子消费”\n\n"
        "购买电子产品时，不应盲目追求高端配置，能够满足日常学习需求即可。\n\n"
        "2 巧用学生福利\n\n入校后，巧用大学生专属福利，利用学生优惠购买高铁票、景区门票等。\n"
    )
    assert infer_conventions(split_pages(text)).stacked_heads
    issue = parse_issue(text, source="hnrb_2026-07-21.txt")
    assert [(a.kicker, a.title, len(a.paragraphs)) for a in issue.articles][3:] == [
        (None, "一脚踩进冷泉 惬意！", 4),
        ("相关链接", "理性消费小贴士", 4),
    ]


def test_a_notice_signed_by_its_issuer_ends_before_the_next_title_in_a_stacked_crawl() -> None:
    text = (
        f"第1版：要闻\n\n{STACKED_FRONT}关于中央第一生态环境保护督察组作风纪律监督举报方式的公告\n\n"
        "经党中央、国务院批准，督察组进驻江苏省开展督察，现将监督举报方式公告如下。\n\n"
        "中央第一生态环境保护督察组\n\n中央生态环境保护督察纪律规定\n\n"
        "为深入贯彻落实习近平生态文明思想，制定本规定。\n\n"
        "一、深入学习贯彻习近平新时代中国特色社会主义思想。\n"
    )
    issue = parse_issue(text, source="xhrb_2024-10-20.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles][3:] == [
        ("关于中央第一生态环境保护督察组作风纪律监督举报方式的公告", 1),
        ("中央生态环境保护督察纪律规定", 2),
    ]


def test_quoted_sections_under_a_quoted_headline_stay_in_a_stacked_crawl() -> None:
    text = (
        f"第1版：要闻\n\n{STACKED_FRONT}“多来往、多交流”\n\n□ 新华社记者 乔继红 杨士龙\n\n"
        "“中国愿意同美国做伙伴、做朋友。”习近平主席的话语引发热烈反响。\n\n"
        "美中关系全国委员会会长表示，两国人民的交流十分重要。\n\n"
        "“友谊可是件大事”\n\n当地时间10月15日晚，美国艾奥瓦州友人举行纪念活动。\n\n"
        "“只要花时间相处，自然会成为朋友。”一位老朋友说。\n"
    )
    last = parse_issue(text, source="xhrb_2024-10-18.txt").articles[-1]
    assert (last.title, len(last.paragraphs)) == ("“多来往、多交流”", 5)


def test_a_role_alone_under_the_headline_is_no_paragraph_of_a_stacked_feature() -> None:
    text = (
        f"第1版：要闻\n\n{STACKED_FRONT}推动金砖国家集体再出发\n\n□ 新华社记者\n\n"
        "当地时间10月23日，国家主席习近平在俄罗斯喀山出席金砖国家领导人会晤。\n\n"
        "“五点建议将推动金砖合作迈上新高度”\n\n"
        "就职于俄罗斯阿拉布加经济特区的切尔诺夫认真聆听了讲话。\n\n"
        "“习近平主席提出的五点建议将推动金砖合作迈上新高度。”他说。\n"
    )
    last = parse_issue(text, source="xhrb_2024-10-24.txt").articles[-1]
    assert (last.title, len(last.paragraphs)) == ("推动金砖国家集体再出发", 4)


#: A feature of 新华日报 (10-16), each paragraph cut to its first sentence: headline, a role and
#: a name, six paragraphs, then a lead-in ending on a dash over the section it opens.
LONG_MARCH = [
    "而今迈步从头越",
    "□ 新华社记者 梅世雄",
    "1934年10月16日至19日，一支8.6万人的红色大军在中国共产党领导下跨过赣南于都河，开启伟大的远征。",
    "两年后，4支九死一生的红军队伍，最终汇聚黄土高原，汇聚抗日救亡前线。",
    "这是一次理想信念的伟大远征，这是一次检验真理的伟大远征，这是一次唤醒民众的伟大远征，这是一次开创新局的伟大远征。",
    "这一惊天动地的革命壮举，是中国共产党和红军谱写的壮丽史诗，是中华民族伟大复兴历史进程中的巍峨丰碑。",
    "90年来，充满理想和献身精神、用意志和勇气谱写的人类史诗——长征，深刻影响着中国，震撼着世界，闪耀着光芒。",
    "雄关漫道真如铁，而今迈步从头越。",
    "蹚出一条道路——",
    "“面对乱云飞渡、惊涛骇浪，我们党表现出无所畏惧的伟大实践精神，表现出浴火重生的伟大创造精神，在血与火中蹚出了一条走向新生、走向胜利的革命道路。",
    "长征的胜利，是方向和道路的胜利。",
    "中共中央总书记、国家主席、中央军委主席习近平在纪念红军长征胜利80周年大会上强调，长征的过程，不仅是战胜敌人、赢得胜利、实现战略目标的过程，而且是联系实际、创新理论、探索革命道路的过程。",
]


def test_a_lead_in_ending_on_a_dash_is_a_section_in_a_stacked_crawl() -> None:
    text = f"第1版：要闻\n\n{STACKED_FRONT}" + "\n\n".join(LONG_MARCH) + "\n"
    last = parse_issue(text, source="xhrb_2024-10-16.txt").articles[-1]
    assert (last.title, len(last.paragraphs)) == ("而今迈步从头越", 10)


def test_short_labels_over_subheads_twice_in_a_story_are_its_sections() -> None:
    text = (
        "第1版：要闻\n\n五部门组合拳出招，房地产市场影响几何？\n\n□ 新华社记者 王优玲 吴雨\n\n"
        "17日，国新办发布会引起市场高度关注，住房城乡建设部等五部门介绍了政策举措。\n\n"
        "新举措将对房地产市场产生哪些影响？\n\n两个增加\n\n聚焦堵点难点增量举措靶向发力\n\n"
        "当日，五部门聚焦房地产市场面临的堵点难点，推出一揽子增量政策。\n\n"
        "狠抓落实\n\n为长期高质量发展蓄力\n\n"
        "专家表示，此轮政策调整，不仅旨在提振楼市，也为长期高质量发展进一步蓄力。\n"
    )
    (a,) = parse_issue(text, source="xhrb_2024-10-18.txt").articles
    assert (a.title, len(a.paragraphs)) == ("五部门组合拳出招，房地产市场影响几何？", 8)


def test_words_every_story_uses_do_not_tie_a_headline_to_the_story_above() -> None:
    from syndicate.parse.headline import subject_turns

    line = "为加强全球人工智能发展治理注入中国动力"
    lead = "2026世界人工智能大会暨人工智能全球治理高级别会议将于7月17日在上海举行。"
    above = "推介会在比什凯克举行。中国和吉尔吉斯斯坦的合作推动了地区发展，中国经验值得借鉴。"
    assert subject_turns(line, lead, above)  # 中国, 发展 name no subject


#: A story, then a magazine's contents the daily prints after it: the magazine's name, section
#: labels and entries that open with their page number, none with a final mark.
CONTENTS = """废弃地上建起5万余平方米厂房

□ 本报记者 徐明泽

金秋时节，在泗洪县魏营镇乡村振兴产业园，1至3号标准化厂房里工人们正忙着赶订单。

近两年，通过盘活利用闲置集体用地，魏营镇已建或在建的厂房有12栋，待建2栋。

群众

卷首

01 高扬人民民主的光辉旗帜/群仲平

特别策划·在深化生态文明体制改革上走在前做示范

04 加快建设人与自然和谐共生的美丽江苏/蒋 巍

06 进一步创新完善水资源刚性约束制度机制/高圣明

08 以法治之力护航美丽江苏建设/陶国中

10 打造“风景比画更漂亮”的生态文明先行示范区/马明龙

改革脉动·学习贯彻省委十四届七次全会精神

18 奋力谱写海洋经济高质量发展新篇章/任 栋
"""


def test_a_magazines_contents_after_a_story_is_an_item_of_its_own() -> None:
    for text, source in (
        (CONTENTS, "xhrb_2024-10-16.txt"),
        (STACKED.split(UNSIGNED)[0] + CONTENTS, "nfrb_2024-10-16.txt"),
    ):
        got = parse_issue(text, source=source).articles[-2:]
        assert [(a.title, len(a.paragraphs)) for a in got] == [
            ("废弃地上建起5万余平方米厂房", 2),
            ("群众", 9),
        ], source
        assert got[1].paragraphs[1] == "01 高扬人民民主的光辉旗帜/群仲平"
    # numbered lines that end their sentences are a story's list, not contents
    from syndicate.parse.articles import contents_box

    units = [u for u in CONTENTS.split("\n") if u][3:]
    assert contents_box(units, 1)
    assert not contents_box([*units[:3], units[3] + "。", *units[4:]], 1)


#: An unsigned theory piece: its headline, one lead, then sections under subheads built in one
#: frame (a verb, 以, what it serves, 为, the aim, 的, the thing), after the piece above.
FRAMED = """探索高校辅导员与思政课教师协同育人新路径

关键在搭建平台。协同育人平台是辅导员与思政课教师协同育人的载体和切入点。

高校毕业生更高质量就业实施路径

就业是最大的民生，高校毕业生是就业工作重中之重。中共中央、国务院近期出台了《关于实施就业优先战略促进高质量充分就业的意见》。

确立以服务国家战略需求为导向的高校专业动态调整机制

高校学科及专业设置应以服务国家重大发展战略为导向，主动对接国家经济建设和社会发展需求。

构建以满足行业发展需求为目标的高校灵活招生模式

高校在制定专业招生规模时，除了考虑宏观政策要求和自身发展，还应构建以就业市场供需关系为导向的招生模式。

优化以促进学生全面发展为核心的人才培养方案

随着我国经济转向高质量发展阶段，就业市场对高校毕业生的创新能力、专业技术能力提出了更高要求。
"""


def test_subheads_built_in_one_frame_are_sections_not_stories() -> None:
    stacked = STACKED.split(UNSIGNED)[0] + FRAMED
    assert infer_conventions(split_pages(stacked)).stacked_heads
    got = parse_issue(stacked, source="nfrb_2024-10-24.txt").articles[3:]
    assert [(a.title, len(a.paragraphs)) for a in got] == [
        ("探索高校辅导员与思政课教师协同育人新路径", 1),
        ("高校毕业生更高质量就业实施路径", 7),
    ]
    from syndicate.parse.headline import rhymes_with

    heads = [u for u in FRAMED.split("\n") if u.endswith(("机制", "模式", "方案"))]
    assert rhymes_with(heads[0], heads[1:])
    assert not rhymes_with(heads[0], ["高校毕业生更高质量就业实施路径", "关键在搭建平台"])


def cut_both(text: str, day: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(title, paragraph count) of each article ``text`` holds, cut line by line as a crawl of
    one-line headlines, and cut by its blocks behind the stacked-crawl front."""
    flat = parse_issue(text, source=f"xhrb_{day}.txt").articles
    stacked = parse_issue(STACKED.split(UNSIGNED)[0] + text, source=f"nfrb_{day}.txt").articles
    return [(a.title, len(a.paragraphs)) for a in flat], [
        (a.title, len(a.paragraphs)) for a in stacked[3:]
    ]


#: A page of units' items, unsigned: each title opens with the unit's name and a colon, and
#: its lead names the unit again (``今年以来，溧阳市上黄镇…``); the item above never names it.
UNITS = """泗阳县来安街道：压实责任抓安全 聚力攻坚促发展

今年以来，泗阳县来安街道认真贯彻落实“安全第一、预防为主、综合治理”的方针，扎实开展安全生产专项整治，有效防范化解重大安全风险，维护全街道安全生产形势总体稳定。

认清形势，切实增强责任感紧迫感。安全生产工作事关人民群众生命财产安全，是做好一切工作的前提，也是一项长期性、基础性且十分艰巨的工作。来安街道扎实推进安全生产工作，提高安全生产检查质量，强化安全分析研判，突出重点精准发力，梳理解决难点堵点，全力以赴抓好安全生产工作，时刻绷紧安全生产这根弦，坚决克服麻痹思想、侥幸心理、松劲心态，以“时时放心不下”的责任感和紧迫感，抓紧抓实安全生产各项工作，坚决防范和遏制各类事故发生。

溧阳市上黄镇：多措并举精准发力 推动清廉建设走深走实

今年以来，溧阳市上黄镇组织基层党员参与廉政活动6次，覆盖各种形式，包括洮湖冬训、湖畔学社、参观学习等。上黄镇纪委秉持让自律意识“内化于心，外化于行”的底层思维，通过理论学习、教育警示、基地建设“三实招”，持续筑牢党员干部拒腐防变思想“堤坝”。

打造廉政理论教育课堂，拧紧思想“安全阀”。为提高全镇党员干部的廉洁意识，上黄镇邀请市纪委人员授课，讲解理论知识，筑牢思想防线。组织基层党员干部到新四军纪念馆、五里亭廉政教育馆开展专题活动，增强个人修养，提高自律能力。组织党员干部重温入党誓词。上黄镇紧跟时代步伐，自2022年1月起，在公众号每月推送党员教育学习资源包，迄今已近40篇，利用新媒体将廉政思想输送到每一个党员干部手中、输送到农村工作的神经末梢，让每个党员干部坚守廉洁底线、永葆初心本色。
"""


def test_a_units_item_after_anothers_starts_where_its_name_and_colon_open_a_line() -> None:
    want = [
        ("泗阳县来安街道：压实责任抓安全 聚力攻坚促发展", 2),
        ("溧阳市上黄镇：多措并举精准发力 推动清廉建设走深走实", 2),
    ]
    assert cut_both(UNITS, "2024-10-23") == (want, want)
    # a roundup's sections, each a city and a colon, stay in the roundup
    roundup = (
        "全省各地多措并举推动清廉建设\n\n"
        "今年以来，全省各地扎实推进清廉建设，取得明显成效。各地因地制宜，亮点纷呈。\n\n"
        "南京市：打造清廉机关\n\n今年以来，南京市推进清廉机关建设，成效明显。\n\n"
        "南京市各部门还开展了廉政教育活动，党员干部参与踊跃。\n\n"
        "苏州市：建设清廉村居\n\n今年以来，苏州市聚焦清廉村居建设，扎实推进。\n"
    )
    (one,) = parse_issue(roundup, source="xhrb_2024-10-23.txt").articles
    assert one.title == "全省各地多措并举推动清廉建设"


#: Two towns' briefs of one paragraph each, their titles opening on the town's name with no
#: colon (``漆桥街道擦亮…`` under ``秣陵街道以案为鉴…``); the second's lead names its town.
TOWNS = """秣陵街道以案为鉴守牢底线

为深入开展党性党风党纪教育，近日，江宁区秣陵街道组织领导干部召开专题警示教育大会，引导党员干部切实从中受警醒、明底线、知敬畏。

漆桥街道擦亮招商“诚信牌”

随着《公平竞争审查条例》实施，高淳区漆桥街道在新一轮招商中抢抓机遇、精准发力，以诚信招商、诚信服务为抓手，打造优质营商环境。

社区“宠”娃，儿童“当家”

□ 本报记者 周敏

“我们小区的游乐场是孩子们自己设计的！”在鼓楼区宁海路街道，儿童议事会已成为社区治理的新力量。

这里的孩子们参与社区事务，从设计游乐场到组织义卖，样样都有他们的身影，社区也更有活力。
"""


def test_a_towns_brief_after_another_towns_starts_where_its_name_opens_a_line() -> None:
    want = [
        ("秣陵街道以案为鉴守牢底线", 1),
        ("漆桥街道擦亮招商“诚信牌”", 1),
        ("社区“宠”娃，儿童“当家”", 2),
    ]
    assert cut_both(TOWNS, "2024-10-21") == (want, want)
    # a town's story that names its own town again in a section stays whole
    own = TOWNS.split("漆桥街道擦亮")[0] + (
        "秣陵街道还开展廉政家访\n\n为深入推进家风建设，江宁区秣陵街道组织干部开展廉政家访活动。\n"
    )
    assert [a.title for a in parse_issue(own, source="xhrb_2024-10-21.txt").articles] == [
        "秣陵街道以案为鉴守牢底线"
    ]


#: A story of profiles: each section opens on a person's name and a colon over what they did,
#: and speaks of that person, not of the story's opening (``马帅：…`` / ``艾米：…``).
PROFILES = """集萃博士，用“最强大脑”引领产业前沿

□ 本报记者 蔡姝雯

2022年6月，在收到研究所所长的邀请后，一位青年学者放弃海外的工作，来到江苏产研院。

自2017年启动实施“集萃博士”以来，江苏产研院已累计面向全球遴选253名集萃博士。

马帅：研发测试假人填补国内军工领域空白

如果问现有的汽车碰撞测试假人是否完全适合中国人体损伤评估体系，马帅的回答是“不”。

“现有标准中所用的假人主要基于欧美人体特征设计。”马帅解释，团队为此研究了新的假人。

艾米：跨国合作攻克国内复合材料加工多个难关

青年科学家艾米是马来西亚人，对复合材料的浓厚兴趣，源于她在高中时期对航空航天的热爱。

2022年7月，艾米正式加入江苏产研院，在钻孔工艺上攻克了多个难关。
"""


def test_a_profiles_sections_opening_on_names_stay_in_its_story() -> None:
    want = [("集萃博士，用“最强大脑”引领产业前沿", 8)]
    assert cut_both(PROFILES, "2024-10-23") == (want, want)
    # two cities' items (``南通：…`` over ``南通市…``) are two items, not a city's sections
    cities = PROFILES.replace("马帅：", "南通：").replace("马帅", "南通市")
    cities = cities.replace("艾米：", "高邮：")
    titles = [a.title for a in parse_issue(cities, source="xhrb_2024-10-23.txt").articles]
    assert titles[1] == "南通：研发测试假人填补国内军工领域空白"


#: A picture's title over its credit alone (no bullet), then a feature whose lead paragraphs
#: stand over its bulleted byline (``□ 黄灏 杭菲菲``) and whose sections follow it.
LEAD_OVER_BYLINE = """一粥一饭，当思来之不易

本报记者 顾志铭

让演艺经济成为城市流量密码

一场演唱会，“点燃”一座城。

今年，镇江演唱会热潮持续不断：4月下旬以来，多位歌手先后在镇江开唱，每场都吸引了大批外地乐迷前来观演，带火了城市的酒店、餐饮和景区。

作为粉丝经济和文旅经济的重要载体，演唱会自带“流量”，被称为城市的“新名片”。

□ 黄灏 杭菲菲

密集“开唱”，撬动文旅“新爆点”

当前，“演艺+旅游”“演艺+商业”已成为文旅融合新模式，为地方经济注入了新活力。

以一场巡回演唱会为例，为期两天的演唱会观演人数超过5万人，带动了酒店和餐饮消费。

借势赋能，城市形象“声”入人心

演唱会的成功与否，反映的是城市精细化管理与保障水平，镇江各部门为此通力协作。
"""


def test_a_lead_over_its_bulleted_byline_keeps_the_sections_under_it() -> None:
    issue = parse_issue(LEAD_OVER_BYLINE, source="xhrb_2024-10-16.txt")
    (story,) = issue.articles
    assert story.title == "让演艺经济成为城市流量密码"
    assert len(story.paragraphs) == 8
    assert [b.name for b in story.bylines] == ["黄灏", "杭菲菲"]
    # the picture's title with its credit and no text is dropped, and reported
    assert any("一粥一饭" in p.detail for p in issue.problems)
    # cut by its blocks: the picture item ends at its credit, the lead stays text
    text = STACKED.split(UNSIGNED)[0] + LEAD_OVER_BYLINE
    stacked = parse_issue(text, source="nfrb_2024-10-16.txt")
    story = stacked.articles[-1]
    assert story.title == "让演艺经济成为城市流量密码"
    # the picture item (a title and its credit) is no article without text: dropped, reported
    assert all(a.paragraphs for a in stacked.articles)
    assert any("一粥一饭" in p.detail for p in stacked.problems)
    assert story.paragraphs[0] == "一场演唱会，“点燃”一座城。"
    assert len(story.paragraphs) == 8


#: A law printed whole, then the notice that publishes it: its title, one paragraph, and the
#: body that issued it alone on a line (the crawl stores the notice after the law).
LAW_AND_NOTICE = """江苏省林业有害生物防治条例

第一条 为了有效防治林业有害生物，保护森林资源，促进林业可持续发展，制定本条例。

第二条 本省行政区域内林业有害生物的预防、检疫、除治及其监督管理，适用本条例。

第三条 本条例下列用语的含义：

（一）检疫性林业有害生物，是指列入国家林业主管部门发布的名单的林业有害生物；

（二）松材线虫病疫木，是指松材线虫病疫区内未经除害处理的松属植物及其制品。

江苏省人大常委会公告

《江苏省林业有害生物防治条例》已由江苏省第十四届人民代表大会常务委员会第十一次会议于2024年9月27日通过，现予公布，自2025年1月1日起施行。

江苏省人民代表大会常务委员会
"""


def test_a_law_over_its_contents_heads_an_item_after_a_one_paragraph_brief() -> None:
    brief = (
        "酒泉卫星发射中心全力备战神舟十九号任务\n\n"
        "新华社电 神舟十九号船箭组合体10月22日转运至发射区，计划近日择机实施发射。\n\n"
    )
    chapters = ["总则", "预防", "检疫", "除治", "监督保障", "法律责任", "附则"]
    contents = "".join(f"第{n}章 {c}\n\n" for n, c in zip("一二三四五六七", chapters, strict=True))
    law = LAW_AND_NOTICE.replace("\n\n第一条", f"\n\n目 录\n\n{contents}第一章 总则\n\n第一条", 1)
    flat, stacked = cut_both(brief + law, "2024-10-23")
    assert flat[1] == ("江苏省林业有害生物防治条例", 14)
    # cut by its blocks: the contents and chapter lines are the law's text, not photo labels
    assert stacked[-2:] == [("江苏省林业有害生物防治条例", 14), ("江苏省人大常委会公告", 1)]


def test_a_notice_over_its_text_and_issuer_is_an_item_after_the_law_it_publishes() -> None:
    flat, stacked = cut_both(LAW_AND_NOTICE, "2024-10-23")
    assert flat == [("江苏省林业有害生物防治条例", 5), ("江苏省人大常委会公告", 1)]
    assert stacked[-1] == ("江苏省人大常委会公告", 1)


#: A headline that opens on a decimal number (``3.7万个岗位…``): no list item (``3.``).
DECIMAL_HEAD = """期待更多“旧街”成“新景”

□ 魏晓敏

10月11日，南京浦口火车站街区正式开街，吸引了大批市民和游客前来打卡。

老建筑、老街区是城市记忆的物质留存，是城市内涵和底蕴的重要标识。

3.7万个岗位吸引2万名毕业生

□ 本报记者 杨频萍

10月15日，由省教育厅、省人力资源和社会保障厅等主办的招聘会在南京举行。

当天的招聘企业中，制造业企业421家，占比50.5%，岗位覆盖多个行业。
"""


def test_a_headline_opening_on_a_decimal_number_heads_its_story() -> None:
    want = [("期待更多“旧街”成“新景”", 2), ("3.7万个岗位吸引2万名毕业生", 2)]
    assert cut_both(DECIMAL_HEAD, "2024-10-16") == (want, want)


#: A banner's line alone, then a headline's line alone over the story's opening byline (the
#: stacked crawl gives each its own block); a speech's last words stay in the speech.
BANNER_OVER_HEAD = """在正风反腐中增强人民群众获得感

□ 万强

民心是最大的政治，纪检监察机关要把群众的急难愁盼放在心上，切实解决好群众身边的问题。

优化工作质效，解决好群众烦心的事。纪检监察工作是人心工作、群众工作，要以实绩取信于民。

人文经济学视角下长江商文化的传承与发展

以长江商文化丰富江苏新实践的文化内涵

□ 陈亚平 叶舒

党的二十届三中全会提出，要推动文化繁荣，长江商文化是江苏文化的重要组成部分。

长江是中华文明的重要发源地，孕育了丰富多彩的商业文化，值得我们深入挖掘和传承。
"""


def test_a_banner_line_over_a_headline_line_over_a_byline_starts_a_story_in_a_stack() -> None:
    text = STACKED.split(UNSIGNED)[0] + BANNER_OVER_HEAD
    issue = parse_issue(text, source="nfrb_2024-10-22.txt")
    got = [(a.title, len(a.paragraphs)) for a in issue.articles[3:]]
    assert got == [
        ("在正风反腐中增强人民群众获得感", 2),
        ("以长江商文化丰富江苏新实践的文化内涵", 2),
    ]
    assert any("人文经济学视角下" in p.detail for p in issue.problems)
    # a speech's last words over the next headline and its byline stay in the speech
    speech = BANNER_OVER_HEAD.replace("人文经济学视角下长江商文化的传承与发展", "谢谢大家！")
    issue = parse_issue(STACKED.split(UNSIGNED)[0] + speech, source="nfrb_2024-10-22.txt")
    assert issue.articles[3].paragraphs[-1] == "谢谢大家！"


#: A feature whose two-line subheads stand as two one-line blocks each (``强劲“第一动力”`` /
#: ``打造科技创新策源地``), the text under the first turning from the lead's subject.
TWO_LINE_SUBHEADS = """加快打造发展新质生产力的重要阵地

□ 本报记者 刘亢

秋风送爽，沃野生金。平均1秒钟，常州“灯塔工厂”生产线上就有一块动力电池下线；产业基础坚实、开放程度较高、资本市场活跃，这片土地上处处涌动着发展的热潮。田野里收割机往来穿梭，车间里机械臂上下翻飞，新的增长点不断冒出来。

牢记嘱托，勇毅前行，江苏将培育和发展新质生产力作为事关现代化建设全局的大事来抓，制定“任务书”、拿出“时间表”、画出“路线图”，奋力走在前、做示范。全省上下拿出真招实招，以一域之光为全局添彩。

强劲“第一动力”

打造科技创新策源地

覆盖全国40个核心城市及沿途133个城市节点，在超过1万公里的远距离上实现光纤通信，这张“未来网络”由南京的实验室牵头建成，为数字基础设施提供了试验场，吸引科研机构和企业纷纷入驻，带动上下游一批项目落地，一条从原始创新到成果转化的链条正在这里加速形成，科学家、工程师和投资人在同一栋楼里碰撞出火花。

43平方公里的紫金山科技城里，“蓝图”正一点点铺满，一个个实验室拔地而起。

增进韧性活力

锻造现代化产业体系主创地

抗蠕工业丝，用于港珠澳大桥海底隧道施工；复材增韧网纱，助力国产大飞机翱翔蓝天。
"""


def test_a_storys_two_line_subheads_as_one_line_blocks_stay_in_it_in_a_stack() -> None:
    text = STACKED.split(UNSIGNED)[0] + TWO_LINE_SUBHEADS
    arts = parse_issue(text, source="nfrb_2024-10-20.txt").articles
    got = [(a.title, len(a.paragraphs)) for a in arts]
    assert got[3:] == [("加快打造发展新质生产力的重要阵地", 9)]


#: A wire story whose sections open on lead-ins ending ``——``, then an unsigned item whose
#: own subheads make a series (``…，思想基石越筑越牢`` / ``…，纪律发条越拧越紧``).
LEAD_IN_SERIES = """医保基金监管亮剑，守好百姓看病钱

22日，医保基金监管蓝皮书在北京发布，全面梳理了我国医保基金监管的发展历程。

关乎约13.34亿参保人，医保基金监管跑出“加速度”——

从拉拢参保人虚假住院，到混淆性别骗保，医保基金监管发现了不少问题。

国家医保局基金监管司负责人介绍，截至9月，今年国家飞行检查已覆盖多个省份。

问题清单“自查自纠”，多部门“上下协同”——

今年以来，医疗机构通过自查自纠，已主动退回医保基金近36.2亿元。

中国医疗保险研究会负责人指出，要进一步建立健全基金监管长效机制，推动医保事业蓬勃发展，各方同向发力，守好责任。

“两个责任”同向发力 推动淮安文旅事业蓬勃发展

今年以来，淮安市文化广电和旅游局党委坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党的二十大精神，与淮安市纪委监委派驻第六纪检监察组紧密配合，坚持同题共答，奋力谱写护航淮安文旅事业发展新篇章。

紧绷理想信念之弦，思想基石越筑越牢

以纪检监督推动全系统党员干部学习党纪党章，细化制定学习方案。

强化全流程监管，纪律发条越拧越紧

以监管促规范，纪检部门扎实履行监督专责，主动前移监督探头。

主责主业提质增效，文旅答卷越写越优

以纪律保障提质效，在纪检监督保障执行推动下，淮安文旅系统发展成效显著。
"""


def test_a_headline_over_its_own_series_after_a_story_of_lead_ins_starts_a_story() -> None:
    flat, stacked = cut_both(LEAD_IN_SERIES, "2024-10-23")
    both = [
        ("医保基金监管亮剑，守好百姓看病钱", 7),
        ("“两个责任”同向发力 推动淮安文旅事业蓬勃发展", 7),
    ]
    assert flat == both
    assert stacked == both  # cut by its blocks too


#: A feature's middle one of three one-phrase subheads over a news lead (``10月10日下午，``):
#: its section, between the one above and the one under it of its length.
MIDDLE_SUBHEAD = """为未来自己养老存点“时间”

□ 本报记者 李睿哲

10月12日，南京市玄武区锁金村街道社区志愿者陈焱艳走进老人家中，教他用手机。

值得一提的是，获得服务的这一个小时，是老人自己通过做志愿服务存下的时间。

在国内率先启动养老服务互助平台

2019年，南京在国内率先启动养老服务互助时间平台，平台注册志愿者已超过十万人。

“不是谁都可以做志愿者。”南京市民政局养老服务处相关负责人介绍。

是道德传承也是幸福延续

10月10日下午，记者跟随社区志愿者罗念祖，到大桥新村看望独居老人。

虽然小罗这样的年轻志愿者深受欢迎，但互助时间平台的注册志愿者中，低龄老人更多。

让互助服务可存取可持续

扩大社会覆盖面、增加参与度，是提升互助时间平台活力的关键。
"""


def test_the_middle_of_three_one_phrase_subheads_over_a_news_lead_stays_a_section() -> None:
    (one,) = parse_issue(MIDDLE_SUBHEAD, source="xhrb_2024-10-17.txt").articles
    assert one.title == "为未来自己养老存点“时间”"
    assert len(one.paragraphs) == 10
    flat, stacked = cut_both(MIDDLE_SUBHEAD, "2024-10-17")
    assert flat == stacked == [("为未来自己养老存点“时间”", 10)]  # cut by its blocks too


#: A signed feature whose sections are two-phrase lines of one length (``南派拳法生生不息 琼岛
#: 传统古拳的根脉高地`` / ``雨林孕育山野武技 招招可见山野生存智慧``), each turning to a region.
SIGNED_SERIES = """第004版：文化周刊

琼岛有功夫

■ 海南日报全媒体记者 孙慧

7月7日—7月9日，2026年国际武联第四届武术套路世界杯在海口市五源河体育馆举行，来自29个国家和地区的武术运动员齐聚海口，以拳会友、以武切磋。

海南岛上，也有沉淀千百年的拳脚风骨。自南宋岳家拳随南迁将士登岛，黎族苗族百姓狩猎御敌的武技代代相传，数百年间，各市县孕育出风格迥异的武术流派。

纵观海南岛的武术流派发展，不同地理文化环境下孕育出风格迥异的武术流派。今天让我们循着一张鲜活的“海南武术地图”，读懂藏在海南街巷村寨里的武术文化。

南派拳法生生不息 琼岛传统古拳的根脉高地

琼北地区毗邻内陆，地势平缓、人口聚居，是最早接纳中原与岭南武术的区域。自明代起，就有大量的闽粤地区移民渡海落户琼岛，这些先民将洪拳、蔡李佛、五形桩等南派拳法带入琼北乡村，结合海南军坡、公期等民俗融合演化，形成以村落为单位、全村习武的独特传统。

在屯昌县新兴镇坡陈村，上至老人，下至孩童，几乎人人都能比划几招。该村庄传承自清朝咸丰年间的坡陈五形桩，整套拳法模仿龙、虎、猴、龟、鹤五种动物。

雨林孕育山野武技 招招可见山野生存智慧

以五指山山脉为主的中部山区，群山隔绝外界，黎族、苗族先民出于雨林狩猎、山林防御的需求，创造出黎家拳、黎家棍等原生态武技。

黎家拳的风格是步法稳健，有进有退，招式灵活多变，贴合山地行走习惯，进退起伏灵活。
"""


def test_a_signed_features_two_phrase_sections_of_one_length_stay_in_it() -> None:
    (one,) = parse_issue(SIGNED_SERIES, source="hnrb_2026-07-12.txt").articles
    assert one.title == "琼岛有功夫"
    assert len(one.paragraphs) == 9
    # unsigned, the story above gives no such hint: the line that turns heads a story
    unsigned = SIGNED_SERIES.replace("■ 海南日报全媒体记者 孙慧\n\n", "")
    titles = [a.title for a in parse_issue(unsigned, source="hnrb_2026-07-12.txt").articles]
    assert "南派拳法生生不息 琼岛传统古拳的根脉高地" in titles


def test_a_subhead_naming_a_unit_the_story_never_named_is_a_doubt() -> None:
    from syndicate.model import Article
    from syndicate.parse.doubts import find_doubts

    paras = [
        "为进一步强化干部职工廉洁自律意识，盐城市斗龙港生态旅游度假集团深入开展廉政教育。",
        "深化思想认识，强化监督检查。集团公司深入贯彻落实中央八项规定精神。",
        "强化“三资”监督 护航乡村振兴",
        "今年以来，灌南县汤沟镇纪委紧盯农村集体“三资”管理，开展专项监督。",
    ]
    merged = Article(
        page=1, seq=1, title="斗龙港集团：加强党风廉政建设", paragraphs=tuple(paras), subheads=(2,)
    )
    where = [d.where for d in find_doubts([merged], [])[0] if d.kind == "subhead-or-headline"]
    assert any(w.startswith("强化“三资”监督") for w in where)
    own = Article(
        page=1,
        seq=1,
        title="斗龙港集团：加强党风廉政建设",
        paragraphs=(*paras[:3], "今年以来，盐城市斗龙港生态旅游度假集团纪委紧盯集体“三资”管理。"),
        subheads=(2,),
    )
    assert not [d for d in find_doubts([own], [])[0] if d.kind == "subhead-or-headline"]


#: Briefs of one paragraph each: a headline, one paragraph of news, the next headline over its
#: news lead (``近日，…``).
BRIEFS = """央视探访高淳“螃蟹+”故事

本报讯 （高轩） 10月20日20:00档，文旅探访节目《山水间的家》热播，讲述村民的“螃蟹+”故事。

宏泰半导体入围省首台（套）装备

近日，江苏省工业和信息化厅公布了2024年度江苏省首台（套）重大装备名单，浦口经开区企业南京宏泰半导体研制的MS8000型超大规模集成电路混合信号测试系统成功入选。

相关负责人表示，浦口将充分发挥创新资源集聚优势，持续引导企业加强技术突破，推动新质生产力发展迈上新台阶。

砖墙镇送戏下乡润民心

10月17日，“淳享丰收季 唱响古戏台”——乡村戏曲嘉年华在茅山村古戏台上演。

长芦街道纪工委精准监督筑防线

近日，江北新区长芦街道纪工委深入社区开展调研，敏锐地发现部分社区在惠民资金发放中存在的问题。
"""


def test_a_brief_of_one_paragraph_of_news_ends_at_the_next_headline_over_news() -> None:
    got = parse_issue(BRIEFS, source="xhrb_2024-10-21.txt").articles
    assert [(a.title, len(a.paragraphs)) for a in got] == [
        ("央视探访高淳“螃蟹+”故事", 1),
        ("宏泰半导体入围省首台（套）装备", 2),
        ("砖墙镇送戏下乡润民心", 1),
        ("长芦街道纪工委精准监督筑防线", 1),
    ]
    # under a lead that reports no news, the line may be the story's first section
    from syndicate.parse.articles import _news_after_plain_story

    units = [u for u in BRIEFS.split("\n") if u][-4:]
    assert _news_after_plain_story(units, 2, 3, 0)
    units[1] = units[1].replace("10月17日，", "每到秋天，")
    assert not _news_after_plain_story(units, 2, 3, 0)


#: A dated news story, then an unsigned feature whose headline (two clauses) stands over three
#: sections whose subheads open and break alike (a quoted term, two characters, a comma).
ALIKE = """长三角残疾人事业一体化发展协作会议在淮安召开

本报讯 （记者 唐悦） 10月22日，第六届长三角残疾人事业一体化发展协作会议在淮安召开。

程凯指出，过去六年，三省一市残联肩负历史使命，抢抓一体化发展机遇，取得了显著成效。

江苏作为轮值主席，将主动牵头，携手沪浙皖残联聚焦托养照护领域，加快推进托养照护服务业发展。

答好“民生实事卷”，托起群众“稳稳的幸福”

民生实事，一头连着群众冷暖，一头连着人大代表的履职担当。

“心贴心”服务，全力办好民生“微实事”

民有所呼，政有所应；民有所盼，政有所为。街道梳理出13项建议项目。

“点对点”发力，跑出办好民生实事“加速度”

今年以来，幸福街道人大工委将民生实事项目作为工作监督的着力点。

“实打实”解忧，推进跟踪问效“后半篇”

民生实事要办好，监督问效是关键。街道人大工委全程监督问效。
"""


def test_a_headline_over_sections_that_open_and_break_alike_heads_a_story() -> None:
    want = [
        ("长三角残疾人事业一体化发展协作会议在淮安召开", 3),
        ("答好“民生实事卷”，托起群众“稳稳的幸福”", 7),
    ]
    assert cut_both(ALIKE, "2024-10-23") == (want, want)
    # a first section of the series' own opening is one of them
    from syndicate.parse.articles import heads_series

    heads = [u for u in ALIKE.split("\n") if u.startswith("“") and "，" in u and len(u) < 25]
    assert heads_series("答好“民生实事卷”，托起群众“稳稳的幸福”", heads)
    assert not heads_series("“贴心”服务，托起群众“稳稳的幸福”", heads)


def test_a_line_that_breaks_where_the_series_does_but_with_another_mark_heads_a_story() -> None:
    """``以花为媒 “链”向花开`` breaks after four characters with a space; the sections under it
    (``组织联建，抱团发展`` / ``服务联动，惠企助企``) break there with a comma: it heads them."""
    from syndicate.parse.articles import heads_series

    heads = ["组织联建，抱团发展", "服务联动，惠企助企", "村企联合，共同致富"]
    assert heads_series("以花为媒 “链”向花开", heads)
    assert not heads_series("党建引领，链上花开", heads)


#: A feature whose sections are numbered labels over a phrase (``关键词2`` / ``年轻态``).
KEYWORDS = """传承千年的中医正“潮”起来

□ 本报记者 安莹 王甜

10月20日，“苏中医·行世界”文化市集在南京正式启幕，吸引了大批市民和外国友人。

感受传承千年的中医非遗、可以喝可以玩的中药，市集上处处是惊喜。

关键词1

“国际范儿”

“会痛吗？不要骗我。”市集上，来自法国的留学生第一次体验了针灸。

像他一样被中医市集吸引过来的“外国友人”还有很多。

关键词2

年轻态

此次中医文化市集，将传统的中医药文化进行了年轻化的表达。

关键词3

跨界

江苏省中医药发展研究中心主任介绍，江苏中医流派丰富，底蕴深厚。
"""


def test_numbered_labels_head_a_storys_sections_not_stories() -> None:
    for text, source, skip in (
        (KEYWORDS, "xhrb_2024-10-23.txt", 0),
        (STACKED.split(UNSIGNED)[0] + KEYWORDS, "nfrb_2024-10-23.txt", 3),
    ):
        (a,) = parse_issue(text, source=source).articles[skip:]
        assert a.title == "传承千年的中医正“潮”起来", source
        assert [b.name for b in a.bylines if b.role == "reporter"] == ["安莹", "王甜"], source
        assert [p for p in a.paragraphs if p.startswith("关键词")], source
        assert len([p for p in a.paragraphs if p.startswith("关键词")]) == 3, source
    from syndicate.parse.articles import numbered_label

    assert numbered_label("关键词2", ["关键词1", "年轻态"])
    assert not numbered_label("关键词2", ["关键词5"])


#: A signed feature whose sections are headed by two phrases set apart by a space; the second
#: section opens on a dated lead (``9月28日晚，…``), like a news story.
SPACED = """“大圣故里”，取到了什么“经”

□ 本报记者 赵芳 通讯员 郑晓璇

前三季度，大花果山景区接待游客458.75万人次，同比增长30.5%，实现旅游总收入3.49亿元。

“今年以来，我们深入实施‘大花果山景区战略’，不断探索文旅融合新赛道。”景区负责人说。

深挖文脉资源 西游味更浓

从10月1日开始，花果山西游书场相声、评书轮番上演，笑声不断，带游客走起取经路。

以文彰旅，以旅塑文。景区成功地将辖区特色山水景观与西游文化融为一体。

市场营销接地气 大圣故里声名更响

9月28日晚，黄浦江畔灯火璀璨，“跟着悟空回家乡”推介会上海专场在北外滩举行。

大花果山景区的成功，离不开有效的市场营销。线上直播分享正在改变传统的营销方式。
"""


def test_a_section_headed_like_the_storys_two_phrase_subhead_stays_in_the_story() -> None:
    (a,) = parse_issue(SPACED, source="xhrb_2024-10-17.txt").articles
    assert a.title == "“大圣故里”，取到了什么“经”"
    assert len(a.paragraphs) == 8
    from syndicate.parse.articles import like_a_subhead

    assert like_a_subhead("市场营销接地气 大圣故里声名更响", ["深挖文脉资源 西游味更浓"])
    assert not like_a_subhead("市场营销接地气 大圣故里声名更响", ["深挖文脉资源，西游味更浓"])


#: A signed story whose three sections are headed by two clauses each (the third turns to the
#: year's risks).
TRADE = """同比增长超一成，民营企业成中坚

□ 本报记者 王梦然 宋晓华

外部需求不足、海运运力紧张、综合成本上升……今年以来，外贸市场“风浪”不小，但江苏外贸交出一张充满韧性与张力的“成绩单”。据南京海关统计，今年前三季度我省货物贸易进出口4.12万亿元，规模创同期历史新高，同比增长7.7%，增幅较全国高2.4个百分点。其中，民营企业进出口1.85万亿元，同比增长10.5%，成为江苏外贸的“中坚力量”。

一键下单，优品新品借势出海

纺织行业是公认的竞争“红海”，但依然有企业在细分领域里另辟蹊径，掘出一片“蓝海”。

政策护航，持续巩固向好态势

江苏前三季度外贸成绩亮眼，既源自于创新的内生动力，也离不开政策的支持保障。存量政策持续发力，新增政策供给充足，一定程度上巩固了外贸持续向好的发展态势。

今年9月，江苏出台《关于巩固增强经济回升向好态势进一步推动高质量发展的若干政策措施》，政策提出：省市县联动每年支持企业参加200场以上境外重点展会，加大力度拓展“新三样”等绿色贸易增长点，支持先进技术装备、关键零部件和原材料进口，加大对新开辟外贸集装箱航线、发展铁水联运、在内陆设立无水港等支持力度，为外贸高质量发展提供良好的生态环境。

风高浪急，保持定力“避暗礁”

爬坡过坎后，并不代表可以松劲歇脚。进入四季度，我国外贸形势依然复杂严峻，风高浪急下，江苏外贸依然有压力、有挑战，外贸企业在国际化搏击中仍有可能“触暗礁”。

成本上升、外需不足等仍然是江苏外贸企业反映的最为集中的困难。近年来海外市场分化明显，以欧美为代表的发达国家市场受通胀等因素影响，购买力下降，潜力较大的东南亚、非洲、南美等市场，则对价格较为敏感，中高端产品销售难度不小。“海外对于高性价比产品的需求，反过来考验企业内部管理能力，不仅需要强化管理、降低成本，也需要坚持专业化，从细分市场中找出路。”南通动感服饰在线商务有限公司CEO周伟说。

南美航线的运价飙升也让开拓新兴市场的民营企业感受到不小的压力。由于贸易和制造业新市场加速拓展，今年以来，南美航线运价一路上涨，到5月底，南美航线运价涨至约9000美元/40英尺箱，上涨约220%。
"""
#: Then a picture item's headline alone over a notice's title and its info line.
CLAUSES = (
    TRADE
    + "\n"
    + """中央第一生态环境保护督察组向我省移交第三批次信访事项

中央第一生态环境保护督察组群众信访举报受理方式公告

督察进驻时间：2024年10月19日—11月19日 受理举报电话：025-51801042
"""
)


def test_a_third_two_clause_section_stays_and_a_notice_under_a_lone_headline_is_an_item() -> None:
    got = parse_issue(CLAUSES, source="xhrb_2024-10-23.txt").articles
    assert [(a.title, len(a.paragraphs)) for a in got] == [
        ("同比增长超一成，民营企业成中坚", 10),
        ("中央第一生态环境保护督察组群众信访举报受理方式公告", 1),
    ]
    assert got[1].kicker == "中央第一生态环境保护督察组向我省移交第三批次信访事项"


#: In a crawl that stacks each headline's lines in one block, a photo's headline alone, then a
#: story's one-line headline over its dateline.
LONE = """习近平电贺普拉博沃就任印尼总统

新华社北京10月20日电 10月20日，国家主席习近平致电普拉博沃，祝贺他就任印度尼西亚总统。

加快推动博士研究生教育高质量发展

不断激发创新活力和内生动力 以高水平对外开放促进深层次改革高质量发展

新华社天津10月20日电 习近平近日对国家级经济技术开发区工作作出重要指示。

国家级经开区40周年座谈会20日在天津召开。
"""


def test_a_lone_headline_over_a_storys_headline_is_a_title_only_item() -> None:
    stacked = STACKED.split(UNSIGNED)[0] + LONE
    assert infer_conventions(split_pages(stacked)).stacked_heads
    issue = parse_issue(stacked, source="nfrb_2024-10-21.txt")
    titles = [(a.title, len(a.paragraphs)) for a in issue.articles][3:]
    assert titles[0] == ("习近平电贺普拉博沃就任印尼总统", 1)
    assert titles[-1] == ("不断激发创新活力和内生动力 以高水平对外开放促进深层次改革高质量发展", 2)
    # the photo's headline, with no text under it, is dropped and said so
    assert [d.where for d in issue.doubts if d.kind == "dropped-item"] == [
        "headline without a body: 加快推动博士研究生教育高质量发展"
    ]


#: The same story as a stacked crawl stores it.
CLAUSES_STACKED = STACKED_FRONT + TRADE


def test_a_third_two_clause_section_stays_in_its_story_in_a_stacked_crawl() -> None:
    assert infer_conventions(split_pages(CLAUSES_STACKED)).stacked_heads
    got = parse_issue(CLAUSES_STACKED, source="nfrb_2024-10-23.txt").articles[3:]
    assert [(a.title, len(a.paragraphs)) for a in got] == [("同比增长超一成，民营企业成中坚", 10)]


#: A feature signed under its headline with two two-clause sections: the second speaks of
#: other things than the first (集体经济, not 沉香) but is a section, not the next story.
SIGNED_CLAUSES = """把根扎进泥土里，把香送到百姓家

■ 海南日报全媒体记者 党朝峰

从共青团澄迈县委书记到文儒镇党委书记，曹玉金始终将“为民造福”作为最大政绩。2026年“七一”前夕，她被授予“海南省优秀共产党员”荣誉称号。这份沉甸甸的荣誉背后，是她带领文儒镇走出的那条“组织强、产业兴、百姓富”的乡村振兴之路。

认准一条路，把沉香做成大产业

文儒镇地处澄迈南部，虽有悠久的沉香结香历史，但长期以来缺规划、缺技术、缺销路，群众守着“绿色银行”却富不起来。曹玉金到任后，带着班子成员一头扎进田间地头调研，认准了发展沉香产业这条路。

有人说：“搞产业哪有那么容易。”曹玉金不争论、不观望，反复研讨后制定出台文儒镇“1256”沉香产业发展规划。为争取资源，她带头跑省里、找专家、对接企业。

功夫不负有心人。2026年4月，文儒镇成功入选国家农业（沉香）产业强镇立项名单，成为全省唯一获此殊荣的乡镇。消息传来，全镇种植户奔走相告。截至目前，全镇沉香种植面积达1.63万亩，拥有标准化种植基地57家、加工厂11家、加工户110家，累计吸引3000余户参与种植。

村民李孙妹以前靠打零工维持生计，参加镇里组织的沉香勾香技术培训后，在家门口的沉香产业园上岗，月收入稳定在3000元以上。她逢人便说：“曹书记在文儒，我们的日子像沉香一样香气十足。”

壮大集体经济，蹚出共富新路子

“村集体经济强不强，直接关系到乡村振兴的底气足不足。”曹玉金刚到文儒镇时，不少村的集体经济几乎是“空壳”。她牵头组建镇级投资公司，推行“土地预流转”机制，2025年成功流转土地8000余亩，完成撂荒地复耕1800余亩，唤醒了沉睡的土地资源。

文丰村有220亩撂荒地，杂草长得比人还高。曹玉金带着村干部算账：种太空水果莲，三年周期内能为村集体增收55万元。村民将信将疑，她就带头搞“党员试验田”——党员先种，种好了群众跟着种。当年莲子丰收，亩产远超预期，村民都竖起了大拇指。

2025年，全镇13个村集体经济总收入达1848.3万元，较2024年增长286.77%，其中2个村超500万元，增速位居全县第一。

“群众选我当书记，我就得对得起这份信任。群众的困难不解决，文儒经济社会发展不上去，胸前的党员徽章就戴不稳。”曹玉金说，“我将保持昂扬、保持坚韧、保持前进，用更扎实的脚步回应每一份信任，让党徽的光芒在乡村振兴一线永远闪亮。

（本报金江7月14日电）
"""


def test_a_signed_features_second_two_clause_section_is_no_story() -> None:
    flat, stacked = cut_both(SIGNED_CLAUSES, "2024-10-24")
    assert flat == [("把根扎进泥土里，把香送到百姓家", 11)]
    assert stacked == [("把根扎进泥土里，把香送到百姓家", 11)]


#: A story signed in its dateline (``本报讯（…记者黎鹏）``), then a photo report's headline,
#: its text and its writer's credit naming another reporter (``文/…记者 邱江华``).
SIGNED_TWICE = """海南省出版发行集团携600余册精品出版物亮相香港书展

本报讯（海南日报全媒体记者黎鹏）7月15日至21日，第36届香港书展在香港会议展览中心举行。海南省出版发行集团携600余册精品出版物亮相中国内地出版区，借力香港书展这一国际平台，以精品出版物为载体，将海南自贸港建设的蓬勃活力与深厚文化底蕴推向世界。

海南省出版发行集团展品涵盖主题出版、传统文化、少儿读物、地方文化等多个领域，集中呈现了该集团组建以来的丰硕成果。参展出版物中，既有《海南自由贸易港封关百问》《小平小道》等入选“中国好书”的精品力作，也有《东坡文库》《南海历史文化研究丛书》等大型文化工程成果；既有《国士丘濬》《海南岛传（增订版）》等展现海南历史人文的佳作，也有“国际绘本坊”等开辟中国原创作品“走出去”新路径的系列图书。

跨越远洋 共结情谊

7月20日，在海南华侨中学，前来参加2026年中美（海南-夏威夷）友城青少年交流活动的美国青少年与海南侨中学生共跳竹竿舞。

该项活动由海南省外事办公室主办，当天在海南侨中启动，旨在深化海南与美国夏威夷友城合作、促进民心相通，来自夏威夷学校的12名师生参加。未来几天，他们将走访海口、儋州、五指山、三亚四城，感受海南自贸港风土人情和封关后的发展活力。

文/海南日报全媒体记者 邱江华

图/海南日报全媒体记者 王晖琛

"""


def test_a_writers_credit_naming_another_reporter_closes_a_second_story() -> None:
    flat, stacked = cut_both(SIGNED_TWICE, "2024-10-24")
    both = [("海南省出版发行集团携600余册精品出版物亮相香港书展", 2), ("跨越远洋 共结情谊", 2)]
    assert flat == both
    assert stacked == both
    # the same reporter credited again under the story: one story, signed twice by one hand
    same = SIGNED_TWICE.replace("记者 邱江华", "记者 黎鹏")
    assert cut_both(same, "2024-10-24")[0] == [(both[0][0], 5)]


def test_a_spaced_sidebar_label_with_arrows_is_the_boxs_kicker() -> None:
    """``链 接 >>>`` (the label's characters set apart, an arrow after it) over the box's title
    labels the box as ``相关链接`` does, in both cutters."""
    box = (
        "链 接 >>>\n\n理性消费小贴士\n\n1 拒绝“面子消费”\n\n"
        "购买电子产品时，不应盲目追求高端配置，能够满足日常学习需求即可。\n\n"
        "2 巧用学生福利\n\n入校后，巧用大学生专属福利，利用学生优惠购买高铁票、景区门票等。\n"
    )
    story = (
        "一脚踩进冷泉 惬意！\n\n海南日报全媒体记者 张期望\n\n"
        "归功于千万年前的火山喷发，海口周边拥有不少独特的清凉地，正等你来一一解锁。\n\n"
        "八仙泉 离主城区最近的天然水上乐园\n\n"
        "从海口主城区驱车约25分钟，龙华区新坡镇仁南村里，一处叫八仙泉的地方游人如织。\n\n"
        "每逢节假日，从海口、琼海甚至三亚来的游客都会专程赶来戏水纳凉。\n\n"
    )
    for front, skip in (("", 0), (STACKED_FRONT, 3)):
        text = f"第008版：文化周刊\n\n{front}{story}{box}"
        issue = parse_issue(text, source="hnrb_2026-07-21.txt")
        assert [(a.kicker, a.title, len(a.paragraphs)) for a in issue.articles][skip:] == [
            (None, "一脚踩进冷泉 惬意！", 4),
            ("链 接 >>>", "理性消费小贴士", 4),
        ], front


#: A signed explainer whose first section opens on a question (``怎么换？有哪些补贴？``), then
#: sections under two-clause subheads: the question is no headline over their series.
QUESTION_SECTION = """电动自行车以旧换新，怎么换、补多少？

□ 本报记者 林 杉

一直以来，电动自行车以其轻便快捷、经济环保的特点，成为人们日常出行重要的代步工具。在江苏，两轮电动自行车保有量约4500万辆，平均每两人就有一辆。然而，近年来电动自行车安全事故频发，手工作坊、低质低价、梯次使用的劣质锂电池充斥市场，非法改装等问题日益凸显，不容小觑。

近日，《江苏省推进电动自行车以旧换新实施办法》公布，除了对新购电动自行车的消费者实施分档补贴，还提到要对交回老旧锂离子蓄电池电动自行车并换购铅酸蓄电池电动自行车的消费者，额外增加补贴。

怎么换？有哪些补贴？

自《实施办法》出台后，省内各地相继推出“地方版”方案加速换新。10月10日，南京官宣电动自行车以旧换新活动，记者近日走访市内多家电动自行车销售门店了解到，市民关注度和咨询量都显著上升。

10月15日下午，在南京市雅迪电动车奥体门店，家住附近的徐女士相中了一款带坐垫和靠背、具有减震效果的电动自行车。“我之前那台旧车买了四五年了，平时主要是接送孩子用，现在续航能力变差，动不动就要充电，是时候换辆新车了。”

“您的电动自行车是铅蓄电池还是锂离子蓄电池？车子是老白牌还是临时牌照？”导购员小戴在详细了解徐女士的旧车性能、配置后，随即给出相应的优惠方案，“这款电动自行车原价3500元，我们可以给您的旧车折旧320元，只需支付门店3180元。

记者查阅《实施办法》看到，本次江苏以旧换新补贴标准按照新购电动自行车价格(含税价)实施分档补贴。其中，新购电动自行车价格在2000元(不含)以下的补贴300元，价格在2000元(含)至3000元(不含)的补贴400元，价格在3000元(含)以上的补贴500元。

“如果客户交回的旧车是其名下在南京市注册登记的临时信息牌（简称临牌）电动自行车（整车，含电动自行车用蓄电池），不论是否买新车，还可以再领取200元公共交通卡淘汰奖励。此外，将旧车送至指定回收企业，还可领取200至320元不等的报废残值。

作为国内电动自行车产业主要集聚区，无锡于10月1日发布2024“太湖购物节”电动自行车以旧换新惠民活动。消费者购入新车时，可享受最高500元的政府补贴，结合旧车抵价、车企补贴等优惠，多重叠加、实时立减。

淘汰老旧产品，增强安全性、稳定性

“这一次的以旧换新，就是要尽量地把不符合标准的电动自行车替换掉，增强车辆的安全性和稳定性。”江苏省自行车电动车协会名誉理事长陆金龙认为，对居民日常出行而言，电动自行车重在解决10—20公里的中短途代步痛点，相较于充电速度和续航里程，首要问题应是确保安全。

值得注意的是，《实施办法》明确提出，对交回老旧锂离子蓄电池电动自行车并换购铅蓄电池电动自行车的消费者，额外增加补贴。同时，“换购的锂离子蓄电池电动自行车，其电池还应符合《电动自行车用锂离子蓄电池安全技术规范》(GB43854)标准要求”。

据了解，电动自行车使用的蓄电池主要有铅蓄电池和锂离子蓄电池两种，二者根据应用场景不同各有优势。铅蓄电池化学性质稳定、价格实惠、回收利用价值较高，但是同时也有能量密度低、体积大、重量重等缺点。

据国家消防救援局统计，2023年全国共接报电动自行车火灾2.1万起，相比2022年上升17.4%。其中，80%的电动自行车火灾发生在充电时由锂离子蓄电池燃爆引起。而近年来锂离子蓄电池的占比逐渐上升，不得不提及近期再次迎来修订的电动自行车强制性“国标”。

“2019年开始执行的强制性国家标准《电动自行车安全技术规范》(GB17761-2018)，要求电动自行车需满足重量不得大于55kg、电机功率不超过400W、蓄电池标称电压不超过48V等要求，这在某种程度上限制了铅蓄电池的使用。

为此，与现行标准相比，正在修订的《电动自行车安全技术规范》做了多项改进，也更接地气。

延长补贴时间，增加优质产品供给

庞大的消费市场，叠加政策利好，电动自行车换新升级潜力巨大。但记者在实际走访中发现，由于电动自行车问题的复杂性，加上政策出台不久尚待细化，消费者对以旧换新的态度存在分化。

一些电瓶车使用者在受访时说，“我目前这辆车驾龄三年、上的是新国标牌照，虽然旧了点但还能骑，我更倾向于更换电池而不是整车，而且如果拿去卖二手可能还能卖个不错的价钱。”“以旧换新换的都是新国标电动自行车，但新国标车限速25km/h，我感觉车子的动力和实用性不如家里那台旧车。

与此同时，不少电动自行车销售门店向记者表示，希望政府和相关部门能进一步优化政策，加大宣传、简化流程，以提高以旧换新的吸引力和实施效果。

“目前来看，以旧换新的效果未达预期，也和补贴范围有关。全国的电动自行车品牌有六七百个，但目前被纳入财政补贴范围的品牌只有上百个，品牌补贴范围等待扩充。
"""


def test_a_question_over_a_storys_series_of_sections_is_its_section() -> None:
    flat, stacked = cut_both(QUESTION_SECTION, "2024-10-21")
    assert flat == stacked == [("电动自行车以旧换新，怎么换、补多少？", 21)]


#: A feature signed under its headline (``■ 海南日报全媒体记者 陈明艳``), then a box after its
#: last paragraph: its title, a lead-in, items, and its own writer's credit (``文字/侯赛``).
BOX_CREDITED = """“蚕博士”织就桑蚕新赛道

■ 海南日报全媒体记者 陈明艳

14个市县、42个镇、74个村，村村留下足迹；下乡，讲课，传授技术；钻进霸王岭找野生麻栎树，在矿区试种桑树，建立野蚕食用养殖示范点，研究利用家蚕生物反应器高效生产抗菌肽……站在2026年回望过往的十年，中国热带农业科学院桑蚕研究中心副主任耿涛如此描述自己在海南的经历：“把论文写在了海南的山水之间。”

过往十年，他让农户将蚕从“养不活”到“养得好”，从只卖蚕茧到桑叶、桑枝、蚕蛹都能换成钱，因此被大家称为“蚕博士”。

四季流转之外的赛道

中国的桑蚕产业版图上，各省份各有各的定位。

广西是当之无愧的老大，蚕茧产量占全国总产量的一半以上。四川、云南紧随其后。江浙一带虽“比上不足”，但产业链完整、技术积淀深厚。在北方，辽宁是柞蚕生产大省，吉林、河南也有自己的柞蚕产区。

受限于土地面积，海南的桑园面积和蚕种总产量在全国饼状图里占比不高。但海南有一个其他省份都拿不走的优势——热带气候。

这些地方很多都地处热带地区或亚热带地区，气候条件、养殖模式与海南相似。作为海上丝绸之路的重要节点，海南在技术集成和产业模式等领域的成果，未来可以适用于更广阔的地区。

“把论文写在山水之间，这就是我来到海南的意义。”耿涛说。

桑蚕功用小百科

一株热带桑树全身可用，家蚕从卵至蛹皆有价值，打破单售蚕茧的传统模式，形成海南多元富民产业链：

桑树全株利用

桑叶：入药，清热解毒；嫩叶做菜、制茶、加工点心；老叶发酵，用作畜禽饲料。

桑葚：海南全年可产，可鲜食、酿酒、制果酱果汁、提取色素和白藜芦醇。

桑枝：培育食药用真菌，提取降糖药用成分，制作板材、工艺品和有机肥，还具有碳汇和防风固沙功能。

桑根：桑白皮为传统中药材，桑根用于水土保持和生态修复。

蚕身多元价值

蚕茧蚕丝：织造丝绸家纺，提取丝素和丝胶蛋白用于医药医械、美妆、功能食品、生物膜与存储。

蚕蛹：高蛋白食材，亦可提炼蛹油、活性蛋白，培养虫草，应用于医药与饲料。

蚕沙：可入药、提取色素，发酵后做成有机肥，循环滋养桑园，也可制作水族养殖饲料。

蚕体：生物反应器，生产僵蚕、功能蛋白、寄生蜂等。

文字/侯赛

制图/陈海冰
"""


def test_a_box_after_a_signed_feature_closed_by_another_writers_credit_is_its_own_item() -> None:
    flat, stacked = cut_both(BOX_CREDITED, "2024-10-21")
    both = [("“蚕博士”织就桑蚕新赛道", 8), ("桑蚕功用小百科", 11)]
    assert flat == both
    assert stacked == both


def test_a_name_under_a_label_ending_a_list_is_text_not_a_tag_in_a_stacked_crawl() -> None:
    """``委员：`` / ``林娜（女）``: the list's entry under its label closes the item; it is text,
    not a district tag (``富阳区``) put with the captions."""
    text = (
        f"第002版：要闻\n\n{STACKED_FRONT}政协第八届海南省委员会增补委员名单\n\n委员：\n\n林娜（女）\n\n"
        "关于接受何清同志辞去政协第八届海南省委员会常务委员、委员的决定\n\n"
        "因工作需要，何清同志提出辞去常务委员、委员申请。依照《中国人民政治协商会议章程》，"
        "经政协第八届海南省委员会常务委员会第二十次会议审议，决定接受其辞去常务委员、委员。\n"
    )
    assert infer_conventions(split_pages(text)).stacked_heads
    issue = parse_issue(text, source="hnrb_2026-07-10.txt")
    names = issue.articles[3]
    assert names.title == "政协第八届海南省委员会增补委员名单"
    assert names.paragraphs == ("委员：", "林娜（女）") and not names.captions


#: A wire story whose sections open on a label over a subhead, twice: ``两个增加`` / ``聚焦…``
#: and a label of two phrases (``四个取消 四个降低``) / ``提振信心 存量政策积极落地``.
LABEL_PAIRS = """五部门组合拳出招，房地产市场影响几何？

□ 新华社记者 王优玲 吴雨

17日，国新办发布会引起市场高度关注。住房城乡建设部、财政部、自然资源部、中国人民银行、国家金融监督管理总局五部门有关负责人齐亮相，推出增量举措，落实存量政策，打出一套组合拳，推动房地产市场止跌回稳。

新举措将对房地产市场产生哪些影响？

两个增加

聚焦堵点难点增量举措靶向发力

当日，五部门聚焦房地产市场面临的堵点难点，分别介绍了一系列有针对性、操作性强的举措，其中两个增量举措很是“吸睛”。

住房城乡建设部部长倪虹说，将通过货币化安置等方式，新增实施100万套城中村改造和危旧房改造。根据统计，仅在35个大城市，需要改造的城中村就有170万套；全国城市需要改造的危旧房有50万套。

为什么选择货币化安置等方式？倪虹说，这不但有利于群众根据自己的意愿和需要来选择合适的房子，减少或不用在外过渡，能够直接搬入新居，还可以消除安全隐患，改善居住环境，完善城市功能。

“货币化安置等方式还有助于消化存量商品房、主动调节市场供求关系。”清华大学恒隆房地产研究中心主任吴璟说，以户均建筑面积100平方米计算，100万套城中村和危旧房改造有望释放约1亿平方米的刚性购房需求。

对于第二个增量举措，国家金融监督管理总局副局长肖远企说，进一步优化完善房地产“白名单”项目融资机制，商品住房项目贷款全部纳入“白名单”管理，做到合格项目“应进尽进”，已审贷款“应贷尽贷”，资金拨付“能早尽早”。预计到2024年底“白名单”项目贷款审批通过金额将翻倍，超过4万亿元。

“这意味着，不仅要扩大‘白名单’覆盖范围，还要彻底打通从‘白名单’到‘融资落地’的堵点。”广东省城乡规划院住房政策研究中心首席研究员李宇嘉说，这一举措有助于缓解房企资金链紧张压力，使保交房有坚实保障，从而提振市场信心。

四个取消 四个降低

提振信心 存量政策积极落地

对于存量政策，倪虹总结了“四个取消”和“四个降低”。

“四个取消”——包括取消或调减限购、取消限售、取消限价、取消普通住宅和非普通住宅标准；

“四个降低”——降低住房公积金贷款利率、降低住房贷款的首付比例、降低存量房贷利率、降低“卖旧买新”换购住房的税费负担。

“这些举措有利于降低购房成本、提振购房需求。从目前的市场反馈来看，已经产生积极正面的影响，也将为后续政策提供清晰的路径。”浙江工业大学中国住房和房地产研究院院长虞晓芬说。

这些政策发布以来，各地迅速行动。随着10月16日天津宣布取消住房限购政策，目前全国范围内仍有限购措施的城市已为数不多，仅剩北京、上海、深圳以及海南部分城市，这些地方近期也都调减了限购措施。

此次发布会上，中国人民银行副行长陶玲一口气介绍了此前五项房地产金融举措的推进情况：

大部分存量房贷利率将在10月25日完成批量调整；绝大多数城市首套、二套住房最低首付比例统一为15%；两项房地产金融政策延期到2026年底；优化保障性住房再贷款政策后已有银行做了申报；正会同有关部门研究支持收购房企存量土地的政策……

“近期人民银行还出台了降准、降息等一揽子金融政策，这些政策跟上述房地产金融政策一起，对提振信心、稳定预期将持续产生积极作用。”陶玲说。

记者还从发布会上了解到，目前各地有力推进保交房，已交付246万套，成效明显。

东方金诚首席宏观分析师王青认为，一项一项抓落实的背后，是回应群众关切。前期政策效果逐步显现，房地产市场已出现积极变化：多地看房量、到访量明显上升，销售量有不同程度增长；居民房贷利率大幅下降，提前偿还房贷的现象有所减少。

“中国的房地产在系列政策作用下，经过三年的调整，市场已经开始筑底。”倪虹说。

狠抓落实

为长期高质量发展蓄力

党中央高度重视房地产市场平稳健康发展。倪虹表示，接下来，要同心协力，把组合拳打好，狠抓落实，让政策效果充分显现，让人民群众能够享受政策红利。

专家表示，此轮政策调整，不仅旨在提振楼市，也为长期高质量发展进一步蓄力。

一系列政策还在持续推出。针对已宣布的允许专项债券用于土地储备政策，相关部门已指导地方规范程序、明确标准，重点围绕“怎么收”来推动落实。

自然资源部副部长刘国洪说，自然资源部正积极配合财政部，推动利用专项债券支持地方政府以土地收储盘活存量闲置土地，同时配合相关部门，研究设立收购存量土地专项借款、商业贷款等支持政策。

通过收回收购土地盘活存量，一方面可减少市场存量土地规模，更好发挥土地储备“蓄水池”和投放调节的功能；另一方面，可增加资金流动性，有利于房企集中资金用于保交房；此外，收储后形成“净地”“优地”，有利于补齐公共服务设施短板改善环境，满足居住需要，腾出空间支持实体经济发展。

对于与取消普通住宅和非普通住宅标准相衔接的政策，财政部部长助理宋其超说，财政部正在抓紧研究明确相关税收政策，主要包括增值税和土地增值税。

我国住房发展已进入从“有没有”转向“好不好”的新阶段，人民群众对住房的功能、质量有新期待。

倪虹说，推动“好房子”建设，主要是抓样板、立标准、建体系、强科技，推动建设不同面积、不同价位的“好房子”。各地首先要把保障性住房建设成“好房子”，还要结合城市更新把老房子改造成“好房子”。
"""


def test_a_label_of_two_phrases_over_a_subhead_twins_the_storys_other_pair() -> None:
    flat, stacked = cut_both(LABEL_PAIRS, "2024-10-18")
    assert flat == stacked == [("五部门组合拳出招，房地产市场影响几何？", 33)]


#: A signed feature with three two-clause sections; the third opens on a news lead
#: (``精耕沃土，聚“龙头”共建地标`` / ``9月11日，…``): a section, not a brief's headline.
THIRD_CLAUSE_PAIR = """建“模”塑“型”，数字驱动竞高峰

□ 本报记者 盛文虎 通讯员 赵晖

数字时代，一串代码可以深刻改变生产方式，一组模型更能重新定义整个行业。在玄武区红山新城，积厚成势的大模型产业引擎轰鸣，“龙头巨擘”引领着“后起之秀”，共同掘金这条充满无限可能的新赛道。

中国铁塔成立南京科技创新中心，建设铁塔公司首个边缘算力网络省级平台；易资互链专注于非结构化数据向结构化数据的转化，实现数据从感知层到认知层的跃迁；中科软通过建设MaaS平台，为保险行业客户提供垂直领域的全链条解决方案……从基础设施布局到关键环节破题，从应用场景拓展到产业生态培育，红山新城聚焦数字经济的“价值塔尖”，引聚企业深耕大模型赛道，在赋能千行百业“智改数转网联”的同时，抢占老城转型突围的制高点。

基础先行，让“底座”坚实可靠

走进位于星河WORLD的江苏铁塔总部，二楼指挥调度中心的大屏上数字不断跳动，遍及全省的通信基站运行情况，在这里一目了然。

“中国铁塔的首个省级边缘计算平台就在这里。”江苏铁塔技术支撑部总经理贾平胜介绍，平台由边缘组网、数据存储和算力管控三大核心模块构成，依托通信基础设施“国家队”的资源优势，布局动态就近接入的边缘计算节点的能力，确保用户能够快速、便捷地获取数据。

当大模型告别“吟诗作画”，加快向应用实践进阶，没有产业需求匹配的基础设施，将是空中楼阁。江苏铁塔正在做的事，与玄武区不谋而合。

今年，玄武区率先提出建设“大模型工厂”，依托辖区通信龙头云网融合的优势，建设算力调度中心，率先形成算力消费场，提供算力解决方案。作为中国铁塔在全国设立的6个科技创新中心之一，南京科技创新中心选址红山新城，工作重心就是布局边缘算力网络，打造算力供给领域“生力军”。

既要夯实“算力底座”，也要打破“认知障碍”。年初落户纳科红山科创园的易资互链，是大模型产业的上游，专注于通过智能化数据解析，将企业内部的非结构化数据“翻译”成结构化数据，让大模型对原始数据实现从感知到认知的进阶，并以此为基础构建新的AI应用。

“以上市公司年报为例，报表中既有文字描述，也有柱状图、线形图等各种表格，我们的强项，就是赋予系统在多模态下的语义解析能力。”易资互链CEO陈思吟介绍，通过数据的转换，企业知识就与模型有效连接，上市公司也可以根据年报快速预判未来发展趋势，为企业决策提供依据。

应用落地，把“愿景”变成场景

创新的价值体现在应用，产业的竞争最终落脚在产品。大模型能否扎根于严肃的生产力场景，核心是能否读懂产业逻辑，匹配用户需求，让企业愿意买单。

作为国内保险行业IT解决方案供应商，中科软在垂直领域的市场份额高达70%。

相较于通用大模型，垂直领域的AIGC应用需要解决模型专业性、精准性和安全性等问题，同时还要兼顾用户的投入产出比。中科软的技术路线，是利用最新的商用模型或开源模型，以行业应用软件领域知识进行专门训练，帮助客户实现从内、外部模型到前台应用的快速配置对接、上线。

大模型之所以成为“出镜率”最高的热词，根本原因在于它能与千行百业融合，衍生出多元化的应用场景。

易资互链选择红山新城，与辖区企业东华汽车有着千丝万缕的联系。作为上汽集团移动出行及服务贸易板块所属控股子公司，东华汽车提供了良好的孵化平台和业务场景。

制造行业拥有大量流程工艺、产品性能、质量与维修等信息，而这些信息以非结构化数据如海量文档、图片和视频等方式呈现。“我们将各类非结构化数据与大模型链接起来，使企业知识可以有效沉淀，不仅可以提升服务效率，更能降低人工成本。

精耕沃土，聚“龙头”共建地标

9月11日，西门子Xcelerator长三角科创赋能中心签约落地红山新城，未来将面向企业提供数字化服务，通过资源聚合、技术共创和国际合作为制造业赋能，打造数字经济发展与产业生态聚集的标杆。

世界500强为红山新城“站台”，背后有其自身逻辑。在解释选择红山新城的原因时，西门子全球执行副总裁、西门子中国董事长、总裁兼首席执行官肖松博士表示，南京区位优势明显、科教资源丰富、产业基础坚实、营商环境优良，公司对南京未来发展充满信心。

去年11月，西门子Xcelerator推出生态合作伙伴“繁星计划”，目前已集聚上下游企业100家，覆盖机器人与自动化、软件类、AI产业应用与知识教育四大领域。可以预见的是，西门子的行业号召力叠加红山新城的先行优势，对关联企业而言将是巨大的吸引力，推动资本加快布局，形成集群效应。

深耕大模型沃土，区、街两级协同发力。玄武区出台全省首个促进大模型产业发展的专项政策，还联合金融机构设立了不少于10亿元的大模型科创贷产品。红山新城创新企业服务模式，产业园区与街道部门协同发力，整合金融、科创、律政资源，护航企业发展的全生命周期。

基础建设有支撑、载体空间有保障、产业政策有配套、技术研发有突破、应用落地有需求……红山新城的数字生态，正加快转化为创新发展的“硬核密码”，让更多志同道合者远道而来。

龙头带动之下，大模型产业地标正在这片沃土上强势崛起。与西门子的行业引领不同，江苏铁塔是以服务商的角色，通过发挥数字机房边际成本的优势，为关联企业提供通信基础设施级的运维服务。
"""


def test_the_third_two_clause_section_over_a_news_lead_stays_a_section() -> None:
    (one,) = parse_issue(THIRD_CLAUSE_PAIR, source="xhrb_2024-10-21.txt").articles
    assert one.title == "建“模”塑“型”，数字驱动竞高峰"
    assert len(one.paragraphs) == 23


#: A column's one item after a signed story: its label (``苏政e达``) over one long paragraph
#: that ends telling how to enrol (``办理可扫码。``): a paragraph, not a QR call-out.
QR_IN_TEXT = """互查互学互鉴提升行业安全水平

□ 本报记者 卢晓琳

通讯员 严小娟

“作业人员为什么穿戴的反光背心颜色不一样？”

“不同颜色代表不同分工，红色是作业负责人，绿色是作业监护人，青色是特种作业人员，黄色是普通工人，宝蓝色是安全管理人员。”

“这个方法好，外协作业人员亮明身份，便于现场监督管理。”

近日，常熟市龙腾特种钢有限公司安全部副部长陈坤带队来到江苏永钢集团有限公司开展安全交叉互查，永钢生产现场的安全管理细节给人留下了深刻印象。

江苏现有钢铁企业37家，粗钢产量排名全国第二。针对钢铁企业生产工艺流程长、生产单元多、设备操作复杂、固有风险高的特点，近日我省组建钢铁企业安全生产互助联盟，推动钢铁企业之间互查互学互鉴，促进行业整体安全生产水平的提升。

根据企业情况、结合地域分布，安全生产互助联盟包含6个互助小组，每个小组确定一家组长单位，带领组员企业每年至少完成一轮组内互查，每季度至少组织一次观摩交流活动，共同探索安全生产先进适用技术、总结优秀管理经验和培养安全管理人才。

南京钢铁股份有限公司是安全互助联盟第一组组长单位，成员包括南京、镇江的钢铁企业。“我们公司的智慧安全平台已实现对所有煤气监测点、危险区域的实时监测和多级预警。”“我们对注册安全工程师每月补贴3000元、对金属冶炼安全管理人员每月补贴200元。

以互助互查为契机，更多钢铁企业走出去学习借鉴其他企业先进的科技应用成果。“梅钢公司的无人机智慧巡检、远程无线报警5G网络运用等都非常值得学习借鉴。”江苏省镔鑫钢铁集团有限公司安全总监米良玉说。

登录无人机远程操控平台—选择飞行线路—点击确认……随着梅钢公司能源环保部工作人员张思琪下达巡检指令，一架无人机在“嗡嗡”声中完成出舱、缓缓升空，并按照预设航线执行煤气管网巡检任务。

苏政e达

江苏医惠保1号：作为面向全省、与基本医疗保险相衔接的普惠型商业补充医疗保险产品，具有投保门槛亲民、药品覆盖广泛、续保待遇不变、理赔用心可靠等特点。省内基本医疗保险参保人员，不限年龄、不限户籍、不限职业、不限健康状况，均可通过“江苏医惠保1号”微信公众号、支付宝等渠道进行在线投保。职工医保参保人员还可以通过医保个人账户为全家投保，特别是可以省内跨地区为配偶、父母、子女投保。办理可扫码。
"""


def test_a_long_paragraph_that_mentions_scanning_is_text_not_a_qr_call_out() -> None:
    flat, stacked = cut_both(QR_IN_TEXT, "2024-10-18")
    both = [("互查互学互鉴提升行业安全水平", 9), ("苏政e达", 1)]
    assert flat == both
    assert stacked == both  # cut by its blocks: the text under the label is a paragraph
