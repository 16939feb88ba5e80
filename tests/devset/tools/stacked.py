#!/usr/bin/env python3
"""Write the 新华日报 development texts read as a crawl of stacked headlines.

The dev 新华日报 crawls print one-line headlines, so the parser cuts them by their lines
(articles.py); the held-out 新华日报 and 南方日报 crawls carry two-line headlines and are cut
by their blocks (flat.py). To tune the block cutter on the same real text, this script puts
three short stories with two-line headlines in front of each dev text (which makes the issue
read as stacked) and writes a copy of its key naming the new file; the three stories are not
in the key, so only the real articles are measured.

Usage:  python3 tests/devset/tools/stacked.py [--texts DIR] [--keys DIR]
then    python3 tests/heldout/measure.py ../devset/keysS/*.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve()
DEV = HERE.parents[4] / "devset"
PREFIX = "".join(
    f"第{n}条要闻的引题\n第{n}条要闻的主标题\n\n"
    f"本报讯 （记者 王伟） 这是第{n}条要闻的第一段，它讲了一件事情。\n\n"
    f"这是第{n}条要闻的第二段，它把事情讲完了。\n\n"
    for n in "一二三"
)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", default=str(DEV / "texts"))
    ap.add_argument("--keys", default=str(DEV / "keysS"))
    args = ap.parse_args(argv)
    texts, keys = Path(args.texts), Path(args.keys)
    keys.mkdir(parents=True, exist_ok=True)
    for key in sorted((HERE.parents[1] / "keys").glob("xhrb_*.json")):
        date = key.stem.removeprefix("xhrb_")
        text = (texts / f"xhrb_{date}.txt").read_text(encoding="utf-8")
        out = texts / f"xhrbS_{date}.txt"
        out.write_text(PREFIX + text, encoding="utf-8")
        k = json.loads(key.read_text(encoding="utf-8"))
        k["file"] = f"devset/texts/{out.name}"
        k["_note"] = "Stacked reading of " + key.name + " (tests/devset/tools/stacked.py)."
        path = keys / f"xhrbS_{date}.json"
        path.write_text(json.dumps(k, ensure_ascii=False, indent=1), encoding="utf-8")
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
