"""An issue whose story has subheads, as the parser emits them: a subhead printed on two lines
(``对接产业需求，`` / ``完善专业课程内容``) is two paragraphs, both listed in ``subheads``;
a one-line subhead is one. Renderers set each subhead, its lines joined, as one heading."""

from __future__ import annotations

from dataclasses import replace

from syndicate.model import Article, Byline, Issue, Page
from tests.verse_support import verse_issue

TWO_LINES = ("对接产业需求，", "完善专业课程内容")
JOINED = "对接产业需求，完善专业课程内容"
SINGLE = "深化产教融合项目"
ESSAY = Article(
    page=3,
    seq=1,
    title="产教融合打造商务英语人才队伍",
    bylines=(Byline("author", "杜辉", "杜辉"),),
    paragraphs=(
        "产教融合指高校与企业相互联系，构建稳定、高效、深层次的合作关系。",
        *TWO_LINES,
        "有效的课程载体在高校商务英语人才培养过程中发挥着至关重要的作用。",
        SINGLE,
        "高校应区分产教融合与普通校企合作，明确产教融合中大量的实践机会。",
    ),
    subheads=(1, 2, 4),
)


def subhead_issue() -> Issue:
    """A one-page issue (第3版 理论) holding the essay: the verse issue's masthead and date."""
    return replace(verse_issue(), pages=(Page(3, "理论"),), articles=(ESSAY,))
