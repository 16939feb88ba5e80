"""Finding your way: the page (版面) rail, page views, previous/next issue, the calendar, and the
sign-up and 订阅 links on every page. Pure: rendered from the seed, parsed back."""

from __future__ import annotations

import dataclasses
from datetime import date

import jinja2
import pytest

from syndicate.feeds import navigation, pages
from syndicate.feeds.edition import Edition
from syndicate.feeds.publish import web_environment
from syndicate.model import Page
from tests.feed_support import AT, SITE, seed_edition, tags_of

DAY = "/jngx/2022-03-25"


@pytest.fixture
def env() -> jinja2.Environment:
    return web_environment()


def links(html: str, **attrs: str) -> list[dict[str, str | None]]:
    """Every ``<a>`` whose attributes include ``attrs`` (``aria_current`` for aria-current)."""
    want = {k.replace("_", "-"): v for k, v in attrs.items()}
    found = [dict(a) for t, a in tags_of(html) if t == "a"]
    return [a for a in found if all(a.get(k) == v for k, v in want.items())]


def hrefs(html: str) -> list[str | None]:
    return [a["href"] for a in links(html)]


def named(e: Edition) -> Edition:
    """The seed with printed page names and a tabloid code on page 3."""
    pages_ = (Page(1, "要闻"), Page(2, "综合"), Page(3, "专版", "A03"))
    return Edition.fresh(dataclasses.replace(e.issue, pages=pages_), AT)


def test_a_month_grid_starts_on_monday_and_links_the_issue_days() -> None:
    heads = [pages.IssueHead(date(2022, 3, d), "星期五", 600 + d, 9) for d in (18, 25)]
    (march,) = navigation.month_grids("jngx", heads)
    assert (march.year, march.month, march.issues, march.anchor) == (2022, 3, 2, "m3")
    # 1 March 2022 was a Tuesday: Monday's cell is empty; 31 days in 5 weeks.
    assert [d.day if d else None for d in march.weeks[0]] == [None, 1, 2, 3, 4, 5, 6]
    assert len(march.weeks) == 5 and all(len(w) == 7 for w in march.weeks)
    cells = [d for w in march.weeks for d in w if d is not None]
    assert [d.day for d in cells] == list(range(1, 32))
    linked = {d.day: (d.href, d.title) for d in cells if d.href}
    assert linked == {
        18: ("/jngx/2022-03-18/", "3月18日 总第618期，9篇"),
        25: ("/jngx/2022-03-25/", "3月25日 总第625期，9篇"),
    }
    assert march.weeks[3][4] is not None and march.weeks[3][4].day == 25  # a Friday


def test_month_grids_only_for_months_with_issues_newest_first() -> None:
    heads = [
        pages.IssueHead(date(2021, 12, 31), None, None, 3),
        pages.IssueHead(date(2022, 2, 1), None, None, 4),
        pages.IssueHead(date(2022, 2, 8), None, None, 5),
    ]
    grids = navigation.month_grids("jngx", heads)
    assert [(m.year, m.month, m.issues) for m in grids] == [(2022, 2, 2), (2021, 12, 1)]
    oldest = navigation.month_grids("jngx", heads, newest_first=False)
    assert [m.month for m in oldest] == [12, 2]
    cell = next(d for w in grids[1].weeks for d in w if d and d.href)
    assert cell.title == "12月31日 3篇"  # no serial printed, none invented


def test_the_rail_lists_every_page_with_its_view_and_count() -> None:
    rail = navigation.page_rail("jngx", named(seed_edition()), current=2)
    assert [(r.label, r.href, r.stories, r.current) for r in rail] == [
        ("第1版 要闻", f"{DAY}/page/1/", 5, False),
        ("第2版 综合", f"{DAY}/page/2/", 2, True),
        ("A03版 专版", f"{DAY}/page/3/", 2, False),
    ]


