"""Split a page into articles and read each one: headline block, bylines, body, credits.

An article starts at the top of a page, or where a headline block stands right above a
dateline or byline (the *anchor*), or where two or more unmistakable headline lines follow a
finished paragraph. Everything else continues the article before it: in-body subheads,
second dispatches (``【又讯】``), photo captions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from syndicate.model import SIGNING_ROLES, Byline, Problem
from syndicate.parse.conventions import line_blocks, stanza_flags
from syndicate.parse.dateline import (
    PADDED_NAME,
    Dateline,
    author_line,
    closing_byline,
    closing_credit,
    closing_dateline,
    credit_line,
    glued_author,
    glued_byline,
    glued_credit,
    is_byline_line,
    match_dateline,
    more_names,
    photo_credit,
    posted_author,
    sign_off,
    signature_line,
    speaker_line,
    split_glued_credit,
)
from syndicate.parse.headline import (
    QUESTION,
    Head,
    bodies_named,
    char_pairs,
    classify_head,
    clause_pair,
    cut_in_two,
    date_only,
    ends_sentence,
    headline_like,
    in_series,
    is_dash_line,
    lead_text,
    most_named_recurs,
    notice_title,
    of_series_form,
    outside_series,
    post_over_name,
    profile_series,
    rhymes_with,
    salutes,
    same_break,
    series_tag,
    shared,
    strong_headline,
    subject_turns,
    wholly_in_series,
)
from syndicate.parse.kinds import BRIEF_HEAD, EDITOR_NOTE, strip_code
from syndicate.parse.names import surname_of
from syndicate.parse.pages import BYLINE_MARKS
from syndicate.parse.slots import classify_slots, runs_on
from syndicate.parse.sources import glued_source, source_line

MAX_HEAD = 6
#: ``（下转第2版）`` at the end of a paragraph: the story jumps to another page.
JUMP_OUT = re.compile(
    r"\s*(?:[（(]\s*下?转(?:第)?\s*(?P<p>[0-9一二三四五六七八九十]{1,3}|[A-H]\d{1,2})\s*版\s*[)）]"
    r"|(?<=[。！？”])下转(?P<code>[A-H]\d{2})版)\s*$"
)
#: ``上接B01版`` alone on its line (``◀上接A01版`` with the web edition's arrow): the rest of a
#: story that began on another page (``JUMP_IN`` reads the bracketed marker opening a paragraph).
JUMP_LINE = re.compile(r"^[◀◆▶►]?\s*[（(]?上接(?:第)?[A-H]?\d{1,2}版[)）]?$")
#: ``（上接第1版）`` opening a page's piece: the rest of a story that jumped here.
JUMP_IN = re.compile(
    r"^[（(]\s*上?接(?:第)?\s*(?P<p>[0-9一二三四五六七八九十]{1,3}|[A-H]\d{1,2})\s*版\s*[)）]\s*"
)


@dataclass
class Draft:
    """An article being read: its units, then what was read from them."""

    page: int
    units: list[str]
    continues: bool = False
    head: list[str] = field(default_factory=list)
    dateline: str | None = None
    place: str | None = None
    bylines: list[Byline] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    jumps_to: bool = False
    #: The first paragraph is what followed the dateline (body text, however short).
    lead: bool = False
    jumped_in: bool = False
    #: the rest of a story under its headline again, marked ``上接A01版``: merged into the story
    #: of that title printed before it, keeping only what that story does not already hold
    rest_of: bool = False
    #: How many leading units are the headline block, when the layout says so (blocks.py);
    #: None: decide line by line.
    head_count: int | None = None
    #: 提要: summary lines printed between the byline and the body, without a final mark.
    decks: list[str] = field(default_factory=list)
    #: The headline lines were printed without continuation indents (a paper that indents
    #: nothing): a slot is a line, and where the title starts may stay open.
    head_flat: bool = False
    #: The issue stores whole titles without kickers (``Conventions.broken_heads``).
    heads_broken: bool = False
    #: A box item's source label (and the box's banner over the first item): the kicker.
    box_label: str | None = None
    #: Units the layout shows to be subheads (a centred line printed flush): never rejoined.
    subheads: set[str] = field(default_factory=set)
    #: The issue prints two-line headlines as kicker over title (slots.kicker_convention).
    kicker_first: bool = False
    #: A lead box's text (核心阅读, an editor's note, a pull-quote over the story).
    summary: list[str] = field(default_factory=list)


def _is_anchor(unit: str) -> bool:
    return match_dateline(unit) is not None or is_byline_line(unit) is not None


#: An editor's pointer to where a text is printed in full: ``（讲话全文见A02版）``,
#: ``（详细报道见第3版）``, or a teaser's page code alone (``A02``, ``（A04）``). Neither
#: headline nor text.
SEE_PAGE = re.compile(
    r"(?:[（(][^（()）]{1,16}见(?:第)?[A-H]?\d{1,2}版[)）])+|[（(]?[A-H]\d{2}版?[)）]?"
)


def _pointer(unit: str) -> bool:
    """``SEE_PAGE`` (the cheap test first: a page code has a digit and is short or says 版)."""
    return (len(unit) <= 6 or "版" in unit) and SEE_PAGE.fullmatch(unit) is not None


def _jump_line(unit: str) -> bool:
    """``JUMP_LINE`` (the cheap test first)."""
    return "上接" in unit[:6] and JUMP_LINE.match(unit) is not None


def _is_aside(unit: str) -> bool:
    """Credits, closing credits and pointers: never headlines, never body."""
    return bool(
        _pointer(unit)
        or _jump_line(unit)
        or photo_credit(unit)
        or credit_line(unit)
        or closing_credit(unit)
        or inline_caption(unit)
        or source_line(unit)
    )


def _signature_alone(unit: str) -> bool:
    """A closing byline on a line of its own (``（执笔：汤俊峰）``, ``（邓敏）``): the story above
    ends there, so it tops no headline under it."""
    if not unit.endswith(("）", ")")):
        return False
    closing = closing_byline(unit)
    return closing is not None and not closing[0]


#: A speech's last words on a line of their own (``谢谢大家！``): the story above ends there.
THANKS = re.compile(r"(?:谢谢|感谢)(?:大家|各位|您|你们)?[！!。]?")


def _head_run(units: list[str], j: int, floor: int, *, strong: bool) -> int:
    """Index where the run of headline lines ending just before ``j`` starts."""
    ok = strong_headline if strong else headline_like
    k = j
    while k > floor and j - k < MAX_HEAD:
        u = units[k - 1]
        if (
            _is_anchor(u)
            or _is_aside(u)
            or _signature_alone(u)
            or THANKS.fullmatch(u)
            or info_line(u)
            or date_only(u)
            or _label_line(u)
            or not (ok(u) or _speaks_over(units, k - 1, j))
        ):
            if strong and k < j and _quoted_hook(u):
                return k - 1  # a quotation over the title: the kicker tops the block
            if not (strong and k == j and _quoted_deck(units, k - 1, floor)):
                break
        if not strong and k < j and (u.endswith(("。", "…")) or _is_quotation(u)):
            if not (_is_list_kicker(u) or _quoted_over_dash(u, units[k])):
                break
        k -= 1
    return k


#: A line of an info box closing a story (address, phone, hours, venue, tickets): it belongs
#: to the story above, never to the headline of the next.
_INFO = re.compile(
    r"^(?:地址|地点|电话|联系电话|咨询电话|热线|营业时间|开放时间|活动时间|时间|门票|票价|报名方式|"
    r"主办|承办|协办|网址|邮箱|导航|乘车路线|交通)[：:]\S"
)


#: A label of an info box with a longer name: ``受理举报电话：``, ``督察进驻时间：``.
_INFO_LABEL = re.compile(
    r"^[\u4e00-\u9fff]{0,8}(?:时间|电话|信箱|邮箱|地址|网址|热线|地点)[：:]\s*\S"
)


def _notice_over(units: list[str], j: int, floor: int) -> int:
    """Where a notice starts whose title stands right above info line ``j``, after a finished
    paragraph, or after a picture item's headline alone there (``…向我省移交第三批次信访事项``
    / ``…受理方式公告`` / ``督察进驻时间：…``: the two stacked), or -1."""
    if j - 1 <= floor or not notice_title(units[j - 1]):
        return -1
    if _finished(units[j - 2]):
        return j - 1
    if j - 2 > floor and strong_headline(units[j - 2]) and _finished(units[j - 3]):
        return j - 2
    return -1


def info_line(u: str) -> bool:
    """``地址：城南区解放路18号``, ``营业时间：8:00—20:00``, ``受理举报电话： 025-51801042``:
    a line of an info box."""
    return len(u) <= 60 and (_INFO.match(u) is not None or _INFO_LABEL.match(u) is not None)


def _quoted_deck(units: list[str], i: int, floor: int) -> bool:
    """A short quotation closing a stack of headline lines (``自卫队官员强闯中国使馆`` /
    ``“令人深感遗憾”``); alone, a short quotation may be a line of dialogue."""
    u = units[i]
    return (
        _is_quotation(u)
        and len(u) <= 20
        and headline_like(u)
        and i - 1 >= floor
        and strong_headline(units[i - 1])
    )


def _quoted_hook(u: str) -> bool:
    """``“吸粪车婚车队，全球第一个！”`` over a title: a quoted kicker (引题)."""
    return _is_quotation(u) and len(u) <= 30 and "。" not in u[:-2]


def _only_head_lines(units: list[str], a: int, b: int) -> bool:
    """``units[a:b]`` are headline lines and nothing else (no body, no anchor, no credit)."""
    return a < b and all(
        headline_like(u) and not (_is_anchor(u) or _is_aside(u)) for u in units[a:b]
    )


def _call_out(u: str) -> bool:
    """A QR call-out printed between a headline and its byline (``…扫码查看更多福利。``)."""
    return "扫码" in u and len(u) <= 40


#: A line of a QR call-out box under its first (``“住媒体”``, ``微信公众号``) is this short.
BOX_LINE = 12


def _call_out_box(units: list[str], j: int, floor: int) -> int:
    """Where a QR call-out box ending just before ``j`` starts (``扫码查看更多福利。``, or
    ``扫码关注`` / ``“住媒体”`` / ``微信公众号``), or -1."""
    for c in range(j - 1, max(floor, j - 4) - 1, -1):
        opens = c == j - 1 or units[c].startswith(("扫码", "扫一扫"))
        if _call_out(units[c]) and opens:
            return c if c > floor else -1
        if len(units[c]) > BOX_LINE:
            break
    return -1


def _speaker(u: str) -> bool:
    """A short headline line that runs on after its speaker's colon: ``日本防卫大臣：``."""
    return len(u) <= 12 and u.endswith(("：", ":")) and u.count("：") + u.count(":") == 1


def _speaks_over(units: list[str], k: int, j: int) -> bool:
    """``units[k]`` is a speaker's line opening a headline block of three or more lines
    (``日本防卫大臣：`` / ``自卫队官员强闯…`` / ``“令人深感遗憾”``); over one short line it is a
    label (``单位职工：`` / ``假设月入10000元``)."""
    return _speaker(units[k]) and j - k >= 3


def _is_list_kicker(u: str) -> bool:
    """``白酒、宠物、自加热食品……``: a short kicker that trails off, not a sentence."""
    return u.endswith("……") and len(u) <= 20 and "，" not in u and "。" not in u


def _kicker_above(u: str) -> bool:
    """A kicker that trails off (``……``) or leads on (``——``) over a tagged headline."""
    return _is_list_kicker(u) or (u.endswith("——") and headline_like(u) and "。" not in u)


def _padded_title(units: list[str], j: int, floor: int) -> bool:
    """A two-character line set to width (``书 债``) between a finished paragraph and a
    bullet byline ``units[j]``: a short title, not a padded name (a story is not signed
    twice in a row)."""
    if j - 2 <= floor or not units[j].startswith(BYLINE_MARKS):
        return False
    u = units[j - 1]
    return PADDED_NAME.fullmatch(u.strip()) is not None and _finished(units[j - 2])


def _label_line(u: str) -> bool:
    """A line of a notice's table: a label set to width, then its value (``发 证 机 关：国家
    金融监督管理总局无锡监管``); no headline line, and never above one of the same story."""
    label, colon, value = u.partition("：")
    return bool(colon) and bool(value.strip()) and _SPACED_LABEL.fullmatch(label) is not None


#: A label set to width: characters one by one apart (``发 证 机 关``, ``业 务 范 围``).
_SPACED_LABEL = re.compile(r"\s*(?:[\u4e00-\u9fff][ \u3000]+){1,5}[\u4e00-\u9fff]\s*")


def _is_quotation(u: str) -> bool:
    return u.startswith(("“", "「")) and u.endswith(("”", "」"))


def quoted_title(u: str, above: str, under: str) -> bool:
    """A quoted phrase alone on its line, no sentence inside the quotes, between a finished
    paragraph ``above`` and a byline ``under``: a headline that quotes someone, not a
    quotation closing the story above (a quoted sentence ends on its mark: ``“…。”``)."""
    return (
        _is_quotation(u)
        and len(u) <= QUOTED_TITLE
        and not u[:-1].endswith(("。", "！", "？", "…", "，", "；"))
        and _finished(above)
        and is_byline_line(under) is not None
    )


#: A quoted headline is at most this long.
QUOTED_TITLE = 40


