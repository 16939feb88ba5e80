"""The double opt-in mail: one plain-text message with the confirmation link.

It is the only mail an address gets before it is confirmed (subscription-bombing defence),
so it carries no newsletter content and no List-* headers; it is transactional, not bulk.
Pure: the caller passes the template environment, the link and the time.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime
from email.utils import format_datetime

import jinja2

from syndicate.config import PaperConfig
from syndicate.newsletter.headers import check_address, domain_of, encode_words, line, mailbox
from syndicate.newsletter.headers import message_id as make_message_id


def render_confirmation(
    env: jinja2.Environment,
    paper: PaperConfig,
    *,
    to: str,
    from_address: str,
    confirm_url: str,
    hours: int,
    base_url: str,
    now: datetime,
    prefs_url: str = "",
) -> bytes:
    """The confirmation message for ``to`` (CRLF line endings); ``prefs_url``: the reader's
    preference center (issue 14), shown when given."""
    text = env.get_template("confirm.txt").render(
        paper=paper.name, confirm_url=confirm_url, hours=hours, base_url=base_url,
        prefs_url=prefs_url,
    )  # fmt: skip
    digest = hashlib.sha256(f"{to}\0{confirm_url}".encode()).hexdigest()[:24]
    headers = [
        line("From", mailbox(paper.name, check_address(from_address, "From"), "From")),
        line("To", mailbox(None, to, "To")),
        line("Subject", encode_words(f"请确认订阅《{paper.name}》", "Subject")),
        line("Date", format_datetime(now)),
        line("Message-ID", make_message_id(f"confirm.{digest}", domain_of(from_address))),
        line("Auto-Submitted", "auto-generated"),
        line("MIME-Version", "1.0"),
        line("Content-Type", 'text/plain; charset="utf-8"'),
        line("Content-Transfer-Encoding", "base64"),
    ]
    body = text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
    encoded = base64.encodebytes(body).replace(b"\n", b"\r\n")
    return b"".join(headers) + b"\r\n" + encoded
