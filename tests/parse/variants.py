"""Layouts the parser has not seen, made from real texts at test time, and how to score them.

The real issues in ../shared/corpus/real come in two layouts; the family has more. Each
transform below turns a real text into another layout a crawler or an export produces
(indents stripped, one blank line between pages, no blank line under a headline block, no
blank lines at all, stories without their closing credits), so the hand-made keys in
tests/acceptance still say what a reader sees in it. The texts stay outside the repository.

``score`` counts the articles found exactly (title, page, paragraph count) and the *silent
merges*: a key's story that was published inside another article with no doubt on that
article naming one of its lines (its headline or its first paragraph).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from syndicate.model import Issue
from syndicate.parse import parse_issue

ROOT = Path(__file__).resolve().parents[2]
KEYS = sorted((ROOT / "tests" / "acceptance").glob("*.json"))

#: Three short stories with two-line headlines in front of a text (as
#: tests/devset/tools/stacked.py puts them), so that it reads as a crawl of stacked headlines.
STACKED_FRONT = "".join(
    f"第{n}条要闻的引题\n第{n}条要闻的主标题\n\n"
    f"本报讯 （记者 王伟） 这是第{n}条要闻的第一段。\n\n"
    f"这是第{n}条要闻的第二段，它把事情讲完了。\n\n"
    for n in "一二三"
)

_INDENT = re.compile(r"^[\u3000 ]+", re.M)
_BYLINE_LINE = re.compile(
    r"^[\u3000 ]*(?:(?:本报)?记者|通讯员|实习生|本报记者)[\s\u3000]*[\u4e00-\u9fff·]{2,4}"
    r"(?:[\s\u3000]+(?:(?:本报)?记者|通讯员|实习生)?[\s\u3000]*[\u4e00-\u9fff·]{2,4})*$"
)
_CLOSING = re.compile(r"[（(][^（()）]{0,12}(?:记者|通讯员)[^（()）]{1,30}[)）]$")
_GLUED_SOURCE = re.compile(r"(?<=[。！？”])(?:据|综合)[^。！？”]{2,16}$")


def canon(s: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", s or "").split()).lstrip("—-")


def strip_indents(text: str) -> str:
    """A crawler's cleaned text: no indent marks a paragraph."""
    return _INDENT.sub("", text)


def one_blank(text: str) -> str:
    """One blank line between pages as between paragraphs (pages only by their headers)."""
    return re.sub(r"\n{3,}", "\n\n", text)


def tight_heads(text: str) -> str:
    """No blank line between a flush-left headline block and the indented body under it."""
    return re.sub(r"(?m)^([^\u3000 \n][^\n]*)\n\n(?=\u3000)", r"\1\n", text)


def no_blanks(text: str) -> str:
    """No blank lines inside a page: only the indent starts a paragraph (pages stay apart)."""
    pages = re.split(r"\n{3,}", text)
    return "\n\n\n".join(re.sub(r"\n\n+", "\n", p) for p in pages)


def no_credits(text: str) -> str:
    """Stories that end with no credit or byline: byline lines, closing bylines and glued
    source credits removed (a story's end is then only where the next headline starts)."""
    out: list[str] = []
    for line in text.split("\n"):
        if _BYLINE_LINE.match(line) and not line.endswith("摄"):
            continue
        line = _CLOSING.sub("", line)
        line = _GLUED_SOURCE.sub("", line)
        out.append(line)
    return re.sub(r"\n\n\n\n+", "\n\n\n", re.sub(r"(?<!\n)\n\n\n(?!\n)", "\n\n", "\n".join(out)))


Transform = Callable[[str], str]
#: Which variants each kind of real text is made into (indented tabloid / flat party daily).
VARIANTS: dict[str, Transform] = {
    "as-is": lambda t: t,
    "stripped": strip_indents,
    "stripped-one-blank": lambda t: one_blank(strip_indents(t)),
    "tight-heads": tight_heads,
    "no-blanks": no_blanks,
    "no-credits": no_credits,
    "stripped-no-credits": lambda t: no_credits(strip_indents(t)),
    "stripped-no-blanks": lambda t: no_blanks(strip_indents(t)),
    "dense-no-credits": lambda t: no_blanks(no_credits(t)),
}


def load(key: Path) -> tuple[str, dict[str, object]]:
    """The key's real text and the key."""
    exp = json.loads(key.read_text(encoding="utf-8"))
    return (ROOT.parent / str(exp["file"])).read_text(encoding="utf-8"), exp


@dataclass
class Score:
    exact: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)


def _titles(w: dict[str, object]) -> set[str]:
    return {canon(str(t)) for t in w.get("title_any", [w.get("title")])}  # type: ignore[attr-defined]


def score(issue: Issue, want: list[dict[str, object]]) -> Score:
    """Exact articles, and the silent merges (see the module docstring)."""
    s = Score()
    got_titles = {canon(a.title) for a in issue.articles}
    for w in want:
        if w.get("optional"):
            continue
        s.total += 1
        titles = _titles(w)
        paras = [canon(str(p)) for p in w["paragraphs"]]  # type: ignore[attr-defined]
        hit = any(
            canon(a.title) in titles and a.page == w["page"] and len(a.paragraphs) == len(paras)
            for a in issue.articles
        )
        s.exact += hit
        name = f"p{w['page']} {sorted(titles)[0][:14]}"
        if not hit:
            s.misses.append(name)
        if titles & got_titles or not paras:
            continue
        heads = titles | {canon(str(x)) for x in w.get("head_other", [])}  # type: ignore[attr-defined]
        for i, a in enumerate(issue.articles):
            body = [canon(p) for p in a.paragraphs]
            inside = any(p.startswith(paras[0]) for p in body[1:]) or any(
                h and h in p for h in heads for p in body
            )
            mine = canon(a.title)
            if not inside or any(t in mine or (len(mine) >= 4 and mine in t) for t in titles):
                continue  # not there, or only its title went wrong (a caption joined it)
            named = [
                d
                for d in issue.doubts
                if d.article == i
                and any(x[:6] in canon(d.where) for x in (*heads, paras[0]) if len(x) >= 4)
            ]
            if not named:
                s.silent.append(f"{name} inside {canon(a.title)[:12]}")
            break
    return s


def run(key: Path, variant: str) -> Score:
    text, exp = load(key)
    issue = parse_issue(VARIANTS[variant](text), source=key.name)
    return score(issue, exp["articles"])  # type: ignore[arg-type]


if __name__ == "__main__":  # a table: python -m tests.parse.variants
    import sys

    tot: dict[str, list[int]] = {}
    for key in KEYS:
        for v in VARIANTS:
            sc = run(key, v)
            row = tot.setdefault(v, [0, 0, 0])
            row[0] += sc.exact
            row[1] += sc.total
            row[2] += len(sc.silent)
            print(f"{key.stem[:15]} {v:22} {sc.exact}/{sc.total} silent={len(sc.silent)}")
            if "-v" in sys.argv:
                for m in sc.silent:
                    print("   SILENT", m)
                for m in sc.misses:
                    print("   miss", m)
    for v, (e, n, s) in tot.items():
        print(f"TOTAL {v:22} {e}/{n} ({e / n:.0%}) silent={s}")
