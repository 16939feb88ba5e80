"""digest.html in headless Chromium at 375 px: nothing overflows sideways, the cover decodes.

Chromium's headless window is at least 500 px wide, so the page is loaded in a 375 px iframe
(a real 375 px viewport); a probe script measures every element and text run and posts the
figures to the parent, which ``--dump-dom`` prints. A control page that does overflow proves
the probe can fail.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
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
    inner: window.innerWidth,
    scroll: document.documentElement.scrollWidth,
    right: right,
    cover: img ? [img.naturalWidth, img.naturalHeight] : null,
  }), "*");
});
</script>"""
HARNESS = f"""<!DOCTYPE html><html><body style="margin:0">
<iframe src="probe.html" style="display:block;border:0;width:{WIDTH}px;height:4000px"></iframe>
<script>
window.addEventListener("message", (e) => {{
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = e.data;
  document.body.appendChild(pre);
}});
</script></body></html>"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    pytest.fail("Chromium is required: apt-get install chromium (.ci/run installs it)")


def measure(page: str, tmp: Path) -> dict[str, Any]:
    """Load ``page`` at 375 px in headless Chromium; the probe's figures."""
    (tmp / "cover.jpg").write_bytes(default_cover())
    (tmp / "probe.html").write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    (tmp / "harness.html").write_text(HARNESS, encoding="utf-8")
    cmd = [
        chromium(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", f"--user-data-dir={tmp / 'profile'}", "--window-size=800,800",
        "--virtual-time-budget=10000", "--dump-dom", (tmp / "harness.html").as_uri(),
    ]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    found = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, re.S)
    assert found, f"no probe output (exit {done.returncode}): {done.stderr[-500:]}"
    figures: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return figures


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
