"""DKIM on ``cryptography`` (newsletter/dkim_sign.py): what it signs, dkimpy verifies.

dkimpy is the independent verifier (it has its own canonicalization and, for ed25519-sha256,
PyNaCl); the keys are made by openssl, the public records built from them as a DNS admin
would publish them."""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import dkim
import pytest
from dkim.canonicalization import Relaxed
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine

from syndicate.config import Settings, load_settings
from syndicate.errors import ConfigError
from syndicate.newsletter.delivery import DKIM_HEADERS, dkim_signer
from syndicate.newsletter.dkim_sign import canonical_body, canonical_header, load_signer
from tests.email_support import Clock, email_settings, send, store_seed
from tests.newsletter.test_render_newsletter import READER, render
from tests.smtpd import Smtpd


def openssl_key(path: Path, kind: str) -> bytes:
    """A fresh private key (PEM at ``path``) and its DKIM TXT record, both by openssl."""
    args = ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"] if kind == "rsa" else [
        "-algorithm", "ED25519"]  # fmt: skip
    subprocess.run(["openssl", "genpkey", *args, "-out", str(path)], check=True,
                   capture_output=True)  # fmt: skip
    der = subprocess.run(["openssl", "pkey", "-in", str(path), "-pubout", "-outform", "DER"],
                         check=True, capture_output=True).stdout  # fmt: skip
    if kind == "ed25519":
        der = der[-32:]  # RFC 8463 §4: the bare 32-byte public key, not the SPKI
    return f"v=DKIM1; k={kind}; p=".encode() + base64.b64encode(der)


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, bytes]]:
    d = tmp_path_factory.mktemp("dkim")
    return {kind: (d / f"{kind}.pem", openssl_key(d / f"{kind}.pem", kind))
            for kind in ("rsa", "ed25519")}  # fmt: skip


def dns(records: dict[bytes, bytes]) -> object:
    def lookup(name: bytes, timeout: int = 5) -> bytes:
        return records[name]

    return lookup


@pytest.mark.parametrize("kind", ["rsa", "ed25519"])
def test_the_seed_newsletter_signed_here_verifies_in_dkimpy(
    keys: dict[str, tuple[Path, bytes]], kind: str
) -> None:
    path, record = keys[kind]
    signer = load_signer(path.read_bytes(), selector="s1", domain="example.org",
                         headers=DKIM_HEADERS)  # fmt: skip
    message = render().message(READER)
    signed = signer.sign(message)
    algorithm = b"ed25519-sha256" if kind == "ed25519" else b"rsa-sha256"
    assert signed.startswith(b"DKIM-Signature: v=1; a=" + algorithm + b"; c=relaxed/relaxed;")
    lookup = dns({b"s1._domainkey.example.org.": record})
    assert dkim.verify(signed, dnsfunc=lookup)
    # The signature covers the body and the one-click unsubscribe headers.
    assert b"List-Unsubscribe:List-Unsubscribe-Post" in signed.split(b"bh=")[0]
    assert not dkim.verify(signed.replace(b"tok.EN-_1", b"tok.EN-_2"), dnsfunc=lookup)
    assert not dkim.verify(signed + "附言\r\n".encode(), dnsfunc=lookup)  # body changed


async def test_rsa_and_ed25519_from_the_config_both_verify_at_the_relay(
    db: Engine, db_settings: Settings, smtpd: Smtpd, keys: dict[str, tuple[Path, bytes]]
) -> None:
    settings = email_settings(db_settings, smtpd.url, email_dkim_key=str(keys["rsa"][0]),
                              email_dkim_selector="rsa2026",
                              email_dkim_ed25519_key=str(keys["ed25519"][0]),
                              email_dkim_ed25519_selector="ed2026")  # fmt: skip
    store_seed(db, settings, "a@example.com")
    await send(db, settings, Clock())
    [got] = smtpd.messages
    lookup = dns({b"rsa2026._domainkey.example.org.": keys["rsa"][1],
                  b"ed2026._domainkey.example.org.": keys["ed25519"][1]})  # fmt: skip
    verifier = dkim.DKIM(got.data)
    algorithms = []
    for idx in range(2):
        assert verifier.verify(idx=idx, dnsfunc=lookup)
        algorithms.append(verifier.signature_fields[b"a"])
    assert sorted(algorithms) == [b"ed25519-sha256", b"rsa-sha256"]
    assert got.data.count(b"DKIM-Signature:") == 2


def test_a_key_that_is_not_a_dkim_key_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "cert.pem"
    bad.write_text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    ec = tmp_path / "ec.pem"
    subprocess.run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-out", str(ec)], check=True,
                   capture_output=True)  # fmt: skip
    base = load_settings('email_from = "n@example.org"', {})
    for path, why in ((bad, "not a PEM private key"), (ec, "DKIM takes an RSA or Ed25519")):
        s = email_settings(base, email_dkim_key=str(path), email_dkim_selector="s")
        with pytest.raises(ConfigError, match=f"Config 'email_dkim_key': {path} is .*{why}"):
            dkim_signer(s)
    with pytest.raises(ConfigError, match="'email_dkim_ed25519_selector' is required"):
        load_settings('email_dkim_ed25519_key = "k.pem"', {})


_text = st.lists(st.sampled_from(["a", "中", " ", "\t", "\r\n", "."]), max_size=40).map(
    lambda parts: "".join(parts).encode()
)


@given(_text)
def test_body_canonicalization_matches_dkimpy(body: bytes) -> None:
    on_the_wire = body if not body or body.endswith(b"\r\n") else body + b"\r\n"
    assert canonical_body(body) == Relaxed.canonicalize_body(on_the_wire)


_value = st.lists(st.sampled_from(["a", "中", " ", "\t", "\r\n ", "\r\n\t", ":"]), max_size=30).map(
    lambda parts: "".join(parts).encode()
)


@given(st.sampled_from([b"Subject", b"LIST-Unsubscribe", b"X-Odd "]), _value)
def test_header_canonicalization_matches_dkimpy(name: bytes, value: bytes) -> None:
    [(n, v)] = Relaxed.canonicalize_headers([(name, value + b"\r\n")])
    assert canonical_header(name + b":" + value + b"\r\n") == n + b":" + v
