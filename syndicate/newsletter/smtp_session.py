"""One open SMTP connection, past its greeting, EHLO, STARTTLS and AUTH: the per-message path.

aiosmtplib opens the connection (TLS, STARTTLS, AUTH, EHLO); ``Session.take_over(client)`` then
puts this protocol on the same asyncio transport (``transport.set_protocol``) for the message
transactions. Why: aiosmtplib has no PIPELINING (RFC 2920), its protocol can only parse one
reply per read, and ``sendmail`` re-parses both addresses and runs two regex passes over the
whole message; measured on the bench, that was most of the client's CPU per message. Here a
transaction is one write of MAIL, RCPT and DATA (when the server offers PIPELINING), one
write of the body (already CRLF; dot-stuffing is a ``bytes.replace``), and replies are parsed
as they arrive, several per read.

``transaction`` returns the phase that answered and the answer; it raises ``SessionClosed``
when the connection drops and ``SessionTimeout`` when a reply does not come in time, both with
``after_data`` telling whether the body had been sent (then it may have been delivered).
"""

from __future__ import annotations

import asyncio
import re
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple

from syndicate.failpoints import armed, failpoint

_COMMAND_ARG = re.compile(r"[\x00-\x1f\x7f<>]")


class SessionClosed(ConnectionError):
    """The connection dropped (or the server sent something that is not SMTP);
    ``after_data``: the message body had been sent."""

    def __init__(self, message: str, *, after_data: bool = False) -> None:
        super().__init__(message)
        self.after_data = after_data


class SessionTimeout(TimeoutError):
    """No reply in time; ``after_data``: the message body had been sent."""

    def __init__(self, message: str, *, after_data: bool) -> None:
        super().__init__(message)
        self.after_data = after_data


class Answer(NamedTuple):
    code: int
    text: str


