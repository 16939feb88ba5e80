"""The failpoint mechanism the crash matrix (tests/reliability/) relies on."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

from syndicate import failpoints

SOURCE = Path(__file__).parent.parent / "syndicate"
CALL = re.compile(r"""\b(?:failpoint|armed)\(\s*"([^"]+)"\s*\)""")


def calls_in_code() -> set[str]:
    names: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if path.name != "failpoints.py":
            names |= set(CALL.findall(path.read_text(encoding="utf-8")))
    return names


def test_every_documented_point_is_in_the_code_and_no_other() -> None:
    assert calls_in_code() == set(failpoints.POINTS)


def test_the_variable_is_a_list_of_names_with_an_optional_count() -> None:
    assert failpoints._parse("") == {}
    assert failpoints._parse(" a , b@3,c@0,d@x,,") == {"a": 1, "b": 3, "c": 1, "d": 1}


def run(code: str, armed: str | None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin"} | ({failpoints.ENV: armed} if armed is not None else {})
    return subprocess.run([sys.executable, "-c", code], env=env, text=True, capture_output=True,
                          timeout=60, cwd=SOURCE.parent)  # fmt: skip


PROGRAM = """
from syndicate.failpoints import failpoint
for i in range(1, 4):
    print(i, flush=True)
    failpoint("ingest.store")
print("done", flush=True)
"""


def test_an_armed_point_kills_the_process_on_its_nth_hit() -> None:
    died = run(PROGRAM, "ingest.store@2")
    assert died.returncode == -signal.SIGKILL and died.stdout.split() == ["1", "2"]
    assert run(PROGRAM, "ingest.store").stdout.split() == ["1"]


def test_unarmed_or_other_points_do_nothing() -> None:
    for armed in (None, "", "publish.rename", "ingest.stor"):
        done = run(PROGRAM, armed)
        assert done.returncode == 0 and done.stdout.split() == ["1", "2", "3", "done"]
