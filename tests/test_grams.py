"""Search tokens: bigrams for Chinese, words for Latin and digits, query terms and snippets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from syndicate.grams import MAX_TERMS, Term, fts5_query, highlight, index_tokens, query, tsquery


def test_a_chinese_run_gives_its_bigrams_then_its_last_character() -> None:
    assert index_tokens("网格员走访") == "网格 格员 员走 走访 访"


def test_punctuation_and_spaces_separate_runs() -> None:
    assert index_tokens("核酸，检测 疫") == "核酸 酸 检测 测 疫"


def test_latin_and_digits_are_case_folded_words_and_full_width_is_ascii() -> None:
    assert index_tokens("ＡＢＣ１２３ Covid-19") == "abc123 covid 19"
    assert index_tokens("5G网络") == "5g 网络 络"


def test_query_terms_must_each_match_as_a_run() -> None:
    assert query("网格员 核酸") == [Term("网格员", ("网格", "格员")), Term("核酸", ("核酸",))]
    assert query("疫") == [Term("疫", ("疫",), prefix=True)]
    assert query("COVID") == [Term("covid", ("covid",), prefix=True)]
    assert query("  ，。 ") == []
    assert query("核酸 核酸") == [Term("核酸", ("核酸",))]


def test_queries_are_bounded() -> None:
    many = " ".join(f"词{i}" for i in range(20))
    assert len(query(many)) == MAX_TERMS


def test_database_query_syntax() -> None:
    terms = query("网格员 疫")
    assert fts5_query(terms) == '"网格 格员" AND "疫"*'
    assert tsquery(terms) == "(网格 <-> 格员) & 疫:*"


def test_highlight_shows_the_words_around_the_first_match() -> None:
    text = "3月24日，高新区组织网格员入户走访，开展核酸检测。"
    before, match, after = highlight(text, query("核酸 网格员"), width=16) or ("", "", "")
    assert match == "网格员"
    assert (before + match + after).strip("…") in text
    assert len((before + match + after).replace("…", "")) <= 16
    assert highlight(text, query("疫苗")) is None


@given(st.text(alphabet="核酸检测网格员疫情防控，。 ", min_size=1, max_size=30), st.data())
def test_every_substring_of_a_run_is_found_as_a_phrase(text: str, data: st.DataObject) -> None:
    """What the index stores contains, in a row, the tokens of any query cut from the text."""
    start = data.draw(st.integers(0, len(text) - 1))
    q = text[start : data.draw(st.integers(start + 1, len(text)))]
    stored = index_tokens(text).split()
    for term in query(q):
        n = len(term.tokens)
        windows = [tuple(stored[i : i + n]) for i in range(len(stored) - n + 1)]
        if term.prefix:
            assert any(t.startswith(term.tokens[0]) for t in stored)
        else:
            assert term.tokens in windows
