"""Which blocks are headline blocks, in a tabloid that indents nothing.

A crawler's "cleaned" text of a tabloid keeps the blank lines between paragraphs but strips
the indent that told a paragraph from a headline. The headline blocks still show: a stack
of two or more short lines without a full stop is a headline block (a body block is one
paragraph, one line). A single short line is harder: it may be a one-line headline or an
in-story subhead. It heads a story where a reader sees a story start: at the top of a page,
over an opening byline or dateline (``记者 X``, ``本报讯（记者…）``; past a photo credit or a
QR call-out), over a photo's credit and a lead that opens on the time of the news
(``宁文武 摄`` / ``这几天，…``) or a QR call-out box (``扫码关注…``), or after a story
closed by its credit, signature or teaser pointer (``据新华社``, ``…。据北京日报``,
``寄思人：X``, ``告别新闻  A07``); but not right under another headline (a summary line
over the byline) or under a label (``活动截止时间：``). A headline with nothing under it
that reads as a story (a notice whose table was an image, the imprint, a hotline box) keeps
its lines under it, so that blocks.py drops the item whole. Anything else is body:
in-story subheads, and short items embedded in a record.

``mark_heads`` writes the decision into the page's indent flags, so that blocks.py cuts the
page as it cuts an indented one. Pure: it only reads the page's lines.
"""

from __future__ import annotations

import re
from functools import lru_cache

from syndicate.model import SIGNING_ROLES
from syndicate.parse.articles import (
    CONTENTS_ENTRY,
    CONTENTS_REACH,
    DATED_CLAUSE,
    ISSUER,
    JUMP_LINE,
    LABEL_HEAD,
    LABEL_ORDINAL,
    LABEL_REACH,
    NEWS_LEAD,
    NOTE_PARAGRAPHS,
    NOTICE_TEXT,
    PHOTO_ITEM,
    SERIES_REACH,
    SIDEBAR_LABEL,
    SIGNED_REACH,
    TIME_LEAD,
    UNIT_LEAD,
    UNIT_TITLE,
    WRITER_CREDIT,
    cohesion_breaks,
    contents_box,
    credited_title,
    dated_credit,
    echoed,
    heads_series,
    info_line,
    inline_caption,
    law_over_text,
    like_a_subhead,
    middle_subhead,
    named_anew,
    notice_issued,
    numbered_label,
    numbered_next,
    opening_signers,
    quoted_phrase,
    quoted_title,
    series_apart,
    signed_again,
    unit_item,
    unit_lead_anew,
    unit_opened,
    unit_titled,
    writer_line,
)
from syndicate.parse.blocks import (
    POINTER,
    Block,
    box_line,
    caption_under_byline,
    is_imprint,
    is_signer_line,
    page_blocks,
)
from syndicate.parse.dateline import (
    author_line,
    bare_names,
    closing_byline,
    closing_credit,
    closing_dateline,
    credit_line,
    glued_byline,
    glued_credit,
    is_byline_line,
    match_dateline,
    person_line,
    photo_credit,
    role_alone,
    signature_line,
)
from syndicate.parse.headline import (
    FINAL,
    QUESTION,
    char_pairs,
    clause_pair,
    headline_like,
    in_series,
    lead_text,
    most_named_recurs,
    notice_title,
    official_title,
    outside_series,
    profile_series,
    rhymes_with,
    salutes,
    series_tag,
    shared,
    subject_turns,
    wholly_in_series,
)
from syndicate.parse.kinds import EDITOR_NOTE
from syndicate.parse.pages import RawPage
from syndicate.parse.slots import size
from syndicate.parse.sources import glued_source, source_line

#: A headline line is at most this long (a body block's line is a paragraph).
MAX_LINE = 40
_LIST_MARK = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:、|[.．](?!\d)))"
)
_NOT_HEAD = re.compile(r"^[（(]?[上下]接[A-H]?\d{1,2}版|扫码")
_SIGNER_WORD = re.compile(r"记者|通讯员|实习生|评论员")


def mark_heads(page: RawPage) -> None:
    """Flag every line of the page's body blocks as indented, headline blocks' lines as flush."""
    _head_line.cache_clear()  # memoised per page only, so a bench that repeats a file is fair
    _paragraph_line.cache_clear()
    blocks = page_blocks(page)
    flags: list[bool] = []
    joined = False  # the block is an item's label printed under the banner above
    listed = 0  # blocks left of a list box's lines, body under its heading
    body = True  # the story above has body text (a page starts fresh)
    item: list[str] | None = None  # the headline of an item without a story, over its lines
    paras = 0  # paragraphs since the last headline or subhead
    subbed = False  # a subhead since the last headline
    signed = False  # a closing signature since the last headline
    ends_signed = [_signs_end(blocks, i) for i in range(len(blocks))]
    sure = _sure_starts(blocks, ends_signed)
    top = 0  # the last headline block
    titled = False  # the block is the headline under a title-only item
    for i, b in enumerate(blocks):
        if titled:
            head, titled = True, False
            page.apart.add(len(flags))
        elif joined:  # one headline block with the banner: its kicker over this title
            head, joined = True, False
            page.after_gap[len(flags)] = False
        elif listed:
            head, listed = False, listed - 1
        elif item is not None and not (len(b.lines) > 1 and is_stack(b.lines)):
            head = b.lines == item  # the same notice again, else the item's own lines
        else:
            # a story that closes with its byline further down goes on until it: an unsigned
            # story ends where the next sure start (a stack, an opening byline) comes first
            plain = paras >= 2 and (signed or not any(ends_signed[i + 1 : sure[i]]))
            head = is_flat_head(
                blocks, i, body_above=body, plain_story=plain, subbed=subbed, top=top, run=paras
            )
            item = b.lines if head and _without_story(blocks, i) else None
            sidebar = _sidebar_label(blocks, i)
            if not head and paras and sidebar:
                head = True  # ``相关链接`` over the box's title, after the story's last paragraph
            joined = head and (sidebar or _banner_over_signed(blocks, i))
            if not head and paras and _title_over_head(blocks, i, plain, subbed, top, paras):
                head = titled = True  # a title-only item (a photo's), then the next story
            elif head and paras and _lone_head_over_head(blocks, i):
                titled = True  # (the crawl stacks a headline's lines in one block)
            elif head and paras and _title_over_head(blocks, i, plain, subbed, top, paras):
                titled = True  # a title-only item's headline, then the next story's
            if head and not body and _credited_head(blocks, top, i):
                page.apart.add(len(flags))  # the picture item above ends at its credit
            if head and item is None and _list_box(blocks, i):
                listed = len(_rest_of_story(blocks, i + 1))
        text = _is_paragraph(b) and not _byline_alone(b) or _info_block(b)
        body = not head and (body or text)
        signed = not head and (signed or ends_signed[i])
        if head:
            paras, subbed, top = 0, False, i
        elif len(b.lines) == 1 and _head_line(b.lines[0]):
            paras, subbed = 0, True
        elif text:
            paras += 1
        flags += [not head] * len(b.lines)
    page.indented[:] = flags


