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
from dataclasses import dataclass, field, replace

from syndicate.model import SIGNING_ROLES, Byline, Problem
from syndicate.parse.articles import (
    BOX_LABEL,
    JUMP_LINE,
    LAW_OPENING,
    SEE_PAGE,
    SIDEBAR_LABEL,
    Draft,
    inline_caption,
    submission_call,
    verse_credit,
)
from syndicate.parse.conventions import (
    BODY_LENGTH,
    STANZA_LINES,
    VERSE_LINE,
    is_stanza,
    stanza_flags,
)
from syndicate.parse.dateline import (
    author_line,
    bare_names,
    closing_byline,
    closing_credit,
    closing_dateline,
    credit_line,
    glued_byline,
    is_byline_line,
    match_dateline,
    photo_credit,
    role_alone,
    signature_line,
)
from syndicate.parse.headline import ends_sentence, notice_title
from syndicate.parse.pages import RawPage
from syndicate.parse.repair import excerpt
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
    #: Two blank lines stood before it (an empty paragraph in the source).
    wide: bool = False
    #: A headline of its own under the headline above (``RawPage.apart``).
    apart: bool = False


def page_blocks(page: RawPage) -> list[Block]:
    """The page's blocks, in order."""
    blocks: list[Block] = []
    wide = page.wide_gap if len(page.wide_gap) == len(page.lines) else [False] * len(page.lines)
    for n, (line, ind, gap, w) in enumerate(
        zip(page.lines, page.indented, page.after_gap, wide, strict=True)
    ):
        if gap or not blocks:
            blocks.append(Block(flush=not ind, wide=w, apart=n in page.apart))
        blocks[-1].lines.append(line)
        blocks[-1].indented.append(ind)
    return blocks


def mend_gaps(page: RawPage, *, gapless: bool) -> None:
    """Start a block where the margin says one starts though no blank line stands there.

    In a paper that indents its paragraphs a headline block is flush left; its indented
    lines continue a slot, and its flush lines after an indented one finish a broken title.
    So inside a block that began flush and holds only headline lines: an indented line that
    cannot be a headline line (a sentence, a byline, a dateline, a lead box's label, in a
    gapless text a line of body length), or that follows a byline, starts the body. After a
    body line, a flush line starts a headline block. In a ``gapless`` text (the indent alone
    marks a paragraph) every indented line after body starts a paragraph of its own, and
    the gap closing a labelled lead box (``核心阅读`` and up to two lines) is an empty
    paragraph (``wide``), the box's end.
    """
    head = False  # the block being read began flush and has only headline lines so far
    # no blank line at all: a flush author line (``李洪兴``) under the headline's flush lines
    # is a block of its own, and so are the flush 提要 lines under it, as if blank lines
    # stood between them (split_blocks reads them as byline and deck, not as headline)
    bare = gapless and not any(page.after_gap[1:])
    wide = len(page.wide_gap) == len(page.lines)
    for i, (line, ind) in enumerate(zip(page.lines, page.indented, strict=True)):
        if bare and i > 0 and not ind and not page.indented[i - 1]:
            if _author_under(page, i):
                page.after_gap[i] = True
                if i + 1 < len(page.lines) and not page.indented[i + 1]:
                    page.after_gap[i + 1] = True
            elif i > 1 and page.indented[i - 2] and _closes_flush(page.lines[i - 1]):
                page.after_gap[i] = True  # a flush closing credit, then the next headline
            elif BOX_LABEL.fullmatch(line):
                page.after_gap[i] = True  # ``核心阅读`` under the headline
        if i == 0 or page.after_gap[i]:
            if gapless and wide and ind and i > 0 and page.indented[i - 1]:
                # no blank line parts paragraphs here: one (or a spacer line of full-width
                # spaces) closing a labelled lead box (核心阅读 and its lines) is an empty
                # paragraph, the box's end
                labels = page.lines[max(0, i - 1 - BOX_BLOCKS) : i - 1]
                if any(BOX_LABEL.fullmatch(x) for x in labels):
                    page.wide_gap[i] = True
            head = not ind and _head_line(line)
            continue
        if head:
            if ind and (
                not _head_line(line)
                or _opens(line)
                or _under_head(line, gapless)
                or bare
                and _sentence_end(line)
            ):
                page.after_gap[i], head = True, False
            elif ind and (_author_over_body(page, i) or BOX_LABEL.fullmatch(line)):
                page.after_gap[i], head = True, False  # ``　　张战``, ``　　核心阅读``
            elif ind and is_signer_line(page.lines[i - 1]):  # the text under a byline
                page.after_gap[i], head = True, False
            elif not ind and is_signer_line(line):  # a flush byline under the headline
                page.after_gap[i], head = True, False
            elif not _head_line(line):
                head = False
        elif not ind and page.indented[i - 1] and _head_line(line):
            page.after_gap[i], head = True, not is_signer_line(line)
        elif gapless and ind:
            page.after_gap[i] = True


def _sentence_end(line: str) -> bool:
    """Ends with a full stop, question or exclamation mark (a quoted phrase does not)."""
    return line.rstrip("”’」』").endswith(("。", "！", "？", "…", "!", "?"))


