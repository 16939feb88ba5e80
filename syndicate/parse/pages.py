"""Split e-paper text into pages (版面).

A page ends at a page break (three or more blank lines, or a form feed from pdftotext) or at
a page-header line: ``第02版：要闻``, ``第2版``, ``第 1 版``, ``01版:要闻``, ``2 综合``,
``第一版：头  版`` (spaces inside the name), and a tabloid's section code ``A02 中国新闻``,
``B08 快报为你寄思念`` (at a page break only). Pages without a header are numbered on from the
one before; an issue in two or more lettered sections (A01…A08, B01…) is numbered in order
(A01 = 1, B01 = 9), and each page keeps its printed code.

Each line keeps two facts that the cleaning would lose: whether it was indented (full-width
or several ASCII spaces) and whether a blank line stood before it. conventions.py reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NAME = r"[\u4e00-\u9fffA-Za-z0-9·・]{1,8}(?:/[\u4e00-\u9fffA-Za-z0-9·・]{1,8}){0,2}"
#: A spread printed over two pages (``第2/3版``) is numbered by its first page.
_SPREAD = r"(?:[/／-]\d{1,3})?"
_HEADER = re.compile(
    rf"^(?:第\s*(?P<n1>[A-Za-z]?\d{{1,3}}|[一二三四五六七八九十]{{1,3}}){_SPREAD}\s*版"
    rf"|(?P<n2>[A-Za-z]?\d{{1,2}}){_SPREAD}\s*版)"
    rf"\s*(?:[:：\s]\s*(?P<name1>{_NAME}(?:[（(][^（()）]{{1,8}}[)）][\u4e00-\u9fff·]{{1,8}})?))?\s*(?:[（(](?P<name2>[^）)]{{0,12}})[)）])?$"
)
_SHORT_HEADER = re.compile(r"^(?P<n>\d{1,2})\s+(?P<name>[\u4e00-\u9fff]{2,6})$")
_SECTION_HEADER = re.compile(
    r"^(?P<code>[A-H]\d{2})(?:\s+(?P<name>[\u4e00-\u9fffA-Za-z0-9·・ ]{1,16}))?$"
)
_CN_HEADER = re.compile(
    r"^第(?P<n>[一二三四五六七八九十]{1,3})版\s*[:：]\s*(?P<name>[\u4e00-\u9fff][\u4e00-\u9fff\s]{0,10})$"
)
_CN = {c: i for i, c in enumerate("零一二三四五六七八九", start=0)}


@dataclass
class RawPage:
    """The lines of one page, with the number and name its header gave (if any)."""

    number: int | None
    name: str | None
    lines: list[str] = field(default_factory=list)
    #: Parallel to ``lines``: the line was indented in the source.
    indented: list[bool] = field(default_factory=list)
    #: Parallel to ``lines``: a blank line (or the page start) stood right before it.
    after_gap: list[bool] = field(default_factory=list)
    #: The printed section code (``A02``) when the header gave one.
    code: str | None = None
    #: Parallel to ``lines``: two blank lines stood right before it (an empty paragraph in
    #: the source: a section or stanza break, the end of a lead box).
    wide_gap: list[bool] = field(default_factory=list)
    #: Lines that start a headline of their own under a headline without a story (flat.py:
    #: a photo item's title over the next story's headline), never stacked onto it.
    apart: set[int] = field(default_factory=set)


_LETTERED = re.compile(r"^第\s*(?P<code>[A-H]\d{1,2})\s*版")


def section_code(header: str) -> str | None:
    """The printed section code of a page-header line: ``A02`` of ``A02 中国新闻`` and of
    ``第A02版：要闻``; None for a page numbered alone."""
    if m := _SECTION_HEADER.match(header) or _LETTERED.match(header):
        return m["code"][0] + m["code"][1:].zfill(2)
    return None


def page_header(line: str, *, at_break: bool = True) -> tuple[int, str | None] | None:
    """``(number, name)`` when ``line`` is a page-header line, else None.

    The bare ``2 综合`` and ``A02 中国新闻`` forms count only ``at_break`` (first line after a
    page break).
    """
    m = _CN_HEADER.match(line)
    if m:
        return _number(m["n"]), re.sub(r"\s+", "", m["name"])
    if at_break and (m := _SECTION_HEADER.match(line)):
        return int(m["code"][1:]), (m["name"] or "").strip() or None
    m = _HEADER.match(line)
    if m:
        raw = m["n1"] or m["n2"]
        name = m["name1"] or m["name2"] or None
        return _number(raw), name
    m = _SHORT_HEADER.match(line)
    if at_break and m and 0 < int(m["n"]) <= 64:
        return int(m["n"]), m["name"]
    return None


def _number(raw: str) -> int:
    digits = re.sub(r"[A-Za-z]", "", raw)
    if digits.isdigit():
        return int(digits)
    if "十" in digits:
        tens, _, ones = digits.partition("十")
        return (_CN[tens] if tens else 1) * 10 + (_CN[ones] if ones else 0)
    return _CN[digits]


_BULLET = re.compile(r"^[■□◆◇●▲△★☆▌▍▎]+\s*")


#: The bullets a paper prints before its bylines; ``clean_line`` keeps one before names alone.
BYLINE_MARKS = ("□", "■")
#: Names alone after a byline bullet (``□ 成曦 大可``, ``■ 谢一持``): one to three words of two
#: or three characters.
_BULLET_NAMES = re.compile(
    rf"^[{''.join(BYLINE_MARKS)}]\s*"
    r"([\u4e00-\u9fff]{2,3}(?:[\s\u3000]+[\u4e00-\u9fff]{2,3}){0,2})$"
)


def clean_line(line: str) -> str:
    """Strip indentation (ASCII and full-width), decorative bullets and trailing white space;
    no-break spaces (name padding in some crawls: ``施\xa0\xa0芳``) are spaces. A byline
    bullet over names alone stays (``□成曦 大可``): the paper signs so, and the names need not
    open with a surname a list knows (dateline.is_byline_line reads the mark)."""
    line = line.replace("\xa0", " ").strip().strip("\ufeff\u200b\u3000").strip()
    if m := _BULLET_NAMES.match(line):
        return line[0] + m[1]
    return _BULLET.sub("", line)


def is_indented(raw: str) -> bool:
    """The source line starts with a full-width space or two or more ASCII spaces."""
    return raw.startswith(("\u3000", "  ", "\t"))


def split_pages(text: str) -> list[RawPage]:
    """Split ``text`` (``\\n`` line ends) into pages; empty pages are dropped."""
    pages: list[RawPage] = [RawPage(None, None)]
    blanks = hollow = 0
    fed = "\f" in text  # a form feed breaks a page wherever it stands
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n\n\n")
    for raw in text.split("\n"):
        line = clean_line(raw)
        if not line:
            if not _BULLET.fullmatch(raw.strip()):
                blanks += 1  # a lone ▲ (a photo pointer) is no text, and no blank line either
                hollow += "\u3000" in raw
            continue
        # an empty indented paragraph (``　　``, which closes a 提要 or 核心阅读 box) between
        # blank lines is one gap, not a page break, unless the text uses such lines for blanks
        broke = blanks >= 3 and (blanks - hollow >= 3 or hollow == blanks)
        at_break = broke or not pages[-1].lines or _next_section(line, pages[-1].code, blanks)
        header = page_header(line, at_break=at_break)
        if header or broke:
            if pages[-1].lines or (header and pages[-1].number is not None):
                pages.append(RawPage(None, None))
            if header:
                pages[-1].number, pages[-1].name = header
                pages[-1].code = section_code(line)
        if not header:
            page = pages[-1]
            page.after_gap.append(blanks > 0 or not page.lines)
            page.wide_gap.append(blanks == 2 and bool(page.lines))
            page.lines.append(line)
            page.indented.append(is_indented(raw.lstrip("\ufeff")))
        blanks = hollow = 0
    kept = [p for p in pages if p.lines]
    if not fed and all(p.number is None for p in kept):
        kept = _mend_breaks(kept)
    _number_pages(kept)
    return kept


def _mend_breaks(pages: list[RawPage]) -> list[RawPage]:
    """In a text that names no page, a "page" that opens on a finished sentence is the rest
    of the page above: a crawl of articles leaves three blank lines where an item had no
    headline (a picture's caption), and a page opens on its masthead or a headline."""
    out = pages[:1]
    for p in pages[1:]:
        first = p.lines[0]
        if len(first) >= _SENTENCE and first.endswith(("。", "！", "？", "”")):
            above = out[-1]
            above.lines += p.lines
            above.indented += p.indented
            above.after_gap += [True] + p.after_gap[1:]
            above.wide_gap += p.wide_gap
        else:
            out.append(p)
    return out


#: A line this long that ends a sentence is body text, not a masthead or a headline.
_SENTENCE = 24


def _next_section(line: str, code: str | None, blanks: int) -> bool:
    """``A03 …`` after a blank line on page A02 (or ``B01`` after ``A08``): the next page of a
    sectioned paper whose text keeps only one blank line between pages."""
    m = _SECTION_HEADER.match(line) if blanks and code else None
    if m is None or code is None:
        return False
    new, old = m["code"], code
    return new[0] == old[0] and int(new[1:]) > int(old[1:]) or new[0] > old[0] and new[1:] == "01"


def _number_pages(kept: list[RawPage]) -> None:
    sections = {p.code[0] for p in kept if p.code}
    last = 0
    for i, p in enumerate(kept):
        if len(sections) > 1:
            p.number = i + 1  # A01…A08, B01…: in printed order
        elif p.number is None or p.number <= 0:
            p.number = last + 1
        last = p.number or last
