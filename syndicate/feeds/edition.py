"""An issue as published: the parsed ``Issue`` plus the revision times the store keeps.

The feed and web renderers take these plain values, never a database row:

- ``Edition``: one issue of one paper, with each article's stable key (``keys``, parallel to
  ``issue.articles``; ``Article.key`` is only its position in the current revision), when each
  was last revised (``revised``, parallel too) and when the issue itself last changed.
- ``Story``: one article as the feeds carry it: the article, its stable key, its issue date,
  its page name and its revision time.
- ``Topic``: a page (版面), column (栏目) or reporter that has its own feed.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from syndicate.feeds.ids import topic_key
from syndicate.model import Article, Issue

TopicKind = Literal["page", "column", "reporter"]


@dataclass(frozen=True)
class Story:
    """An article as published."""

    date: date
    key: str
    article: Article
    page_name: str | None
    updated: datetime


@dataclass(frozen=True)
class Edition:
    """One stored issue; ``keys`` and ``revised`` run parallel to ``issue.articles``."""

    issue: Issue
    updated: datetime
    keys: tuple[str, ...]
    revised: tuple[datetime, ...]

    def __post_init__(self) -> None:
        n = len(self.issue.articles)
        if len(self.keys) != n or len(self.revised) != n:
            raise ValueError(f"edition {self.issue.date}: keys/revised do not match articles")

    @classmethod
    def fresh(cls, issue: Issue, at: datetime) -> Edition:
        """A first revision: every article keyed by position, all revised at ``at``."""
        n = len(issue.articles)
        return cls(issue, at, tuple(a.key for a in issue.articles), (at,) * n)

    @property
    def date(self) -> date:
        return self.issue.date

    def page_name(self, number: int) -> str | None:
        return next((p.name for p in self.issue.pages if p.number == number), None)

    def stories(self) -> tuple[Story, ...]:
        """The issue's articles in page order, each with its revision time."""
        return tuple(
            Story(self.issue.date, key, a, self.page_name(a.page), at)
            for a, key, at in zip(self.issue.articles, self.keys, self.revised, strict=True)
        )

    def newest(self) -> datetime:
        """The newest time in the issue: its own or any article's revision."""
        return max([self.updated, *self.revised])


@dataclass(frozen=True)
class Topic:
    """A feed of its own: ``key`` is the path segment, ``label`` the name as printed."""

    kind: TopicKind
    key: str
    label: str

    @property
    def feed_name(self) -> str:
        return f"{self.kind}/{self.key}"


def page_topic(number: int, name: str | None) -> Topic:
    """A page's feed: by its printed name (要闻) when it has one, else by its number."""
    key = topic_key(name) if name else None
    if key is not None and name is not None:
        return Topic("page", key, name)
    return Topic("page", str(number), f"第{number}版")


def story_topics(story: Story) -> tuple[Topic, ...]:
    """Every topic feed that carries ``story``: its page, its column, each reporter."""
    a = story.article
    return topics_of(a.page, story.page_name, a.column, a.reporters)


def topics_of(
    page: int, page_name: str | None, column: str | None, reporters: Sequence[str]
) -> tuple[Topic, ...]:
    """The topics of an article printed on ``page`` in ``column`` by ``reporters``."""
    out = [page_topic(page, page_name)]
    if column and (key := topic_key(column)):
        out.append(Topic("column", key, column))
    for name in dict.fromkeys(reporters):
        if key := topic_key(name):
            out.append(Topic("reporter", key, name))
    return tuple(out)


def in_topic(story: Story, topic: Topic) -> bool:
    return topic in story_topics(story)
