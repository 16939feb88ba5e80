"""Doubts about a parsed issue, and the confidence that follows from them.

A doubt points a person at the place to check before an issue is published: an article far
longer than the others on its page (two stories merged?), a byline- or dateline-shaped line
inside a body, or a subhead followed by a news lead (a story starting there?), a last
subhead that may be the one-line headline of the next story, a paragraph that ends
mid-sentence, a person's name that could not be split with certainty, an item dropped for
having no body. ``confidence`` is 1.0 without doubts and falls with each one, the
merge-shaped ones weighing most.
"""

from __future__ import annotations

import dataclasses
import re
import statistics
from functools import lru_cache

from syndicate.model import Article, Doubt, Problem
from syndicate.parse.articles import DATED_CLAUSE, LABEL_ORDINAL, UNIT_LEAD, UNIT_TITLE
from syndicate.parse.dateline import is_byline_line, match_dateline
from syndicate.parse.headline import (
    char_pairs,
    ends_sentence,
    headline_like,
    same_break,
    shared,
    subject_turns,
)
from syndicate.parse.names import COMPOUND_PPM, split_run
from syndicate.parse.repair import excerpt, two_line_subhead

#: An article this many times longer than the median of its page's others is suspect.
LONG_FACTOR = 3.0
LONG_MIN_CHARS = 2500
#: How much each kind of doubt takes off the confidence.
WEIGHT = {
    "long-article": 0.15,
    "byline-in-body": 0.1,
    "headline-in-body": 0.05,
    "subhead-or-headline": 0.05,
    "dropped-item": 0.01,
    "mid-sentence": 0.03,
    "name-split": 0.02,
    "no-title": 0.05,
    "headline-split": 0.01,
    "subhead-or-cut": 0.02,
    "box-or-text": 0.03,
}


def find_doubts(
    articles: list[Article], problems: list[Problem]
) -> tuple[tuple[Doubt, ...], float]:
    """The issue's doubts and its confidence (0..1)."""
    _pairs_of.cache_clear()  # memoised per issue only, so a bench that repeats a file is fair
    articles = [_as_read(a) for a in articles]
    out: list[Doubt] = []
    out += _long_articles(articles)
    for i, a in enumerate(articles):
        out += _body_doubts(i, a)
        out += _headline_doubts(i, a)
        out += _opening_heads(i, a)
        out += _lone_heads(i, a, named={d.where.split(" / ")[0] for d in out if d.article == i})
        out += _name_doubts(i, a)
    same = {
        (d.article, line)
        for d in out
        if d.kind == "subhead-or-headline"
        for line in d.where.split(" / ")[:-1]
    }
    out = [
        d
        for d in out
        if d.kind != "headline-in-body" or (d.article, d.where.split(" / ")[0]) not in same
    ]
    seen: set[tuple[str, int | None, str]] = set()
    kept: list[Doubt] = []
    for d in out:  # one doubt of a kind per line (two rules may name the same subhead)
        key = (d.kind, d.article, d.where.split(" / ")[0])
        if d.kind != "subhead-or-headline" or key not in seen:
            kept.append(d)
        seen.add(key)
    out = kept
    for p in problems:
        if p.kind in ("dropped-item", "no-title", "headline-split", "subhead-or-cut"):
            out.append(Doubt(p.kind, p.page, None, p.detail))
        elif p.kind == "box-or-text":
            out.append(Doubt(p.kind, p.page, _boxed_in(articles, p), p.detail))
    confidence = 1.0
    for d in out:
        confidence -= WEIGHT[d.kind]
    return tuple(out), round(max(0.0, confidence), 2)


def _as_read(a: Article) -> Article:
    """The article as its reader takes it in: a subhead printed on two lines (``对接产业需求，``
    / ``完善专业课程内容``) is one subhead, so the rules that read a subhead and the lead under
    it see the whole subhead and the lead, not its two halves."""
    subheads = set(a.subheads)
    firsts = {
        j
        for j in subheads
        if j + 1 in subheads and two_line_subhead(a.paragraphs[j], a.paragraphs[j + 1])
    }
    if not firsts:
        return a
    paras: list[str] = []
    heads: list[int] = []
    for j, p in enumerate(a.paragraphs):
        if j - 1 in firsts:
            paras[-1] += p
            continue
        if j in subheads:
            heads.append(len(paras))
        paras.append(p)
    return dataclasses.replace(a, paragraphs=tuple(paras), subheads=tuple(heads))


def _boxed_in(articles: list[Article], p: Problem) -> int | None:
    """The article that holds the box a ``box-or-text`` problem quotes."""
    start = p.detail.removesuffix("……")
    return next(
        (
            i
            for i, a in enumerate(articles)
            if a.page == p.page and any(c.startswith(start) for c in a.captions)
        ),
        None,
    )


