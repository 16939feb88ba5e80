"""``syndicate subscribers prefs``, ``list --json`` and the CSV's preference columns (issue 14):
bad input is one line and changes nothing; old CSVs still import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from syndicate.cli import main
from syndicate.newsletter.prefs_store import history
from syndicate.newsletter.subscribers import find
from tests.conftest import SEED

COLUMN = "奋进新征程 建功新时代"


@pytest.fixture
def env(db: Engine, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("SYNDICATE_CONFIG", "SYNDICATE_SMTP", "SYNDICATE_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SYNDICATE_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("SYNDICATE_DATABASE", db_url)
    assert main(["ingest", str(SEED)]) == 0
    assert main(["subscribers", "add", "a@example.com", "--confirmed"]) == 0
    return tmp_path


def prefs_json(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    capsys.readouterr()
    assert main(["subscribers", "list", "--json"]) == 0
    return {r["email"]: r["prefs"] for r in json.loads(capsys.readouterr().out)}


BAD = [
    (["--pages", "1,9"], "page '9' is not a page of this paper (known: 1, 2, 3)"),
    (["--columns", "体育"], "column '体育' is not a column of this paper (known: 奋进新征程"),
    (["--weekday", "0"], "weekday '0' is out of range: use 1 (Monday) to 7 (Sunday)"),
    (["--script", "hant-cn"], "script 'hant-cn' is not offered: use one of hans, hant-tw"),
    (["--time", "7"], "time '7' is not a time of day: use HH:MM"),
    (["--pause-until", "soon"], "date 'soon' is not a date: use YYYY-MM-DD"),
    (["--pages", "1"], "nobody@example.com: not a subscriber of jngx"),
]


def test_bad_input_is_one_line_and_changes_nothing(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = prefs_json(capsys)
    for args, error in BAD:
        who = "nobody@example.com" if "nobody" in error else "a@example.com"
        assert main(["subscribers", "prefs", who, "--frequency", "weekly", *args]) == 2
        err = capsys.readouterr().err
        assert error in err and err.count("\n") == 1 and "Traceback" not in err, args
    assert prefs_json(capsys) == before


def test_prefs_are_shown_kept_with_history_and_carried_by_the_csv(
    env: Path, db: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--frequency", "weekly", "--weekday", "5", "--time", "7:30", "--pages", "1,3",
            "--columns", COLUMN, "--content", "full", "--script", "hant-hk"]  # fmt: skip
    assert main(["subscribers", "prefs", "a@example.com", *args]) == 0
    assert main(["subscribers", "prefs", "a@example.com", "--frequency", "issue"]) == 0
    assert main(["subscribers", "prefs", "a@example.com", "--frequency", "issue"]) == 0  # same
    shown = prefs_json(capsys)["a@example.com"]
    assert shown == {"frequency": "issue", "weekday": 5, "send_time": "07:30",
                     "paused_until": None, "pages": [1, 3], "columns": ["奋进新征程 建功新时代"],
                     "content": "full", "script": "hant-hk"}  # fmt: skip
    sub = find(db, "jngx", "a@example.com")
    assert sub is not None
    assert [(source, p.frequency) for _, source, p in history(db, sub.id)] == [
        ("cli", "weekly"), ("cli", "issue")
    ]  # fmt: skip

    capsys.readouterr()
    assert main(["subscribers", "export"]) == 0
    exported = capsys.readouterr().out
    assert 'issue,5,07:30,,"1,3",奋进新征程 建功新时代,full,hant-hk' in exported
    csv = env / "prefs.csv"
    csv.write_text(exported.replace("a@example.com", "b@example.com"), encoding="utf-8")
    old = env / "old.csv"  # the format before issue 14: preferences stay as they are
    old.write_text("email,name,paper,status,subscribed_at\na@example.com,,jngx,confirmed,\n",
                   encoding="utf-8")  # fmt: skip
    bad = env / "bad.csv"
    bad.write_text("email,script\nc@example.com,latin\n", encoding="utf-8")
    for path in (csv, old, bad):
        assert main(["subscribers", "import", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"{bad}:2: script 'latin' is not offered" in err
    after = prefs_json(capsys)
    assert after["b@example.com"] == after["a@example.com"] == shown
    assert "c@example.com" not in after  # the whole row was rejected
