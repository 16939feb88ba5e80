"""Rendering once per variant (issue 14, item 5), and what a variant changes: stories by page
or column, full text or leads, 简体 or 繁體 (never the List-Id or the addresses)."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime

from syndicate import assets
from syndicate.config import load_settings
from syndicate.newsletter.delivery import newsletter_options
from syndicate.newsletter.editions import Editions, issue_editions
from syndicate.newsletter.preferences import Prefs
from syndicate.newsletter.render import Recipient
from syndicate.parse import parse_bytes
from tests.conftest import SEED
from tests.email_support import email_settings

NOW = datetime(2022, 3, 24, 23, 0, tzinfo=UTC)
READER = Recipient("reader@example.com", "读者", "tok", "ptok")


def editions() -> Editions:
    issue = parse_bytes(SEED.read_bytes(), source=SEED.name)
    stories = [(f"p{a.page}-{a.seq}", a) for a in issue.articles]
    options = newsletter_options(email_settings(load_settings(None, {})), "jngx")
    return issue_editions(assets.environment("email"), issue, stories, options, now=NOW)


def test_each_variant_is_rendered_once_and_shared() -> None:
    e = editions()
    assert e.renders == 1  # the paper's own edition, at once
    tw = Prefs(script="hant-tw", pages=(1,))
    first = e.for_prefs(tw)
    for _ in range(100):
        assert e.for_prefs(tw) is first
        assert e.for_prefs(Prefs()) is e.default
    assert e.for_prefs(Prefs(content="summary")) is e.default  # the same variant, spelled out
    assert e.renders == 2
    assert e.for_prefs(Prefs(pages=(9,))) is None  # nothing on that page: nothing to send


def test_a_variant_changes_stories_content_and_script_not_the_list_identity() -> None:
    e = editions()
    column = e.for_prefs(Prefs(columns=("奋进新征程 建功新时代",), content="full"))
    assert column is not None
    assert "强化绿色引领" in column.text and "推进园林绿化工作" not in column.text  # page 3 only
    assert len(column.text) > 1000  # whole stories
    hk = e.for_prefs(Prefs(script="hant-hk"))
    assert hk is not None
    msg = email.message_from_bytes(hk.message(READER), policy=email.policy.default)
    assert str(msg["Subject"]).startswith("濟寧高新新聞｜3月25日 第627期：")
    assert str(msg["List-Id"]) == "济宁高新新闻 <jngx.example.org>"
    assert str(msg["From"]) == "济宁高新新闻 <newsletter@example.org>"
    text = msg.get_body(("plain",))
    assert text is not None and "https://news.example.org/p/ptok" in text.get_content()