def _sure_starts(blocks: list[Block], ends_signed: list[bool]) -> list[int]:
    """For each block, the next block after it that surely starts a story: a stack of
    headline lines, or a headline-length line over an opening byline or dateline, not over a
    signature closing the story above (``len(blocks)``: none)."""
    out = [len(blocks)] * len(blocks)
    nxt = len(blocks)
    for k in range(len(blocks) - 1, -1, -1):
        out[k] = nxt
        c = blocks[k]
        if len(c.lines) > 1:
            sure = is_stack(c.lines)
        else:  # a headline's length, not a lead over its byline (``●南方日报记者 李赫``)
            line = c.lines[0]
            sure = (
                len(line) <= MAX_LINE
                and not line.endswith(_STOPS)
                and k + 1 < len(blocks)
                and not ends_signed[k + 1]
                and opens_story(blocks[k + 1].lines[0])
            )
        if sure:
            nxt = k
    return out


def _lone_head_over_head(blocks: list[Block], i: int) -> bool:
    """Headline block ``i`` of one line over another one-line headline block over an opening
    dateline or byline (``加快推动博士研究生教育高质量发展`` / ``不断激发创新活力…`` /
    ``新华社天津10月20日电 …``): where a crawl stacks each headline's lines in one block, the
    first is a title-only item (a photo's) and the second heads the story."""
    if len(blocks[i].lines) != 1 or i + 2 >= len(blocks) or len(blocks[i + 1].lines) != 1:
        return False
    first, second = blocks[i].lines[0], blocks[i + 1].lines[0]
    if not _head_line(second) or second.endswith(_STOPS):
        return False  # (not a photo's credit: ``胥岭梯田油菜花开了`` / ``宁文武 摄``)
    if first.endswith(_STOPS) or not _head_line(first):
        return False  # a story's last words (``谢谢大家！``), no headline
    if bare_names(first) or ISSUER.match(first) or info_line(first) or LABEL_LINE.match(first):
        return False  # a name over the title (``习近平`` / ``回信``), an issuer, an info line
    lead = blocks[i + 2].lines[0]
    if len(blocks[i + 2].lines) != 1:
        return False
    dl = match_dateline(lead)
    if dl is None:  # or over an opening byline (``□ 陈亚平 叶舒``)
        return opens_story(lead) and i + 3 < len(blocks) and _is_paragraph(blocks[i + 3])
    return bool(dl.rest)


#: A labelled line of an info box: ``导航：千岛湖镇青溪村…``.
LABEL_LINE = re.compile(r"^[\u4e00-\u9fff]{2,4}[：:]")


def _title_over_head(
    blocks: list[Block], i: int, plain: bool, subbed: bool, top: int, run: int
) -> bool:
    """Two one-line headline blocks after a finished paragraph, over a lead, in a crawl that
    stacks a headline's lines in one block: the first is an item without a story (a photo
    item's title: ``广陵区曲江街道：银发映初心 党在我心中``) where the second heads a story by
    itself (``龙头企业“齐迈步” 健康食品进军“千亿级”`` / ``在农业大市兴化，…``); a pair of
    subheads (``江苏体彩30年…`` / ``助力体育事业…``) heads no story, and a pair among more
    such pairs is a story's two-line subhead."""
    if i < 1 or i + 2 >= len(blocks) or not blocks[i - 1].lines[-1].endswith(_STOPS):
        return False
    pair = blocks[i : i + 2]
    if any(len(c.lines) != 1 or not _ends_phrase(c.lines[0]) for c in pair):
        return False
    if not _is_paragraph(blocks[i + 2]):
        return False
    series = _subheads(blocks, top, i)
    if UNIT_TITLE.match(pair[1].lines[0]) and in_series(pair[0].lines[0], series):
        return False  # the story's next subhead, its text lost, then a unit's item
    above = [c.lines[0] for c in blocks[i - 2 : i] if _is_paragraph(c)]
    below = [c.lines[0] for c in blocks[i + 2 : i + 4] if _is_paragraph(c)]
    # the text above and under share little: every reading but a main title's needs it
    apart = len(above) == 2 and cohesion_breaks(above, below, PAIR_COHESION)
    whole = all(_whole_head(c.lines[0]) for c in pair)
    if not (apart or whole):
        return False  # the cheap tests first

    def alone() -> bool:
        """The second block would head a story with the first left out."""
        rest = blocks[:i] + blocks[i + 1 :]
        return is_flat_head(rest, i, plain_story=plain, subbed=subbed, top=top, run=run)

    if _paired_heads(blocks, top, i):
        # a story's two-line subheads come in pairs; a picture item's title over the next
        # story's headline only where the second heads a story by itself and the text above
        # and under share little (``昆山水稻开镰收割`` / ``以高水平技防城建设…``)
        if not apart or len(pair[0].lines[0]) <= SECTION_LABEL:
            return False  # a section's label over its subhead (``产业革新`` / ``因地制宜…``)
        if _paired_heads(blocks, top, i, like=(pair[0].lines[0], pair[1].lines[0])):
            return False  # one of a story's two-line subheads, twin of another pair near
        return alone()
    if not whole:
        # one phrase each, the shape of a two-line subhead too: only where the text above
        # and under share almost nothing (``泡桐种质资源收集成果丰硕`` / ``以忠诚担当之姿…``),
        # or little where the second would head a story by itself
        return cohesion_breaks(above, below) or alone()
    return apart or alone()


#: A section's label over its subhead (``产业革新``, ``城市更新``) is at most this long.
SECTION_LABEL = 6
#: Under a lone pair of headline blocks, the text above and under share at most this share
#: of character pairs where the second heads a story (``COHESION`` for a one-line headline).
PAIR_COHESION = 0.05


def _whole_head(line: str) -> bool:
    """A main title's line: it ends a phrase and holds two."""
    return _ends_phrase(line) and _TWO_PHRASES.search(line) is not None


def _ends_phrase(line: str) -> bool:
    """A headline line that ends a phrase: no lead-in, no half of a two-line subhead, no
    quoted sentence."""
    bare = line.rstrip("”’」』")  # a quoted headline (…带来“大温暖”), not a quoted sentence
    return _head_line(line) and not bare.endswith((*FINAL, "，", ",", "、"))


#: A headline of two phrases, set apart by a space or a colon (``银发映初心 党在我心中``,
#: ``广陵区曲江街道：…``): a main title's shape; a two-line subhead's halves are one phrase
#: each (``“布什”号航母`` / ``预计将部署到中东或附近区域``).
_TWO_PHRASES = re.compile(r"[^\s：:][\s\u3000：:]+[^\s：:]")