def _closes_flush(line: str) -> bool:
    """A story's last line printed flush: a closing credit or byline, or a photo credit."""
    return _closes(line) or bool(photo_credit(line))


def _author_over_body(page: RawPage, i: int) -> bool:
    """``page.lines[i]`` names the author (``张战``, ``山东省委书记 林武``) and the line
    under it is indented too (body or 提要): the headline's last line is its byline, not a
    slot's continuation."""
    if author_line(page.lines[i]) is None or i + 1 >= len(page.lines):
        return False
    return page.indented[i + 1]


def _author_under(page: RawPage, i: int) -> bool:
    """``page.lines[i]`` names an author, alone, under a flush headline line."""
    above = page.lines[i - 1]
    return _head_line(above) and author_line(page.lines[i]) is not None


def _under_head(line: str, gapless: bool) -> bool:
    """An indented line right under a flush headline that is no slot of it: a lead box's
    label (``核心阅读``), or in a gapless text a line of body length (a 提要 line)."""
    return bool(BOX_LABEL.fullmatch(line)) or (gapless and len(line) >= BODY_LENGTH)


def is_signer_line(line: str) -> bool:
    """A byline of people with a role (``新华社记者 胡璐 韩佳诺``), never a headline line."""
    bylines = is_byline_line(line, bare=False) or ()
    return any(x.role in SIGNING_ROLES for x in bylines)


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
    #: The item's author or lyricist, printed under its title inside a box (``陈  涛``,
    #: ``作词：朱  海``).
    signed: list[Byline] = field(default_factory=list)
    #: The box's banner over the item (``歌韵``, ``心曲``).
    box: str | None = None
    #: Flush 提要 blocks taken under the byline (the byline is the body's first block).
    decked: int = 0


def _units(story: _Story, page: int) -> Draft:
    """The draft of a story: display text before an opening byline, boxes (blocks of several
    lines: profiles, QR call-outs, info boxes) and a closing tag line become captions."""
    body, summary = _lead_box(story.body)
    body = _stanzas(body)
    signs = [Byline("editor", "编者", "——编者") for b in body if _EDITOR_SIGN.match(b.lines[0])]
    body = [b for b in body if not _EDITOR_SIGN.match(b.lines[0])]  # a note's signature
    captions: list[str] = []
    signed = [i for i, b in enumerate(body) if _is_byline_block(b) and not _signs_off(body, i)]
    if not signed and story.head and (n := _author_over_text(body)):
        # ``赵世堂`` under the headline, over the text: its author, not a label; the short
        # lines between it and the text are the photos' captions
        captions += [b.lines[0] for b in body[1:n]]
        body = body[:1] + body[n:]
        signed = [0]
    pupils = [  # not a class line signing a piece off under a dash signature (——school)
        i
        for i, b in enumerate(body)
        if _is_class_line(b) and not (i > 0 and signature_line(body[i - 1].lines[-1]))
    ]
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
    intro = _intro(body[:opening]) if opening is not None else []
    if opening is not None and not intro and _intro_above(body[:opening]):
        opening = None  # an interview's intro and guest list over the byline: body
    if opening is not None and opening + 1 - dated_last < len(body):
        for b in body[:opening]:
            if not _keeps_credit(b) and not any(b is x for x in intro):
                captions.append(" ".join(b.lines))
        kept = [b for b in body[:opening] if _keeps_credit(b) or any(b is x for x in intro)]
        body = kept + body[opening:]
    jump_in = next((i for i, b in enumerate(body) if JUMP_LINE.match(b.lines[0])), None)
    if jump_in is not None:  # 上接B01版: what stands above it are the photos' captions
        captions += [" ".join(b.lines) for b in body[:jump_in] if not _keeps_credit(b)]
        body = [b for b in body[:jump_in] if _keeps_credit(b)] + body[jump_in + 1 :]
    body = [b for b in body if not POINTER.match(b.lines[0])]
    units: list[str] = []
    boxed: str | None = None  # an indented run under the headline taken for a box
    for i, b in enumerate(body):
        if len(b.lines) > 1 and not _keeps_credit(b) and not _dispatch_run(b):
            captions.append(" ".join(b.lines))
            if i == 0 and story.head and _text_run(b):
                boxed = " ".join(b.lines)
        elif (
            i == len(body) - 1
            and i > 0
            and _is_tag(b.lines[0])
            and not source_line(b.lines[0])
            and not body[i - 1].lines[-1].endswith(("：", ":"))  # 委员： / 林娜（女）: a list
        ):
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
    head, box = story.head, story.box
    if box is None and len(head) > 1 and SIDEBAR_LABEL.fullmatch(head[0]):
        head, box = head[1:], head[0]  # ``相关链接`` over the box's title: its kicker
    d = Draft(page, head + units, continues=story.continues, head_count=len(head))
    d.rest_of = jump_in is not None
    if boxed is not None and units:  # the story's first paragraphs, or a box over it?
        d.problems.append(Problem("box-or-text", page, excerpt(boxed, 16)))
    d.captions += captions
    d.subheads = story.subheads
    d.summary = summary
    d.bylines += story.signed + signs
    d.box_label = box
    return d


