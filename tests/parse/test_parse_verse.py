"""Verse in every layout: a 副刊 page holding a poem under its author, an essay that quotes a
stanza after a lead-in ending in a colon, and a news item, added to a real issue of each
convention (the 人民日报 corpus: blank lines between paragraphs, nothing indented; 都市快报:
indented paragraphs). A stanza is one paragraph, its lines kept apart by line breaks; the
poem is ``kind == "poem"``; nothing of the verse becomes a caption, a headline or a
neighbour's text, and the issue's other pages parse as they do without the page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from syndicate.model import Article
from syndicate.parse import parse_issue

SHARED = Path(__file__).resolve().parents[3] / "shared"
RMRB = SHARED / "corpus" / "rmrb_2025-01-03_p06-07-10-11_PeopleDailyMaterial.txt"
DSKB = SHARED / "corpus" / "real" / "dskb_2026-03-28_pA01-B08_hangzhou-daily-crawler.txt"

POEM = [
    ["春风吹过田野", "吹醒了沉睡的小河", "柳枝轻轻摇摆", "像在写一封长信"],
    ["信里写着桃花", "写着燕子归来", "写着父亲的犁铧", "翻开新的土地"],
    ["我把这封信", "折成一只纸船", "放进村口的小河", "寄给远方的你"],
]
QUOTED = ["床前明月光", "疑是地上霜", "举头望明月", "低头思故乡"]
BEFORE = [
    "小时候，外婆常在院子里给我们讲故事。那时的夜晚没有灯火，只有满天的星星和海浪的声音。",
    "外婆最爱念的一首诗，是她年轻时从私塾先生那里学来的：",
]
AFTER = [
    "每当念到最后一句，她总要停下来，望着远处的海面出神，好像在想念一个很远很远的地方。",
    "如今外婆已经不在了，可那轮海边的月亮，一直挂在我的心上，照着我走过的每一段路。",
]
NEWS = [
    "本报海口3月5日讯 近日，海口市多条街道完成了绿化提升改造，市民出行环境明显改善。",
    "据了解，此次改造涉及道路12条，新增绿地面积3万平方米，种植乔木两千余株。",
]

#: (layout, base text, page header). ``stanza-blocks``: a stanza's lines in one block;
#: ``line-blocks``: every line of verse a block of its own, a stanza break an empty
#: paragraph; ``lines``: every line a block, no stanza breaks. ``indented-*``: the same in a
#: paper that indents its paragraphs. Where a paper that indents nothing prints a line a
#: paragraph, each line stays a paragraph (as printed); in one that indents, a run of such
#: lines is one stanza (blocks.py).
LAYOUTS = [
    ("stanza-blocks", RMRB, "第20版：副刊"),
    ("line-blocks", RMRB, "第20版：副刊"),
    ("lines", RMRB, "第20版：副刊"),
    ("indented-lines", DSKB, "B09 副刊"),
    ("indented-stanza-blocks", DSKB, "B09 副刊"),
]


def verse_page(layout: str, header: str) -> str:
    ind = "\u3000\u3000" if layout.startswith("indented") else ""
    out = [header, ""]

    def stanza(lines: list[str]) -> None:
        if layout.endswith("stanza-blocks"):
            out.extend(["\n".join(ind + x for x in lines), ""])
        else:
            for x in lines:
                out.extend([ind + x, ""])

    out += ["春天的信", "", ind + "李明远", ""]
    for k, lines in enumerate(POEM):
        if k and layout == "line-blocks":
            out.append("")  # an empty paragraph between stanzas
        stanza(lines)
    out += ["海边的月亮", "", "文/林小舟", ""]
    for p in BEFORE:
        out += [ind + p, ""]
    stanza(QUOTED)
    for p in AFTER:
        out += [ind + p, ""]
    out += ["椰城街头添新景", "", ind + "本报记者 王海", ""]
    for p in NEWS:
        out += [ind + p, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _page(articles: tuple[Article, ...], number: int) -> list[Article]:
    return [a for a in articles if a.page == number]


@pytest.mark.parametrize(("layout", "base", "header"), LAYOUTS)
def test_a_poem_and_a_quoted_stanza_in_every_layout(layout: str, base: Path, header: str) -> None:
    text = base.read_text(encoding="utf-8")
    alone = parse_issue(text, source=base.name)
    issue = parse_issue(
        text.rstrip("\n") + "\n\n\n\n" + verse_page(layout, header), source=base.name
    )
    last = issue.articles[-1].page
    poem, essay, news = _page(issue.articles, last)

    assert (poem.title, poem.kind, poem.reporters) == ("春天的信", "poem", ("李明远",))
    lines = layout in ("lines", "line-blocks")  # a line a paragraph, as the paper printed it
    if lines:
        assert poem.paragraphs == tuple(x for s in POEM for x in s)
    elif layout == "indented-lines":  # nothing marks where a stanza ends: one stanza
        assert poem.paragraphs == ("\n".join(x for s in POEM for x in s),)
    else:
        assert poem.paragraphs == tuple("\n".join(s) for s in POEM)
    assert not poem.captions

    assert (essay.title, essay.kind, essay.reporters) == ("海边的月亮", "article", ("林小舟",))
    quoted = tuple(QUOTED) if lines else ("\n".join(QUOTED),)
    assert essay.paragraphs == (*BEFORE, *quoted, *AFTER)
    assert not essay.captions

    assert (news.title, news.reporters) == ("椰城街头添新景", ("王海",))
    assert len(news.paragraphs) == 2
    doubts = [d for d in issue.doubts if d.page == last and d.kind != "mid-sentence"]
    assert not doubts  # the poem's end is no headline, the stanza no story's start
    # a poem page does not change how the paper's other pages are read
    assert issue.articles[: len(alone.articles)] == alone.articles


def test_a_tall_headline_block_over_a_story_is_no_stanza() -> None:
    """Four short headline lines in one block, after a finished story and over its byline,
    stay the next story's headline block: no lead-in, stanza or poem title stands by them."""
    text = RMRB.read_text(encoding="utf-8").rstrip("\n") + (
        "\n\n\n\n第20版：社会\n\n老街换新颜\n\n"
        "本报讯（记者王芳）近日，县城老街改造工程完工。\n\n"
        "男子聚餐饮酒后死亡\n8名同饮者被索赔30万\n一审判组织者赔偿\n其余7人不担责\n\n"
        "本报记者 张华\n\n男子李某参加公司组织的聚餐饮酒，次日在宿舍被发现死亡。\n\n"
        "法院判决组织者赔偿4.5万元。\n"
    )
    street, case = _page(parse_issue(text, source=RMRB.name).articles, 20)
    heads = [case.kicker, case.title, case.subtitle]
    assert "男子聚餐饮酒后死亡" in " ".join(h or "" for h in heads) and case.reporters == ("张华",)
    assert case.paragraphs[0].startswith("男子李某") and len(case.paragraphs) == 2
    assert len(street.paragraphs) == 1
