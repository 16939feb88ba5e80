#!/usr/bin/env python3
"""Build the held-out 海南日报 texts (holdout/texts/hnrb_YYYY-MM-DD.txt).

Builds hnrb_2026-07-13.txt, hnrb_2026-07-17.txt and hnrb_2026-07-23.txt, the texts that
tests/heldout/keys/hnrb_*.json annotate (the keys name them as holdout/texts/…, under /work).

Source: the git mirror of karry1155/hndaily-web (a crawl of news.hndaily.cn) at
/work/.mirror/karry1155+hndaily-web/repo, fetched with the session's fetch tool
(github:karry1155/hndaily-web), read with `git show` at the pinned commits below (the mirror
has no work tree). Python 3 standard library only. See /work/holdout/SOURCES-hnrb.md.

Two source shapes are used:

* ``items``: an issue index ``content/issues/DATE.json`` (page order, page names and the
  item ids of each page, in page order) plus one ``content/issue-items/DATE/<item_id>.json``
  per article, whose ``block.title`` / ``block.content`` are the crawler's text and whose
  ``author`` field is the crawler's <founder-author> (empty for most items: there the byline
  is the ``■ …`` paragraph inside ``content``).
* ``raw``: the crawler's own issue file ``data/runs/hnhot-v4.3/source/DATE.json``
  (pages -> articles with ``title``, ``author``, ``content``).

Text per page:  ``第NNN版：<page_name>`` (from the page metadata), blank line, then every
article of the page in source order:  title lines (the stored title split at its stored
line breaks), blank line, the stored ``author`` on its own line followed by a blank line
when it is not already part of the content (see ``byline_line``), then the content's
paragraphs (the crawler stores them separated by blank lines), one blank line between
articles, three blank lines between pages.  Nothing else is added or changed except
trimming ASCII white space at line ends.

Usage:  python3 tests/heldout/tools/build_hnrb.py [--mirror PATH] [--out DIR] [--list]
(--out defaults to tests/heldout/texts; pass --out /work/holdout/texts to refresh the texts
the keys name.)
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

MIRROR = "/work/.mirror/karry1155+hndaily-web/repo"

# date -> how to read it and which (whole) pages to take
ISSUES: dict[str, dict[str, Any]] = {
    "2026-07-13": {
        "kind": "items",
        # c10176d still holds the two "◀上接A01版" continuation items of page 002, which the
        # later commit 16539f6 dropped; the other items are identical in both commits.
        "commit": "c10176db5ff5bd0af6b899daa46c50a58133d85a",
        "pages": ["001", "002", "003", "006", "008", "015", "016", "022"],
    },
    "2026-07-17": {
        "kind": "items",
        "commit": "16539f656499f1bc919b2faea2ff9a172ecdf7ed",
        "pages": ["004", "005", "008", "009", "010", "011", "012"],
    },
    "2026-07-23": {
        "kind": "raw",
        "commit": "51f0fbfc388fedd67df3c44a2d6c9c61123d1764",
        "path": "data/runs/hnhot-v4.3/source/2026-07-23.json",
        "pages": ["001", "003", "004", "007", "008"],
    },
}


def git_show(mirror: str, commit: str, path: str) -> bytes:
    return subprocess.check_output(["git", "-C", mirror, "show", f"{commit}:{path}"])


def resolve(mirror: str, commit: str) -> str:
    return subprocess.check_output(
        ["git", "-C", mirror, "rev-parse", commit + "^{commit}"], text=True
    ).strip()


def load_issue(mirror: str, date: str, spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Return [{page, page_name, articles: [{title, author, content, ref}]}] for chosen pages."""
    commit = spec["commit"]
    out: list[dict[str, Any]] = []
    if spec["kind"] == "raw":
        data = json.loads(git_show(mirror, commit, spec["path"]))
        assert data["date"] == date
        for page in data["pages"]:
            if page["page"] not in spec["pages"]:
                continue
            arts: list[dict[str, Any]] = [
                {
                    "title": a["title"],
                    "author": a.get("author", ""),
                    "content": a["content"],
                    "ref": a["url"],
                }
                for a in page["articles"]
            ]
            out.append({"page": page["page"], "page_name": page["page_name"], "articles": arts})
    else:
        issue = json.loads(git_show(mirror, commit, f"content/issues/{date}.json"))
        assert issue["date"] == date
        for page in issue["pages"]:
            if page["page_number"] not in spec["pages"]:
                continue
            arts = []
            for entry in sorted(page["articles"], key=lambda e: e["page_sequence"]):
                item = json.loads(
                    git_show(mirror, commit, f"content/issue-items/{date}/{entry['item_id']}.json")
                )
                assert item["page_number"] == page["page_number"]
                block = item["block"]
                arts.append(
                    {
                        "title": block["title"],
                        "author": item.get("author", "") or "",
                        "content": block["content"],
                        "ref": f"{entry['item_id']} seq {entry['page_sequence']}",
                    }
                )
            out.append(
                {"page": page["page_number"], "page_name": page["page_name"], "articles": arts}
            )
    got = [p["page"] for p in out]
    if got != spec["pages"]:
        raise SystemExit(f"{date}: pages {got} != wanted {spec['pages']}")
    return out