def _size(a: Article) -> int:
    return sum(len(p) for p in a.paragraphs)


def _long_articles(articles: list[Article]) -> list[Doubt]:
    out: list[Doubt] = []
    for i, a in enumerate(articles):
        others = [_size(b) for b in articles if b.page == a.page and b is not a]
        if not others or _size(a) < LONG_MIN_CHARS:
            continue
        if _size(a) > LONG_FACTOR * max(statistics.median(others), 1):
            median = int(statistics.median(others))
            what = f"{excerpt(a.title, 16)}: {_size(a)} characters, the page's others ~{median}"
            if (at := _split_line(a, median)) is not None:
                what += f"; a story may start at {at}"
            out.append(Doubt("long-article", a.page, i, what))
    return out


def _turns(a: Article, j: int) -> bool:
    """Subhead ``j`` after a finished paragraph turns to another subject: it shares three or
    more character pairs with its lead, none with the headline and the section above it and
    at most one with the whole text above (``193岁陆龟去世是个假消息`` under a short item on
    mathematicians, in a record of three)."""
    line, lead = a.paragraphs[j], a.paragraphs[j + 1]
    if not ends_sentence(a.paragraphs[j - 1]) or not subject_turns(line, lead, ""):
        return False
    start = max((k for k in a.subheads if k < j), default=-1) + 1  # the section above
    head = (a.kicker or "", a.title)
    pairs = char_pairs(line)
    if shared(pairs, " ".join((*head, *a.paragraphs[start:j]))):
        return False
    return shared(pairs, " ".join((*head, *a.paragraphs[:j]))) <= 1


#: The text under a subhead and the text over it share at most this share of the character
#: pairs above: too little for one story to say for sure (the cutters split at 2%).
APART = 0.02
#: Each side holds at least this many characters for the share to say anything.
APART_PAIRS = 120
#: The side above holds at least this many pairs once the words every story says are left
#: out (``char_pairs``' ``generic``: about one pair in six of a news paragraph).
APART_WORDS = 100


def _apart(paras: tuple[str, ...], j: int) -> bool:
    """The two paragraphs over subhead ``j`` and the two under it share almost no words: the
    line may head a story of its own (an unsigned item merged into the one above). Where the
    two under it are finished but too short to say anything (a feature opening on two quoted
    remarks, ``“有问题找小朱，指定没问题！”`` / ``……``), the next finished ones count too,
    up to four; under a two-line subhead (a line under it without a final mark) they don't."""
    below = " ".join(_text_under(paras, j))
    if len(below) < APART_PAIRS:
        return False  # the cheap test first
    pairs = frozenset[str]().union(*(_pairs_of(x) for x in paras[max(0, j - 2) : j]))
    if len(pairs) < APART_WORDS:
        return False
    return shared(pairs, below) <= APART * len(pairs)


def _off_series(a: Article, j: int) -> bool:
    """Subhead ``j`` stands outside the series three or more subheads above it make (they
    break at one place with one mark, ``党建聚心，…`` / ``服务安心，…`` / ``文化悦心，…``, and it
    does not: ``扬剧折子戏专场唤醒年轻人的戏曲DNA``): another item's headline may be here."""
    above = [a.paragraphs[k] for k in a.subheads if k < j]
    if len(above) < 3 or not all(same_break(above[0], x) for x in above[1:]):
        return False
    return not same_break(a.paragraphs[j], above[0])


def _unit_anew(a: Article, j: int) -> bool:
    """Subhead ``j`` opens with a unit's name and a colon (``江苏海州发展集团纪委：…``), or its lead
    opens on one after a time phrase (``今年以来，灌南县汤沟镇纪委紧盯…``), and the story above
    never names that unit: one unit's item after another's may be merged here."""
    m = UNIT_TITLE.match(a.paragraphs[j]) or UNIT_LEAD.match(a.paragraphs[j + 1])
    if m is None:
        return False
    core = m.group("unit")[-4:]
    return core not in " ".join((a.kicker or "", a.title, *a.paragraphs[:j]))


def _text_under(paras: tuple[str, ...], j: int) -> list[str]:
    out = list(paras[j + 1 : j + 3])
    if not all(ends_sentence(p) for p in out):
        return out
    for p in paras[j + 3 : j + 5]:
        if len(" ".join(out)) >= APART_PAIRS or not ends_sentence(p):
            break
        out.append(p)
    return out


@lru_cache(maxsize=1024)
def _pairs_of(paragraph: str) -> frozenset[str]:
    """``char_pairs`` of one paragraph, memoised per issue (``find_doubts`` clears it)."""
    return frozenset(char_pairs(paragraph, generic=True))


