"""The newsletter's layout: contents by page, preheader, page headings, one 阅读全文 per story,
the footer's link, the table frame and the dark-mode metadata, in the HTML and the text part."""

from __future__ import annotations

import re
from dataclasses import replace

from syndicate.model import Page
from syndicate.newsletter.render import PREHEADER_CHARS, preheader
from tests.newsletter.test_render_newsletter import BASE, OPTIONS, READER, bodies, parse, render
from tests.newsletter.test_render_newsletter import seed_issue as seed

PAGES = {1: ["p1-1", "p1-2", "p1-3", "p1-4", "p1-5"], 2: ["p2-1", "p2-2"], 3: ["p3-1", "p3-2"]}


def html_and_text(full_text: bool = False) -> tuple[str, str]:
    """(html, text) of the seed's message."""
    text, html = bodies(
        parse(render(options=replace(OPTIONS, full_text=full_text)).message(READER))
    )
    return html, text


def test_the_contents_list_every_story_under_its_page_and_each_link_finds_its_anchor() -> None:
    html, _ = html_and_text()
    toc = html[html.index('id="toc"') : html.index('id="page-1"')]
    hrefs = re.findall(r'href="#([^"]+)"', toc)
    expected = [h for n, keys in PAGES.items() for h in (f"page-{n}", *(f"s-{k}" for k in keys))]
    assert hrefs == expected
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and set(hrefs) <= set(ids)
    assert set(re.findall(r'href="#([^"]+)"', html)) <= set(ids)  # the ↑目录 links too


def test_each_page_label_is_a_heading_once_not_a_label_on_every_story() -> None:
    html, text = html_and_text()
    for n in PAGES:
        # once in the contents, once as the heading of its stories
        assert html.count(f">第{n}版<") + html.count(f">第{n}版 <") == 2
        assert re.search(rf'<h2 class="page-head"[^>]*>第{n}版 <a', html)
        assert text.count(f"第{n}版") == 2 and f"【第{n}版】" in text
    body = html[html.index('id="page-1"') :]
    order = [body.index(f'id="s-{k}"') for keys in PAGES.values() for k in keys]
    assert order == sorted(order)
    assert body.index('id="page-2"') < body.index('id="s-p2-1"')


def test_named_pages_are_headed_with_their_name() -> None:
    issue = seed()
    issue = replace(issue, pages=(Page(1, "要闻"), Page(2, "综合"), Page(3)))
    text, html = bodies(parse(render(issue).message(READER)))
    assert "【第1版 · 要闻】" in text and "【第3版】" in text
    assert html.count("第2版 · 综合") == 2


def test_one_read_more_per_story_at_the_end_of_its_last_paragraph() -> None:
    for full_text in (False, True):
        html, text = html_and_text(full_text)
        assert html.count("阅读全文") == text.count("阅读全文：") == 9
        stories = re.findall(r'<td class="story" id="s-([^"]+)".*?</td>', html, re.S)
        assert len(stories) == 9
        for key in PAGES[2]:
            story = re.search(rf'id="s-{key}".*?</td>', html, re.S)
            assert story is not None
            last = story.group(0).rsplit('<p class="lead"', 1)[1]
            url = f"{BASE}/jngx/2022-03-25/{key}.html"
            assert re.search(
                rf'[。…] <a class="more" href="{re.escape(url)}"[^>]*>阅读全文›</a></p>', last
            )
        # no empty paragraphs or runs of blank lines to open gaps
        assert not re.search(r"<p[^>]*>\s*</p>", html)
        assert "\r\n\r\n\r\n" not in text


def test_the_preheader_comes_first_hidden_and_names_the_other_headlines() -> None:
    html, _ = html_and_text()
    body = html[html.index("<body") :]
    first = re.search(r'<div class="preheader" style="([^"]*)">([^<]*)</div>', body)
    assert first is not None and body.index("<div") == first.start()
    assert "display: none" in first.group(1) and "mso-hide: all" in first.group(1)
    assert first.group(2).startswith("推进园林绿化工作 提升绿化生态质量；连线招商")
    assert first.group(2).split("\u034f")[0].endswith(" 等9篇")


def test_preheader_keeps_whole_titles_within_the_limit() -> None:
    titles = ["头条", *(f"第{i}条标题" + "字" * 10 for i in range(10))]
    line = preheader(titles)
    shown, tail = line.rsplit(" ", 1)
    assert tail == "等11篇" and len(shown) <= PREHEADER_CHARS
    assert all(part in titles for part in shown.split("；")) and "头条" not in shown
    assert preheader(["头条", "二条"]) == "二条"
    assert preheader(["只有一条"]) == "只有一条"
    assert preheader(["头条", "长" * 200]) == "长" * 200  # one title is shown even if long


def test_the_footer_links_the_web_edition_instead_of_printing_its_url() -> None:
    html, text = html_and_text()
    issue_url = f"{BASE}/jngx/2022-03-25/"
    assert re.search(rf'<a href="{re.escape(issue_url)}"[^>]*>在网页上阅读本期</a>', html)
    assert not re.search(r">\s*https?://", html)  # no raw URL shown anywhere
    assert f"在网页上阅读本期：{issue_url}" in text


def test_the_text_part_opens_with_the_contents_by_page() -> None:
    _, text = html_and_text()
    lines = text.split("\r\n")
    start = lines.index("本期目录")
    assert lines[start + 1 : start + 4] == [
        "第1版",
        "  · 实施产业聚集“五大工程” 跑出现代产业聚链成群加速度",
        "  · 推进园林绿化工作 提升绿化生态质量",
    ]
    assert lines.index("【第1版】") > lines.index("  · 全力做好产业园区建设和运营")
    assert not any(line.startswith("[第") for line in lines)


def test_the_frame_holds_in_outlook_and_declares_both_colour_schemes() -> None:
    html, _ = html_and_text()
    assert '<meta name="color-scheme" content="light dark">' in html
    assert '<meta name="supported-color-schemes" content="light dark">' in html
    assert "<!--[if mso]><table" in html and "<![endif]-->" in html
    wrap = re.search(r'<table class="wrap" role="presentation"[^>]*style="([^"]*)"', html)
    assert wrap is not None and "max-width: 640px" in wrap.group(1)
    assert html.count("<!--[if mso]>") == 2  # the pinned-width table opened and closed