#: A photo's caption or credit (``图为…``, ``…摄``, ``供图``): a caption for certain.
_PHOTO_WORD = re.compile(r"摄|图[为片示：:/／]|[供制配]图|^[（(]?图")


def _text_run(b: Block) -> bool:
    """A box whose lines are each indented, ending a sentence, and no photo's caption: with
    the body under it, two paragraphs run together read exactly so (a doubt, ``box-or-text``).
    A call-out's short display lines (``扫码留言`` / ``参与活动``) end no sentence."""
    return (
        len(b.indented) == len(b.lines)
        and all(b.indented)
        and ends_sentence(b.lines[-1])
        and not any(_PHOTO_WORD.search(x) for x in b.lines)
    )


def _dispatch_run(b: Block) -> bool:
    """Lines each indented, the first opening with a dateline (``本报北京1月15日电``): a
    story's first paragraphs with no blank line between them, not a box, which never opens
    on a dispatch."""
    return (
        len(b.indented) == len(b.lines)
        and all(b.indented)
        and match_dateline(b.lines[0]) is not None
    )


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


#: An item's title line in a box of signed pieces is at most this long.
ITEM_TITLE = 24


def _signer(blocks: list[Block], i: int) -> list[Byline] | None:
    """``blocks[i]`` is a title-shaped line (one short line without a final mark) and the
    block under it names its author: a bare name (``陈  涛``) or a credit line (``作词：朱  海``).
    Returns that byline."""
    if i + 2 >= len(blocks) or len(blocks[i].lines) != 1 or len(blocks[i + 1].lines) != 1:
        return None
    title, under = blocks[i].lines[0], blocks[i + 1].lines[0]
    if len(title) > ITEM_TITLE or ends_sentence(title) or title.endswith(("：", ":", "——")):
        return None
    if credit := verse_credit(under):
        return [credit]
    by = is_byline_line(under, bare=True)
    if by and len(under) <= 12 and all(x.role == "author" for x in by):
        return list(by)
    return None


def _signed_items(story: _Story) -> list[_Story]:
    """A box of signed pieces under one banner (a page's 心曲 of short essays, a 歌韵 of song
    lyrics): where the body opens with a title line over its author's line, or has one after
    a finished paragraph, and at least one more such pair follows, each pair starts an item
    of its own; a banner over the first pair is the items' kicker."""
    body = story.body
    starts = [i for i in range(len(body)) if _signer(body, i)]
    starts = [i for k, i in enumerate(starts) if k == 0 or i > starts[k - 1] + 2]
    if len(starts) < 2 or not story.head:
        return [story]
    if starts[0] > 0 and not ends_sentence(body[starts[0] - 1].lines[-1]):
        return [story]
    ends = starts[1:] + [len(body)]
    if not all(_piece(body[i + 2 : e]) for i, e in zip(starts, ends, strict=True)):
        return [story]  # labels over names (a shop's products), not pieces of writing
    banner = " ".join(story.head) if starts[0] == 0 else None  # else a story of its own
    items = [] if starts[0] == 0 else [replace(story, body=body[: starts[0]])]
    for k, i in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(body)
        by = _signer(body, i) or []
        items.append(
            _Story(
                [body[i].lines[0]],
                body[i + 2 : end],
                head_lines=[body[i].lines[0]],
                signed=by,
                box=banner,
            )
        )
    return items


def _piece(blocks: list[Block]) -> bool:
    """Writing under a title: a sentence of some length, or four lines of verse."""
    lines = [x for b in blocks for x in b.lines]
    prose = any(len(x) >= 20 and ends_sentence(x) for x in lines)
    return prose or sum(_verse_line(b) for b in blocks) >= STANZA_LINES


#: A sidebar's headline line is at most this long.
SIDEBAR_HEAD = 20


def _sidebars(story: _Story) -> list[_Story]:
    """A sidebar set into a story (a ``链接`` box): after paragraphs of the story, one to three
    short lines without a final mark (its headline, under a label such as ``链接``) over a
    dateline, or under such a label over an opening byline, start an item of its own. Without
    such lines a dateline inside a story stays where it is."""
    body = story.body
    for k in range(2, len(body)):
        first = body[k].lines[0]
        if not (match_dateline(first) or _is_byline_block(body[k])):
            continue
        j = k
        while j > 0 and k - j < 3 and _sidebar_head(body[j - 1]):
            j -= 1
        above = [x for b in body[:j] for x in b.lines]
        if j == k or not any(len(x) >= 40 and ends_sentence(x) for x in above):
            continue
        head = [b.lines[0] for b in body[j:k]]
        label = head.pop(0) if len(head) > 1 and SIDEBAR_LABEL.fullmatch(head[0]) else None
        if label is None and not match_dateline(first):
            continue  # over a byline only under a label: else an interview's guest lines
        rest = _Story([" ".join(head)] if head else [], body[k:], head_lines=head, box=label)
        return [replace(story, body=body[:j]), *_sidebars(rest)]
    return [story]


def _sidebar_head(b: Block) -> bool:
    line = b.lines[0]
    return (
        len(b.lines) == 1
        and len(line) <= SIDEBAR_HEAD
        and not ends_sentence(line)
        and not (line.endswith(("：", ":", "，")))
    )