def _split_line(a: Article, median: int) -> str | None:
    """Where a long article most likely holds a second story: the first headline-shaped line
    after a finished paragraph once the text above it is as long as the page's others."""
    seen = 0
    for j, p in enumerate(a.paragraphs):
        if seen >= median and 0 < j < len(a.paragraphs) - 1 and _head_shaped(p):
            if ends_sentence(a.paragraphs[j - 1]):
                return p
        seen += len(p)
    return None


def _body_doubts(i: int, a: Article) -> list[Doubt]:
    out: list[Doubt] = []
    subheads = set(a.subheads)
    paras = a.paragraphs
    for j, p in enumerate(paras):
        if (
            j > 0
            and len(p) <= 60
            and (is_byline_line(p) or _dated(p))
            and not (j in subheads and LABEL_ORDINAL.match(paras[j - 1]))  # 关键词2 / 年轻态
        ):
            out.append(Doubt("byline-in-body", a.page, i, excerpt(p)))
        if 0 < j < len(paras) - 1 and j in subheads and _news_opening(p, paras[j + 1], a, j):
            out.append(Doubt("headline-in-body", a.page, i, f"{p} / {excerpt(paras[j + 1], 12)}"))
        elif (
            0 < j < len(paras) - 1
            and j in subheads
            and (_turns(a, j) or _apart(paras, j) or _unit_anew(a, j) or _off_series(a, j))
        ):
            where = f"{p} / {excerpt(paras[j + 1], 12)}"
            out.append(Doubt("subhead-or-headline", a.page, i, where))
        if j not in subheads and a.kind != "poem" and "\n" not in p and not ends_sentence(p):
            if _headline_between(paras, j):
                where = f"{p} / {excerpt(paras[j + 1], 12)}"
                out.append(Doubt("headline-in-body", a.page, i, where))
            else:
                out.append(Doubt("mid-sentence", a.page, i, f"…{p[-16:]}"))
    return out


#: A headline printed as one line is at most this long (a subhead is shorter still).
HEAD_LINE_MAX = 40


def _headline_between(paras: tuple[str, ...], j: int) -> bool:
    """Paragraph ``j`` ends no sentence and reads as a headline line, between a paragraph
    that ends one and a paragraph that is a sentence (``…。`` / ``跟着这本书重新认识西湖，
    橙柿积分兑换《…》`` / ``登录橙柿互动App…。``): the headline of a story that may start
    there, not a paragraph cut off."""
    p = paras[j]
    return (
        0 < j < len(paras) - 1
        and len(p) <= HEAD_LINE_MAX
        and headline_like(p)
        and not p.endswith(_NOT_HEAD_END)
        and is_byline_line(p) is None
        and ends_sentence(paras[j - 1])
        and ends_sentence(paras[j + 1])
    )


#: How a news story opens: ``近日，``, ``昨天``, ``3月27日，``, ``本报讯``.
_LEAD = re.compile(r"^(?:近日|日前|近期|昨天|昨日|前天|今天|今日|本报讯|\d{1,2}月\d{1,2}日[，,])")


def _news_opening(line: str, p: str, a: Article, j: int) -> bool:
    """``p`` opens like a news story under subhead ``line`` (at ``j``): a lead word, or, under
    a line short enough to be a headline and over two or more paragraphs, a date in its
    first clause."""
    if _LEAD.match(p):
        return True
    if len(line) > HEADLINE_MAX or not DATED_CLAUSE.match(p):
        return False
    section = 0
    for k in range(j + 1, len(a.paragraphs)):
        if k in a.subheads:
            break
        section += 1
    return section >= 2


#: More ways a story opens than ``_LEAD``: ``3月27日上午，``, ``记者从市里获悉``, ``杭州讯``.
_NEWS_LEAD = re.compile(
    r"^(?:\d{1,2}月\d{1,2}日[^，,。；]{1,8}[，,]"
    r"|(?:本报)?记者[^，,。]{1,24}(?:获悉|了解到)"
    r"|[\u4e00-\u9fff]{2,6}讯[（(\s]?)"
)
#: How the tail of a long article opens when it may be a story of its own: ``据新华社报道，``,
#: ``27日，``, ``记者…``.
_WEAK_LEAD = re.compile(
    r"^(?:据[^，,。]{1,16}(?:报道|消息)|\d{1,2}日[^，,。；]{0,8}[，,]|[^，,。]{0,8}记者)"
)
#: A headline printed as one short line (a subhead is at most 30 characters).
HEADLINE_MAX = 30


