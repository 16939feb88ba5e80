"""An issue's own conventions, read from the whole text before any page is cut into articles.

Papers of the family agree on little: one marks a paragraph with an indent (full-width
spaces) and keeps its headline lines flush left, another leaves a blank line between
paragraphs and indents nothing; one prints the byline under the headline, another closes the
story with it in parentheses. Deciding per line without knowing the paper's habit is what
merged neighbouring stories, so the segmenter asks these questions first:

- ``indent_paragraphs``: most body-length lines are indented. Then a flush-left block after a
  blank line is a headline block, and an indented one is body, byline, caption or subhead.
- ``bylines_close``: more stories end with a parenthesised byline (``（实习记者X本报记者Y）``)
  than open with one.
- ``page_headers``: ``section`` (``A02 中国新闻``), ``numbered`` (``第05版：评论``) or ``none``.
- ``gapless``: the paragraphs are indented but no blank line stands between them (a text
  export that keeps only line breaks). Then the indent alone starts a paragraph, and the
  blocks are re-cut by the margin (blocks.py ``mend_gaps``). Most body lines follow no
  blank line; or, on a page of short items (one or two paragraphs each, so that half the
  body lines open a story after its headline's blank line), a good share of them run on,
  without a blank line, from a finished indented line, which a text with blank lines
  between its paragraphs does not do; or, in a short text (a page of a few such items),
  more lines run on so than follow a finished indented line across a blank line.
- ``story_gaps``: nothing is indented and most body-length lines follow no blank line: the
  blank lines set stories (and headline blocks) apart, not paragraphs. articles.py then
  takes a block of headline lines between blank lines for a story's headline.
- ``heads_signed``: the stories that surely start (a page's first headline block, a
  headline block of two or more lines) open with a byline or a dateline under the headline
  (``本报记者 X``, ``新华社北京4月27日电…``). Then a flush one-line block after a finished
  paragraph, over a paragraph that opens with neither, is a centred subhead (blocks.py).
- ``stacked_heads``: nothing is indented, yet blank lines set apart stacks of short lines (a
  tabloid's 引题/主题/副题) from one-line paragraphs: a crawler's cleaned text of a tabloid.
  Then flat.py finds the headline blocks and blocks.py cuts the pages.
- ``broken_heads``: nothing is indented, two or more two-line headline stacks break mid-phrase
  (``…大会暨`` / ``人工智能…``) and no stack runs to three lines: a crawl of the title field,
  which keeps no kickers. A two-line headline whose split only the line lengths decide is one
  title there.

Pure: it only counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from syndicate.parse.dateline import author_line, match_dateline, role_alone
from syndicate.parse.headline import (
    breaks_mid_phrase,
    ends_sentence,
    headline_like,
    post_over_name,
)
from syndicate.parse.pages import RawPage

#: A line this long is body text in every paper of the family (headlines are shorter).
BODY_LENGTH = 24
_CLOSING_BYLINE = re.compile(
    r"[（(](?:[^（()）]{0,12}(?:记者|通讯员|实习生)[^（()）]{1,30}|[^（()）]{2,12}/文[^（()）]{0,12})[)）]$"
)
_OPENING_BYLINE = re.compile(r"^(?:本报讯|[^。，]{0,12}讯)?\s*[（(]?(?:本报)?(?:记者|通讯员)")


@dataclass(frozen=True)
class Conventions:
    """What this issue does, as counted over all its pages."""

    indent_paragraphs: bool = False
    bylines_close: bool = False
    page_headers: str = "none"
    stacked_heads: bool = False
    gapless: bool = False
    story_gaps: bool = False
    heads_signed: bool = False
    broken_heads: bool = False


def infer_conventions(pages: list[RawPage]) -> Conventions:
    """Count the issue's habits (see the module docstring)."""
    long_lines = indented = gapped = long_gapped = gap_count = closing = opening = 0
    stacks = multi = run_on = apart = 0
    for p in pages:
        s, m = _stacks(p)
        stacks, multi = stacks + s, multi + m
        finished = False  # the line above was an indented body line ending a sentence
        for line, ind, gap in zip(p.lines, p.indented, p.after_gap, strict=True):
            if len(line) >= BODY_LENGTH:
                long_lines += 1
                indented += ind
                gapped += ind and gap
                long_gapped += gap
                run_on += ind and not gap and finished
                apart += ind and gap and finished
            finished = ind and len(line) >= BODY_LENGTH and ends_sentence(line)
            gap_count += gap
            if _CLOSING_BYLINE.search(line):
                closing += 1
            elif len(line) <= 60 and _OPENING_BYLINE.match(line):
                opening += 1
    sure, signed = _signed_heads(pages)
    broken, tall = _head_shapes(pages)
    if any(p.code for p in pages):
        headers = "section"
    elif any(p.name for p in pages):
        headers = "numbered"
    else:
        headers = "none"
    indent = long_lines >= 3 and indented >= 0.6 * long_lines
    return Conventions(
        indent_paragraphs=indent,
        bylines_close=closing > opening,
        page_headers=headers,
        stacked_heads=not indent and stacks >= 3 and 3 * stacks >= 2 * multi,
        gapless=indent
        and (2 * gapped < indented or run_on >= 2 and 3 * run_on >= gapped or run_on > apart),
        story_gaps=not indent and gap_count >= 3 and 3 * long_gapped < long_lines,
        heads_signed=indent and sure >= 2 and 10 * signed >= 7 * sure,
        broken_heads=not indent and broken >= 2 and tall == 0,
    )


