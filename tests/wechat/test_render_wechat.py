"""The WeChat digest renderer: the overview, the multi-article option, safe HTML, limits."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from syndicate import assets
from syndicate.config import PaperConfig
from syndicate.model import Article, Byline, Issue, Page, Paper
from syndicate.parse import parse_bytes
from syndicate.wechat.check import WeChatLimitError, check_wechat
from syndicate.wechat.render import (
    WeChatDigest,
    WeChatOptions,
    digest_title,
    encode_payload,
    render_preview,
    render_wechat,
)
from tests.conftest import ISSUES, SEED
from tests.subhead_support import JOINED, SINGLE, subhead_issue
from tests.verse_support import (
    ESSAY,
    ONE_LINE,
    POEM,
    STANZAS,
    assert_stanza,
    html_stanzas,
    verse_issue,
)

BASE = "https://news.example.cn"
PAPER = PaperConfig(slug="jngx", name="济宁高新新闻")
ENV = assets.environment("wechat")


def render(issue: Issue, full: int = 0, **kw: object) -> WeChatDigest:
    return render_wechat(
        issue,
        env=ENV,
        base_url=BASE,
        paper_config=PAPER,
        options=WeChatOptions(full_articles=full, thumb_media_id="THUMB_1"),
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def seed() -> Issue:
    return parse_bytes(SEED.read_bytes(), source=SEED.name)


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_the_seed_overview(seed: Issue) -> None:
    digest = render(seed)
    [a] = digest.articles
    assert a.title == "济宁高新新闻｜3月25日要闻"
    assert a.author == "济宁高新新闻"
    assert a.digest.startswith("本期3版9篇：实施产业聚集“五大工程”")
    assert len(a.digest) <= 54
    assert a.content_source_url == "https://news.example.cn/jngx/2022-03-25/"
    assert a.thumb_media_id == "THUMB_1"
    text = text_of(a.content)
    assert text.startswith("济宁高新新闻 · 2022年3月25日 · 星期五 · 第627期今日导读第1版")
    for n, art in enumerate(seed.articles, 1):
        assert f"<strong>{n}. {art.title}</strong>" in a.content
    assert "第2版" in text and "第3版" in text
    assert text.endswith("来源：济宁高新新闻点击左下角“阅读原文”查看数字报")


def test_summaries_have_no_dateline_or_byline(seed: Issue) -> None:
    content = render(seed).articles[0].content
    assert "本报济宁讯" not in content and "记者" not in content
    assert "2022年，济宁高新区将继续担当制造强市主力支撑" in content


def test_the_house_look_is_inlined_and_classes_are_gone(seed: Issue) -> None:
    content = render(seed).articles[0].content
    assert content.startswith('<section style="font-size:16px;line-height:1.75;color:#3f3f3f;')
    assert "class=" not in content and "<style" not in content and "id=" not in content
    assert set(re.findall(r"<(\w+)", content)) <= {"section", "p", "span", "strong", "br"}


def test_page_names_label_the_groups() -> None:
    path = ISSUES / "rmrb_2025-01-03_p06-07-10-11_PeopleDailyMaterial.txt"
    issue = parse_bytes(path.read_bytes(), source=path.name)
    text = text_of(render(issue).articles[0].content)
    assert "第10版 · 经济" in text and "第11版 · 政治" in text
    # No masthead name or number: the configured name, the computed weekday, no 第N期.
    assert text.startswith("济宁高新新闻 · 2025年1月3日 · 星期五今日导读")


def test_text_is_escaped() -> None:
    a = Article(page=1, seq=1, title="<b>A&B</b> “引号”", paragraphs=("x<script>1</script>。",))
    issue = Issue(paper=Paper(name="报<社>"), date=date(2024, 2, 29), articles=(a,))
    d = render(issue, full=1)
    assert "&lt;b&gt;A&amp;B&lt;/b&gt;" in d.articles[0].content
    assert "x&lt;script&gt;1&lt;/script&gt;。" in d.articles[1].content
    assert d.articles[0].title == "报<社>｜2月29日要闻"  # the title field is plain text
    check_wechat(d.payload())


def test_control_characters_are_dropped() -> None:
    a = Article(page=1, seq=1, title="标\x07题", paragraphs=("正文\x01。",))
    issue = Issue(paper=Paper(name="报"), date=date(2024, 1, 1), articles=(a,))
    d = render(issue)
    assert "\x07" not in d.articles[0].content and "\x01" not in json.dumps(d.payload())
    assert b"\\u" not in encode_payload(d.payload())


def test_a_long_paper_name_is_shortened_to_fit() -> None:
    name = "中华人民共和国某某省某某市某某区融媒体中心高新技术产业开发区报"
    title = digest_title(name, date(2024, 12, 31))
    assert len(title) == 32 and title.endswith("…｜12月31日要闻")
    issue = Issue(paper=Paper(name=name), date=date(2024, 12, 31))
    a = render(issue).articles[0]
    assert len(a.author) == 16 and a.author.endswith("…")
    assert a.title == title


def test_multi_article_option(seed: Issue) -> None:
    d = render(seed, full=7)
    assert len(d.articles) == 8
    assert all(a.digest == "" for a in d.articles)
    first = d.articles[1]
    assert first.title == seed.articles[0].title
    assert first.author == "胡碧源"
    assert first.content_source_url == "https://news.example.cn/jngx/2022-03-25/p1-1.html"
    assert "本报济宁讯（记者 胡碧源）2022年，济宁高新区" in first.content
    assert "济宁高新区" in text_of(first.content).split("本报济宁讯")[0]  # the kicker leads
    check_wechat(d.payload())


def test_multi_article_uses_stable_keys(seed: Issue) -> None:
    keys = [f"k{i}" for i in range(len(seed.articles))]
    d = render(seed, full=2, article_keys=keys)
    assert [a.content_source_url.rsplit("/", 1)[1] for a in d.articles[1:]] == [
        "k0.html",
        "k1.html",
    ]


def test_full_articles_are_capped_at_seven(seed: Issue) -> None:
    assert len(render(seed, full=50).articles) == 8
    assert len(render(seed, full=2).articles) == 3


def test_credits_close_a_full_story() -> None:
    a = Article(
        page=3, seq=1, title="渔港", paragraphs=("正文一句。",),
        bylines=(
            Byline("reporter", "俞懿春", "俞懿春"),
            Byline("photographer", "闫庆收", "闫庆收摄"),
        ),
    )  # fmt: skip
    issue = Issue(
        paper=Paper(name="人民日报"), date=date(2025, 1, 5), pages=(Page(3),), articles=(a,)
    )
    story = render(issue, full=1).articles[1]
    assert "（记者 俞懿春）正文一句。" in story.content
    assert "闫庆收摄" in text_of(story.content)


def test_the_payload_is_utf8_json_without_escapes(seed: Issue) -> None:
    raw = encode_payload(render(seed, full=7).payload())
    assert b"\\u" not in raw
    assert json.loads(raw.decode("utf-8"))["articles"][0]["title"] == "济宁高新新闻｜3月25日要闻"


@pytest.mark.parametrize("full", [0, 7])
@pytest.mark.parametrize("path", sorted(ISSUES.glob("*.txt")), ids=lambda p: p.name[:24])
def test_every_corpus_issue_passes_every_limit(path: Path, full: int) -> None:
    issue = parse_bytes(path.read_bytes(), source=path.name)
    d = render(issue, full=full)
    check_wechat(d.payload())  # raises on any broken limit
    for a in d.articles:
        assert len(a.title) <= 32 and len(a.author) <= 16 and len(a.digest) <= 54
        assert len(a.content) < 20_000 and len(a.content.encode()) < 1024 * 1024
    for line in re.findall(
        r"<strong>\d+\. [^<]*</strong></p><p[^>]*>([^<]*)</p>", d.articles[0].content
    ):
        assert len(line) <= 120


def test_the_renderer_refuses_a_payload_over_a_limit(seed: Issue) -> None:
    huge = replace(seed.articles[0], paragraphs=("长" * 25_000 + "。",))
    issue = replace(seed, articles=(huge,))
    with pytest.raises(
        WeChatLimitError, match=r"article 2 content is [\d,]+ characters; it must stay under 20,000"
    ):
        render(issue, full=1)


def test_the_preview_wraps_every_article(seed: Issue) -> None:
    d = render(seed, full=2)
    page = render_preview(d, env=ENV, cover="cover.jpg")
    assert page.startswith("<!DOCTYPE html>")
    assert 'name="viewport"' in page and "max-width: 375px" in page
    assert page.count('<article class="article">') == 3
    assert d.articles[0].content in page
    assert '<img class="cover" src="cover.jpg"' in page


def test_the_digest_lists_headlines_that_fit_and_marks_the_rest() -> None:
    path = ISSUES / "rmrb_2025-01-02_p01-02-03_PeopleDailyMaterial.txt"
    every = render(parse_bytes(path.read_bytes(), source=path.name)).articles[0].digest
    assert every == (
        "本期3版3篇：《实施弹性退休制度暂行办法》发布；为何制定？有何规定？；"
        "世界看到一个奋进、开放、勇于担当的中国"
    )  # all three fit in exactly 54: no 等
    path = ISSUES / "rmrb_2025-01-05_p01-03-04_PeopleDailyMaterial.txt"
    some = render(parse_bytes(path.read_bytes(), source=path.name)).articles[0].digest
    assert some == "本期3版7篇：三产融合，蔬菜产业助增收（发展各具特色的县域经济）等"


def test_verse_keeps_its_lines_apart_in_the_wechat_articles() -> None:
    overview, poem, essay = render(verse_issue(), full=2).articles  # check_wechat passed
    assert (poem.title, essay.title) == (POEM.title, ESSAY.title)
    for stanza in STANZAS:
        [lines] = html_stanzas(poem.content, stanza[1])
        assert_stanza(lines, stanza)
    assert "<script" not in poem.content
    [quoted] = html_stanzas(essay.content, STANZAS[0][1])
    assert_stanza(quoted, STANZAS[0])
    # a stanza's lines line up: no first-line indent as on a paragraph of prose
    [stanza_p] = re.findall(r"<p style=\"([^\"]*)\">春风", essay.content)
    assert "text-indent" not in stanza_p and "padding-left:2em" in stanza_p
    assert ONE_LINE in overview.content  # the poem's summary under its headline: one line


def test_a_subhead_is_set_apart_in_the_wechat_article_its_two_lines_one() -> None:
    _, essay = render(subhead_issue(), full=1).articles  # check_wechat passed
    heads = re.findall(r"<p style=\"([^\"]*font-weight:bold[^\"]*)\">([^<]*)</p>", essay.content)
    assert [text for _, text in heads] == [JOINED, SINGLE]
    assert all("text-indent" not in style for style, _ in heads)  # not a paragraph's indent
