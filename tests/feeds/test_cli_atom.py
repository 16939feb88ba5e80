"""The atom channel on the command line: ingest publishes, render writes, serve checks."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

from syndicate.cli import main
from tests.conftest import SEED


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "syndicate.toml"
    path.write_text(f'data_dir = "{tmp_path / "var"}"\n', encoding="utf-8")
    monkeypatch.setenv("SYNDICATE_CONFIG", str(path))
    return tmp_path


def test_ingest_publishes_and_render_writes_the_atom_channel(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(SEED)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "jngx/2022-03-25"
    assert "new issue 1, 9 articles; published" in out[-2]
    assert (config / "var/public/jngx/feeds/atom.xml").is_file()

    assert main(["render", "jngx/2022-03-25", "--channel", "atom", "--out", str(config / "o")]) == 0
    written = [Path(line) for line in capsys.readouterr().out.splitlines()]
    assert config / "o/jngx/feeds/archive/2022-03-25.xml" in written
    assert config / "o/jngx/2022-03-25/p1-1.html" in written
    assert all(p.is_file() for p in written)
    parsed = feedparser.parse((config / "o/jngx/feeds/atom.xml").read_bytes())
    assert parsed.bozo == 0 and len(parsed.entries) == 9


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["render", "jngx/2022-3-25", "--channel", "atom", "--out", "o"], "not SLUG/YYYY-MM-DD"),
        (["render", "jngx/2030-01-01", "--channel", "atom", "--out", "o"], "ingest it first"),
        (["render", "nope/2022-03-25", "--channel", "atom", "--out", "o"], "not configured"),
        (["serve", "--listen", "localhost"], "--listen: 'localhost' is not HOST:PORT"),
    ],
)
def test_user_errors_are_one_line(
    config: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and len(err.strip().splitlines()) == 1
