"""``syndicate ingest``, ``db upgrade`` and ``run`` against a real database (both backends)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from syndicate.cli import main
from syndicate.store.engine import schema_revision
from syndicate.store.schema import articles, issue_revisions, issues
from tests.conftest import ISSUES, SEED


@pytest.fixture
def env(db: Engine, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder (no config file) with the test database configured."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SYNDICATE_CONFIG", raising=False)
    monkeypatch.setenv("SYNDICATE_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("SYNDICATE_DATABASE", db_url)
    return tmp_path


def counts(db: Engine) -> tuple[int, int, int]:
    with db.connect() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (issues, issue_revisions, articles)
        )


def test_ingest_prints_the_key_last_and_is_idempotent(
    env: Path, db: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(SEED)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "jngx/2022-03-25" and "new issue" in out[0]
    assert counts(db) == (1, 1, 9)
    assert main(["ingest", str(SEED)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "jngx/2022-03-25" and "unchanged" in out[0]
    assert counts(db) == (1, 1, 9)


def test_a_bad_file_is_a_one_line_error(
    env: Path, db: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = env / "notes.txt"
    bad.write_text("随便写点什么\n", encoding="utf-8")
    assert main(["ingest", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {bad}: ") and err.count("\n") == 1
    assert main(["ingest", str(env / "missing.txt")]) == 2
    assert "cannot read the file" in capsys.readouterr().err
    assert main(["ingest", str(SEED), "--paper", "nope"]) == 2
    assert capsys.readouterr().err.startswith("error: --paper: paper 'nope'")
    assert counts(db) == (0, 0, 0)


def test_date_option_names_an_undated_file(
    env: Path, db: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    undated = env / "issue.txt"
    undated.write_text("第01版\n\n一篇报道的标题\n本报讯 这是一篇报道的正文。\n", encoding="utf-8")
    assert main(["ingest", str(undated), "--date", "2024-05-06"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "jngx/2024-05-06"


def test_run_ingests_the_inbox(env: Path, db: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    inbox = env / "var" / "inbox"
    inbox.mkdir(parents=True)
    for p in sorted(ISSUES.glob("*.txt"))[:2]:
        shutil.copy(p, inbox)
    assert main(["run", "--once"]) == 0
    out = capsys.readouterr().out
    assert out.count(": jngx/") == 2, out
    assert counts(db)[0] == 2
    assert sorted(p.name for p in (inbox / "processed").iterdir()) == [
        p.name for p in sorted(ISSUES.glob("*.txt"))[:2]
    ]


def test_db_upgrade_reports_the_revision(
    env: Path, db: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    _, head = schema_revision(db)
    assert capsys.readouterr().out.strip().endswith(f": at revision {head}")


def test_the_installed_command_prints_the_key(tmp_path: Path) -> None:
    """The console script, as an admin runs it: SQLite created and upgraded on first use."""
    env = {"SYNDICATE_DATA_DIR": str(tmp_path / "var"), "PATH": "/usr/bin:/bin"}
    exe = Path(sys.executable).parent / "syndicate"
    done = subprocess.run(
        [str(exe), "ingest", str(SEED)], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "jngx/2022-03-25"
    assert (tmp_path / "var" / "syndicate.db").exists()
