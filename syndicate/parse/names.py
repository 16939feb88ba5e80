"""People's names: which run of characters is a surname, and how a run of names splits.

A byline printed without spaces (``（记者王五通讯员赵六钱七）``, ``楼斌李周龙``) must be split into
people. A Chinese name is a surname of one character (王) or two (欧阳, 司马) and a given name of
one or two characters, so a run of five is 2+3 or 3+2, a run of six 3+3 or 2+2+2. The split
that starts every name with a known surname wins; three-character names, the commonest, are
preferred, then the more frequent surnames (surname_data.py: frequencies from a maintained
data set). When the best split is not clearly better than another, it is marked doubtful.
"""

from __future__ import annotations

import math
from functools import cache

from syndicate.parse.surname_data import COMPOUND, SINGLE

#: How much better (in summed log frequency) the best split must score to be taken without
#: doubt: ``楼斌李周龙`` (楼斌 李周龙 or 楼斌李 周龙?) falls short, ``张晓明李华`` does not.
MARGIN = 1.5


def _table(data: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for tok in data.split():
        i = next(i for i, c in enumerate(tok) if c.isdigit())
        out[tok[:i]] = int(tok[i:])
    return out


SINGLE_PPM = _table(SINGLE)
COMPOUND_PPM = _table(COMPOUND)


def surname_of(name: str) -> str | None:
    """The surname a name opens with (compound first), or None."""
    if len(name) >= 3 and name[:2] in COMPOUND_PPM:
        return name[:2]
    if name[:1] in SINGLE_PPM:
        return name[:1]
    return None


def _name_score(name: str) -> float | None:
    sur = surname_of(name)
    if sur is None:
        return None
    given = len(name) - len(sur)
    if not 1 <= given <= 2:
        return None
    ppm = (COMPOUND_PPM if len(sur) == 2 else SINGLE_PPM)[sur]
    return math.log(ppm + 2) + (2.0 if given == 2 else 0.0)


@cache
def _splits(run: str) -> tuple[tuple[float, tuple[str, ...]], ...]:
    """Every way to cut ``run`` into names, with its score (best first)."""
    if not run:
        return ((0.0, ()),)
    out: list[tuple[float, tuple[str, ...]]] = []
    for n in (2, 3, 4):
        head = run[:n]
        if len(head) < n or (score := _name_score(head)) is None:
            continue
        for rest_score, rest in _splits(run[n:]):
            out.append((score + rest_score, (head, *rest)))
    # fewer names for the same characters: a split into more names must earn it
    return tuple(sorted(out, key=lambda x: (-(x[0] / max(len(x[1]), 1)), len(x[1]))))


def split_run(run: str) -> tuple[list[str], bool]:
    """Split a run of names printed without spaces: (names, doubtful).

    A run of up to three characters, or of four opening with a compound surname, is one
    person. A run no split explains is kept whole and marked doubtful.
    """
    if len(run) <= 3 or (len(run) == 4 and run[:2] in COMPOUND_PPM):
        return [run], False
    options = _splits(run)
    if not options:
        return [run], True
    best = options[0]
    rivals = [o for o in options[1:] if o[1] != best[1]]
    doubtful = bool(rivals) and best[0] - max(r[0] for r in rivals) < MARGIN
    return list(best[1]), doubtful
