#!/usr/bin/env python3
"""Rebuild the held-out 解放日报 texts from the CNKI export in the crawler mirror.

Builds jfrb_2022-05-29.txt, jfrb_2022-05-31.txt and jfrb_2022-06-01.txt (or the DATEs given),
the texts that tests/heldout/keys/jfrb_*.json annotate (the keys name them as
holdout/texts/…, under /work).

Source: the git mirror of shenxingy/Chinese_newspaper_crawler at
/work/.mirror/shenxingy+Chinese_newspaper_crawler/repo, fetched with the session's fetch tool
(github:shenxingy/Chinese_newspaper_crawler); it has no work tree, so the file
Sample_Datasets/CNKI.csv is read with `git show` at a pinned commit (its blob id is checked).
Python 3 standard library only.

Usage:  python3 tests/heldout/tools/build_jfrb.py [--mirror DIR] [--out DIR] [DATE ...]
(--out defaults to tests/heldout/texts; pass --out /work/holdout/texts to refresh the texts
the keys name.)

Conversion (see ../SOURCES-jfrb.md):
- rows of one Date; pages ordered by banHao (numeric); within a page the rows keep the
  export's (file) order;
- page header `第NN版` (banHao, two digits; the export has no page names);
- each article: the Title field as one headline line, a blank line, then every non-empty line
  of Contents as one paragraph, paragraphs separated by one blank line; no byline line is
  added (the Author field is metadata, not printed text);
- one blank line between articles and after the page header, three between pages;
- text otherwise kept as stored (no whitespace needed trimming in the chosen rows; the
  script strips ASCII whitespace at line ends only, and fails on tabs/CR).
"""

import argparse
import csv
import io
import os
import subprocess
import sys

MIRROR = "/work/.mirror/shenxingy+Chinese_newspaper_crawler/repo"
COMMIT = "35a294b4758ed16de3b1968989c1085d60294ebb"
PATH = "Sample_Datasets/CNKI.csv"
BLOB = "dd4fa3370562c1e4f0a7fd7e404220769f2d6586"
DATES = ["2022-05-29", "2022-05-31", "2022-06-01"]
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "texts")


def load_rows(mirror: str) -> list[dict[str, str]]:
    blob = subprocess.run(
        ["git", "-C", mirror, "rev-parse", f"{COMMIT}:{PATH}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if blob != BLOB:
        sys.exit(f"unexpected blob {blob} for {PATH} at {COMMIT}")
    data = subprocess.run(
        ["git", "-C", mirror, "show", f"{COMMIT}:{PATH}"], check=True, capture_output=True
    ).stdout
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def clean(s: str) -> str:
    if "\t" in s or "\r" in s:
        raise ValueError(f"tab/CR in {s[:30]!r}")
    return s.rstrip(" ")


def build_issue(rows: list[dict[str, str]], date: str) -> tuple[str, int, list[int]]:
    rows = [r for r in rows if r["Date"] == date]
    pages = sorted({int(r["banHao"]) for r in rows})
    page_blocks = []
    for p in pages:
        arts = []
        for r in rows:
            if int(r["banHao"]) != p:
                continue
            title = clean(r["Title"]).strip(" ")
            paras = [clean(line) for line in r["Contents"].split("\n")]
            paras = [line for line in paras if line.strip(" ")]
            arts.append("\n\n".join([title] + paras))
        page_blocks.append(f"第{p:02d}版\n\n" + "\n\n".join(arts))
    return "\n\n\n\n".join(page_blocks) + "\n", len(rows), pages


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mirror", default=MIRROR)
    ap.add_argument("--out", default=OUT)
    ap.add_argument("dates", nargs="*", default=DATES)
    a = ap.parse_args()
    rows = load_rows(a.mirror)
    os.makedirs(a.out, exist_ok=True)
    for d in a.dates:
        text, n, pages = build_issue(rows, d)
        path = os.path.join(a.out, f"jfrb_{d}.txt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print(f"{path}: {n} articles, pages {pages}, {len(text.encode())} bytes")


if __name__ == "__main__":
    main()
