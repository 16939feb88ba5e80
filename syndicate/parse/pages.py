"""Split e-paper text into pages (版面).

A page ends at a page break (three or more blank lines, or a form feed from pdftotext) or at
a page-header line: ``第02版：要闻``, ``第2版``, ``第 1 版``, ``01版:要闻``, ``2 综合``.
Pages without a header are numbered on from the one before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NAME = r"[\u4e00-\u9fffA-Za-z0-9·・]{1,8}"
_HEADER = re.compile(
    rf"^(?:第\s*(?P<n1>[A-Za-z]?\d{{1,3}}|[一二三四五六七八九十]{{1,3}})\s*版|(?P<n2>[A-Za-z]?\d{{1,2}})\s*版)"
    rf"\s*(?:[:：\s]\s*(?P<name1>{_NAME}))?\s*(?:[（(](?P<name2>[^）)]{{0,12}})[)）])?$"
)
_SHORT_HEADER = re.compile(r"^(?P<n>\d{1,2})\s+(?P<name>[\u4e00-\u9fff]{2,6})$")
_CN = {c: i for i, c in enumerate("零一二三四五六七八九", start=0)}


@dataclass
class RawPage:
    """The lines of one page, with the number and name its header gave (if any)."""

    number: int | None
    name: str | None
    lines: list[str] = field(default_factory=list)


def page_header(line: str, *, at_break: bool = True) -> tuple[int, str | None] | None:
    """``(number, name)`` when ``line`` is a page-header line, else None.

    The bare ``2 综合`` form counts only ``at_break`` (first line after a page break).
    """
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


def clean_line(line: str) -> str:
    """Strip indentation (ASCII and full-width), decorative bullets and trailing white space."""
    return _BULLET.sub("", line.strip().strip("\ufeff\u200b\u3000").strip())


def split_pages(text: str) -> list[RawPage]:
    """Split ``text`` (``\\n`` line ends) into pages; empty pages are dropped."""
    pages: list[RawPage] = [RawPage(None, None)]
    blanks = 0
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n\n\n")
    for raw in text.split("\n"):
        line = clean_line(raw)
        if not line:
            blanks += 1
            continue
        header = page_header(line, at_break=blanks >= 3 or not pages[-1].lines)
        if header or blanks >= 3:
            if pages[-1].lines or (header and pages[-1].number is not None):
                pages.append(RawPage(None, None))
            if header:
                pages[-1].number, pages[-1].name = header
        blanks = 0
        if not header:
            pages[-1].lines.append(line)
    kept = [p for p in pages if p.lines]
    last = 0
    for p in kept:
        if p.number is None or p.number <= 0:
            p.number = last + 1
        last = p.number
    return kept