def _paired_heads(
    blocks: list[Block], top: int, i: int, like: tuple[str, str] | None = None
) -> bool:
    """Another pair of one-line headline blocks, not both of a main title's shape, stands in
    the story above block ``i`` or under it, within ``SERIES_REACH`` * 2 blocks and before an
    opening byline or dateline: a story's two-line subheads. ``like``: only a pair whose
    lines are each within ``TWIN_PAIR`` characters of these two lines' lengths counts."""
    end = min(len(blocks), i + 2 + 2 * SERIES_REACH)
    for k in range(i + 2, end):
        if len(blocks[k].lines) == 1 and opens_story(blocks[k].lines[0]):
            end = k
            break
    for k in range(top + 1, end - 1):
        if abs(k - i) < 2:
            continue
        pair = [c.lines[0] for c in blocks[k : k + 2] if len(c.lines) == 1]
        # two lines of a main title's shape are another item's title, not subheads
        if len(pair) == 2 and all(map(_head_line, pair)) and not all(map(_whole_head, pair)):
            if like is None or all(
                abs(len(a) - len(b)) <= TWIN_PAIR for a, b in zip(pair, like, strict=True)
            ):
                return True
    return False


#: A story's two-line subheads set as pairs of blocks differ in length by at most this many
#: characters, line by line (``强劲“第一动力”`` / ``打造科技创新策源地`` and ``增进韧性活力`` /
#: ``锻造现代化产业体系主创地``).
TWIN_PAIR = 3


def _byline_alone(b: Block) -> bool:
    """A signer's byline on its own line (``首席记者  连建明``, or the role whose names the crawl
    lost: ``□ 新华社记者``): no paragraph of the story, so a subhead under the story's first
    paragraph does not count two paragraphs above it."""
    line = b.lines[0]
    if len(b.lines) != 1 or len(line) > MAX_LINE:
        return False
    return is_signer_line(line) or role_alone(line.lstrip("□■●◆ "))


def _signs_end(blocks: list[Block], i: int) -> bool:
    """Block ``i`` is a story's closing signature: a signer's byline on its own line after a
    paragraph (``本报记者  王若弦``), or one glued after the last sentence."""
    b = blocks[i]
    line = b.lines[-1]
    if not _SIGNER_WORD.search(line[-40:]):
        return False  # most blocks leave here
    if len(b.lines) == 1 and is_signer_line(line):
        return i > 0 and _is_paragraph(blocks[i - 1])
    return glued_byline(line) is not None or closing_byline(line) is not None


def is_flat_head(
    blocks: list[Block],
    i: int,
    *,
    body_above: bool = True,
    plain_story: bool = False,
    subbed: bool = False,
    top: int = 0,
    run: int = 0,
) -> bool:
    """Block ``i`` is a headline block (see the module docstring). ``body_above``: a
    paragraph stands between it and the headline above (else a short line over a byline
    is a summary line of that headline's story: ``监控看到大货车突然停下`` / ``记者 X``).
    ``plain_story``: two or more paragraphs stand between it and the headline or subhead
    above, so a line over a news lead (``近日，``, ``4月2日，``) after a finished paragraph
    heads a story; over a date in the lead's first clause (``…选举团3日举行…``) only where
    the story above has no subhead (``subbed``) and the line is one phrase. ``top``: the
    block of the story's headline. ``run``: paragraphs since the headline or subhead above;
    after one or more, a line that turns to another subject than the story above heads a
    story (``_topic_turns``)."""
    b = blocks[i]
    if i == 0 and (_top_stack(b.lines) or _dated_stack(blocks)):
        return True
    if len(b.lines) == 1 and LABEL_ORDINAL.match(b.lines[0]):
        near = [c.lines[0] for c in blocks[max(0, i - LABEL_REACH) : i + LABEL_REACH]]
        if numbered_label(b.lines[0], near):
            return False  # ``关键词2``: a story's numbered section, its label
    if len(blocks) == 1 and len(b.lines) == 1 and _head_line(b.lines[0]):
        return True  # a page of one short line (``广告``): a headline over a picture, no text
    if i > 0 and _signs_off(blocks[i - 1], b):
        return False  # ``——陈国芬老师`` under a finished paragraph: its writer, not a headline
    if i > 0 and _long_head_over_dateline(blocks, i):
        return True  # ``乐东…林丹华接受纪律审查和监察调查`` over ``本报海口7月9日讯（…）``
    if 0 < i < len(blocks) - 1 and len(b.lines) == 1:
        if law_over_text(b.lines[0], blocks[i + 1].lines[0]):
            return True  # ``…防治条例`` over ``目 录``: a law printed whole
    if i > 0 and len(b.lines) == 1 and official_title(b.lines[0]):
        return _is_paragraph(blocks[i - 1]) or len(blocks[i - 1].lines[-1]) <= MAX_LINE
    if 0 < i < len(blocks) - 1 and len(b.lines) == 1 and _is_paragraph(blocks[i - 1]):
        if quoted_title(b.lines[0], blocks[i - 1].lines[-1], blocks[i + 1].lines[0]):
            return True  # ``“用人类智慧…引领人工智能发展”`` over ``新华社记者``
    if not is_stack(b.lines) or (i > 0 and blocks[i - 1].lines[-1].endswith(("：", ":"))):
        return False  # not headline lines, or the value under a label (``活动截止时间：``)
    if len(b.lines) == 1 and _contents_over(blocks, i):
        return True  # a magazine's contents after a story: an item of its own
    if _without_story(blocks, i):
        return True
    if i + 1 < len(blocks) and notice_title(b.lines[-1]) and _info_block(blocks[i + 1]):
        return True  # a notice's title over its info lines: an item of its own
    if i + 1 == len(blocks):
        return False  # a last line that is no notice: a tag or a label under the story
    nxt = blocks[i + 1]
    if len(nxt.lines) > 1 and is_stack(nxt.lines):
        return False  # a headline stands over its story, not over another headline
    if len(b.lines) > 1:
        return True
    if not subbed and _photo_item_above(blocks, top, i):
        return True
    if body_above and JUMP_LINE.match(nxt.lines[0]) and blocks[i - 1].lines[-1].endswith(_STOPS):
        return True  # a story continued from another page: its headline over ``上接A01版``
    if not body_above:
        return _credited_head(blocks, top, i)
    line = b.lines[0]
    if line.endswith(("：", ":", "，", "、", "——")):
        return False  # a lead-in or a label (``蹚出一条道路——``: a section's lead-in)
    if numbered_next(line, [x for c in blocks[top:i] for x in c.lines]):
        return False  # ``4 巧用学生福利`` under ``3 警惕消费陷阱``: the list's next item
    if i >= 2 and UNIT_TITLE.match(line) and _unit_under_bare(blocks, top, i):
        return True  # a section's subhead that lost its text, then a unit's item
    if i >= 2 and _series_under_bare(blocks, top, i):
        return True  # the last of the story's series of subheads, its text lost; a headline
    if i >= 2 and _closed_by_writer(blocks, i):
        return True  # the story above closed on its writers' credit (``文/徐景明 王继汉``)
    if i == 0 or _opened(blocks, i + 1) or _authored(blocks, i + 1):
        return True
    if blocks[i - 1].lines[-1].endswith(_STOPS) and _lone_head_over_head(blocks, i):
        return True  # a title-only item's line over a headline over its opening byline
    if quoted_phrase(line) and any(quoted_phrase(x) for x in blocks[top].lines):
        return False  # ``“友谊可是件大事”`` under ``“多来往、多交流”``: its quoted sections
    prev = blocks[i - 1].lines[-1]
    if prev.endswith(_STOPS) and (series_tag(line) or PHOTO_ITEM.fullmatch(line)):
        return True  # a title closed by its series tag (``…（人民时评）``), a photo report
    if prev.endswith(_STOPS) and (_photo_over_lead(blocks, i + 1) or _call_out_box(nxt)):
        return True
    lead = nxt.lines[0]
    dated = not subbed and " " not in line and DATED_CLAUSE.match(lead) is not None
    if plain_story and (NEWS_LEAD.match(lead) or dated) and prev.endswith(_STOPS):
        # not one more of the story's one-phrase sections (``以暖心服务保障群众利益`` under
        # ``以有力措施守好蓝色“生命线”``)
        heads = _subheads(blocks, top, i)
        if line.endswith(("？", "?")) or like_a_subhead(line, heads):
            return False
        return not middle_subhead(line, heads, lambda: [u for _, u in _heads_under(blocks, i)])
    if run and prev.endswith(_STOPS) and salutes(lead):
        return True  # a speech under its headline: ``尊敬的普京总统，``
    if prev.endswith(_STOPS) and (_banner_over_signed(blocks, i) or _list_box(blocks, i)):
        return True
    if prev.endswith(_STOPS) and _pupil_under(blocks, i + 1):
        return True
    question = line.endswith(("？", "?"))  # ``怎么换？有哪些补贴？``: a section's question
    if run >= 2 and prev.endswith(_STOPS) and not question and _heads_a_series(blocks, i):
        # over a series of subheads it is no part of, and none of the story above's: the
        # next story's headline
        above_heads = _subheads(blocks, top, i)
        if not subbed or outside_series(line, above_heads):
            return True
        if series_apart(line, above_heads, [u for _, u in _heads_under(blocks, i)]):
            return True  # the story above's subheads are lead-ins (``…多部门“上下协同”——``)
    if run >= 2 and prev.endswith(_STOPS) and _echoed(blocks, top, i):
        return True  # the story under it says its headline again; the one above never did
    if plain_story and prev.endswith(_STOPS) and _text_turns(blocks, top, i):
        return True  # the text above and under share almost nothing, or name other bodies
    if (plain_story or (run >= 1 and _unit_opened(blocks, top, i))) and unit_titled(line, lead):
        # after one paragraph where the story above is itself a unit's (``unit_opened``)
        above = " ".join(x for c in blocks[top:i] for x in c.lines)
        text = " ".join(c.lines[0] for c in blocks[i + 2 : i + 4] if _is_paragraph(c))
        if prev.endswith(_STOPS) and unit_item(line, lead, above, _subheads(blocks, top, i), text):
            return True  # ``溧阳市上黄镇：…`` over ``今年以来，溧阳市上黄镇…``: one unit's item
    if (
        run
        and prev.endswith(_STOPS)
        and _topic_turns(blocks, top, i)
        and not _feature_opens(blocks, top, i, run)
    ):
        # an unsigned story closed under its last paragraph and the next one starts, unless
        # the lead names what the story's headline names (a section may wander)
        if not _recalls_head(blocks, top, i):
            return True
    if prev.endswith(_STOPS) and _is_paragraph(nxt) and _filed_twice(blocks, top, i):
        return True  # a dated story running on to another story's dated credit: filed once
    if prev.endswith(_STOPS) and len(nxt.lines) == 1 and _signed_twice(blocks, top, i):
        return True  # a story signed at its top running on to another writer's credit
    under = [c.lines[0] for c in blocks[i + 1 : i + 2 + NOTICE_TEXT] if len(c.lines) == 1]
    if prev.endswith(_STOPS) and notice_issued(line, under):
        return True  # a notice's title over its text and the body that issued it
    if _notice_signed(blocks, top, i):
        return True  # ``…的公告`` / text / ``中央第一生态环境保护督察组``: the notice ends there
    if not subbed and _signs_end(blocks, i - 1):
        return True  # after a story closed by its signature, no section of it yet: the next
    return closes_story(prev) or _class_after_signature(blocks, i)


