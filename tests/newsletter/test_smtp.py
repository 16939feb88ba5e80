"""The transports on their own: SMTP URL forms, STARTTLS/implicit TLS with AUTH against a real
aiosmtpd, dot-stuffing, connection reuse, and the Maildir default."""

from __future__ import annotations

import email
import email.policy
import ssl
import subprocess
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword

from syndicate.errors import ConfigError
from syndicate.newsletter.smtp import (
    MaildirTransport,
    SmtpPool,
    SmtpUrl,
    open_transport,
    parse_smtp_url,
)
from tests.smtpd import PortZeroController, RecordingHandler, Smtpd

MESSAGE = b"From: a@example.org\r\nTo: b@example.com\r\nSubject: x\r\n\r\nline\r\n.dot\r\n..two\r\n"


def test_smtp_url_forms() -> None:
    default = Path("var/outbox")
    assert parse_smtp_url("", default) == SmtpUrl("maildir", path=default)
    assert parse_smtp_url("maildir:/srv/mail", default) == SmtpUrl(
        "maildir", path=Path("/srv/mail")
    )
    assert parse_smtp_url("smtp://relay.example.org", default).port == 25
    tls = parse_smtp_url("smtp+starttls://u%40x:p%2Fw@relay.example.org", default)
    assert (tls.port, tls.username, tls.password) == (587, "u@x", "p/w")
    assert parse_smtp_url("smtps://u:p@relay.example.org", default).port == 465
    assert parse_smtp_url("smtps://u:p@h:2465", default).describe() == "smtps://u@h:2465"


@pytest.mark.parametrize("url", ["http://x", "smtp://", "smtp://h:port", "maildir:", "smtps:/x"])
def test_bad_smtp_urls_are_config_errors_without_the_password(url: str) -> None:
    with pytest.raises(ConfigError, match="Config 'smtp'"):
        parse_smtp_url(url, Path("x"))
    with pytest.raises(ConfigError) as e:
        parse_smtp_url("ftp://user:s3cret@host", Path("x"))
    assert "s3cret" not in str(e.value)


async def test_dot_stuffing_and_reuse_against_a_real_server(smtpd: Smtpd) -> None:
    pool = open_transport(parse_smtp_url(smtpd.url, Path("x")), pool_size=1)
    try:
        for rcpt in ("b@example.com", "c@example.com"):
            reply = await pool.send("a@example.org", rcpt, MESSAGE)
            assert reply.state == "sent" and "queued as R" in reply.text
        assert (
            await pool.send("a@example.org", "d@example.com", b"Subject: y\r\n\r\nno end")
        ).state == "sent"
    finally:
        await pool.close()
    assert isinstance(pool, SmtpPool) and pool.connects == 1
    assert smtpd.messages[0].data.replace(b"\r\n", b"\n").endswith(b"line\n.dot\n..two\n")
    assert [m.rcpt for m in smtpd.messages] == [
        ["b@example.com"],
        ["c@example.com"],
        ["d@example.com"],
    ]


async def test_an_address_with_a_line_break_never_reaches_the_wire(smtpd: Smtpd) -> None:
    pool = open_transport(parse_smtp_url(smtpd.url, Path("x")), pool_size=1)
    try:
        with pytest.raises(ValueError, match="control character"):
            await pool.send("a@example.org", "b@example.com>\r\nRCPT TO:<c@example.com", MESSAGE)
    finally:
        await pool.close()
    assert smtpd.messages == []


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("tls")
    key, cert = d / "key.pem", d / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
         "-out", str(cert), "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return key, cert


def _authenticator(*args: Any) -> AuthResult:
    auth_data = args[-1]
    ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"s3cret"
    return AuthResult(success=ok, handled=False)


# aiosmtpd warns when AUTH is allowed without STARTTLS, which is what implicit TLS (smtps) needs:
# https://aiosmtpd.aio-libs.org/en/latest/smtp.html (auth_require_tls).
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
@pytest.mark.parametrize("scheme", ["smtp+starttls", "smtps"])
async def test_tls_and_auth_from_the_url(scheme: str, certificate: tuple[Path, Path]) -> None:
    key, cert = certificate
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    handler = RecordingHandler()
    tls: dict[str, Any] = (
        {"tls_context": server_ctx, "require_starttls": True}
        if scheme == "smtp+starttls"
        # aiosmtpd does not count implicit TLS as TLS for AUTH; the socket is TLS all the same.
        else {"ssl_context": server_ctx, "auth_require_tls": False}
    )
    controller = PortZeroController(handler, hostname="127.0.0.1", port=0, auth_required=True,
                                    authenticator=_authenticator, **tls)  # fmt: skip
    controller.start()
    client_ctx = ssl.create_default_context(cafile=str(cert))
    try:
        for password, state in (("wrong", "retry"), ("s3cret", "sent")):
            url = parse_smtp_url(f"{scheme}://user:{password}@127.0.0.1:{controller.port}", Path())
            pool = open_transport(url, pool_size=1, tls_context=client_ctx)
            try:
                reply = await pool.send("a@example.org", "b@example.com", MESSAGE)
            finally:
                await pool.close()
            assert reply.state == state
            if state == "retry":
                assert reply.fatal and "AUTH refused" in reply.text
    finally:
        controller.stop()
    [got] = handler.messages
    assert got.rcpt == ["b@example.com"]


async def test_maildir_delivers_whole_files(tmp_path: Path) -> None:
    t = open_transport(parse_smtp_url(f"maildir:{tmp_path / 'box'}", Path("x")))
    assert isinstance(t, MaildirTransport)
    reply = await t.send("a@example.org", "b@example.com", MESSAGE)
    await t.close()
    assert reply.state == "sent" and reply.text.startswith("maildir ")
    files = list((tmp_path / "box" / "new").iterdir())
    assert len(files) == 1 and list((tmp_path / "box" / "tmp").iterdir()) == []
    data = files[0].read_bytes()
    assert b"\r\n" not in data  # Maildir files use the local line ending
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert msg["To"] == "b@example.com"