def _signed_heads(pages: list[RawPage]) -> tuple[int, int]:
    """(flush headline blocks that surely head a story, those with a byline or dateline
    under them): a page's first block and flush blocks of two or more lines."""
    sure = signed = 0
    for p in pages:
        starts = [i for i, gap in enumerate(p.after_gap) if gap] + [len(p.lines)]
        for k, (a, b) in enumerate(zip(starts, starts[1:], strict=False)):
            if p.indented[a] or not (k == 0 or b - a >= 2) or b >= len(p.lines):
                continue
            block = p.lines[a:b]
            if any(len(x) > 60 or "。" in x for x in block) or _signs(block[0]):
                continue
            while b + 1 < len(p.lines) and p.lines[b] in block:
                b += 1  # a crawler's copy of the deck, repeated over the text
            sure += 1
            under = p.lines[b]
            signed += _signs(under) or match_dateline(under) is not None
    return sure, signed


def _signs(line: str) -> bool:
    """A byline line, or a role printed alone over the names (``新华社记者``)."""
    return author_line(line) is not None or role_alone(line)


def _stacks(p: RawPage) -> tuple[int, int]:
    """(blocks of two or more short lines without a full stop, blocks of two or more lines)."""
    stacks = multi = 0
    blocks = line_blocks(p.lines, p.after_gap)
    for block, stanza in zip(blocks, stanza_flags(blocks), strict=True):
        if len(block) > 1 and not stanza:
            multi += 1
            stacks += all(len(x) < BODY_LENGTH + 16 and "。" not in x[:-1] for x in block)
    return stacks, multi


def _head_shapes(pages: list[RawPage]) -> tuple[int, int]:
    """(two-line headline stacks whose first line breaks mid-phrase, stacks of three or more
    headline lines). An issue with two or more of the first and none of the second stores its
    headlines whole and without kickers (a crawl of the title field): a two-line stack there
    is one title broken in two (``broken_heads``)."""
    broken = tall = 0
    for p in pages:
        for block in line_blocks(p.lines, p.after_gap):
            if len(block) < 2 or not all(_head_line(x) for x in block):
                continue
            if len(block) >= 3 and not is_stanza(block):
                tall += 1
            elif len(block) == 2 and (breaks_mid_phrase(*block) or post_over_name(block)):
                broken += 1
    return broken, tall


def _head_line(x: str) -> bool:
    return len(x) <= BODY_LENGTH + 16 and headline_like(x) and not ends_sentence(x)


def line_blocks(lines: list[str], after_gap: list[bool]) -> list[list[str]]:
    """The lines between blank lines."""
    bounds = [i for i, gap in enumerate(after_gap) if gap or i == 0] + [len(lines)]
    return [lines[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def stanza_flags(blocks: list[list[str]]) -> list[bool]:
    """Which blocks are stanzas of verse: stanza-shaped (``is_stanza``) where verse stands,
    after a lead-in ending in a colon, after or over another stanza-shaped block, or under a
    poem's title or its author alone on a line. A four-line headline block over a story
    stands after a finished paragraph and over prose, so it is none."""
    shaped = [is_stanza(b) for b in blocks]
    return [shaped[n] and n > 0 and _verse_stands(blocks, shaped, n) for n in range(len(blocks))]


def _verse_stands(blocks: list[list[str]], shaped: list[bool], n: int) -> bool:
    above = blocks[n - 1]
    title = len(above) == 1 and (headline_like(above[0]) or author_line(above[0]) is not None)
    return (
        above[-1].endswith(("：", ":"))
        or shaped[n - 1]
        or (n + 1 < len(blocks) and shaped[n + 1])
        or title
    )


#: A stanza has at least this many lines (a headline block has two or three), each at most
#: ``VERSE_LINE`` characters long (also blocks.py's verse lines printed a paragraph each).
STANZA_LINES = 4
VERSE_LINE = 16


def is_stanza(block: list[str]) -> bool:
    """A block of four or more short lines, most without a final mark and none a label: the
    shape of a stanza of verse (and of a tall headline block: ``stanza_flags`` tells them
    apart)."""
    return (
        len(block) >= STANZA_LINES
        and all(len(x) <= VERSE_LINE and not re.search(r"[：:]", x) for x in block)
        and 2 * sum(not ends_sentence(x) for x in block) > len(block)
    )
