"""Chinese scripts: 简体 as printed (``hans``) and 繁體 converted with OpenCC (``hant-tw`` with
Taiwan phrasing, ``hant-hk`` with Hong Kong phrasing).

Pure: ``convert`` is a function of its text and script. The OpenCC converters are built once per
process (each loads its dictionaries, ~70 ms) and shared; conversion itself holds no state.
Feeds (the 繁體 editions) and the newsletter (a reader's script) both convert through here, so
a reader sees the same characters in each channel.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Final

import opencc

HANS: Final = "hans"
SCRIPTS: Final = ("hans", "hant-tw", "hant-hk")
TRADITIONAL: Final = ("hant-tw", "hant-hk")

# OpenCC's configurations: s2twp converts phrases too (软件 -> 軟體), s2hk the characters with
# Hong Kong's standard forms (里 -> 裏).
_OPENCC: Final = {"hant-tw": "s2twp", "hant-hk": "s2hk"}

# BCP 47 tags for html lang, xml:lang and hreflang.
LANGUAGE: Final = {"hans": "zh-CN", "hant-tw": "zh-Hant-TW", "hant-hk": "zh-Hant-HK"}

_build_lock = threading.Lock()


class UnknownScript(ValueError):
    """A script name that is not offered."""


def check(script: str) -> str:
    """``script`` when it is offered; otherwise one line naming it and the choices."""
    if script not in SCRIPTS:
        raise UnknownScript(f"unknown script {script!r}: use one of {', '.join(SCRIPTS)}")
    return script


@cache
def _converter(script: str) -> opencc.OpenCC:
    with _build_lock:
        return opencc.OpenCC(_OPENCC[script])


def convert(text: str, script: str) -> str:
    """``text`` in ``script``: unchanged for ``hans``, converted by OpenCC otherwise."""
    if check(script) == HANS or not text:
        return text
    return str(_converter(script).convert(text))
