"""Cut a page into article drafts by its blocks, for papers that indent their paragraphs.

When conventions.py finds that an issue marks paragraphs by indentation, the blank lines and
the left margin say more than any single line: a block (lines between blank lines) that
starts flush left is a headline block (引题/主题/副题, however many lines, indented
continuation lines included), and every indented block that follows is the story's body,
byline, captions and subheads, up to the next flush-left block.

Items that are not stories are set apart here: a headline with no body (a notice whose table
was an image: ``福利彩票开奖公告``) is dropped and reported; an imprint block (``本报地址``,
``邮发代号``, ``订价``) is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from syndicate.model import Problem
from syndicate.parse.articles import Draft
from syndicate.parse.pages import RawPage

#: A flush-left block longer than this, or with a full stop inside, is body text after all.
MAX_HEAD_LINE = 60
_IMPRINT = re.compile(
    r"^(?:本报地址|邮发代号|广告(?:经营)?许可证|订价|定价|\d{4}年订价|出版单位|印刷|法律顾问|"
    r"全国各地邮局|邮编|发行|零售价|社址|总编辑|社长|(?:新闻|报料)?热线)"
)


@dataclass
class Block:
    """Lines between blank lines, and whether the first one stood flush left."""

    lines: list[str] = field(default_factory=list)
    flush: bool = False


def page_blocks(page: RawPage) -> list[Block]:
    """The page's blocks, in order."""
    blocks: list[Block] = []
    for line, ind, gap in zip(page.lines, page.indented, page.after_gap, strict=True):
        if gap or not blocks:
            blocks.append(Block(flush=not ind))
        blocks[-1].lines.append(line)
    return blocks


def is_head_block(b: Block) -> bool:
    """A flush-left block of short lines without a full stop inside."""
    if not b.flush:
        return False
    return all(len(x) <= MAX_HEAD_LINE and "。" not in x[:-1] for x in b.lines)


def is_imprint(units: list[str]) -> bool:
    """Most lines are imprint fields (address, postal code, price, printer)."""
    hits = sum(bool(_IMPRINT.match(u)) for u in units)
    return hits >= 2 and hits * 2 >= len(units)


def split_blocks(page: RawPage) -> tuple[list[Draft], list[Problem]]:
    """Drafts of one indented page (each with its headline lines counted), and what was
    dropped."""
    number = page.number or 0
    drafts: list[Draft] = []
    problems: list[Problem] = []
    for b in page_blocks(page):
        if is_head_block(b):
            drafts.append(Draft(number, list(b.lines), head_count=len(b.lines)))
        elif drafts:
            drafts[-1].units += b.lines
        else:
            drafts.append(Draft(number, list(b.lines), continues=True, head_count=0))
    kept: list[Draft] = []
    for d in drafts:
        body = d.units[d.head_count or 0 :]
        if is_imprint(body) or is_imprint(d.units):
            problems.append(Problem("imprint", number, f"dropped the imprint block {d.units[0]}"))
        elif not body and not d.continues:
            problems.append(Problem("dropped-item", number, f"headline without a body: {d.units[0]}"))
        else:
            kept.append(d)
    return kept, problems
