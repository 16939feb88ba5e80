"""Article.body: the story's text as renderers set it, a subhead's lines joined into one."""

from __future__ import annotations

from dataclasses import replace

from tests.subhead_support import ESSAY, JOINED, SINGLE


def test_a_two_line_subhead_is_one_heading_and_prose_stays_as_printed() -> None:
    assert ESSAY.body == (
        (ESSAY.paragraphs[0], False),
        (JOINED, True),
        (ESSAY.paragraphs[3], False),
        (SINGLE, True),
        (ESSAY.paragraphs[5], False),
    )


def test_stacked_subheads_without_a_comma_join_after_a_full_width_space() -> None:
    a = replace(
        ESSAY, paragraphs=("导语。", "小村新貌", "旧貌换新颜", "如今路通了。"), subheads=(1, 2)
    )
    assert a.body[1] == ("小村新貌\u3000旧貌换新颜", True)
    apart = replace(
        a, paragraphs=("导语。", "小村新貌", "正文。", "旧貌换新颜", "正文。"), subheads=(1, 3)
    )
    assert apart.body == tuple(
        zip(apart.paragraphs, (False, True, False, True, False), strict=True)
    )


def test_the_first_paragraph_is_never_a_subhead() -> None:
    """Renderers put the dateline and byline in front of the first paragraph."""
    a = replace(ESSAY, paragraphs=("一号地块", "今年开工。"), subheads=(0,))
    assert a.body == (("一号地块", False), ("今年开工。", False))