def _verse_line(b: Block) -> bool:
    """A short line without a label's colon that is no credit or byline."""
    line = b.lines[0]
    return (
        len(b.lines) == 1
        and len(line) <= VERSE_LINE
        and not re.search(r"[：:]", line)
        and not (_keeps_credit(b) or is_byline_line(line, bare=False))
    )


def _stanzas(body: list[Block]) -> list[Block]:
    """Runs of four or more lines of verse become stanzas, one block each, its lines kept
    apart by line breaks; an empty paragraph (two blank lines) ends a stanza. Verse: short
    lines, most without a final mark (a song's lyrics), or clauses ending in a comma or a full
    stop in turn (``垃圾要分类，`` / ``存储有“收益”。``: a jingle); and only where it is the
    whole body (a poem, a song) or follows a lead-in ending in a colon (``这正是：``), never
    short lines over a story (photo captions, labels)."""
    out: list[Block] = []
    i = lead = 0
    if len(body) > 2 and author_line(body[0].lines[0]) and all(map(_verse_line, body[1:])):
        out.append(body[0])  # a poem's author over its lines: the byline, not verse
        i = lead = 1
    stanzas = _stanza_blocks(body)
    while i < len(body):
        b = body[i]
        if stanzas[i]:
            out.append(Block(["\n".join(b.lines)], False, [True], wide=b.wide))
            i += 1
            continue
        j = i
        while j < len(body) and _verse_line(body[j]) and (j == i or not body[j].wide):
            j += 1
        run = [b.lines[0] for b in body[i:j]]
        open_ = sum(not ends_sentence(x) and not x.endswith(("，", "；")) for x in run)
        commas = sum(x.endswith(("，", "；")) for x in run)
        whole = i == lead and all(_verse_line(b) or b.wide for b in body[lead:])
        led = i > 0 and body[i - 1].lines[-1].endswith(("：", ":"))
        verse = 2 * open_ > len(run) or 2 * commas >= len(run)
        if (
            len(run) >= STANZA_LINES
            and verse
            and (whole or led or out and "\n" in out[-1].lines[0])
        ):
            out.append(Block(["\n".join(run)], False, [True], wide=body[i].wide))
            i = j
        else:
            out.append(body[i])
            i += 1
    return out


def _stanza_blocks(body: list[Block]) -> list[bool]:
    """Which blocks are stanzas printed as one block each (``conventions.stanza_flags``), or
    stanza-shaped blocks in a body of verse only (a poem under its headline)."""
    lines = [b.lines for b in body]
    shaped = [is_stanza(x) for x in lines]
    rest = [b for b, s in zip(body, shaped, strict=True) if not s]
    if any(shaped) and all(_verse_line(b) or author_line(b.lines[0]) for b in rest):
        return shaped
    return stanza_flags(lines)


#: The label of a lead box over a story: 核心阅读, 提要, 编者按, 导读.
_BOX_LABEL = re.compile(r"^(?:核心阅读|核心提示|内容提要|提要|编者按|导读|阅读提示)[：:]?")
#: An editor's note's signature: ``——编  者``, ``——编者``.
_EDITOR_SIGN = re.compile(r"^[—-]{1,2}\s*编\s*者$")
#: A lead box is at most this many blocks (label included) and this many characters.
BOX_BLOCKS = 3
BOX_CHARS = 400


def _lead_box(body: list[Block]) -> tuple[list[Block], list[str]]:
    """A lead box at the top of a story and the body without it.

    A box is the first blocks of the body, set off from the story by an empty paragraph
    (two blank lines), at most three blocks and a few hundred characters, over at least
    two blocks of story: a 核心阅读 box, 提要 lines, an editor's note signed ``——编  者``, a
    pull-quote. A labelled box (``核心阅读``) without that gap is the label and one block."""
    if not body:
        return body, []
    labelled = bool(_BOX_LABEL.match(body[0].lines[0]))
    end = next((k for k in range(1, min(len(body), BOX_BLOCKS + 1)) if body[k].wide), None)
    if end is None and labelled and len(body) > 3:
        end = 2
    if end is None or len(body) - end < 2:
        return body, []
    box = body[:end]
    lines = [x for b in box for x in b.lines]
    if sum(map(len, lines)) > BOX_CHARS and not labelled:
        return body, []
    if any(match_dateline(x) or _is_byline_block(b) for b in box for x in b.lines):
        return body, []
    label = _BOX_LABEL.match(lines[0])
    if label:
        lines[0] = lines[0][label.end() :].strip()
    return body[end:], [x for x in lines if x and not _EDITOR_SIGN.match(x)]


#: A column label printed alone over a story's first paragraph is this short.
COLUMN_LABEL = 5
#: A run-in section label (``帮忙>>>``) points into the text under it.
_RUN_IN = re.compile(r"(?:>{2,}|》{2,})$")
#: A paragraph of a series' introduction is at least this long, and one of them twice as long.
INTRO = 20


