"""Several `syndicate run` processes on one database send each message exactly once, and
the worker's bad inputs fail clearly (issue 7)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.newsletter.subscribers import add
from syndicate.store import ledger
from syndicate.store.ingest import ingest_bytes
from tests.conftest import SEED
from tests.smtpd import Smtpd

NOW = datetime(2022, 3, 25, 1, 0, tzinfo=UTC)
CONFIG = """
data_dir = "{data}"
email_rate = 0.0
[[papers]]
slug = "jngx"
name = "济宁高新新闻"
stale_hours = 10000000
[papers.schedules]
atom = "on-ingest"
wechat = "off"
email = "on-ingest"
"""


def syndicate(*args: str, env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "syndicate", *args],
        env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


@pytest.mark.slow
def test_two_workers_send_each_subscriber_one_message(
    db: Engine, db_url: str, db_settings: Settings, smtpd: Smtpd, tmp_path: Path
) -> None:
    ingest_bytes(db, db_settings, SEED.read_bytes(), source=SEED.name, now=NOW)
    readers = [f"r{n:03d}@example.com" for n in range(120)]
    for r in readers:
        add(db, db_settings.paper(None), r, name=None, confirmed=True, now=NOW)
    config = tmp_path / "syndicate.toml"
    config.write_text(CONFIG.format(data=tmp_path / "var"), encoding="utf-8")
    env = {**os.environ, "SYNDICATE_CONFIG": str(config), "SYNDICATE_DATABASE": db_url,
           "SYNDICATE_SMTP": smtpd.url, "SYNDICATE_SECRET_KEY": "k" * 32}  # fmt: skip
    procs = [syndicate("run", "--once", env=env, cwd=tmp_path) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    got = Counter(m.rcpt[0] for m in smtpd.messages)
    assert sorted(got) == readers and set(got.values()) == {1}
    assert ledger.counts(db)["jngx/2022-03-25"]["email"] == {"sent": len(readers)}
    sent = [int(line.split()[1]) for out, _ in outs for line in out.splitlines()
            if line.startswith("email:")]  # fmt: skip
    assert sum(sent) == len(readers)


def test_a_bad_config_names_the_key(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[[papers]]\nslug = "a"\nname = "A"\n[papers.schedules]\nemail = "0 7 * *"\n')
    env = {**os.environ, "SYNDICATE_CONFIG": str(config), "SYNDICATE_DATA_DIR": str(tmp_path)}
    p = syndicate("run", "--once", env=env, cwd=tmp_path)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 2 and out == ""
    assert "'papers[0].schedules.email' has value '0 7 * *'" in err and err.count("\n") == 1
    for args in (["config", "check"], ["run"]):
        p = syndicate(*args, env=env, cwd=tmp_path)
        _, err = p.communicate(timeout=60)
        assert p.returncode == 2 and "papers[0].schedules.email" in err
    config.write_text("smtp_port = 25\n")
    p = syndicate("config", "check", env=env, cwd=tmp_path)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 2 and "Config 'smtp_port' is not a known setting" in err


def test_a_bad_file_goes_to_failed_and_status_says_so(tmp_path: Path) -> None:
    example = Path(__file__).parent.parent.parent / "config" / "syndicate.toml"
    env = {
        **os.environ,
        "SYNDICATE_DATA_DIR": str(tmp_path / "var"),
        "SYNDICATE_CONFIG": str(example),
    }
    inbox = tmp_path / "var" / "inbox"
    inbox.mkdir(parents=True)
    (inbox / "scan.pdf").write_bytes(b"%PDF-1.7\x00\x00\x01")
    (inbox / SEED.name).write_bytes(SEED.read_bytes())
    p = syndicate("run", "--once", env=env, cwd=tmp_path)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 0, err
    assert "scan.pdf: failed: " in out and f"{SEED.name}: jngx/2022-03-25" in out
    assert (inbox / "failed" / "scan.pdf.error.txt").exists()
    p = syndicate("status", "--json", env=env, cwd=tmp_path)
    out, _ = p.communicate(timeout=60)
    status = json.loads(out)
    assert [i["key"] for i in status["issues"]] == ["jngx/2022-03-25"]
    assert status["failed_files"][0]["file"].endswith("scan.pdf")
    assert "binary" in status["failed_files"][0]["error"]
