"""A real worker to kill: ``syndicate run --once`` in a subprocess, with a failpoint armed.

``Deployment`` is one data dir, config, database and set of peers (a recording aiosmtpd, and
the WeChat contract server when asked). ``run(failpoints)`` starts the worker as an admin
would (``python -m syndicate run --once``, environment only) and returns how it ended.
``public_files_whole`` is the "no half-written feed file" check.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, func, select

from syndicate.store import ledger
from syndicate.store.schema import issue_revisions, issues
from tests.conftest import SEED
from tests.smtpd import Received

ROOT = Path(__file__).resolve().parent.parent.parent
KEY = "jngx/2022-03-25"
CONFIG = """
data_dir = "{data}"
base_url = "https://news.example.org"
email_from = "newsletter@example.org"
email_rate = 0.0
email_concurrency = 1
email_pool_size = 1
email_batch = {batch}
[[papers]]
slug = "jngx"
name = "济宁高新新闻"
stale_hours = 10000000
[papers.schedules]
atom = "on-ingest"
wechat = "{wechat}"
email = "{email}"
"""


@dataclass
class Deployment:
    tmp: Path
    db_url: str
    db: Engine
    smtp_url: str
    wechat_api: str | None = None
    batch: int = 10
    email: str = "on-ingest"
    env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        config = self.tmp / "syndicate.toml"
        wechat = "on-ingest" if self.wechat_api else "off"
        text = CONFIG.format(data=self.data, batch=self.batch, wechat=wechat, email=self.email)
        config.write_text(text, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("SYNDICATE_")}
        self.env = env | {
            "SYNDICATE_CONFIG": str(config),
            "SYNDICATE_DATABASE": self.db_url,
            "SYNDICATE_SMTP": self.smtp_url,
            "SYNDICATE_SECRET_KEY": "k" * 32,
            "SYNDICATE_ALLOW_DEV_DEFAULTS": "1",  # loopback relays and base_url: a test
        }
        if self.wechat_api:
            from tests.wechat_server import APPID, SECRET

            self.env |= {
                "SYNDICATE_WECHAT_API_BASE": self.wechat_api,
                "SYNDICATE_WECHAT_APPID": APPID,
                "SYNDICATE_WECHAT_SECRET": SECRET,
            }

    @property
    def data(self) -> Path:
        return self.tmp / "var"

    @property
    def public(self) -> Path:
        return self.data / "public"

    @property
    def inbox(self) -> Path:
        return self.data / "inbox"

    def drop_seed(self) -> Path:
        self.inbox.mkdir(parents=True, exist_ok=True)
        target = self.inbox / SEED.name
        target.write_bytes(SEED.read_bytes())
        return target

    def run(self, failpoints: str = "", timeout: float = 120) -> subprocess.CompletedProcess[str]:
        env = self.env | ({"SYNDICATE_FAILPOINTS": failpoints} if failpoints else {})
        return subprocess.run(
            [sys.executable, "-m", "syndicate", "run", "--once"],
            env=env, cwd=self.tmp, capture_output=True, text=True, timeout=timeout,
        )  # fmt: skip

    def counts(self) -> tuple[int, int]:
        """(issues, revisions) stored."""
        with self.db.connect() as conn:
            n = conn.execute(select(func.count()).select_from(issues)).scalar_one()
            r = conn.execute(select(func.count()).select_from(issue_revisions)).scalar_one()
        return int(n), int(r)

    def rows(self, channel: str = "email") -> dict[str, ledger.Delivery]:
        return {r.target: r for r in ledger.deliveries_of(self.db, channel=channel, issue_key=KEY)}


def public_files_whole(root: Path) -> list[Path]:
    """Every published file, each checked whole: XML well formed, HTML closed. Returns the
    temp files (dotted) found beside them."""
    temps = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        if path.name.startswith("."):
            temps.append(path)
            continue
        data = path.read_bytes()
        if path.suffix == ".xml":
            ET.fromstring(data)  # raises on a truncated document
        elif path.suffix == ".html":
            assert data.rstrip().endswith(b"</html>"), f"{path} is cut short"
    return temps


def message_ids(messages: list[Received]) -> dict[str, list[str]]:
    """address -> the Message-ID of every copy it received, in order."""
    out: dict[str, list[str]] = {}
    for m in messages:
        out.setdefault(m.rcpt[0], []).append(str(m.message()["Message-ID"]))
    return out
