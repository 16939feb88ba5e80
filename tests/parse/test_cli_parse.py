"""`syndicate parse`: the documented JSON on stdout; bad files give one line and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from syndicate.cli import main
from tests.conftest import ISSUES, SEED


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_prints_the_interface_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["parse", str(SEED)], capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) >= {"paper", "date", "weekday", "lunar_date", "serial", "number_in_year"}
    assert set(data["paper"]) == {
        "name", "supervisor", "sponsor", "publisher", "cn", "hotline", "slogan"
    }  # fmt: skip
    art = data["articles"][0]
    assert set(art) >= {
        "page", "column", "kicker", "title", "subtitle", "dateline", "place", "reporters",
        "correspondents", "credits", "captions", "paragraphs",
    }  # fmt: skip
    assert (art["kicker"], art["dateline"], art["place"]) == ("济宁高新区", "本报济宁讯", "济宁")
    assert {"kind", "page", "detail"} == set(data["problems"][0])
    assert "\\u" not in out and "济宁高新新闻" in out


def test_the_console_script_runs_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    cmd = [sys.executable, "-m", "syndicate", "parse", str(bad)]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert p.returncode == 2
    assert p.stderr.startswith(f"error: {bad}: ") and p.stderr.count("\n") == 1
    assert "Traceback" not in p.stderr and p.stdout == ""


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"", "empty"),
        ("没有日期的一段文字。\n".encode(), "no issue date"),
    ],
)
def test_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, why: str
) -> None:
    f = tmp_path / "issue.txt"
    f.write_bytes(content)
    code, out, err = run(["parse", str(f)], capsys)
    assert code == 2 and out == ""
    assert err.startswith(f"error: {f}: ") and why in err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["parse", str(tmp_path / "nope.txt")], capsys)
    assert code == 2 and "cannot read the file" in err


def test_date_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "标题一行\n\n本报讯 正文第一段。\n"
    undated = tmp_path / "issue.txt"
    undated.write_text(text, encoding="utf-8")
    code, out, _ = run(["parse", str(undated), "--date", "2024-05-06"], capsys)
    assert code == 0 and json.loads(out)["date"] == "2024-05-06"
    named = tmp_path / "paper_20240507.txt"
    named.write_text(text, encoding="utf-8")
    code, out, _ = run(["parse", str(named), "--date", "2024-05-06"], capsys)
    assert json.loads(out)["date"] == "2024-05-07"  # the file name beats --date
    code, out, _ = run(["parse", str(SEED), "--date", "2024-05-06"], capsys)
    data = json.loads(out)
    assert data["date"] == "2022-03-25"  # the masthead beats both
    assert any("differs" in p["detail"] for p in data["problems"])
    code, _, err = run(["parse", str(undated), "--date", "May 6"], capsys)
    assert code == 2 and err.startswith("error: --date: ")


def test_every_golden_file_parses_through_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    for path in sorted(ISSUES.glob("*.txt")):
        code, out, _ = run(["parse", str(path)], capsys)
        assert code == 0 and json.loads(out)["articles"], path.name


def test_parse_prints_doubts_and_confidence(capsys: pytest.CaptureFixture[str]) -> None:
    tabloid = Path(__file__).parent.parent / "data" / "family" / "tabloid_2025-03-01.txt"
    code, out, err = run(["parse", str(tabloid)], capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["doubts"] == [
        {
            "kind": "dropped-item",
            "page": 2,
            "article": None,
            "where": "headline without a body: 福利彩票开奖公告",
        }
    ]
    assert 0 < data["confidence"] < 1
    assert [p["code"] for p in data["pages"]] == ["A01", "A02"]
    assert {a["kind"] for a in data["articles"]} == {"article"}
    assert data["articles"][1]["subheads"] == [2, 3]
    seed = json.loads(run(["parse", str(SEED)], capsys)[1])
    assert (seed["confidence"], seed["doubts"]) == (1.0, [])
