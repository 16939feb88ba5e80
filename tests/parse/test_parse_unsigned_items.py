"""Page-less crawls of a provincial daily (新华日报's e-paper as one run of text, items one
blank line apart like paragraphs): unsigned items, bullet bylines, quoted-word headlines."""

from __future__ import annotations

from syndicate.parse import parse_issue
from syndicate.parse.articles import _turns_after_plain_story
from syndicate.parse.conventions import infer_conventions
from syndicate.parse.dateline import is_byline_line
from syndicate.parse.pages import clean_line, split_pages

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
    # the same line over an answer that is no question would turn the subject
    units[k + 1] = units[k + 1].removeprefix("记者：")
    assert _turns_after_plain_story(units, k, k + 1, 0)
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
    got = parse_issue(stacked, source="nfrb_2024-10-16.txt").articles
    assert [(a.title, len(a.paragraphs)) for a in got][3:] == [
        ("南通大学着力服务高水平科技自立自强", 6),
        ("打造“留学苏卫”品牌 提升国际化办学水平", 5),
    ]


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
