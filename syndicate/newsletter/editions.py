"""Rendering once per variant, not per reader (issue 14, item 5).

An issue's readers differ only in a few ways (content × script × page/column choice), so
``Editions`` renders each combination the first time a reader with it is met and hands the
same ``Newsletter`` to every later one; a send to 100,000 readers renders a handful of times.
A variant that leaves a reader nothing (no story on their pages) is remembered as ``None``.
Thread-safe: the sender looks editions up from worker threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

import jinja2

from syndicate.model import Article, Issue
from syndicate.newsletter.preferences import Prefs, Variant, select_stories, variant_of
from syndicate.newsletter.render import Newsletter, NewsletterOptions, render_newsletter


class Editions:
    """Newsletters by variant, each rendered on first use."""

    def __init__(self, render: Callable[[Variant], Newsletter | None], *, full_text: bool):
        self._render = render
        self._full_text = full_text
        self._made: dict[Variant, Newsletter | None] = {}
        self._lock = threading.Lock()
        self.renders = 0

    def get(self, v: Variant) -> Newsletter | None:
        found = self._made.get(v, self)  # a plain dict read: no lock on the hot path
        if found is not self:
            return found  # type: ignore[return-value]
        with self._lock:
            if v not in self._made:
                self._made[v] = self._render(v)
                self.renders += 1
            return self._made[v]

    def for_prefs(self, p: Prefs) -> Newsletter | None:
        return self.get(variant_of(p, full_text=self._full_text))

    @property
    def default(self) -> Newsletter:
        """The paper's own edition (every page, as printed, the paper's default content)."""
        nl = self.for_prefs(Prefs())
        if nl is None:  # pragma: no cover - render_newsletter refuses an empty issue first
            raise ValueError("the issue has no stories")
        return nl


def issue_editions(
    env: jinja2.Environment,
    issue: Issue,
    stories: Sequence[tuple[str, Article]],
    options: NewsletterOptions,
    *,
    now: datetime,
) -> Editions:
    """The editions of one issue's newsletter; the default one is rendered at once, so a bad
    issue (no stories, unsafe text) fails before anything is claimed."""

    def render(v: Variant) -> Newsletter | None:
        chosen = select_stories(stories, v)
        if not chosen:
            return None
        o = replace(options, full_text=v.content == "full", script=v.script)
        return render_newsletter(env, issue, chosen, o, now=now)

    editions = Editions(render, full_text=options.full_text)
    editions.default  # noqa: B018 - render now: errors surface before the send starts
    return editions