class Session(asyncio.Protocol):
    """SMTP replies as they arrive on a taken-over transport (see the module docstring)."""

    def __init__(self, transport: Any, *, pipelining: bool, size: bool) -> None:
        self.transport = transport
        self.pipelining = pipelining
        self.size = size
        self.loop = asyncio.get_running_loop()
        self.buffer = bytearray()
        self.pending: list[bytes] = []
        self.answers: deque[Answer] = deque()
        self.waiter: asyncio.Future[None] | None = None
        self.lost: str | None = None

    @classmethod
    def take_over(cls, client: Any) -> Session:
        """This protocol on an aiosmtplib client's open connection."""
        transport = client.transport
        session = cls(transport, pipelining=client.supports_extension("pipelining"),
                      size=client.supports_extension("size"))  # fmt: skip
        transport.set_protocol(session)
        return session

    @property
    def alive(self) -> bool:
        return self.lost is None and not self.transport.is_closing()

    # --- asyncio.Protocol -------------------------------------------------------------------

    def data_received(self, data: bytes) -> None:
        buffer = self.buffer
        buffer += data
        end = buffer.rfind(b"\n")
        if end < 0:
            return
        lines = bytes(buffer[: end + 1]).splitlines()
        del buffer[: end + 1]
        for line in lines:
            mark = line[3:4]
            if len(line) < 3 or not line[:3].isdigit() or mark not in (b"", b" ", b"-"):
                self._lose(f"not an SMTP reply: {line[:80]!r}")
                self.transport.close()
                return
            if mark == b"-":
                self.pending.append(line[4:])
                continue
            if self.pending:
                self.pending.append(line[4:])
                text = b"\n".join(self.pending).decode("utf-8", "replace")
                self.pending = []
            else:
                text = line[4:].decode("utf-8", "replace")
            self.answers.append(Answer(int(line[:3]), text))
        if self.answers:
            self._wake()

    def connection_lost(self, exc: Exception | None) -> None:
        self._lose(f"connection lost ({exc})" if exc else "connection closed by the server")

    def eof_received(self) -> bool:
        self._lose("connection closed by the server")
        return False

    def _lose(self, why: str) -> None:
        if self.lost is None:
            self.lost = why
        self._wake()

    def _wake(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)

    # --- commands ---------------------------------------------------------------------------

    def write(self, data: bytes) -> None:
        if not self.alive:
            raise SessionClosed(self.lost or "connection closed")
        self.transport.write(data)

    async def read(self, n: int, seconds: float, *, after_data: bool = False) -> list[Answer]:
        """The next ``n`` replies; fewer when the connection dropped after at least one."""
        out: list[Answer] = []
        while len(out) < n:
            if self.answers:
                out.append(self.answers.popleft())
                continue
            if self.lost is not None:
                if out:
                    return out
                raise SessionClosed(self.lost, after_data=after_data)
            await self._wait(seconds, after_data)
        return out

    async def _wait(self, seconds: float, after_data: bool) -> None:
        self.waiter = self.loop.create_future()
        timer = self.loop.call_later(seconds, self._timed_out, self.waiter)
        try:
            await self.waiter
        finally:
            timer.cancel()
            self.waiter = None
        if not self.answers and self.lost is None:
            self.transport.close()
            self._lose("timed out")
            raise SessionTimeout(f"no reply within {seconds:g} s", after_data=after_data)

    def _timed_out(self, waiter: asyncio.Future[None]) -> None:
        if not waiter.done():
            waiter.set_result(None)

    async def transaction(
        self, sender: str, recipient: str, data: bytes, *, seconds: float, data_seconds: float
    ) -> tuple[str, Answer]:
        """One message: ``("sent", 250 answer)`` or the refusing phase and its answer."""
        lines = _envelope_lines(sender, recipient, data, self.size)
        answers = await self._envelope(lines, seconds)
        if (refused := await self._refused(answers, seconds)) is not None:
            return refused
        if len(answers) < 3:
            raise SessionClosed(self.lost or "connection closed")
        self._write_body(data)
        answer = (await self.read(1, data_seconds, after_data=True))[0]
        return ("sent" if answer.code == 250 else "end of DATA"), answer

    async def transactions(
        self,
        messages: list[tuple[str, str, bytes]],
        *,
        seconds: float,
        data_seconds: float,
        on_outcome: Callable[[int, Outcome], Awaitable[None]],
        proceed: Callable[[], bool],
    ) -> int:
        """Several messages in a row on a PIPELINING server, each message's MAIL, RCPT and DATA
        written with the previous message's body (RFC 2920 §3.1: message content may open a
        group): per message one write and one wake-up instead of two.

        ``on_outcome(i, outcome)`` is awaited as soon as message ``i`` is decided:
        ``("sent", answer)``, the refusing phase and its answer, or the ``SessionClosed`` /
        ``SessionTimeout`` that came after its body. Returns how many messages were decided;
        the rest were not tried (no body of theirs was sent). The run stops at the first
        refusal before a body (the caller resets the transaction), a dropped connection, a
        timeout, a 421, or when ``proceed()`` turns false: a message whose DATA is open then
        has its connection closed instead of its body sent, so nothing goes out unrecorded."""
        envelopes = [b"".join(_envelope_lines(f, t, data, self.size)) for f, t, data in messages]
        self.write(envelopes[0])
        for i, (_, _, data) in enumerate(messages):
            try:
                answers = await self.read(3, seconds)
            except (SessionClosed, SessionTimeout):
                return i
            if (refused := await self._refused(answers, seconds)) is not None:
                await on_outcome(i, refused)
                return i + 1
            if len(answers) < 3:
                return i
            if not proceed():
                self._lose("stopped with a DATA open")
                self.transport.close()
                return i
            more = i + 1 < len(messages) and proceed()
            self._write_body(data, envelopes[i + 1] if more else b"")
            try:
                answer = (await self.read(1, data_seconds, after_data=True))[0]
            except (SessionClosed, SessionTimeout) as e:
                await on_outcome(i, e)
                return i + 1
            await on_outcome(i, ("sent" if answer.code == 250 else "end of DATA", answer))
            if answer.code == 421 or not more:
                return i + 1
        return len(messages)

    async def _refused(self, answers: list[Answer], seconds: float) -> tuple[str, Answer] | None:
        """The first envelope phase ``answers`` refuse, and its answer (a DATA that took
        anyway is ended first); None when all that came were accepted."""
        for (phase, ok), answer in zip(_PHASES, answers, strict=False):
            if answer.code not in ok:
                if len(answers) == 3 and answers[2].code == 354:  # DATA took anyway: end it
                    self.write(b".\r\n")
                    await self.read(1, seconds)
                return phase, answer
        return None

    def _write_body(self, data: bytes, then: bytes = b"") -> None:
        """The message, dot-stuffed and ended by ".", and ``then`` in the same write."""
        body = _stuffed(data) + b".\r\n"
        if armed("email.mid_data"):  # a crash test: half the body on the wire, then death
            self.write(body[: len(body) // 2])
            failpoint("email.mid_data")
            body = body[len(body) // 2 :]
        self.write(body + then)

    async def _envelope(self, lines: list[bytes], seconds: float) -> list[Answer]:
        if self.pipelining:
            self.write(b"".join(lines))
            return await self.read(len(lines), seconds)
        answers: list[Answer] = []
        for line, (_, ok) in zip(lines, _PHASES, strict=True):
            self.write(line)
            answers += await self.read(1, seconds)
            if answers[-1].code not in ok:
                break
        return answers

    async def rset(self, seconds: float) -> None:
        self.write(b"RSET\r\n")
        await self.read(1, seconds)

    async def quit(self, seconds: float) -> None:
        try:
            self.write(b"QUIT\r\n")
            await self.read(1, seconds)
        except (SessionClosed, SessionTimeout):
            pass
        self.transport.close()


#: How ``Session.transactions`` decided a message (see there).
Outcome = tuple[str, Answer] | SessionClosed | SessionTimeout
_PHASES = (("MAIL", (250,)), ("RCPT", (250, 251)), ("DATA", (354,)))


def _envelope_lines(sender: str, recipient: str, data: bytes, size: bool) -> list[bytes]:
    """MAIL (with SIZE when offered), RCPT and DATA for one message."""
    extension = f" SIZE={len(data)}" if size else ""
    return [f"MAIL FROM:<{_arg(sender)}>{extension}\r\n".encode("ascii"),
            f"RCPT TO:<{_arg(recipient)}>\r\n".encode("ascii"), b"DATA\r\n"]  # fmt: skip


def _arg(address: str) -> str:
    if _COMMAND_ARG.search(address):
        raise ValueError(f"address {address!r} has a control character or angle bracket")
    return address


def _stuffed(data: bytes) -> bytes:
    """``data`` ending in CRLF, every line starting with "." doubled (RFC 5321 §4.5.2). A
    newsletter has no such line (its parts are base64), so the search is all it costs."""
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    if data.startswith(b"."):
        data = b"." + data
    if _dot_lines(data):
        return data.replace(b"\r\n.", b"\r\n..")
    return data


def _dot_lines(data: bytes) -> bool:
    """Whether a line after the first starts with ".". Found by stepping through the dots
    (``find`` of one byte is memchr; searching for "\\n." or replacing walks every newline,
    ~20 µs on a 30 kB message); past 64 dots it just says yes (the replace is then exact)."""
    at = data.find(b".", 1)
    for _ in range(64):
        if at < 0:
            return False
        if data[at - 1] == 0x0A:
            return True
        at = data.find(b".", at + 1)
    return True