def test_issue_page_rail_beside_the_stories_and_neighbour_issues(
    env: jinja2.Environment,
) -> None:
    e = seed_edition()
    html = pages.render_issue_page(env, SITE, e, prev=date(2022, 3, 18), next=date(2022, 4, 1))
    rail = html[html.index('<nav class="rail"') : html.index('<main id="content">')]
    assert [h for h in hrefs(rail) if "/page/" in (h or "")] == [
        f"{DAY}/page/{n}/" for n in (1, 2, 3)
    ]
    assert "/jngx/archive/2022/#m3" in hrefs(rail)  # the calendar at this issue's month
    assert links(html, rel="prev", href="/jngx/2022-03-18/")
    assert links(html, rel="next", href="/jngx/2022-04-01/")
    assert not links(html, aria_current="page")  # the whole issue: no page is "current"


def test_a_page_view_shows_its_stories_and_links_the_pages_either_side(
    env: jinja2.Environment,
) -> None:
    e = named(seed_edition())
    html = pages.render_page_view(env, SITE, e, 2)
    assert html.count('<section class="page"') == 1
    story_links = [h for h in hrefs(html) if h and h.startswith(f"{DAY}/p") and ".html" in h]
    assert story_links == [f"{DAY}/p2-1.html", f"{DAY}/p2-2.html"]
    assert links(html, aria_current="page", href=f"{DAY}/page/2/")
    assert links(html, rel="prev", href=f"{DAY}/page/1/")
    assert links(html, rel="next", href=f"{DAY}/page/3/")
    assert f'<link rel="canonical" href="{DAY}/page/2/">' in html
    assert "<title>第2版 综合 - 济宁高新新闻 2022年3月25日</title>" in html
    first = pages.render_page_view(env, SITE, e, 1)
    assert not links(first, rel="prev") and links(first, rel="next", href=f"{DAY}/page/2/")
    last = pages.render_page_view(env, SITE, e, 3)
    assert "A03版：专版" in last and not links(last, rel="next")


def test_article_page_links_its_page_its_neighbours_and_the_issues_either_side(
    env: jinja2.Environment,
) -> None:
    e = seed_edition()
    html = pages.render_article_page(
        env, SITE, e, "p2-2", prev_issue=date(2022, 3, 18), next_issue=None
    )
    current = links(html, aria_current="page")
    assert [a["href"] for a in current] == [f"{DAY}/page/2/", f"{DAY}/p2-2.html"]
    here = html[html.index('<ul class="here"') : html.index("</ul>", html.index("here"))]
    assert hrefs(here) == [f"{DAY}/p2-1.html", f"{DAY}/p2-2.html"]  # only its own page
    assert "/jngx/2022-03-18/" in hrefs(html)
    assert "下一期" not in html  # no next issue yet: no dead link
    both = pages.render_article_page(
        env, SITE, e, "p2-2", prev_issue=date(2022, 3, 18), next_issue=date(2022, 4, 1)
    )
    assert "/jngx/2022-04-01/" in hrefs(both)


def test_every_page_links_the_email_sign_up_and_the_feeds_page(env: jinja2.Environment) -> None:
    e = seed_edition()
    heads = [pages.IssueHead(e.date, e.issue.weekday, e.issue.serial, 9)]
    rendered = {
        "issue": pages.render_issue_page(env, SITE, e, prev=None, next=None),
        "page": pages.render_page_view(env, SITE, e, 1),
        "article": pages.render_article_page(env, SITE, e, "p1-1"),
        "archive": pages.render_archive_index(env, SITE, [(2022, 1)]),
        "year": pages.render_archive_year(env, SITE, 2022, heads),
    }
    for name, html in rendered.items():
        found = hrefs(html)
        assert "/jngx/subscribe" in found, name
        assert "/jngx/feeds/" in found, name
        assert not [h for h in found if h and h.endswith(".xml")], name  # 订阅 is not raw XML
        assert '<main id="content"' in html and 'href="#content"' in html, name
        assert "@font-face" not in html and "<script" not in html, name  # fast: nothing to fetch


def test_the_calendar_page_has_a_table_per_month_with_the_anchor_issues_link_to(
    env: jinja2.Environment,
) -> None:
    heads = [pages.IssueHead(date(2022, m, 4), None, 600 + m, 9) for m in (1, 3)]
    html = pages.render_archive_year(env, SITE, 2022, heads)
    assert [dict(a).get("id") for t, a in tags_of(html) if t == "table"] == ["m3", "m1"]
    assert html.count('<th scope="col"') == 14
    assert links(html, href="/jngx/2022-03-04/", title="3月4日 总第603期，9篇")
