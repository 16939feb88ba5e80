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