def _credited_head(blocks: list[Block], top: int, i: int) -> bool:
    """A picture's title (from block ``top``) and its credit alone on block ``i - 1``, then
    block ``i``'s one headline line over a story (``articles.credited_title``)."""
    if i - 1 <= top or i + 1 >= len(blocks) or len(blocks[i - 1].lines) != 1:
        return False
    head = [x for c in blocks[top : i - 1] for x in c.lines]
    line, under = blocks[i].lines[0], blocks[i + 1].lines[0]
    return len(blocks[i].lines) == 1 and credited_title(head, blocks[i - 1].lines[0], line, under)


def _contents_over(blocks: list[Block], i: int) -> bool:
    """``articles.contents_box`` for a page cut by its blocks."""
    if i < 1 or not CONTENTS_ENTRY.match(blocks[i + 1].lines[0] if i + 1 < len(blocks) else ""):
        if i + 2 >= len(blocks) or not CONTENTS_ENTRY.match(blocks[i + 2].lines[0]):
            return False  # the cheap test first
    lines = [c.lines[0] for c in blocks[i : i + 1 + CONTENTS_REACH]]
    return contents_box([blocks[i - 1].lines[-1], *lines], 1)


def _photo_item_above(blocks: list[Block], top: int, i: int) -> bool:
    """Under the headline above stand only a photo's caption and credit (``樱花开了`` /
    ``昨天，…驻足拍照。  本报记者  张三  摄``): a photo item, whole; the line after it heads
    the next story (a story does not open on a caption and go on under a subhead)."""
    if i < top + 2 or i - top > 3 or i + 1 >= len(blocks):
        return False
    above = [c.lines[0] for c in blocks[top + 1 : i] if len(c.lines) == 1]
    if len(above) != i - top - 1:
        return False
    captioned = all(inline_caption(x) for x in above) or (
        len(above) == 2
        and len(above[0]) <= CAPTION
        and above[0].endswith(_STOPS)
        and photo_credit(above[1]) is not None
    )
    # not a second caption over the story's byline (``…烧午饭`` / ``记者 余夕雯``)
    nxt = blocks[i + 1]
    if not captioned or not _is_paragraph(nxt) or _byline_alone(nxt):
        return False
    lead = nxt.lines[0]
    return not opens_story(lead) or bool((dl := match_dateline(lead)) and dl.rest)  # dated


#: A photo's caption runs at most this long.
CAPTION = 150


