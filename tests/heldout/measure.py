"""Measure `syndicate parse` against hand-made keys: checks held, exact articles, merges.

usage: python measure.py [--bin SYN] [--root ROOT] [--checker CHECK_PARSE.py] [-v] KEY.json ...
Exact = a required key article has a parsed article with one of its titles, on its page, with
its paragraph count. Merged = a key article's first paragraph sits inside another parsed
article's body, followed there by the key's second paragraph (a short prefix such as
``2024年以来`` alone opens paragraphs of other stories too); silent when no doubt names that
parsed article.

Defaults: --bin is this repo's .venv/bin/syndicate, --root (the directory each key's "file"
is relative to) is the repo root's parent, and --checker is the shared acceptance script
check_parse.py, whose canon / run_parse / Tally / check_issue are used (loaded by path).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CHECKER = "/work/shared/acceptance/check_parse.py"


def load_checker(path: str) -> ModuleType:
    """Import check_parse.py from its path (it is not a package on sys.path)."""
    spec = importlib.util.spec_from_file_location("check_parse", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the checker {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(REPO / ".venv" / "bin" / "syndicate"))
    ap.add_argument("--root", default=str(REPO.parent))
    ap.add_argument("--checker", default=CHECKER)
    ap.add_argument("-v", action="store_true")
    ap.add_argument("keys", nargs="+")
    o = ap.parse_args()
    cp: Any = load_checker(o.checker)
    tot_h = tot_t = tot_ex = tot_req = tot_m = tot_s = 0
    for k in o.keys:
        exp: dict[str, Any] = json.loads(Path(k).read_text(encoding="utf-8"))
        got, err = cp.run_parse(o.bin, Path(o.root) / exp["file"])
        t = cp.Tally()
        if got is None:
            print(f"{Path(k).name}: {err}")
            continue
        cp.check_issue(t, got, exp, Path(k).stem[:28])
        arts = got.get("articles") or []
        doubted = {d.get("article") for d in got.get("doubts") or []}
        ex = req = merged = silent = 0
        bad: list[str] = []
        for w in exp["articles"]:
            if w.get("optional"):
                continue
            req += 1
            titles = {cp.canon(x) for x in w.get("title_any", [w.get("title")])}
            ok = any(
                cp.canon(a.get("title")) in titles
                and a.get("page") == w["page"]
                and len(a.get("paragraphs") or []) == len(w["paragraphs"])
                for a in arts
            )
            ex += ok
            name = (w.get("title") or w["title_any"][0])[:16]
            if not ok:
                bad.append(name)
            if not w["paragraphs"] or ok:
                continue
            first = cp.canon(w["paragraphs"][0])
            second = cp.canon(w["paragraphs"][1]) if len(w["paragraphs"]) > 1 else None
            if any(cp.canon(a.get("title")) in titles for a in arts):
                continue
            for i, a in enumerate(arts):
                ps = [cp.canon(p) for p in a.get("paragraphs") or []]
                # the key's first paragraph inside the body, followed by its second (a short
                # prefix such as ``2024年以来`` alone opens paragraphs of other stories too)
                inside = [
                    m
                    for m, p in enumerate(ps)
                    if (m > 0 and p.startswith(first)) or (first in p and not p.startswith(first))
                ]
                if any(
                    second is None or ps[m + 1 : m + 2] == [] or ps[m + 1].startswith(second)
                    for m in inside
                ):
                    merged += 1
                    if i not in doubted:
                        silent += 1
                        bad[-1] += " [SILENT MERGE]"
                    else:
                        bad[-1] += " [merged, doubted]"
                    break
        print(
            f"{Path(k).stem}: checks {t.held}/{t.total} ({100 * t.held / max(t.total, 1):.1f}%), "
            f"exact {ex}/{req}, merged {merged} (silent {silent}), parsed {len(arts)}"
        )
        if o.v:
            for b in bad:
                print("   not exact:", b)
            for m in t.misses:
                print("   miss:", m)
        tot_h += t.held
        tot_t += t.total
        tot_ex += ex
        tot_req += req
        tot_m += merged
        tot_s += silent
    print(
        f"TOTAL: checks {tot_h}/{tot_t} ({100 * tot_h / max(tot_t, 1):.1f}%), "
        f"exact {tot_ex}/{tot_req} ({100 * tot_ex / max(tot_req, 1):.1f}%), "
        f"merged {tot_m} (silent {tot_s})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