def _intro(above: list[Block]) -> list[Block]:
    """A series' introduction printed above the byline (under its label ``寻找杭州100个主理人``):
    two or more finished paragraphs right over the byline, one of them long, are text, not
    display (a caption is one line or carries its photo's credit)."""
    run: list[Block] = []
    for k in range(len(above) - 1, -1, -1):
        b = above[k]
        line = b.lines[0]
        # a short sentence right under the headline opens it (``一场演唱会，“点燃”一座城。``)
        short = len(line) < INTRO and not (k == 0 and line.endswith(("。", "！", "？")))
        if len(b.lines) != 1 or short or not line.endswith(_STOPS):
            break
        if _keeps_credit(b):
            break
        run.insert(0, b)
    # the introduction stands right under the headline, at most its label over it: finished
    # paragraphs over a byline further down a story are that story's text, not an intro
    rest = above[: len(above) - len(run)]
    labelled = not rest or (
        len(rest) == 1 and len(rest[0].lines) == 1 and not rest[0].lines[0].endswith(_STOPS)
    )
    if not labelled:
        return []
    if len(run) == 1 and _lead_over_byline(run[0].lines[0]):
        return run  # one lead paragraph over the byline (as 南方日报 prints): text
    return run if len(run) >= 2 and any(len(b.lines[0]) >= 3 * INTRO for b in run) else []


def _lead_over_byline(line: str) -> bool:
    """A lead paragraph, not a photo's caption: long, a sentence or more, naming no photo."""
    return len(line) >= 3 * INTRO and not _CAPTION_START.match(line) and "摄" not in line[-12:]


def _leading_labels(units: list[str], captions: list[str], *, opened: bool) -> list[str]:
    """Photo labels at the top of a story with no opening byline (an advertorial's product
    names, ``扫码预约直播``): three or more short lines without a final mark before the body, or
    two very short ones (``仇琴芳`` / ``钱塘龙井``); two longer ones are a two-line subhead. One
    of a few characters over a long first paragraph is a column label (``活动播报``)."""
    if opened or (units and LAW_OPENING.match(units[0])):
        return units  # a law's contents (``目 录`` / ``第一章 总则`` …) are its text
    n = 0
    while n < len(units) and len(units[n]) <= 16 and not units[n].endswith(_STOPS):
        if is_byline_line(units[n], bare=False) or credit_line(units[n]):
            break
        n += 1
    labels = n >= 3 or (n == 2 and max(len(u) for u in units[:2]) <= 6)  # else: a subhead
    if (
        n == 1
        and len(units[0]) <= COLUMN_LABEL
        and not BOX_LABEL.fullmatch(units[0])  # 核心阅读 labels the lead box under it
        and not units[0].endswith(("：", ":"))  # a salutation (``各位代表：``) opens the text
        # nor where the story goes on with run-in section lines (求助 … 帮忙>>>): its first one
        and not any(len(u) <= 2 * COLUMN_LABEL and _RUN_IN.search(u) for u in units[2:])
        and n < len(units)
        and len(units[1]) >= 2 * INTRO
        and not _unsigned_author(units)
    ):
        labels = True  # a column label (``活动播报``) over the first paragraph
    if labels and n < len(units):
        captions += units[:n]
        return units[n:]
    return units


def _unsigned_author(units: list[str]) -> bool:
    """The short line over the first paragraph is a name (``南妮``) and nothing else in the
    story signs it: the author of an essay under its title, not a column label."""
    if bare_names(units[0]) is None:
        return False
    return not any(
        glued_byline(u) or closing_byline(u) or is_byline_line(u, bare=False) for u in units[1:]
    )


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
    return any(x.role in SIGNING_ROLES for x in bylines)


def _signs_off(body: list[Block], i: int) -> bool:
    """The byline ``body[i]`` closes the story: finished paragraphs above it, and under it
    only the column's call for contributions (``欢迎赐图投稿，邮箱：…``)."""
    return (
        i > 0
        and ends_sentence(body[i - 1].lines[-1])
        and all(submission_call(x) for b in body[i + 1 :] for x in b.lines)
    )


def _author_over_text(body: list[Block]) -> int:
    """Where the text starts when the story's first block is an author line alone (``赵世堂``,
    ``民政部党组书记、部长 陆治原``) and a paragraph follows, past at most two photo captions:
    the byline of a paper that prints the bare name. 0: it is none."""
    if len(body) < 2 or len(body[0].lines) != 1 or author_line(body[0].lines[0]) is None:
        return 0
    for n in range(1, min(len(body), 4)):
        b = body[n]
        if len(b.lines) != 1:
            return 0
        if len(b.lines[0]) >= 2 * INTRO and b.lines[0].endswith(_STOPS):
            return n
        if not caption_under_byline(b.lines[0]):
            return 0
    return 0


#: A photo caption printed between a byline and the text is at most this long, and longer
#: than a photo's label.
CAPTION_LINE = 40
LABEL_LINE = 6


def caption_under_byline(line: str) -> bool:
    """A short line without a final mark that is neither a byline nor a dateline
    (``《抗日军政大学招生广告》（中国人民抗日战争纪念馆藏）``): a photo's caption. A label of a
    few characters is none (``仇琴芳`` / ``钱塘龙井``: two product photos' labels, no byline)."""
    return (
        LABEL_LINE < len(line) <= CAPTION_LINE
        and not line.endswith(_STOPS)
        and author_line(line) is None
        and match_dateline(line) is None
    )


