"""Search tokens for Chinese text: overlapping character bigrams, the way CJK search engines
(Lucene's CJKBigramFilter, Elasticsearch's ``cjk`` analyzer) index text without a dictionary.

Pure. ``index_tokens`` turns stored text into the space-separated tokens the database indexes;
``query`` turns what a reader typed into the terms that must all match. A Chinese run of n
characters gives its n-1 bigrams and then its last character alone, so a phrase of bigrams
finds any substring of two or more characters, and a one-character query finds the character
as a token prefix. Latin letters and digits form words (case-folded), which a query word finds
as their beginning (``covid`` finds ``covid19``). Text is NFKC-normalised
first, so full-width ``ＡＢＣ１２３`` and ASCII ``abc123`` are the same word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

# Han ideographs (URO, extension A, compatibility, extensions B–F), and kana/hangul, which
# also run without spaces.
_CJK: Final = (
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
)
_RUN: Final = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+")
_IS_CJK: Final = re.compile(rf"[{_CJK}]")

#: A query longer than this, or with more terms, is cut (a search box is not a document).
MAX_QUERY_CHARS: Final = 100
MAX_TERMS: Final = 8


@dataclass(frozen=True)
class Term:
    """One run a match must contain: ``tokens`` in a row, or (``prefix``) a token that starts
    with the one token in ``tokens`` (a single Chinese character, or a Latin/digit word)."""

    text: str
    tokens: tuple[str, ...]
    prefix: bool = False


def _runs(text: str) -> list[str]:
    return _RUN.findall(unicodedata.normalize("NFKC", text).casefold())


def _run_tokens(run: str) -> list[str]:
    if not _IS_CJK.match(run) or len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def index_tokens(*texts: str) -> str:
    """The tokens of ``texts``, space-separated, in order (what the index stores)."""
    out: list[str] = []
    for text in texts:
        for run in _runs(text):
            out += _run_tokens(run)
    return " ".join(out)


def query(q: str) -> list[Term]:
    """The terms of a reader's query (all must match); empty when nothing searchable is left.

    Words separated by spaces or punctuation are separate terms; a run of Chinese characters
    must match as a whole (its bigrams in a row)."""
    terms: list[Term] = []
    seen: set[str] = set()
    for run in _runs(q[:MAX_QUERY_CHARS]):
        if run in seen:
            continue
        seen.add(run)
        if _IS_CJK.match(run) and len(run) > 1:
            tokens = tuple(run[i : i + 2] for i in range(len(run) - 1))
            terms.append(Term(run, tokens))
        else:
            terms.append(Term(run, (run,), prefix=True))
        if len(terms) == MAX_TERMS:
            break
    return terms


def fts5_query(terms: list[Term]) -> str:
    """SQLite FTS5 MATCH syntax: each term a quoted phrase (or prefix), all joined by AND."""
    parts = []
    for t in terms:
        phrase = '"' + " ".join(t.tokens) + '"'
        parts.append(phrase + "*" if t.prefix else phrase)
    return " AND ".join(parts)


def tsquery(terms: list[Term]) -> str:
    """PostgreSQL ``to_tsquery('simple', …)`` syntax: tokens in a row joined by ``<->``,
    ``:*`` for a prefix, terms joined by ``&``. Tokens are word characters only."""
    parts = []
    for t in terms:
        if t.prefix:
            parts.append(f"{t.tokens[0]}:*")
        else:
            parts.append("(" + " <-> ".join(t.tokens) + ")")
    return " & ".join(parts)


def highlight(text: str, terms: list[Term], width: int = 60) -> tuple[str, str, str] | None:
    """The part of ``text`` around the first term found, as (before, match, after), at most
    ``width`` characters in all; None when no term occurs in the text as written."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    if len(folded) != len(text):  # NFKC changed the length: positions would not line up
        folded = text.casefold()
    best: tuple[int, int] | None = None
    for t in terms:
        i = folded.find(t.text)
        if i >= 0 and (best is None or i < best[0]):
            best = (i, i + len(t.text))
    if best is None:
        return None
    start, end = best
    room = max(width - (end - start), 0)
    lo = max(start - room // 3, 0)
    hi = min(end + room - (start - lo), len(text))
    before = ("…" if lo > 0 else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < len(text) else "")
    return before, text[start:end], after
