"""Which blocks are headline blocks, in a tabloid that indents nothing.

A crawler's "cleaned" text of a tabloid keeps the blank lines between paragraphs but strips
the indent that told a paragraph from a headline. The headline blocks still show: a stack
of two or more short lines without a full stop is a headline block (a body block is one
paragraph, one line). A single short line is harder: it may be a one-line headline or an
in-story subhead. It heads a story where a reader sees a story start: at the top of a page,
over an opening byline or dateline (``记者 X``, ``本报讯（记者…）``), or after a story closed by
its credit or signature (``据新华社``, ``…。据北京日报``, ``寄思人：X``). Anything else is body.

``mark_heads`` writes the decision into the page's indent flags, so that blocks.py cuts the
page as it cuts an indented one. Pure: it only reads the page's lines.
"""

from __future__ import annotations

import re

from syndicate.parse.blocks import Block, page_blocks
from syndicate.parse.dateline import (
    closing_byline,
    closing_credit,
    credit_line,
    is_byline_line,
    match_dateline,
    photo_credit,
)
from syndicate.parse.headline import headline_like
from syndicate.parse.pages import RawPage
from syndicate.parse.sources import glued_source, source_line

#: A headline line is at most this long (a body block's line is a paragraph).
MAX_LINE = 40
_LIST_MARK = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])"
)
_NOT_HEAD = re.compile(
    r"^[（(]?[上下]接[A-H]?\d{1,2}版|扫码|^[\u4e00-\u9fffA-Za-z]{2,10}\s+[A-H]\d{2}$"
)
_SIGNERS = ("reporter", "correspondent", "author", "commentator", "intern")


def mark_heads(page: RawPage) -> None:
    """Flag every line of the page's body blocks as indented, headline blocks' lines as flush."""
    blocks = page_blocks(page)
    flags: list[bool] = []
    body = True  # the story above has body text (a page starts fresh)
    for i, b in enumerate(blocks):
        head = is_flat_head(blocks, i, body_above=body)
        body = not head and (body or not all(_head_line(x) for x in b.lines))
        flags += [not head] * len(b.lines)
    page.indented[:] = flags


def is_flat_head(blocks: list[Block], i: int, *, body_above: bool = True) -> bool:
    """Block ``i`` is a headline block (see the module docstring). ``body_above``: a
    paragraph stands between it and the headline above (else a short line over a byline
    is a summary line of that headline's story: ``监控看到大货车突然停下`` / ``记者 X``)."""
    b = blocks[i]
    if not is_stack(b.lines):
        return False
    if all(is_stack(c.lines) for c in blocks[i + 1 :]):
        return True  # the page ends in headlines without a body (notices whose table was an image)
    nxt = blocks[i + 1]
    if len(nxt.lines) > 1 and is_stack(nxt.lines):
        return False  # a headline stands over its story, not over another headline
    if len(b.lines) > 1:
        return True
    if not body_above:
        return False
    line = b.lines[0]
    if line.endswith(("：", ":", "，", "、")):
        return False  # a lead-in or a label
    if i == 0 or opens_story(nxt.lines[0]):
        return True
    return closes_story(blocks[i - 1].lines[-1])


def is_stack(lines: list[str]) -> bool:
    """Headline lines; a line of a stack may end on the colon of a speaker (``日本防卫大臣：``)."""
    return all(
        _head_line(x.rstrip("：:") if j < len(lines) - 1 else x) for j, x in enumerate(lines)
    )


def _head_line(line: str) -> bool:
    """Short, headline-like, and not a byline, dateline, credit, jump or list item."""
    if len(line) > MAX_LINE or not headline_like(line) or _NOT_HEAD.search(line):
        return False
    if _LIST_MARK.match(line) or match_dateline(line) or source_line(line):
        return False
    if photo_credit(line) or credit_line(line) or closing_credit(line):
        return False
    return is_byline_line(line, bare=False) is None


def opens_story(line: str) -> bool:
    """An opening byline (``记者 X 通讯员 Y``) or a dateline (``本报讯（记者…）``)."""
    if match_dateline(line):
        return True
    bylines = is_byline_line(line, bare=False) or ()
    return any(x.role in _SIGNERS for x in bylines) and "班" not in line


def closes_story(line: str) -> bool:
    """A source credit alone or glued (``据新华社``, ``…。据北京日报``), a closing byline
    (``（记者X）``), a signature (``寄思人：X``)."""
    if source_line(line) or glued_source(line) or closing_byline(line):
        return True
    return line.startswith("寄思人")
