"""Email transports: an aiosmtplib connection pool, and a Maildir for the no-server default.

``open_transport(url, …)`` takes ``SYNDICATE_SMTP``:

- ``smtp://[user:pass@]host[:25]``: plain SMTP (loopback or a trusted network);
- ``smtp+starttls://user:pass@host[:587]``: STARTTLS required, then AUTH;
- ``smtps://user:pass@host[:465]``: implicit TLS, then AUTH;
- ``maildir:PATH`` (and the empty default, ``{data_dir}/outbox``): each message is written
  to ``PATH/tmp``, fsynced, and renamed into ``PATH/new`` (the Maildir protocol).

``SmtpPool`` keeps N persistent connections and reuses each for many messages (a connection
per message halves the rate). One message is one transaction with one RCPT (the unsubscribe
token is personal), and each reply is mapped to a ledger outcome (``Reply.state``):

=====================================  =========================================
250 after DATA                         ``sent``; the reply text is the provider id
4xx anywhere (421, 451, 452, 454 …)    ``retry``; 421 also drops the connection
5xx on RCPT or DATA                    ``failed``; ``bounce``: suppress the address
dropped connection                     ``retry`` (RFC 5321 §3.8: counts as a 451)
timeout waiting for DATA's reply       ``unknown`` (maybe delivered; §4.5.3.2.6)
refused connect, EHLO, AUTH, MAIL 5xx  ``retry`` and ``fatal``: stop the run
=====================================  =========================================

A 421 or a drop before the message was handed over is tried once more at once on a fresh
connection. The reply to DATA's final "." gets ``data_timeout`` (RFC 5321: 10 minutes), not
aiosmtplib's 60-second default; other commands get ``timeout``.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import socket
import ssl
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol
from urllib.parse import unquote, urlsplit

import aiosmtplib
from aiosmtplib import (
    SMTPAuthenticationError,
    SMTPDataError,
    SMTPRecipientRefused,
    SMTPResponseException,
    SMTPSenderRefused,
    SMTPServerDisconnected,
    SMTPTimeoutError,
)

from syndicate.errors import ConfigError

State = Literal["sent", "retry", "failed", "unknown"]
PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


@dataclass(frozen=True)
class SmtpUrl:
    """A parsed ``SYNDICATE_SMTP`` value (``scheme`` ``maildir`` has only ``path``)."""

    scheme: str
    host: str = ""
    port: int = 0
    username: str | None = None
    password: str | None = None
    path: Path | None = None

    def describe(self) -> str:
        """For messages: the URL without its password."""
        if self.scheme == "maildir":
            return f"maildir:{self.path}"
        user = f"{self.username}@" if self.username else ""
        return f"{self.scheme}://{user}{self.host}:{self.port}"


def parse_smtp_url(url: str, default_maildir: Path) -> SmtpUrl:
    """Parse ``url`` (empty: the default Maildir); a bad one is a ``ConfigError``."""
    if not url:
        return SmtpUrl("maildir", path=default_maildir)
    if url.startswith("maildir:"):
        path = url.removeprefix("maildir:").removeprefix("//")
        if not path:
            raise ConfigError("Config 'smtp' has value 'maildir:'. Give a path: maildir:PATH.")
        return SmtpUrl("maildir", path=Path(path))
    parts = urlsplit(url)
    if parts.scheme not in PORTS or not parts.hostname:
        raise ConfigError(
            f"Config 'smtp' has value '{_redact(url)}'. Use smtp://host:port, "
            "smtp+starttls://user:pass@host:587, smtps://user:pass@host:465 or maildir:PATH."
        )
    try:
        port = parts.port or PORTS[parts.scheme]
    except ValueError as e:
        raise ConfigError(f"Config 'smtp' has value '{_redact(url)}'. Not a valid port.") from e
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    return SmtpUrl(parts.scheme, parts.hostname, port, user, password)


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


@dataclass(frozen=True)
class Reply:
    """What happened to one message (see the module docstring)."""

    state: State
    code: int | None
    text: str
    #: A permanent refusal of the address: suppress it (hard bounce).
    bounce: bool = False
    #: The relay or our config is broken: stop sending this run.
    fatal: bool = False

    def describe(self) -> str:
        return f"{self.code} {self.text}".strip() if self.code else self.text


class Transport(Protocol):
    """Sends one message to one recipient."""

    async def send(self, sender: str, recipient: str, data: bytes) -> Reply: ...

    async def close(self) -> None: ...


def open_transport(
    url: SmtpUrl,
    *,
    pool_size: int = 4,
    timeout: float = 300.0,
    data_timeout: float = 600.0,
    tls_context: ssl.SSLContext | None = None,
) -> Transport:
    """The transport for ``url``."""
    if url.scheme == "maildir":
        assert url.path is not None
        return MaildirTransport(url.path)
    return SmtpPool(
        url, size=pool_size, timeout=timeout, data_timeout=data_timeout, tls_context=tls_context
    )


class SmtpPool:
    """N persistent aiosmtplib connections, reconnected when the server drops one."""

    def __init__(
        self,
        url: SmtpUrl,
        *,
        size: int,
        timeout: float,
        data_timeout: float,
        tls_context: ssl.SSLContext | None = None,
    ) -> None:
        self.url = url
        self.timeout = timeout
        self.data_timeout = data_timeout
        self.tls_context = tls_context
        self.local_hostname = socket.gethostname() or "localhost"
        self.idle: asyncio.Queue[aiosmtplib.SMTP] = asyncio.Queue()
        self.clients = [self._client() for _ in range(size)]
        for c in self.clients:
            self.idle.put_nowait(c)
        #: Connections opened so far (a reconnect counts): reuse shows as a small number.
        self.connects = 0

    def _client(self) -> aiosmtplib.SMTP:
        u = self.url
        return aiosmtplib.SMTP(
            hostname=u.host,
            port=u.port,
            username=u.username,
            password=u.password,
            use_tls=u.scheme == "smtps",
            start_tls=u.scheme == "smtp+starttls",
            tls_context=self.tls_context,
            local_hostname=self.local_hostname,
            timeout=self.timeout,
        )

    async def send(self, sender: str, recipient: str, data: bytes) -> Reply:
        client = await self.idle.get()
        try:
            reply = await self._attempt(client, sender, recipient, data)
            if reply.state == "retry" and not reply.fatal and _fresh_retry(reply):
                reply = await self._attempt(client, sender, recipient, data)
            return reply
        finally:
            self.idle.put_nowait(client)

    async def _attempt(
        self, client: aiosmtplib.SMTP, sender: str, recipient: str, data: bytes
    ) -> Reply:
        if not client.is_connected:
            failed = await self._connect(client)
            if failed is not None:
                return failed
        try:
            return await self._transaction(client, sender, recipient, data)
        except (SMTPServerDisconnected, ConnectionError, OSError) as e:
            client.close()
            return Reply("retry", None, f"connection lost before DATA: {e}", fatal=False)

    async def _connect(self, client: aiosmtplib.SMTP) -> Reply | None:
        self.connects += 1
        try:
            await client.connect()
        except SMTPAuthenticationError as e:
            client.close()
            why = f"AUTH refused: {e.code} {e.message}; check the user and password in SMTP URL"
            return Reply("retry", e.code, why, fatal=True)
        except SMTPResponseException as e:
            client.close()
            return Reply("retry", e.code, f"connect: {e.message}", fatal=e.code != 421)
        except (aiosmtplib.SMTPException, OSError) as e:
            client.close()
            return Reply("retry", None, f"cannot connect to {self.url.describe()}: {e}", fatal=True)
        return None

    async def _transaction(
        self, client: aiosmtplib.SMTP, sender: str, recipient: str, data: bytes
    ) -> Reply:
        try:
            await client.mail(sender)
            await client.rcpt(recipient)
        except SMTPSenderRefused as e:
            return await self._refused(client, e, fatal=e.code >= 500, where="MAIL")
        except SMTPRecipientRefused as e:
            return await self._refused(client, e, fatal=False, where="RCPT")
        except SMTPResponseException as e:
            return await self._refused(client, e, fatal=False, where="MAIL/RCPT")
        try:
            response = await client.data(data, timeout=self.data_timeout)
        except SMTPDataError as e:
            return await self._refused(client, e, fatal=False, where="DATA")
        except SMTPTimeoutError:
            client.close()
            why = f"no reply to DATA within {self.data_timeout:g} s: maybe delivered"
            return Reply("unknown", None, why)
        except (SMTPServerDisconnected, ConnectionError, OSError) as e:
            client.close()
            return Reply("retry", None, f"connection lost during DATA: {e}")
        return Reply("sent", response.code, response.message)

    async def _refused(
        self, client: aiosmtplib.SMTP, e: SMTPResponseException, *, fatal: bool, where: str
    ) -> Reply:
        text = f"{where}: {e.message}"
        if e.code == 421 or not client.is_connected:
            client.close()
            return Reply("retry", e.code, text)
        if e.code < 500:
            await _reset(client)
            return Reply("retry", e.code, text)
        await _reset(client)
        if fatal:
            return Reply("retry", e.code, f"the relay refused our sender: {text}", fatal=True)
        return Reply("failed", e.code, text, bounce=True)

    async def close(self) -> None:
        for c in self.clients:
            if c.is_connected:
                try:
                    await c.quit(timeout=5)
                except (aiosmtplib.SMTPException, OSError):
                    c.close()


def _fresh_retry(reply: Reply) -> bool:
    """A 421 or a drop before DATA: safe to try again at once on a new connection."""
    return reply.code == 421 or reply.text.startswith(("connection lost before DATA", "connect:"))


async def _reset(client: aiosmtplib.SMTP) -> None:
    try:
        await client.rset()
    except (aiosmtplib.SMTPException, OSError):
        client.close()


class MaildirTransport:
    """Delivers into a Maildir: tmp/, fsync, rename into new/ (nothing is half-written)."""

    _seq = itertools.count()

    def __init__(self, root: Path) -> None:
        self.root = root
        for sub in ("tmp", "new", "cur"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        self.host = (socket.gethostname() or "localhost").replace("/", "_").replace(":", "_")

    async def send(self, sender: str, recipient: str, data: bytes) -> Reply:
        return await asyncio.to_thread(self._deliver, data)

    def _deliver(self, data: bytes) -> Reply:
        name = f"{time.time_ns()}.P{os.getpid()}Q{next(self._seq)}.{self.host}"
        tmp = self.root / "tmp" / name
        try:
            with open(tmp, "wb") as f:
                f.write(data.replace(b"\r\n", b"\n"))
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.root / "new" / name)
        except OSError as e:
            return Reply("retry", None, f"maildir {self.root}: {e.strerror or e}", fatal=True)
        return Reply("sent", 250, f"maildir {name}")

    async def close(self) -> None:
        return None
