"""DKIM signing (RFC 6376, relaxed/relaxed) on ``cryptography``: rsa-sha256 and ed25519-sha256
(RFC 8463).

dkimpy signs with its own pure-Python RSA (about 100 messages/s on the bench machine), which
capped a sending process. Here the canonicalization is a few ``bytes`` regex passes and the
signature is OpenSSL's (``cryptography``), so a signature costs well under a millisecond with
RSA-2048 and a few tens of microseconds with Ed25519 (``bench/email.py --dkim``). The output is
an ordinary ``DKIM-Signature`` header that any verifier (dkimpy in the tests) accepts.

Pure: the key comes in as PEM bytes; nothing here reads a file or the clock (no ``t=`` tag).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa

_WSP_RUN = re.compile(rb"[ \t]+")
_WSP_EOL = re.compile(rb"[ \t]+\r\n")
_FOLD = re.compile(rb"\r\n(?=[ \t])")
_HEADER_START = re.compile(rb"^(?![ \t])", re.M)


class DkimKeyError(ValueError):
    """The key is not an RSA (2048 bits or more is advised) or Ed25519 private key in PEM."""


@dataclass(frozen=True)
class DkimSigner:
    """Signs messages for one key: ``signer.sign(message)`` returns the message with its
    ``DKIM-Signature`` header first."""

    selector: str
    domain: str
    headers: tuple[bytes, ...]
    algorithm: str
    _sign: Callable[[bytes], bytes]

    def signature(self, message: bytes) -> bytes:
        """The ``DKIM-Signature: …\\r\\n`` header for ``message`` (CRLF line endings)."""
        head, sep, body = message.partition(b"\r\n\r\n")
        if not sep:
            head, body = message.removesuffix(b"\r\n"), b""
        body_hash = base64.b64encode(hashlib.sha256(canonical_body(body)).digest())
        fields = _fields(head)
        names, signed = [], []
        used: dict[bytes, int] = {}
        for name in self.headers:
            key = name.lower()
            found = fields.get(key, [])
            n = used.get(key, 0)
            if n < len(found):  # RFC 6376 §5.4.2: instances are taken from the bottom up
                signed.append(canonical_header(found[len(found) - 1 - n]))
                used[key] = n + 1
                names.append(name)
        value = (f"v=1; a={self.algorithm}; c=relaxed/relaxed; d={self.domain}; "
                 f"s={self.selector};\r\n\th=").encode("ascii") + b":".join(names) + (
                 b";\r\n\tbh=" + body_hash + b";\r\n\tb=")  # fmt: skip
        header = b"DKIM-Signature: " + value
        data = b"".join(signed) + canonical_header(header).removesuffix(b"\r\n")
        b = base64.b64encode(self._sign(data))
        folded = b"\r\n\t".join(b[i : i + 72] for i in range(0, len(b), 72))
        return header + folded + b"\r\n"

    def sign(self, message: bytes) -> bytes:
        return self.signature(message) + message


def load_signer(pem: bytes, *, selector: str, domain: str, headers: Sequence[bytes]) -> DkimSigner:
    """A signer for the private key ``pem`` (RSA: rsa-sha256; Ed25519: ed25519-sha256)."""
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as e:
        raise DkimKeyError(f"not a PEM private key without a passphrase ({e})") from e
    if isinstance(key, rsa.RSAPrivateKey):
        rsa_key = key

        def sign_rsa(data: bytes) -> bytes:
            return rsa_key.sign(data, padding.PKCS1v15(), hashes.SHA256())

        algorithm, fn = "rsa-sha256", sign_rsa
    elif isinstance(key, ed25519.Ed25519PrivateKey):
        ed_key = key

        def sign_ed25519(data: bytes) -> bytes:  # RFC 8463 §3: Ed25519 over SHA-256(data)
            return ed_key.sign(hashlib.sha256(data).digest())

        algorithm, fn = "ed25519-sha256", sign_ed25519
    else:
        raise DkimKeyError(f"a {type(key).__name__}: DKIM takes an RSA or Ed25519 key")
    return DkimSigner(selector, domain, tuple(headers), algorithm, fn)


def public_record(pem: bytes) -> str:
    """The DNS TXT value to publish at ``SELECTOR._domainkey.DOMAIN`` for the key ``pem``."""
    key = serialization.load_pem_private_key(pem, password=None)
    if isinstance(key, ed25519.Ed25519PrivateKey):
        raw = key.public_key().public_bytes(serialization.Encoding.Raw,
                                            serialization.PublicFormat.Raw)  # fmt: skip
        return "v=DKIM1; k=ed25519; p=" + base64.b64encode(raw).decode("ascii")
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    der = key.public_key().public_bytes(serialization.Encoding.DER, spki)
    return "v=DKIM1; k=rsa; p=" + base64.b64encode(der).decode("ascii")


def canonical_body(body: bytes) -> bytes:
    """RFC 6376 §3.4.4: WSP runs become one SP, WSP at line ends and empty lines at the end go,
    and a non-empty body ends in CRLF. A body is taken as it goes on the wire, ending in CRLF
    (``smtp_session`` adds it). The ``in`` tests skip the regex passes on a body with nothing
    to change (ours: they cost most of a signature on a 20 KB newsletter)."""
    if body and not body.endswith(b"\r\n"):
        body += b"\r\n"
    if b"  " in body or b"\t" in body:
        body = _WSP_RUN.sub(b" ", body)
    if b" \r\n" in body:
        body = _WSP_EOL.sub(b"\r\n", body)
    end = len(body)
    while end >= 2 and body.startswith(b"\r\n", end - 2):
        end -= 2
    return body[: end + 2] if end else b""


def canonical_header(field: bytes) -> bytes:
    """RFC 6376 §3.4.2: lower-case name, unfolded value, WSP runs as one SP, none around the
    colon or at the end; one CRLF after."""
    name, _, value = _FOLD.sub(b"", field.removesuffix(b"\r\n")).partition(b":")
    value = _WSP_RUN.sub(b" ", value).strip(b" ")
    return name.rstrip(b" \t").lower() + b":" + value + b"\r\n"


def _fields(head: bytes) -> dict[bytes, list[bytes]]:
    """Each header field (folded lines kept), by lower-case name, in message order."""
    out: dict[bytes, list[bytes]] = {}
    for field in _HEADER_START.split(head)[1:]:
        name = field.partition(b":")[0].rstrip(b" \t").lower()
        out.setdefault(name, []).append(field)
    return out
