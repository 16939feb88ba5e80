"""E-paper text to ``Issue``: a pure function of its inputs.

``parse_issue(text, source=…, date=…)`` splits the text into pages, reads the masthead, cuts
each page into articles, reads their headline blocks, datelines and bylines, and repairs the
extraction damage. Every repair and every doubt is a ``Problem`` on the issue. It raises
``ParseError`` only when no issue date can be found at all (and ``parse_bytes`` also for
empty or binary input).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date as Date

from syndicate.errors import ParseError
from syndicate.model import Article, Issue, Page, Paper, Problem
from syndicate.parse.articles import (
    Draft,
    head_of,
    join_stanzas,
    lone_head,
    note_spoken,
    read_draft,
    split_articles,
    split_box,
    split_signed,
)
from syndicate.parse.blocks import mend_gaps, split_blocks
from syndicate.parse.conventions import Conventions, infer_conventions
from syndicate.parse.decode import decode_text
from syndicate.parse.doubts import find_doubts
from syndicate.parse.flat import mark_heads
from syndicate.parse.headline import ends_sentence, is_dash_line, is_subhead, looks_like_banner
from syndicate.parse.kinds import EDITOR_NOTE, article_kind
from syndicate.parse.masthead import Masthead, is_masthead_line, masthead_extent, read_masthead
from syndicate.parse.normalize import drop_invisibles
from syndicate.parse.pages import RawPage, split_pages
from syndicate.parse.repair import dedupe, excerpt, rejoin, tidy, two_line_subhead
from syndicate.parse.slots import kicker_convention

__all__ = ["parse_bytes", "parse_issue", "date_from_name"]

_WEEKDAYS = "一二三四五六日"
_PAPER_NAME = re.compile(r"(?:日报|晚报|晨报|快报|时报|商报|都市报|周报)$")


def parse_bytes(data: bytes, *, source: str = "", date: Date | None = None) -> Issue:
    """Decode ``data`` (UTF-8, BOM, UTF-16, GB18030) and parse it."""
    text, encoding = decode_text(data)
    issue = parse_issue(text, source=source, date=date)
    if encoding in ("gb18030", "utf-16"):
        note = Problem("encoding", None, f"decoded as {encoding.upper()}; publish as UTF-8")
        issue = replace(issue, problems=(note, *issue.problems))
    return issue


def parse_issue(text: str, *, source: str = "", date: Date | None = None) -> Issue:
    """Parse e-paper ``text``. ``source`` is the file name (for its date); ``date`` the fallback."""
    pages = split_pages(drop_invisibles(text))
    if not pages:
        raise ParseError("the text has no lines; export the e-paper text again")
    mh = _take_masthead(pages)
    problems: list[Problem] = []
    issue_date = _resolve_date(mh, source, date, problems)
    conventions = infer_conventions(pages)
    drafts: list[Draft] = []
    for p in pages:
        for whole in _page_drafts(p, conventions, problems):
            for d in (x for b in split_box(whole) for x in split_signed(b)):
                read_draft(d)
                drafts.append(d)
    _drop_page_end_heads(drafts, problems)
    if kicker_convention([d.head for d in drafts if d.head_count is not None]):
        for d in drafts:
            d.kicker_first = d.head_count is not None
    articles = _assemble(drafts, problems)
    if mh.name is None and pages[0].name and _PAPER_NAME.search(pages[0].name):
        mh.name = pages[0].name  # a tabloid's front page is headed with the paper's name
    paper, paper_fixes = _paper(mh)
    if paper_fixes:
        problems.append(
            Problem("punctuation", 1, f"masthead: {paper_fixes} ASCII marks made full-width")
        )
    weekday = mh.fields.get("weekday")
    _check_weekday(issue_date, weekday, problems)
    doubts, confidence = find_doubts(articles, problems)
    return Issue(
        paper=paper,
        date=issue_date,
        weekday=weekday,
        lunar_date=mh.fields.get("lunar"),
        serial=_int(mh.fields.get("serial")),
        number_in_year=_int(mh.fields.get("number_in_year")),
        pages=tuple(Page(p.number or 0, p.name, p.code) for p in pages if p.lines or p.name),
        articles=tuple(articles),
        problems=tuple(problems),
        confidence=confidence,
        doubts=doubts,
    )


def _drop_page_end_heads(drafts: list[Draft], problems: list[Problem]) -> None:
    """A page's last story ending on a headline line after a finished paragraph, where the
    next page opens with a headline (or none follows): that line heads an item without a
    story (``本期导读``, an item whose text was an image), not the story above it, since a
    story never ends on a subhead. It is dropped as a headline without a body. Where the
    next page opens with body, the line may be a paragraph cut at the page's end: kept."""
    for i, d in enumerate(drafts):
        nxt = drafts[i + 1] if i + 1 < len(drafts) else None
        if nxt is not None and (nxt.page == d.page or nxt.continues or nxt.jumped_in):
            continue
        paras = d.paragraphs
        if len(paras) >= 2 and lone_head(paras[-1], paras[-2]):
            what = excerpt(paras.pop())
            problems.append(Problem("dropped-item", d.page, f"headline without a body: {what}"))


