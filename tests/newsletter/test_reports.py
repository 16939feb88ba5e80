"""Reading the bounce mailbox's messages (pure): real DSNs, ARF, other bounces, auto-replies,
unsubscribe mail, and VERP tokens that are forged or missing.

``postfix-unknown-user.eml`` is a real bounce, made by the private Postfix of
tests/mail_peers.py for mail to an unknown local user with the VERP envelope sender of
delivery 7 (``test_bounce_e2e.py`` makes a fresh one in every run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from syndicate.newsletter.reports import Addresses, Report, read_report
from syndicate.newsletter.verp import VerpError, read_verp_token, tagged, verp_address

DATA = Path(__file__).parent.parent / "data" / "bounces"
SECRET = "s3cret-for-tests"
OURS = Addresses(return_path="bounces@bounces.test", unsubscribe="unsubscribe@news.test")


def read(name: str, secret: str = SECRET) -> Report:
    return read_report((DATA / name).read_bytes(), addresses=OURS, secret=secret)


def test_verp_round_trip_and_forgery() -> None:
    address = verp_address("bounces@news.example.org", SECRET, 123456)
    assert address.startswith("bounces+") and address.endswith("@news.example.org")
    token = tagged(address, "bounces@news.example.org")
    assert token and token == token.lower() and len(token) <= 30
    assert read_verp_token(SECRET, token) == 123456
    assert read_verp_token(SECRET, token.upper()) == 123456  # an MTA folded the case
    with pytest.raises(VerpError, match="forged"):
        read_verp_token("another key", token)
    with pytest.raises(VerpError, match="forged"):
        read_verp_token(SECRET, "3" + token[1:] if token[0] != "3" else "4" + token[1:])
    assert tagged("bounces@news.example.org", "bounces@news.example.org") == ""
    assert tagged("other+x@news.example.org", "bounces@news.example.org") is None


def test_postfix_dsn_is_a_hard_bounce_of_its_verp_delivery() -> None:
    r = read("postfix-unknown-user.eml")
    assert r.kind == "bounce"
    assert r.delivery_id == 7
    (b,) = r.bounces
    assert (b.recipient, b.status, b.hard) == ("nosuchuser@relay.test", "5.1.1", True)
    assert "unknown user" in b.diagnostic
    assert r.report_id.startswith("<") and "relay.test" in r.report_id


def test_forged_verp_token_names_no_delivery() -> None:
    r = read("postfix-unknown-user.eml", secret="not the key it was made with")
    assert r.kind == "bounce" and r.delivery_id is None
    assert r.problem is not None and "forged" in r.problem


def test_soft_bounce_from_a_delayed_or_4xx_dsn() -> None:
    raw = (DATA / "postfix-unknown-user.eml").read_bytes()
    raw = raw.replace(b"Status: 5.1.1", b"Status: 4.2.2").replace(
        b'unknown user: "nosuchuser"', b"mailbox full"
    )
    r = read_report(raw, addresses=OURS, secret=SECRET)
    assert r.kind == "bounce" and not r.bounces[0].hard and r.bounces[0].status == "4.2.2"


def test_arf_complaint_names_the_recipient_and_delivery() -> None:
    r = read("arf-abuse.eml")
    assert r.kind == "complaint"
    assert r.complainant == "reader2@hotmail.example"
    assert r.feedback_type == "abuse"
    assert r.delivery_id == 8  # from the returned message's Return-Path
    assert r.unsubscribe_token == "2.0123456789ab.x"


def test_malformed_arf_is_unknown_with_the_reason() -> None:
    raw = (DATA / "arf-abuse.eml").read_bytes().replace(b"Feedback-Type: abuse\r\n", b"")
    r = read_report(raw, addresses=OURS, secret=SECRET)
    assert r.kind == "unknown" and r.problem and "malformed ARF" in r.problem


def test_non_standard_bounce_found_by_flufl() -> None:
    r = read("qmail-failure.eml")
    assert r.kind == "bounce" and r.delivery_id == 7
    assert [(b.recipient, b.hard) for b in r.bounces] == [("reader1@qmail.example", True)]


def test_auto_reply_is_ignored() -> None:
    r = read("auto-reply.eml")
    assert r.kind == "auto-reply"


def unsubscribe_mail(
    to: str, subject: str = "unsubscribe", sender: str = "reader3@example.net"
) -> bytes:
    return (
        f"From: 读者 <{sender}>\r\nTo: {to}\r\nSubject: {subject}\r\n"
        "Message-ID: <u-1@example.net>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "请取消订阅。\r\n"
    ).encode()


def test_unsubscribe_mail_with_token_or_from_address() -> None:
    r = read_report(
        unsubscribe_mail("<unsubscribe+3.abc.sig@news.test>"), addresses=OURS, secret=SECRET
    )
    assert (r.kind, r.unsubscribe_token, r.sender) == (
        "unsubscribe",
        "3.abc.sig",
        "reader3@example.net",
    )
    r = read_report(
        unsubscribe_mail("unsubscribe@news.test", "unsubscribe 4.def.sig"),
        addresses=OURS,
        secret=SECRET,
    )
    assert (r.kind, r.unsubscribe_token) == ("unsubscribe", "4.def.sig")
    r = read_report(
        unsubscribe_mail("Unsubscribe@NEWS.test", "退订"), addresses=OURS, secret=SECRET
    )
    assert (r.kind, r.unsubscribe_token, r.sender) == ("unsubscribe", None, "reader3@example.net")


def test_anything_else_is_unknown() -> None:
    raw = b"From: someone@example.net\r\nTo: bounces@bounces.test\r\nSubject: hi\r\n\r\nhello\r\n"
    r = read_report(raw, addresses=OURS, secret=SECRET)
    assert r.kind == "unknown" and r.problem
    r = read_report(b"\xff\xfe garbage \x00", addresses=OURS, secret=SECRET)
    assert r.kind == "unknown"
