"""Settings: the documented example runs as is; env wins; bad values name the key."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from syndicate.config import PaperConfig, ScheduleConfig, Settings, load_settings
from syndicate.errors import ConfigError

EXAMPLE = Path(__file__).parent.parent / "config" / "syndicate.toml"


def test_the_example_config_loads_as_is() -> None:
    s = load_settings(EXAMPLE.read_text("utf-8"), {})
    assert s.papers[0].slug == "jngx" and s.database_url.startswith("sqlite:///")
    assert s.papers[0].schedules.email == "0 7 * * 1-5"


@pytest.mark.parametrize("cls", [Settings, PaperConfig, ScheduleConfig])
def test_every_setting_is_documented_in_the_example(cls: type) -> None:
    text = EXAMPLE.read_text("utf-8")
    keys = set(re.findall(r"^#?\s*([a-z][a-z0-9_]*)\s*=", text, flags=re.M))
    keys |= {t.split(".")[-1] for t in re.findall(r"^\[\[?([a-z_.]+)\]\]?", text, flags=re.M)}
    secrets = {"secret_key", "wechat_secret", "admin_token", "metrics_token"}
    missing = [f.name for f in fields(cls) if f.name not in keys and f.name not in secrets]
    assert not missing, f"document {missing} in config/syndicate.toml"
    for secret in secrets & {f.name for f in fields(cls)}:
        assert f"SYNDICATE_{secret.upper()}" in text


def test_environment_wins_over_the_file() -> None:
    env = {"SYNDICATE_DATA_DIR": "/srv/x", "SYNDICATE_DATABASE": "postgresql://h/db"}
    s = load_settings('data_dir = "var"\ndatabase = ""\n', env)
    assert (str(s.data_dir), s.database_url) == ("/srv/x", "postgresql://h/db")
    assert load_settings(None, {"SYNDICATE_SECRET_KEY": "k"}).secret_key == "k"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("dataa_dir = 'x'", "Config 'dataa_dir' is not a known setting"),
        ("secret_key = 'x'", "'secret_key' must not be in the file; set SYNDICATE_SECRET_KEY"),
        ("unknown_policy = 'maybe'", "Config 'unknown_policy' has value 'maybe'"),
        ("[[papers]]\nslug = 'a'\nname = 'A'\ntimezone = 'Mars/Olympus'", "'papers[0].timezone'"),
        ("[[papers]]\nslug = 'A B'\nname = 'x'", "'papers[0].slug'"),
        ("[[papers]]\nname = 'x'", "Config 'papers[0].slug' is required"),
        ("[[papers]]\nslug = 'a'\nname = 'A'\npublish_time = '25:00'", "'papers[0].publish_time'"),
        ("[[papers]]\nslug = 'a'\nname = 'A'\nquiet_hours = '22-7'", "'papers[0].quiet_hours'"),
        ("[[papers]]\nslug = 'a'\nname = 'A'\ncatch_up = 'some'", "'papers[0].catch_up'"),
        ("[[papers]]\nslug='a'\nname='A'\n[papers.schedules]\nemial=''", "schedules.emial'"),
        ("feed_window = 'many'", "Config 'feed_window' has value 'many'. Not a valid int."),
        ("data_dir = [", "not valid TOML"),
    ],
)  # fmt: skip
def test_bad_config_names_the_key(toml: str, message: str) -> None:
    with pytest.raises(ConfigError) as e:
        load_settings(toml, {})
    assert message in str(e.value) and "\n" not in str(e.value)