def _quoted_over_dash(u: str, under: str) -> bool:
    """A quoted phrase with no sentence inside the quotes over a ``——`` line (``“让企业在南沙
    安心发展”`` / ``——访南沙区委书记赵六``): an interview's title over its subtitle, not a
    quotation closing the story above."""
    return (
        _is_quotation(u)
        and len(u) <= QUOTED_TITLE
        and not u[:-1].endswith(("。", "！", "？", "…", "，", "；"))
        and is_dash_line(under)
    )


def split_articles(
    units: list[str], page: int, *, bylines_close: bool = False, gaps: list[bool] | None = None
) -> list[Draft]:
    """Cut a page's units into article drafts. ``bylines_close``: the issue closes its stories
    with a parenthesised byline, so a one-line headline starts a story that closes so.
    ``gaps``: in an issue whose blank lines set stories apart (not paragraphs), which units
    stand after one; a block of headline lines between blank lines after a finished
    paragraph then heads a story (``_gap_heads``)."""
    if not units:
        return []
    forced = _gap_heads(units, gaps) if gaps else {}
    starts = [0]
    body_seen = not headline_like(units[0]) and not _is_anchor(units[0])
    continues = body_seen and not EDITOR_NOTE.match(units[0])
    closes = [j for j, u in enumerate(units) if closing_byline(u) or _source_credit(u)]
    seen_before = body_seen  # body_seen as it was before the previous unit
    poems: set[int] = set()  # where a poem's title starts a draft
    tall: set[int] = set()  # where a kicker over a signed title starts a draft
    boxes: set[int] = set()  # where a sidebar's label starts a draft
    noted: dict[int, tuple[int, int]] = {}  # a story's start -> its editor's note's units
    note_end = 0  # the units of an editor's note inside a story, up to its byline
    for j in range(1, len(units)):
        u = units[j]
        seen_before, was_seen = body_seen, seen_before
        if j < note_end:
            continue  # the note's paragraphs head nothing
        if j in forced and j > starts[-1]:
            starts.append(j)
            body_seen = False
            continue
        if photo_credit(u) and not _is_aside(units[j - 1]) and len(units[j - 1]) <= 150:
            # [headline…] [caption] [X摄]: a photo opens the story (图片新闻, a lead photo)
            k = _head_run(units, j - 1, starts[-1], strong=False)
            if was_seen and k < j - 1 and k > starts[-1]:
                starts.append(k)
            elif was_seen and _headline_over_photo(units, j, starts[-1]):
                starts.append(j - 1)
            body_seen = True  # a photo is content: a headline after it starts a story
            continue
        if _is_caption(u):
            k = _head_run(units, j, starts[-1], strong=False)
            if body_seen and k < j:
                starts.append(k)
            body_seen = True
            continue
        if _pointer(u) and body_seen and j - 1 > starts[-1] and _jump_head(units, j):
            starts.append(j - 1)  # a teaser: its title over the page code (``（A02版）``), whole
            body_seen = True
            continue
        if _jump_line(u) and body_seen and j - 1 > starts[-1] and _jump_head(units, j):
            starts.append(j - 1)  # ``一张“纸”里的…外贸账`` / ``上接A01版``: the rest of a story
            body_seen = False
            continue
        if body_seen and (k := _credited_head(units, j, starts[-1])) >= 0:
            starts.append(k)  # a feature's headline over its credits (``策划：X`` / ``撰文：Y``)
            body_seen = False
            continue
        if _is_aside(u):
            continue
        if _is_anchor(u) and j > 0 and _labelled(units, j - 1) and match_dateline(u) is None:
            continue  # ``关键词2`` / ``年轻态``: the section's phrase, not a name
        if _is_anchor(u):
            k = _head_run(units, j, starts[-1], strong=False)
            if k == j and body_seen and (top := _over_display(units, j, starts[-1])) >= 0:
                k = top  # a headline over highlight lines over the dateline
            elif k == j - 1 and body_seen and _title_over_deck(units, k, starts[-1]):
                k -= 2  # title / a deck of sentences without its final mark / subtitle
            if k == j and body_seen and _padded_title(units, j, starts[-1]):
                k = j - 1  # ``书 债`` over ``□ 张亚明``: a short title set to width
                poems.add(k)  # its headline is that one line, not a name
            if (
                j - k >= 2
                and _verse_ends(units, j - 2)
                and not _only_head_lines(units, starts[-1], k)
            ):
                k = j - 1  # a poem's last lines, then the next piece's title over its author
            if (box := _call_out_box(units, j, starts[-1])) >= 0 and k > box:
                h = _head_run(units, box, starts[-1], strong=False)
                k = h if h < box else j  # a QR call-out between headline and byline
            if j - k == MAX_HEAD and _only_head_lines(units, starts[-1], k):
                k = j  # a headline block taller than MAX_HEAD lines: one block, not two
            boxed = k - 1 > starts[-1] and _label_line(units[k - 1])
            if (body_seen or boxed) and k < j:
                starts.append(k)  # (under a notice's table: ``发 证 机 关：…``)
                body_seen = False
            if match_dateline(u) is not None and match_dateline(u).rest:  # type: ignore[union-attr]
                body_seen = True
            continue
        if EDITOR_NOTE.match(u) and (end := _note_under_byline(units, j, starts[-1])):
            noted[starts[-1]] = (j, end)  # headline, byline, 编者按, note: then the story
            note_end = end
            body_seen = True
            continue
        if EDITOR_NOTE.match(u):
            k = _head_run(units, j, starts[-1], strong=True)
            end = _note_end(units, j)
            top = k == starts[-1] == 0  # a headline at the page's top
            if end is not None and k < j and (top or k > starts[-1] and _finished(units[k - 1])):
                if not top:
                    starts.append(k)  # headline, 编者按, note, byline: the note is an item,
                noted[k] = (j, end)  # the story under the byline keeps the headline above it
                note_end = end
            else:
                starts.append(j)  # 编者按: an item of its own
            body_seen = True
            continue
        if body_seen and j > starts[-1] + 1 and contents_box(units, j):
            starts.append(j)  # a magazine's contents after the story: an item of its own,
            forced[j] = 1  # its title that one line, every entry under it a line of its text
            body_seen = True
            continue
        if body_seen and _sidebar_over(units, j) and j > starts[-1] + 1:
            starts.append(j)  # ``相关链接`` over the box's title, after the story's last paragraph
            boxes.add(j)
            body_seen = False
            continue
        if headline_like(u) and body_seen and _signed_title(units, j) and j > starts[-1] + 1:
            if j > starts[-1] + 2 and _kicker_over(units, j - 1):
                starts.append(j - 1)  # ``充分发挥地方立法功能`` over the title: its kicker
                tall.add(j - 1)
            else:
                starts.append(j)  # a piece's title over its author's name, in a box of pieces
                poems.add(j)  # its headline is that one line
            body_seen = False
            continue
        if headline_like(u) and body_seen and (k := _tag_title_start(units, j, starts[-1])) >= 0:
            starts.append(k)  # a title closed by its series tag (…（人民时评）) heads a story
            body_seen = False
            continue
        if headline_like(u):
            if body_seen and j - 1 > starts[-1] and _signature_alone(units[j - 1]):
                starts.append(j)  # the story closed on its byline: a box or item follows
                body_seen = False
                continue
            if body_seen and info_line(u) and (n := _notice_over(units, j, starts[-1])) >= 0:
                starts.append(n)  # a notice's title over its info lines (``…公告``)
                body_seen = True
                continue
            if body_seen and _verse_ends(units, j) and (r := _poem_start(units, j, starts[-1])):
                starts.append(r)
                poems.add(r)
            body_seen = body_seen or _verse_ends(units, j)  # verse is content, not headlines
            continue
        k = _head_run(units, j, starts[-1], strong=True)
        if not body_seen and _credited_title(units, starts[-1], k):
            starts.append(k)  # a picture's title and its credit, then a story's headline
            body_seen = True
            continue
        c = closes if bylines_close else None
        end = j
        if (box := _call_out_box(units, j, starts[-1])) >= 0:  # 扫码留言 / 参与活动
            k, end = min(k, _head_run(units, box, starts[-1], strong=True)), box
        if body_seen and (k := _headed(units, k, end, c, starts[-1])) >= 0:
            starts.append(k)
        body_seen = True
    starts += _notices_at_end(units, starts[-1])
    starts = _dated_twice(units, starts)
    # a numbered section's label (``关键词2``) starts no story, whatever stands under it
    starts = [a for i, a in enumerate(starts) if i == 0 or not _labelled(units, a)]
    bounds = [*starts, len(units)]
    drafts: list[Draft] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        heads = 1 if a in poems else 2 if a in tall else forced.get(a)
        if a in boxes:
            drafts.append(Draft(page, units[a + 1 : b], head_count=1, box_label=units[a]))
        elif a in noted:
            n, end = noted[a]
            drafts.append(Draft(page, units[n:end]))
            drafts.append(Draft(page, units[a:n] + units[end:b], head_count=heads))
        else:
            drafts.append(Draft(page, units[a:b], head_count=heads))
    drafts[0].continues = continues
    return drafts


#: A sidebar's label over its headline: ``链接``, ``相关链接``, ``背景``, ``延伸阅读``.
SIDEBAR_LABEL = re.compile(
    r"(?:相关)?(?:链\s*接|背\s*景|延伸阅读|小资料|资\s*料)\s*(?:>{2,}|》+|[：:])?"
)


def _jump_head(units: list[str], j: int) -> bool:
    """Over the jump line ``units[j]`` stands the story's headline, after a finished
    paragraph."""
    head = units[j - 1]
    return (
        j >= 2
        and headline_like(head)
        and not ends_sentence(head)
        and not _is_anchor(head)
        and not _is_aside(head)
        and _finished(units[j - 2])
    )


#: An entry of a contents list: its page number, then the piece (``01 高扬人民民主的光辉旗帜/X``).
CONTENTS_ENTRY = re.compile(r"^\d{2,3}\s?[^\d\s年月日%％.．:：]")
#: A contents list shows at least this many entries among the lines under its title.
CONTENTS_ENTRIES = 4
#: ... within this many lines of it.
CONTENTS_REACH = 10


def contents_box(units: list[str], j: int) -> bool:
    """``units[j]`` is a one-line title after a finished paragraph over a contents list: four or
    more of the ten lines under it open with a page number, and none of them ends a sentence
    (``群众`` / ``卷首`` / ``01 高扬人民民主的光辉旗帜/群仲平`` / …, a magazine's contents a
    daily prints after a story). The list is an item of its own, not the story's text."""
    if j < 1 or not _finished(units[j - 1]) or ends_sentence(units[j]):
        return False
    if not CONTENTS_ENTRY.match(units[j + 1] if j + 1 < len(units) else "") and not (
        j + 2 < len(units) and CONTENTS_ENTRY.match(units[j + 2])
    ):
        return False  # the cheap test first: an entry right under the title or its label
    under = units[j + 1 : j + 1 + CONTENTS_REACH]
    if any(ends_sentence(u) for u in under):
        return False
    return sum(1 for u in under if CONTENTS_ENTRY.match(u)) >= CONTENTS_ENTRIES


def _sidebar_over(units: list[str], j: int) -> bool:
    """``units[j]`` is a sidebar's label alone on its line after a finished paragraph, over a
    one-line title and the box's text (``相关链接`` / ``理性消费小贴士`` / ``1 拒绝“面子消费”``)."""
    if not SIDEBAR_LABEL.fullmatch(units[j]) or j + 2 >= len(units) or j < 1:
        return False
    title = units[j + 1]
    return (
        _finished(units[j - 1])
        and headline_like(title)
        and not ends_sentence(title)
        and not _is_anchor(title)
        and not _is_aside(title)
    )


def _dated_twice(units: list[str], starts: list[int]) -> list[int]:
    """A story opened by its dateline (``新华社北京7月20日电 …``) that runs on to a dated
    credit closing a story (``（新华社上海7月20日电 记者X）``) holds two stories: a story is
    filed once. The second starts at the first headline line between them that stands alone
    between a finished paragraph and a paragraph (``这场AI盛会“剧透”产业新图景``, a quoted
    phrase: ``“必须持之以恒推进全面从严治党”``)."""
    out: list[int] = []
    for a, b in zip(starts, [*starts[1:], len(units)], strict=True):
        out.append(a)
        opened = next(
            (x for x in range(a, min(b, a + MAX_HEAD + 1)) if match_dateline(units[x])), None
        )
        if opened is None:
            continue
        closed = next((c for c in range(opened + 1, b) if dated_credit(units[c])), None)
        if closed is None:
            continue
        for m in range(opened + 2, closed - 1):
            u, above, under = units[m], units[m - 1], units[m + 1]
            if (
                headline_like(u)
                and (quoted_phrase(u) or not ends_sentence(u))
                and not _is_anchor(u)
                and not _is_aside(u)
                and len(u) <= QUOTED_TITLE
                and _finished(above)
                and not headline_like(above)
                and not headline_like(under)
            ):
                out.append(m)
                break
    return out


def quoted_phrase(u: str) -> bool:
    """A quoted phrase alone on its line with no sentence inside the quotes
    (``“必须持之以恒推进全面从严治党”``): a headline's or subhead's form, not a quotation."""
    return (
        _is_quotation(u)
        and len(u) <= QUOTED_TITLE
        and not u[:-1].endswith(("。", "！", "？", "…", "，", "；"))
    )


def dated_credit(u: str) -> bool:
    """A credit closing a story with where and when it was filed, alone or glued after the
    last sentence (``（新华社北京7月20日电 记者孙少龙）``)."""
    tail = u.rstrip()[-40:]
    if not tail.endswith(("）", ")")) or ("电" not in tail and "讯" not in tail):
        return False  # the cheap test first: a dated credit ends 电） or 讯）
    cc = closing_credit(u) or glued_credit(u)
    return cc is not None and bool(cc.dateline)


