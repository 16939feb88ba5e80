"""Secrets only from the environment (issue 16, item 2): a password in any URL read from the
config file is refused, naming the key and the variable to use; every secret variable has a
``*_FILE`` twin that reads the value from a file (container secrets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from syndicate.cli import main
from syndicate.config import load_settings
from syndicate.errors import ConfigError
from tests.test_cli_operator import error_line

PAPER = "[[papers]]\nslug = 'a'\nname = 'A'\n"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("smtp = 'smtp+starttls://news:hunter2@smtp.example.org:587'",
         "Config 'smtp' has a password in its URL; set SYNDICATE_SMTP or SYNDICATE_SMTP_FILE"),
        ("smtp = 'smtps://:hunter2@smtp.example.org'", "Config 'smtp' has a password"),
        ("database = 'postgresql://syndicate:hunter2@db:5432/syndicate'",
         "Config 'database' has a password in its URL; set SYNDICATE_DATABASE or "
         "SYNDICATE_DATABASE_FILE"),
        ("database = 'postgresql://db/syndicate?user=s&password=hunter2'",
         "Config 'database' has a password"),
        ("base_url = 'https://u:hunter2@news.example.org'",
         "Config 'base_url' has a password in its URL; set SYNDICATE_BASE_URL"),
        ("wechat_api_base = 'https://u:hunter2@api.example.org'", "Config 'wechat_api_base'"),
        ("websub_hubs = ['https://u:hunter2@hub.example.org/']", "Config 'websub_hubs[0]'"),
        (PAPER + "urls = ['https://u:hunter2@epaper.example.org/today.txt']",
         "Config 'papers[0].urls[0]' has a password"),
    ],
)  # fmt: skip
def test_a_password_in_a_url_in_the_file_is_refused(toml: str, message: str) -> None:
    with pytest.raises(ConfigError) as e:
        load_settings(toml, {})
    assert message in str(e.value)
    assert "hunter2" not in str(e.value)  # the error never repeats the secret


def test_urls_without_a_password_and_passwords_from_the_environment_are_fine() -> None:
    s = load_settings(
        "database = 'postgresql://syndicate@db:5432/syndicate'\nsmtp = 'smtp://relay:25'\n",
        {"SYNDICATE_SMTP": "smtps://news:hunter2@smtp.example.org"},
    )
    assert s.database == "postgresql://syndicate@db:5432/syndicate"
    assert s.smtp == "smtps://news:hunter2@smtp.example.org"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("SYNDICATE_CONFIG", "SYNDICATE_DATABASE", "SYNDICATE_SMTP"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SYNDICATE_DATA_DIR", str(tmp_path / "var"))
    return tmp_path


def test_file_variables_read_each_secret_from_a_file(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    secrets = project / "run-secrets"
    secrets.mkdir()
    values = {
        "SYNDICATE_SMTP": "smtps://news:hunter2@smtp.example.org:465",
        "SYNDICATE_DATABASE": f"sqlite:///{project / 'other.db'}",
        "SYNDICATE_SECRET_KEY": "k" * 40,
        "SYNDICATE_ADMIN_TOKEN": "admin-密码",
        "SYNDICATE_WECHAT_SECRET": "wx" * 16,
    }
    for name, value in values.items():
        (secrets / name).write_text(value + "\n", encoding="utf-8")  # as `docker secret` writes
        monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv(f"{name}_FILE", str(secrets / name))
    assert main(["config", "check"]) == 0
    out = capsys.readouterr().out
    assert 'smtp = "smtps://news:***@smtp.example.org:465"' in out
    assert f'database = "sqlite:///{project / "other.db"}"' in out
    for key in ("secret_key", "admin_token", "wechat_secret"):
        assert f"{key} = (set)" in out
    assert "hunter2" not in out


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SYNDICATE_SMTP": "smtp://a:25", "SYNDICATE_SMTP_FILE": "{dir}/x"},
         "SYNDICATE_SMTP_FILE: set SYNDICATE_SMTP or SYNDICATE_SMTP_FILE, not both"),
        ({"SYNDICATE_SECRET_KEY_FILE": "{dir}/missing"},
         "SYNDICATE_SECRET_KEY_FILE: cannot read {dir}/missing"),
        ({"SYNDICATE_ADMIN_TOKEN_FILE": "{dir}/empty"},
         "SYNDICATE_ADMIN_TOKEN_FILE: {dir}/empty is empty"),
    ],
)  # fmt: skip
def test_a_bad_file_variable_is_one_line(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env: dict[str, str],
    message: str,
) -> None:
    (project / "x").write_text("smtp://b:25", encoding="utf-8")
    (project / "empty").write_text("\n", encoding="utf-8")
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(dir=project))
    assert main(["config", "check"]) == 2
    assert message.format(dir=project) in error_line(capsys.readouterr().err)
