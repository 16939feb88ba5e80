"""Relay webhooks, verified and read: Amazon SES (via SNS), Mailgun, Postmark, SendGrid.

Each provider's payload, as it documents it, becomes ``bounces.Feedback`` events (``bounced``,
``soft-bounce``, ``complained``); everything else they report (deliveries, opens, delays) is
ignored. Verification is each provider's own:

- **SES via SNS:** the notification's RSA signature (``SignatureVersion`` 1: SHA1, 2: SHA256,
  PKCS#1 v1.5) over the documented string to sign, with the certificate at
  ``SigningCertURL``, which must match the allowed URL pattern (by default
  ``https://sns.REGION.amazonaws.com/``); the topic must be one of ``ses_topic_arns``.
- **Mailgun:** ``signature.signature`` is the hex HMAC-SHA256 of ``timestamp + token`` with the
  webhook signing key.
- **Postmark:** HTTP Basic credentials (or a secret path) set on the webhook's URL.
- **SendGrid:** the signed event webhook: ECDSA P-256 / SHA-256 over ``timestamp + body``
  (``X-Twilio-Email-Event-Webhook-Signature`` and ``-Timestamp``), with the account's public
  key (base64 DER).

A timestamp further than ``max_age`` from ``now`` is refused (a replay); the caller also
refuses an event id it has seen. Pure: no I/O (fetching the SNS certificate is the caller's).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from datetime import datetime, timedelta
from typing import Any

from syndicate.errors import SyndicateError
from syndicate.newsletter.reports import Feedback

AWS_CERT_URL = r"https://sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/[^?#]*\.pem"


class Refused(SyndicateError):
    """A webhook request that is not verified (bad signature, replay, unknown topic)."""


def check_fresh(when: datetime, now: datetime, max_age: timedelta) -> None:
    if abs(now - when) > max_age:
        raise Refused(f"timestamp {when.isoformat()} is outside {max_age} of now (a replay?)")


# --- Amazon SES via SNS --------------------------------------------------------------------

_CONFIRMATION = ("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type")
SIGNED = {
    "Notification": ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"),
    "SubscriptionConfirmation": _CONFIRMATION,
    "UnsubscribeConfirmation": _CONFIRMATION,
}


def sns_string_to_sign(doc: dict[str, Any]) -> bytes:
    """The documented string to sign: ``Name\\nvalue\\n`` per field (Subject only if present)."""
    kind = doc.get("Type")
    if kind not in SIGNED:
        raise Refused(f"SNS message type {kind!r} is not one we accept")
    out = []
    for name in SIGNED[kind]:
        if name == "Subject" and name not in doc:
            continue
        if not isinstance(doc.get(name), str):
            raise Refused(f"SNS message lacks {name}")
        out.append(f"{name}\n{doc[name]}\n")
    return "".join(out).encode("utf-8")


def check_sns(
    doc: dict[str, Any],
    *,
    cert_pem: bytes,
    topics: tuple[str, ...],
    now: datetime,
    max_age: timedelta,
) -> None:
    """``Refused`` unless ``doc`` is signed by ``cert_pem``, for an allowed topic, and fresh."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    if doc.get("TopicArn") not in topics:
        raise Refused(f"SNS topic {doc.get('TopicArn')!r} is not in ses_topic_arns")
    algorithm = {"1": hashes.SHA1(), "2": hashes.SHA256()}.get(str(doc.get("SignatureVersion")))
    if algorithm is None:
        raise Refused(f"SNS SignatureVersion {doc.get('SignatureVersion')!r} is unknown")
    try:
        signature = base64.b64decode(str(doc.get("Signature", "")), validate=True)
        key = x509.load_pem_x509_certificate(cert_pem).public_key()
    except (binascii.Error, ValueError) as e:
        raise Refused(f"SNS signature or certificate unreadable: {e}") from e
    if not isinstance(key, rsa.RSAPublicKey):
        raise Refused("SNS certificate does not hold an RSA key")
    try:
        key.verify(signature, sns_string_to_sign(doc), padding.PKCS1v15(), algorithm)
    except InvalidSignature as e:
        raise Refused("SNS signature does not match") from e
    check_fresh(_iso(str(doc["Timestamp"])), now, max_age)


def check_cert_url(url: str, pattern: str) -> None:
    if not re.fullmatch(pattern, url):
        raise Refused(f"SNS SigningCertURL {url[:100]!r} is not an Amazon SNS certificate URL")


def ses_feedback(doc: dict[str, Any]) -> list[Feedback]:
    """Events in an SES notification (``notificationType``, or ``eventType`` when published
    through a configuration set)."""
    try:
        message = json.loads(str(doc.get("Message", "")))
    except json.JSONDecodeError as e:
        raise Refused(f"SES notification is not JSON: {e}") from e
    if not isinstance(message, dict):
        return []
    kind = message.get("notificationType") or message.get("eventType")
    mail = message.get("mail") or {}
    mid = (mail.get("commonHeaders") or {}).get("messageId") or _header(mail, "Message-ID")
    rid = str(doc.get("MessageId", ""))
    if kind == "Bounce":
        b = message.get("bounce") or {}
        hard = b.get("bounceType") == "Permanent"
        return [
            Feedback(
                "bounced" if hard else "soft-bounce",
                _addr(r.get("emailAddress")),
                f"SES {b.get('bounceType')}/{b.get('bounceSubType')} "
                f"{r.get('status') or ''} {r.get('diagnosticCode') or ''}".strip(),
                f"ses:{rid}:{i}",
                mid,
            )
            for i, r in enumerate(b.get("bouncedRecipients") or [])
        ]
    if kind == "Complaint":
        c = message.get("complaint") or {}
        return [
            Feedback(
                "complained",
                _addr(r.get("emailAddress")),
                f"SES complaint {c.get('complaintFeedbackType') or ''}".strip(),
                f"ses:{rid}:{i}",
                mid,
            )
            for i, r in enumerate(c.get("complainedRecipients") or [])
        ]
    return []