#: A writer's credit closing a story on a line of its own: ``文/海南日报全媒体记者 邱江华``.
WRITER_CREDIT = re.compile(r"^(?:撰文|文字|文)\s*[/／：:]")


def signed_again(opening: str, line: str) -> bool:
    """``line`` is a writer's credit (``文/…记者 邱江华``, ``文字/侯赛``) naming none of the
    people that the story's ``opening`` dateline or byline named (``本报讯（…记者黎鹏）``,
    ``■ 海南日报全媒体记者 陈明艳``): a story is signed once, so the credit closes another
    item (a story, or a box after the story)."""
    if not WRITER_CREDIT.match(line):
        return False
    signers = opening_signers(opening)
    if not signers:
        return False
    by = is_byline_line(line, bare=False) or credit_line(line) or ()
    return bool(by) and not {b.name for b in by} & signers


def opening_signers(line: str) -> set[str]:
    """The people a story's opening line signs with: its dateline's reporters or the names of
    a byline line; none for any other line."""
    if (dl := match_dateline(line)) is not None:
        return {b.name for b in dl.bylines}
    return {b.name for b in is_byline_line(line, bare=False) or ()}


#: How far under a line a writer's credit closing the next story is looked for.
SIGNED_REACH = 12


def _signed_twice(units: list[str], j: int, floor: int) -> bool:
    """The story headed at ``floor`` opened with a dateline or byline naming its writers;
    under the headline line over ``units[j]``, before any other byline or dateline, a writer's
    credit names someone else (``signed_again``): it closes a second item, headed here."""
    if not any(WRITER_CREDIT.match(u) for u in units[j : j + SIGNED_REACH]):
        return False  # the cheap test first: most lines have no writer's credit under them
    opening = next((u for u in units[floor + 1 : floor + 3] if opening_signers(u)), None)
    if opening is None:
        return False
    for u in units[j : j + SIGNED_REACH]:
        if WRITER_CREDIT.match(u):
            return signed_again(opening, u)
        if _is_anchor(u):
            return False
    return False


#: The roles of a feature's stacked credits that name its writers: ``撰文：X``, ``执笔：Y``.
WRITER_ROLE = re.compile(r"^(?:撰文|撰稿|执笔)\s*[/／：:]")


def _credited_head(units: list[str], j: int, floor: int) -> int:
    """A writer's credit at ``j`` (``撰文：南方日报记者 赵三``), under a stack of other credits
    (``策划/统筹：X``) and one or more headline lines after a finished paragraph: the
    feature starts at its headline, whatever its bylines are called. Returns where, or -1."""
    if not WRITER_ROLE.match(units[j]) or not credit_line(units[j]):
        return -1
    s = j
    while s - 1 > floor and credit_line(units[s - 1]) and not WRITER_ROLE.match(units[s - 1]):
        s -= 1  # the credits stacked over the writer's
    k = _head_run(units, s, floor, strong=True)
    if k == s or k <= floor or not _finished(units[k - 1]):
        return -1
    return k


#: An editor's note runs at most this many paragraphs under its 编者按 line.
NOTE_PARAGRAPHS = 4


def _source_credit(u: str) -> bool:
    """A source credit closing a story (``据新华社``), not a note on its author or its
    origin (``（本文系…课题阶段性成果）``): the note closes a piece of any paper."""
    credit = source_line(u)
    return credit is not None and credit.role == "source"


def _note_end(units: list[str], j: int) -> int | None:
    """Where an editor's note that opens at ``units[j]`` (``编者按``) ends: at the byline or
    dateline of the story under it, past one to ``NOTE_PARAGRAPHS`` finished paragraphs (or
    none, when the note runs on after ``编者按：``). None if no such story follows."""
    glued = bool(EDITOR_NOTE.sub("", units[j]))
    for i in range(j + 1, min(len(units), j + 2 + NOTE_PARAGRAPHS)):
        if _is_anchor(units[i]):
            return i if glued or i > j + 1 else None
        if headline_like(units[i]) or not _finished(units[i]):
            return None
    return None


#: The editor speaking in a note: the column or the page it introduces.
_EDITORS_VOICE = re.compile(r"本版|本报|本栏|专栏|栏目|敬请关注")


def note_spoken(paras: list[str], bare: int) -> int | None:
    """Where a note under the bare label ``paras[bare]`` (``编者按``) ends: after the first of
    its one to ``NOTE_PARAGRAPHS`` finished paragraphs in which the editor speaks of the page
    or the column; None if none does."""
    for i in range(bare + 1, min(len(paras) - 1, bare + 1 + NOTE_PARAGRAPHS)):
        if not ends_sentence(paras[i]):
            return None
        if _EDITORS_VOICE.search(paras[i]):
            return i + 1
    return None


def _note_under_byline(units: list[str], j: int, floor: int) -> int | None:
    """Where an editor's note under a story's byline ends (headline / byline / ``编者按`` or
    ``开栏的话`` alone / note / story): after the first of its one to ``NOTE_PARAGRAPHS``
    paragraphs in which the editor speaks of the page or the column (``本版通过…``,
    ``即日起，本报推出…专栏``). None if the label is not so placed or no such paragraph comes."""
    if EDITOR_NOTE.sub("", units[j]) or j < floor + 2 or not _is_anchor(units[j - 1]):
        return None
    if not headline_like(units[floor]) or (end := note_spoken(units, j)) is None:
        return None
    return None if any(_is_anchor(u) for u in units[j + 1 : end]) else end


#: A line of verse is this short (a photo caption, printed line by line, is longer).
VERSE_LINE = 14


def _tag_title_start(units: list[str], j: int, floor: int) -> int:
    """Where the headline of ``units[j]`` starts when it is a title closed by a series tag
    (``好的营商环境就是生产力（人民时评）``) right after a finished paragraph, or under one
    kicker line that follows a finished paragraph; -1 if it is none."""
    u = units[j]
    if not series_tag(u) or len(u) > TAGGED_TITLE or ends_sentence(u.rstrip("）)")):
        return -1
    if j + 1 >= len(units) or sign_off(u) or _signature_alone(u):
        return -1  # a name with the author's post (``高晓东（…副科长）``) signs the story off
    if j - 1 > floor and _finished(units[j - 1]) and not headline_like(units[j - 1]):
        return j
    if (
        j - 2 > floor
        and headline_like(units[j - 1])
        and not series_tag(units[j - 1])
        and _finished(units[j - 2])
        and not headline_like(units[j - 2])
    ):
        return j - 1
    return -1


#: A title with its series tag is at most this long.
TAGGED_TITLE = 60


def _gap_heads(units: list[str], gaps: list[bool]) -> dict[int, int]:
    """Where blocks of headline lines stand between blank lines after a finished paragraph,
    and how many lines each has (at most three), in an issue whose blank lines set stories
    apart: the story under it starts there, its headline is that block."""
    out: dict[int, int] = {}
    starts = [i for i, g in enumerate(gaps) if g] + [len(units)]
    for a, b in zip(starts, starts[1:], strict=False):
        block = units[a:b]
        if a == 0 or b >= len(units) or not 1 <= len(block) <= 3:
            continue
        if not all(headline_like(u) and not _is_anchor(u) and not _is_aside(u) for u in block):
            continue
        if _finished(units[a - 1]) and not headline_like(units[a - 1]):
            out[a] = len(block)
    return out


def _headline_over_photo(units: list[str], j: int, floor: int) -> bool:
    """A one-line headline after a finished paragraph, over photo credit ``units[j]`` and an
    opening byline or a lead that opens on the time of the news (``胥岭梯田油菜花开了`` /
    ``宁文武 摄`` / ``记者 X``, ``这几天，…``): a caption inside a story is a sentence, and
    the story goes on under it."""
    return (
        j - 2 > floor
        and j + 1 < len(units)
        and len(units[j - 1]) <= HEAD_LINE
        and headline_like(units[j - 1])
        and _finished(units[j - 2])
        and (TIME_LEAD.match(units[j + 1]) is not None or _is_anchor(units[j + 1]))
    )


#: A one-line headline over a photo is at most this long.
HEAD_LINE = 30


def _poem_start(units: list[str], j: int, floor: int) -> int:
    """Where a poem printed after a finished story starts: a title over four short lines of
    verse (``units[j]`` is the fourth), right after a paragraph that ends a sentence. 0: none."""
    r = j
    while r > floor and headline_like(units[r - 1]) and not _is_aside(units[r - 1]):
        r -= 1
    if j - r != 4 or r <= floor or not _finished(units[r - 1]) or len(units[r]) > 20:
        return 0
    verse = units[r : j + 1]
    distinct = len(set(verse)) == len(verse)  # not one notice printed again and again
    return r if distinct and all(len(u) <= VERSE_LINE for u in verse[1:]) else 0


def _notices_at_end(units: list[str], floor: int) -> list[int]:
    """Where the items closing a page start when they are headlines without a story: the
    same line printed twice or more (``体育彩票开奖公告``, a notice whose table was an image),
    after a finished paragraph. Each is an item of its own, dropped for having no body."""
    k = len(units)
    while k - 1 > floor and units[k - 1] == units[-1]:
        k -= 1
    if len(units) - k < 2 or not headline_like(units[-1]) or not _finished(units[k - 1]):
        return []
    return list(range(k, len(units)))


def _kicker_over(units: list[str], i: int) -> bool:
    """``units[i]`` stands between a finished paragraph (or a closing credit) and a piece's
    title over its author: a story never ends on a subhead, so it is the piece's kicker."""
    return lone_head(units[i], units[i - 1])


def lone_head(u: str, above: str) -> bool:
    """``u``, under the finished unit ``above``, is a headline line (not a byline, credit,
    caption, info-box or call-out line) that a story cannot end on."""
    return (
        len(u) <= HEAD_LINE
        and strong_headline(u)
        and not ends_sentence(u)
        and not (_is_anchor(u) or _is_aside(u) or info_line(u) or _call_out(u))
        and not (_is_caption(u) or sign_off(u) or author_line(u) or posted_author(u))
        and _finished(above)
        and not above.rstrip().endswith(("：", ":"))  # ``活动截止时间：`` / ``4月6日14:00``
    )


def _credited_title(units: list[str], a: int, k: int) -> bool:
    """``credited_title`` for the line cutter: ``units[a:k]`` over ``units[k]``."""
    if k - a < 2 or k + 1 >= len(units):
        return False
    return credited_title(units[a : k - 1], units[k - 1], units[k], units[k + 1])


def credited_title(head: list[str], credit: str, line: str, under: str) -> bool:
    """``head`` is a picture item's headline and ``credit`` its credit without a bullet
    (``一粥一饭，当思来之不易`` / ``本报记者 顾志铭``), and ``line`` is one headline line over
    the text ``under`` it: the item ends at its credit, and ``line`` heads a story."""
    if credit.startswith(BYLINE_MARKS) or not (
        photo_credit(credit) or is_byline_line(credit, bare=False)
    ):
        return False
    if not head or not all(strong_headline(u) for u in head):
        return False
    if all(2 <= len(x) <= 3 and surname_of(x) for x in line.split()):
        return False  # the byline's names go on (``《瞭望》新闻周刊记者 刘亢`` / ``凌军辉 陈刚``)
    if len(line) < TITLE_UNDER_CREDIT or EDITOR_NOTE.match(line):
        return False  # a label under the byline (``编者按``), not a headline
    return strong_headline(line) and not headline_like(under)


#: A story's headline under a picture item's credit is at least this long.
TITLE_UNDER_CREDIT = 8