def _banner_over_signed(blocks: list[Block], i: int) -> bool:
    """A one-line banner over an item's label headline over pupils' or readers' pieces
    signed with a dash (``小记者活动播报`` / ``体验活动：名师公益课`` / … / ``——school class
    name``): a box of signed items, not a section of the story above."""
    if i + 2 >= len(blocks) or len(blocks[i].lines) != 1 or len(blocks[i + 1].lines) != 1:
        return False
    return LABEL_HEAD.match(blocks[i + 1].lines[0]) is not None and _signed_run(blocks, i + 2)


#: A list box holds at least this many lines, each at most ``MAX_LINE`` long.
LIST_BOX = 4


def _list_box(blocks: list[Block], i: int) -> bool:
    """A one-line heading over a list of short lines without a final mark that runs to the
    next headline or the page's end (``评委名单`` / ``小学组`` / ``纪继兰 浙江省特级教师…``):
    a box of its own, not the story's tail."""
    rest = _rest_of_story(blocks, i + 1)
    lines = [x for c in rest for x in c.lines]
    return (
        len(lines) >= LIST_BOX
        and all(len(x) <= MAX_LINE and not x.endswith((*_STOPS, "：", ":")) for x in lines)
        and not any(_PHONE.search(x) for x in lines)
        and not is_imprint(lines)
    )


def _signed_run(blocks: list[Block], j: int) -> bool:
    """Paragraphs from block ``j`` up to a dash signature, and nothing else in between."""
    n = 0
    for c in blocks[j:]:
        if _is_paragraph(c):
            n += 1
        elif len(c.lines) == 1 and signature_line(c.lines[0]):
            return n > 0
        else:
            return False
    return False


def _topic_turns(blocks: list[Block], top: int, i: int) -> bool:
    """A one-line headline where the subject turns: the line shares three or more pairs of
    characters with the paragraph under it (``193岁陆龟去世是个假消息`` / ``…名叫乔纳森的陆龟，
    今年193岁``) and at least twice as many, plus two, as with the story above it, back to its
    headline. A subhead speaks of its own story."""
    lead = blocks[i + 1].lines[0]
    if blocks[i].lines[0].endswith(("？", "?")) or QUESTION.match(lead):
        return False  # a question, or an interview's next question: a section of the story
    second = None
    if i + 2 < len(blocks) and _is_paragraph(blocks[i + 2]):
        second = blocks[i + 2].lines[0]
    if clause_pair(blocks[i].lines[0]) and _clause_pair_below(blocks, i):
        return False  # ``数字化焕新业态，打造沉浸式体验`` over more such: a story's sections
    above_heads = _subheads(blocks, top, i)
    if clause_pair(blocks[i].lines[0]) and len(above_heads) >= 2:
        if all(map(clause_pair, above_heads)):
            return False  # the third of a story's two-clause sections (``风高浪急，…``)
    if clause_pair(blocks[i].lines[0]) and above_heads and all(map(clause_pair, above_heads)):
        if _writer_under(blocks, top):
            return False  # a signed feature's second two-clause section (``壮大集体经济，…``)
    below = [c.lines[0] for c in blocks[i + 1 : i + 1 + 2 * SERIES_REACH] if len(c.lines) == 1]
    near = above_heads + [x for x in below if _head_line(x)]
    under = "".join(c.lines[0] for c in blocks[i + 1 : i + 4])
    if rhymes_with(blocks[i].lines[0], near) or profile_series(blocks[i].lines[0], near, under):
        return False  # one of a series of sections built alike (…好房子 / …好村子)
    above = " ".join(x for c in blocks[top:i] for x in c.lines)
    return subject_turns(blocks[i].lines[0], lead_text(lead, second), above)


def _writer_under(blocks: list[Block], top: int) -> bool:
    """The writer's line alone stands under headline block ``top`` (``■ 海南日报全媒体记者
    党朝峰``), no dateline: a feature opens so (``articles._signed_top``)."""
    return any(len(c.lines) == 1 and writer_line(c.lines[0]) for c in blocks[top + 1 : top + 3])


#: How far under a line a dated credit closing the next story is looked for.
FILED_REACH = 80


def _filed_twice(blocks: list[Block], top: int, i: int) -> bool:
    """The story of headline block ``top`` opened with its dateline and has not closed; block
    ``i`` is the first lone line after a finished paragraph over a paragraph, and a dated
    credit closing a story stands under it before the next stack of headline lines
    (``为加强全球人工智能发展治理注入中国动力`` … ``（新华社北京7月13日电 记者X）``): a story
    is filed once, so a second one starts here (``articles._dated_twice``)."""
    if not any(match_dateline(c.lines[0]) for c in blocks[top + 1 : top + 3]):
        return False
    if any(dated_credit(c.lines[-1]) for c in blocks[top + 1 : i]):
        return False
    for c in blocks[i + 1 : i + FILED_REACH]:
        if len(c.lines) > 1 and is_stack(c.lines):
            return False
        if dated_credit(c.lines[-1]):
            return True
    return False


def _signed_twice(blocks: list[Block], top: int, i: int) -> bool:
    """The story of headline block ``top`` opened with a dateline or byline naming its writers
    (``本报讯（…记者黎鹏）``, ``■ …记者 陈明艳``); block ``i`` is a lone line after a finished
    paragraph, and under it, before the next stack of headline lines, a writer's credit names
    someone else (``文/…记者 邱江华``, ``文字/侯赛``): that credit closes a second item (a story,
    a box), which starts here (``articles._signed_twice``)."""
    under = blocks[i + 1 : i + 1 + SIGNED_REACH]
    if not any(len(c.lines) == 1 and WRITER_CREDIT.match(c.lines[0]) for c in under):
        return False  # the cheap test first: most lines have no writer's credit under them
    opening = next((c.lines[0] for c in blocks[top + 1 : top + 3] if c.lines), "")
    if not opening_signers(opening):
        return False
    for c in under:
        if (len(c.lines) > 1 and is_stack(c.lines)) or match_dateline(c.lines[0]):
            return False
        if len(c.lines) == 1 and WRITER_CREDIT.match(c.lines[0]):
            return signed_again(opening, c.lines[0])
    return False


def _notice_signed(blocks: list[Block], top: int, i: int) -> bool:
    """Under a notice's title (``关于…的公告``), after its text, the body that issued it stands
    alone on block ``i - 1``: the notice ends there, and block ``i`` heads the next item."""
    if i < 2 or not notice_title(" ".join(blocks[top].lines)):
        return False
    signer = blocks[i - 1]
    return (
        len(signer.lines) == 1
        and ISSUER.match(signer.lines[0]) is not None
        and _is_paragraph(blocks[i - 2])
        and blocks[i - 2].lines[-1].endswith(_STOPS)
    )


