#!/usr/bin/env python3
"""Build a third 都市快报 issue (2026-04-04) into ../devset/texts/, for issue 12.

The shared corpus holds 都市快报 2026-03-28 and 03-29 (../shared/corpus/real/, SOURCES.md
there); the same public crawl (grill-glitch/hangzhou-daily-crawler) later stored a third
issue, 2026-04-04, written by the crawler's second version: each record's ``content`` holds
the headline lines, a blank line, the issue date, a blank line and the paragraphs separated
by blank lines, with no HTML residue and no full-width indents. This issue was measured fresh
(keys written by readers who never ran the parser) before anyone tuned on it.

Rules (those of the shared corpus's files, ../shared/corpus/real/SOURCES.md, applied to the
second crawler's shape):

* Page header ``A01 都市快报``: the record's ``section_code`` and the issue's ``sections``
  name for it; pages in the crawl's order (A01 → B08), records in the JSON order.
* Headline: the lines before the date line, each trimmed of ASCII whitespace, empty ones
  dropped, joined by single newlines (a kicker, title and subtitle stay on their lines).
* The per-record date line (``2026-04-04``) is dropped.
* Body: a paragraph starts at every gap of two or more line breaks; ASCII whitespace is
  trimmed at line ends; single line breaks inside a paragraph are kept. Full-width spaces are
  never touched. A title-only record (the lottery notices) is written as its headline alone.
* One blank line between headline and body, between paragraphs and between records; three
  blank lines between pages.

Usage:  python3 tests/devset/tools/build_dskb.py [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve()
MIRROR = "/work/.mirror/grill-glitch+hangzhou-daily-crawler/repo"
#: ``db3665d`` (2026-04-05) stores ``data/dskb_2026-04-04.json``, blob 111d74e8, 151,328 bytes
#: (the same blob as ``example/dskb_2026-04-04.json`` at acce5bc).
COMMIT = "db3665d"
PATH = "data/dskb_2026-04-04.json"
ASCII_WS = " \t\r\n"


def lines_of(block: str) -> list[str]:
    return [line.strip(ASCII_WS) for line in block.split("\n") if line.strip(ASCII_WS)]


def record_text(content: str, date: str) -> str:
    parts = re.split(r"\n[ \t\r]*\n(?:[ \t\r]*\n)*", content.strip(ASCII_WS))
    head = lines_of(parts[0])
    rest = parts[1:]
    if rest and rest[0].strip(ASCII_WS) == date:
        rest = rest[1:]
    elif head and head[-1] == date:
        head = head[:-1]
    body = ["\n".join(lines_of(p)) for p in rest]
    return "\n\n".join(["\n".join(head), *[p for p in body if p]])


def build(data: dict[str, object]) -> str:
    names = {s["code"]: s["name"] for s in data["sections"]}  # type: ignore[attr-defined]
    date = str(data["date"])
    pages: dict[str, list[str]] = {}
    for rec in data["articles"]:  # type: ignore[attr-defined]
        pages.setdefault(rec["section_code"], []).append(record_text(rec["content"], date))
    out = [f"{code} {names[code]}\n\n" + "\n\n".join(texts) for code, texts in pages.items()]
    return "\n\n\n\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(HERE.parents[4] / "devset" / "texts"))
    args = ap.parse_args()
    raw = subprocess.run(
        ["git", "-C", MIRROR, "show", f"{COMMIT}:{PATH}"], check=True, capture_output=True
    ).stdout
    data = json.loads(raw.decode("utf-8"))
    text = build(data)
    out = Path(args.out) / f"dskb_{data['date']}.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(
        f"{out}: {len(data['sections'])} pages, {len(data['articles'])} records, "
        f"{len(text.encode())} bytes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
