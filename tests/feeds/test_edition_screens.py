"""The published web edition in headless Chromium at 1280 and 390 px, light and dark, and every
link in it followed through the real web app.

Measured, not pixel-compared. At 1280 px the edition uses the screen: the page rail and the
stories sit side by side and the main column is wider than 60% of the viewport. At 390 px it is
one column (the rail above an issue's stories, below an article), nothing is wider than the
viewport, and no text is smaller than 16 px. Every visible text run has WCAG AA contrast (4.5:1)
in both colour schemes. Every local link of every page, crawled from ``/``, answers 200 and
every ``#fragment`` names an element of its target. The search page (a route, not a file) is
measured with the rest.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag

import httpx
import pytest

from syndicate.config import Settings, load_settings
from syndicate.feeds.publish import publish_key
from syndicate.store.engine import ensure_schema
from syndicate.store.ingest import ingest_bytes
from syndicate.web import app as web
from tests.browser_support import measure_frames
from tests.feed_support import tags_of
from tests.feeds.test_publish import issue_text

DAYS = (date(2022, 3, 18), date(2022, 3, 25), date(2022, 4, 1))
T0 = datetime(2022, 3, 17, 22, 0, tzinfo=UTC)
PAPER = """
[[papers]]
slug = "jngx"
name = "济宁高新新闻"
variants = ["hant-tw"]
"""
PAGES = {
    "issue": "jngx/2022-03-25/index.html",
    "page": "jngx/2022-03-25/page/1/index.html",
    "article": "jngx/2022-03-25/p1-2.html",
    "year": "jngx/archive/2022/index.html",
    "feeds": "jngx/feeds/index.html",
}
PROBE = """<script>
const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
const lum = ([r, g, b]) => {
  const f = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const background = (el) => {
  for (; el; el = el.parentElement) {
    const c = rgb(getComputedStyle(el).backgroundColor);
    if (c.length === 3 || c[3] > 0) return c;
  }
  return [255, 255, 255];
};
const box = (sel) => {
  const el = document.querySelector(sel);
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width};
};
window.addEventListener("load", () => {
  let right = 0, smallest = 999, small = "", contrast = 99, worst = "";
  for (const el of document.querySelectorAll("body *")) {
    right = Math.max(right, el.getBoundingClientRect().right);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    const hidden = el.tagName === "SCRIPT" || !el.getClientRects().length;
    if (!node.textContent.trim() || hidden) continue;
    if (el.closest(".skip")) continue;  // off screen until focused
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    if (size < smallest) { smallest = size; small = node.textContent.trim().slice(0, 12); }
    const [a, b] = [lum(rgb(style.color)), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < contrast) { contrast = ratio; worst = node.textContent.trim().slice(0, 12); }
  }
  const links = [...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute("href"));
  parent.postMessage(JSON.stringify({
    frame: "__FRAME__",
    inner: window.innerWidth, scroll: document.documentElement.scrollWidth, right,
    smallest, small, contrast, worst,
    broken: links.filter((h) => !document.getElementById(h.slice(1))),
    rail: box("nav.rail"), main: box("main"), months: [...document.querySelectorAll("table.month")]
      .map((t) => t.getBoundingClientRect().top),
    paper: lum(background(document.body)),
  }), "*");
});
</script>"""


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Three weekly issues of the seed, ingested and published into a fresh data dir, with
    the 繁體 edition beside them."""
    tmp = tmp_path_factory.mktemp("edition")
    settings = load_settings(PAPER, {"SYNDICATE_DATA_DIR": str(tmp / "var")})
    engine = ensure_schema(settings)
    try:
        for i, day in enumerate(DAYS):
            text = issue_text(day, 626 + i).encode("utf-8")
            r = ingest_bytes(engine, settings, text, source="t.txt", now=T0 + timedelta(days=7 * i))
            publish_key(engine, settings, r.key)
        yield settings
    finally:
        engine.dispose()


def served(settings: Settings, path: str) -> str:
    """A page the web app makes (not a published file), e.g. the search results."""

    async def get() -> str:
        transport = httpx.ASGITransport(app=web.build_app(settings))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            r = await client.get(path)
            assert r.status_code == 200, path
            return r.text

    return asyncio.run(get())


