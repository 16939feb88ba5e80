"""An export of a party daily (解放日报 via CNKI: bare page headers, one paragraph per line):
highlight lines without a final mark between a story's headline and its dateline are display
text, and the headline over them starts the story even when no byline stands under it."""

from __future__ import annotations

from syndicate.parse import parse_issue

PAGE = """第01版

以超常规力度加快经济恢复重振

本报讯（记者 孟群舒）上海市贯彻全国稳住经济大盘电视电话会议部署，召开全市会议。

龚正指出，过去三个月，是上海极不容易的三个月，全市上下众志成城。

会议还研究了其他事项。

推动惠企政策落地落实增强企业信心

加快恢复正常秩序是重中之重 当前疫情防控仍处于关键阶段，要把各项措施落实到位

真情帮扶企业渡过难关 既要严格压实企业防控主体责任，又要帮助企业解决实际困难

本报讯 市委书记李强昨天在闵行区检查企业复工复产情况。

本轮疫情发生以来，多家企业在做好防控的同时保持了生产。

市领导诸葛宇杰参加检查。
"""


def test_highlight_lines_over_the_dateline_are_display_and_the_headline_starts_a_story() -> None:
    arts = parse_issue(PAGE, source="jfrb_2022-05-30.txt").articles
    assert [(a.title, len(a.paragraphs)) for a in arts] == [
        ("以超常规力度加快经济恢复重振", 3),
        ("推动惠企政策落地落实增强企业信心", 3),
    ]
    second = arts[1]
    assert second.dateline == "本报讯"
    assert second.paragraphs[0].startswith("市委书记李强")
    assert second.summary is not None and second.summary.startswith("加快恢复正常秩序")


#: A police report of the CNKI export: its sections open under one-phrase subheads of about
#: one length, and one section's lead opens like news (``日前，…``).
SECTIONS = """第01版

发扬英模精神，助力打赢大上海保卫战

奋战抗疫一线，筑牢防控屏障；剑指违法犯罪，守护城市平安。上海公安民警始终冲锋在前。

筑牢疫情防控屏障

疫情发生以来，上海公安机关全警动员，坚守在疫情防控的最前沿。

在市境道口，上海公安按照“逢厢必开、逢人必检”的要求严格查验。

构建新型现代警务机制

日前，张先生收到一封名为“疫情补贴申报”的邮件，他没有点开，而是报了警。

民警很快查明，这是一起冒充政府部门实施诈骗的案件。
"""


def test_a_section_whose_lead_opens_like_news_stays_in_its_report() -> None:
    (story,) = parse_issue(SECTIONS, source="jfrb_2022-05-27.txt").articles
    assert story.title == "发扬英模精神，助力打赢大上海保卫战"
    assert len(story.paragraphs) == 7


#: A speech printed whole: two salutation lines, the text, and the salutation again before
#: its last part. Each salutation is a paragraph of its own, though the first ends on a comma.
SPEECH = """第002版：要闻

携手构建公正合理的全球人工智能治理体系

尊敬的各位同事、各位来宾，

女士们，先生们，朋友们：

70年前，一群年轻学者在美国新罕布什尔州达特茅斯会议上首次提出人工智能概念。70年间，世界各国人工智能科学家和研发者不断探索，推动人工智能从理论走向应用。

当前，世界百年变局加速演进，新一轮科技革命和产业变革加速突破，全球人工智能技术创新进入前所未有的活跃期。

女士们、先生们、朋友们！

今年是中国“十五五”开局之年。中国愿同各方一道，携手构建公正合理的全球人工智能治理体系。
"""


def test_a_speechs_salutations_are_paragraphs_of_their_own() -> None:
    (speech,) = parse_issue(SPEECH, source="hnrb_2026-07-18.txt").articles
    assert speech.paragraphs[:2] == ("尊敬的各位同事、各位来宾，", "女士们，先生们，朋友们：")
    assert speech.paragraphs[4] == "女士们、先生们、朋友们！"
    assert len(speech.paragraphs) == 6


def test_a_speechs_last_words_close_it_and_head_nothing() -> None:
    """``谢谢大家！`` alone after a speech's last paragraph ends the speech: it is no kicker of
    the headline under it (cut line by line, as a crawl of one-line headlines)."""
    body = SPEECH.split("\n\n", 1)[1]  # no page header: a crawl of items
    text = (
        body + "\n谢谢大家！\n\n江苏省数据集团有限公司正式揭牌\n\n"
        "本报讯 （记者 赵伟莉） 10月23日，江苏省数据集团有限公司揭牌仪式在南京举行。\n"
    )
    speech, news = parse_issue(text, source="xhrb_2024-10-24.txt").articles
    assert speech.paragraphs[-1] == "谢谢大家！"
    assert news.title == "江苏省数据集团有限公司正式揭牌" and news.kicker is None


#: A commentary signed under its headline: its lead ends on ``——`` (what follows explains it),
#: and a two-clause subhead stands over a short question that opens its section.
LEAD_IN = """第001版：头版

从首个旅游强国规划看海南的“位”与“为”

■ 刘晓惠

近日，两份文件公布，事关旅游发展大局——

一份是《旅游强国建设“十五五”规划》（以下简称规划），这是我国首个以“旅游强国”命名的国家级专项规划。

其中，海南元素很多，从国际旅游消费中心到海洋旅游带，从邮轮港口到入境旅游重点城市，皆有海南“身影”。

另一份，是《“十五五”海南国际旅游消费中心规划》，海南自身建设旅游强省的“施工图”，主动对标中央。

推进旅游强国建设战略，为何频频提到海南？海南在其中发挥着怎样的角色，又该如何承接机遇？

标志性的“首次”“首个”

先来看规划分量有多重？

国家“十五五”规划纲要首次将“旅游强国”写入五年规划。而近日出台的《旅游强国建设“十五五”规划》，则是我国首个以“旅游强国”命名的专项规划。

“首次”“首个”，说明旅游业已然成为“新兴的战略性支柱产业和具有显著时代特征的民生产业、幸福产业”，这也标志着旅游业发展上升至国家战略的新高度。

那么，在这个国家战略中，海南又是怎样被提及的呢？

一个面向全国、关乎未来五年旅游发展大局的规划，在海洋旅游、旅游城市、入境旅游等重要方面反复为海南“留座”。这恰是国家战略逻辑的直观呈现，旅游强国需要一个能够以制度型开放参与全球竞争的“排头兵”，而海南，被赋予了特殊的使命。

旅游强国，海南要当探路者

海南为何频频被提及？

回答这个问题，需要回到一个更大的背景。

2025年12月18日，海南自贸港实现全岛封关运作，这是制度集成创新的前沿实践。

封关的效应迅速而显著。封关以来截至2026年5月31日，入境游客134.4万人次，同比增长93.9%。全省已开通78条境外客运航线，三亚—布拉格第七航权航线加密带动捷克赴琼游客增幅超10倍。
"""


def test_a_lead_ending_on_a_dash_and_a_question_under_a_subhead_stay_text() -> None:
    (story,) = parse_issue(LEAD_IN, source="hnrb_2026-07-14.txt").articles
    assert story.subtitle is None
    assert story.paragraphs[0] == "近日，两份文件公布，事关旅游发展大局——"
    at = story.paragraphs.index("旅游强国，海南要当探路者")
    assert story.paragraphs[at + 1] == "海南为何频频被提及？"
    assert at in story.subheads
