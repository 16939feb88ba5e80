"""Finding your way around the web edition: the page (版面) rail, previous/next issue, and
the archive's calendar (a month grid per month, the days that have an issue linked).

The 数字报 convention the edition follows: beside the stories sits the list of the issue's
pages (第1版 要闻, 第2版 …), each a link to that page's own view (``ids.page_path``), the page
being read marked; an issue's pages and articles link to the issues before and after it; the
archive shows each month as a calendar, weeks starting on Monday (一 … 日) as Chinese
calendars print them.

Pure: plain values in, plain values out (what the templates iterate over); no I/O, no clock.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from syndicate.feeds.edition import Edition
from syndicate.feeds.ids import archive_year_path, href, issue_path, page_path

#: Column heads of a month grid, Monday first.
WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")


@dataclass(frozen=True)
class RailItem:
    """One page in the rail: ``label`` as printed (``第1版 要闻``, ``A02版 要闻``),
    ``stories`` its count."""

    number: int
    name: str | None
    href: str
    stories: int
    current: bool
    code: str | None = None

    @property
    def label(self) -> str:
        return page_label(self.number, self.code) + (f" {self.name}" if self.name else "")


def page_label(number: int, code: str | None = None) -> str:
    """A page as the paper numbers it: ``第1版``, or a tabloid's section code, ``A02版``."""
    return f"{code}版" if code else f"第{number}版"


@dataclass(frozen=True)
class Day:
    """One cell of a month grid; ``href`` and ``title`` only on a day with an issue."""

    day: int
    href: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Month:
    """A month grid: ``weeks`` of 7 cells, ``None`` outside the month; ``anchor`` its id."""

    year: int
    month: int
    weeks: tuple[tuple[Day | None, ...], ...]
    issues: int

    @property
    def anchor(self) -> str:
        return month_anchor(self.month)


class Listing(Protocol):
    """What a calendar cell says of an issue (``pages.IssueHead`` is one): its date, serial
    (总第N期) and article count."""

    @property
    def date(self) -> date: ...
    @property
    def serial(self) -> int | None: ...
    @property
    def articles(self) -> int: ...


def page_numbers(edition: Edition) -> list[int]:
    """The issue's pages in order: as its masthead lists them, else those its articles use."""
    issue = edition.issue
    return [p.number for p in issue.pages] or sorted({a.page for a in issue.articles})


def page_rail(slug: str, edition: Edition, current: int | None = None) -> list[RailItem]:
    """Every page of the issue, each linking to its page view; ``current`` marked."""
    counts: dict[int, int] = {}
    for a in edition.issue.articles:
        counts[a.page] = counts.get(a.page, 0) + 1
    codes = {p.number: p.code for p in edition.issue.pages}
    return [
        RailItem(
            n,
            edition.page_name(n),
            href(page_path(slug, edition.date, n)),
            counts.get(n, 0),
            n == current,
            codes.get(n),
        )
        for n in page_numbers(edition)
    ]


def issue_link(slug: str, day: date | None) -> str | None:
    """The href of the issue of ``day`` (``None`` when there is none)."""
    return href(issue_path(slug, day)) if day else None


def month_anchor(month: int) -> str:
    return f"m{month}"


def calendar_link(slug: str, day: date) -> str:
    """The href of ``day``'s month on its year's calendar page."""
    return href(archive_year_path(slug, day.year)) + "#" + month_anchor(day.month)


def month_grids(
    slug: str, listings: Iterable[Listing], *, newest_first: bool = True
) -> list[Month]:
    """One ``Month`` per month that has an issue, each day with an issue linked."""
    by_month: dict[tuple[int, int], dict[int, Listing]] = {}
    for item in listings:
        by_month.setdefault((item.date.year, item.date.month), {})[item.date.day] = item
    months = [month_grid(slug, y, m, days) for (y, m), days in by_month.items()]
    return sorted(months, key=lambda m: (m.year, m.month), reverse=newest_first)


def month_grid(slug: str, year: int, month: int, days: dict[int, Listing]) -> Month:
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdayscalendar(year, month)
    return Month(year, month, tuple(_week(slug, w, days) for w in weeks), len(days))


def _week(slug: str, week: Sequence[int], days: dict[int, Listing]) -> tuple[Day | None, ...]:
    return tuple(_cell(slug, d, days.get(d)) if d else None for d in week)


def _cell(slug: str, day: int, item: Listing | None) -> Day:
    if item is None:
        return Day(day)
    serial = f"总第{item.serial}期，" if item.serial else ""
    title = f"{item.date.month}月{item.date.day}日 {serial}{item.articles}篇"
    return Day(day, href(issue_path(slug, item.date)), title)
