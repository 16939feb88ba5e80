"""What the commands tell their operator: which config and data dir they use, and one-line
errors (exit 2, no traceback) for a stray directory, a port in use, an unwritable data dir and
a broken override template; an unpublished issue is published by the next ingest."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from syndicate.cli import main
from syndicate.store.marker import MARKER
from tests.conftest import SEED

KEY = "jngx/2022-03-25"


@pytest.fixture
def stray(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty directory outside any project: no config file, no SYNDICATE_* settings."""
    monkeypatch.chdir(tmp_path)
    for name in ("SYNDICATE_CONFIG", "SYNDICATE_DATA_DIR", "SYNDICATE_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def error_line(err: str) -> str:
    """The one ``error:`` line of stderr (a ``syndicate:`` note may stand before it)."""
    lines = [line for line in err.splitlines() if not line.startswith("syndicate: ")]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


def test_outside_a_project_commands_say_where_their_data_goes(
    stray: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status"]) == 0
    err = capsys.readouterr().err
    assert "no config file" in err and f"data dir {stray / 'var'}" in err


def test_run_and_send_refuse_a_data_dir_they_did_not_make(
    stray: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--once"]) == 2
    line = error_line(capsys.readouterr().err)
    assert f"{stray / 'var'} is not a syndicate data dir" in line and "--config" in line
    assert not (stray / "var").exists()  # refused before anything was made
    assert main(["send", KEY, "--channel", "email"]) == 2
    assert "is not a syndicate data dir" in error_line(capsys.readouterr().err)
    # a data dir syndicate made (here by ingest) is fine
    assert main(["ingest", str(SEED)]) == 0
    assert (stray / "var" / MARKER).is_file()
    assert main(["run", "--once"]) == 0


def test_an_explicit_data_dir_is_not_refused(
    stray: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SYNDICATE_DATA_DIR", str(stray / "data"))
    assert main(["run", "--once"]) == 0
    assert "no config file" not in capsys.readouterr().err


def test_a_port_in_use_is_one_line(
    stray: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SYNDICATE_DATA_DIR", str(stray / "data"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for argv in (["serve"], ["run"]):
            assert main([*argv, "--listen", f"127.0.0.1:{port}"]) == 2
            line = error_line(capsys.readouterr().err)
            assert f"cannot listen on 127.0.0.1:{port}" in line and "--listen" in line
    assert not (stray / "data" / "syndicate.db").exists()  # `run` stopped before the worker


def test_an_unwritable_data_dir_is_one_line(
    stray: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (stray / "afile").write_text("not a directory\n")
    monkeypatch.setenv("SYNDICATE_DATA_DIR", str(stray / "afile" / "var"))
    assert main(["ingest", str(SEED)]) == 2
    line = error_line(capsys.readouterr().err)
    assert "cannot write there" in line and "SYNDICATE_DATA_DIR" in line


def test_a_broken_override_is_named_and_the_issue_published_once_fixed(
    stray: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    overrides = stray / "mytemplates"
    overrides.mkdir()
    (overrides / "issue.html").write_text("{% extends 'base.html' %}{% block main %}{% if %}")
    config = stray / "syndicate.toml"
    config.write_text(f'data_dir = "{stray / "var"}"\nweb_templates = "{overrides}"\n')
    monkeypatch.setenv("SYNDICATE_CONFIG", str(config))
    assert main(["config", "check"]) == 2
    assert f"template {overrides / 'issue.html'}:1" in error_line(capsys.readouterr().err)
    assert main(["ingest", str(SEED)]) == 2  # stored, but its pages cannot be written
    assert "issue.html" in error_line(capsys.readouterr().err)
    issue_page = stray / "var" / "public" / "jngx" / "2022-03-25" / "index.html"
    assert not issue_page.exists()
    (overrides / "issue.html").unlink()  # fixed: back to the shipped template
    assert main(["ingest", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "unchanged" in out and "published" in out  # the unchanged issue is published now
    assert issue_page.exists()
    assert main(["ingest", str(SEED)]) == 0
    assert "published" not in capsys.readouterr().out  # and only once


def test_config_check_prints_the_effective_settings(
    stray: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["config", "check"]) == 0
    out = capsys.readouterr().out
    var = stray / "var"
    assert "# config: none found: the defaults" in out
    assert f'data_dir = "{var}"' in out
    assert f'database = "sqlite:///{var / "syndicate.db"}"' in out
    assert f'smtp = "maildir:{var / "outbox"}"' in out
    assert 'publish_time = "06:00"' in out and 'name = "济宁高新新闻"' in out
    assert "PosixPath" not in out and "datetime.time" not in out
