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
from syndicate.parse.articles import Draft, inline_caption
from syndicate.parse.dateline import (
    author_line,
    closing_byline,
    closing_credit,
    closing_dateline,
    credit_line,
    is_byline_line,
    match_dateline,
    photo_credit,
)
from syndicate.parse.pages import RawPage
from syndicate.parse.sources import glued_source, source_line

#: A flush-left block longer than this, or with a full stop inside, is body text after all.
MAX_HEAD_LINE = 60
_IMPRINT = re.compile(
    r"^(?:本报地址|邮发代号|广告(?:经营)?许可证|订价|定价|\d{4}年订价|出版单位|印刷|法律顾问|"
    r"全国各地邮局|邮编|发行|零售价|社址|总编辑|社长|(?:新闻|报料)?热线)"
)


@dataclass
class Block:
    """Lines between blank lines, whether the first one stood flush left, and which lines
    were indented."""

    lines: list[str] = field(default_factory=list)
    flush: bool = False
    indented: list[bool] = field(default_factory=list)


def page_blocks(page: RawPage) -> list[Block]:
    """The page's blocks, in order."""
    blocks: list[Block] = []
    for line, ind, gap in zip(page.lines, page.indented, page.after_gap, strict=True):
        if gap or not blocks:
            blocks.append(Block(flush=not ind))
        blocks[-1].lines.append(line)
        blocks[-1].indented.append(ind)
    return blocks


def mend_gaps(page: RawPage, *, gapless: bool) -> None:
    """Start a block where the margin says one starts though no blank line stands there.

    In a paper that indents its paragraphs a headline block is flush left; its indented
    lines continue a slot, and its flush lines after an indented one finish a broken title.
    So inside a block that began flush and holds only headline lines: an indented line that
    cannot be a headline line (a sentence, a byline, a dateline) starts the body. After a
    body line, a flush line starts a headline block. In a ``gapless`` text (the indent alone
    marks a paragraph) every indented line after body starts a paragraph of its own.
    """
    head = False  # the block being read began flush and has only headline lines so far
    for i, (line, ind) in enumerate(zip(page.lines, page.indented, strict=True)):
        if i == 0 or page.after_gap[i]:
            head = not ind and _head_line(line)
            continue
        if head:
            if ind and not _head_line(line) or (ind and _opens(line)):
                page.after_gap[i], head = True, False
            elif not ind and is_signer_line(line):  # a flush byline under the headline
                page.after_gap[i], head = True, False
            elif not _head_line(line):
                head = False
        elif not ind and page.indented[i - 1] and _head_line(line):
            page.after_gap[i], head = True, True
        elif gapless and ind:
            page.after_gap[i] = True


def is_signer_line(line: str) -> bool:
    """A byline of people with a role (``新华社记者 胡璐 韩佳诺``), never a headline line."""
    bylines = is_byline_line(line, bare=False) or ()
    return any(x.role in _SIGNERS for x in bylines)


def _head_line(line: str) -> bool:
    """Short, without a full stop inside: may be a line of a headline block."""
    return len(line) <= MAX_HEAD_LINE and "。" not in line[:-1] and not line.endswith("。")


def _opens(line: str) -> bool:
    """A byline, dateline or photo credit: a line under a headline block, never in it."""
    return (
        match_dateline(line) is not None
        or is_byline_line(line, bare=False) is not None
        or bool(photo_credit(line) or credit_line(line) or _CREDIT_TAIL.search(line))
    )


def head_slots(b: Block) -> list[str]:
    """The headline block's slots (引题, 主题, 副题): an indented line continues the line above
    it (a line break inside one slot keeps its indent), a flush-left line starts a slot."""
    slots: list[str] = []
    for line, ind in zip(b.lines, b.indented, strict=True):
        if ind and slots:
            slots[-1] += " " + line
        else:
            slots.append(line)
    return slots


_STOPS = tuple("。！？…”")


@dataclass
class _Story:
    """A headline block and the indented blocks under it."""

    head: list[str]
    body: list[Block]
    continues: bool = False
    #: The headline block's lines as printed (an imprint block reads like a headline block).
    head_lines: list[str] = field(default_factory=list)
    #: Flush lines read as centred subheads.
    subheads: set[str] = field(default_factory=set)