def _headed(units: list[str], k: int, j: int, closes: list[int] | None, floor: int = 0) -> int:
    """The headline lines ``units[k:j]`` above body line ``j`` start a story: two or more
    lines after a finished paragraph; or one line after a story closed by its byline
    (…。（记者X）), tagged with its series (…（以案说法）), naming a roundup (简明新闻), or, in
    an issue that closes stories with bylines (``closes``), heading a story that closes so.
    A ``——`` line and its deck are a section subhead (更精准服务——), not a story, unless the
    deck carries a series tag (``警方提醒…——`` / ``警惕…操作（服务窗）``). Returns
    where the story starts, or -1."""
    if _labelled(units, k):
        return -1  # ``关键词1`` / ``“国际范儿”``: a story's numbered section, its label
    if j - k >= 2 and _verse_ends(units, j - 2):
        k = j - 1  # a poem's last lines, then one headline
    if j - k == 1 and k > 1 and _tagged_head(units[k]) and _kicker_above(units[k - 1]):
        k -= 1  # ``白酒、宠物、自加热食品……`` / ``春运出行…（2025春运一线）``
    if k < j and units[k].endswith("——") and not (j - k == 2 and _tagged_head(units[j - 1])):
        return -1  # a section subhead and its deck, unless a series tag heads a story
    if (
        j - k in (2, 3)
        and k > 1
        and (_finished(units[k - 1]) or _lead_in_over(units, k - 1))
        and _unit_under_bare(units, k, j, floor)
    ):
        return j - 1  # a section's subhead with its text lost, then a unit's item
    if j - k == 2 and k > 1 and _finished(units[k - 1]) and _series_under_bare(units, k, floor):
        return j - 1  # the last of the story's series of subheads, its text lost; a headline
    if k > 0 and not (_finished(units[k - 1]) or _verse_ends(units, k - 1)):
        return -1
    if j - k >= 4 and not _tall_head(units, k, j):
        return -1  # four or more short lines without an anchor: verse or a list, no head
    if j - k >= 2:
        # where stories close with their bylines, a story ends at one: two short lines after
        # a plain paragraph are a two-line subhead (小村新貌 / 旧貌换新颜)
        if k > 0 and j - k == 2 and not _closed(units[k - 1]) and _twin_runs(units, k, floor):
            return -1  # one of a story's two-line subheads (强劲“第一动力” / 打造…策源地)
        return k if closes is None or k == 0 or _closed(units[k - 1]) else -1
    if k <= 0 or j - k != 1:
        return -1
    if _numbered_next(units, k, floor):
        return -1  # ``4 巧用学生福利`` under ``3 警惕消费陷阱``: the next item of the story's list
    one = bool(
        _closed(units[k - 1])
        or _signed_off(units, k - 1)
        or _series_head(units[k])
        or _tagged_head(units[k])
        or BRIEF_HEAD.fullmatch(units[k])
        or PHOTO_ITEM.fullmatch(units[k])
        or _news_after_plain_story(units, k, j, floor)
        or (closes is not None and _closes_alone(units, closes, k, floor))
        or _turns_after_plain_story(units, k, j, floor)
        or _heads_a_series(units, k, j, floor)
        or (closes is None and _cohesion_breaks(units, k, j, floor))
        or _echoed_below(units, k, j, floor)
        or (closes is None and _subject_named_anew(units, k, j, floor))
        or (closes is None and _unit_lead_anew(units, k, j, floor))
        or (closes is None and _unit_item(units, k, j, floor))
        or (closes is None and _unit_after_unit(units, k, j, floor))
        or _notice_under_issuer(units, k, j)
        or law_over_text(units[k], units[j])
        or (_plain_run(units, k, floor) >= 1 and salutes(units[j]))
        or (_plain_run(units, k, floor) >= 1 and _signed_twice(units, j, floor))
    )
    return k if one else -1


#: A song's or poem's credit line under its title: ``作词：X``, ``作曲：Y``, ``词：X  曲：Y``.
VERSE_CREDIT = re.compile(r"^(?:作词|作曲|词|曲|编曲|作者|诗)\s*[：:]\s*\S")


def verse_credit(line: str) -> Byline | None:
    """``作词：朱  海`` -> a credit printed ``作词：朱海``."""
    if not VERSE_CREDIT.match(line) or len(line) > 30:
        return None
    printed = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", line.strip())
    return Byline("other", re.split(r"[：:]", printed, maxsplit=1)[-1].strip(), printed)


def _signed_title(units: list[str], j: int) -> bool:
    """``units[j]`` is a piece's title over its author's line (a bare name, ``作词：X``)."""
    if j + 2 >= len(units) or len(units[j]) > 24 or ends_sentence(units[j]):
        return False
    under, text = units[j + 1], units[j + 2]
    if verse_credit(under):
        return True  # a song's lyricist
    if len("".join(under.split())) > 4 or len(text) < 20 or not ends_sentence(text):
        return False  # one person's name, over prose
    by = is_byline_line(under, bare=True)
    prev = units[j - 1]  # after a finished paragraph, or after the last line of a song
    return (
        bool(by)
        and all(x.role == "author" for x in by or ())
        and (_finished(prev) or len(prev) <= VERSE_LINE)
    )


#: The label of a photo report (a picture with a few lines and a jingle): an item of its own.
PHOTO_ITEM = re.compile(r"图片(?:报道|新闻)|新闻图片")
#: The label of a lead box under a headline: 核心阅读 and the summary under it.
BOX_LABEL = re.compile(r"(?:核心阅读|核心提示|内容提要|提要|导读|阅读提示)[：:]?")


#: A body paragraph under a tall headline block is at least this long.
TALL_BODY = 40


def _tall_head(units: list[str], k: int, j: int) -> bool:
    """Four or five headline lines over a long paragraph are a tabloid's headline block
    (引题, 主题 in two lines, 副题), not verse: verse goes on in short lines, and its lines
    are alike in length."""
    lines = units[k:j]
    sizes = [len(u) for u in lines]
    return (
        len(lines) <= 5
        and len(units[j]) >= TALL_BODY
        and ends_sentence(units[j])
        and max(sizes) - min(sizes) >= 4
        and not any(_LIST_MARK_LINE.match(u) for u in lines)
    )


_LIST_MARK_LINE = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+(?:、|[.．](?!\d))|[●■◆▲★·•])")


#: How a news story opens (``近日，``, ``3月27日，``, ``本报讯``): a line of its own after a
#: headline, rarely after an in-story subhead.
NEWS_LEAD = re.compile(
    r"^(?:近日|日前|昨天|昨日|前天|本报讯|\d{1,2}月\d{1,2}日(?:[上下]午|晚|早|凌晨)?[，,])"
)


#: How a lead opens on the time of the news (``这几天，``, ``近日，``, ``3月27日上午，``): under
#: a photo's credit, the line over the photo is a story's headline, not a caption.
TIME_LEAD = re.compile(
    r"^(?:这几天|这两天|近日|日前|近期|最近|昨天|昨日|今天|\d{1,2}月\d{1,2}日)[^，,。]{0,6}[，,]"
)


#: A date in a lead's first clause: ``缅甸联邦议会总统选举团3日举行…``, ``…博物馆4月2日宣布``;
#: not a date of another year (``2023年3月15日，…``): that recalls, it reports no news.
DATED_CLAUSE = re.compile(
    r"^[^，,。；]{0,24}?(?:(?<![年\d])\d{1,2}月\d{1,2}日|(?<![\d月])\d{1,2}日)"
)


def _news_after_plain_story(units: list[str], k: int, j: int, floor: int) -> bool:
    """A one-line headline at ``k`` over a news lead, after two or more finished paragraphs
    (since the headline or subhead above): a story that closed with no credit or byline.
    Over a date in the lead's first clause (``…选举团3日举行…``) only where the story above
    has no subhead and the line is one phrase."""
    news = NEWS_LEAD.match(units[j]) is not None
    dated = not news and " " not in units[k] and DATED_CLAUSE.match(units[j]) is not None
    if units[k].endswith(("？", "?")) or not (news or dated):
        return False
    if _like_a_subhead_above(units, k, floor):
        return False  # ``构建新型现代警务机制`` under ``筑牢疫情防控屏障``: the next section
    if clause_pair(units[k]) and _clause_pairs_above(units, k, floor) >= 2:
        return False  # the third of a story's two-clause sections (``精耕沃土，…``)
    run, i = _plain_stretch(units, k, floor)
    if run <= 1 and news and _reported(units[k - 1]):
        # a brief: its headline and one paragraph of news (``10月20日20:00档，…``), then the
        # next brief's headline over its news lead (``近日，…``)
        return all(headline_like(u) or _is_anchor(u) for u in units[floor : i + 1])
    if run < 2 or news:
        return run >= 2
    return all(headline_like(u) or _is_anchor(u) for u in units[floor : i + 1])


def _reported(u: str) -> bool:
    """``u`` opens as news: a news lead, a date in its first clause or a dateline."""
    if NEWS_LEAD.match(u) or DATED_CLAUSE.match(u):
        return True
    dl = match_dateline(u)
    return dl is not None and bool(dl.rest)


def _like_a_subhead_above(units: list[str], k: int, floor: int) -> bool:
    """The story above has a one-phrase subhead of about the length of ``units[k]`` (within
    ``TWIN`` characters), and so is ``units[k]``: one more of its sections."""
    if like_a_subhead(units[k], units[floor + 1 : k - 1]):
        return True
    return middle_subhead(units[k], units[floor + 1 : k - 1], lambda: _story_under(units, k))


def middle_subhead(line: str, above: list[str], under: Callable[[], list[str]]) -> bool:
    """``line`` is one phrase between the story's one-phrase subhead ``above`` and one such
    ``under`` it (``在国内率先…`` / ``是道德传承也是幸福延续`` / ``让互助服务可存取可持续``):
    the middle one of three. ``under`` is asked only when the rest holds."""
    if not _one_phrase(line) or not any(_subhead_like(u) and _one_phrase(u) for u in above):
        return False
    return like_a_subhead(line, under())


def like_a_subhead(line: str, above: list[str]) -> bool:
    """``line`` is one phrase, and so is a subhead among ``above`` within ``TWIN`` characters
    of its length."""
    if _two_phrases(line):  # ``市场营销接地气 大圣故里声名更响`` under ``深挖文脉资源 西游味更浓``
        return any(_subhead_like(u) and _two_phrases(u) for u in above)
    if not _one_phrase(line):
        return False
    return any(
        _subhead_like(u) and _one_phrase(u) and abs(len(u) - len(line)) <= TWIN for u in above
    )


def _story_under(units: list[str], k: int) -> list[str]:
    """The units under ``k``, within ``2 * SERIES_REACH``, up to a byline or dateline (the
    next story's)."""
    under: list[str] = []
    for u in units[k + 1 : k + 1 + 2 * SERIES_REACH]:
        if _is_anchor(u):
            break
        under.append(u)
    return under


def _twin_phrases_under(units: list[str], k: int) -> bool:
    """A subhead of two phrases within ``TWIN`` characters of ``units[k]``'s length stands
    under it, before any byline or dateline."""
    return any(
        _subhead_like(u) and _two_phrases(u) and abs(len(u) - len(units[k])) <= TWIN
        for u in _story_under(units, k)
    )


def _two_phrases(u: str) -> bool:
    """Two phrases of four or more characters set apart by one space, the form of a series of
    subheads."""
    parts = u.split()
    return len(parts) == 2 and all(len(p) >= 4 and _one_phrase(p) for p in parts)


def _one_phrase(u: str) -> bool:
    return not re.search(r"[\s\u3000，,：:、]", u)


def _turns_after_plain_story(units: list[str], k: int, j: int, floor: int) -> bool:
    """A one-line headline at ``k`` after two or more finished paragraphs, that speaks of
    the paragraph under it and not of the story above (``组织环卫工人健康体检`` over
    ``淮安市淮阴区城管局…健康体检`` after a story on 沭阳's housing estates): an unsigned
    story closed, and the next one starts. A subhead shares its words with its own story."""
    if units[k].endswith(("？", "?")) or QUESTION.match(units[j]):
        return False  # a question or an interview's next question: a section of the story
    run, i = _plain_stretch(units, k, floor)
    if run < 1:
        return False
    if _two_phrases(units[k]) and _signed_top(units, floor, k) and _twin_phrases_under(units, k):
        # the first of a signed story's series of two-phrase sections (``南派拳法生生不息 …``):
        # a story printed under it would be signed too
        return False
    if run == 1 and i >= 0 and headline_like(units[i]) and _signed_top(units, i, k):
        return False  # a feature's headline, its writer's line, one lead: then its sections
    if clause_pair(units[k]) and _clause_pair_below(units, j):
        return False  # ``数字化焕新业态，打造沉浸式体验`` over more such: a story's sections
    if clause_pair(units[k]) and _clause_pairs_above(units, k, floor) >= 2:
        return False  # the third of a story's two-clause sections (``风高浪急，保持定力…``)
    if clause_pair(units[k]) and _clause_pairs_above(units, k, floor) == 1:
        if _signed_top(units, floor, k):
            return False  # a signed feature's second two-clause section (``壮大集体经济，…``)
    near = [u for u in units[floor + 1 : k] + units[j : j + 2 * SERIES_REACH] if _subhead_like(u)]
    if rhymes_with(units[k], near) or profile_series(units[k], near, "".join(units[j : j + 3])):
        return False  # one of a series of sections built alike (…好房子 / …好村子)
    if _recalls_head(units, j, floor):
        return False  # the lead names what the story's headline names: its section
    second = units[j + 1] if j + 1 < len(units) and _finished(units[j + 1]) else None
    above = " ".join(units[floor:k])
    return subject_turns(units[k], lead_text(units[j], second), above)


#: A story's first subhead follows its headline within this many units.
SERIES_REACH = 8


def _heads_a_series(units: list[str], k: int, j: int, floor: int) -> bool:
    """A one-line headline at ``k``, after two or more finished paragraphs of a story without
    subheads, over a story whose subheads make a series it is no part of (``“中国创造”展现
    新风采`` over ``百万新品 创出新市场`` / ``业态更迭 创出新商机``): the series belongs to the
    story under ``k``, and the story above, which had none, has ended."""
    above = [u for u in units[floor + 1 : k] if _subhead_like(u)]
    if _plain_run(units, k, floor) < 2:
        return False
    below = next((i for i in range(j, len(units)) if _is_anchor(units[i])), len(units))
    heads = [(i, u) for i, u in enumerate(units[j:below], j) if _subhead_like(u) and i - k < 40]
    if not heads or heads[0][0] - k > SERIES_REACH:
        return False
    if above and not (
        outside_series(units[k], above) or series_apart(units[k], above, [u for _, u in heads])
    ):
        return False  # the story above has subheads: only where this line is none of theirs
    return heads_series(units[k], [u for _, u in heads])


def series_apart(line: str, above: list[str], below: list[str]) -> bool:
    """The story above has subheads of its own, each a lead-in ending ``——`` (``…跑出
    “加速度”——``), and neither ``line`` nor the series under it is of that form: two
    stories' series, not one story's."""
    if not all(u.endswith("——") for u in above) or line.endswith("——"):
        return False  # only lead-ins of a form no headline takes tell a series apart
    if rhymes_with(line, above) or like_a_subhead(line, above):
        return False
    return not any(h.endswith("——") or rhymes_with(h, above) for h in below[:2])