def _is_class_line(b: Block) -> bool:
    """``三（1）班 陈礼鳌``: a pupil's byline. Several in one indented record sign essays inside
    it (their titles stay in the body as subheads); a single one opens its essay. In a text
    without indents flat.py makes each essay's title over its class line a headline."""
    line = b.lines[0]
    return len(b.lines) == 1 and "班" in line and is_byline_line(line, bare=False) is not None


def _keeps_credit(b: Block) -> bool:
    """A block read for its credits (``记者 X 摄``, ``制图 X``, ``…  王建才 摄``)."""
    return any(
        photo_credit(x) or credit_line(x) or _ROLE_WORD.search(x) and is_byline_line(x, bare=False)
        for x in b.lines
    ) or (len(b.lines) == 1 and bool(_CREDIT_TAIL.search(b.lines[0]) or inline_caption(b.lines[0])))


#: ``告别新闻  A07``: a front-page teaser's pointer to the page with the story.
#: A teaser's pointer to where the story is: to a page (``告别新闻  A07``) or to the paper's
#: website (``>>>详见新民网 www.xinmin.cn``, ``详见新民网``), or where the full text is
#: (``（讲话全文见A02版）``). Not text.
POINTER = re.compile(
    r"^[\u4e00-\u9fffA-Za-z]{2,10}\s+[A-H]\d{2}(?:版)?$"
    r"|^(?:>{2,}|》{1,3})?\s*(?:详见|详情见|更多(?:内容|详情)?(?:请)?见)[^。！？，]{2,40}$"
    rf"|^{SEE_PAGE.pattern}$"
)
_ROLE_WORD = re.compile(r"记者|通讯员|摄|制图|供图|寄思人")
_CREDIT_TAIL = re.compile(r"\s(?:摄|供图)$|摄$")


def _is_tag(line: str) -> bool:
    """A district or section tag after a story: ``富阳区``, ``上城区`` (a photo credit such as
    ``新华社发`` is none)."""
    return (
        len(line) <= 6
        and " " not in line
        and not re.search(r"[。，！？：、—]", line)
        and not photo_credit(line)
    )


def _salutation(b: Block, stories: list[_Story]) -> bool:
    """A speech's or letter's salutation printed flush: one line ending in a colon, the first
    line of the body; right under its headline (``同志们，朋友们：``), or anywhere in a story
    where it addresses people (``各位代表：``, ``袁隆平、钟南山、叶培建等25位同志：``)."""
    line = b.lines[0]
    if len(b.lines) != 1 or not line.endswith(("：", ":")) or not stories:
        return False
    if stories[-1].head and not stories[-1].body and "，" in line:
        return True
    return len(line) <= SALUTATION and _ADDRESSEE.search(line) is not None


#: A salutation is at most this long.
SALUTATION = 40
#: Whom a salutation addresses, closing it: ``…同志：``, ``各位代表：``, ``亲爱的同学们：``,
#: ``“硬骨头六连”全体官兵：``, ``…长者义工组全体成员：``.
_ADDRESSEE = re.compile(
    r"(?:同志|代表|朋友|同学|同胞|老师|乡亲|青年|战友|先生|女士|家人|官兵|队员|师生|职工)们?[：:]$"
    r"|全体[\u4e00-\u9fff]{1,6}[：:]$"
)


def is_head_block(b: Block) -> bool:
    """A flush-left block of short lines without a full stop inside; or a long kicker that
    runs into the title with a dash (``…经过一番苦干，终于——``) over short lines."""
    if not b.flush:
        return False
    if len(b.lines) > 1 and b.lines[0].endswith("——") and len(b.lines[0]) <= MAX_KICKER:
        return is_head_block(Block(b.lines[1:], True, b.indented[1:]))
    if len(b.lines) > 1 and is_head_block(Block(b.lines[:1], True, b.indented[:1])):
        # a long deck under the title: clauses run together with ；, no sentence
        return all(len(x) <= MAX_KICKER and "。" not in x for x in b.lines[1:])
    return all(len(x) <= MAX_HEAD_LINE and "。" not in x[:-1] for x in b.lines)


#: A kicker running into its title with a dash may be this long (sentences inside).
MAX_KICKER = 120


def _long_head(blocks: list[Block], j: int) -> bool:
    """A one-line flush block too long for a headline line but no sentence, right over a
    dispatch that opens with its dateline: a long news headline (``李克强将出席上合组织成员国
    政府首脑（总理）理事会第十八次会议并对乌兹别克斯坦进行正式访问、…``)."""
    b = blocks[j]
    if not b.flush or len(b.lines) != 1 or j + 1 >= len(blocks):
        return False
    line = b.lines[0]
    if not MAX_HEAD_LINE < len(line) <= MAX_KICKER or "。" in line or line.endswith(_STOPS):
        return False
    nxt = blocks[j + 1]
    return not nxt.flush and match_dateline(nxt.lines[0]) is not None


def is_imprint(units: list[str]) -> bool:
    """Most lines are imprint fields (address, postal code, price, printer)."""
    hits = sum(bool(_IMPRINT.match(u)) for u in units)
    return hits >= 2 and hits * 2 >= len(units)


_PHONE = re.compile(r"\d{3,4}-\d{7,8}")


