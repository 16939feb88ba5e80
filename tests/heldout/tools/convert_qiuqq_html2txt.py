#!/usr/bin/env python3
"""Convert QiuQQ151/html2txt crawler output (history/XHRB*.txt, NFRB*.txt) to the
syndicate real-text format. Stdlib only.

Builds the held-out newpapers/texts/xhrb_2024-10-19.txt and nfrb_2024-10-24.txt (under /work)
that tests/heldout/keys/xhrb_*.json and nfrb_*.json annotate. Source: the git mirror of
QiuQQ151/html2txt at /work/.mirror/QiuQQ151+html2txt/repo, fetched with the session's fetch
tool (github:QiuQQ151/html2txt); it has no work tree, so the input is first extracted with
`git show` at commit 82adfbe (see /work/newpapers/SOURCES.md):

    git -C /work/.mirror/QiuQQ151+html2txt/repo show 82adfbe:history/XHRB20241019.txt > /tmp/x19.txt
    python3 tests/heldout/tools/convert_qiuqq_html2txt.py /tmp/x19.txt xhrb_2024-10-19.txt
    git -C /work/.mirror/QiuQQ151+html2txt/repo show 82adfbe:history/NFRB20241024.txt > /tmp/n24.txt
    python3 tests/heldout/tools/convert_qiuqq_html2txt.py /tmp/n24.txt nfrb_2024-10-24.txt

Source layout (one article):
    [https://epaper.../content_N.html]      (NFRB only; crawler's URL line)
    <图片:n> | <图片:7.jpg>                  (crawler's picture marker)
    7<标题:TITLE LINE 1                      (crawler's running number + title;
    TITLE LINE 2>                             title may span lines, closes with '>')
       body line                              (crawler indents every body line)
      <end>
Rules: drop the crawler's 4-line file header, URL lines, picture markers, running
numbers, '<标题:'/'>' wrappers and '<end>'; strip the crawler's ASCII indent from body
lines; drop blank body lines; '</p><p>' inside a title (NFRB) is the source's line
break, written as a new headline line; '&nbsp;' is decoded to U+00A0 (NFRB); items
whose title is blank and body empty (picture-only) are dropped. Headline lines, a
blank line, then one paragraph per stored body line, blank lines between. The source
has no page (版面) metadata, so no page-header line is written (nothing invented).
"""

import re
import sys
from typing import TypedDict


class Item(TypedDict):
    """One crawler article: its running number, title lines and body lines."""

    num: int
    title: list[str]
    body: list[str]


def parse(text: str) -> list[Item]:
    lines = text.split("\n")
    # crawler header: 每日X日报 / 日期： / 起始编号： / 制作：
    i = 0
    while (
        i < len(lines)
        and not lines[i].startswith("<图片")
        and not re.match(r"^https?://", lines[i])
    ):
        i += 1
    arts: list[Item] = []
    cur: Item | None = None
    in_title = False
    for raw in lines[i:]:
        line = raw.rstrip("\r")
        if in_title:
            assert cur is not None  # in_title is only set once cur is an article
            if line.endswith(">"):
                cur["title"].append(line[:-1])
                in_title = False
            else:
                cur["title"].append(line)
            continue
        if re.match(r"^https?://", line) or re.match(r"^<图片:.*>$", line):
            continue
        m = re.match(r"^(\d+)<标题:(.*)$", line)
        if m:
            cur = {"num": int(m.group(1)), "title": [], "body": []}
            arts.append(cur)
            t = m.group(2)
            if t.endswith(">"):
                cur["title"].append(t[:-1])
            else:
                cur["title"].append(t)
                in_title = True
            continue
        if line.strip() == "<end>":
            cur = None
            continue
        if cur is None:
            if line.strip():
                raise SystemExit(f"unexpected line outside article: {line!r}")
            continue
        body = line.lstrip(" ")
        if body.strip(" \u3000") == "":
            continue
        cur["body"].append(body)
    return arts


def clean(s: str) -> str:
    s = s.replace("&nbsp;", "\u00a0")
    return s.rstrip(" \t")


def render(arts: list[Item]) -> tuple[str, list[int]]:
    out_blocks: list[str] = []
    dropped: list[int] = []
    for a in arts:
        heads: list[str] = []
        for t in a["title"]:
            for part in t.split("</p><p>"):
                part = clean(part).strip(" ")
                if part:
                    heads.append(part)
        body = [clean(b) for b in a["body"]]
        body = [b for b in body if b.strip(" \u3000\u00a0")]
        if not heads and not body:
            dropped.append(a["num"])
            continue
        block = "\n".join(heads)
        if body:
            block += "\n\n" + "\n\n".join(body)
        out_blocks.append(block)
    return "\n\n".join(out_blocks) + "\n", dropped


if __name__ == "__main__":
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        text = f.read()
    arts = parse(text)
    out, dropped = render(arts)
    assert "\t" not in out
    with open(dst, "w", encoding="utf-8", newline="\n") as f:
        f.write(out)
    print(
        f"{dst}: {len(arts)} items, dropped empty picture-only items {dropped}, "
        f"{len(out.encode())} bytes"
    )