def heads_series(line: str, heads: list[str]) -> bool:
    """``line`` stands over ``heads``, subheads whose first makes a series with one or more
    of the others, and is no part of that series."""
    first = heads[0]
    series = [first] + [u for u in heads[1:] if in_series(first, [u])]
    if clause_pair(line) and clause_pair(first):
        # of one form with the series: its first section, unless three or more sections
        # open and break alike and it does neither (``答好“民生实事卷”，托起…`` over
        # ``“心贴心”服务，…`` / ``“点对点”发力，…`` / ``“实打实”解忧，…``)
        if len(series) < 3 or not outside_series(line, series, wholly=True):
            return False
    return len(series) > 1 and not same_break(line, first) and not of_series_form(line, series)


#: Twin two-line subheads differ in length by at most this many characters, line by line.
TWIN = 3


def _twin_runs(units: list[str], k: int, floor: int) -> bool:
    """The two headline lines at ``k`` have a twin in the same stretch of text (since
    ``floor``, and on to the next byline or dateline): another run of exactly two such lines
    after a finished paragraph, each line within ``TWIN`` characters of its counterpart
    (``强劲“第一动力”`` / ``打造科技创新策源地`` and ``增进韧性活力`` / ``锻造…主创地``).
    Stories do not come in pairs of such shape; a story's two-line subheads do."""
    below = next((i for i in range(k + 2, len(units)) if _is_anchor(units[i])), len(units))
    a, b = len(units[k]), len(units[k + 1])
    label = _label_size(units[k]) <= LABEL_PAIR and a < b
    for i in range(max(floor + 1, k - 40), min(below, k + 40) - 2):
        if abs(i - k) < 3 or not (_finished(units[i - 1]) and _finished(units[i + 2])):
            continue  # a run between two finished paragraphs
        run = units[i : i + 2]
        if not all(_subhead_like(u) or quoted_phrase(u) for u in run):
            continue  # (a label over a quoted line: ``以心贴心`` / ``“如果心是近的，…”``)
        if abs(len(run[0]) - a) <= TWIN and abs(len(run[1]) - b) <= TWIN:
            return True
        if label and len(run[0]) < len(run[1]) and _label_size(run[0]) <= LABEL_PAIR:
            # a short label over a subhead, twice (``两个增加`` / ``狠抓落实``), the label's
            # phrases set apart (``四个取消 四个降低``)
            return True
    return False


#: A label over a subhead (``两个增加`` / ``聚焦堵点难点…``) is at most this long.
LABEL_PAIR = 6


def _label_size(u: str) -> int:
    """The longest of a label line's phrases (``四个取消 四个降低``: 4)."""
    return max((len(p) for p in u.split()), default=0)


def _clause_pairs_above(units: list[str], k: int, floor: int) -> int:
    """How many two-clause subheads the story holds above ``k`` (since ``floor``), when all
    of its subheads are such."""
    heads = [u for u in units[floor + 1 : k] if _subhead_like(u) and not _finished(u)]
    return len(heads) if all(clause_pair(u) for u in heads) else 0


def _clause_pair_below(units: list[str], j: int) -> bool:
    """Another two-clause subhead stands under line ``j`` before the next byline or dateline,
    within ``SERIES_REACH`` * 2 units, and no headline line of another form before it (a
    story's sections share one form)."""
    for u in units[j : j + 2 * SERIES_REACH]:
        if _is_anchor(u):
            return False
        if _subhead_like(u):
            return clause_pair(u)
    return False


def _subhead_like(u: str) -> bool:
    """A headline-shaped line that is no byline or dateline."""
    return strong_headline(u) and not _is_anchor(u)


def _cohesion_breaks(units: list[str], k: int, j: int, floor: int) -> bool:
    """A one-line headline at ``k`` between two stretches of text that share almost no words:
    the two finished paragraphs above it and the two under it have no more than
    ``COHESION`` of the character pairs above in common (the paragraphs of one story keep
    naming its people, places and things; a story that follows another names its own).
    Not over an interview's next question, a date of another year, or one of a series of
    subheads; and not where the issue closes its stories with bylines (``_headed``'s
    ``closes``): there a story that has not closed goes on."""
    if _plain_run(units, k, floor) < 2 or QUESTION.match(units[j]):
        return False
    if clause_pair(units[k]) and _clause_pair_below(units, j):
        return False  # one of a story's two-clause sections
    if not DATED_CLAUSE.match(units[j]) and re.match(r"^\d{4}年", units[j]):
        return False  # a lead that recalls another year opens a section
    if in_series(units[k], [u for u in units[floor + 1 : k] if _subhead_like(u)]):
        return False
    below = [u for u in units[j : j + 2] if _finished(u)]
    # the lead naming what the story's headline names makes it a section (the cheap test last)
    if not cohesion_breaks(units[k - 2 : k], below) or _recalls_head(units, j, floor):
        return False
    # nor where the story's most-named thing recurs under it (``蔡文君`` in a profile's section)
    return not most_named_recurs(" ".join(units[floor + 1 : k]), " ".join(units[j : j + 4]))


def _recalls_head(units: list[str], j: int, floor: int) -> bool:
    """The lead at ``j`` names what the headline of the story at ``floor`` names
    (``李昌钰家是个大家庭`` under ``“华人神探”李昌钰逝世…``): a section of that story."""
    if floor == 0 and not headline_like(units[0]):
        return False  # a page that opens on text: no headline to recall
    head = " ".join(u for u in units[floor : floor + 3] if headline_like(u))
    return shared(char_pairs(units[j][:40]), head) >= 2


#: Two stretches of text of one story share more than this share of their character pairs.
COHESION = 0.02
#: The stretch above holds at least this many pairs for the share to say anything.
COHESION_PAIRS = 120


def cohesion_breaks(above: list[str], below: list[str], limit: float = COHESION) -> bool:
    """The paragraphs ``above`` and ``below`` a line share no more than ``limit`` of the
    character pairs above (both long enough to say anything)."""
    pairs = char_pairs(" ".join(above), generic=True)
    text = " ".join(below)
    if len(pairs) < COHESION_PAIRS or len(text) < COHESION_PAIRS:
        return False
    return shared(pairs, text) <= limit * len(pairs)


#: A headline echoed in its story's text is at least this long (a short phrase recurs anyway).
ECHO = 12


def _echoed_below(units: list[str], k: int, j: int, floor: int) -> bool:
    """A one-line headline at ``k``, after two or more finished paragraphs, that the story
    under it repeats word for word in its first two paragraphs while the story above never
    says it (``重阳糕、羊汤面，老人吃了笑开颜`` over ``…。重阳糕、羊汤面，老人吃了笑开颜。…``):
    the next item's headline. A subhead is not printed again in its section."""
    if _plain_run(units, k, floor) < 2 or QUESTION.match(units[j]):
        return False
    return echoed(units[k], units[j : j + 2], units[floor:k])


def echoed(line: str, below: list[str], above: list[str]) -> bool:
    """``line`` (``ECHO`` characters or more) is said word for word in ``below`` and not in
    ``above``."""
    said = re.sub(r"[\s。！？!?”“]", "", line)
    if len(said) < ECHO:
        return False
    return said in re.sub(r"\s", "", "".join(below)) and said not in re.sub(
        r"\s", "", "".join(above)
    )


def _subject_named_anew(units: list[str], k: int, j: int, floor: int) -> bool:
    """The lead under a one-line headline at ``k`` names a body (``泰兴农商银行``) that the
    story above never names, while that story names another of the same kind again and
    again (``紫金农商银行``): one institution's item after another's."""
    if _plain_run(units, k, floor) < 2 or QUESTION.match(units[j]):
        return False
    if in_series(units[k], [u for u in units[floor + 1 : k] if _subhead_like(u)]):
        return False  # the next of the story's series of subheads
    return named_anew(units[j], " ".join(units[floor:k]), " ".join(units[j : j + 3]))


#: A unit's name before a colon opening a headline: a place or a body by its kind
#: (``泗阳县来安街道：``, ``溧阳市上黄镇：``, ``江苏海州发展集团纪委：``).
UNIT_TITLE = re.compile(
    r"^(?P<unit>[\u4e00-\u9fff]{2,16}(?:省|市|县|区|镇|乡|街道|村|社区|集团|公司|纪委|监委|纪委监委|"
    r"法院|检察院|监狱|银行|医院|大学|学院|中心))\s*[：:]\s*\S{4}"
)


#: A lead that opens on a unit, after a time phrase: ``今年以来，灌南县汤沟镇纪委紧盯…``.
UNIT_LEAD = re.compile(
    r"^(?:(?:今年|近年|去年|入秋|入夏)以来|近年来|近日|日前|近期"
    r"|(?:国庆|中秋|春节|五一|端午|元旦|暑期|寒假|暑假)(?:长假|假期|期间|黄金周)?)，(?!位于|在)"
    r"(?P<unit>[\u4e00-\u9fff]{2,12}?"
    r"(?:省|市|县|区|镇|乡|街道|社区|集团|公司|纪委|监委|法院|检察院|监狱|银行|医院|大学|学院))"
)


#: A place's short name before a colon opening a headline: ``高邮：``, ``南通：``.
PLACE_COLON = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,3})\s*[：:]\s*\S{4}")


def unit_titled(line: str, lead: str) -> str | None:
    """The unit whose name and a colon open ``line`` (``UNIT_TITLE``), or the place whose
    short name does (``高邮：…``) where the ``lead`` under it gives the place its rank
    (``今年以来，高邮市…``): a person's name before a colon (``马帅：…``) never has one."""
    if m := UNIT_TITLE.match(line):
        return m["unit"]
    if (m := PLACE_COLON.match(line)) and (p := re.search(f"{m['name']}(?:市|县|区)", lead[:60])):
        return p[0]
    return None


def unit_item(line: str, lead: str, above: str, subheads: list[str], under: str = "") -> bool:
    """``line`` opens with a unit's name and a colon (``溧阳市上黄镇：多措并举精准发力…``), its
    lead names that unit again (or, where the lead opens on a quotation or a general remark,
    the lead and the text ``under`` it name it twice: ``无锡监狱：…`` over ``“法官，我想…”``),
    and the story above never names it and has no subhead of that form (a roundup's
    ``南京市：…`` / ``苏州市：…`` sections): one unit's item after another's, on a page of
    such items."""
    unit = unit_titled(line, lead)
    if unit is None:
        return False
    core = unit[-4:]  # ``来安街道`` of ``泗阳县来安街道``
    body = re.sub(r"(?:纪委监委|纪委|监委|党委|党工委)$", "", unit)[-4:]  # ``发展集团`` of …纪委
    text = f"{lead} {under}"
    named = sum(text.count(x) for x in {core, body} if len(x) >= 3)
    if core in above or not (core in lead[:60] or named >= 2):
        return False
    return not any(UNIT_TITLE.match(x) or PLACE_COLON.match(x) for x in subheads)


#: A headline that opens on a local unit's short name, no colon: ``漆桥街道擦亮招商“诚信牌”``.
UNIT_HEAD = re.compile(
    r"^(?P<unit>[\u4e00-\u9fff]{2,5}?(?:街道|镇|乡|县|区|村|社区))(?=[\u4e00-\u9fff“])"
)


def unit_after_unit(line: str, lead: str, head: str, above: str) -> bool:
    """``line`` opens on a unit's name (``漆桥街道擦亮…``), its lead names that unit, and the
    story above, headed by another unit of the same kind (``秣陵街道以案为鉴…``), never
    names it: the next unit's brief on a page of such briefs, even after one paragraph."""
    m, n = UNIT_HEAD.match(line), UNIT_HEAD.match(head)
    if m is None or n is None:
        return False
    unit, other = m.group("unit"), n.group("unit")
    kind = 2 if unit.endswith(("街道", "社区")) else 1
    same_kind = unit[-kind:] == other[-kind:]
    if not same_kind or unit == other or other.startswith(unit) or unit.startswith(other):
        return False
    return unit in lead[:80] and unit not in above


def _unit_after_unit(units: list[str], k: int, j: int, floor: int) -> bool:
    """``unit_after_unit`` for the line cutter, under a story of one or more finished
    paragraphs headed by the line at ``floor``."""
    if floor >= k - 1 or _plain_run(units, k, floor) < 1 or not headline_like(units[floor]):
        return False
    return unit_after_unit(units[k], units[j], units[floor], " ".join(units[floor + 1 : k]))


#: A law's or regulation's title: ``江苏省林业有害生物防治条例``, ``…管理办法``.
LAW_TITLE = re.compile(r"^[\u4e00-\u9fff（）()《》]{4,40}(?:条例|办法|规定|细则|规则)$")
#: What opens a law's text under its title: its contents, its first chapter or article.
LAW_OPENING = re.compile(r"^(?:目\s*录|第[一1]章|第[一1]条)")


def law_over_text(line: str, under: str) -> bool:
    """A law's title over its contents or its first chapter or article: a law printed whole
    heads an item of its own, whatever stands above it."""
    return LAW_TITLE.match(line) is not None and LAW_OPENING.match(under) is not None


#: A notice's text runs at most this many paragraphs over the body that issued it.
NOTICE_TEXT = 4


def _notice_under_issuer(units: list[str], k: int, j: int) -> bool:
    """``notice_issued`` for the line cutter."""
    return notice_issued(units[k], units[j : j + NOTICE_TEXT + 1])


