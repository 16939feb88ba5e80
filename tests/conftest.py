"""Shared fixtures. Real peers only: files, SQLite/PostgreSQL, servers on 127.0.0.1 port 0."""

from __future__ import annotations

from pathlib import Path

import pytest

#: ``db``, ``db_url``, ``db_settings``, ``postgres_dsn``: SQLite and PostgreSQL per test.
#: ``smtpd`` (recording aiosmtpd) and ``fault_smtp`` (scripted SMTP faults).
pytest_plugins = ["tests.dbfixtures", "tests.smtpd"]

DATA = Path(__file__).parent / "data"
ISSUES = DATA / "issues"
SEED = ISSUES / "000_734798b80c85afa5.txt"


@pytest.fixture(autouse=True)
def allow_dev_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests mail loopback peers with development values; the production guard is for real
    deployments (tests/test_production_guard.py removes this and proves the refusal)."""
    monkeypatch.setenv("SYNDICATE_ALLOW_DEV_DEFAULTS", "1")


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
