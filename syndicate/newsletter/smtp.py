"""Email transports: an aiosmtplib connection pool, and a Maildir for the no-server default.

``open_transport(url, …)`` takes ``SYNDICATE_SMTP``:

- ``smtp://[user:pass@]host[:25]``: plain SMTP (loopback or a trusted network);
- ``smtp+starttls://user:pass@host[:587]``: STARTTLS required, then AUTH;
- ``smtps://user:pass@host[:465]``: implicit TLS, then AUTH;
- ``maildir:PATH`` (and the empty default, ``{data_dir}/outbox``): each message is written
  to ``PATH/tmp``, fsynced, and renamed into ``PATH/new`` (the Maildir protocol).

``SmtpPool`` keeps N persistent connections and reuses each for many messages (a connection
per message halves the rate). aiosmtplib opens each one (TLS, STARTTLS, AUTH, EHLO); the
transactions then run on ``smtp_session.Session`` (PIPELINING, no per-message regex passes;
see there for the measurements). One message is one transaction with one RCPT (the
unsubscribe token is personal), and each reply is mapped to a ledger outcome
(``Reply.state``):

=====================================  =========================================
250 after DATA                         ``sent``; the reply text is the provider id
4xx anywhere (421, 451, 452, 454 …)    ``retry``; 421 also drops the connection
5xx on RCPT or DATA                    ``failed``; ``bounce`` (suppress the address) only
                                       when it is about the address (``hard_bounce``)
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
import contextlib
import itertools
import logging
import os
import re
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, Protocol
from urllib.parse import unquote, urlsplit

import aiosmtplib
from aiosmtplib import SMTPAuthenticationError, SMTPResponseException

from syndicate.errors import ConfigError
from syndicate.newsletter.aimd import Window, explicit_throttle, throttled
from syndicate.newsletter.smtp_session import Outcome, Session, SessionClosed, SessionTimeout

State = Literal["sent", "retry", "failed", "unknown"]
PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}
#: Messages in flight to a relay not seen before in this process (the window grows from here).
START_WINDOW = 2
#: Tries of one message against explicit throttling, pausing 0.05 s, 0.1 s, 0.2 s … between.
THROTTLE_TRIES, THROTTLE_PAUSE = 6, 0.05
#: Per relay (host, port): the window size and slow-start state the last pool ended with.
_LEARNED: dict[tuple[str, int], tuple[float, bool]] = {}
log = logging.getLogger(__name__)


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
    #: The relay asks us to slow down (``aimd.throttled``, or a refused extra connection).
    throttle: bool = False

    def describe(self) -> str:
        return f"{self.code} {self.text}".strip() if self.code else self.text


class Transport(Protocol):
    """Sends one message to one recipient. The SMTP pool also has ``send_many`` (several in a
    row, one reply each; the sender sends one by one through a transport without it)."""

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
    """Up to ``size`` persistent connections, opened by aiosmtplib (TLS, STARTTLS, AUTH, EHLO)
    and then driven by ``smtp_session.Session`` (pipelined transactions); reopened when one
    drops. How many are in use at once follows the relay (``aimd.Window``): the window grows
    while the relay accepts and halves when it throttles (421, 451, 452, a 4.7.x reply, a
    refused connection while others are open); connections beyond it close as they come
    back. A message refused by an explicit throttle (421, 4.7.x, a refused connection) goes
    again on the smaller window after a short pause, up to ``THROTTLE_TRIES`` times, before it
    goes back to the ledger as ``retry``. What the window learned is kept per relay for the
    next pool in this process."""

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
        self.slots = [_Slot(self._client()) for _ in range(size)]
        #: Free connections, a stack: the open ones on top, so only the window's are used.
        self.idle = list(self.slots)
        self.active = 0
        #: Signalled when a connection is free or the window grew; ``picky``: waiters that
        #: want an open connection.
        self.changed = asyncio.Condition()
        self.picky = 0
        size0, slow = _LEARNED.get((url.host, url.port), (START_WINDOW, True))
        self.window = Window(ceiling=size, size=size0, slow_start=slow)
        #: Connections opened so far (a reconnect counts): reuse shows as a small number.
        self.connects = 0
        #: Times the window shrank because the relay throttled.
        self.throttles = 0

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
        refused = False
        for attempt in range(THROTTLE_TRIES):
            slot, epoch = await self._take(open_only=refused)
            try:
                reply = await self._attempt(slot, sender, recipient, data)
                if _fresh_retry(reply):
                    reply = await self._attempt(slot, sender, recipient, data)
            finally:
                await self._give(slot)
            if reply.state == "sent":
                await self._accepted()
            elif reply.throttle:
                self._backoff(epoch, reply)
                refused = reply.code is None  # a connection refused: wait for an open one
                again = refused or explicit_throttle(reply.code, reply.text)
                if again and attempt + 1 < THROTTLE_TRIES:
                    await asyncio.sleep(THROTTLE_PAUSE * 2**attempt)
                    continue
            return reply
        raise AssertionError("unreachable")  # pragma: no cover

    async def send_many(
        self,
        messages: list[tuple[str, str, bytes]],
        on_reply: Callable[[int, Reply], None],
        proceed: Callable[[], bool],
    ) -> None:
        """``messages`` in a row on one connection when the relay offers PIPELINING
        (``Session.transactions``: each envelope rides with the previous body);
        ``on_reply(i, reply)`` as soon as message ``i`` is decided. A message the run did not
        reach, or one to try again at once (a drop before its body, a 421, an explicit
        throttle), goes through ``send`` on its own once the connection is back in the pool,
        so every reply means what it means for ``send``. Nothing more is sent once
        ``proceed()`` is false."""
        later: list[int] = []
        slot, epoch = await self._take()

        async def decided(k: int, outcome: Outcome) -> None:
            reply = self._classified(await self._mapped(slot, outcome))
            if reply.throttle:
                self._backoff(epoch, reply)
            elif reply.state == "sent":
                await self._accepted()
            if _again(reply):
                later.append(k)
            else:
                on_reply(k, reply)

        done = 0
        try:
            if slot.session is None or not slot.session.alive:
                if await self._connect(slot) is not None:
                    slot.drop()  # each message meets the failure through ``send``
            session = slot.session
            if session is not None and session.pipelining:
                try:
                    done = await session.transactions(
                        messages, seconds=self.timeout, data_seconds=self.data_timeout,
                        on_outcome=decided, proceed=proceed,
                    )  # fmt: skip
                except ValueError:
                    done = 0  # a bad address: ``send`` says which
        finally:
            await self._give(slot)
        for k in [*later, *range(done, len(messages))]:
            if not proceed():
                return
            on_reply(k, await self.send(*messages[k]))

    def _classified(self, reply: Reply) -> Reply:
        """``reply`` marked ``throttle`` when its code or text says the relay slows us."""
        if reply.state == "retry" and not reply.throttle and throttled(reply.code, reply.text):
            return replace(reply, throttle=True)
        return reply

    async def _mapped(self, slot: _Slot, outcome: Outcome) -> Reply:
        """How a transaction ended, as a ``Reply`` (see the module docstring's table)."""
        if isinstance(outcome, SessionTimeout):
            slot.drop()
            if outcome.after_data:
                why = f"no reply to DATA within {self.data_timeout:g} s: maybe delivered"
                return Reply("unknown", None, why)
            return Reply("retry", None, f"connection lost before DATA: {outcome}")
        if isinstance(outcome, SessionClosed):
            slot.drop()
            when = "during DATA" if outcome.after_data else "before DATA"
            return Reply("retry", None, f"connection lost {when}: {outcome}")
        phase, answer = outcome
        if phase == "sent":
            return Reply("sent", answer.code, answer.text)
        return await self._refused(slot, answer.code, f"{phase}: {answer.text}", phase)

    async def _accepted(self) -> None:
        before = self.window.limit
        self.window.accepted()
        if self.window.limit > before:
            async with self.changed:
                self.changed.notify_all()

    async def _take(self, *, open_only: bool = False) -> tuple[_Slot, int]:
        """A free connection within the window (the open ones first); ``open_only``: wait
        for an open one while any is open."""

        def ready() -> bool:
            if self.active >= self.window.limit:
                return False
            if not open_only or self.idle[-1].session is not None:
                return True
            return not any(s.session is not None for s in self.slots)

        async with self.changed:
            self.picky += open_only
            try:
                await self.changed.wait_for(ready)
            finally:
                self.picky -= open_only
            self.active += 1
            return self.idle.pop(), self.window.epoch

    async def _give(self, slot: _Slot) -> None:
        """Put ``slot`` back; an open connection beyond the window is closed (QUIT, then the
        transport closes once the QUIT is written)."""
        async with self.changed:
            self.active -= 1
            if slot.session is not None and slot.session.alive:
                open_idle = sum(1 for s in self.idle if s.session is not None)
                if self.active + open_idle < self.window.limit:
                    self.idle.append(slot)
                else:
                    with contextlib.suppress(SessionClosed):
                        slot.session.write(b"QUIT\r\n")
                    slot.drop()
                    self.idle.insert(0, slot)
            else:
                slot.drop()
                self.idle.insert(0, slot)
            if self.picky:  # a waiter for an open connection may not be the first in line
                self.changed.notify_all()
            else:
                self.changed.notify()

    def _backoff(self, epoch: int, reply: Reply) -> None:
        before = self.window.limit
        if self.window.throttled(epoch):
            self.throttles += 1
            level = logging.WARNING if self.throttles == 1 else logging.DEBUG  # once a pool
            log.log(level, "%s throttles (%s): sending on %d connection(s), was %d",
                    self.url.describe(), reply.describe(), self.window.limit, before)  # fmt: skip

    async def _attempt(self, slot: _Slot, sender: str, recipient: str, data: bytes) -> Reply:
        return self._classified(await self._transaction(slot, sender, recipient, data))

    async def _transaction(self, slot: _Slot, sender: str, recipient: str, data: bytes) -> Reply:
        if slot.session is None or not slot.session.alive:
            failed = await self._connect(slot)
            if failed is not None:
                return failed
        assert slot.session is not None
        try:
            outcome: Outcome = await slot.session.transaction(
                sender, recipient, data, seconds=self.timeout, data_seconds=self.data_timeout
            )
        except (SessionTimeout, SessionClosed) as e:
            outcome = e
        return await self._mapped(slot, outcome)

    async def _connect(self, slot: _Slot) -> Reply | None:
        self.connects += 1
        slot.drop()
        client = slot.client
        try:
            await client.connect()
            if client.is_ehlo_or_helo_needed:
                await client.ehlo()
        except SMTPAuthenticationError as e:
            client.close()
            why = f"AUTH refused: {e.code} {e.message}; check the user and password in SMTP URL"
            return Reply("retry", e.code, why, fatal=True)
        except SMTPResponseException as e:
            client.close()
            return Reply("retry", e.code, f"connect: {e.message}", fatal=e.code != 421)
        except (aiosmtplib.SMTPException, OSError) as e:
            client.close()
            why = f"cannot connect to {self.url.describe()}: {e}"
            if any(s.session is not None and s.session.alive for s in self.slots):
                return Reply("retry", None, why, throttle=True)  # the relay has enough of us
            return Reply("retry", None, why, fatal=True)
        slot.session = Session.take_over(client)
        return None

    async def _refused(self, slot: _Slot, code: int, text: str, phase: str) -> Reply:
        if code == 421:
            slot.drop()
            return Reply("retry", code, text)
        if phase == "end of DATA" and code < 500:
            return Reply("retry", code, text)  # e.g. SES "454 Throttling failure": not taken
        try:
            if phase != "end of DATA" and slot.session is not None:
                await slot.session.rset(self.timeout)
        except (SessionClosed, SessionTimeout):
            slot.drop()
        if code < 500:
            return Reply("retry", code, text)
        if phase == "MAIL":  # the relay refuses us, not this address: stop, blame nobody
            return Reply("retry", code, f"the relay refused our sender: {text}", fatal=True)
        return Reply("failed", code, text, bounce=hard_bounce(code, text, phase))

    async def close(self) -> None:
        _LEARNED[(self.url.host, self.url.port)] = (self.window.size, self.window.slow_start)
        for slot in self.slots:
            if slot.session is not None and slot.session.alive:
                await slot.session.quit(5.0)
            slot.drop()


class _Slot:
    """One pooled connection: the aiosmtplib client that opens it, our session once open."""

    def __init__(self, client: aiosmtplib.SMTP) -> None:
        self.client = client
        self.session: Session | None = None

    def drop(self) -> None:
        if self.session is not None:
            self.session.transport.close()
            self.session = None
        self.client.close()


_ENHANCED = re.compile(r"(?:^|\s)([245])\.(\d{1,3})\.(\d{1,3})(?:\s|$)")


def hard_bounce(code: int, text: str, phase: str) -> bool:
    """Whether a 5xx says the *address* is bad (suppress it for good) rather than refusing
    this message (a policy or content block such as ``554 5.7.1 … spam``: fail the row, keep
    the subscriber). RFC 3463: 5.1.x is the address, 5.2.1 a disabled mailbox; without an
    enhanced code, 550/551/553 to RCPT name the mailbox."""
    m = _ENHANCED.search(text.partition(": ")[2] or text)
    if m:
        return m[1] == "5" and (m[2] == "1" or (m[2], m[3]) == ("2", "1"))
    return phase == "RCPT" and code in (550, 551, 553)


def _again(reply: Reply) -> bool:
    """What ``send`` would try again itself: a drop before the body, a 421, a refused
    connection or an explicit throttle (421, 4.7.x)."""
    if _fresh_retry(reply):
        return True
    return reply.throttle and (reply.code is None or explicit_throttle(reply.code, reply.text))


def _fresh_retry(reply: Reply) -> bool:
    """A drop before the body was sent: safe to try again at once on a new connection (the
    message cannot have been taken). A 421 is a throttle: ``send`` pauses before it tries."""
    if reply.state != "retry" or reply.fatal or reply.throttle:
        return False
    return reply.code == 421 or reply.text.startswith(("connection lost before DATA", "connect:"))


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