def _take_masthead(pages: list[RawPage]) -> Masthead:
    first = pages[0]
    n = masthead_extent(first.lines)
    mh = read_masthead(first.lines[:n])
    del first.lines[:n], first.indented[:n], first.after_gap[:n], first.wide_gap[:n]
    return mh


def _page_drafts(p: RawPage, conventions: Conventions, problems: list[Problem]) -> list[Draft]:
    """Cut a page by the issue's convention: by blocks when it indents its paragraphs."""
    _drop_running_head(p)
    if conventions.indent_paragraphs or conventions.stacked_heads:
        if conventions.stacked_heads:
            mark_heads(p)
        else:
            mend_gaps(p, gapless=conventions.gapless)
        drafts, dropped = split_blocks(p, subheads_flush=conventions.heads_signed)
        problems += dropped
        for d in drafts:
            d.head_flat = conventions.stacked_heads
    else:
        units, after_gap = join_stanzas(p.lines, p.after_gap)
        gaps = after_gap if conventions.story_gaps else None
        closes = conventions.bylines_close
        drafts = split_articles(units, p.number or 0, bylines_close=closes, gaps=gaps)
    for d in drafts:
        d.heads_broken = conventions.broken_heads
    return drafts


def _drop_running_head(p: RawPage) -> None:
    """Drop date lines at the top of a page (running heads such as ``2022年3月25日 星期五``)."""
    while p.lines and len(p.lines[0]) <= 40 and is_masthead_line(p.lines[0]):
        del p.lines[0], p.indented[0], p.after_gap[0], p.wide_gap[0]


def date_from_name(source: str) -> Date | None:
    """A ``YYYY-MM-DD`` or ``YYYYMMDD`` date in a file name."""
    name = re.split(r"[\\/]", source)[-1]
    for m in re.finditer(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)", name):
        try:
            return Date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
    return None


def _resolve_date(mh: Masthead, source: str, given: Date | None, problems: list[Problem]) -> Date:
    """Masthead first, then the file name, then ``--date`` (reference/interface.md)."""
    found = mh.date or date_from_name(source) or given
    if found is None:
        raise ParseError(
            "no issue date: the masthead has none and the file name has no YYYY-MM-DD; "
            "pass --date YYYY-MM-DD"
        )
    if mh.date is None:
        how = "the file name" if date_from_name(source) else "--date"
        problems.append(Problem("date", None, f"no date in the masthead; took {found} from {how}"))
    if given and given != found:
        problems.append(Problem("date", None, f"--date {given} differs from the printed {found}"))
    return found


