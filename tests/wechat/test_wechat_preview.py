"""digest.html in headless Chromium at 375 px: nothing overflows sideways, the cover decodes.

The page is loaded in a 375 px iframe (``tests/browser_support.py``); a probe script measures
every element and text run. A control page that does overflow proves the probe can fail.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from syndicate import assets
from syndicate.assets import default_cover
from syndicate.config import PaperConfig
from syndicate.parse import parse_bytes
from syndicate.wechat.render import (
    WeChatDigest,
    WeChatOptions,
    render_preview,
    render_wechat,
)
from tests.browser_support import measure_frames
from tests.conftest import ISSUES, SEED

WIDTH = 375
PROBE = """<script>
window.addEventListener("load", () => {
  let right = 0;
  for (const el of document.querySelectorAll("body *")) {
    right = Math.max(right, el.getBoundingClientRect().right);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  while (walker.nextNode()) {
    range.selectNodeContents(walker.currentNode);
    right = Math.max(right, range.getBoundingClientRect().right);
  }
  const img = document.querySelector("img");
  parent.postMessage(JSON.stringify({
    frame: "__FRAME__",
    inner: window.innerWidth,
    scroll: document.documentElement.scrollWidth,
    right: right,
    cover: img ? [img.naturalWidth, img.naturalHeight] : null,
  }), "*");
});
</script>"""


def measure(page: str, tmp: Path) -> dict[str, Any]:
    """Load ``page`` at 375 px in headless Chromium; the probe's figures."""
    (tmp / "cover.jpg").write_bytes(default_cover())
    return measure_frames({"probe": (page, WIDTH)}, PROBE, tmp)["probe"]


def digest_of(path: Path, full: int) -> WeChatDigest:
    issue = parse_bytes(path.read_bytes(), source=path.name)
    return render_wechat(
        issue, env=assets.environment("wechat"), base_url="https://news.example.cn",
        paper_config=PaperConfig(slug="jngx", name="济宁高新新闻"),
        options=WeChatOptions(full_articles=full),
    )  # fmt: skip


def fits(figures: dict[str, Any]) -> bool:
    return bool(figures["scroll"] <= WIDTH and figures["right"] <= WIDTH + 0.5)


@pytest.mark.slow
@pytest.mark.parametrize(
    "path",
    [SEED, ISSUES / "rmrb_2025-01-02_p01-02-03_PeopleDailyMaterial.txt"],
    ids=["seed", "rmrb"],
)
def test_the_preview_fits_a_phone(path: Path, tmp_path: Path) -> None:
    page = render_preview(
        digest_of(path, full=7), env=assets.environment("wechat"), cover="cover.jpg"
    )
    figures = measure(page, tmp_path)
    assert figures["inner"] == WIDTH
    assert fits(figures), figures
    assert figures["cover"] == [900, 383]  # the hand-built JPEG decodes


@pytest.mark.slow
def test_the_probe_sees_an_overflow(tmp_path: Path) -> None:
    digest = digest_of(SEED, full=0)
    wide = '<section style="width:600px"><p>太宽了</p></section>'
    bad = replace(digest, articles=(replace(digest.articles[0], content=wide),))
    figures = measure(render_preview(bad, env=assets.environment("wechat"), cover=None), tmp_path)
    assert figures["inner"] == WIDTH and not fits(figures), figures