def notice_issued(title: str, under: list[str]) -> bool:
    """A notice's ``title`` (``江苏省人大常委会公告``) over a few finished paragraphs closed by
    the body that issued it alone on a line (``江苏省人民代表大会常务委员会``): a notice of its
    own, not the last section of the story above (a law the notice publishes, printed first)."""
    if not notice_title(title):
        return False
    for n, u in enumerate(under[: NOTICE_TEXT + 1]):
        if ISSUER.match(u):
            return n > 0
        if not ends_sentence(u):
            return False
    return False


#: A time phrase opening a lead (``今年以来，``, ``近日，``, ``日前，``): UNIT_LEAD's cheap test.
_TIME_OPENING = re.compile(r"^(?:..以来|近|日前|国庆|中秋|春节|五一|端午|元旦|暑期|寒假|暑假)")
#: The places in a unit's name, each with its rank: ``灌南县`` and ``汤沟镇`` of
#: ``灌南县汤沟镇纪委``.
_PLACES = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:省|市|县|区|镇|乡|街道|社区|村)")


def unit_lead_anew(line: str, lead: str, above: list[str], subheads: list[str]) -> bool:
    """The ``lead`` under a one-line headline opens on a unit after a time phrase (``今年以来，
    灌南县汤沟镇纪委紧盯…``), and the story ``above`` (its lines) names none of the places
    in its name (no ``灌南``, no ``汤沟``: a county's story would name the county its towns'
    sections belong to): one unit's item after another's. Not where the line is the next one
    of the story's subheads (of their series, their break or their ``unit：`` form), nor in
    a roundup: a story that speaks of its places together (``各地``, ``全省各…``) or has a
    paragraph after its lead opening on a unit the same way (``今年以来，南京市…``)."""
    m = UNIT_LEAD.match(lead)
    if m is None or in_series(line, subheads) or any(same_break(line, x) for x in subheads):
        return False
    if UNIT_TITLE.match(line) and any(UNIT_TITLE.match(x) for x in subheads):
        return False  # a roundup's ``南京市：…`` / ``苏州市：…`` sections
    text = " ".join(above)
    if _TOGETHER.search(text) or any(UNIT_LEAD.match(x) for x in above[2:]):
        return False  # a roundup of places, this one its next section
    places = _PLACES.findall(m["unit"])
    if not places:
        return False
    names = [p[:-2] if p.endswith(("街道", "社区")) else p[:-1] for p in places]
    return all(len(n) >= 2 and n not in text for n in names)


#: How a roundup speaks of its places together: ``各地``, ``多地``, ``全省各``.
_TOGETHER = re.compile(r"各地|多地|[全各](?:省|市|县|区)各|各(?:市县|县区|区县|乡镇|街道)")


def _unit_lead_anew(units: list[str], k: int, j: int, floor: int) -> bool:
    """``unit_lead_anew`` for the line cutter, after two or more finished paragraphs."""
    if _plain_run(units, k, floor) < 2 or not _TIME_OPENING.match(units[j]):
        return False  # the cheap test first: a time phrase opens the lead
    subheads = [u for u in units[floor + 1 : k] if _subhead_like(u)]
    return unit_lead_anew(units[k], units[j], units[floor:k], subheads)


def _lead_in_over(units: list[str], i: int) -> bool:
    """``units[i]`` is the first line of a two-line subhead ending on a comma (``坚持凝聚职工、
    助推发展，`` / ``推动作用发挥见行见效``) after a finished paragraph."""
    return units[i].endswith(("，", ",")) and len(units[i]) <= HEAD_LINE and _finished(units[i - 1])


def _unit_under_bare(units: list[str], k: int, j: int, floor: int) -> bool:
    """A section's subhead of one or two lines at ``k`` whose text the crawl lost (``村企联合，
    共同致富``), then a unit's headline at ``j - 1`` over its lead at ``j`` (``unit_item``:
    ``泗阳县来安街道：…`` over ``今年以来，泗阳县来安街道…``): the unit's item starts at its
    own headline."""
    line = units[j - 1]
    if not unit_titled(line, units[j]) or any(UNIT_TITLE.match(u) for u in units[k : j - 1]):
        return False
    subheads = [u for u in units[floor + 1 : j - 1] if _subhead_like(u)]
    under = " ".join(units[j + 1 : j + 3])
    return unit_item(line, units[j], " ".join(units[floor : j - 1]), subheads, under)


def _series_under_bare(units: list[str], k: int, floor: int) -> bool:
    """``units[k]`` is one more of the series the story's subheads above make, opening and
    breaking alike (``谱好“法治实践”交响曲，书写…`` under ``谱好“规划引领”前奏曲，描绘…`` and
    two more), whose text the crawl lost; the line under it stands outside that series: the
    next story's headline, not the kicker over it."""
    subheads = [u for u in units[floor + 1 : k] if _subhead_like(u)]
    if not wholly_in_series(units[k], subheads):
        return False
    return outside_series(units[k + 1], [*subheads, units[k]], wholly=True)


def _unit_item(units: list[str], k: int, j: int, floor: int) -> bool:
    """``unit_item`` for the line cutter, after two or more finished paragraphs, or after one
    where the story above is itself a unit's (``unit_opened``)."""
    run = _plain_run(units, k, floor)
    if not unit_titled(units[k], units[j]) or run < 1:
        return False
    if run < 2 and not unit_opened(units[floor : floor + 2]):
        return False
    subheads = [u for u in units[floor + 1 : k] if _subhead_like(u)]
    under = " ".join(units[j + 1 : j + 3])
    return unit_item(units[k], units[j], " ".join(units[floor:k]), subheads, under)


def unit_opened(head_and_lead: list[str]) -> bool:
    """A story headed by a unit's name and a colon (``泗阳县来安街道：…``) or opening on a unit
    after a time phrase (``今年以来，灌南县汤沟镇纪委…``): one unit's item, on a page of such
    items, where the next unit's item may follow its first paragraph."""
    return any(UNIT_TITLE.match(x) or UNIT_LEAD.match(x) for x in head_and_lead)


def named_anew(lead: str, above: str, below: str = "") -> bool:
    """The ``lead`` names a body that ``above`` never names, while ``above`` names another of
    the same kind twice or more (``泰兴农商银行`` after a story on ``紫金农商银行``), or names
    one once where the text ``below`` (the lead and what follows it) names the lead's body
    twice or more and never the one above (``泰兴农商银行`` in a short item's lead, then
    ``沭阳农商银行`` all through the next)."""
    named = set(bodies_named(lead[:80]))
    if not named or any(b in above for b in named):
        return False
    kinds = {b[-2:] for b in named}
    others = [b for b in bodies_named(above) if b[-2:] in kinds]
    if not others:
        return False
    if any(others.count(b) >= 2 for b in set(others)):
        return True
    under = bodies_named(below)
    return any(under.count(b) >= 2 for b in named) and not any(b in below for b in others)


#: The body that signs a notice: ``中央第一生态环境保护督察组``, ``海口市人民政府办公室``.
ISSUER = re.compile(
    r"^[\u4e00-\u9fff（）()]{4,30}(?:组|委员会|办公室|办公厅|政府|局|厅|委|部|院|中心)$"
)
#: A section's label numbered at its end: ``关键词1``, ``镜头二``, ``篇章3``.
LABEL_ORDINAL = re.compile(
    r"^(?P<label>[\u4e00-\u9fff]{2,4}?)\s*(?P<n>[1-9]|[一二三四五六七八九])$"
)
#: How far above and under a numbered label its neighbour in the series is looked for.
LABEL_REACH = 80


def _labelled(units: list[str], k: int) -> bool:
    return numbered_label(units[k], units[max(0, k - LABEL_REACH) : k + LABEL_REACH])


def numbered_label(line: str, near: list[str]) -> bool:
    """``line`` is a label numbered at its end (``关键词2``) and ``near`` holds the same label
    with the number before or after it (``关键词1``, ``关键词3``): a story's numbered section,
    never a headline (nor a name: ``关键词2`` / ``年轻态``)."""
    m = LABEL_ORDINAL.match(line)
    if m is None:
        return False
    n = m.group("n")
    at = int(n) if n.isdigit() else _CN.index(n) + 1
    for other in (at - 1, at + 1):
        if 1 <= other <= 9:
            mark = str(other) if n.isdigit() else _CN[other - 1]
            if any(re.fullmatch(rf"{m.group('label')}\s*{mark}", u) for u in near):
                return True
    return False


#: A numbered section's mark: ``4 巧用学生福利``, ``B 赛事经济的延伸``, ``三、…``.
_ORDINAL = re.compile(r"^(?:(?P<n>\d{1,2})|(?P<a>[A-H])|(?P<c>[一二三四五六七八九]))[\s、.．]")
_CN = "一二三四五六七八九"


def _numbered_next(units: list[str], k: int, floor: int) -> bool:
    """``units[k]`` carries the next ordinal after one that heads a section above it in the
    same story (``3 警惕消费陷阱`` … ``4 巧用学生福利``)."""
    return numbered_next(units[k], units[max(floor, k - 4 * SERIES_REACH) : k])


def numbered_next(line: str, above: list[str]) -> bool:
    """``line`` carries the next ordinal after one that heads a line of ``above``."""
    m = _ORDINAL.match(line)
    if not m:
        return False
    if m["n"]:
        before = str(int(m["n"]) - 1)
    elif m["a"]:
        before = chr(ord(m["a"]) - 1)
    else:
        before = _CN[_CN.index(m["c"]) - 1] if m["c"] != "一" else ""
    if not before or before == "0":
        return False
    return any(
        (o := _ORDINAL.match(u)) is not None and o.group(0)[:-1] == before and headline_like(u)
        for u in above
    )


def _signed_top(units: list[str], i: int, k: int) -> bool:
    """Between the headline line ``units[i]`` and ``k`` stands the writer's line alone
    (``海南日报全媒体记者 张期望``, ``■ 邓钰``), not a dateline: a feature opens so."""
    return any(writer_line(u) for u in units[i + 1 : k])


def writer_line(u: str) -> bool:
    """A byline line that is no dateline: a writer's line alone under a headline."""
    return is_byline_line(u, bare=False) is not None and match_dateline(u) is None


def _plain_run(units: list[str], k: int, floor: int) -> int:
    """Finished paragraphs right above ``k``, back to a headline line or ``floor``."""
    return _plain_stretch(units, k, floor)[0]


def _plain_stretch(units: list[str], k: int, floor: int) -> tuple[int, int]:
    """(finished paragraphs right above ``k``, the unit where the run stops: a headline line,
    an unfinished one, or ``floor`` - 1); credits and bylines are passed over."""
    run, i = 0, k - 1
    while i >= floor:
        u = units[i]
        if not (_is_aside(u) or _is_anchor(u)):
            if headline_like(u) or not ends_sentence(u):
                break
            run += 1
        i -= 1
    return run, i


#: An editor's line closing a story: ``责任编辑：X``, ``本版编辑：X  校对：Y``.
_EDITOR_LINE = re.compile(r"^(?:责任编辑|本版编辑|编辑|校对|审核|美编|终审)\s*[:：]")


def _signed_off(units: list[str], i: int) -> bool:
    """``units[i]`` signs off the story above it: an editor's line, or a byline on its own
    line right after a finished paragraph (``文/王小明 图/李华``, ``本报记者 王小明``)."""
    u = units[i]
    if _EDITOR_LINE.match(u) and credit_line(u):
        return True
    if u.startswith(BYLINE_MARKS):
        # ``□黄灏 杭菲菲`` after a story's lead (``pages.clean_line`` keeps the paper's byline
        # bullet before names alone): it opens the rest of the story, signs nothing off
        return False
    return i > 0 and is_byline_line(u) is not None and ends_sentence(units[i - 1])


def _closed(unit: str) -> bool:
    """The unit closes a story: a closing byline or a source credit, alone or glued."""
    return bool(
        closing_byline(unit)
        or source_line(unit)
        or glued_source(unit)
        or closing_credit(unit)
        or glued_credit(unit)
    )


def _verse_ends(units: list[str], i: int) -> bool:
    """``units[i]`` is the last of four or more short lines without a final mark: a poem's end."""
    run = units[max(0, i - 3) : i + 1]
    return len(run) == 4 and all(len(u) <= 20 and not ends_sentence(u) for u in run)


def _closes_alone(units: list[str], closes: list[int], k: int, floor: int) -> bool:
    """The story a one-line headline at ``k`` would start closes with its own byline or
    source, and no anchor stands in between."""
    end = next((c for c in closes if c > k), None)
    if end is None or any(_is_anchor(u) for u in units[k + 1 : end]):
        return False
    around = units[floor + 1 : k] + units[k + 1 : end]
    heads = [u for u in around if strong_headline(u) and not _is_anchor(u)]
    return not in_series(units[k], heads)  # one of a story's series of subheads


_SERIES_TAG = re.compile(
    r"[（(](?:以案说法|[^（()）]{2,10}(?:说法|评论|时评|观察|锐评|纵横))[)）]$"
)


def _series_head(unit: str) -> bool:
    """A headline tagged with its series: ``解除劳动关系后…承诺责任（以案说法）``."""
    return bool(_SERIES_TAG.search(unit)) and "。" not in unit and len(unit) <= 50


#: Any tag closing a headline: ``（服务窗）``, ``（2025春运一线）``; not ``（上）``, ``（图）``.
_ANY_TAG = re.compile(r"[\u4e00-\u9fff”][（(](?P<tag>[^（()）\s]{3,16})[)）]$")
_NOT_TAG = re.compile(r"记者|通讯员|摄|供图|链接|续|组图|附图|资料")