def _notice(story: _Story) -> bool:
    """A notice's title heads the story (``…受理方式公告``): its info lines are its text."""
    return bool(story.head_lines) and notice_title(story.head_lines[-1])


def _is_box(body: list[str]) -> bool:
    """A hotline or contact box under a label (``大家健康``, a shop's ``地址：…`` /
    ``服务热线：…``): no sentence but its own lines, a phone number."""
    return not any(u.endswith(_STOPS) and not box_line(u) for u in body) and any(
        _PHONE.search(u) for u in body
    )


def box_line(u: str) -> bool:
    """A line of a contact box: an address, hours or a phone after its label."""
    return len(u) <= 60 and bool(_CONTACT_LABEL.match(u) or _PHONE.search(u))


_CONTACT_LABEL = re.compile(r"^(?:地址|营业时间|电话|热线|邮编)[：:]\S")


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
    the story's byline, printed flush like the headline above it; so is a flush credit or
    byline under the headline and what else of that kind stands under it."""
    if not b.flush or not story.head or any(not _display_under_head(x) for x in story.body):
        return False
    if len(b.lines) == 1 and not story.body and author_line(b.lines[0]) is not None:
        return True
    # a byline, photo credit or credit line printed flush under the headline (``制图 林叶杨``
    # / ``记者 许晖``, ``滨江樱花大道  橙友X 摄``): it opens the story, it heads none
    if len(b.lines) == 1 and BOX_LABEL.fullmatch(b.lines[0]) and not story.body:
        return True  # ``核心阅读`` over the lead box under the headline
    return all(_opens(x) and len(x) <= MAX_HEAD_LINE or _CAPTION_START.match(x) for x in b.lines)


def _display_under_head(b: Block) -> bool:
    """A block that may stand between a headline and its story's first paragraph."""
    return all(_opens(x) or author_line(x) is not None or _CAPTION_START.match(x) for x in b.lines)


def _pen_name(b: Block, story: _Story) -> bool:
    """A flush line of two to five characters right under a headline (``采药``,
    ``土拍风云局``): the author's name or a column label over the body, never the
    headline's last line."""
    return (
        b.flush
        and bool(story.head)
        and not story.body
        and len(b.lines) == 1
        and bool(_NAME_SHAPED.fullmatch(b.lines[0]))
    )


def _signs_inside(b: Block, story: _Story) -> bool:
    """A byline with a role printed flush after paragraphs of a story (``本报记者  江跃中
    通讯员  孙志勤`` closing one district's section of a roundup): it signs text of the
    story, it heads nothing."""
    return b.flush and bool(story.body) and all(is_signer_line(x) for x in b.lines)


def _byline_runs_on(b: Block, story: _Story) -> bool:
    """A flush byline under a headline whose names run on to a second line (``新华社记者 赵晓辉
    于佳欣`` / ``吴慧珺``, ``本报记者`` / ``方问禹``): one byline, not a headline block."""
    if not (b.flush and story.head and not story.body and len(b.lines) == 2):
        return False
    first = is_byline_line(b.lines[0], bare=False) or ()
    signer = any(x.role in SIGNING_ROLES for x in first) or role_alone(b.lines[0])
    return signer and bare_names(b.lines[1]) is not None


def _signs_end(b: Block, story: _Story) -> bool:
    """A flush credit closing the story above (``(本报记者张武岳)``, ``（据新华社）``): printed
    flush like a headline, it belongs to the story."""
    if not b.flush or len(b.lines) != 1 or not story.body:
        return False
    line = b.lines[0]
    closing = closing_byline(line)
    if bool(closing and not closing[0]) or bool(closing_credit(line) or source_line(line)):
        return True
    if photo_credit(line) or credit_line(line):  # ``牟 科摄（影像中国）``, ``数据来源：X``
        return True
    dispatch = closing_dateline(line)  # ``新华社北京4月29日电`` under the last paragraph
    return dispatch is not None and not dispatch[0]


#: What ends a sentence, so never a subhead (a question may head a section).
_SENTENCE_END = tuple("。！…，；：")
_DASHES = ("——", "—", "--")
#: A flush subhead is at most this long (``拒绝的底气``, ``亮点二：推动改革成果制度化``).
SUBHEAD_MAX = 30


def _flush_subhead(blocks: list[Block], j: int, story: _Story) -> bool:
    """A centred subhead, printed flush like a headline: one short line (or two, broken as
    a centred line is: ``撬动：要素盘活`` / ``供需同发力``) that ends no sentence (a question
    or a closing quote may end it: ``嫌疑人有何“政治动机”``), after a finished paragraph that
    closes no story (no closing credit, byline or dateline) and over an indented paragraph
    that opens none (no byline or dateline)."""
    b = blocks[j]
    if not b.flush or len(b.lines) > 2 or not story.body or j + 1 >= len(blocks):
        return False
    line, nxt, prev = "".join(b.lines), blocks[j + 1], story.body[-1].lines[-1]
    if len(line) > SUBHEAD_MAX or not prev.endswith(_STOPS):
        return False
    if any(x.rstrip("”’").endswith(_SENTENCE_END) or x.startswith(_DASHES) for x in b.lines):
        return False
    under = nxt.lines[0]
    if nxt.flush or _opens(under) or (len(under) <= SUBHEAD_MAX and not under.endswith(_STOPS)):
        return False
    return not _closes(prev) and not _signed_again(blocks, j, story)