_WS = re.compile(r"\s+")


def squash(s: str) -> str:
    return _WS.sub("", s)


def byline_line(author: str, content: str) -> str | None:
    """The stored author as a byline line, unless the content already carries it.

    The newer crawler (2026-07-23 file) fills ``author`` from the ``■ …`` paragraph it
    removes from the content (then the byline is emitted here), or copies it out of a
    dateline ``本报讯（…）`` / a closing wire credit / a trailing photo credit that stays in
    the content (then it would be printed twice, so it is not emitted).
    """
    author = author.strip()
    if not author:
        return None
    if squash(author) in squash(content):
        return None
    return author


def clean_lines(text: str) -> list[str]:
    return [line.rstrip(" \t\r") for line in text.split("\n")]


def render_article(art: dict[str, Any]) -> str:
    title_lines = [t.strip(" \t\r") for t in art["title"].split("\n") if t.strip(" \t\r")]
    parts = ["\n".join(title_lines)]
    by = byline_line(art["author"], art["content"])
    if by:
        parts.append(by)
    paras = [p.strip(" \t\r\n") for p in re.split(r"\n\s*\n", art["content"])]
    paras = ["\n".join(clean_lines(p)) for p in paras if p]
    parts.extend(paras)
    return "\n\n".join(parts)


def render_issue(pages: list[dict[str, Any]]) -> str:
    blocks = []
    for page in pages:
        head = f"第{page['page']}版：{page['page_name']}"
        body = "\n\n".join(render_article(a) for a in page["articles"])
        blocks.append(head + "\n\n" + body)
    text = "\n\n\n\n".join(blocks) + "\n"
    assert "\t" not in text and "\r" not in text
    assert not re.search(r"[ ]+\n", text), "trailing space"
    return text


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mirror", default=MIRROR)
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "texts"))
    ap.add_argument("--list", action="store_true", help="print the article refs, write nothing")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for date, spec in ISSUES.items():
        spec = dict(spec, commit=resolve(args.mirror, spec["commit"]))
        pages = load_issue(args.mirror, date, spec)
        n = sum(len(p["articles"]) for p in pages)
        if args.list:
            for p in pages:
                for a in p["articles"]:
                    print(date, p["page"], a["ref"], a["title"].replace("\n", " / "))
            continue
        text = render_issue(pages)
        path = out / f"hnrb_{date}.txt"
        path.write_text(text, encoding="utf-8")
        print(
            f"{path}: {len(pages)} pages, {n} articles, {len(text.encode())} bytes, "
            f"commit {spec['commit']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
