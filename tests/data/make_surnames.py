"""Regenerate syndicate/parse/surname_data.py from its two sources (see that module).

usage: python tests/data/make_surnames.py FAMILYNAME_ORCID.csv GIVENNAME_ORCID.csv BAIJIAXING.json

- FAMILYNAME_ORCID.csv, GIVENNAME_ORCID.csv: ``sinonym/data/`` in the sinonym 0.5.1 wheel
  (``pip download --no-deps sinonym==0.5.1``; Apache-2.0).
- BAIJIAXING.json: ``蒙学/baijiaxing.json`` of chinese-poetry/chinese-poetry (MIT).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).parents[2] / "syndicate" / "parse" / "surname_data.py"
#: Keep a single surname if its surname frequency is at least this share of its frequency
#: as a given-name character (drops 敏, 静, 颖: given names the ORCID data took for surnames).
GIVEN_SHARE = 0.1


#: In the 百家姓's last part (from 万俟) most surnames are compound, read in pairs; these
#: characters there are single surnames (仉 督, 晋 楚 闫 法 …), the traditional reading.
TAIL_SINGLES = "仉督晋楚闫法汝鄢涂钦归海岳帅缑亢况后有琴佘佴墨哈谯笪年爱阳佟言福"


def baijiaxing(path: Path) -> tuple[set[str], set[str]]:
    text = "".join(json.loads(path.read_text("utf-8"))["paragraphs"])
    text = re.sub(r"[，。]", "", text).replace("百家姓终", "")
    head, tail = text[: text.index("万俟")], text[text.index("万俟") :]
    singles, compounds, i = set(head), set(), 0
    while i < len(tail):
        if tail[i] in TAIL_SINGLES:
            singles.add(tail[i])
            i += 1
        else:
            compounds.add(tail[i : i + 2])
            i += 2
    return singles, compounds


def chunk(items: list[tuple[str, float]]) -> str:
    lines, line = [], ""
    for tok in (f"{k}{round(v)}" for k, v in items):
        if len(line) + len(tok) > 44:
            lines.append(line)
            line = tok
        else:
            line = f"{line} {tok}".strip()
    return "\n".join([*lines, line])


def main(family: Path, given: Path, bjx: Path) -> None:
    singles_bjx, compounds_bjx = baijiaxing(bjx)
    given_ppm = {
        r["character"]: float(r["ppm"]) for r in csv.DictReader(given.open(encoding="utf-8"))
    }
    ppm: dict[str, float] = {}
    for r in csv.DictReader(family.open(encoding="utf-8")):
        s, p = r["surname"], float(r["ppm"])
        if len(s) == 2 and s in compounds_bjx:
            ppm[s] = p
        elif len(s) == 1 and (
            s in singles_bjx or (p >= 1 and p >= GIVEN_SHARE * given_ppm.get(s, 0))
        ):
            ppm[s] = p
    for s in singles_bjx | compounds_bjx:
        ppm.setdefault(s, 0.0)
    single = sorted(((s, p) for s, p in ppm.items() if len(s) == 1), key=lambda x: (-x[1], x[0]))
    compound = sorted(((s, p) for s, p in ppm.items() if len(s) == 2), key=lambda x: (-x[1], x[0]))
    head = OUT.read_text("utf-8").split('SINGLE = """')[0]
    OUT.write_text(
        f'{head}SINGLE = """\n{chunk(single)}\n"""\n\nCOMPOUND = """\n{chunk(compound)}\n"""\n',
        encoding="utf-8",
    )


if __name__ == "__main__":
    main(*map(Path, sys.argv[1:4]))