def shots(settings: Settings, tmp: Path, *flags: str) -> dict[str, dict[str, Any]]:
    root = settings.public_dir
    html = {name: (root / path).read_text("utf-8") for name, path in PAGES.items()}
    html["search"] = served(settings, "/jngx/search?q=核酸")
    assert html["search"].count('<li><h3><a href="/jngx/') == 3 * len(DAYS)
    frames = {
        f"{name}-{width}": (page, width) for name, page in html.items() for width in (1280, 390)
    }
    return measure_frames(frames, PROBE, tmp, *flags)


def beside(a: dict[str, float], b: dict[str, float]) -> bool:
    """``a`` left of ``b`` with their vertical extents overlapping."""
    return a["right"] <= b["left"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.slow
def test_wide_screens_get_the_rail_beside_the_stories_phones_one_column(
    published: Settings, tmp_path: Path
) -> None:
    got = shots(published, tmp_path)
    for name in ("issue", "page", "article"):
        wide, phone = got[f"{name}-1280"], got[f"{name}-390"]
        assert beside(wide["rail"], wide["main"]), (name, wide["rail"], wide["main"])
        assert wide["main"]["width"] > 0.6 * wide["inner"], (name, wide["main"])
        # the phone keeps one column: the rail above the stories, below an article
        assert phone["rail"]["width"] == pytest.approx(phone["main"]["width"], abs=1), name
        if name == "article":
            assert phone["main"]["bottom"] <= phone["rail"]["top"], name
        else:
            assert phone["rail"]["bottom"] <= phone["main"]["top"], name
    year = got["year-1280"]["months"]
    assert len(year) == 2 and year[0] == pytest.approx(year[1]), "months side by side"
    phone_year = got["year-390"]["months"]
    assert phone_year[0] < phone_year[1], "months stacked on a phone"
    for frame, f in got.items():
        assert f["scroll"] <= f["inner"] and f["right"] <= f["inner"] + 0.5, (frame, f["right"])
        assert f["smallest"] >= 16, (frame, f["smallest"], f["small"])
        assert f["contrast"] >= 4.5, (frame, f["contrast"], f["worst"])
        assert f["broken"] == [], frame
        assert f["paper"] > 0.8, frame  # the light paper


@pytest.mark.slow
def test_dark_mode_keeps_the_contrast(published: Settings, tmp_path: Path) -> None:
    got = shots(published, tmp_path, "--force-dark-mode")
    for frame, f in got.items():
        assert f["paper"] < 0.05, frame
        assert f["contrast"] >= 4.5, (frame, f["contrast"], f["worst"])


async def test_every_link_of_the_edition_resolves(published: Settings) -> None:
    """Crawl from ``/``: each local page answers 200, each fragment names an element."""
    transport = httpx.ASGITransport(app=web.build_app(published))
    seen: dict[str, str] = {}
    fragments: set[tuple[str, str]] = set()
    todo = ["/"]
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        while todo:
            path = todo.pop()
            r = await client.get(path)
            assert r.status_code == 200, (path, r.status_code)
            seen[path] = r.text if r.headers["content-type"].startswith("text/html") else ""
            for tag, attrs in tags_of(seen[path]):
                link = dict(attrs).get("href") if tag == "a" else None
                if not link or not link.startswith(("/", "#")):
                    continue
                target, fragment = urldefrag(link)
                target = target or path
                if fragment:
                    fragments.add((target, fragment))
                if target not in seen and target not in todo:
                    todo.append(target)
    tw = {f"/jngx/hant-tw/{d}/page/{n}/" for d in DAYS for n in (1, 2, 3)}
    assert tw <= seen.keys() and "/jngx/hant-tw/archive/2022/" in seen
    assert {p for p in seen if "/page/" in p} >= {
        f"/jngx/{d}/page/{n}/" for d in DAYS for n in (1, 2, 3)
    }
    assert {"/jngx/archive/2022/", "/jngx/subscribe", "/jngx/feeds/", "/jngx/search"} <= seen.keys()
    assert ("/jngx/archive/2022/", "m3") in fragments  # the issues' 往期日历 links
    for target, fragment in fragments:
        ids = {dict(a).get("id") for _, a in tags_of(seen[target])}
        assert unquote(fragment) in ids or fragment in ids, (target, fragment)
