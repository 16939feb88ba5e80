"""Title-only items in crawls of stacked headlines (a photo item keeps its title and loses
its picture): the title stands alone between blank lines, right over the next story's
headline. In such a crawl a headline's lines stand in one block, so the two one-line blocks
are two headlines, not a kicker over a title."""

from __future__ import annotations

from syndicate.parse import parse_issue
from syndicate.parse.conventions import infer_conventions
from syndicate.parse.pages import split_pages

FRONT = "".join(
    f"第{n}条要闻的引题\n第{n}条要闻的主标题\n\n"
    f"本报讯 （记者 王伟） 这是第{n}条要闻的第一段，它讲了一件事情。\n\n"
    f"这是第{n}条要闻的第二段，它把事情讲完了。\n\n"
    for n in "一二三"
)

#: An unsigned story, a photo item's title alone, the next story's headline over its lead.
TITLE_ITEM = (
    FRONT
    + """“共享空间”释放党群服务阵地新活力

最近，南通市崇川区虹桥街道“壹元理发室”搬进了网格党群服务站。针对老旧小区阵地资源匮乏问题，虹桥街道将有限公共空间打造成党群融合服务阵地，实现“一站多能”“一室多用”，守住群众“家门口”的便利。

今年以来，崇川区开展党建引领城市基层治理“红映濠滨·幸福家”建设，通过调研群众空间需求、盘活社区闲置资源、拓展阵地综合功能，探索“空间换服务”“空间换资源”做法，推动资源与需求精准匹配，持续优化党群服务阵地功能体系。虹桥街道虹西社区党委联合区市场监管局虹桥分局在全市率先创办“幸福事集”，将一处商业用房重新布局规划，放宽登记条件，提供给从事“小修小补”的个体商户免费共用。定期联合社区“大党委”成员单位、社区商户、公益组织走进社区，利用游园广场开展“幸福事集”生活节活动，把居民“需求清单”转化为“满意清单”，老工匠手艺人有了“落脚点”，社区服务有了“烟火气”，党群关系有了“新链接”。全区将因地制宜搭建“党群服务一体化”红色矩阵，优化学习空间、增设服务空间、共享活动空间，打造更多群众可感、可知的幸福场景，推动社区阵地共享、事务共商、多元共治，提升党建引领城市基层治理效能。

广陵区曲江街道：银发映初心 党在我心中

龙头企业“齐迈步” 健康食品进军“千亿级”

在农业大市兴化，“一条鱼”的故事让人津津乐道：鲜活的鲢鱼，鱼头制成美味的鱼头预制菜；鱼肉打成鱼糜，供给食品企业做爽口的鱼圆；剩下来的鱼骨渣，则由饲料厂制成鱼饲料，实现了“一条鱼”的吃干榨尽。

农产品加工业是连接农业和市场的桥梁，对于促进农业产业升级、提高农民收入、满足消费者需求具有重要意义。兴化市农业农村局局长万光明介绍，近年来，该市立足资源优势和产业优势，探索产业融合发展道路，农业农村发展动能不断增强。目前，兴化共有农产品加工规上企业185家，其中农业龙头企业86家。
"""
)

#: A story whose sections open under two-line subheads printed as two one-line blocks.
TWIN_SUBHEADS = (
    FRONT
    + """中国体育彩票全国统一发行30年暨江苏体彩爱行走启动仪式在苏州举行

奋进三十载，携手共前行。10月12日，中国体育彩票全国统一发行30年暨第十季江苏体彩爱行走启动仪式在苏州举行，体彩人与购彩者欢聚一堂。

活动现场，江苏省体育局负责人为江苏体彩30年明星专管员、明星代销者颁奖，现场气氛热烈。

江苏体彩30年筹集公益金超850亿元

助力体育事业和社会公益事业发展

今年是中国体育彩票全国统一发行30年。30年来，江苏体彩累计筹集公益金超850亿元，为体育事业发展作出贡献。

奥运冠军在互动中表示，体育彩票一直被誉为体育事业的“生命线”，公益金惠及千家万户。

第十季江苏体彩爱行走活动正式启动

关注江苏体彩微信订阅号可参与捐步

活动现场正式启动第十季江苏体彩爱行走活动，市民可通过捐步为公益项目助力。

2015年，江苏体彩启动第一季“体彩爱行走”活动，九年来参与人数逐年增加。
"""
)


