"""Repairs of extraction damage, each one reported as a Problem.

- Rejoin a paragraph split at a column break: the first part lacks sentence-final
  punctuation and is not a subhead, so the next paragraph continues the sentence. Subheads
  printed as a series of one form (``放狠话，…`` / ``惹众怒，…``) are never joined.
- Drop exact repeats of a paragraph within an article.
- Make ASCII punctuation next to CJK full-width.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from syndicate.model import Problem
from syndicate.parse.headline import ends_sentence, headline_like, open_ended, salutes
from syndicate.parse.normalize import collapse_spaces, fullwidth

EXCERPT = 24


def excerpt(text: str, n: int = EXCERPT) -> str:
    return text if len(text) <= n else text[:n] + "……"


def rejoin(
    paragraphs: list[str], page: int, *, lead: bool = False, keep: Collection[str] = ()
) -> tuple[list[str], list[Problem]]:
    """Join paragraphs split at a column break. ``lead``: the first paragraph followed a
    dateline, so it is body text however short. ``keep``: subheads the layout showed (a
    centred line printed flush), never joined to a neighbour."""
    out: list[str] = []
    problems: list[Problem] = []
    paragraphs = _lift_subheads(paragraphs, page, problems)
    heads = [p for p in paragraphs if len(p) <= SUBHEAD and open_ended(p)]
    series = _series(heads)
    for i, p in enumerate(paragraphs):
        before = out[-2] if len(out) > 1 else None
        kept = out and (out[-1] in keep or p in keep or out[-1] in series)
        if (
            out
            and not kept
            and _continues(out[-1], p, lead=lead and i == 1 and len(out) == 1, before=before)
        ):
            prev = out.pop()
            if _like_others(prev, heads):
                problems.append(
                    Problem(
                        "subhead-or-cut",
                        page,
                        f"{prev} / {excerpt(p, 12)}: one more subhead, or a sentence cut at a "
                        "column break?",
                    )
                )
            problems.append(
                Problem("rejoined-paragraph", page, f"{excerpt(prev[-12:], 12)} + {excerpt(p, 12)}")
            )
            out.append(_join(prev, p))
        else:
            out.append(p)
    for j, p in enumerate(out):
        if ends_sentence(p) or "\n" in p:  # a stanza ends without a mark
            continue
        if j + 1 < len(out) and two_line_subhead(p, out[j + 1]):
            continue
        doubt = f"short line kept as a subhead: {p}" if headline_like(p) else f"…{p[-16:]}"
        problems.append(Problem("mid-sentence", page, doubt))
    return out, problems


#: A subhead is at most this long.
SUBHEAD = 20


def _series(heads: list[str]) -> set[str]:
    """Subheads printed as a series of one form: three or more short unfinished lines that
    open with a phrase of the same length before ``，`` (``放狠话，伊朗、伊拉克接连出台…``,
    ``惹众怒，美国霸权主义…``, ``促和谈，多方紧急斡旋…``). A cut at a column break
    does not repeat itself, so these are never joined to the paragraph under them."""
    by_lead: dict[int, list[str]] = {}
    for h in heads:
        k = h.find("，")
        if 2 <= k <= 6 and headline_like(h):
            by_lead.setdefault(k, []).append(h)
    return {h for hs in by_lead.values() if len(hs) >= 3 for h in hs}


def _like_others(prev: str, heads: list[str]) -> bool:
    """``prev`` is a short line without a final mark, and the story prints two or more others
    of about its length: one more of its subheads, or a clause cut at a column break
    (``…在翡翠城小区，27台AED设备覆盖`` | ``四个区域——…``)? The form does not say."""
    if prev not in heads or not headline_like(prev):
        return False
    return sum(h != prev and abs(len(h) - len(prev)) <= 4 for h in heads) >= 2


#: Characters that never open a sentence: a paragraph starting with one continues the last.
_CONTINUATION = tuple("的了着过地得们等及之所者吗呢吧啊")
_STOPS = tuple("。！？…”")
#: Words that open a sentence though their first character may continue one.
_OPENING_WORDS = (
    "所谓",
    "所以",
    "所有",
    "地处",
    "地方",
    "得益",
    "过去",
    "着力",
    "着眼",
    "之所以",
    "之前",
    "之后",
    "等到",
    "等待",
    "及时",
    "及早",
    "的确",
    "了解",
    "着手",
    "得到",
)
_UNIT = tuple("家个位名项条台万亿元米吨斤亩人次年月日号岁%％")


#: A person's identification line: ``吴淑津，杭州市天长小学美术教师，自由摄影师…``.
_ID_LINE = re.compile(
    r"^[\u4e00-\u9fff]{2,4}，.*(?:教师|老师|组长|主任|医师|教授|院长|校长|专家|作家|研究员|摄影师)"
    r"|(?:教师|老师|组长|主任|医师|教授|院长|校长)\s*[\u4e00-\u9fff]{2,4}$"
)


#: A numbered run-in subhead: ``看点一：…``, ``亮点二：…``, ``关键词三：…``.
_NUMBERED_HEAD = re.compile(r"^[\u4e00-\u9fff]{1,4}[一二三四五六七八九十]{1,3}[：:]")


#: A subhead of two phrases without counts (``高举思想旗帜，在固本培元中坚定正确政治方向``,
#: ``完善体系建设，推进体制机制创新``, ``…，继续推进“北溪—2”项目``): each phrase four
#: characters or more, and no figure that counts something (``27台``), which a clause cut
#: at a column break carries (``在翡翠城小区，27台AED设备覆盖``); a figure in a name is none.
_PAIRED_PHRASES = re.compile(r"^[^，。；]{4,}(?:，[^，。；]{4,}){1,2}$")
_COUNT = re.compile(r"\d[\d.]*\s*[家个位名项条台万亿元米吨斤亩人次年月日号岁%％多余批座辆户所只]")


def two_line_subhead(first: str, second: str) -> bool:
    """``对接产业需求，`` / ``完善专业课程内容``: a subhead printed on two lines, the first
    ending on a comma; both lines short and headline-like, the second without a final mark."""
    return (
        first.endswith("，")
        and len(first) <= SUBHEAD
        and headline_like(first[:-1])
        and _subhead_line(second)
    )


def _label_over_head(prev: str, nxt: str) -> bool:
    """A numbered label over a one-line subhead (``关键词2`` / ``年轻态``): the figure counts
    nothing in the line under it, which is a subhead of its own, not the rest of a sentence."""
    return len(prev) <= LABEL and headline_like(prev) and _subhead_line(nxt)


#: A numbered label (``关键词2``) is at most this long.
LABEL = 8


def _subhead_line(line: str) -> bool:
    """A short headline-like line without a final mark (a quoted term may close it)."""
    return len(line) <= SUBHEAD and headline_like(line) and open_ended(line)


#: A line of verse is at most this long; a couplet's lines are equally long.
VERSE = 12


def _continues(prev: str, nxt: str, *, lead: bool = False, before: str | None = None) -> bool:
    if ends_sentence(prev) or not nxt or _ID_LINE.search(prev):
        return False
    if "\n" in prev or "\n" in nxt:
        return False  # a stanza: its lines stand apart, and so does the verse around it
    if salutes(prev):
        return False  # ``尊敬的各位来宾，`` / ``女士们，先生们：``: salutations stand apart
    if len(prev) <= VERSE and len(prev) == len(nxt):
        return False  # 信用掌上查， / 诚字如天大。: verse, a line of its own each
    if two_line_subhead(prev, nxt):
        return False
    if prev.rstrip().endswith(("，", "、", ",")):
        return True
    if "，" in prev and len(nxt) <= 12 and nxt.endswith(_STOPS):
        # …覆盖摊位 | 2000多个。: the rest of a sentence, too short to stand alone; not a
        # question under a subhead (旅游强国，海南要当探路者 | 海南为何频频被提及？)
        return not (nxt.endswith(("？", "?")) and headline_like(prev))
    tail = prev.rsplit("，", 1)[-1]
    if (
        "，" in prev
        and not _NUMBERED_HEAD.match(prev)
        and not (_PAIRED_PHRASES.match(prev) and not _COUNT.search(prev))
        and len(tail) >= 9
        and before
        and before.endswith(("。", "”"))
        and len(nxt) > 40
    ):
        # a clause cut at a column break (…在翡翠城小区，27台AED设备覆盖 | 四个区域——…):
        # a subhead follows a subhead or a label (单位职工：), not a finished paragraph
        return True
    if nxt.startswith(("【", "问：", "答：", "问:", "答:")) or _NUMBERED_HEAD.match(prev):
        return False
    if (nxt.startswith(_CONTINUATION) and not nxt.startswith(_OPENING_WORDS)) or (
        prev[-1].isdigit() and nxt.startswith(_UNIT) and not _label_over_head(prev, nxt)
    ):
        return True
    return lead or not headline_like(prev)


def _lift_subheads(paragraphs: list[str], page: int, problems: list[Problem]) -> list[str]:
    """A subhead printed inside a sentence at a column break (``…让走进来`` | ``咖啡店不赚钱`` |
    ``为什么还要坚持开下去？`` | ``的客人瞬间…``): the sentence is joined and the subhead's
    lines follow it, heading the next section."""
    out = list(paragraphs)
    i = 0
    while i < len(out) - 2:
        p = out[i]
        k = 1
        if not ends_sentence(p) and not headline_like(p):
            while k <= 2 and i + k < len(out) and len(out[i + k]) <= SUBHEAD:
                if not headline_like(out[i + k]):
                    break
                k += 1
        if 1 < k and i + k < len(out) and out[i + k].startswith(_CONTINUATION):
            problems.append(
                Problem(
                    "rejoined-paragraph",
                    page,
                    f"{excerpt(p[-12:], 12)} + {excerpt(out[i + k], 12)}",
                )
            )
            out[i : i + k + 1] = [_join(p, out[i + k]), *out[i + 1 : i + k]]
        i += 1
    return out


def _join(a: str, b: str) -> str:
    a, b = a.rstrip(), b.lstrip()
    if a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return f"{a} {b}"
    return a + b


#: Paragraphs shorter than this may repeat within a story on purpose.
REPEAT_OK = 30


def dedupe(paragraphs: list[str], page: int) -> tuple[list[str], list[Problem]]:
    """Drop exact repeats of a paragraph within one article, reporting each once."""
    seen: set[str] = set()
    reported: set[str] = set()
    out: list[str] = []
    problems: list[Problem] = []
    for p in paragraphs:
        key = re.sub(r"\s+", "", p)
        if len(key) < REPEAT_OK:
            out.append(p)  # a short label may repeat by design (每天6:00至17:00，…：)
            continue
        if key in seen:
            if key not in reported:
                reported.add(key)
                problems.append(Problem("duplicate-paragraph", page, excerpt(p)))
            continue
        seen.add(key)
        out.append(p)
    return out, problems


def tidy(text: str | None) -> tuple[str | None, int]:
    """Collapse spaces and make punctuation full-width; returns the change count."""
    if text is None:
        return None, 0
    return fullwidth(collapse_spaces(text))
