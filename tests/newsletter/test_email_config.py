"""The email settings: validation, and DKIM signing switched on from the config."""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import dkim
import pytest
from sqlalchemy import Engine

from syndicate.config import Settings, load_settings
from syndicate.errors import ConfigError
from tests.email_support import Clock, email_settings, send, store_seed
from tests.smtpd import Smtpd


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('email_from = "Newsletter <n@example.org>"', "Config 'email_from' has value"),
        ('email_unsubscribe_mailto = "x@y z"', "Config 'email_unsubscribe_mailto' has value"),
        ("email_concurrency = 0", "Config 'email_concurrency' has value '0'. Not above 0."),
        ("email_data_timeout = -1", "Config 'email_data_timeout' has value '-1.0'. Not above 0."),
        ("email_rate = -5", "Config 'email_rate' has value '-5.0'. Not 0 or more."),
        ('email_dkim_key = "k.pem"', "Config 'email_dkim_selector' is required"),
        ("email_pool_size = 'many'", "Config 'email_pool_size' has value 'many'. Not a valid int."),
    ],
)
def test_bad_email_settings_name_the_key(toml: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(".", r"\.")):
        load_settings(toml, {})


def test_defaults_send_into_the_maildir_with_no_fixed_rate() -> None:
    s = load_settings(None, {})
    assert (s.smtp, s.email_rate, s.email_data_timeout, s.email_retry_max_hours) == (
        "", 0.0, 600.0, 120,
    )  # fmt: skip
    assert (s.email_pool_size, s.email_concurrency) == (16, 32)  # a ceiling; the pool adapts


@pytest.fixture
def dkim_key(tmp_path: Path) -> tuple[Path, bytes]:
    """A fresh RSA key (PEM file) and its public key (DER), made by openssl."""
    key = tmp_path / "dkim.pem"
    subprocess.run(["openssl", "genrsa", "-out", str(key), "2048"], check=True, capture_output=True)
    der = subprocess.run(["openssl", "rsa", "-in", str(key), "-pubout", "-outform", "DER"],
                         check=True, capture_output=True).stdout  # fmt: skip
    return key, der


async def test_dkim_from_the_config_signs_what_the_relay_receives(
    db: Engine, db_settings: Settings, smtpd: Smtpd, dkim_key: tuple[Path, bytes]
) -> None:
    key, der = dkim_key
    settings = email_settings(db_settings, smtpd.url, email_dkim_key=str(key),
                              email_dkim_selector="news2026")  # fmt: skip
    store_seed(db, settings, "a@example.com")
    await send(db, settings, Clock())
    [got] = smtpd.messages
    assert got.data.startswith(b"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;")
    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(der)
    asked: list[bytes] = []

    def dns(name: bytes, timeout: int = 5) -> bytes:
        asked.append(name)
        return record

    assert dkim.verify(got.data, dnsfunc=dns)
    assert asked == [b"news2026._domainkey.example.org."]
