"""The script converter on real text: the seed's own words, Taiwan and Hong Kong phrasing."""

from __future__ import annotations

import pytest

from syndicate import script


def test_hans_is_returned_as_printed() -> None:
    text = "济宁高新区开展核酸检测，网格员走访。"
    assert script.convert(text, "hans") is text


def test_taiwan_phrasing_converts_words_not_only_characters() -> None:
    assert script.convert("济宁高新区网格员使用软件", "hant-tw") == "濟寧高新區網格員使用軟體"


def test_hong_kong_forms_differ_from_taiwan_ones() -> None:
    assert script.convert("这里", "hant-hk") == "這裏"
    assert script.convert("这里", "hant-tw") == "這裡"


def test_full_width_punctuation_and_ascii_survive() -> None:
    assert (
        script.convert("“核酸”检测：3月25日，A01版。", "hant-tw") == "“核酸”檢測：3月25日，A01版。"
    )


def test_an_unknown_script_is_one_clear_line() -> None:
    with pytest.raises(
        script.UnknownScript, match=r"unknown script 'hant'.*hans, hant-tw, hant-hk"
    ):
        script.convert("新闻", "hant")
