"""The newsletter's HTML in headless Chromium at 375 and 700 px, light and dark.

Measured, not pixel-compared: nothing wider than the viewport (no sideways scroll), the contents'
links land on anchors below it, text is at least 13 px (the leads 16), every visible text run has
a WCAG AA contrast (4.5:1) against the background it sits on in both colour schemes, and the
preheader is not shown. A control page with each fault proves the probe sees them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from syndicate import assets
from syndicate.newsletter.render import Newsletter, render_newsletter
from syndicate.parse import parse_bytes
from tests.browser_support import measure_frames
from tests.conftest import ISSUES
from tests.newsletter.test_render_newsletter import NOW, OPTIONS, render

RMRB = ISSUES / "rmrb_2025-01-02_p01-02-03_PeopleDailyMaterial.txt"
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
  return matchMedia("(prefers-color-scheme: dark)").matches ? [18, 18, 18] : [255, 255, 255];
};
window.addEventListener("load", () => {
  const inner = window.innerWidth;
  let right = 0, widest = 0, smallest = 999, contrast = 99, worst = "";
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    right = Math.max(right, r.right);
    widest = Math.max(widest, r.width);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    const hidden = el.tagName === "SCRIPT" || !el.getClientRects().length;
    if (!node.textContent.trim() || hidden) continue;
    range.selectNodeContents(node);
    right = Math.max(right, range.getBoundingClientRect().right);
    const style = getComputedStyle(el);
    smallest = Math.min(smallest, parseFloat(style.fontSize));
    const [a, b] = [lum(rgb(style.color)), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < contrast) { contrast = ratio; worst = node.textContent.trim().slice(0, 12); }
  }
  const toc = document.getElementById("toc");
  const below = toc ? toc.getBoundingClientRect().bottom : 0;
  const links = [...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute("href"));
  const tocLinks = toc ? [...toc.querySelectorAll('a[href^="#"]')] : [];
  const lead = document.querySelector(".lead");
  const pre = document.querySelector(".preheader");
  parent.postMessage(JSON.stringify({
    frame: "__FRAME__",
    inner, scroll: document.documentElement.scrollWidth, right, widest, smallest, contrast, worst,
    toc_links: tocLinks.length,
    broken: links.filter((h) => !document.getElementById(h.slice(1))),
    above_toc: tocLinks.map((a) => a.getAttribute("href"))
      .filter((h) => !(document.getElementById(h.slice(1))?.getBoundingClientRect().top >= below)),
    dark: matchMedia("(prefers-color-scheme: dark)").matches,
    paper: lum(background(document.querySelector(".story"))),
    column: document.querySelector(".wrap")?.getBoundingClientRect().width,
    lead: lead ? parseFloat(getComputedStyle(lead).fontSize) : 0,
    preheader_shown: pre ? pre.getClientRects().length > 0 : null,
  }), "*");
});
</script>"""


def rmrb() -> Newsletter:
    issue = parse_bytes(RMRB.read_bytes(), source=RMRB.name)
    stories = [(a.key, a) for a in issue.articles]
    return render_newsletter(assets.environment("email"), issue, stories, OPTIONS, now=NOW)


def problems(f: dict[str, Any]) -> list[str]:
    """What is wrong with one frame's figures (empty: it reads well)."""
    checks = {
        "sideways scroll": f["scroll"] <= f["inner"],
        "text or box past the right edge": f["right"] <= f["inner"] + 0.5,
        "an element wider than the viewport": f["widest"] <= f["inner"] + 0.5,
        "no contents": f["toc_links"] >= 2,
        "a link to a missing anchor": not f["broken"],
        "a contents link not below the contents": not f["above_toc"],
        "text under 13 px": f["smallest"] >= 13,
        "leads under 16 px": f["lead"] >= 16,
        f"contrast {f['contrast']:.2f} under 4.5 ({f['worst']})": f["contrast"] >= 4.5,
        "the preheader shows": f["preheader_shown"] is False,
    }
    return [name for name, ok in checks.items() if not ok]


@pytest.mark.slow
def test_the_newsletter_reads_on_a_phone_and_a_desktop_in_light_and_dark(tmp_path: Path) -> None:
    full = render(options=replace(OPTIONS, full_text=True)).html
    pages = {
        "seed375": (full, 375),
        "seed700": (full, 700),
        "rmrb375": (rmrb().html, 375),
    }
    for scheme, flags in (("light", ()), ("dark", ("--force-dark-mode",))):
        (tmp_path / scheme).mkdir()
        figures = measure_frames(pages, PROBE, tmp_path / scheme, *flags)
        for name, f in figures.items():
            assert f["inner"] == pages[name][1], f
            assert problems(f) == [], (scheme, name, f)
            # the dark block takes over where the client honours it (Apple Mail, iOS Mail)
            assert f["dark"] == (scheme == "dark") and (f["paper"] < 0.05) == f["dark"], f
        assert figures["seed375"]["toc_links"] == 3 + 9  # 3 pages, 9 stories
        assert figures["seed700"]["column"] == 640  # the column stays at its reading width


@pytest.mark.slow
def test_the_probe_sees_each_fault(tmp_path: Path) -> None:
    html = render().html
    faults = (
        '<table width="900"><tr><td>太宽了</td></tr></table>'
        '<p style="font-size:9px;color:#dddddd">小而淡</p><a href="#nowhere">断链</a>'
    )
    bad = html.replace('<td class="footer"', f'<td>{faults}</td></tr><tr><td class="footer"', 1)
    bad = bad.replace('id="s-p3-2"', "").replace('style="display: none;', 'style="', 1)
    figures = measure_frames({"bad": (bad, 375)}, PROBE, tmp_path)["bad"]
    assert problems(figures) == [
        "sideways scroll",
        "text or box past the right edge",
        "an element wider than the viewport",
        "a link to a missing anchor",
        "a contents link not below the contents",
        "text under 13 px",
        f"contrast {figures['contrast']:.2f} under 4.5 ({figures['worst']})",
        "the preheader shows",
    ], figures
    assert figures["broken"] == ["#s-p3-2", "#nowhere"]