def _tagged_head(unit: str) -> bool:
    """A headline line closed by a column or series tag (a deck over a ``——`` kicker)."""
    m = _ANY_TAG.search(unit)
    return m is not None and not _NOT_TAG.search(m["tag"]) and "。" not in unit and len(unit) <= 50


def _is_caption(unit: str) -> bool:
    """A photo caption that says so (``图为…``), or one with its credit (``…。  X摄``)."""
    return bool(_CAPTION.match(unit) and len(unit) <= 150) or inline_caption(unit) is not None


#: Text this long with a photo's credit glued on, closing a story, is the story's paragraph (a
#: web edition prints the photo news under its picture): a caption says less.
CAPTION_TEXT = 60


def _finished(unit: str) -> bool:
    unit = strip_code(unit)
    return ends_sentence(unit) or _is_aside(unit) or _is_anchor(unit) or _closed(unit)


#: A photo caption that says so: ``图为…``, ``上图：…``, ``图①…``.
_CAPTION = re.compile(r"^(?:图为|[上下左右中]图[:：为]|图[①②③④⑤⑥⑦⑧⑨\d]\s*[:：]?|（资料图片）)")
_INLINE_CAPTION = re.compile(
    r"^(?P<cap>.{4,200}?(?:[。！]\s*|\s{2,}|\s(?=记者|本报|通讯员|[\u4e00-\u9fff]{2,3}\s?(?:摄|供图)$)))"
    r"(?P<credit>[^。！\s][^。！]{1,40}(?:摄|供图)(?:[（(][^）)]{1,20}[)）])?|(?:本版)?摄影\s.{2,24})$"
)


#: Who wrote (and shot) a story, glued after its last sentence: ``…参加。文/图 海南省图书馆``,
#: ``…品种。文/海南日报全媒体记者 刘杰 图/王五``.
_GLUED_TEXT_BY = re.compile(
    r"(?<=[。！？”])\s*(?P<credit>文\s*[/／\\]\s*(?:图\s*)?[^\s。！？，、]{2,20}"
    r"(?:\s+[^\s。！？，、]{2,12}){0,3}(?:\s*图\s*[/／]\s*[^\s。！？，、]{2,12})?)$"
)
#: A wire photo's credit glued after its caption's last sentence: ``…搜救。新华社/法新``.
_WIRE_PHOTO = re.compile(r"(?<=[。！])\s*(?P<credit>(?:新华社|中新社)/[\u4e00-\u9fff]{2,5})$")


def inline_caption(unit: str) -> tuple[str, tuple[Byline, ...]] | None:
    """``图为…。  本报记者 X摄`` -> (caption, credits)."""
    tail = unit[-40:]  # the credit ends the unit: ``摄`` or ``供图`` is in its last 40 characters
    if "摄" not in tail and "供图" not in tail:
        return None
    m = _INLINE_CAPTION.match(unit)
    if not m:
        return None
    credits = photo_credit(m["credit"]) or credit_line(m["credit"])
    return (m["cap"].strip(), credits) if credits else None


#: A box item's source label (``美丽西湖``, ``萧山发布``, ``中国丝绸博物馆``) is this short.
LABEL_MAX = 8
_LABEL = re.compile(r"^[\u4e00-\u9fffA-Za-z]+$")


def split_box(d: Draft) -> list[Draft]:
    """A box of items under one banner (``杭州号里看杭州``): under a one-line title, a source
    label over a headline over the item's paragraphs, and again after a finished paragraph
    for each further item. Each item is a draft of its own, its label a kicker; the banner
    tops the first. A story with a label over a subhead only once is left whole."""
    u = d.units
    if d.head_count == 1 and _signed_piece(u, 1):
        return _split_signed_pieces(d)
    if d.head_count != 1 or not _box_item(u, 1):
        return [d]
    cuts = [q for q in range(4, len(u) - 2) if _finished(u[q - 1]) and _box_item(u, q)]
    if not cuts:
        return [d]
    bounds = [1, *cuts, len(u)]
    out = [
        Draft(d.page, u[a + 1 : b], head_count=1, box_label=u[a])
        for a, b in zip(bounds, bounds[1:], strict=False)
    ]
    out[0].box_label = f"{u[0]} {u[1]}"
    out[0].continues = d.continues
    return out


#: An item's label headline: ``体验活动：名师公益课``.
LABEL_HEAD = re.compile(r"^[\u4e00-\u9fff]{2,6}[：:][^，。！？：:\s]{2,14}$")


def split_signed(d: Draft) -> list[Draft]:
    """A box of signed items in one record (``小记者活动播报`` over ``体验活动：名师公益课`` /
    pieces / ``——school`` / ``三（3）班 X`` / ``体验活动：狮子跑团`` / …): each label headline
    whose pieces run to a dash signature heads an item of its own; the banner tops the first."""
    u, h = d.units, d.head_count
    if not h or len(u) <= h + 2 or not _signed_item(u, h):
        return [d]
    cuts = [h]
    for q in range(h + 1, len(u) - 1):
        if _signed_item(u, q) and (signature_line(u[q - 1]) or _pupil_signs(u, q - 1)):
            cuts.append(q)
    if len(cuts) < 2:
        return [d]
    bounds = [*cuts, len(u)]
    out = [Draft(d.page, u[a:b], head_count=1) for a, b in zip(bounds, bounds[1:], strict=False)]
    out[0].box_label = " ".join(u[:h])
    out[0].continues = d.continues
    return out


def _signed_item(u: list[str], q: int) -> bool:
    """``u[q]`` is a label headline over finished paragraphs that run to a dash signature."""
    if not LABEL_HEAD.match(u[q]):
        return False
    n = 0
    for x in u[q + 1 :]:
        if signature_line(x):
            return n > 0
        if not ends_sentence(x) and not x.endswith(("!", "?")):
            return False
        n += 1
    return False


def _pupil_signs(u: list[str], k: int) -> bool:
    """``u[k]`` is a pupil's class line right under a dash signature naming the school."""
    by = is_byline_line(u[k], bare=False) or ()
    return (
        k > 0
        and "班" in u[k]
        and bool(signature_line(u[k - 1]))
        and any(b.role == "author" for b in by)
    )


def _split_signed_pieces(d: Draft) -> list[Draft]:
    """A column of short signed pieces under one banner (``心声`` / ``个人信息须保护`` /
    ``北京理工大学法学院副教授 孟 强`` / paragraphs / ``法治保障产业旺`` / …): each piece's
    title over its author's line starts an item; the banner is the first one's kicker."""
    u = d.units
    cuts = [q for q in range(4, len(u) - 2) if _finished(u[q - 1]) and _signed_piece(u, q)]
    if not cuts:
        return [d]
    bounds = [1, *cuts, len(u)]
    out = [Draft(d.page, u[a:b], head_count=1) for a, b in zip(bounds, bounds[1:], strict=False)]
    out[0].box_label = u[0]
    out[0].continues = d.continues
    return out


def _signed_piece(u: list[str], q: int) -> bool:
    """``u[q]`` is a piece's title over its author's line with a post (``北京理工大学法学院副教授
    孟 强``) over a paragraph."""
    if q + 2 >= len(u):
        return False
    title, author, para = u[q], u[q + 1], u[q + 2]
    return (
        len(title) <= HEAD_LINE
        and strong_headline(title)
        and not ends_sentence(title)
        and not _is_anchor(title)
        and posted_author(author)
        and len(para) >= 2 * LABEL_MAX
        and ends_sentence(para)
    )


def _box_item(u: list[str], q: int) -> bool:
    """``u[q]`` is a source label over a headline over a paragraph."""
    if q + 2 >= len(u):
        return False
    label, head, para = u[q], u[q + 1], u[q + 2]
    return (
        len(label) <= LABEL_MAX
        and _LABEL.match(label) is not None
        and LABEL_MAX < len(head) <= 30
        and headline_like(head)
        and not _is_anchor(head)
        and not posted_author(head)
        and len(para) >= 2 * LABEL_MAX
        and ends_sentence(para)
    )


def read_draft(d: Draft) -> None:
    """Fill a draft's head, bylines, captions and paragraphs from its units."""
    units = list(d.units)
    if units and (m := JUMP_IN.match(units[0])):
        d.jumped_in = True
        units[0] = units[0][m.end() :]
        d.continues = not headline_like(units[0])
        if not units[0]:
            units.pop(0)
    i = _head_count(d, units)
    if d.head_count is None and (box := _box_at(units, i)) is not None:
        # 核心阅读 under the headline (or taken into its lines): the next unit is the summary
        d.summary = [units[box + 1]]
        units = units[:box] + units[box + 2 :]
        i = min(i, box)
    d.head = units[:i]
    if i and d.head_count is None and (n := _call_out_lines(units[i:])):
        d.captions.append(" ".join(units[i : i + n]))
        i += n
    body: list[str] = []
    last_was_body = False
    for k, u in enumerate(units[i:], start=i):
        u = strip_code(u)
        was_body, last_was_body = last_was_body, False
        if src := source_line(u):
            d.bylines.append(src)
        elif _pointer(u):
            pass  # the pointer to the full text: the other page's article is that text
        elif body and k == len(units) - 1 and ISSUER.match(u) and notice_title(" ".join(d.head)):
            d.bylines.append(Byline("other", u, u))  # the body that issued the notice
        elif _jump_line(u) and not body:
            d.rest_of = True  # 上接A01版 under the headline: the rest of that page's story
        elif (closing := closing_byline(u)) and not closing[0]:
            d.bylines += closing[1]
        elif credit := verse_credit(u):
            d.bylines.append(credit)
        elif was_body and (sig := signature_line(u)):
            d.bylines += sig
        elif body and series_note(u) and _only_credits(units[k + 1 :]):
            note = u.strip("（()）")
            d.bylines.append(Byline("other", note, note))  # the series' end note
        elif was_body and (said := speaker_line(u)) and _only_credits(units[k + 1 :]):
            d.bylines.append(said)  # closing the piece; inside it the line stays text
        elif (
            by := is_byline_line(u, bare=_bare_ok(d, body, k == len(units) - 1))
        ) is not None and not (
            k > 0 and LABEL_ORDINAL.match(units[k - 1]) and not is_byline_line(u, bare=False)
        ):  # (a name-shaped phrase under a numbered label is its: ``关键词2`` / ``年轻态``)
            d.bylines += by
        elif body and date_only(u) and _signed_above(units, k):
            d.bylines.append(Byline("other", u.strip(), u.strip()))  # a letter's date
        elif not body and d.bylines and (names := more_names(u)):
            d.bylines += tuple(Byline(d.bylines[-1].role, n, n) for n in names)  # 凌军辉 陈刚
        elif d.head and not body and not d.bylines and (by := author_line(u)):
            d.bylines += by  # the author line right under the headline: ``李志明``
        elif by := photo_credit(u):
            d.bylines += by
            # a photo item (its text, then the credit closing it) keeps its only paragraph
            if was_body and len(body[-1]) <= 150 and (len(body) > 1 or k + 1 < len(units)):
                d.captions.append(body.pop())
        elif cap := inline_caption(u):
            d.bylines += cap[1]
            if k == len(units) - 1 and len(cap[0]) >= CAPTION_TEXT and not _CAPTION.match(cap[0]):
                body.append(cap[0])  # the item's last paragraph of news, its photo credited
            else:
                d.captions.append(cap[0])
        elif _CAPTION.match(u) and len(u) <= 150:
            d.captions.append(u)
        elif body and submission_call(u):
            d.captions.append(u)  # ``欢迎赐图投稿，邮箱：…``: the column's call, not the story
        elif by := credit_line(u):
            d.bylines += by
        elif cc := closing_credit(u):
            d.dateline = d.dateline or cc.dateline or None
            d.place = d.place or cc.place
            d.bylines += cc.bylines
            if cc.dateline:  # （本报加德满都10月15日电）: where the story was filed, a credit
                d.bylines.append(Byline("source", cc.dateline, cc.dateline))
        elif body and (signature := sign_off(u)):
            d.bylines.append(signature)
        elif body and (closed := closing_dateline(u)) and not closed[0]:
            _close_dateline(d, closed[1])
        elif body and d.dateline is None and _display(body) and (dl := match_dateline(u)):
            d.summary = d.summary + body  # highlight lines over the dateline: display, no text
            body = []
            d.dateline, d.place = dl.dateline, dl.place
            d.bylines += dl.bylines
            if dl.rest:
                body.append(dl.rest)
                d.lead = True
        elif not body and d.dateline is None and (dl := match_dateline(u)):
            d.dateline, d.place = dl.dateline, dl.place
            d.bylines += dl.bylines
            if dl.rest:
                body.append(dl.rest)
                d.lead = True
        elif u := _body_text(d, u):
            body.append(u)
            last_was_body = True
    if body and not any(b.role in _SIGNERS for b in d.bylines) and (tail := glued_author(body[-1])):
        body[-1] = tail[0]  # a columnist's name closing the story: ``…的方式。应健中``
        d.bylines.append(tail[1])
    d.decks, d.paragraphs = _split_decks(d, body)
    _dedupe_bylines(d)


def join_stanzas(lines: list[str], gaps: list[bool]) -> tuple[list[str], list[bool]]:
    """A page's lines with each stanza printed as one block (``conventions.stanza_flags``)
    joined into one unit, its lines kept apart by line breaks, and the blank-line flags to
    match."""
    blocks = line_blocks(lines, gaps)
    units: list[str] = []
    out_gaps: list[bool] = []
    at = 0
    for block, stanza in zip(blocks, stanza_flags(blocks), strict=True):
        if stanza:
            units.append("\n".join(block))
            out_gaps.append(gaps[at])
        else:
            units += block
            out_gaps += gaps[at : at + len(block)]
        at += len(block)
    return units, out_gaps


