"""The seed's newsletter scores <= 0.0 under Debian's SpamAssassin, offline (``-L``).

.ci/run installs the ``spamassassin`` package; the rules ship with it, so nothing is fetched.
Both the out-of-the-box config (the README's run: 127.0.0.1 links, a .invalid sender) and a
production-like one are scored, each in lead and full-text form.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from syndicate import assets
from syndicate.config import PaperConfig, load_settings
from syndicate.newsletter.delivery import newsletter_options
from syndicate.newsletter.render import Recipient, render_newsletter
from syndicate.parse import parse_bytes
from tests.conftest import SEED
from tests.email_support import T0

READER = Recipient("reader@example.com", "张三", "WzEsImFiYyJd.c2lnbmF0dXJl")


def spam_score(message: bytes, home: Path) -> tuple[float, str]:
    exe = shutil.which("spamassassin")
    if exe is None:
        pytest.fail("spamassassin is not installed: apt-get install spamassassin (.ci/run does)")
    out = subprocess.run([exe, "-L", "-t"], input=message, capture_output=True, timeout=120,
                         env={"HOME": str(home), "PATH": "/usr/bin:/bin"}, check=False)  # fmt: skip
    report = out.stdout.decode("utf-8", "replace")
    m = re.search(r"Content analysis details:\s+\((-?\d+(?:\.\d+)?) points", report)
    assert m, f"no score in SpamAssassin's report:\n{report[-2000:]}\n{out.stderr.decode()}"
    return float(m.group(1)), report[report.find("Content analysis") :]


@pytest.mark.slow
@pytest.mark.parametrize("full_text", [False, True])
@pytest.mark.parametrize("production", [False, True])
def test_the_seed_newsletter_is_not_spam(full_text: bool, production: bool, tmp_path: Path) -> None:
    settings = load_settings(None, {})
    if production:
        settings = replace(settings, base_url="https://news.example.org",
                           email_from="newsletter@news.example.org")  # fmt: skip
    options = replace(newsletter_options(settings, "jngx"), full_text=full_text)
    assert options.paper == PaperConfig(slug="jngx", name="济宁高新新闻")
    issue = parse_bytes(SEED.read_bytes(), source=SEED.name)
    stories = [(a.key, a) for a in issue.articles]
    nl = render_newsletter(assets.environment("email"), issue, stories, options, now=T0)
    score, report = spam_score(nl.message(READER), tmp_path)
    print(f"SpamAssassin (full_text={full_text}, production={production}): {score}\n{report}")
    assert score <= 0.0, report
