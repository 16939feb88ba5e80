"""A poem on the web edition's article page in headless Chromium, at 390 and 1280 px: each
stanza shows on its four lines, and the lines start flush with one another (a stanza has no
first-line indent, as a paragraph of prose has). Measured from the line boxes of the text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from syndicate.feeds import pages
from syndicate.feeds.edition import Edition
from syndicate.feeds.publish import web_environment
from tests.browser_support import measure_frames
from tests.feed_support import AT, SITE
from tests.verse_support import STANZAS, verse_issue

PROBE = """<script>
window.addEventListener("load", () => {
  const marks = __MARKS__;
  const paras = [...document.querySelectorAll("article p")];
  const stanzas = marks.map((mark) => {
    const p = paras.find((el) => el.textContent.includes(mark));
    if (!p) return null;
    const lefts = new Map();  // line top -> left edge of its text
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(walker.currentNode);
      for (const r of range.getClientRects()) {
        if (r.width < 1) continue;  // the collapsed newline after a <br>
        const top = Math.round(r.top);
        lefts.set(top, Math.min(lefts.get(top) ?? 1e9, Math.round(r.left)));
      }
    }
    return [...lefts.values()];
  });
  parent.postMessage(JSON.stringify({frame: "__FRAME__", stanzas}), "*");
});
</script>"""


@pytest.mark.slow
def test_each_stanza_of_a_poem_shows_on_its_four_lines(tmp_path: Path) -> None:
    e = Edition.fresh(verse_issue(), AT)
    html = pages.render_article_page(web_environment(), SITE, e, "p4-1")
    probe = PROBE.replace("__MARKS__", json.dumps([s[1] for s in STANZAS], ensure_ascii=False))
    found = measure_frames({"phone": (html, 390), "desktop": (html, 1280)}, probe, tmp_path)
    for frame, figures in found.items():
        for stanza, lefts in zip(STANZAS, figures["stanzas"], strict=True):
            assert lefts is not None, (frame, stanza)
            assert len(lefts) == len(stanza), (frame, stanza, lefts)
            assert len(set(lefts)) == 1, (frame, stanza, lefts)  # flush: no first-line indent
