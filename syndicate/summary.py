"""Short summaries (导读) of an article: the opening sentences, cut at a sentence end.

Pure text work shared by the channels that list stories (the WeChat digest, newsletters).
Lengths are counted in characters (``len``), never bytes: Chinese text is the product.
The dateline (本报济宁讯) and byline (（记者 X）) are stripped; the parser already puts them in
their own fields, and the patterns below catch any left at the start of the text.
A summary is one line: verse (a stanza, its lines joined by "\n") has its lines joined by
``／`` (``syndicate.verse.LINE_MARK``), and so has a stanza with the paragraph after it unless
the stanza ends a sentence; a summary too long for its room may be cut at a line of verse.
"""

from __future__ import annotations

import re

from syndicate.model import Article
from syndicate.verse import LINE_MARK, is_verse, one_line

#: A sentence ends at 。！？… (or their ASCII forms), plus any closing quotes or brackets.
_SENTENCE = re.compile(r".*?(?:[。！？!?]|……|…)+[”’」』）)]*", re.S)
#: Clause boundaries (and verse line breaks) where a sentence too long for a summary may be cut.
_CLAUSE = "，；：、,;:" + LINE_MARK
#: Marks that end a sentence: no ``／`` is needed after a stanza ending in one.
_ENDS = "。！？!?…”’」』）)"
_LEADING = [
    # 本报济宁讯, 本报北京1月2日电, 新华社北京1月1日电, 据新华社…电, 【新华社…电】
    re.compile(r"^[【\[]?(?:据)?(?:本报|新华社|中新社)[^，。；：\s]{0,40}?[讯电][】\]]?\s*"),
    # （记者 X 通讯员 Y）, (记者X), 本报记者 X
    re.compile(r"^[（(]\s*(?:本报)?(?:特约)?(?:记者|通讯员|实习生)[^）)]{0,60}[）)]\s*"),
]
ELLIPSIS = "……"


def strip_lead(text: str) -> str:
    """Text without a leading dateline or bracketed byline."""
    text = text.strip()
    changed = True
    while changed:
        changed = False
        for pattern in _LEADING:
            cut = pattern.sub("", text, count=1)
            if cut != text:
                text, changed = cut.strip(), True
    return text


def sentences(text: str) -> list[str]:
    """Split text into sentences; the tail without an end mark is the last one."""
    out = [m.group(0) for m in _SENTENCE.finditer(text)]
    rest = text[sum(len(s) for s in out) :]
    if rest.strip():
        out.append(rest)
    return [s for s in out if s.strip()]


def body_text(article: Article) -> str:
    """The article's paragraphs as one run of text, dateline and byline stripped; verse on
    one line (see the module docstring)."""
    paras = [p.strip() for p in article.paragraphs if p.strip()]
    if not paras:
        return ""
    paras[0] = strip_lead(paras[0])
    out, after_verse = "", False
    for p in filter(None, paras):
        if after_verse and not out.endswith(tuple(_ENDS)):
            out += LINE_MARK
        out += one_line(p)
        after_verse = is_verse(p)
    return out


def summarize(article: Article, *, low: int = 60, high: int = 120) -> str:
    """The opening of the article in ``low``..``high`` characters, ending a sentence.

    Takes whole sentences until at least ``low`` characters. When the next sentence would pass
    ``high`` before ``low`` is reached, that sentence is cut at its last clause boundary (or,
    failing one, hard) and ends with ``……``. A text shorter than ``low`` is returned whole.
    """
    return summarize_text(body_text(article), low=low, high=high)


def summarize_text(text: str, *, low: int = 60, high: int = 120) -> str:
    """``summarize`` on plain text (see there)."""
    text = re.sub(r"\s+", " ", text).strip()
    taken = ""
    for sentence in sentences(text):
        if len(taken) + len(sentence) > high:
            if len(taken) >= low // 2:
                return taken  # a shorter summary that ends a sentence beats a cut one
            return _cut(taken + sentence, low=low, high=high)
        taken += sentence
        if len(taken) >= low:
            return taken
    return taken


def _cut(text: str, *, low: int, high: int) -> str:
    """Cut ``text`` (longer than ``high``) at a clause boundary, ending with an ellipsis."""
    room = high - len(ELLIPSIS)
    head = text[:room]
    for i in range(len(head) - 1, low - 1, -1):
        if head[i] in _CLAUSE:
            return head[:i] + ELLIPSIS
    return head.rstrip(_CLAUSE + " ") + ELLIPSIS