def _units(story: _Story, page: int) -> Draft:
    """The draft of a story: display text before an opening byline, boxes (blocks of several
    lines: profiles, QR call-outs, info boxes) and a closing tag line become captions."""
    body = story.body
    captions: list[str] = []
    signed = [i for i, b in enumerate(body) if _is_byline_block(b)]
    pupils = [i for i, b in enumerate(body) if _is_class_line(b)]
    if len(pupils) == 1:  # one pupil's essay: the class line opens it like a byline
        signed = sorted(signed + pupils)
    opening = signed[0] if signed else None
    dated = next(
        (
            i
            for i, b in enumerate(body)
            if match_dateline(b.lines[0]) and not (i == len(body) - 1 and _bare_dispatch(b))
        ),
        None,
    )
    if opening is None or (dated is not None and dated < opening):
        opening, dated_last = dated, 1
    else:
        dated_last = 0
    if opening is not None and _intro_above(body[:opening]):
        opening = None  # an interview's intro and guest list over the byline: body
    if opening is not None and opening + 1 - dated_last < len(body):
        for b in body[:opening]:
            if not _keeps_credit(b):
                captions.append(" ".join(b.lines))
        body = [b for b in body[:opening] if _keeps_credit(b)] + body[opening:]
    jump_in = next((i for i, b in enumerate(body) if _JUMP_IN.match(b.lines[0])), None)
    if jump_in is not None:  # 上接B01版: what stands above it are the photos' captions
        captions += [" ".join(b.lines) for b in body[:jump_in] if not _keeps_credit(b)]
        body = [b for b in body[:jump_in] if _keeps_credit(b)] + body[jump_in + 1 :]
    body = [b for b in body if not _POINTER.match(b.lines[0])]
    units: list[str] = []
    for i, b in enumerate(body):
        if len(b.lines) > 1 and not _keeps_credit(b):
            captions.append(" ".join(b.lines))
        elif i == len(body) - 1 and i > 0 and _is_tag(b.lines[0]) and not source_line(b.lines[0]):
            captions.append(b.lines[0])
        else:
            units += b.lines
    units = _leading_labels(units, captions, opened=opening is not None or jump_in is not None)
    units = _profile_box(units, captions)
    tail = len(units)
    while tail > 0 and len(units[tail - 1]) <= 20 and not units[tail - 1].endswith(_STOPS):
        tail -= 1
    if len(units) - tail >= 3 and tail > 0:  # an info box after the story (时间：… 地点：…)
        captions.append(" ".join(units[tail:]))
        del units[tail:]
    d = Draft(page, story.head + units, continues=story.continues, head_count=len(story.head))
    d.captions += captions
    d.subheads = story.subheads
    return d


#: A paragraph this long ending a sentence is body, not a caption above a byline.
INTRO_MIN = 80


def _intro_above(blocks: list[Block]) -> bool:
    """Body text above a byline: a long finished paragraph that no photo caption reads like
    (an interview's intro over its guest list and ``本报记者：X``)."""
    return any(
        len(b.lines) == 1
        and len(b.lines[0]) >= INTRO_MIN
        and b.lines[0].endswith(_STOPS)
        and not _CAPTION_START.match(b.lines[0])
        and not inline_caption(b.lines[0])
        for b in blocks
    )


_CAPTION_START = re.compile(r"^(?:图为|[上下左右中]图|图[①②③④⑤⑥⑦⑧⑨\d]|视频截图|资料图)")


def _bare_dispatch(b: Block) -> bool:
    """A dated dispatch alone on the story's last line (``新华社贵阳4月27日电``): it closes the
    story, it opens none."""
    closed = closing_dateline(b.lines[0]) if len(b.lines) == 1 else None
    return closed is not None and not closed[0]


def _leading_labels(units: list[str], captions: list[str], *, opened: bool) -> list[str]:
    """Photo labels at the top of a story with no opening byline (an advertorial's product
    names, ``扫码预约直播``): three or more short lines without a final mark before the body, or
    two very short ones (``仇琴芳`` / ``钱塘龙井``); two longer ones are a two-line subhead."""
    if opened:
        return units
    n = 0
    while n < len(units) and len(units[n]) <= 16 and not units[n].endswith(_STOPS):
        if is_byline_line(units[n], bare=False) or credit_line(units[n]):
            break
        n += 1
    labels = n >= 3 or (n == 2 and max(len(u) for u in units[:2]) <= 6)  # else: a subhead
    if labels and n < len(units):
        captions += units[:n]
        return units[n:]
    return units