def _sidebar_label(blocks: list[Block], i: int) -> bool:
    """Block ``i`` is a sidebar's label alone (``相关链接``) after a finished paragraph, over a
    one-line title and the box's text."""
    b = blocks[i]
    if (
        len(b.lines) != 1
        or not SIDEBAR_LABEL.fullmatch(b.lines[0])
        or i < 1
        or i + 2 >= len(blocks)
    ):
        return False
    title = blocks[i + 1]
    return (
        blocks[i - 1].lines[-1].endswith(_STOPS)
        and len(title.lines) == 1
        and _head_line(title.lines[0])
    )


def _feature_opens(blocks: list[Block], top: int, i: int, run: int) -> bool:
    """Under the headline, the writer's line alone (no dateline; ``□ 新华社记者`` too) and one
    lead paragraph stand over block ``i``: a feature opens so, and ``i`` heads its first
    section."""
    return run == 1 and any(
        len(c.lines) == 1 and _byline_alone(c) and match_dateline(c.lines[0]) is None
        for c in blocks[top + 1 : i]
    )


def _clause_pair_below(blocks: list[Block], i: int) -> bool:
    """Another two-clause subhead stands under block ``i`` before the next opening byline or
    stack of headline lines, within ``SERIES_REACH`` * 2 blocks, and no headline line of
    another form before it (a story's sections share one form)."""
    for c in blocks[i + 1 : i + 1 + 2 * SERIES_REACH]:
        if len(c.lines) != 1 or opens_story(c.lines[0]):
            return False
        if _head_line(c.lines[0]):
            return clause_pair(c.lines[0])
    return False


def _long_head_over_dateline(blocks: list[Block], i: int) -> bool:
    """A one-line headline longer than ``MAX_LINE`` (an official's name and post, what befell
    them) over a paragraph that opens on a dateline, after a finished paragraph."""
    b = blocks[i]
    if len(b.lines) != 1 or not MAX_LINE < len(b.lines[0]) <= MAX_HEAD_BLOCK_LINE:
        return False
    if not headline_like(b.lines[0]) or i + 1 >= len(blocks) or not _is_paragraph(blocks[i + 1]):
        return False
    dl = match_dateline(blocks[i + 1].lines[0])
    return dl is not None and bool(dl.rest) and blocks[i - 1].lines[-1].endswith(_STOPS)


#: The second line of a two-line subhead is at least this long (``回信`` under a headline is
#: a label over a letter).
HALF_HEAD = 5


def _text_turns(blocks: list[Block], top: int, i: int) -> bool:
    """``articles._cohesion_breaks`` and ``articles._subject_named_anew`` for a page cut by its
    blocks: the two paragraphs above block ``i`` and the two under it share almost no words,
    or the lead names a body the story above never names while it names another of that
    kind again and again."""
    line = blocks[i].lines[0]
    if i < 2 or i + 1 >= len(blocks) or QUESTION.match(blocks[i + 1].lines[0]):
        return False
    under = blocks[i + 1].lines
    half = len(under) == 1 and len(under[0]) >= HALF_HEAD and _head_line(under[0])
    if half and _paired_heads(blocks, top, i):
        return False  # one of a story's two-line subheads (``强劲“第一动力”`` / ``打造…``)
    if in_series(line, _subheads(blocks, top, i)):
        return False
    above = [c.lines[0] for c in blocks[i - 2 : i] if _is_paragraph(c)]
    below = [c.lines[0] for c in blocks[i + 1 : i + 3] if _is_paragraph(c)]
    if len(above) < 2 or not below or re.match(r"^\d{4}年", below[0]):
        return False
    # one of a story's two-clause sections shares few words with the one above it; the
    # bodies and units its lead names still say whether a story starts (as in the line cutter)
    sections = clause_pair(line) and _clause_pair_below(blocks, i)
    if not sections and cohesion_breaks(above, below) and not _recalls_head(blocks, top, i):
        # not where the story's most-named thing recurs under it (a profile's protagonist)
        told = " ".join(x for c in blocks[top + 1 : i] for x in c.lines)
        after = " ".join(c.lines[0] for c in blocks[i + 1 : i + 5])
        if not most_named_recurs(told, after):
            return True
    story = [x for c in blocks[top:i] for x in c.lines]
    if named_anew(below[0], " ".join(story), " ".join(below)):
        return True
    return bool(UNIT_LEAD.match(below[0])) and unit_lead_anew(
        line, below[0], story, _subheads(blocks, top, i)
    )


def _echoed(blocks: list[Block], top: int, i: int) -> bool:
    """The one-line block ``i`` is said again word for word in the two paragraphs under it
    and nowhere in the story above (``articles.echoed``)."""
    below = [c.lines[0] for c in blocks[i + 1 : i + 3] if _is_paragraph(c)]
    above = [x for c in blocks[top:i] for x in c.lines]
    return echoed(blocks[i].lines[0], below, above)


def _heads_a_series(blocks: list[Block], i: int) -> bool:
    """Block ``i``'s line stands over a story whose subheads make a series it is no part of
    (``“中国创造”展现新风采`` over ``百万新品 创出新市场`` / ``业态更迭 创出新商机``), the
    first of them within ``SERIES_REACH`` blocks, none past the next opening byline."""
    heads = _heads_under(blocks, i)
    if not heads or heads[0][0] - i > SERIES_REACH:
        return False
    return heads_series(blocks[i].lines[0], [u for _, u in heads])


def _heads_under(blocks: list[Block], i: int) -> list[tuple[int, str]]:
    """The one-line headline blocks under block ``i`` (with their places) up to the next stack
    of headline lines or opening byline."""
    heads: list[tuple[int, str]] = []
    for k in range(i + 1, min(len(blocks), i + 40)):
        c = blocks[k]
        if len(c.lines) != 1:
            break  # a stack of headline lines: the next story
        if opens_story(c.lines[0]):
            break
        if _head_line(c.lines[0]):
            heads.append((k, c.lines[0]))
    return heads


def _recalls_head(blocks: list[Block], top: int, i: int) -> bool:
    """The lead under block ``i`` names what the story's headline names (``李昌钰家是个大家庭``
    under ``“华人神探”李昌钰逝世…``): a section of that story, however its subhead turns."""
    head = " ".join(blocks[top].lines)
    return shared(char_pairs(blocks[i + 1].lines[0][:40]), head) >= 2


def _subheads(blocks: list[Block], top: int, i: int) -> list[str]:
    """The one-line headline-shaped blocks between the story's headline and block ``i``."""
    return [c.lines[0] for c in blocks[top + 1 : i] if len(c.lines) == 1 and _head_line(c.lines[0])]


def _pupil_under(blocks: list[Block], j: int) -> bool:
    """A pupil's school-and-class line (``杭州市胜利实验学校四（1）班 毛蕴知``) under the line
    and a paragraph under it: the line is the title of the pupil's essay."""
    if j + 1 >= len(blocks) or len(blocks[j].lines) != 1:
        return False
    line = blocks[j].lines[0]
    by = is_byline_line(line, bare=False) or ()
    pupil = "班" in line and any(b.role == "author" for b in by)
    return pupil and _is_paragraph(blocks[j + 1])


