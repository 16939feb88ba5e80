"""Reading what arrives in the bounce mailbox: DSNs, ARF complaints, unsubscribe requests.

``read_report(raw, addresses=…, secret=…)`` takes one message's bytes and says what it is;
the caller (``newsletter.bounces``) acts on it. Pure: no I/O, no database, no clock.

- **DSN** (RFC 3464, ``multipart/report; report-type=delivery-status``): one ``Bounce`` per
  recipient block whose ``Action`` is ``failed`` or ``delayed``; ``Status`` 5.x.x is hard,
  4.x.x soft. Bounces in other shapes (old qmail, Exim, Exchange text) are found by
  flufl.bounce's detectors (Mailman's), which say temporary or permanent.
- **ARF** (RFC 5965, ``report-type=feedback-report``): a complaint about the original
  message's recipient (``Original-Rcpt-To``, else the returned message's ``To``).
- **Unsubscribe**: mail to the List-Unsubscribe mailto, ``unsubscribe+TOKEN@…`` (or with
  ``unsubscribe TOKEN`` as its subject), or from the subscriber's own address.
- **Auto-replies** (RFC 3834 ``Auto-Submitted``, vacation notices) are ignored.

The delivery a report is about comes from the VERP token in the address it was sent to
(``bounces+TOKEN@…``, see ``newsletter.verp``) or, for a complaint, in the returned message's
``Return-Path``. A forged token is reported as such and names nothing.
"""

from __future__ import annotations

import email
import re
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.message import Message
from email.parser import HeaderParser
from email.utils import getaddresses, parseaddr
from typing import Literal

from syndicate.newsletter.verp import VerpError, read_verp_token, tagged