def _signed_again(blocks: list[Block], j: int, story: _Story) -> bool:
    """The text under block ``j`` closes with a byline of its own (``(本报记者张武岳)``) while
    the story above was signed under its headline: a story is signed once, so block ``j``
    heads a new piece (a commentary set beside the report), not a section of this one."""
    if not story.body or author_line(story.body[0].lines[0]) is None:
        return False
    for b in blocks[j + 1 :]:
        if closing_byline(b.lines[-1]):
            return True
        if b.flush:
            return False  # the next headline: this piece closed unsigned
    return False


def _closes(line: str) -> bool:
    """A story's last line: a closing credit, byline or source, or a closing dateline."""
    return bool(
        closing_byline(line)
        or closing_credit(line)
        or source_line(line)
        or glued_source(line)
        or closing_dateline(line)
    )


def _deck_under_byline(blocks: list[Block], j: int, story: _Story) -> bool:
    """Flush headline-shaped lines under the byline that stands under a headline, over the
    indented body (``让一体化…`` / ``李洪兴`` / ``形式上“有界”…``): the story's 提要, not a
    new story's headline: a headline is never printed under its own story's byline."""
    b = blocks[j]
    if not story.head or not story.body or story.decked + 1 < len(story.body) or b.apart:
        return False  # (apart: a picture item's credit, then the next story's headline)
    if not _is_author_block(story.body[0]):
        return False
    if not is_head_block(b) or j + 1 >= len(blocks):
        return False
    nxt = blocks[j + 1]
    return not nxt.flush or is_head_block(nxt)


def _is_author_block(b: Block) -> bool:
    return len(b.lines) == 1 and author_line(b.lines[0]) is not None


#: Two to five characters and nothing else under a headline: an author's name or a column
#: label (``采药``, ``土拍风云局``) more than a headline line.
_NAME_SHAPED = re.compile(r"[\u4e00-\u9fff]{2,5}")
#: A headline has at most this many slots (引题, 主题, 副题).
HEAD_SLOTS = 3


def _stacks_onto(b: Block, story: _Story, above: _Story | None) -> bool:
    """A flush headline block right under another with nothing between them: the headline's
    lines were set apart by blank lines (``济宁高新区`` / ``实施产业聚集…`` / ``——局长 杨帆``),
    so it is one headline while it has no more than three slots and repeats no line (a
    repeated line is a run of notices whose bodies were images, and so is the last of
    them: ``福利彩票开奖公告`` twice over the next story's headline)."""
    if not story.head or story.body or story.continues or any(map(_opens, story.head_lines)):
        return False
    if b.apart:
        return False
    if above is not None and not above.body and above.head_lines == story.head_lines:
        return False
    if len(story.head) + len(head_slots(b)) > HEAD_SLOTS or is_imprint(b.lines):
        return False
    if len(b.lines) == 1 and _NAME_SHAPED.fullmatch(b.lines[0]):
        return False  # a pen name or label under the title (``春天茶事`` / ``采药``)
    return not any(x in story.head_lines for x in b.lines)


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
            b = blocks[j] = Block([" ".join(b.lines)], True, [False])  # one subhead
            cur.subheads.add(b.lines[0])
        if cur and _byline_runs_on(b, cur):
            cur.body.append(Block([" ".join(b.lines)], False, [True]))  # one byline
        elif cur and (
            _pen_name(b, cur)
            or _signs_head(b, cur)
            or _signs_end(b, cur)
            or b.lines[0] in cur.subheads
            or _signs_inside(b, cur)
        ):
            cur.body.append(Block(b.lines, False, [True] * len(b.lines)))
        elif cur and _deck_under_byline(blocks, j, cur):  # 提要, read as such by read_draft
            cur.body.append(Block(b.lines, False, [True] * len(b.lines)))
            cur.decked += 1
        elif (is_head_block(b) or _long_head(blocks, j)) and not _salutation(b, stories):
            if cur and _stacks_onto(b, cur, stories[-2] if len(stories) > 1 else None):
                cur.head += head_slots(b)
                cur.head_lines = cur.head_lines + b.lines
            else:
                stories.append(_Story(head_slots(b), [], head_lines=b.lines))
        elif stories:
            stories[-1].body.append(b)
        else:
            stories.append(_Story([], [b], continues=True))
    kept: list[Draft] = []
    items = [part for s in stories for item in _signed_items(s) for part in _sidebars(item)]
    for story in items:
        d = _units(story, number)
        body = d.units[d.head_count or 0 :]
        if is_imprint(story.head_lines + [x for b in story.body for x in b.lines]):
            problems.append(Problem("imprint", number, f"dropped the imprint block {d.units[0]}"))
        elif not body and not d.continues:
            problems.append(
                Problem("dropped-item", number, f"headline without a body: {d.units[0]}")
            )
        elif _is_box(body) and not _notice(story):
            problems.append(Problem("dropped-item", number, f"a box, not a story: {d.units[0]}"))
        else:
            kept.append(d)
    return kept, problems
