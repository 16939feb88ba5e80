"""Decoding: UTF-8, BOM, UTF-16, GB18030, line ends; empty and binary input."""

from __future__ import annotations

import codecs

import pytest

from syndicate.errors import ParseError
from syndicate.parse import parse_bytes
from syndicate.parse.decode import decode_text
from syndicate.parse.normalize import drop_invisibles
from tests.conftest import SEED


def test_utf8_bom_gbk_and_line_ends_parse_alike() -> None:
    raw = SEED.read_text(encoding="utf-8")
    base = parse_bytes(raw.encode("utf-8"))
    variants = {
        "bom": codecs.BOM_UTF8 + raw.encode("utf-8"),
        "gb18030": raw.encode("gb18030"),
        "gbk": raw.encode("gbk"),
        "utf-16": raw.encode("utf-16"),
        "crlf": raw.replace("\n", "\r\n").encode("utf-8"),
        "cr": raw.replace("\n", "\r").encode("utf-8"),
    }
    for name, data in variants.items():
        got = parse_bytes(data)
        assert got.articles == base.articles, name
        assert got.paper == base.paper and got.date == base.date, name
        notes = [p for p in got.problems if p.kind == "encoding"]
        assert bool(notes) == (name in ("gb18030", "gbk", "utf-16")), name
        assert [p for p in got.problems if p.kind != "encoding"] == list(base.problems)


def test_invisible_characters_left_by_web_editors_parse_away() -> None:
    """Zero-width non-joiners, joiners, word joiners and soft hyphens that web editors leave in
    copied text (``九所镇党委书记\u200c曾其优``, a line opening on one) print nothing: the
    issue parses as if they were not there, and none reaches a title or paragraph."""
    raw = SEED.read_text(encoding="utf-8")
    base = parse_bytes(raw.encode("utf-8"))
    lines = raw.split("\n")
    dirty = [("\u200c" + ln if ln and i % 3 == 0 else ln) for i, ln in enumerate(lines)]
    damaged = "\n".join(dirty).replace("。", "。\u200c").replace("，", "\u2060，\u00ad")
    got = parse_bytes(damaged.encode("utf-8"))
    assert got.articles == base.articles
    assert got.paper == base.paper and got.date == base.date


def test_invisibles_between_letters_of_other_scripts_stay() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # an emoji sequence's joiners
    assert drop_invisibles(f"全家福{family}合影") == f"全家福{family}合影"
    assert drop_invisibles("书记\u200c曾其优\u200b介绍\ufeff") == "书记曾其优介绍"


def test_detects_encoding() -> None:
    assert decode_text("报纸".encode("gb18030"))[1] == "gb18030"
    assert decode_text(codecs.BOM_UTF8 + "报纸".encode())[1] == "utf-8-sig"
    assert decode_text("报纸\r\n".encode()) == ("报纸\n", "utf-8")


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"", "empty"),
        (b"  \n\r\n\t ", "empty"),
        ("\u3000\n".encode(), "white space"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 40, "binary"),
        (b"\xff\xfe\xff\xfe\x00\xd8", "utf-16"),
    ],
)
def test_bad_input_says_why(data: bytes, why: str) -> None:
    with pytest.raises(ParseError, match=why):
        parse_bytes(data)


def test_latin1_bytes_are_refused_not_misread() -> None:
    with pytest.raises(ParseError, match="not UTF-8"):
        parse_bytes("Zeitung für Lübeck, März 2022".encode("latin-1"))