Kind = Literal["bounce", "complaint", "unsubscribe", "auto-reply", "ignored", "unknown"]
#: Headers that say where a message was delivered (the envelope recipient, when the MDA
#: records it), then the visible ones.
RECIPIENT_HEADERS = ("Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "To", "Cc")
_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
_UNSUB_TOKEN = re.compile(r"/u/([A-Za-z0-9._-]+)")
_AUTO_SUBJECT = re.compile(
    r"^(auto(matic)?[ -]?(reply|response)|out of (the )?office|vacation|自动回复|自動回覆)",
    re.IGNORECASE,
)
_DAEMONS = ("mailer-daemon", "postmaster")


@dataclass(frozen=True)
class Addresses:
    """Our own addresses: the envelope sender base and the List-Unsubscribe mailto."""

    return_path: str
    unsubscribe: str


@dataclass(frozen=True)
class Bounce:
    recipient: str
    status: str
    hard: bool
    diagnostic: str


@dataclass(frozen=True)
class Report:
    """What one mailbox message is. ``problem`` explains an ``unknown`` (kept, not acted on)
    or a token that could not be trusted."""

    kind: Kind
    report_id: str
    delivery_id: int | None = None
    bounces: tuple[Bounce, ...] = ()
    complainant: str | None = None
    feedback_type: str = ""
    unsubscribe_token: str | None = None
    subscriber_id: int | None = None
    sender: str | None = None
    problem: str | None = None
    #: The returned message's Message-ID (a bounce without VERP is matched by it).
    original_message_id: str | None = None

    def describe(self) -> str:
        what = {
            "bounce": ", ".join(f"{b.recipient} {b.status}" for b in self.bounces),
            "complaint": f"{self.feedback_type or 'abuse'} from {self.complainant}",
            "unsubscribe": f"from {self.sender}",
        }.get(self.kind, self.problem or "")
        return f"{self.kind} {what}".strip()


@dataclass(frozen=True)
class Feedback:
    """One event from a relay's webhook, already verified: ``kind`` is ``bounced``,
    ``soft-bounce`` or ``complained``; ``message_id`` the original's Message-ID if known."""

    kind: str
    email: str
    detail: str
    report_id: str
    message_id: str | None = None


def read_report(raw: bytes, *, addresses: Addresses, secret: str) -> Report:
    """Classify one message (see the module docstring)."""
    msg = email.message_from_bytes(raw)
    report_id = str(msg.get("Message-ID", "")).strip()[:400]
    sent_to = _recipients(msg)
    delivery, problem = _verp(sent_to, addresses.return_path, secret)
    report_type = msg.get_param("report-type", "", header="content-type")
    report_type = str(report_type).lower() if isinstance(report_type, str) else ""
    if msg.get_content_type() == "multipart/report" and report_type == "feedback-report":
        return _complaint(msg, report_id, addresses, secret)
    if msg.get_content_type() == "multipart/report" and report_type == "delivery-status":
        bounces = _dsn(msg)
        if not bounces:
            return Report("ignored", report_id, problem="a DSN that reports no failure")
        return Report("bounce", report_id, delivery, bounces, problem=problem,
                      original_message_id=_original_id(msg))  # fmt: skip
    if _to_unsubscribe(sent_to, addresses.unsubscribe):
        return _unsubscribe(msg, report_id, sent_to, addresses.unsubscribe)
    if _auto_reply(msg):
        return Report("auto-reply", report_id)
    bounces = _other_bounce(msg)
    if bounces:
        return Report("bounce", report_id, delivery, bounces, problem=problem,
                      original_message_id=_original_id(msg))  # fmt: skip
    return Report("unknown", report_id, problem="not a DSN, ARF report or unsubscribe request")


def _header(msg: Message, name: str) -> str:
    value = msg.get(name)
    if value is None:
        return ""
    try:
        return str(make_header(decode_header(str(value))))
    except (UnicodeError, LookupError, ValueError):
        return str(value)


def _recipients(msg: Message) -> list[str]:
    values = [str(v) for name in RECIPIENT_HEADERS for v in msg.get_all(name, [])]
    return [a for _, a in getaddresses(values) if "@" in a]


def _verp(sent_to: list[str], return_path: str, secret: str) -> tuple[int | None, str | None]:
    """The delivery id of the first VERP address among ``sent_to``, or why there is none."""
    if not return_path:
        return None, None
    problem = None
    for address in sent_to:
        tag = tagged(address, return_path)
        if tag:
            try:
                return read_verp_token(secret, tag), None
            except VerpError as e:
                problem = str(e)
    return None, problem


def _parts(msg: Message, content_type: str) -> list[Message]:
    return [p for p in msg.walk() if p.get_content_type() == content_type]


def _fields(part: Message) -> list[Message]:
    """The header blocks of a message/delivery-status or message/feedback-report part."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return [p for p in payload if isinstance(p, Message)]
    text = payload if isinstance(payload, str) else ""
    return [HeaderParser().parsestr(block) for block in re.split(r"\r?\n\r?\n", text) if block]


def _address(value: str) -> str:
    """``rfc822; joe@example.com`` -> ``joe@example.com``."""
    return parseaddr(value.partition(";")[2] or value)[1].strip().lower()


def _dsn(msg: Message) -> tuple[Bounce, ...]:
    out = []
    for part in _parts(msg, "message/delivery-status"):
        for block in _fields(part)[1:] or _fields(part):
            action = str(block.get("Action", "")).strip().lower()
            recipient = _address(
                str(block.get("Final-Recipient") or block.get("Original-Recipient") or "")
            )
            m = _STATUS.search(str(block.get("Status", "")))
            if action not in ("failed", "delayed") or not recipient or m is None:
                continue
            diagnostic = " ".join(str(block.get("Diagnostic-Code", "")).split())
            hard = m.group(1) == "5" and action == "failed"
            out.append(Bounce(recipient, m.group(0), hard, diagnostic[:500]))
    return tuple(out)


def _other_bounce(msg: Message) -> tuple[Bounce, ...]:
    """Non-standard bounce formats, by flufl.bounce's detectors (Mailman's)."""
    from flufl.bounce import all_failures

    # Only what looks like a bounce: the heuristic detectors match phrases ("user unknown")
    # that a reader's reply may carry too.
    sender = parseaddr(str(msg.get("From", "")))[1].lower()
    subject = _header(msg, "Subject").lower()
    failure = ("undeliver", "failure", "returned", "delivery", "退信", "无法投递")
    if sender.split("@")[0] not in _DAEMONS and not any(w in subject for w in failure):
        return ()
    temporary, permanent = all_failures(msg)
    found = [(a, False) for a in temporary] + [(a, True) for a in permanent]
    return tuple(
        Bounce(
            a.decode("utf-8", "replace").lower(),
            "5.0.0" if hard else "4.0.0",
            hard,
            "found by flufl.bounce",
        )  # fmt: skip
        for a, hard in found
    )


def _auto_reply(msg: Message) -> bool:
    auto = str(msg.get("Auto-Submitted", "no")).strip().lower()
    flagged = any(msg.get(h) for h in ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"))
    precedence = str(msg.get("Precedence", "")).strip().lower() == "auto_reply"
    sender = parseaddr(str(msg.get("From", "")))[1].lower()
    if sender.split("@")[0] in _DAEMONS:
        return False
    return (
        auto.startswith("auto-replied")
        or flagged
        or precedence
        or bool(_AUTO_SUBJECT.match(_header(msg, "Subject")))
    )


def _complaint(msg: Message, report_id: str, addresses: Addresses, secret: str) -> Report:
    blocks = [b for part in _parts(msg, "message/feedback-report") for b in _fields(part)]
    if not blocks or not blocks[0].get("Feedback-Type"):
        return Report("unknown", report_id, problem="malformed ARF: no feedback-report part")
    report = blocks[0]
    original = _original_headers(msg)
    complainant = _address(str(report.get("Original-Rcpt-To", "")))
    if not complainant and original is not None:
        complainant = parseaddr(str(original.get("To", "")))[1].lower()
    delivery, problem, token = None, None, None
    if original is not None:
        delivery, problem = _verp(
            [parseaddr(str(original.get("Return-Path", "")))[1]], addresses.return_path, secret
        )
        m = _UNSUB_TOKEN.search(str(original.get("List-Unsubscribe", "")))
        token = m.group(1) if m else None
    if not complainant and delivery is None and token is None:
        return Report("unknown", report_id, problem="malformed ARF: it names no recipient")
    kind = str(report.get("Feedback-Type", "")).strip().lower()
    return Report("complaint", report_id, delivery, complainant=complainant or None,
                  feedback_type=kind, unsubscribe_token=token, problem=problem)  # fmt: skip


def _original_id(msg: Message) -> str | None:
    original = _original_headers(msg)
    value = str(original.get("Message-ID", "")).strip() if original is not None else ""
    return value if re.fullmatch(r"<[^<>\s]+@[^<>\s]+>", value) else None


def _original_headers(msg: Message) -> Message | None:
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype == "message/rfc822":
            payload = part.get_payload()
            if isinstance(payload, list) and payload and isinstance(payload[0], Message):
                return payload[0]
        if ctype == "text/rfc822-headers":
            text = part.get_payload(decode=True)
            if isinstance(text, bytes):
                return HeaderParser().parsestr(text.decode("utf-8", "replace"))
    return None


def _to_unsubscribe(sent_to: list[str], unsubscribe: str) -> bool:
    return any(tagged(a, unsubscribe) is not None for a in sent_to)


def _unsubscribe(msg: Message, report_id: str, sent_to: list[str], unsubscribe: str) -> Report:
    tags = [t for a in sent_to if (t := tagged(a, unsubscribe))]
    m = re.search(r"unsubscribe\s+(\S+)", _header(msg, "Subject"), re.IGNORECASE)
    token = tags[0] if tags else (m.group(1) if m else None)
    sender = parseaddr(str(msg.get("Reply-To") or msg.get("From") or ""))[1].lower()
    return Report("unsubscribe", report_id, unsubscribe_token=token, sender=sender or None)