#: A line of a doctor's or teacher's profile box: title, clinic hours.
_PROFILE = re.compile(
    r"(?:主任中医师|主治中医师|主任医师|中医师|医师)[，：]|坐诊|出诊时间|门诊时间"
)


def _profile_box(units: list[str], captions: list[str]) -> list[str]:
    """A profile box closing a story (``朱万平`` / ``朱万平，元代医学家…`` / ``坐诊时间`` / …):
    from a short label line without a final mark to the end, with a doctor's title or
    clinic hours in it. Not body: it becomes one caption."""
    for i in range(max(1, len(units) - 12), len(units) - 1):
        label = units[i]
        if len(label) > 16 or label.endswith(_STOPS) or not units[i - 1].endswith(_STOPS):
            continue
        rest = units[i:]
        if sum(bool(_PROFILE.search(u)) for u in rest) >= 2:
            captions.append(" ".join(rest))
            return units[:i]
    return units


def _is_byline_block(b: Block) -> bool:
    """A byline opening the story: people with a role, not a school or a credit (a pupil's
    class line: see ``_is_class_line``)."""
    if len(b.lines) != 1 or _is_class_line(b):
        return False
    bylines = is_byline_line(b.lines[0], bare=False) or ()
    return any(x.role in _SIGNERS for x in bylines)


_SIGNERS = ("reporter", "correspondent", "author", "commentator", "intern")


def _is_class_line(b: Block) -> bool:
    """``三（1）班 陈礼鳌``: a pupil's byline. Several on one page sign essays inside the record
    (their titles stay in the body as subheads); a single one opens its essay."""
    line = b.lines[0]
    return len(b.lines) == 1 and "班" in line and is_byline_line(line, bare=False) is not None


def _keeps_credit(b: Block) -> bool:
    """A block read for its credits (``记者 X 摄``, ``制图 X``, ``…  王建才 摄``)."""
    return any(
        photo_credit(x) or credit_line(x) or _ROLE_WORD.search(x) and is_byline_line(x, bare=False)
        for x in b.lines
    ) or (len(b.lines) == 1 and bool(_CREDIT_TAIL.search(b.lines[0]) or inline_caption(b.lines[0])))


#: ``上接B01版``: the rest of a story that began on another page.
_JUMP_IN = re.compile(r"^[（(]?上接(?:第)?[A-H]?\d{1,2}版[)）]?$")
#: ``告别新闻  A07``: a front-page teaser's pointer to the page with the story.
_POINTER = re.compile(r"^[\u4e00-\u9fffA-Za-z]{2,10}\s+[A-H]\d{2}(?:版)?$")
_ROLE_WORD = re.compile(r"记者|通讯员|摄|制图|供图|寄思人")
_CREDIT_TAIL = re.compile(r"\s(?:摄|供图)$|摄$")


def _is_tag(line: str) -> bool:
    """A district or section tag after a story: ``富阳区``, ``上城区``."""
    return len(line) <= 6 and " " not in line and not re.search(r"[。，！？：、]", line)


def is_head_block(b: Block) -> bool:
    """A flush-left block of short lines without a full stop inside."""
    if not b.flush:
        return False
    return all(len(x) <= MAX_HEAD_LINE and "。" not in x[:-1] for x in b.lines)


def is_imprint(units: list[str]) -> bool:
    """Most lines are imprint fields (address, postal code, price, printer)."""
    hits = sum(bool(_IMPRINT.match(u)) for u in units)
    return hits >= 2 and hits * 2 >= len(units)


_PHONE = re.compile(r"\d{3,4}-\d{7,8}")


def _is_box(body: list[str]) -> bool:
    """A hotline or contact box under a label (``大家健康``): no sentence, a phone number."""
    return not any(u.endswith(_STOPS) for u in body) and any(_PHONE.search(u) for u in body)


#: A pupil's school on a line of its own: ``杭州市东润外国语学校``, ``…实验学校（小学部）``.
_SCHOOL = re.compile(
    r"^[\u4e00-\u9fff]{2,24}(?:学校|小学|中学|学院|幼儿园)(?:[（(][\u4e00-\u9fff]{1,6}[)）])?$"
)


