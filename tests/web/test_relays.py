"""Relay webhooks on the real app (httpx.ASGITransport), each payload as its provider
documents it, signed with the test's own keys: an RSA certificate served by a loopback HTTP
server for SNS, Mailgun's HMAC key, Postmark's Basic credentials, a SendGrid ECDSA key.
Verified events land on suppression, the ledger row and the history; a bad signature, a
replayed timestamp or a repeated token gets 401 and changes nothing."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID
from sqlalchemy import Engine, select

from syndicate.config import Settings
from syndicate.newsletter.relay_events import sns_string_to_sign
from syndicate.newsletter.subscribers import suppressed_reason
from syndicate.store.schema import deliveries, subscriber_events
from syndicate.web.app import build_app
from syndicate.web.relays import RelayContext, relay_routes
from tests.email_support import Clock, email_settings, rows, send, store_seed
from tests.http_fixtures import Site as HttpSite
from tests.http_fixtures import serve
from tests.smtpd import Smtpd

TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-feedback"
MAILGUN_KEY = "key-for-tests-0123456789"
POSTMARK = "pm-secret-token"
PEOPLE = [
    "ses-hard@example.com",
    "ses-complaint@example.com",
    "mg@example.com",
    "pm@example.com",
    "sg@example.com",
    "sg-spam@example.com",
]


@dataclass
class Relay:
    client: httpx.AsyncClient
    clock: Clock
    db: Engine
    site: HttpSite
    rsa_key: rsa.RSAPrivateKey
    ec_key: ec.EllipticCurvePrivateKey
    msgids: dict[str, str]


def self_signed(key: rsa.RSAPrivateKey) -> bytes:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sns.amazonaws.com")])
    now = datetime(2022, 1, 1, tzinfo=UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def keys() -> tuple[rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey]:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048), ec.generate_private_key(
        ec.SECP256R1()
    )


@pytest.fixture
async def relay(
    db: Engine,
    db_settings: Settings,
    smtpd: Smtpd,
    keys: tuple[rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey],
) -> AsyncIterator[Relay]:
    rsa_key, ec_key = keys
    public = ec_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    with serve(HttpSite()) as site:
        site.file("/SimpleNotificationService-test.pem", self_signed(rsa_key))
        site.file("/?Action=ConfirmSubscription&Token=abc", b"<ConfirmSubscriptionResponse/>")
        base = re.escape(site.base)
        settings = email_settings(
            db_settings,
            smtpd.url,
            ses_topic_arns=(TOPIC,),
            ses_cert_url=base + r"/[^?#]*\.pem",
            ses_subscribe_url=base + r"/\?Action=ConfirmSubscription&.*",
            mailgun_webhook_key=MAILGUN_KEY,
            postmark_webhook_token=POSTMARK,
            sendgrid_webhook_key=base64.b64encode(public).decode(),
        )
        store_seed(db, settings, *PEOPLE)
        clock = Clock()
        await send(db, settings, clock)
        msgids = {t: (r.provider_id or "").split()[0] for t, r in rows(db).items()}
        clock.advance(days=1)
        app = build_app(settings, routes=relay_routes(RelayContext(settings, clock, engine=db)))
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="https://news.example.org"
        ) as client:
            yield Relay(client, clock, db, site, rsa_key, ec_key, msgids)


def sns(
    r: Relay, kind: str, message: str, *, ts: datetime | None = None, **extra: Any
) -> dict[str, Any]:
    doc = {
        "Type": kind,
        "MessageId": f"m-{hash(message) & 0xFFFFFF:x}-{kind}",
        "TopicArn": TOPIC,
        "Message": message,
        "Timestamp": (ts or r.clock()).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z",
        "SignatureVersion": "2",
        "SigningCertURL": f"{r.site.base}/SimpleNotificationService-test.pem",
        **extra,
    }
    sig = r.rsa_key.sign(sns_string_to_sign(doc), padding.PKCS1v15(), hashes.SHA256())
    return doc | {"Signature": base64.b64encode(sig).decode()}


def ses_bounce(r: Relay, address: str) -> str:
    return json.dumps(
        {
            "notificationType": "Bounce",
            "bounce": {
                "feedbackId": "0100-feedback",
                "bounceType": "Permanent",
                "bounceSubType": "General",
                "bouncedRecipients": [
                    {
                        "emailAddress": address,
                        "action": "failed",
                        "status": "5.1.1",
                        "diagnosticCode": "smtp; 550 5.1.1 user unknown",
                    }
                ],
                "timestamp": "2022-03-25T23:00:01.000Z",
                "reportingMTA": "dsn; a8-70.smtp-out.amazonses.com",
            },
            "mail": {
                "timestamp": "2022-03-25T23:00:00.000Z",
                "source": "newsletter@example.org",
                "messageId": "0100017f-ses-id",
                "destination": [address],
                "commonHeaders": {
                    "messageId": r.msgids[address],
                    "subject": "济宁高新新闻｜3月25日",
                },
            },
        },
        ensure_ascii=False,
    )


def ses_complaint(r: Relay, address: str) -> str:
    return json.dumps(
        {
            "notificationType": "Complaint",
            "complaint": {
                "complainedRecipients": [{"emailAddress": address}],
                "feedbackId": "0100-c",
                "complaintFeedbackType": "abuse",
                "timestamp": "2022-03-25T23:10:00.000Z",
            },
            "mail": {
                "messageId": "0100017f-ses-id-2",
                "headers": [{"name": "Message-ID", "value": r.msgids[address]}],
            },
        }
    )


def feedback(db: Engine) -> dict[str, str | None]:
    with db.connect() as conn:
        return dict(conn.execute(select(deliveries.c.target, deliveries.c.feedback)).all())


def event_count(db: Engine) -> int:
    with db.connect() as conn:
        return len(conn.execute(select(subscriber_events.c.id)).all())


async def test_ses_subscription_bounce_and_complaint(relay: Relay) -> None:
    confirm = sns(
        relay,
        "SubscriptionConfirmation",
        "You have chosen to subscribe…",
        Token="abc",
        SubscribeURL=f"{relay.site.base}/?Action=ConfirmSubscription&Token=abc",
    )
    got = await relay.client.post("/webhooks/ses", content=json.dumps(confirm))
    assert got.status_code == 200
    assert "/?Action=ConfirmSubscription&Token=abc" in [p for p, _ in relay.site.requests]
    bounce = sns(relay, "Notification", ses_bounce(relay, "ses-hard@example.com"), Subject="x")
    got = await relay.client.post("/webhooks/ses", content=json.dumps(bounce))
    assert got.status_code == 200 and "bounced" in got.text
    complaint = sns(relay, "Notification", ses_complaint(relay, "ses-complaint@example.com"))
    assert (
        await relay.client.post("/webhooks/ses", content=json.dumps(complaint))
    ).status_code == 200
    assert suppressed_reason(relay.db, "ses-hard@example.com") == "bounced"
    assert suppressed_reason(relay.db, "ses-complaint@example.com") == "complained"
    fb = feedback(relay.db)
    assert (
        fb["ses-hard@example.com"] == "bounced" and fb["ses-complaint@example.com"] == "complained"
    )


async def test_ses_refusals_change_nothing(relay: Relay) -> None:
    good = sns(relay, "Notification", ses_bounce(relay, "ses-hard@example.com"))
    forged = good | {"Message": ses_bounce(relay, "ses-complaint@example.com")}
    stale = sns(
        relay,
        "Notification",
        ses_bounce(relay, "ses-hard@example.com"),
        ts=relay.clock() - timedelta(hours=2),
    )
    elsewhere = replace_url(good, "https://evil.example.net/cert.pem")
    other_topic = sns(
        relay,
        "Notification",
        ses_bounce(relay, "ses-hard@example.com"),
        TopicArn="arn:aws:sns:us-east-1:999:other",
    )
    for doc in (forged, stale, elsewhere, other_topic):
        got = await relay.client.post("/webhooks/ses", content=json.dumps(doc))
        assert got.status_code == 401, got.text
    assert (await relay.client.post("/webhooks/ses", content=b"not json")).status_code == 401
    assert (
        event_count(relay.db) == 0 and suppressed_reason(relay.db, "ses-hard@example.com") is None
    )
    assert (await relay.client.post("/webhooks/ses", content=json.dumps(good))).status_code == 200
    replay = await relay.client.post("/webhooks/ses", content=json.dumps(good))
    assert replay.status_code == 401 and "replay" in replay.text
    assert event_count(relay.db) == 1


def replace_url(doc: dict[str, Any], url: str) -> dict[str, Any]:
    return doc | {"SigningCertURL": url}


def mailgun_body(
    relay: Relay,
    address: str,
    event: str,
    *,
    ts: datetime | None = None,
    token: str = "tok-1",
    key: str = MAILGUN_KEY,
) -> dict[str, Any]:
    stamp = str(int((ts or relay.clock()).timestamp()))
    sig = hmac.new(key.encode(), (stamp + token).encode(), hashlib.sha256).hexdigest()
    return {
        "signature": {"timestamp": stamp, "token": token, "signature": sig},
        "event-data": {
            "event": event,
            "id": f"id-{token}",
            "severity": "permanent",
            "recipient": address,
            "reason": "bounce",
            "delivery-status": {"code": 550, "message": "5.1.1 no such user"},
            "message": {"headers": {"message-id": relay.msgids[address].strip("<>")}},
        },
    }


async def test_mailgun_hmac_and_replays(relay: Relay) -> None:
    bad_key = mailgun_body(relay, "mg@example.com", "failed", key="wrong")
    old = mailgun_body(relay, "mg@example.com", "failed", ts=relay.clock() - timedelta(hours=1))
    for doc in (bad_key, old):
        assert (await relay.client.post("/webhooks/mailgun", json=doc)).status_code == 401
    assert suppressed_reason(relay.db, "mg@example.com") is None and event_count(relay.db) == 0
    good = mailgun_body(relay, "mg@example.com", "failed")
    assert (await relay.client.post("/webhooks/mailgun", json=good)).status_code == 200
    assert (await relay.client.post("/webhooks/mailgun", json=good)).status_code == 401
    assert suppressed_reason(relay.db, "mg@example.com") == "bounced"
    assert feedback(relay.db)["mg@example.com"] == "bounced"


async def test_postmark_basic_auth_or_secret_path(relay: Relay) -> None:
    doc = {
        "RecordType": "Bounce",
        "ID": 4323372036854775807,
        "Type": "HardBounce",
        "TypeCode": 1,
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Email": "pm@example.com",
        "From": "newsletter@example.org",
        "BouncedAt": "2022-03-25T23:00:05Z",
        "Description": "The server was unable to deliver your message (ex: unknown user).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
    }
    no_auth = await relay.client.post("/webhooks/postmark", json=doc)
    wrong = await relay.client.post("/webhooks/postmark", json=doc, auth=("postmark", "nope"))
    wrong_path = await relay.client.post("/webhooks/postmark/nope", json=doc)
    assert {no_auth.status_code, wrong.status_code, wrong_path.status_code} == {401}
    assert suppressed_reason(relay.db, "pm@example.com") is None
    ok = await relay.client.post("/webhooks/postmark", json=doc, auth=("postmark", POSTMARK))
    assert ok.status_code == 200 and suppressed_reason(relay.db, "pm@example.com") == "bounced"
    complaint = doc | {"RecordType": "SpamComplaint", "Type": "SpamComplaint", "ID": 42}
    assert (
        await relay.client.post(f"/webhooks/postmark/{POSTMARK}", json=complaint)
    ).status_code == 200
    assert event_count(relay.db) == 2


def sendgrid_request(
    relay: Relay,
    events: list[dict[str, Any]],
    *,
    ts: datetime | None = None,
    key: ec.EllipticCurvePrivateKey | None = None,
) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(events).encode()
    stamp = str(int((ts or relay.clock()).timestamp()))
    sig = (key or relay.ec_key).sign(stamp.encode() + body, ec.ECDSA(hashes.SHA256()))
    return body, {
        "X-Twilio-Email-Event-Webhook-Signature": base64.b64encode(sig).decode(),
        "X-Twilio-Email-Event-Webhook-Timestamp": stamp,
        "Content-Type": "application/json",
    }


async def test_sendgrid_signed_event_webhook(relay: Relay) -> None:
    stamp = int(relay.clock().timestamp())
    events = [
        {
            "email": "sg@example.com",
            "timestamp": stamp,
            "event": "bounce",
            "type": "bounce",
            "status": "5.1.1",
            "reason": "550 5.1.1 unknown",
            "sg_event_id": "ev1",
            "sg_message_id": "m1",
        },
        {
            "email": "sg-spam@example.com",
            "timestamp": stamp,
            "event": "spamreport",
            "sg_event_id": "ev2",
        },
        {"email": "pm@example.com", "timestamp": stamp, "event": "delivered", "sg_event_id": "ev3"},
    ]
    other = ec.generate_private_key(ec.SECP256R1())
    for body, headers in (
        sendgrid_request(relay, events, key=other),
        sendgrid_request(relay, events, ts=relay.clock() - timedelta(minutes=30)),
    ):
        assert (
            await relay.client.post("/webhooks/sendgrid", content=body, headers=headers)
        ).status_code == 401
    assert event_count(relay.db) == 0
    body, headers = sendgrid_request(relay, events)
    tampered = body.replace(b"sg-spam@", b"pm@")
    assert (
        await relay.client.post("/webhooks/sendgrid", content=tampered, headers=headers)
    ).status_code == 401
    assert (
        await relay.client.post("/webhooks/sendgrid", content=body, headers=headers)
    ).status_code == 200
    assert suppressed_reason(relay.db, "sg@example.com") == "bounced"
    assert suppressed_reason(relay.db, "sg-spam@example.com") == "complained"
    assert suppressed_reason(relay.db, "pm@example.com") is None
