"""Source credits that close reprinted and wire stories: ``据新华社``, ``综合新华社等报道``.

A reprinted story ends with where it came from: on a line of its own (``据央视新闻``,
``综合南方都市报、极目新闻``, ``（据新华社郑州9月9日电）``, ``红星新闻``) or glued to the last
sentence (``…应参尽参。据央视新闻``). Either way it is a credit (role ``source``), never text,
and it ends the story: whatever follows belongs to the next one.
"""

from __future__ import annotations

import re

from syndicate.model import Byline
from syndicate.parse.kinds import BRIEF_TITLE

_CJK = r"\u4e00-\u9fff"
#: A medium's name: ends like a paper, agency, station or feed.
_MEDIUM = (
    rf"(?:《[^》]{{1,16}}》|[{_CJK}A-Za-z]{{1,14}}?(?:新闻|日报|晚报|晨报|时报|报|社|网|台|之声|"
    rf"客户端|微信公众号|公众号|法院|检察院|教育|参考|见|观察)|新华社|央视|[{_CJK}]{{2,8}}(?:等))"
)
_SOURCE = re.compile(
    rf"^[（(]?(?P<credit>(?:据|综合|来源[:：]|稿件来源[:：]|资料来源[:：])\s*"
    rf"(?:{_MEDIUM}|[{_CJK}A-Za-z、《》\s·]{{2,40}}?)(?:[{_CJK}\d]{{0,14}}电)?(?:等)?(?:报道|消息)?)[)）]?$"
)
#: A medium named alone on the last line: ``红星新闻``, ``极目新闻``.
_BARE = re.compile(rf"^(?P<credit>(?![第本这新图要])[{_CJK}]{{2,4}}(?:新闻|日报|晚报|晨报|之声))$")
#: A credit glued after the last sentence's final mark.
_GLUED = re.compile(
    rf"(?<=[。！？”』」…])\s*[（(]?(?P<credit>(?:据|综合)[{_CJK}A-Za-z、《》·\d]{{2,30}}?(?:等)?"
    rf"(?:报道)?|[{_CJK}]{{2,4}}(?:新闻|日报|晚报|之声))[)）]?\s*$"
)


#: An end note in parentheses or tortoise-shell brackets: ``（作者为本报河北分社记者）``,
#: ``（摘编自《贵州日报》，原题为…）``, ``〔作者系中央党校（国家行政学院）教授〕``,
#: ``（本文作者系海南省人民医院口腔科主治医师）``, ``（本文系…课题阶段性成果）``.
_NOTE_WORDS = (
    r"(?:(?:本文)?作者(?:分别)?[为系]|作者单位|本文系|本文写作参考|摘编自|摘自|原载|转载自|"
    r"案例来源|来源)"
)
#: A note on the authors as a sentence after the story: ``本文作者张兴吉系海南师范大学历史学
#: 教授，杨中曦系…研究员。``
_AUTHORS_NOTE = re.compile(r"本文作者[^。！？]{2,40}?系[^。！？]{2,120}。")
_END_NOTE = re.compile(
    rf"^(?:[（(](?P<credit>{_NOTE_WORDS}(?:[^（()）]|[（(][^（()）]{{1,20}}[)）]){{2,80}})[)）]"
    rf"|[〔【](?P<inner>{_NOTE_WORDS}[^〔〕【】]{{2,80}})[〕】])$"
)


#: An unsigned report's closing unit credit: ``（华电广西能源有限公司党委）``.
_UNIT_CREDIT = re.compile(
    r"^[（(](?P<credit>[\u4e00-\u9fff·]{2,30}?(?:[（(][\u4e00-\u9fff]{2,12}[)）])?[\u4e00-\u9fff]{0,12}"
    r"(?:党委|党组|党支部|委员会|组织部|宣传部|公司|集团|研究院|研究所|研究中心|办公室|学院|大学))[)）]$"
)


def source_line(text: str) -> Byline | None:
    """The source credit a whole line is, if it is one (``据央视新闻``, ``红星新闻``,
    ``（摘编自《贵州日报》）``)."""
    t = text.strip()
    if m := _END_NOTE.match(t):
        note = m["credit"] or m["inner"]
        author = note.startswith(("作者", "本文作者", "本文系", "本文写作"))
        return Byline("other" if author else "source", note, note)
    if _AUTHORS_NOTE.fullmatch(t):
        return Byline("other", t, t)
    if m := _UNIT_CREDIT.match(t):
        return Byline("source", m["credit"], m["credit"])
    if len(t) > 48:
        return None
    m = _SOURCE.match(t) or (None if BRIEF_TITLE.fullmatch(t) else _BARE.match(t))
    if not m:
        return None
    credit = m["credit"].strip()
    if "。" in credit or "，" in credit:
        return None
    return Byline("source", credit, credit)


def glued_source(paragraph: str) -> tuple[str, Byline] | None:
    """``…应参尽参。据央视新闻`` -> (``…应参尽参。``, the credit); None if nothing is glued."""
    m = _GLUED.search(paragraph)
    if not m or m.start() == 0:
        return None
    credit = m["credit"].strip()
    return paragraph[: m.start()].rstrip(), Byline("source", credit, credit)
