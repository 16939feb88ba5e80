"""The weekly digest (每周摘要, issue 14): a week's issues in one list message, grouped by day
and then by page, each story a linked headline with its lead.

``render_digest(env, week, days, options, now=…)`` renders ``templates/email/digest.html``
(CSS inlined) and ``digest.txt`` and assembles them like the newsletter (``render.assemble``:
the same headers, List-Id, one-click unsubscribe, the reader's script, the preference link).
**Budget:** the HTML must stay under Gmail's 102 KB clip. Over it, the later stories lose
their leads (half as many keep one each round, down to none) and the message says so with a
link to the web edition; if headlines alone are still too many, each day keeps its first
stories and links the rest.

Pure: no I/O; the caller passes the template environment, the issues and the time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import css_inline
import jinja2

from syndicate.errors import SyndicateError
from syndicate.feeds.ids import Site, archive_path, article_path, issue_path
from syndicate.model import Article, Issue
from syndicate.newsletter.headers import check_text
from syndicate.newsletter.render import (
    GMAIL_CLIP_BYTES,
    PREFS_SLOT,
    UNSUBSCRIBE_SLOT,
    Newsletter,
    NewsletterOptions,
    assemble,
)
from syndicate.script import HANS, LANGUAGE, convert
from syndicate.summary import summarize

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")


class WeekError(SyndicateError):
    """A week key that is not ``SLUG/YYYY-Www``."""


@dataclass(frozen=True)
class Week:
    """An ISO week (Monday to Sunday) of one paper: ``jngx/2022-W12``."""

    slug: str
    year: int
    number: int

    @property
    def key(self) -> str:
        return f"{self.slug}/{self.year}-W{self.number:02d}"

    @property
    def first(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def last(self) -> date:
        return self.first + timedelta(days=6)

    @classmethod
    def of(cls, slug: str, day: date) -> Week:
        year, number, _ = day.isocalendar()
        return cls(slug, year, number)


def parse_week(key: str) -> Week:
    """``SLUG/YYYY-Www`` -> ``Week``; ``WeekError`` with the expected form."""
    slug, _, rest = key.partition("/")
    m = _WEEK.fullmatch(rest)
    if not slug or not m:
        raise WeekError(f"'{key}' is not a week: use SLUG/YYYY-Www, e.g. jngx/2022-W12")
    try:
        date.fromisocalendar(int(m[1]), int(m[2]), 1)
    except ValueError as e:
        raise WeekError(f"'{key}': {m[1]} has no week {int(m[2])}") from e
    return Week(slug, int(m[1]), int(m[2]))


@dataclass(frozen=True)
class Day:
    """One issue of the week and the stories a reader gets from it, in page order."""

    issue: Issue
    stories: tuple[tuple[str, Article], ...]


def subject_line(paper: str, week: Week) -> str:
    """``{paper}｜每周摘要 3月21日—3月27日``."""
    a, b = week.first, week.last
    return f"{paper}｜每周摘要 {a.month}月{a.day}日—{b.month}月{b.day}日"


def render_digest(
    env: jinja2.Environment,
    week: Week,
    days: Sequence[Day],
    options: NewsletterOptions,
    *,
    now: datetime,
) -> Newsletter | None:
    """The digest for one variant of readers; None when the week has nothing for them."""
    days = [d for d in days if d.stories]
    if not days:
        return None
    subject = check_text(convert(subject_line(options.paper.name, week), options.script), "Subject")
    total = sum(len(d.stories) for d in days)
    leads, per_day = total, max(len(d.stories) for d in days)
    while True:
        context = _context(week, days, options, subject, leads, per_day)
        html = css_inline.inline(env.get_template("digest.html").render(context))
        over = len(convert(html, options.script).encode("utf-8")) >= GMAIL_CLIP_BYTES - 2048
        if not over or (leads == 0 and per_day == 1):
            break
        if leads > 0:
            leads //= 2
        else:
            per_day = max(1, per_day // 2)
    text = env.get_template("digest.txt").render(context)
    return assemble(options, week.key, subject, html, text, now=now)


def _context(
    week: Week,
    days: Sequence[Day],
    o: NewsletterOptions,
    subject: str,
    leads: int,
    per_day: int,
) -> dict[str, Any]:
    site = Site(o.base_url, o.paper)
    out_days, n = [], 0
    for d in days:
        names = {p.number: p.name for p in d.issue.pages}
        pages: list[dict[str, Any]] = []
        for key, a in d.stories[:per_day]:
            label = f"第{a.page}版" + (f" · {names[a.page]}" if names.get(a.page) else "")
            if not pages or pages[-1]["label"] != label:
                pages.append({"label": label, "stories": []})
            lead = summarize(a, low=60, high=120) if n < leads else ""
            url = site.url(article_path(o.slug, d.issue.date, key))
            pages[-1]["stories"].append({"title": a.title, "url": url, "lead": lead})
            n += 1
        day = d.issue.date
        out_days.append({
            "label": f"{day.month}月{day.day}日 {WEEKDAYS[day.weekday()]}",
            "url": site.url(issue_path(o.slug, day)),
            "pages": pages,
            "more": max(0, len(d.stories) - per_day),
        })  # fmt: skip
    return {
        "subject": subject,
        "language": o.paper.language if o.script == HANS else LANGUAGE[o.script],
        "paper": o.paper.name,
        "week": f"{week.first.month}月{week.first.day}日—{week.last.month}月{week.last.day}日",
        "days": out_days,
        "trimmed": n > leads or any(d["more"] for d in out_days),
        "archive_url": site.url(archive_path(o.slug)),
        "unsubscribe_url": UNSUBSCRIBE_SLOT,
        "prefs_url": PREFS_SLOT,
    }