def _check_weekday(d: Date, weekday: str | None, problems: list[Problem]) -> None:
    if weekday and weekday[-1] in _WEEKDAYS + "天":
        printed = _WEEKDAYS.index(weekday[-1].replace("天", "日"))
        if printed != d.weekday():
            problems.append(
                Problem(
                    "date", None, f"masthead says {weekday} but {d} is 星期{_WEEKDAYS[d.weekday()]}"
                )
            )


def _int(v: str | None) -> int | None:
    if v is None:
        return None
    return int(v.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


class _Tidier:
    """``tidy`` that counts the ASCII marks it made full-width (one problem per article)."""

    def __init__(self) -> None:
        self.fixes = 0

    def __call__(self, text: str | None) -> str | None:
        out, n = tidy(text)
        self.fixes += n
        return out


def _paper(mh: Masthead) -> tuple[Paper, int]:
    t = _Tidier()
    paper = Paper(
        name=t(mh.name),
        supervisor=t(mh.fields.get("supervisor")),
        sponsor=t(mh.fields.get("sponsor")),
        publisher=t(mh.fields.get("publisher")),
        cn=mh.fields.get("cn"),
        hotline=mh.fields.get("hotline"),
        slogan=t(mh.slogan),
    )
    return paper, t.fixes


@dataclass
class _Heads:
    kicker: str | None
    title: str | None
    subtitle: str | None
    column: str | None


def _assemble(drafts: list[Draft], problems: list[Problem]) -> list[Article]:
    kept: list[tuple[Draft, _Heads]] = []
    for d in drafts:
        heads = _Heads(*head_of(d))
        problems += d.problems
        target = _continued(d, heads, kept)
        if target is not None:
            what = excerpt(target.head[-1] if target.head else target.units[0])
            problems.append(Problem("page-continues", d.page, f"page {d.page} continues {what}"))
            if d.rest_of:  # the web edition's first page already holds the whole story
                held = [_key(x) for x in target.paragraphs]
                d.paragraphs = [x for x in d.paragraphs if not any(_key(x) in y for y in held)]
            target.paragraphs += d.paragraphs
            target.bylines += [b for b in d.bylines if b not in target.bylines]
            target.captions += d.captions
            target.jumps_to = False
            continue
        if not d.paragraphs and not d.head:
            continue
        if not (d.paragraphs or d.captions or d.continues):
            what = excerpt(d.head[0])
            problems.append(Problem("dropped-item", d.page, f"headline without a body: {what}"))
            continue
        kept.append((d, heads))
    _page_columns(kept)
    kept = _split_editor_notes(kept)
    seqs: dict[int, int] = {}
    out: list[Article] = []
    for d, h in kept:
        seqs[d.page] = seqs.get(d.page, 0) + 1
        out.append(_article(d, h, seqs[d.page], problems))
    return out


def _split_editor_notes(kept: list[tuple[Draft, _Heads]]) -> list[tuple[Draft, _Heads]]:
    """An editor's note (编者按) printed with a story is its own item, placed before it."""
    out: list[tuple[Draft, _Heads]] = []
    for d, h in kept:
        paras = d.paragraphs
        bare = next((i for i, p in enumerate(paras) if EDITOR_NOTE.fullmatch(p.strip())), None)
        if bare is not None and (end := note_spoken(paras, bare)) is not None:
            # ``编者按`` alone, then the note to where the editor speaks of the page or column
            note = Draft(d.page, paras[bare + 1 : end], lead=True)
            note.paragraphs = paras[bare + 1 : end]
            label = paras[bare].strip(" 【】[]：:")
            out.append((note, _Heads(None, label, None, None)))
            d.paragraphs = paras[:bare] + paras[end:]
            out.append((d, h))
            continue
        notes = [p for p in d.paragraphs if EDITOR_NOTE.match(p)]
        if notes and h.title is None and len(notes) == len(d.paragraphs):
            d.paragraphs = [EDITOR_NOTE.sub("", p) for p in notes]
            h.title = "编者按"
        elif notes:
            note = Draft(d.page, notes, lead=True)
            note.paragraphs = [EDITOR_NOTE.sub("", p) for p in notes]
            out.append((note, _Heads(None, "编者按", None, None)))
            d.paragraphs = [p for p in d.paragraphs if p not in notes]
        out.append((d, h))
    return out


def _continued(d: Draft, heads: _Heads, kept: list[tuple[Draft, _Heads]]) -> Draft | None:
    """The earlier article this draft continues, if it is the rest of a story."""
    if not kept or not (d.continues or d.jumped_in or d.rest_of):
        return None
    title = _key(heads.title)
    if d.rest_of:  # only the story of its own title, printed before it
        return next((prev for prev, h in reversed(kept) if title and _key(h.title) == title), None)
    for prev, h in reversed(kept):
        if title and _key(h.title) == title:
            return prev
    jumped = [prev for prev, _ in kept if prev.jumps_to]
    if jumped:
        return jumped[-1]
    prev = kept[-1][0]
    if d.continues and prev.page != d.page and prev.paragraphs and not d.jumped_in:
        if ends_sentence(prev.paragraphs[-1]):
            return None  # the page before ended its story: this one has lost its headline
    return prev if d.continues else None


def _key(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _page_columns(kept: list[tuple[Draft, _Heads]]) -> None:
    """A banner over the first article of a page is a column (栏目) when it heads the page:
    a later article on the page has the same shape without it, or it reads like a banner."""
    for i, (d, h) in enumerate(kept):
        first_on_page = i == 0 or kept[i - 1][0].page != d.page
        if not first_on_page or h.kicker is None or h.column is not None:
            continue
        if not (h.subtitle and is_dash_line(h.subtitle)):
            continue
        same_page = [x for x in kept[i + 1 :] if x[0].page == d.page]
        shared = any(
            x.kicker is None and x.column is None and x.subtitle and is_dash_line(x.subtitle)
            for _, x in same_page
        )
        if shared or looks_like_banner(h.kicker):
            banner, h.column, h.kicker = h.kicker, h.kicker, None
            for _, x in same_page:
                if x.column is None and x.kicker is None:
                    x.column = banner


def _subheads(texts: list[str]) -> tuple[int, ...]:
    """Indices of the subheads; both lines of a subhead printed on two lines."""
    out = [j for j, p in enumerate(texts) if is_subhead(p)]
    for j, p in enumerate(texts[:-1]):
        if two_line_subhead(p, texts[j + 1]):
            out += [j, j + 1]
    return tuple(sorted(set(out)))


def _article(d: Draft, h: _Heads, seq: int, problems: list[Problem]) -> Article:
    lead = d.dateline is not None and d.lead
    paragraphs, fixed = rejoin(d.paragraphs, d.page, lead=lead, keep=d.subheads)
    problems += fixed
    paragraphs, dups = dedupe(paragraphs, d.page)
    problems += dups
    title = h.title
    if not title:
        first = paragraphs[0] if paragraphs else ""
        title = re.split(r"[。！？]", first)[0][:30] or "（无题）"
        problems.append(
            Problem("no-title", d.page, f"no headline found; titled it {excerpt(title)}")
        )
    t = _Tidier()
    texts = [x for x in (t(p) for p in paragraphs) if x]
    article = Article(
        page=d.page,
        seq=seq,
        title=t(title) or title,
        kicker=t(h.kicker),
        subtitle=t(" ".join(x for x in (h.subtitle, *d.decks) if x) or None),
        column=t(h.column),
        dateline=t(d.dateline),
        place=d.place,
        bylines=tuple(d.bylines),
        captions=tuple(x for x in (t(c) for c in d.captions) if x),
        paragraphs=tuple(texts),
        kind=(kind := article_kind(title, texts)),
        subheads=() if kind == "poem" else _subheads(texts),
        summary=t("\n".join(d.summary) or None),
    )
    if t.fixes:
        problems.append(
            Problem(
                "punctuation",
                d.page,
                f"{excerpt(article.title, 12)}: {t.fixes} ASCII marks made full-width",
            )
        )
    return article
