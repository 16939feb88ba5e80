"""Property tests: no input makes the parser raise anything but ParseError; it is deterministic."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from syndicate.errors import ParseError
from syndicate.model import Issue
from syndicate.parse import parse_bytes, parse_issue
from tests.conftest import ISSUES

# Lines of every kind the parser tells apart, drawn from the real texts, plus tricky shapes.
REAL_LINES = sorted(
    {
        line.strip()
        for p in ISSUES.glob("*.txt")
        for line in p.read_text("utf-8").splitlines()
        if line.strip() and len(line) < 400
    }
)
TRICKY = [
    "第02版：要闻",
    "第 1 版",
    "2 综合",
    "【又讯】",
    "（新华社北京1月2日电  记者周圆、黄垚）",
    "本报记者  朱  磊  王  丹",
    "本报记者",
    "本报评论员",
    "——",
    "—— ",
    "（",
    "）",
    "(记者",
    "摄",
    "版式设计：",
    "总第期",
    "2022年13月45日",
    "农历",
    "CN37-",
    "\f",
    "\u3000\u3000",
    "本报讯(记者 )",
    "本报济宁讯",
    "图为。  摄",
    "a,b;c:d(e)f?g!",
    "济宁,高新(区)",
]
line = st.one_of(
    st.sampled_from(REAL_LINES),
    st.sampled_from(TRICKY),
    st.text(max_size=40),
    st.text(alphabet="本报记者讯电摄版第年月日期（）()【】——，。：、 \n", max_size=30),
)
blank = st.sampled_from(["\n", "\n\n", "\n\n\n\n", "\r\n", "\r"])
document = st.lists(st.tuples(line, blank), max_size=40).map(
    lambda parts: "".join(a + b for a, b in parts)
)


def parse_or_none(text: str) -> Issue | None:
    try:
        return parse_issue(text, source="x.txt", date=date(2022, 3, 25))
    except ParseError:
        return None


@settings(max_examples=400, deadline=None)
@given(document)
def test_any_text_parses_or_raises_parse_error(text: str) -> None:
    first = parse_or_none(text)
    assert parse_or_none(text) == first  # deterministic
    if first is not None:
        for a in first.articles:
            assert a.title
            assert all(p for p in a.paragraphs)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_parse_or_raise_parse_error(data: bytes) -> None:
    try:
        parse_bytes(data, source="x-2022-03-25.txt")
    except ParseError as e:
        assert str(e)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=20_000), st.sampled_from(sorted(ISSUES.glob("*.txt"))))
def test_real_issues_cut_anywhere(cut: int, path: object) -> None:
    text = path.read_text("utf-8")  # type: ignore[attr-defined]
    issue = parse_or_none(text[: cut % (len(text) + 1)])
    if issue is not None:
        assert all(a.page >= 1 for a in issue.articles)