def _header(mail: dict[str, Any], name: str) -> str | None:
    for h in mail.get("headers") or []:
        if isinstance(h, dict) and str(h.get("name", "")).lower() == name.lower():
            return str(h.get("value"))
    return None


# --- Mailgun -------------------------------------------------------------------------------


def check_mailgun(doc: dict[str, Any], *, key: str, now: datetime, max_age: timedelta) -> str:
    """Verify a Mailgun webhook; returns its token (refuse it if seen before)."""
    sig = doc.get("signature") or {}
    timestamp, token, given = (str(sig.get(k, "")) for k in ("timestamp", "token", "signature"))
    if not key or not timestamp.isdigit() or not token:
        raise Refused("Mailgun signature missing (or no webhook signing key configured)")
    want = hmac.new(key.encode(), (timestamp + token).encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(want, given):
        raise Refused("Mailgun signature does not match")
    check_fresh(datetime.fromtimestamp(int(timestamp), now.tzinfo), now, max_age)
    return token


def mailgun_feedback(doc: dict[str, Any]) -> list[Feedback]:
    e = doc.get("event-data") or {}
    event, address = e.get("event"), _addr(e.get("recipient"))
    mid = ((e.get("message") or {}).get("headers") or {}).get("message-id")
    mid = f"<{mid.strip('<>')}>" if mid else None
    status = e.get("delivery-status") or {}
    detail = (
        f"Mailgun {e.get('severity') or ''} {status.get('code') or ''} "
        f"{status.get('description') or status.get('message') or e.get('reason') or ''}"
    )
    rid = f"mailgun:{e.get('id')}"
    if event == "failed":
        kind = "bounced" if e.get("severity") == "permanent" else "soft-bounce"
        return [Feedback(kind, address, " ".join(detail.split()), rid, mid)]
    if event == "complained":
        return [Feedback("complained", address, "Mailgun complaint", rid, mid)]
    return []


# --- Postmark ------------------------------------------------------------------------------

POSTMARK_HARD = {"HardBounce", "BadEmailAddress", "ManuallyDeactivated", "Blocked"}
POSTMARK_SOFT = {"SoftBounce", "Transient", "DnsError"}


def check_postmark(given: str, expected: str) -> None:
    """``given``: the Basic-auth password or the path segment; ``expected``: the token."""
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise Refused("Postmark credentials do not match")


def postmark_feedback(doc: dict[str, Any]) -> list[Feedback]:
    record, kind = doc.get("RecordType"), str(doc.get("Type", ""))
    address, mid = _addr(doc.get("Email")), doc.get("MessageID")
    mid = f"<{mid}>" if mid and "@" in str(mid) else None
    rid = f"postmark:{doc.get('ID')}"
    detail = f"Postmark {kind} {doc.get('Description') or ''} {doc.get('Details') or ''}"
    if record == "SpamComplaint" or kind == "SpamComplaint":
        return [Feedback("complained", address, "Postmark spam complaint", rid, mid)]
    if record == "Bounce" and kind in POSTMARK_HARD | POSTMARK_SOFT:
        outcome = "bounced" if kind in POSTMARK_HARD else "soft-bounce"
        return [Feedback(outcome, address, " ".join(detail.split()), rid, mid)]
    return []


# --- SendGrid ------------------------------------------------------------------------------


def check_sendgrid(
    body: bytes,
    *,
    signature: str,
    timestamp: str,
    public_key: str,
    now: datetime,
    max_age: timedelta,
) -> None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    if not public_key or not timestamp.isdigit():
        raise Refused("SendGrid signature missing (or no verification key configured)")
    try:
        key = load_der_public_key(base64.b64decode(public_key))
        sig = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError) as e:
        raise Refused(f"SendGrid signature or key unreadable: {e}") from e
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise Refused("SendGrid verification key is not an ECDSA key")
    try:
        key.verify(sig, timestamp.encode() + body, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as e:
        raise Refused("SendGrid signature does not match") from e
    check_fresh(datetime.fromtimestamp(int(timestamp), now.tzinfo), now, max_age)


def sendgrid_feedback(events: list[Any]) -> list[Feedback]:
    out = []
    for e in events:
        if not isinstance(e, dict):
            continue
        event, address, rid = (
            e.get("event"),
            _addr(e.get("email")),
            f"sendgrid:{e.get('sg_event_id')}",
        )
        detail = (
            f"SendGrid {e.get('type') or event} {e.get('status') or ''} {e.get('reason') or ''}"
        )
        if event == "bounce":
            kind = "soft-bounce" if e.get("type") == "blocked" else "bounced"
            out.append(Feedback(kind, address, " ".join(detail.split()), rid))
        elif event == "spamreport":
            out.append(Feedback("complained", address, "SendGrid spam report", rid))
    return out


def _addr(value: Any) -> str:
    return str(value or "").strip().strip("<>").lower()


def _iso(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as e:
        raise Refused(f"timestamp {value!r} is not ISO 8601") from e
