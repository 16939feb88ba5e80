"""An issue with verse, as the parser emits it: one paragraph per stanza, its lines joined by
"\\n". A poem of three stanzas of four lines (one line carries a ``<script>``), then an essay
that quotes the first stanza between two paragraphs of prose."""

from __future__ import annotations

import re
from datetime import date

from syndicate.model import Article, Byline, Issue, Page, Paper

STANZAS = (
    ("春风吹过田野", "吹醒了沉睡的小河", "柳枝在岸边梳妆", "燕子衔来第一缕阳光"),
    ("麦苗在垄上拔节", "农人把希望播进泥土", "汗水落进深深的犁沟", "我把<script>写进诗行"),
    ("夜来听雨敲窗", "灯下翻开旧日的书", "远方的人啊", "明天还会有好天气"),
)
LINES = tuple(line for stanza in STANZAS for line in stanza)
HOSTILE = "我把<script>写进诗行"
ESCAPED = "我把&lt;script&gt;写进诗行"
POEM = Article(
    page=4,
    seq=1,
    title="春天的诗",
    column="诗苑",
    bylines=(Byline("author", "王一", "王一"),),
    paragraphs=tuple("\n".join(s) for s in STANZAS),
    kind="poem",
)
ESSAY = Article(
    page=4,
    seq=2,
    title="诗里的田野",
    bylines=(Byline("author", "李二", "李二"),),
    paragraphs=(
        "春天来了，诗人们又拿起了笔。本版今天刊发的一首短诗写道：",
        "\n".join(STANZAS[0]),
        "诗句朴素，却把田野写活了。",
    ),
)


def verse_issue() -> Issue:
    """A one-page issue (第4版 副刊) holding the poem and the essay."""
    return Issue(
        paper=Paper(name="济宁高新新闻"),
        date=date(2022, 3, 25),
        weekday="星期五",
        serial=627,
        pages=(Page(4, "副刊"),),
        articles=(POEM, ESSAY),
    )


def html_stanzas(html: str, first: str) -> list[list[str]]:
    """Every HTML paragraph (``<p …>…</p>``) holding ``first``, as its lines: split at
    ``<br>``, links (a 阅读全文 after the text) and other tags removed, each line stripped."""
    found = []
    for para in re.findall(r"<p\b[^>]*>(.*?)</p>", html, re.S):
        para = re.sub(r"<a\b.*?</a>", "", para, flags=re.S)
        if first in para:
            parts = re.split(r"<br\s*/?>", para)
            found.append([re.sub(r"<[^>]+>", "", p).strip() for p in parts])
    return found


def assert_stanza(lines: list[str], stanza: tuple[str, ...]) -> None:
    """``lines`` are the stanza's, escaped; the first may follow a byline put in front of it
    (``（王一）春风吹过田野``)."""
    want = [ESCAPED if line == HOSTILE else line for line in stanza]
    assert len(lines) == len(want), lines
    assert lines[0].endswith(want[0]), lines
    assert lines[1:] == want[1:]


#: A summary or teaser of the poem: its lines on one line, joined by ／ across stanzas too.
ONE_LINE = "春风吹过田野／吹醒了沉睡的小河／柳枝在岸边梳妆／燕子衔来第一缕阳光／麦苗在垄上拔节"