def _only_credits(units: list[str]) -> bool:
    """Nothing but credit lines: a closing byline or credit in brackets, a source credit."""
    return all(
        (c := closing_byline(u)) and not c[0] or closing_credit(u) or source_line(u) for u in units
    )


#: A series' note closing one of its pieces: ``（本系列评论到此结束）``, ``（系列报道之二）``,
#: ``（未完待续）``.
_SERIES_NOTE = re.compile(
    r"^[（(](?:[^（()）]{0,16}(?:系列|连载)[^（()）]{0,12}"
    r"(?:完|结束|之[一二三四五六七八九十\d]{1,3}|[一二三四五六七八九十\d]{1,3})|未完待续|待续|全文完)[)）]$"
)


def series_note(u: str) -> bool:
    """The bracketed note that ends a piece of a series (its part, or the series' end)."""
    return len(u) <= 40 and _SERIES_NOTE.match(u) is not None


#: A column's call for contributions closing a story: ``栏目投稿邮箱：…``,
#: ``欢迎赐图投稿，邮箱：…``, ``看更多照片和征稿信息，请登录…``.
_SUBMISSION = re.compile(r"投稿|征稿")
_SUBMIT_WAY = re.compile(r"邮箱|信箱|@|登录|二维码|扫码|网址|来稿")


def submission_call(u: str) -> bool:
    """A line inviting readers to send in their pieces or pictures, with the way to do so."""
    return len(u) <= 120 and bool(_SUBMISSION.search(u)) and bool(_SUBMIT_WAY.search(u))


#: Roles that sign a story: one of them and a name glued to its end is no signature.
_SIGNERS = SIGNING_ROLES | {"other"}


#: A line under a headline this long, with a comma in it, is display text (an excerpt).
DISPLAY_LINE = 30


def _over_display(units: list[str], j: int, floor: int) -> int:
    """Where a headline stands over lines of display text (excerpts without a final mark)
    right above the dateline or byline at ``j``, after a finished paragraph; -1 if not."""
    i = j - 1
    while i > floor + 1 and _display([units[i]]) and not _is_anchor(units[i]):
        i -= 1  # past the display lines
    top = i if headline_like(units[i]) and not _display([units[i]]) else i + 1
    if top >= j - 1 or top <= floor or not _finished(units[top - 1]):
        return -1
    return top if strong_headline(units[top]) and _display(units[top + 1 : j]) else -1


def _title_over_deck(units: list[str], k: int, floor: int) -> bool:
    """Over the subtitle line ``units[k]`` stand a deck of sentences that ends on no final
    mark (``习近平发表重要讲话强调，…。必须…，扎扎实实以科技创新支撑和引领中国式现代化``) and,
    over it, the title after a finished paragraph: the three head one story."""
    if k - 3 < floor:
        return False
    deck, title = units[k - 1], units[k - 2]
    return (
        len(deck) > DISPLAY_LINE
        and "。" in deck
        and not ends_sentence(deck)
        and not headline_like(deck)
        and strong_headline(title)
        and _finished(units[k - 3])
    )


def _display(units: list[str]) -> bool:
    """Lines over a story's dateline that end on no final mark (``发扬“店小二”精神`` /
    ``各层各级领导干部要主动关心企业…``): a highlight box of excerpts, display text."""
    return all(not ends_sentence(u) and not u.endswith(("：", ":")) for u in units)


def _signed_above(units: list[str], k: int) -> bool:
    """A signature line (names alone: ``习近平``) stands right above ``units[k]``, under text."""
    return k >= 2 and bool(is_byline_line(units[k - 1], bare=True)) and _finished(units[k - 2])


def _bare_ok(d: Draft, body: list[str], last: bool = False) -> bool:
    """A line of names alone is a byline: in a text cut line by line, right under a one-line
    headline before any body or byline (``陈  涛`` under its piece's title), or closing the
    piece after its text (``默 达`` under a commentary)."""
    if last and body:
        return True
    return d.head_count is None or (d.head_count == 1 and not body and not d.bylines)


def _box_at(units: list[str], i: int) -> int | None:
    """Where a lead box's label stands at or above the body's first unit ``units[i]``, with
    a unit under it and more body after that; None if there is none."""
    for k in range(1, min(i + 1, len(units) - 2)):
        if BOX_LABEL.fullmatch(units[k]):
            return k
    return None


def _head_count(d: Draft, units: list[str]) -> int:
    """How many leading units are the headline block: as the layout said (blocks.py), or
    the leading headline-like lines before an anchor."""
    if d.head_count is not None:
        return d.head_count
    i = 0
    if not d.continues:
        while i < len(units) and i < 2 * MAX_HEAD and not _is_anchor(units[i]):
            u = units[i]
            head = headline_like(u) or (_speaker(u) and i == 0 and len(units) > 1)
            if not head or (i > 0 and (_is_aside(u) or info_line(u))):  # a credit, a box line
                break
            if i > 0 and posted_author(u):
                break  # ``山东省委书记 林武``: the author with their post, under the headline
            if (
                i > 0
                and series_tag(units[i - 1])
                and not u.startswith(("——", "—"))
                and not cut_in_two(units[i - 1], u)
            ):
                break  # a series tag closes the headline: 提要 lines follow, not a subtitle
            if i > 0 and _opens_call_out(u):
                break
            if i > 0 and len(u) > DISPLAY_LINE and "，" in u:
                break  # an excerpt of display text under the headline, no headline line
            i += 1
    if i > MAX_HEAD and not (i < len(units) and _is_anchor(units[i])):
        i = MAX_HEAD  # a taller block of headline lines only over a byline or dateline
    return i


def _split_by_length(head: list[str], h: Head) -> bool:
    """Two headline lines read as kicker and title, or title and subtitle, on no cue but
    their lengths: the first line sets no frame of its own (no dash, colon, question or
    quotation), and the second opens no dash."""
    if len(head) != 2 or h.column:
        return False
    kicked = h.kicker == head[0] and h.title == head[1] and not h.subtitle
    subbed = h.title == head[0] and h.subtitle == head[1] and not h.kicker
    if not (kicked or subbed) or head[1].startswith(("——", "—")):
        return False
    return not head[0].endswith(("——", "—", "：", ":", "？", "?", "！", "”"))


def _opens_call_out(u: str) -> bool:
    return _call_out(u) and u.startswith(("扫码", "扫一扫"))


def _call_out_lines(units: list[str]) -> int:
    """How many leading units are a QR call-out box under the headline (``扫码留言`` /
    ``参与活动``): a caption of the QR code, not body."""
    if not units or not _opens_call_out(units[0]):
        return 0
    n = 1
    while n < min(len(units), 3) and len(units[n]) <= BOX_LINE and not ends_sentence(units[n]):
        n += 1
    return n


def _body_text(d: Draft, u: str) -> str:
    """A body unit without what is glued to it: a source credit or a closing byline (to the
    draft's bylines), a jump marker (to its problems)."""
    if glued := glued_source(u):
        u = glued[0]
        d.bylines.append(glued[1])
    if closing := closing_byline(u):
        u = closing[0]
        d.bylines += closing[1]
    if signed := glued_byline(u):
        u = signed[0]
        d.bylines += signed[1]
    if (closed := closing_dateline(u)) and closed[0]:
        u = closed[0]
        _close_dateline(d, closed[1])
    tail = u[-40:]
    if ("/" in tail or "／" in tail or "\\" in tail) and (g := _GLUED_TEXT_BY.search(u)):
        # …号报名参加。文/图 海南省图书馆
        credit = g["credit"].strip()
        by = is_byline_line(credit, bare=False)
        u = u[: g.start("credit")].rstrip()
        org = re.sub(r"^文\s*[/／\\]\s*(?:图\s*)?", "", credit)
        d.bylines += by or (Byline("other", org, credit),)
    if "/" in tail and (w := _WIRE_PHOTO.search(u)) and (shot := photo_credit(w["credit"])):
        u = u[: w.start("credit")].rstrip()  # …废墟中搜救。新华社/法新: the photo's credit
        d.bylines += shot
    if credited := split_glued_credit(u):  # …‘翅膀’。”（本报嘉积7月14日电）
        u, cc = credited
        d.bylines += cc.bylines
        if cc.dateline:
            _close_dateline(d, cc)
    if m := JUMP_OUT.search(u):
        u = u[: m.start()]
        d.jumps_to = True
        where = m["p"] or m["code"]
        d.problems.append(Problem("jump", d.page, f"story continues on page {where}"))
    return u


def _close_dateline(d: Draft, dl: Dateline) -> None:
    """A closing dateline (``新华社贵阳4月27日电`` after the last sentence): where the story
    was filed, a credit (and the dateline when the story opened with none)."""
    d.dateline = d.dateline or dl.dateline
    d.place = d.place or dl.place
    d.bylines.append(Byline("source", dl.dateline, dl.dateline))


#: A line shorter than this without a final mark is a subhead, not a 提要 summary.
DECK_MIN = 20
#: A story prints at most this many 提要 lines.
DECKS = 3


def _stops(text: str) -> bool:
    """Ends a sentence for good (a closing quote after a quoted word does not; an editor's
    note in brackets after the last sentence, ``…深思。（相关报道见本报4月27日6版）``, does)."""
    text = _TRAILING_NOTE.sub("", text)
    return text.rstrip("”’」』").endswith(("。", "！", "？", "…", "!", "?"))


_TRAILING_NOTE = re.compile(r"(?<=[。！？])[（(][^（()）]{2,40}[)）]$")


def _split_decks(d: Draft, body: list[str]) -> tuple[list[str], list[str]]:
    """Leading 提要 lines of a story opened by a byline and no dateline: long, no final mark,
    and more body after them."""
    if d.dateline is not None or d.continues or not (d.bylines or d.head):
        return [], body
    n = 0
    while n < min(DECKS, len(body) - 1) and len(body[n]) >= DECK_MIN and not _stops(body[n]):
        if body[n].endswith(("：", ":", "——")) or "\n" in body[n] or _cut(body[n], body[n + 1]):
            break  # a lead-in to what follows (…事关旅游发展大局——), or a column break
        n += 1
    if n and not d.bylines and not all(_stops(p) for p in body[n : n + 2]):
        return [], body  # without a byline, only over finished paragraphs
    return body[:n], body[n:]


#: Characters that never open a sentence: a line opening with one continues the last.
_GOES_ON = tuple("的了着过地得们等及之所者吗呢吧啊")
#: Units that follow a number: a line opening with one after a number continues it.
_UNIT = tuple("家个位名项条台万亿元米吨斤亩人次年月日号岁%％")


def _cut(prev: str, nxt: str) -> bool:
    """``prev`` was cut at a column break and ``nxt`` goes on with it (…80岁至90 | 岁七折…)."""
    return (
        prev.endswith(("，", "、", ","))
        or nxt.startswith(_GOES_ON)
        or (prev[-1:].isdigit() and nxt.startswith(_UNIT))
    )


def _dedupe_bylines(d: Draft) -> None:
    seen: set[tuple[str, str]] = set()
    out: list[Byline] = []
    for b in d.bylines:
        if (b.role, b.name) not in seen:
            seen.add((b.role, b.name))
            out.append(b)
    d.bylines = out


#: The opening of a pull-quote's excerpt that its story's text says again.
PULL_QUOTE = 16


def _labels_pull_quote(d: Draft, h: Head) -> bool:
    """The second of two headline lines read as kicker and title labels a pull-quote box under
    them: the box's excerpt says the line's words and opens as a paragraph of the story does
    (``发扬“店小二”精神`` over ``各层各级领导干部要主动关心企业…发扬“店小二”精神…``, which
    ``会议强调，各层各级领导干部要主动关心企业…`` says again). The first line is the title."""
    if len(d.head) != 2 or (h.kicker, h.title) != (d.head[0], d.head[1]) or not d.summary:
        return False
    box = "".join(d.summary)
    if len(box) < PULL_QUOTE or d.head[1] not in box:
        return False
    return any(box[:PULL_QUOTE] in p for p in d.paragraphs)


def head_of(d: Draft) -> tuple[str | None, str | None, str | None, str | None]:
    """(kicker, title, subtitle, column) of a draft; adds an author byline if printed, and
    a problem where the split between kicker and title stays open."""
    if not d.head:
        return None, None, None, None
    # a block of four or more lines, or three where a line runs into the next, is read slot by
    # slot (a tabloid's 引题/主题/副题); one to three whole lines by their place
    n = len(d.head)
    slots = d.head_count is not None or n >= 4 or (n == 3 and any(map(runs_on, d.head[:2])))
    h: Head = (
        classify_slots(d.head, kicker_first=d.kicker_first) if slots else classify_head(d.head)
    )
    if (d.heads_broken or post_over_name(d.head)) and _split_by_length(d.head, h):
        h = Head(title=" ".join(d.head), author=h.author)  # one title broken in two
    if d.box_label:
        h = replace(h, kicker=f"{d.box_label} {h.kicker}" if h.kicker else d.box_label)
    if _labels_pull_quote(d, h):
        d.summary = [d.head[1], *d.summary]  # the box's label goes with its excerpt
        h = replace(h, kicker=None, title=d.head[0])
    if h.author:
        d.bylines.insert(0, Byline("author", h.author, h.author))
    if h.doubt and d.head_flat:
        d.problems.append(Problem("headline-split", d.page, h.doubt))
    return h.kicker, h.title, h.subtitle, h.column
