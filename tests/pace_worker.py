"""A sending worker process for tests/newsletter/test_global_rate.py
(``python -m tests.pace_worker DATABASE_URL SMTP_URL RATE DATA_DIR``).

Prints "ready", waits for a line on stdin ("go", so that every worker starts together), then
sends the due rows of the seed issue the way ``syndicate run``'s email channel does
(``send_email``, shipped settings but for ``email_rate``, a small batch and the From) and
prints its counts as JSON."""

from __future__ import annotations

import json
import sys
from dataclasses import replace

from syndicate.config import load_settings
from syndicate.newsletter.delivery import send_email
from tests.email_support import KEY, SECRET, T0


def main(url: str, smtp: str, rate: str, data_dir: str) -> None:
    env = {"SYNDICATE_DATA_DIR": data_dir, "SYNDICATE_DATABASE": url, "SYNDICATE_SMTP": smtp,
           "SYNDICATE_SECRET_KEY": SECRET}  # fmt: skip
    settings = replace(load_settings(None, env), email_rate=float(rate), email_batch=10,
                       email_from="newsletter@example.org",
                       base_url="https://news.example.org")  # fmt: skip
    print("ready", flush=True)
    sys.stdin.readline()
    summary = send_email(settings, KEY, clock=lambda: T0)
    print(json.dumps({"sent": summary.progress.sent, "aborted": summary.aborted}), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])
