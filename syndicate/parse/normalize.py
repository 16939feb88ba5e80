"""Text normalisation for published text: full-width punctuation next to CJK, tidy spaces.

What we publish uses full-width Chinese punctuation (reference/wechat.md §5). ASCII
``, ; : ( ) ? !`` touching a CJK character becomes ``，；：（）？！``; ``1,000``, ``2-3``,
``1+4``, ``0537-6557731``, ``10:30`` and URLs stay as they are.
"""

from __future__ import annotations

import re

FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_URL = re.compile(r"(?:https?://|www\.)[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+", re.I)
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_MARKS = re.compile(r"[,;:?!()]")
_SPACE_AFTER = re.compile(r"([，；：？！（）])[ ]+(?=[\u4e00-\u9fff“（])")
_SPACE_BEFORE = re.compile(r"(?<=[\u4e00-\u9fff”）])[ ]+([，；：？！）])")


def is_cjk(ch: str) -> bool:
    """A CJK ideograph, CJK punctuation or a full-width form."""
    return (
        "\u4e00" <= ch <= "\u9fff"
        or "\u3400" <= ch <= "\u4dbf"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or ch in "“”‘’…—·"
    )


#: Characters that print nothing: zero-width space, non-joiner and joiner, direction marks,
#: word joiner, a stray byte-order mark, the soft hyphen. Web editors leave them in copied text
#: (``九所镇党委书记\u200c曾其优``).
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]+")


def drop_invisibles(text: str) -> str:
    """Remove characters that print nothing where they touch Chinese text, white space or a
    line's end. Between two letters of another script (an emoji sequence's joiner, a Persian
    non-joiner) they do something, and stay."""
    if not any(ch in text for ch in _INVISIBLE_CHARS):
        return text  # the cheap test first: a substring search is far faster than the regex

    def keep(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() > 0 else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if is_cjk(before) or is_cjk(after) or before.isspace() or after.isspace():
            return ""
        return m[0]

    return _INVISIBLE.sub(keep, text)


def collapse_spaces(text: str) -> str:
    """Strip, and fold runs of ASCII, no-break and ideographic spaces into one space."""
    return _SPACES.sub(" ", text).strip()


def fullwidth(text: str) -> tuple[str, int]:
    """Make ASCII punctuation next to CJK full-width. Returns the text and the change count."""
    marks = [m.start() for m in _MARKS.finditer(text)]
    if not marks:
        return text, 0
    chars = list(text)
    protected = _protected(text) if ("." in text or "//" in text) else set()
    changed = 0
    for i in _paren_pairs_to_convert(text, protected, marks):
        chars[i] = FULL[chars[i]]
        changed += 1
    for i in marks:
        if text[i] in ",;:?!" and i not in protected and _touches_cjk(text, i):
            chars[i] = FULL[text[i]]
            changed += 1
    out = "".join(chars)
    # a full-width mark owns its spacing: "要求， 形成" -> "要求，形成"
    if " " in out:
        out = _SPACE_AFTER.sub(r"\1", out)
        out = _SPACE_BEFORE.sub(r"\1", out)
    return out, changed


def _protected(text: str) -> set[int]:
    spans: set[int] = set()
    for m in _URL.finditer(text):
        spans.update(range(m.start(), m.end()))
    return spans


def _touches_cjk(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if text[i] == ":" and before.isdigit() and after.isdigit():
        return False  # 10:30
    if text[i] == "," and before.isdigit() and after.isdigit():
        return False  # 1,000
    # look through one space: "要求, 形成"
    if after == " " and i + 2 < len(text):
        after = after if is_cjk(before) else text[i + 2]
    return bool(before and is_cjk(before)) or bool(after and is_cjk(after))


def _paren_pairs_to_convert(text: str, protected: set[int], marks: list[int]) -> list[int]:
    """Indices of ASCII parens to make full-width: a matched pair touching or holding CJK.

    ``marks`` are the indices of the text's ASCII marks (``_MARKS``), in order.
    """
    stack: list[int] = []
    out: list[int] = []
    for i in marks:
        c = text[i]
        if i in protected:
            continue
        if c == "(":
            stack.append(i)
        elif c == ")" and stack:
            j = stack.pop()
            inner = text[j + 1 : i]
            outside = (text[j - 1] if j > 0 else "") + (text[i + 1] if i + 1 < len(text) else "")
            if any(is_cjk(ch) for ch in inner + outside):
                out += [j, i]
        elif c == ")" and i > 0 and is_cjk(text[i - 1]):
            out.append(i)  # an unmatched close after CJK
    out += [j for j in stack if j + 1 < len(text) and is_cjk(text[j + 1])]
    return out
