"""Verse (诗行) in every channel: a paragraph whose lines are kept apart by ``"\\n"``.

The parser emits a poem, or verse an essay quotes, as one paragraph per stanza with its lines
joined by ``"\\n"``; prose paragraphs have no ``"\\n"``. HTML folds a newline into a space, so
every channel renders a paragraph through here:

- ``lines_html``: the HTML of a paragraph, each line escaped, the lines joined by ``<br>``
  (the ``lines`` filter of every template environment, ``syndicate.assets.environment``);
- ``one_line``: a paragraph for a field of one line (a summary, a teaser, a search snippet),
  the lines joined by ``／`` (``LINE_MARK``, the full-width slash Chinese prose uses when it
  runs verse in), never a raw ``"\\n"``;
- ``is_verse``: the ``verse`` test of the templates, for a stanza's own style (no first-line
  indent).

Text parts of email keep the ``"\\n"`` as it is. Pure: no I/O.
"""

from __future__ import annotations

from markupsafe import Markup, escape

#: What stands for a line break of verse in text of one line: ``春风吹过田野／吹醒了沉睡的小河``.
LINE_MARK = "／"
_BR = Markup("<br>\n")


def is_verse(text: str) -> bool:
    """Whether the paragraph has lines of its own (a stanza), not one run of prose."""
    return "\n" in text.strip()


def verse_lines(text: str) -> list[str]:
    """The paragraph's lines, each stripped, the empty ones left out."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def lines_html(text: str) -> Markup:
    """The paragraph escaped, a stanza's lines joined by ``<br>``. Prose comes out as
    ``escape`` makes it (its spaces and all)."""
    if not is_verse(text):
        return escape(text)
    return _BR.join(escape(line) for line in verse_lines(text))


def one_line(text: str) -> str:
    """The paragraph on one line: a stanza's lines joined by ``／``, prose unchanged."""
    if not is_verse(text):
        return text
    return LINE_MARK.join(verse_lines(text))
