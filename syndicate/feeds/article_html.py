"""An article (and an issue's table of contents) as HTML for feed entries.

Every piece of source text is escaped first; the result then goes through nh3 with an
allow-list of exactly the tags emitted here, so no markup from the source (a ``<script>`` or an
``onerror=`` in the e-paper text) can survive, whatever the parser let through.

Shape of an article (the parser splits the dateline and byline off the first paragraph;
they are put back in front of it, as the paper prints them)::

    <p><small>引题</small></p>
    <p><strong>副题</strong></p>
    <p><strong>本报济宁讯</strong>（记者 胡碧源）2022年，济宁高新区……</p>
    <p>…</p>
    <p>春风吹过田野<br>
    吹醒了沉睡的小河</p>
    <p><em>图片说明</em></p>
    <p><small>实习生 王一　闫庆收摄</small></p>

A stanza (a paragraph whose lines are joined by "\n") keeps its lines apart with ``<br>``; the
summary that stands in for a big entry runs them on one line, joined by ``／``
(``syndicate.verse``). Pure: no I/O.
"""

from __future__ import annotations

from html import escape

import nh3

from syndicate.feeds.edition import Edition
from syndicate.feeds.ids import Site, article_path
from syndicate.model import Article
from syndicate.verse import lines_html, one_line

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "small", "h3", "ul", "li", "a", "blockquote"})
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={"a": {"href"}},
    url_schemes={"http", "https"},
    link_rel=None,
)
#: Characters kept from the first paragraph when an entry must shrink to a summary.
SUMMARY_CHARS = 200


def sanitize(html: str) -> str:
    """Only the tags this module emits; everything else is dropped."""
    return _CLEANER.clean(html)


def byline_text(article: Article) -> str | None:
    """The byline as printed in brackets after the dateline: ``记者 刘菲 通讯员 潘萌``."""
    groups: list[str] = []
    reporters = [b.name for b in article.bylines if b.role == "reporter"]
    if reporters:
        groups.append("记者 " + " ".join(reporters))
    groups += [b.name for b in article.bylines if b.role == "author"]
    groups += [b.printed for b in article.bylines if b.role == "commentator"]
    if article.correspondents:
        groups.append("通讯员 " + " ".join(article.correspondents))
    return " ".join(groups) or None


def lead_html(article: Article) -> str:
    """Dateline and byline, escaped, as they go in front of the first paragraph."""
    out = ""
    if article.dateline:
        out += f"<strong>{escape(article.dateline)}</strong>"
    if byline := byline_text(article):
        out += f"（{escape(byline)}）"
    return out


def article_html(article: Article) -> str:
    """The whole article (see the module docstring), sanitised."""
    parts: list[str] = []
    if article.kicker:
        parts.append(f"<p><small>{escape(article.kicker)}</small></p>")
    if article.subtitle:
        parts.append(f"<p><strong>{escape(article.subtitle)}</strong></p>")
    if box := article.lead_box:
        inner = "".join(f"<p>{escape(line)}</p>" for line in box)
        parts.append(f"<blockquote>{inner}</blockquote>")
    lead = lead_html(article)
    for i, (text, subhead) in enumerate(article.body or (("", False),)):
        if subhead:
            parts.append(f"<h3>{escape(text)}</h3>")
        elif body := (lead if i == 0 else "") + str(lines_html(text)):
            parts.append(f"<p>{body}</p>")
    parts += [f"<p><em>{escape(c)}</em></p>" for c in article.captions]
    if article.credits:
        parts.append(f"<p><small>{escape('　'.join(article.credits))}</small></p>")
    return sanitize("\n".join(parts))


def summary_html(site: Site, article: Article, url: str) -> str:
    """A short stand-in for an article too big for its feed: the opening and a link."""
    text = one_line(next((p for p in article.paragraphs if p.strip()), article.title))
    if len(text) > SUMMARY_CHARS:
        text = text[:SUMMARY_CHARS] + "……"
    lead = lead_html(article)
    more = f'<p><a href="{escape(url)}">阅读全文</a></p>'
    return sanitize(f"<p>{lead}{escape(text)}</p>\n{more}")


def toc_html(site: Site, edition: Edition) -> str:
    """The issue's table of contents: each page with its articles, linked, sanitised."""
    parts: list[str] = []
    numbers = [p.number for p in edition.issue.pages] or sorted(
        {a.page for a in edition.issue.articles}
    )
    for number in numbers:
        items = [s for s in edition.stories() if s.article.page == number]
        if not items:
            continue
        name = edition.page_name(number)
        heading = f"第{number}版" + (f"：{name}" if name else "")
        parts.append(f"<h3>{escape(heading)}</h3>")
        parts.append("<ul>")
        for story in items:
            a = story.article
            url = site.url(article_path(site.slug, edition.date, story.key))
            who = "、".join(a.reporters)
            tail = f" <small>{escape(who)}</small>" if who else ""
            parts.append(f'<li><a href="{escape(url)}">{escape(a.title)}</a>{tail}</li>')
        parts.append("</ul>")
    return sanitize("\n".join(parts))
