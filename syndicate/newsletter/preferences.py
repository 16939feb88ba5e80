"""A reader's preferences (issue 14) and the newsletter variant they ask for.

- ``Prefs``: how often (``issue``: every issue, the default; ``weekly``: one digest a week on
  the paper's digest schedule, ``weekday`` and ``send_time`` overriding it), paused until a
  date, which pages (版面, by number) and columns (栏目, by name) to include (none chosen: all;
  both chosen: a story on a chosen page *or* in a chosen column), ``full`` text or ``summary``
  (headline and lead; None: the paper's default), and the script (``hans`` as printed,
  ``hant-tw``/``hant-hk`` through OpenCC, ``syndicate.script``).
- ``Variant``: what a rendering depends on (content, script, pages, columns). Readers with the
  same variant share one rendered newsletter (``newsletter.editions``).
- ``parse_pages``/``parse_columns``/``parse_weekday``/``parse_time``/``check_prefs``: the one
  clear line for bad input, shared by the CLI, the CSV import and the preference center.

Pure: no I/O; the caller passes what the store knows (page names, column names).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from syndicate.errors import SyndicateError
from syndicate.model import Article
from syndicate.script import SCRIPTS

FREQUENCIES = ("issue", "weekly")
CONTENTS = ("full", "summary")


class PrefsError(SyndicateError):
    """A preference that cannot be stored, with the reason and the choices."""


@dataclass(frozen=True)
class Prefs:
    frequency: str = "issue"
    weekday: int | None = None
    send_time: str | None = None
    paused_until: date | None = None
    pages: tuple[int, ...] = ()
    columns: tuple[str, ...] = ()
    content: str | None = None
    script: str = "hans"

    def as_json(self) -> dict[str, Any]:
        """JSON-ready (``subscribers list --json``, the history table)."""
        out = asdict(self)
        out["pages"], out["columns"] = list(self.pages), list(self.columns)
        out["paused_until"] = self.paused_until.isoformat() if self.paused_until else None
        return out


DEFAULT = Prefs()


@dataclass(frozen=True)
class Variant:
    """What one rendering of an issue depends on."""

    content: str
    script: str
    pages: tuple[int, ...] = ()
    columns: tuple[str, ...] = ()

    def wants(self, article: Article) -> bool:
        if not self.pages and not self.columns:
            return True
        return article.page in self.pages or (article.column or "") in self.columns


def variant_of(p: Prefs, *, full_text: bool) -> Variant:
    content = p.content or ("full" if full_text else "summary")
    return Variant(content, p.script, p.pages, p.columns)


def select_stories(stories: Sequence[tuple[str, Article]], v: Variant) -> list[tuple[str, Article]]:
    """The (key, article) pairs a reader of ``v`` gets, in page order."""
    return [(k, a) for k, a in stories if v.wants(a)]


def _one_of(value: str, choices: Sequence[str], what: str) -> str:
    if value not in choices:
        raise PrefsError(f"{what} '{value}' is not offered: use one of {', '.join(choices)}")
    return value


def check_prefs(p: Prefs) -> Prefs:
    """``p`` when every field is valid; ``PrefsError`` naming the first bad one."""
    _one_of(p.frequency, FREQUENCIES, "frequency")
    _one_of(p.script, SCRIPTS, "script")
    if p.content is not None:
        _one_of(p.content, CONTENTS, "content")
    if p.weekday is not None:
        parse_weekday(str(p.weekday))
    if p.send_time is not None:
        parse_time(p.send_time)
    if any(n < 1 for n in p.pages):
        raise PrefsError("pages: page numbers start at 1")
    return p


def parse_weekday(text: str) -> int:
    """``1`` (Monday) … ``7`` (Sunday)."""
    if not re.fullmatch(r"[1-7]", text.strip()):
        raise PrefsError(f"weekday '{text}' is out of range: use 1 (Monday) to 7 (Sunday)")
    return int(text)


def parse_time(text: str) -> str:
    """``HH:MM`` (24-hour, the paper's local time), normalised to two digits each."""
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise PrefsError(f"time '{text}' is not a time of day: use HH:MM, e.g. 07:30")
    return f"{int(m[1]):02d}:{m[2]}"


def _items(text: str) -> list[str]:
    return [t.strip() for t in re.split(r"[,，、]", text) if t.strip()]


def parse_pages(text: str, known: Mapping[str, int]) -> tuple[int, ...]:
    """``1,3`` or printed page names (``要闻``) -> page numbers; empty or ``all``: all pages.
    ``known`` maps every page number (as text) and name the paper has printed to its number."""
    if text.strip().lower() in ("", "all"):
        return ()
    out: list[int] = []
    for item in _items(text):
        number = known.get(item)
        if number is None:
            choices = ", ".join(sorted(known, key=_page_order)) or "none stored yet"
            raise PrefsError(f"page '{item}' is not a page of this paper (known: {choices})")
        out.append(number)
    return tuple(sorted(set(out)))


def _page_order(name: str) -> tuple[int, str]:
    return (int(name), "") if name.isdigit() else (10_000, name)


def parse_columns(text: str, known: Iterable[str]) -> tuple[str, ...]:
    """Column (栏目) names as printed; empty or ``all``: every column."""
    if text.strip().lower() in ("", "all"):
        return ()
    names = set(known)
    out: list[str] = []
    for item in _items(text):
        if item not in names:
            choices = "、".join(sorted(names)) or "none stored yet"
            raise PrefsError(f"column '{item}' is not a column of this paper (known: {choices})")
        out.append(item)
    return tuple(dict.fromkeys(out))


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as e:
        raise PrefsError(f"date '{text}' is not a date: use YYYY-MM-DD") from e


def from_json(data: Mapping[str, Any] | None) -> Prefs:
    """Prefs from a stored row or history entry (missing keys: the defaults)."""
    if not data:
        return DEFAULT
    paused = data.get("paused_until")
    return Prefs(
        frequency=data.get("frequency") or "issue",
        weekday=data.get("weekday"),
        send_time=data.get("send_time"),
        paused_until=date.fromisoformat(paused) if isinstance(paused, str) else paused,
        pages=tuple(int(n) for n in data.get("pages") or ()),
        columns=tuple(str(c) for c in data.get("columns") or ()),
        content=data.get("content"),
        script=data.get("script") or "hans",
    )


def changed(p: Prefs, **changes: Any) -> Prefs:
    """``p`` with the given fields replaced (None values are left out), checked."""
    return check_prefs(replace(p, **{k: v for k, v in changes.items() if v is not None}))


def subscribe_prefs(form: Mapping[str, Any]) -> Prefs:
    """The subscribe form's choices (frequency and script; blank: the defaults)."""
    frequency = str(form.get("frequency") or "issue").strip()
    script = str(form.get("script") or "hans").strip()
    return check_prefs(Prefs(frequency=frequency, script=script))
