"""What kind of item an article is, read from its title and paragraphs (model.ArticleKind).

- ``brief``: a roundup of short items (简明新闻, 新闻简讯, 快讯): one paragraph per item;
- ``qa``: an interview or a Q&A, two or more turns opening with 问：/答： or a speaker's name;
- ``poem``: four or more short lines, most printed without a final mark, or stanzas only;
- ``editor_note``: an editor's note (编者按), set apart as its own item;
- ``article``: everything else.

Also here: editors' codes glued to the text (``…的成绩。②6``, ``⑧3程全摄``), which are
layout marks, never text.
"""

from __future__ import annotations

import re

from syndicate.model import ArticleKind

BRIEF_TITLE = re.compile(
    r"(?:简明新闻|新闻简讯|简讯|快讯|短讯|要闻简报|一周(?:要闻|看点)|资讯速递|新闻速览)"
)
#: A roundup's title alone: ``简明新闻``, or a place's or a field's before it (``湾区快讯``).
BRIEF_HEAD = re.compile(rf"[\u4e00-\u9fff]{{0,4}}{BRIEF_TITLE.pattern}")
_TURN = re.compile(r"^(?:问|答|[\u4e00-\u9fff]{1,6})[:：]")
#: A turn of a Q&A: ``问：``, ``记者：``, or the medium that asks (``南方日报：``, ``南方+：``).
_QA_TURN = re.compile(
    r"^(?:问|答|记者|主持人|本报记者|[Qq]|[Aa]"
    r"|[\u4e00-\u9fff]{2,6}(?:日报|晚报|新闻|周刊)|[\u4e00-\u9fff]{2,4}[+＋])[:：]"
)
_FINAL = tuple("。！？…”")
#: An editor's note: ``编者按：``, ``【编者按】``.
EDITOR_NOTE = re.compile(r"^[【\[]?(?:编者(?:按|的话)|开栏的话)[】\]]?\s*[:：]?\s*")
#: ``②6`` / ``⑧3`` at the end of a paragraph or the start of a credit line.
_CODE_END = re.compile(r"(?<=[。！？”』」…])\s*[\u2460-\u2473]\d{0,2}$")
_CODE_START = re.compile(r"^[\u2460-\u2473]\d{1,2}(?=\S)")


def article_kind(title: str, paragraphs: list[str]) -> ArticleKind:
    """The kind of an article (see the module docstring)."""
    if EDITOR_NOTE.match(title) or (
        paragraphs and EDITOR_NOTE.match(paragraphs[0]) and len(paragraphs) == 1
    ):
        return "editor_note"
    if BRIEF_TITLE.search(title):
        return "brief"
    if sum(bool(_QA_TURN.match(p)) for p in paragraphs) >= 2:
        return "qa"
    if paragraphs and all("\n" in p for p in paragraphs):
        return "poem"  # stanzas, their lines kept apart by line breaks (blocks.py)
    short = [p for p in paragraphs if len(p) <= 24]
    open_ = [p for p in short if not p.endswith(_FINAL)]
    if len(paragraphs) >= 4 and len(short) == len(paragraphs) and 2 * len(open_) >= len(short):
        return "poem"
    return "article"


def strip_code(text: str) -> str:
    """Remove an editor's code glued to a paragraph's end or a credit line's start."""
    if any("\u2460" <= c <= "\u2473" for c in text[-4:]):  # a code ends within 4 characters
        text = _CODE_END.sub("", text)
    if text and "\u2460" <= text[0] <= "\u2473":
        text = _CODE_START.sub("", text)
    return text