def test_a_title_alone_over_the_next_headline_is_an_item_and_the_story_starts() -> None:
    assert infer_conventions(split_pages(TITLE_ITEM)).stacked_heads
    issue = parse_issue(TITLE_ITEM, source="xhrb_2024-10-18.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles][3:] == [
        ("“共享空间”释放党群服务阵地新活力", 2),
        ("龙头企业“齐迈步” 健康食品进军“千亿级”", 2),
    ]
    dropped = [p.detail for p in issue.problems if p.kind == "dropped-item"]
    assert dropped == ["headline without a body: 广陵区曲江街道：银发映初心 党在我心中"]


def test_pairs_of_one_line_subheads_stay_in_their_story() -> None:
    issue = parse_issue(TWIN_SUBHEADS, source="xhrb_2024-10-16.txt")
    (story,) = issue.articles[3:]
    assert len(story.paragraphs) == 10
    assert story.paragraphs[2] == "江苏体彩30年筹集公益金超850亿元"


#: A one-line headline over a byline whose names the crawl lost (``□ 新华社记者``).
ROLE_ALONE = (
    FRONT
    + """推动金砖国家集体再出发

□ 新华社记者

当地时间10月23日，国家主席习近平在俄罗斯喀山出席金砖国家领导人第十六次会晤并发表重要讲话。

多国人士在接受新华社记者采访时表示，五点建议将推动金砖合作迈上新高度。
"""
)


def test_a_headline_over_a_role_without_names_starts_a_story() -> None:
    issue = parse_issue(ROLE_ALONE, source="xhrb_2024-10-24.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles][2:] == [
        ("第三条要闻的引题 第三条要闻的主标题", 2),
        ("推动金砖国家集体再出发", 2),
    ]
    assert not any("新华社记者" == p for a in issue.articles for p in a.paragraphs)


def test_a_pair_of_headlines_further_down_the_crawl_does_not_hold_the_item_back() -> None:
    later = """泡桐种质资源收集成果丰硕 林业科研再上台阶

“无感”过闸 让苏北运河更高效更安全

本报讯 （记者 王伟） 苏北运河全线推行“无感”过闸，船舶通行效率大幅提升。

过闸船民说，过去排队要等一整天，现在随到随过，省时又省钱。
"""
    issue = parse_issue(TITLE_ITEM + "\n" + later, source="xhrb_2024-10-22.txt")
    titles = [a.title for a in issue.articles][3:]
    assert titles == [
        "“共享空间”释放党群服务阵地新活力",
        "龙头企业“齐迈步” 健康食品进军“千亿级”",
        "“无感”过闸 让苏北运河更高效更安全",
    ]


#: A signed story, a title alone (a photo item's: one phrase), the next story's headline
#: (one phrase too) over its byline: the text above and under share nothing.
ONE_PHRASE = (
    FRONT
    + """\
信长星表示，环境美，是习近平总书记为江苏擘画的“强富美高”宏伟蓝图的重要内涵，是江苏在推进中国式现代化中走在前、做示范的重要方面。中央第一生态环境保护督察组对江苏开展督察，是对我们深入践行习近平生态文明思想的政治体检、推进美丽江苏建设的全面指导、落实生态文明体制改革部署的有力推动。全省各地各部门要坚定地把思想和行动统一到党中央决策部署上来，以高度负责的精神和严肃认真的态度，主动接受督察，全力配合督察，切实抓好整改，以实际行动坚决做到“两个维护”。要以中央生态环境保护督察为契机，坚持以督促治、标本兼治，以更高标准打好污染防治攻坚战、更大力度推进绿色低碳转型、更实举措解决群众身边突出环境问题、更深层次改革提升生态环境治理能力，推动高质量发展与高水平保护协同并进，努力在推进中国式现代化中走在前、做示范。

会上，郭芳就做好督察配合，边督边改，信息公开，精准科学依法督察，切实为基层减负等工作提出了要求，并就督察组全体成员严格执行纪律要求，接受被督察地方和社会监督作了表态。中央生态环境保护督察组全体成员、中央生态环境保护督察工作领导小组办公室有关人员，江苏省有关领导同志等参加会议。各市党政领导同志通过视频会议列席会议。

勇立潮头开新篇

苏州绘出更精彩“诗和远方”

□ 本报记者 张珺 崔怡璇 秦建茹

江南秋意浓，满城桂花香。10月18日，苏州市旅游高质量发展大会暨第十三届苏州文化创意设计产业交易博览会举行。现场，总投资超70亿元的17个文旅重点项目集中签约，来自50余个国家和地区的近200家重点文化企业开展合作洽谈。

内容丰富、亮点纷呈的大会堪称“产业风向标”，彰显苏州培育发展文旅新质生产力的清晰路径。省委常委、苏州市委书记刘小涛表示，苏州坚决贯彻习近平文化思想和总书记重要指示精神，坚持以文塑旅、以旅彰文，突出“文化味、年轻态、烟火气、特色化”，促进文旅体商深度融合，持续释放资源优势、创新产品供给、提升服务品质，全力打造“世界旅游目的地城市”。
"""
)