def _join_school_lines(blocks: list[Block]) -> list[Block]:
    """A school line right above a class line is one byline with it (``杭州市东润外国语学校`` /
    ``三（1）班 陈礼鳌``); a school line alone heads a section and stays body."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and len(prev.lines) == 1
            and _SCHOOL.match(prev.lines[0])
            and _is_class_line(b)
            and not prev.flush
        ):
            out[-1] = Block([f"{prev.lines[0]} {b.lines[0]}"], False, [True])
        else:
            out.append(b)
    return out


def _signs_head(b: Block, story: _Story) -> bool:
    """A flush author line right under a headline block (``本报记者 张典标``, ``李志明``):
    the story's byline, printed flush like the headline above it."""
    return (
        b.flush
        and bool(story.head)
        and not story.body
        and len(b.lines) == 1
        and author_line(b.lines[0]) is not None
    )


def _signs_end(b: Block, story: _Story) -> bool:
    """A flush credit closing the story above (``(本报记者张武岳)``, ``（据新华社）``): printed
    flush like a headline, it belongs to the story."""
    if not b.flush or len(b.lines) != 1 or not story.body:
        return False
    line = b.lines[0]
    closing = closing_byline(line)
    return bool(closing and not closing[0]) or bool(closing_credit(line) or source_line(line))


#: A flush subhead is at most this long (``拒绝的底气``, ``亮点二：推动改革成果制度化``).
SUBHEAD_MAX = 30


def _flush_subhead(blocks: list[Block], j: int, story: _Story) -> bool:
    """A centred subhead, printed flush like a headline: one short line without a final
    mark, after a finished paragraph that closes no story (no closing credit, byline or
    dateline) and over an indented paragraph that opens none (no byline or dateline)."""
    b = blocks[j]
    if not b.flush or len(b.lines) != 1 or not story.body or j + 1 >= len(blocks):
        return False
    line, nxt, prev = b.lines[0], blocks[j + 1], story.body[-1].lines[-1]
    if len(line) > SUBHEAD_MAX or line.endswith(_STOPS) or not prev.endswith(_STOPS):
        return False
    under = nxt.lines[0]
    if nxt.flush or _opens(under) or (len(under) <= SUBHEAD_MAX and not under.endswith(_STOPS)):
        return False
    return not _closes(prev)


def _closes(line: str) -> bool:
    """A story's last line: a closing credit, byline or source, or a closing dateline."""
    return bool(
        closing_byline(line)
        or closing_credit(line)
        or source_line(line)
        or glued_source(line)
        or closing_dateline(line)
    )


def split_blocks(
    page: RawPage, *, subheads_flush: bool = False
) -> tuple[list[Draft], list[Problem]]:
    """Drafts of one indented page (each with its headline lines counted), and what was
    dropped. ``subheads_flush``: the issue signs its stories under the headline
    (conventions ``heads_signed``), so a lone flush line inside a story is a subhead."""
    number = page.number or 0
    stories: list[_Story] = []
    problems: list[Problem] = []
    blocks = _join_school_lines(page_blocks(page))
    for j, b in enumerate(blocks):
        cur = stories[-1] if stories else None
        if cur and subheads_flush and _flush_subhead(blocks, j, cur):
            cur.subheads.add(b.lines[0])
        if cur and (_signs_head(b, cur) or _signs_end(b, cur) or b.lines[0] in cur.subheads):
            cur.body.append(Block(b.lines, False, [True] * len(b.lines)))
        elif is_head_block(b):
            stories.append(_Story(head_slots(b), [], head_lines=b.lines))
        elif stories:
            stories[-1].body.append(b)
        else:
            stories.append(_Story([], [b], continues=True))
    kept: list[Draft] = []
    for story in stories:
        d = _units(story, number)
        body = d.units[d.head_count or 0 :]
        if is_imprint(story.head_lines + [x for b in story.body for x in b.lines]):
            problems.append(Problem("imprint", number, f"dropped the imprint block {d.units[0]}"))
        elif not body and not d.continues:
            problems.append(
                Problem("dropped-item", number, f"headline without a body: {d.units[0]}")
            )
        elif _is_box(body):
            problems.append(Problem("dropped-item", number, f"a box, not a story: {d.units[0]}"))
        else:
            kept.append(d)
    return kept, problems
