"""The issue model: frozen dataclasses that every channel renders.

An ``Issue`` (期) is one edition of a paper: its masthead (``Paper``), its pages (版面) and
their articles, each with its bylines, plus the ``problems`` the parser met and repaired or
doubted. Nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

#: Roles a byline can carry. Reporters (记者) and correspondents (通讯员) are the people a
#: reader credits with the story; the rest are printed credits (实习生, 摄, 版式设计, …).
Role = Literal[
    "reporter",  # 记者, 本报记者, 新华社记者, 特约记者
    "correspondent",  # 通讯员
    "author",  # a by-name line with no role (1946-style 展潮)
    "commentator",  # 本报评论员 and the like: a collective byline, not a person
    "intern",  # 实习生
    "photographer",  # X摄
    "designer",  # 版式设计：X
    "editor",  # 责任编辑：X, 本版编辑：X
    "source",  # 据新华社, 综合南方都市报、极目新闻: where a reprinted story came from
    "other",
]
#: Roles that sign a story as its writers (a photo credit or a source credit does not).
SIGNING_ROLES: frozenset[Role] = frozenset(
    {"reporter", "correspondent", "author", "commentator", "intern"}
)

#: What kind of item an article is: a story, a roundup of briefs (简明新闻, one paragraph per
#: item), an interview in questions and answers, a poem, or an editor's note (编者按).
ArticleKind = Literal["article", "brief", "qa", "poem", "editor_note"]


@dataclass(frozen=True)
class Byline:
    """One credited person (or collective byline) and the role they were printed with."""

    role: Role
    name: str
    #: The credit as printed (normalised, names unpadded), e.g. ``实习生 王一`` or ``闫庆收摄``.
    printed: str


@dataclass(frozen=True)
class Paper:
    """The paper as its masthead (报头) prints it. Fields the masthead lacks are ``None``."""

    name: str | None = None
    supervisor: str | None = None  # 主管
    sponsor: str | None = None  # 主办
    publisher: str | None = None  # 出版
    cn: str | None = None  # 国内统一刊号, e.g. CN37-0045
    hotline: str | None = None  # 报纸热线
    slogan: str | None = None


@dataclass(frozen=True)
class Page:
    """A page (版面) of the issue: its number and, where printed, its name (要闻, 综合)."""

    number: int
    name: str | None = None
    #: The printed section code of a tabloid page (``A02``), when the header gave one.
    code: str | None = None


@dataclass(frozen=True)
class Article:
    """One article as a reader sees it on the page.

    ``paragraphs[0]`` starts right after the dateline and byline; renderers put those back.
    ``seq`` is the article's 1-based position on its page and, with the page number, its
    stable key within the issue.
    """

    page: int
    seq: int
    title: str
    kicker: str | None = None  # 引题
    subtitle: str | None = None  # 副题
    column: str | None = None  # 栏目
    dateline: str | None = None  # 本报济宁讯, 新华社北京1月1日电
    place: str | None = None
    bylines: tuple[Byline, ...] = ()
    captions: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()
    kind: ArticleKind = "article"
    #: Indices into ``paragraphs`` of the in-story subheads (小标题), printed without a mark.
    subheads: tuple[int, ...] = ()
    #: A lead box over the story (核心阅读, an editor's note, a pull-quote set off by an empty
    #: paragraph): a summary for the reader, not the story's text.
    summary: str | None = None

    @property
    def lead_box(self) -> tuple[str, ...]:
        """The lines of the lead box over the story (``summary``), printed above it."""
        return tuple(x.strip() for x in (self.summary or "").split("\n") if x.strip())

    @property
    def body(self) -> tuple[tuple[str, bool], ...]:
        """The story's text as a reader takes it in: ``(text, is_subhead)`` per paragraph, a
        subhead printed on consecutive lines (``对接产业需求，`` / ``完善专业课程内容``) joined
        into one, after a comma as printed, else after a full-width space. The first paragraph
        is never a subhead: renderers put the dateline and byline in front of it."""
        heads = set(self.subheads)
        out: list[tuple[str, bool]] = []
        for j, p in enumerate(self.paragraphs):
            sub = j > 0 and j in heads
            if sub and out and out[-1][1] and j - 1 in heads:
                above = out[-1][0]
                out[-1] = (above + ("" if above.endswith(("，", "、")) else "\u3000") + p, True)
            else:
                out.append((p, sub))
        return tuple(out)

    @property
    def reporters(self) -> tuple[str, ...]:
        return tuple(b.name for b in self.bylines if b.role in ("reporter", "author"))

    @property
    def correspondents(self) -> tuple[str, ...]:
        return tuple(b.name for b in self.bylines if b.role == "correspondent")

    @property
    def credits(self) -> tuple[str, ...]:
        """Every other credit, as printed."""
        keep = ("reporter", "author", "correspondent")
        return tuple(b.printed for b in self.bylines if b.role not in keep)

    @property
    def key(self) -> str:
        """Stable key within the issue: ``p{page}-{seq}``, e.g. ``p1-3``."""
        return f"p{self.page}-{self.seq}"


ProblemKind = Literal[
    "duplicate-paragraph",
    "rejoined-paragraph",
    "punctuation",
    "mid-sentence",
    "page-continues",
    "jump",
    "no-title",
    "masthead",
    "date",
    "encoding",
    "stray-line",
    "dropped-item",
    "imprint",
    "headline-split",  # which headline line is the kicker and which the title is open
    "subhead-or-cut",  # a short line joined to the next: one more subhead, or a cut sentence?
    "box-or-text",  # an indented run under a headline filed as a box: or the story's text?
]


DoubtKind = Literal[
    "long-article",  # far longer than the other articles on its page: maybe two merged
    "byline-in-body",  # a byline-shaped line inside a body: maybe a story starts there
    "headline-in-body",  # a subhead followed by a news lead (近日，…): maybe a story starts there
    "subhead-or-headline",  # the last subhead may be the next story's headline (3月27日上午，…)
    "mid-sentence",  # a paragraph that ends without a final mark
    "name-split",  # run-together names split into people with some doubt
    "dropped-item",  # an item with a headline and no body (a notice whose table was an image)
    "no-title",  # a story without a headline
    "headline-split",  # which line of a headline block is the kicker, which the title: open
    "subhead-or-cut",  # a short line joined to the next: one more subhead, or a cut sentence?
    "box-or-text",  # an indented run under a headline filed as a box: or the story's text?
]


@dataclass(frozen=True)
class Doubt:
    """Something the parser is unsure of, where a person should look before publishing.

    ``article`` is the index into ``Issue.articles`` (None for an item that was dropped or
    belongs to no article); ``where`` quotes the text in question.
    """

    kind: DoubtKind
    page: int | None
    article: int | None
    where: str


@dataclass(frozen=True)
class Problem:
    """A repair the parser made, or a doubt it has. Nothing is changed silently."""

    kind: ProblemKind
    page: int | None
    detail: str


@dataclass(frozen=True)
class Issue:
    """One edition (期) of a paper."""

    paper: Paper
    date: date
    weekday: str | None = None
    lunar_date: str | None = None
    serial: int | None = None  # 总第N期
    number_in_year: int | None = None  # YYYY年第N期
    pages: tuple[Page, ...] = ()
    articles: tuple[Article, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    #: 0..1: how sure the parser is that every article was found as printed (1.0: no doubts).
    confidence: float = 1.0
    doubts: tuple[Doubt, ...] = ()
