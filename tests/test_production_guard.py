"""The production guard (issue 16, item 3): ``run`` and ``send`` through a network mail relay
refuse to start on development values (loopback ``base_url``, a From at ``.invalid``, a
generated secret key, the placeholder ``tag_authority``), one line per key with its fix;
``--allow-dev-defaults`` / ``SYNDICATE_ALLOW_DEV_DEFAULTS=1`` let a trial through, and
``config check --production`` reports the same without starting anything. The shipped config
file is used as an admin would use it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from syndicate.cli import main
from syndicate.config import load_settings
from syndicate.production import dev_defaults
from tests.conftest import SEED
from tests.smtpd import Smtpd

ROOT = Path(__file__).parent.parent
KEY = "jngx/2022-03-25"
SHIPPED_PROBLEMS = ["base_url", "email_from", "secret_key", "papers[0].tag_authority"]


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory holding the shipped config/syndicate.toml, nothing set in the environment."""
    (tmp_path / "config").mkdir()
    shutil.copy(ROOT / "config" / "syndicate.toml", tmp_path / "config" / "syndicate.toml")
    monkeypatch.chdir(tmp_path)
    for name in ("CONFIG", "DATA_DIR", "DATABASE", "SMTP", "SECRET_KEY", "BASE_URL",
                 "ALLOW_DEV_DEFAULTS"):  # fmt: skip
        monkeypatch.delenv(f"SYNDICATE_{name}", raising=False)
    return tmp_path


def error_keys(err: str) -> list[str]:
    return [line.split(":")[1].strip() for line in err.splitlines() if line.startswith("error: ")]


def test_the_shipped_config_has_every_development_value() -> None:
    settings = load_settings((ROOT / "config" / "syndicate.toml").read_text("utf-8"), {})
    assert [key for key, _ in dev_defaults(settings)] == SHIPPED_PROBLEMS


def test_send_through_a_relay_refuses_dev_defaults_and_sends_when_allowed(
    shipped: Path, smtpd: Smtpd, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(SEED)]) == 0
    assert main(["subscribers", "add", "reader@example.com", "--confirmed"]) == 0
    capsys.readouterr()
    # The command, as written: refused before any connection to port 25.
    monkeypatch.setenv("SYNDICATE_SMTP", "smtp://127.0.0.1:25")
    assert main(["send", KEY, "--channel", "email"]) == 2
    err = capsys.readouterr().err
    assert error_keys(err) == [*SHIPPED_PROBLEMS, "send"]
    assert "error: base_url: 'http://127.0.0.1:8080'" in err and "SYNDICATE_BASE_URL" in err
    assert "error: email_from: 'newsletter@syndicate.invalid'" in err
    assert "SYNDICATE_ALLOW_DEV_DEFAULTS=1" in err

    monkeypatch.setenv("SYNDICATE_SMTP", smtpd.url)
    assert main(["send", KEY, "--channel", "email"]) == 2  # any relay, not only port 25
    assert smtpd.messages == []
    monkeypatch.setenv("SYNDICATE_ALLOW_DEV_DEFAULTS", "1")
    assert main(["send", KEY, "--channel", "email"]) == 0
    assert [m.rcpt for m in smtpd.messages] == [["reader@example.com"]]


def test_the_flag_lets_a_trial_through_and_the_maildir_is_never_guarded(
    shipped: Path, smtpd: Smtpd, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["ingest", str(SEED)]) == 0
    assert main(["subscribers", "add", "reader@example.com", "--confirmed"]) == 0
    assert main(["send", KEY, "--channel", "email"]) == 0  # the Maildir outbox: a trial
    assert len(list((shipped / "var" / "outbox" / "new").iterdir())) == 1
    assert main(["subscribers", "add", "second@example.com", "--confirmed"]) == 0
    monkeypatch.setenv("SYNDICATE_SMTP", smtpd.url)
    assert main(["run", "--once"]) == 2
    assert main(["send", KEY, "--channel", "email", "--allow-dev-defaults"]) == 0
    assert [m.rcpt for m in smtpd.messages] == [["second@example.com"]]


def test_config_check_production_reports_without_starting(
    shipped: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["config", "check", "--production"]) == 2
    captured = capsys.readouterr()
    assert error_keys(captured.err) == [*SHIPPED_PROBLEMS, "config check --production"]
    assert not (shipped / "var").exists()  # nothing started, nothing written
    toml = shipped / "config" / "syndicate.toml"
    text = (
        toml.read_text("utf-8")
        .replace(
            'email_from = "newsletter@syndicate.invalid"', 'email_from = "news@news.example.org"'
        )
        .replace('"syndicate.invalid,2022"', '"news.example.org,2026"')
    )
    toml.write_text(text, encoding="utf-8")
    monkeypatch.setenv("SYNDICATE_BASE_URL", "https://news.example.org")
    monkeypatch.setenv("SYNDICATE_SECRET_KEY", "s" * 40)
    assert main(["config", "check", "--production"]) == 0
    assert "production: no development values" in capsys.readouterr().out