def _headline_doubts(i: int, a: Article) -> list[Doubt]:
    """The article's last subhead block, when it may be the headline of the next story.

    It is a doubt when the paragraph before it closes a story (a final mark) and the paragraph
    after it opens like a news lead (``3月27日上午，``, ``记者从…获悉``, a dateline), or when
    it is the only subhead block of a long article and the tail opens like a report
    (``据…报道``). Where ``headline-in-body`` already points at the line, nothing is added.
    """
    paras, subheads = a.paragraphs, set(a.subheads)
    if not subheads or a.kind != "article":
        return []
    blocks = [j for j in sorted(subheads) if j - 1 not in subheads]
    start = blocks[-1]
    end = start
    while end + 1 in subheads:
        end += 1
    if start == 0 or end + 1 >= len(paras):
        return []
    block, before, lead = paras[start : end + 1], paras[start - 1], paras[end + 1]
    if not ends_sentence(before) or is_byline_line(before):
        return []
    if any(len(line) > HEADLINE_MAX or ends_sentence(line) for line in block):
        return []
    if _LEAD.match(lead):  # headline-in-body says so already
        return []
    news = bool(_NEWS_LEAD.match(lead)) or match_dateline(lead) is not None
    tail = sum(len(p) for p in paras[end + 1 :])
    separate = (
        len(blocks) == 1
        and _size(a) >= LONG_MIN_CHARS
        and tail >= LONG_MIN_CHARS // 5
        and bool(_WEAK_LEAD.match(lead))
    )
    if not (news or separate):
        return []
    where = f"{' / '.join(block)} / {excerpt(lead, 12)}"
    return [Doubt("subhead-or-headline", a.page, i, where)]


#: A short line ending with one of these reads as a sentence or a lead-in, not a headline.
_NOT_HEAD_END = tuple("。！…，、；：,;:")


def _head_shaped(p: str) -> bool:
    """Could be a one-line headline: short, headline-like, not ending like a sentence."""
    return len(p) <= HEADLINE_MAX and headline_like(p) and not p.endswith(_NOT_HEAD_END)


def _opening_heads(i: int, a: Article) -> list[Doubt]:
    """An article whose body opens with headline-shaped lines (``美丽西湖`` / ``杭州外骨骼，
    拿下…``) under a one-line title: the title may be a box's label and these lines the
    headline of the first of the stories in it."""
    paras = a.paragraphs
    if a.kind not in ("article", "qa") or a.subtitle or a.kicker or len(paras) < 3:
        return []
    n = 0
    while n < len(paras) - 1 and _head_shaped(paras[n]):
        n += 1
    if n == 0 or n > 2 or not ends_sentence(paras[n]) or len(paras[n]) <= HEADLINE_MAX:
        return []
    return [
        Doubt(
            "subhead-or-headline", a.page, i, f"{' / '.join(paras[:n])} / {excerpt(paras[n], 12)}"
        )
    ]


def _lone_heads(i: int, a: Article, *, named: set[str]) -> list[Doubt]:
    """A headline-shaped line inside a body where a story may start: after a paragraph that
    ends a sentence, over body text, and standing apart from the article's other short lines
    (the only such block, or the first one after a run of paragraphs at least twice as long as
    any run between the later ones). A story that ends with no credit or byline, followed by
    a one-line headline, reads exactly so; every real subhead series is evenly spaced."""
    paras = a.paragraphs
    if a.kind not in ("article", "qa") or len(paras) < 4:
        return []
    shaped = [j for j, p in enumerate(paras) if _head_shaped(p)]
    blocks = [j for j in shaped if j - 1 not in shaped]
    if not blocks:
        return []
    first = blocks[0]
    gaps = [b - c for c, b in zip(blocks, blocks[1:], strict=False)]
    if len(blocks) > 1 and not (first >= 4 and first >= 2 * max(gaps)):
        return []
    end = first
    while end + 1 in shaped:
        end += 1
    if first < 1 or end + 1 >= len(paras) or not ends_sentence(paras[first - 1]):
        return []
    if len(paras[end + 1]) <= HEADLINE_MAX or sum(len(p) for p in paras[end + 1 :]) < 100:
        return []
    block = paras[first : end + 1]
    if any(line in named for line in block) or end - first >= 2:
        return []
    where = f"{' / '.join(block)} / {excerpt(paras[end + 1], 12)}"
    return [Doubt("subhead-or-headline", a.page, i, where)]


def _dated(p: str) -> bool:
    d = match_dateline(p)
    return d is not None and bool(d.bylines)


def _name_doubts(i: int, a: Article) -> list[Doubt]:
    out: list[Doubt] = []
    names = [b.name for b in a.bylines if b.role in ("reporter", "correspondent", "author")]
    for n in names:
        if len(n) >= 4 and n[:2] not in COMPOUND_PPM and "·" not in n:
            out.append(Doubt("name-split", a.page, i, f"{n}: one name or several?"))
    runs = {
        b.printed
        for b in a.bylines
        if b.role in ("reporter", "correspondent") and b.printed != b.name and b.printed.isalpha()
    }
    for run in sorted(runs):
        names_, doubtful = split_run(run)
        if doubtful:
            out.append(Doubt("name-split", a.page, i, f"{run} read as {' '.join(names_)}"))
    return out
