"""XSS through article text (issue 8), checked on all four channels at once: the Atom feeds,
the web edition pages, the email HTML and the WeChat HTML.

A stored issue gets script, event-handler, ``javascript:`` URL, CDATA-break, entity and
template payloads in every piece of article text (titles, kickers, subtitles, columns, bylines,
captions, paragraphs, page names), through the store as an ingest would put them. Each channel
renders it with the production code. The output must carry the payload as text (it got
there) and must have exactly the markup the same issue with harmless text gets: no element,
no attribute, no URL scheme more. The comparison with the harmless twin makes the check
independent of the templates: whatever markup they emit, the payload added none.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import Engine

from syndicate import assets
from syndicate.config import Settings, load_settings
from syndicate.feeds.publish import publish_issue
from syndicate.model import Issue, Page
from syndicate.newsletter.delivery import load_newsletter
from syndicate.parse import parse_issue
from syndicate.store.catalog import load_issue
from syndicate.store.engine import open_engine, upgrade
from syndicate.store.ingest import store_issue
from syndicate.wechat.push import render_stored
from syndicate.wechat.render import render_preview
from tests.conftest import SEED

NOW = datetime(2022, 3, 25, 1, 0, tzinfo=UTC)
KEY = "jngx/2022-03-25"
MARK = "alert(8)"
PAYLOADS = (
    f"<script>{MARK}</script>",
    f"<img src=x onerror={MARK}>",
    f'"><svg onload={MARK}>',
    f"javascript:{MARK}",
    f'<a href="javascript:{MARK}">点我</a>',
    f"</title><script>{MARK}</script>",
    f"]]><script>{MARK}</script><![CDATA[",
    f"&lt;script&gt;{MARK}&lt;/script&gt;",
    f"<iframe src=//evil.example/{MARK}></iframe>",
    f"<style>body{{display:none}}</style>{MARK}",
    f"{{{{ {MARK} }}}}{{% raw %}}",
    f"<!-- {MARK} --><base href=//evil.example/>",
)
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href"}


@dataclass
class Markup:
    """What a browser would build from an HTML text: elements, attributes, URLs, text."""

    tags: Counter[str] = field(default_factory=Counter)
    attrs: dict[str, set[str]] = field(default_factory=dict)
    urls: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def add(self, html: str) -> Markup:
        parser = _Collector(self)
        parser.feed(html)
        parser.close()
        return self


class _Collector(HTMLParser):
    def __init__(self, into: Markup) -> None:
        super().__init__(convert_charrefs=True)
        self.into = into

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.into.tags[tag] += 1
        self.into.attrs.setdefault(tag, set()).update(name for name, _ in attrs)
        self.into.urls += [v or "" for name, v in attrs if name in URL_ATTRS]

    def handle_data(self, data: str) -> None:
        self.into.text.append(data)


def laced(issue: Issue, texts: Sequence[str]) -> Issue:
    """``issue`` with one of ``texts`` (in turn) added to every piece of article text."""
    more: Iterator[str] = itertools.cycle(texts)
    articles = []
    for a in issue.articles:
        articles.append(replace(
            a,
            title=f"{a.title}{next(more)}",
            kicker=f"{a.kicker or ''}{next(more)}",
            subtitle=f"{a.subtitle or ''}{next(more)}",
            column=f"{a.column or '专栏'}{next(more)}",
            bylines=tuple(replace(b, name=f"{b.name}{next(more)}",
                                  printed=f"{b.printed}{next(more)}") for b in a.bylines),
            captions=(*a.captions, next(more)),
            paragraphs=tuple(f"{p}{next(more)}" for p in a.paragraphs),
        ))  # fmt: skip
    pages = tuple(Page(p.number, f"{p.name or '版'}{next(more)}") for p in issue.pages)
    return replace(issue, articles=tuple(articles), pages=pages)


def stored(tmp: Path, settings: Settings, issue: Issue) -> Engine:
    db = open_engine(f"sqlite:///{tmp / 'syndicate.db'}")
    upgrade(db)
    with db.begin() as conn:
        store_issue(conn, settings.paper(None), issue, text=SEED.read_text(encoding="utf-8"),
                    sha="x" * 64, source=SEED.name, now=NOW)  # fmt: skip
    return db


def feeds(db: Engine, settings: Settings) -> Markup:
    """The HTML inside every Atom document the issue publishes (each must be well formed)."""
    publish_issue(db, settings, "jngx", NOW.date(), ping=False)
    out = Markup()
    for path in sorted((settings.public_dir / "jngx" / "feeds").rglob("*.xml")):
        for el in ET.fromstring(path.read_bytes()).iter():
            if el.get("type") in ("html", "xhtml"):
                out.add(el.text or "")
            else:
                out.text.append(el.text or "")
    return out


def pages(db: Engine, settings: Settings) -> Markup:
    publish_issue(db, settings, "jngx", NOW.date(), ping=False)
    out = Markup()
    for path in sorted(settings.public_dir.rglob("*.html")):
        out.add(path.read_text(encoding="utf-8"))
    return out


def email(db: Engine, settings: Settings) -> Markup:
    return Markup().add(load_newsletter(db, settings, KEY, NOW).html)


def wechat(db: Engine, settings: Settings) -> Markup:
    issue = load_issue(db, KEY)
    assert issue is not None
    digest = render_stored(issue, settings)
    out = Markup()
    for a in digest.articles:
        out.add(a.content)
        out.text += [a.title, a.digest]
    return out.add(render_preview(digest, env=assets.environment("wechat"), cover=None))


CHANNELS: dict[str, Callable[[Engine, Settings], Markup]] = {
    "feeds": feeds,
    "pages": pages,
    "email": email,
    "wechat": wechat,
}


def render(tmp: Path, settings: Settings, texts: Sequence[str], channel: str) -> Markup:
    tmp.mkdir()
    settings = replace(settings, data_dir=tmp / "var", wechat_full_articles=3)
    issue = laced(parse_issue(SEED.read_text(encoding="utf-8"), source=SEED.name), texts)
    db = stored(tmp, settings, issue)
    try:
        return CHANNELS[channel](db, settings)
    finally:
        db.dispose()


@pytest.mark.parametrize("channel", CHANNELS)
def test_payloads_in_article_text_come_out_as_text_on_every_channel(
    channel: str, tmp_path: Path
) -> None:
    settings = load_settings(None, {"SYNDICATE_BASE_URL": "https://news.example.org"})
    harmless = [f"平安文字{i}" for i in range(len(PAYLOADS))]
    twin = render(tmp_path / "harmless", settings, harmless, channel)
    got = render(tmp_path / "hostile", settings, PAYLOADS, channel)

    assert MARK in "".join(got.text), "the payloads never reached this channel"
    assert got.tags == twin.tags  # not one element more (no script, img, svg, iframe, base)
    for tag, names in got.attrs.items():
        assert names <= twin.attrs.get(tag, set()), (tag, names)  # no onerror, no onload
    assert not [u for u in got.urls if u.strip().lower().startswith(("javascript:", "data:"))]
    assert len(got.urls) == len(twin.urls)
