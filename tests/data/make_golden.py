"""Regenerate tests/data/issues/NAME.expected.json from the parser, for review by hand.

usage: .venv/bin/python tests/data/make_golden.py [NAME.txt ...]   (default: every issue)

The expected files are what a reader sees (see tests/parse/test_parse_golden.py). Regenerating is
not reviewing: read `git diff tests/data/issues` line by line against the .txt before you
commit, and write what you checked in tests/data/issues/CHECKED.md.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from syndicate.parse import parse_bytes
from syndicate.parse.issue_json import issue_to_dict

ISSUES = Path(__file__).parent / "issues"
HEAD = ("page", "column", "kicker", "title", "subtitle", "dateline", "place")
PEOPLE = ("reporters", "correspondents", "credits", "captions")
MASTHEAD = ("paper", "date", "weekday", "lunar_date", "serial", "number_in_year", "pages")


def golden(path: Path) -> dict[str, Any]:
    got = issue_to_dict(parse_bytes(path.read_bytes(), source=path.name))
    out: dict[str, Any] = {k: got[k] for k in MASTHEAD}
    out["articles"] = [
        {k: a[k] for k in HEAD + PEOPLE}
        | {
            "paragraph_starts": [p[:10] for p in a["paragraphs"]],
            "paragraph_ends": [p[-8:] for p in a["paragraphs"]],
        }
        for a in got["articles"]
    ]
    out["problem_kinds"] = dict(Counter(p["kind"] for p in got["problems"]))
    out["duplicates"] = [p["detail"] for p in got["problems"] if p["kind"] == "duplicate-paragraph"]
    return out


def main(names: list[str]) -> None:
    paths = [ISSUES / n for n in names] if names else sorted(ISSUES.glob("*.txt"))
    for path in paths:
        text = json.dumps(golden(path), ensure_ascii=False, indent=1) + "\n"
        path.with_suffix(".expected.json").write_text(text, encoding="utf-8")
        print("wrote", path.with_suffix(".expected.json").name)


if __name__ == "__main__":
    main(sys.argv[1:])