def _class_after_signature(blocks: list[Block], i: int) -> bool:
    """A dash signature naming the school, then the pupil's class line (``——…学校`` /
    ``三（3）班 俞欣和``): the piece above is signed off."""
    if i < 2 or len(blocks[i - 1].lines) != 1 or len(blocks[i - 2].lines) != 1:
        return False
    sig = signature_line(blocks[i - 2].lines[0])
    by = is_byline_line(blocks[i - 1].lines[0], bare=False) or ()
    return (
        sig is not None and "班" in blocks[i - 1].lines[0] and any(b.role == "author" for b in by)
    )


_STOPS = tuple("。！？…”")
_PHONE = re.compile(r"\d{3,4}-\d{7,8}")


def _signs_off(prev: Block, b: Block) -> bool:
    """A dash signature (``——杭州观澜小学五（7）班 宋天泽``) right under a finished paragraph."""
    return (
        len(b.lines) == 1
        and prev.lines[-1].endswith((*_STOPS, "!", "?"))
        and signature_line(b.lines[0]) is not None
    )


def _rest_of_story(blocks: list[Block], j: int) -> list[Block]:
    """The blocks from ``j`` up to the next stack of headline lines or the page's end."""
    end = next(
        (
            k
            for k in range(j, len(blocks))
            if len(blocks[k].lines) > 1 and is_stack(blocks[k].lines)
        ),
        len(blocks),
    )
    return blocks[j:end]


def _without_story(blocks: list[Block], i: int) -> bool:
    return _item_without_story(blocks[i], _rest_of_story(blocks, i + 1))


def _item_without_story(b: Block, rest: list[Block]) -> bool:
    """A headline with nothing under it that reads as a story: a notice whose table was an
    image (at the page's end, alone or repeated), the imprint, a hotline box. Its lines stay
    under it, and blocks.py drops the item."""
    lines = [x for c in rest for x in c.lines]
    if any(_is_paragraph(c) and _sentence(c.lines[0]) and not box_line(c.lines[0]) for c in rest):
        return False  # a story; a box's address or hotline ends on a full stop too
    if rest and all(c.lines == b.lines for c in rest):
        return True  # the page ends in the same notice, printed again and again
    if notice_title(b.lines[-1]) and rest and all(map(_info, lines)):
        return False  # a notice over its info lines (``…公告`` / ``受理举报电话： …``): kept
    if not rest:  # a notice closing the page; not a tag (``富阳区``) or a label (``地点：…``)
        return len(b.lines) > 1 or (size(b.lines[0]) > 6 and "：" not in b.lines[0])
    return is_imprint(b.lines + lines) or any(_PHONE.search(x) for x in lines)


def _info_block(b: Block) -> bool:
    """A notice's info line (``受理举报电话： 025-51801042``): its text, as a paragraph is."""
    return len(b.lines) == 1 and info_line(b.lines[0])


def _info(line: str) -> bool:
    return info_line(line) or bool(_PHONE.search(line))


def _sentence(line: str) -> bool:
    return line.endswith(_STOPS) or bool(glued_source(line) or closing_byline(line))


def _opened(blocks: list[Block], j: int) -> bool:
    """An opening byline or dateline follows, past a photo's credit and caption or a QR
    call-out (``宁文武 摄``, ``扫码关注…``)."""
    if j < len(blocks) and EDITOR_NOTE.match(blocks[j].lines[0]):
        j = _past_note(blocks, j)  # 编者按 and its note between a headline and its byline
    for k, c in enumerate(blocks[j : j + 3], j):
        if len(c.lines) == 1 and opens_story(c.lines[0]):
            return True
        if _is_paragraph(c) or is_stack(c.lines):
            return _byline_after_lead(blocks, k)
    return False


def _byline_after_lead(blocks: list[Block], j: int) -> bool:
    """Block ``j`` is a lead paragraph, then the story's byline on its own line, then more of
    the story (``●南方日报记者 李赫`` between the lead and the body, as some dailies print):
    the line above the lead heads that story. A byline closing a story is followed by the
    next headline, not by a paragraph."""
    if j + 2 >= len(blocks) or not _is_paragraph(blocks[j]):
        return False
    by = blocks[j + 1]
    return (
        len(by.lines) == 1
        and is_signer_line(by.lines[0])
        and _is_paragraph(blocks[j + 2])
        and len(blocks[j + 2].lines[0]) > MAX_LINE
    )


def _past_note(blocks: list[Block], j: int) -> int:
    """The block after an editor's note that opens at block ``j`` (``编者按``, then up to
    ``NOTE_PARAGRAPHS`` paragraphs)."""
    k = j + 1
    while k < len(blocks) and k - j <= NOTE_PARAGRAPHS and _is_paragraph(blocks[k]):
        if opens_story(blocks[k].lines[0]):
            break
        k += 1
    return k


def _authored(blocks: list[Block], j: int) -> bool:
    """An author line alone (``李志明``, ``贵州省政协主席 赵永清``), then a paragraph, past at
    most two photo captions (``《抗大招生广告》（…纪念馆藏）``): the line above it is a headline
    (an in-story subhead is never signed)."""
    if j + 1 >= len(blocks) or len(blocks[j].lines) != 1:
        return False
    if author_line(blocks[j].lines[0]) is None:
        return False
    for c in blocks[j + 1 : j + 4]:
        if _is_paragraph(c):
            return True
        if len(c.lines) != 1 or not caption_under_byline(c.lines[0]):
            return False
    return False


def _photo_over_lead(blocks: list[Block], j: int) -> bool:
    """A photo's credit alone, then a paragraph that opens on the time of the news
    (``宁文武 摄`` / ``这几天，建德市…``): the line above the photo is a story's headline,
    not a caption (a caption inside a story is a sentence, and the story goes on under it)."""
    if j + 1 >= len(blocks) or len(blocks[j].lines) != 1 or not photo_credit(blocks[j].lines[0]):
        return False
    return _is_paragraph(blocks[j + 1]) and TIME_LEAD.match(blocks[j + 1].lines[0]) is not None


def _call_out_box(b: Block) -> bool:
    """A QR call-out box (``扫码关注`` / ``“住媒体”`` / ``微信公众号``): printed under a
    headline, so the line over it, after a finished paragraph, heads a story."""
    return b.lines[0].startswith(("扫码", "扫一扫")) and all(len(x) <= 20 for x in b.lines)


def _unit_opened(blocks: list[Block], top: int, i: int) -> bool:
    """``articles.unit_opened`` for the story headed by block ``top``, above block ``i``."""
    return top + 1 < i and unit_opened([*blocks[top].lines, blocks[top + 1].lines[0]])


