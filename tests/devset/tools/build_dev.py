#!/usr/bin/env python3
"""Build the development (tuning) texts of issue 12 into ../devset/texts/.

The development set is made of EVEN days of the same public crawls the held-out set
(tests/heldout/, odd days) comes from, so that tuning on these never looks at a held-out
issue:

* 海南日报 (karry1155/hndaily-web): 2026-07-08, 07-10, 07-12, 07-14, 07-16, 07-18 and 07-20,
  and the crawl's odd days that no held-out key uses (07-09, 07-15, 07-19 and 07-21; the
  held-out 海南日报 issues are 07-13, 07-17 and 07-23 only), whole pages whose
  ``page_sequence`` has no gaps (so no page is half there);
* 解放日报 (shenxingy/Chinese_newspaper_crawler, the CNKI export): 2022-05-28 and 2022-05-30, and
  the export's other dates that no held-out key uses (2022-04-11, 04-13 and 05-27: odd days, but
  the held-out 解放日报 issues are 05-29, 05-31 and 06-01 only);
* 新华日报 (QiuQQ151/html2txt, commit 82adfbe): 2024-10-20 (a Sunday, whole) and the first
  40 stored items of 2024-10-16, 10-18 and 10-22 (a weekday crawl holds 99 items; 40 is what a
  key can be written for by reading in one sitting), and the first 60 of 2024-10-24 (keyed by
  two readers, 30 items each); and the first 40 of the odd weekdays 10-17, 10-21 and 10-23,
  which no held-out key uses (the held-out 新华日报 issue is 10-19), and their stored items
  41-80 as texts of their own (``xhrb_DATEb.txt``); and the rest of those six weekdays
  (items 71 or 81 to the end) as ``xhrb_DATEc.txt``.

The texts are built with the held-out builders' own rules (tests/heldout/tools), so a dev
text and a held-out text of one paper have the same shape.

Usage:  python3 tests/devset/tools/build_dev.py [--out DIR]
(--out defaults to the directory ``devset/texts`` beside the repository.)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[3]))  # the repository, when run as a script

from tests.heldout.tools import build_hnrb, build_jfrb  # noqa: E402
from tests.heldout.tools import convert_qiuqq_html2txt as qiuqq  # noqa: E402

HNRB: dict[str, dict[str, Any]] = {
    "2026-07-08": {
        "kind": "items",
        "commit": "78245c6d1b",
        "pages": ["001", "002", "003", "006", "007"],
    },
    "2026-07-10": {
        "kind": "items",
        "commit": "78245c6d1b",
        "pages": ["001", "002", "003", "004", "005", "006", "007", "008"],
    },
    "2026-07-12": {
        "kind": "items",
        "commit": "16539f6564",
        "pages": ["001", "002", "003", "004"],
    },
    "2026-07-14": {
        "kind": "items",
        "commit": "16539f6564",
        "pages": ["001", "002", "004", "005", "006", "007", "008"],
    },
    "2026-07-16": {
        "kind": "items",
        "commit": "16539f6564",
        "pages": ["004", "005", "006", "007", "008"],
    },
    "2026-07-18": {
        "kind": "items",
        "commit": "16539f6564",
        "pages": ["002", "004"],
    },
    "2026-07-20": {
        "kind": "items",
        "commit": "7853111e87",
        "pages": [
            "001",
            "004",
            "005",
            "006",
            "007",
            "010",
            "011",
            "012",
            "013",
            "014",
            "015",
            "016",
            "018",
            "019",
            "020",
            "021",
            "022",
            "024",
        ],
    },
    "2026-07-09": {
        "kind": "items",
        "commit": "78245c6d1b",
        "pages": ["001", "002", "003", "004", "006", "007", "008"],
    },
    "2026-07-15": {
        "kind": "items",
        "commit": "16539f6564",
        "pages": ["002", "003", "004", "007", "008"],
    },
    "2026-07-19": {
        "kind": "items",
        "commit": "7853111e87",
        "pages": ["001", "004"],
    },
    "2026-07-21": {
        "kind": "items",
        "commit": "7853111e87",
        "pages": ["001", "002", "003", "004", "005", "006", "008"],
    },
}
#: Pages whose ``page_sequence`` has gaps (a record the crawl lost): the records that are there,
#: in page order, as texts of their own (``hnrbp_DATE.txt``), so no whole-page text changes.
HNRB_PARTIAL: dict[str, dict[str, Any]] = {
    "2026-07-14": {"kind": "items", "commit": "16539f6564", "pages": ["003"]},
    "2026-07-15": {"kind": "items", "commit": "16539f6564", "pages": ["001"]},
    "2026-07-16": {"kind": "items", "commit": "16539f6564", "pages": ["001", "002", "003"]},
    "2026-07-18": {"kind": "items", "commit": "16539f6564", "pages": ["001", "003"]},
    "2026-07-19": {"kind": "items", "commit": "7853111e87", "pages": ["002", "003"]},
    "2026-07-20": {"kind": "items", "commit": "7853111e87", "pages": ["002", "003"]},
}
JFRB = ["2022-04-11", "2022-04-13", "2022-05-27", "2022-05-28", "2022-05-30"]
QIUQQ_COMMIT = "82adfbe"
XHRB: dict[str, int | None] = {
    "2024-10-16": 70,
    "2024-10-18": 70,
    "2024-10-20": None,
    "2024-10-22": 70,
    "2024-10-24": None,
    # odd weekdays no held-out key uses (the held-out 新华日报 issue is 10-19 only)
    "2024-10-17": 40,
    "2024-10-21": 40,
    "2024-10-23": 40,
}
#: Later stored items of the odd weekdays, as texts of their own (``xhrb_DATEb.txt``), so the
#: texts of the first 40 do not change: stored items 41-80.
XHRB_B: dict[str, tuple[int, int]] = {
    "2024-10-17": (40, 80),
    "2024-10-21": (40, 80),
    "2024-10-23": (40, 80),
}
#: The rest of those days' stored items (81 to the end), and items 71 to the end of the even
#: weekdays whose first 70 are keyed (``xhrb_DATEc.txt``): keyed last, measured fresh.
XHRB_C: dict[str, int] = {
    "2024-10-16": 70,
    "2024-10-17": 80,
    "2024-10-18": 70,
    "2024-10-21": 80,
    "2024-10-22": 70,
    "2024-10-23": 80,
}
QIUQQ_MIRROR = "/work/.mirror/QiuQQ151+html2txt/repo"


def _write_hnrb(out: Path, name: str, date: str, spec: dict[str, Any], what: str) -> None:
    spec = dict(spec, commit=build_hnrb.resolve(build_hnrb.MIRROR, spec["commit"]))
    pages = build_hnrb.load_issue(build_hnrb.MIRROR, date, spec)
    text = build_hnrb.render_issue(pages)
    path = out / name
    path.write_text(text, encoding="utf-8")
    n = sum(len(p["articles"]) for p in pages)
    print(f"{path}: {len(pages)} {what}, {n} records, {len(text.encode())} bytes")


def _write_xhrb(out: Path, name: str, date: str, first: int, last: int | None) -> None:
    """Stored items ``first`` to ``last`` (all to the end: None) of one day's crawl."""
    stored = "history/XHRB" + date.replace("-", "") + ".txt"
    raw = subprocess.check_output(
        ["git", "-C", QIUQQ_MIRROR, "show", f"{QIUQQ_COMMIT}:{stored}"]
    ).decode("utf-8")
    text, dropped = qiuqq.render(qiuqq.parse(raw)[first:last])
    path = out / name
    path.write_text(text, encoding="utf-8")
    print(f"{path}: {len(text.encode())} bytes, dropped picture-only items {dropped}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(HERE.parents[4] / "devset" / "texts"))
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for date, spec in HNRB.items():
        _write_hnrb(out, f"hnrb_{date}.txt", date, spec, "pages")
    for date, spec in HNRB_PARTIAL.items():
        _write_hnrb(out, f"hnrbp_{date}.txt", date, spec, "partial pages")
    rows = build_jfrb.load_rows(build_jfrb.MIRROR)
    for date in JFRB:
        text, n, nums = build_jfrb.build_issue(rows, date)
        path = out / f"jfrb_{date}.txt"
        path.write_text(text, encoding="utf-8")
        print(f"{path}: {n} records, pages {nums}, {len(text.encode())} bytes")
    for date, count in XHRB.items():
        _write_xhrb(out, f"xhrb_{date}.txt", date, 0, count)
    for date, (first, last) in XHRB_B.items():
        _write_xhrb(out, f"xhrb_{date}b.txt", date, first, last)
    for date, first in XHRB_C.items():
        _write_xhrb(out, f"xhrb_{date}c.txt", date, first, None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