def test_a_one_phrase_title_alone_over_a_headline_where_the_text_turns() -> None:
    issue = parse_issue(ONE_PHRASE, source="xhrb_2024-10-20.txt")
    assert [(a.title, len(a.paragraphs)) for a in issue.articles][3:] == [
        ("苏州绘出更精彩“诗和远方”", 2),
    ]
    assert issue.articles[2].paragraphs[-1].startswith("会上，郭芳")
    dropped = [p.detail for p in issue.problems if p.kind == "dropped-item"]
    assert dropped == ["headline without a body: 勇立潮头开新篇"]


#: A crawl that names no page; a picture item without a headline leaves its caption after
#: three blank lines, and the items after it are on the same page.
NO_HEADLINE = """徐州深入推进“净土佑苗”环境整治

近日，徐州市启动校园周边环境整治行动，守护学生健康成长，家长们纷纷点赞。

整治行动将持续到年底，覆盖全市所有中小学和幼儿园。



徐工集团第三十届职工运动会日前开幕，来自各单位的两千余名职工参加比赛。

苏州发布高素质农民培养标准

本报讯 （记者 王伟） 苏州日前发布高素质农民培养标准，明确了培养对象和培养内容。
"""


def test_a_caption_after_three_blank_lines_is_no_new_page_in_a_crawl_that_names_none() -> None:
    issue = parse_issue(NO_HEADLINE, source="xhrb_2024-10-24.txt")
    assert {a.page for a in issue.articles} == {1}
    assert issue.articles[-1].title == "苏州发布高素质农民培养标准"


#: A commentary signed with its writer's name set to width, then an unsigned item whose
#: one-line headline nothing else marks (its lead opens on no news word or date).
SIGNED_OFF = (
    FRONT
    + """南方时评
以更大力度稳住楼市预期

稳住楼市，关键在于稳预期。各地出台的政策，正在把稳预期的工作做细做实。

政策的效果需要时间显现，市场的信心也需要一点一点积累起来。

默 达

秋色正浓好时节

满山的枫叶红了，游人沿着步道一路向上，把秋天装进了相机。

山脚下的茶农也忙了起来，新茶的香气飘满了整个村子。
"""
)


def test_a_name_alone_closing_a_commentary_ends_it() -> None:
    issue = parse_issue(SIGNED_OFF, source="nfrb_2024-10-24.txt")
    commentary, item = issue.articles[3:]
    assert len(commentary.paragraphs) == 2
    assert [b.name for b in commentary.bylines] == ["默达"]
    assert (item.title, len(item.paragraphs)) == ("秋色正浓好时节", 2)


def test_a_whole_two_phrase_line_over_a_headline_is_never_glued_to_it() -> None:
    one_line_heads = TITLE_ITEM.split("第三条要闻的第二段，它把事情讲完了。\n\n")[1]
    issue = parse_issue(one_line_heads, source="xhrb_2024-10-18.txt")
    assert not infer_conventions(split_pages(one_line_heads)).stacked_heads
    story = issue.articles[-1]
    assert story.title == "龙头企业“齐迈步” 健康食品进军“千亿级”"
    assert all("党在我心中龙头" not in (a.title or "") for a in issue.articles)  # never glued


def test_a_form_feed_still_breaks_the_page_before_a_sentence() -> None:
    fed = NO_HEADLINE.replace("\n\n\n\n徐工集团", "\n\f徐工集团")
    issue = parse_issue(fed, source="xhrb_2024-10-24.txt")
    assert [a.page for a in issue.articles] == [1, 2, 2]