def _unit_under_bare(blocks: list[Block], top: int, i: int) -> bool:
    """``articles._unit_under_bare`` for a page cut by its blocks: a one-line subhead block
    whose text the crawl lost (``村企联合，共同致富``) after a finished paragraph, then the
    unit's headline ``i`` (``泗阳县来安街道：…``) over a lead that names the unit
    (``unit_item``)."""
    bare, last = blocks[i - 1], blocks[i - 2]
    if len(bare.lines) != 1 or bare.lines[0].endswith(_STOPS) or UNIT_TITLE.match(bare.lines[0]):
        return False
    if not (_is_paragraph(last) and last.lines[0].endswith(_STOPS)):
        return False
    if i + 1 >= len(blocks) or not _is_paragraph(blocks[i + 1]):
        return False
    story = " ".join(x for c in blocks[top:i] for x in c.lines)
    text = " ".join(c.lines[0] for c in blocks[i + 2 : i + 4] if _is_paragraph(c))
    lead = blocks[i + 1].lines[0]
    return unit_item(blocks[i].lines[0], lead, story, _subheads(blocks, top, i - 1), text)


def _closed_by_writer(blocks: list[Block], i: int) -> bool:
    """A one-line headline block ``i`` over a paragraph, under a writers' credit on its own
    line (``文/徐景明 王继汉 吴艳丽 孙少军``) right after a finished paragraph: the credit
    closed the story above, and the line heads the next."""
    credit, last = blocks[i - 1], blocks[i - 2]
    if len(credit.lines) != 1 or not WRITER_CREDIT.match(credit.lines[0]):
        return False
    if not (_is_paragraph(last) and last.lines[-1].endswith(_STOPS)):
        return False
    if len(blocks[i].lines) != 1 or i + 1 >= len(blocks):
        return False
    return _is_paragraph(blocks[i + 1])


def _series_under_bare(blocks: list[Block], top: int, i: int) -> bool:
    """``articles._series_under_bare`` for a page cut by its blocks: a one-line block after a
    finished paragraph that is one more of the series the story's subheads make, its text
    lost, then the headline ``i`` standing outside that series, over a paragraph."""
    bare, last = blocks[i - 1], blocks[i - 2]
    if len(bare.lines) != 1 or not (_is_paragraph(last) and last.lines[0].endswith(_STOPS)):
        return False
    if i + 1 >= len(blocks) or not _is_paragraph(blocks[i + 1]):
        return False
    subheads = _subheads(blocks, top, i - 1)
    if not wholly_in_series(bare.lines[0], subheads):
        return False
    return outside_series(blocks[i].lines[0], [*subheads, bare.lines[0]], wholly=True)


def _is_paragraph(b: Block) -> bool:
    """Body text: not headline lines, not a photo's credit or caption, not a QR call-out or
    another box of several lines."""
    return len(b.lines) == 1 and _paragraph_line(b.lines[0])


#: A QR call-out (``扫码查看更多福利``) is at most this long; a paragraph that tells how to
#: enrol (``…均可通过微信公众号投保。办理可扫码。``) runs longer.
CALL_OUT = 60


@lru_cache(maxsize=8192)
def _paragraph_line(line: str) -> bool:
    return not _head_line(line) and not (
        photo_credit(line)
        or credit_line(line)
        or inline_caption(line)
        or ("扫码" in line and len(line) <= CALL_OUT)  # a QR call-out, not a paragraph
        or signature_line(line)
    )


#: A subtitle line of the page's first headline block may run this long (a tabloid's deck).
MAX_DECK = 60


def _top_stack(lines: list[str]) -> bool:
    """The page's first block of several lines: a headline line over deck lines that carry
    no sentence (``HAHA漫展今日开展`` / ``打开“异次元”大门，…超大空间让你舒适逛展``)."""
    return (
        len(lines) > 1
        and _head_line(lines[0])
        and all(len(x) <= MAX_DECK and "。" not in x for x in lines[1:])
    )


#: A line of a party paper's headline block (a speaker's kicker, a deck of who was there)
#: may run this long.
MAX_HEAD_BLOCK_LINE = 80


def _dated_stack(blocks: list[Block]) -> bool:
    """The page's first block of several lines without a sentence in them, over a paragraph
    that opens with a dateline (``李强：坚定信心、…服务要更周全`` / ``扎实细致做好…`` /
    ``与龚正分别检查…  诸葛宇杰参加`` over ``本报讯  市委书记…``): a headline block, however
    long its kicker and deck run."""
    lines = blocks[0].lines
    if len(lines) < 2 or len(blocks) < 2 or not _is_paragraph(blocks[1]):
        return False
    if any(len(x) > MAX_HEAD_BLOCK_LINE or "。" in x or x.endswith(_STOPS) for x in lines):
        return False
    return match_dateline(blocks[1].lines[0]) is not None


def is_stack(lines: list[str]) -> bool:
    """Headline lines; a line of a stack may end on the colon of a speaker (``日本防卫大臣：``)."""
    return all(
        _head_line(x.rstrip("：:") if j < len(lines) - 1 else x) for j, x in enumerate(lines)
    )


@lru_cache(maxsize=8192)
def _head_line(line: str) -> bool:
    """Short, headline-like, and not a byline, dateline, credit, jump or list item."""
    if len(line) > MAX_LINE or not headline_like(line) or _NOT_HEAD.search(line):
        return False
    if POINTER.match(line):
        return False
    if _LIST_MARK.match(line) or match_dateline(line) or source_line(line) or person_line(line):
        return False
    if photo_credit(line) or credit_line(line) or closing_credit(line):
        return False
    if line.endswith(("）", ")")) and closing_byline(line):
        return False  # a signature closing the story above: ``（邓敏）``
    return is_byline_line(line, bare=False) is None


def opens_story(line: str) -> bool:
    """An opening byline (``记者 X 通讯员 Y``) or a dateline (``本报讯（记者…）``)."""
    if match_dateline(line) or role_alone(line):  # a role alone: ``新华社记者`` (names under
        return True  # it, or lost in the crawl)
    bylines = is_byline_line(line, bare=False) or ()
    return any(x.role in SIGNING_ROLES for x in bylines) and "班" not in line


def closes_story(line: str) -> bool:
    """A source credit alone or glued (``据新华社``, ``…。据北京日报``), a closing byline
    (``（记者X）``), a closing dateline, a signature (``寄思人：X``)."""
    if source_line(line) or glued_source(line) or closing_byline(line) or POINTER.match(line):
        return True
    if closing_dateline(line):  # ``新华社深圳4月27日电``, alone or after the last sentence
        return True
    if closing_credit(line) or glued_credit(line):
        return True  # ``（新华社北京7月13日电）``, ``…匠心力量。 （本报牙叉7月16日电）``
    if credit_line(line):
        return True  # a page's or a picture's credit: ``制图：X``, ``X图  Y文``, ``本版主持 X``
    if signature_line(line):
        return True  # ``——陈国芬老师``
    if len(line) <= 8 and bare_names(line):
        return True  # a commentary signed with its writer's name alone (``默 达``, ``李洪兴``)
    return line.startswith("寄思人")
