"""Bytes to text: detect the encoding, strip the BOM, unify line ends.

E-paper exports arrive as UTF-8 (with or without a BOM), UTF-16 with a BOM, or GB18030/GBK
from older Windows tools. Anything else, and anything binary or empty, is a ``ParseError``.
"""

from __future__ import annotations

import codecs
import re

from syndicate.errors import ParseError

_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}
# Unicode categories Cc (controls but _CONTROL_OK), Cs (surrogates) and Co (private use), as one
# character class: a C scan instead of unicodedata.category() on every character.
_BINARY = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
    "\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)


def decode_text(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` with ``\\n`` line ends and no BOM."""
    if not data.strip():
        raise ParseError("the file is empty; export the e-paper text again")
    text, encoding = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _reject_binary(text)
    if not text.strip():
        raise ParseError("the file holds only white space; export the e-paper text again")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16"
    if b"\x00" in data:
        raise ParseError("the file is binary (it has NUL bytes), not e-paper text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as e:
        raise ParseError(
            f"the file is neither UTF-8 nor GB18030 (bad byte at offset {e.start}); "
            "save it as UTF-8"
        ) from e
    if _cjk_share(text) < 0.8:
        raise ParseError(
            "the file is not UTF-8 and does not read as Chinese GB18030; save it as UTF-8"
        )
    return text, "gb18030"


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise ParseError(
            f"the file starts with a {encoding} BOM but is not valid {encoding}"
        ) from e


def _cjk_share(text: str) -> float:
    """Share of non-ASCII characters that are common Chinese (GB2312) characters.

    Real GBK/GB18030 text is nearly all GB2312; Latin-1 or random bytes misread as GB18030
    land mostly in the rare extension areas.
    """
    letters = [c for c in text if not c.isspace() and not c.isascii()]
    if not letters:
        return 1.0
    common = 0
    for c in letters:
        try:
            c.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 1
    return common / len(letters)


def _reject_binary(text: str) -> None:
    sample = text[:20000]
    controls = len(_BINARY.findall(sample))
    if controls > max(3, len(sample) // 200):
        raise ParseError("the file looks binary (too many control characters), not e-paper text")
