"""Pages measured in headless Chromium (the Debian ``chromium`` executable) at phone widths.

Chromium's headless window is at least 500 px wide, so each page is loaded in an iframe of the
width under test (a real viewport of that width). The page carries a probe script that measures
what it needs and posts the figures (JSON) to the parent harness, which writes each message into
a ``<pre>`` that ``--dump-dom`` prints. Several frames load in one browser run.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

HARNESS = """<!DOCTYPE html><html><body style="margin:0">
<script>
window.addEventListener("message", (e) => {{
  const pre = document.createElement("pre");
  pre.className = "probe";
  pre.textContent = e.data;
  document.body.appendChild(pre);
}});
</script>
{frames}
</body></html>"""  # the listener first: a quick frame may post before the page is parsed
FRAME = '<iframe src="{src}" style="display:block;border:0;width:{width}px;height:4000px"></iframe>'


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    pytest.fail("Chromium is required: apt-get install chromium (.ci/run installs it)")


def measure_frames(
    pages: dict[str, tuple[str, int]], probe: str, tmp: Path, *flags: str
) -> dict[str, dict[str, Any]]:
    """Load each ``name: (html, width)`` with ``probe`` (a ``<script>`` that posts a JSON
    object) before ``</body>``; the figures each frame posted, by name (the probe's object gets
    a ``frame`` key). ``flags``: extra Chromium switches (``--force-dark-mode``)."""
    frames = []
    for name, (page, width) in pages.items():
        tagged = probe.replace("__FRAME__", name)
        (tmp / f"{name}.html").write_text(page.replace("</body>", tagged + "</body>"), "utf-8")
        frames.append(FRAME.format(src=f"{name}.html", width=width))
    (tmp / "harness.html").write_text(HARNESS.format(frames="\n".join(frames)), "utf-8")
    cmd = [
        chromium(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", f"--user-data-dir={tmp / 'profile'}", "--window-size=800,800",
        "--virtual-time-budget=10000", *flags, "--dump-dom", (tmp / "harness.html").as_uri(),
    ]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    found = re.findall(r'<pre class="probe">(.*?)</pre>', done.stdout, re.S)
    figures = [json.loads(html.unescape(f)) for f in found]
    by_name: dict[str, dict[str, Any]] = {f["frame"]: f for f in figures}
    assert by_name.keys() == pages.keys(), (
        f"probe output for {sorted(by_name)} of {sorted(pages)} (exit {done.returncode}): "
        f"{done.stderr[-500:]}"
    )
    return by_name
