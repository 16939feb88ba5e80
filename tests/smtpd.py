"""Real SMTP peers for the email tests, on 127.0.0.1 port 0.

- ``smtpd``: an aiosmtpd ``Controller`` in its own thread whose handler records every
  message it accepts (envelope and bytes), as aiosmtplib's own tests do.
- ``FaultServer``: a small asyncio SMTP server (in the test's event loop) that answers per
  recipient from a script: ``421`` (and closes), ``451``, ``452``, ``550``, ``554`` at RCPT,
  ``drop`` (closes without a reply), ``data451``/``data550``/``data554`` after the final ".",
  ``dropdata`` (closes after the final "."), ``slow`` (takes the message but never answers
  the final "." until released); and under the key ``*mail``, one step per MAIL command:
  ``mail421``, ``mail550``. Each recipient's script is consumed one step per attempt; when it
  runs out the message is accepted. It counts connections, so tests can see reuse and
  reconnects.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Received:
    mail_from: str
    rcpt: list[str]
    data: bytes

    def message(self) -> EmailMessage:
        msg = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        return msg


class RecordingHandler:
    def __init__(self) -> None:
        self.messages: list[Received] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        data = envelope.original_content or envelope.content
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(data)))
        return f"250 2.0.0 Ok: queued as R{len(self.messages)}"


class PortZeroController(Controller):
    """aiosmtpd's Controller on port 0: learn the bound port before its readiness probe."""

    def _trigger_server(self) -> None:
        server = self.server
        assert isinstance(server, asyncio.Server)
        self.port = server.sockets[0].getsockname()[1]
        super()._trigger_server()  # type: ignore[no-untyped-call]


@dataclass
class Smtpd:
    host: str
    port: int
    handler: RecordingHandler

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    @property
    def messages(self) -> list[Received]:
        return self.handler.messages


@contextmanager
def serving(handler: RecordingHandler) -> Iterator[Smtpd]:
    """aiosmtpd with ``handler`` on 127.0.0.1, port 0, in its own thread."""
    controller = PortZeroController(handler, hostname="127.0.0.1", port=0)
    controller.start()
    try:
        yield Smtpd("127.0.0.1", controller.port, handler)
    finally:
        controller.stop()


@pytest.fixture
def smtpd() -> Iterator[Smtpd]:
    with serving(RecordingHandler()) as server:
        yield server


_RCPT = re.compile(rb"RCPT TO:\s*<([^>]*)>", re.I)


@dataclass
class FaultServer:
    """See the module docstring. ``script``: recipient -> steps."""

    script: dict[str, list[str]] = field(default_factory=dict)
    #: Advertise PIPELINING (RFC 2920): the client then sends MAIL, RCPT and DATA at once.
    pipelining: bool = False
    received: list[Received] = field(default_factory=list)
    connections: int = 0
    #: DATA commands that came after a refused RCPT: only a pipelining client sends those.
    blind_data: int = 0
    release: asyncio.Event = field(default_factory=asyncio.Event)
    server: asyncio.Server | None = None
    port: int = 0

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    async def start(self) -> FaultServer:
        self.server = await asyncio.start_server(self._session, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        self.release.set()
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()

    def _step(self, rcpt: str) -> str:
        steps = self.script.get(rcpt)
        return steps.pop(0) if steps else "ok"

    async def _session(self, r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            await self._talk(r, w)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            w.close()

    async def _talk(self, r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        w.write(b"220 fault.test ESMTP\r\n")
        mail_from, rcpt, step = "", "", "ok"
        while line := await r.readline():
            verb = line[:4].upper()
            if verb == b"EHLO":
                extra = b"250-PIPELINING\r\n" if self.pipelining else b""
                w.write(b"250-fault.test\r\n" + extra + b"250-8BITMIME\r\n250 SIZE 50000000\r\n")
            elif verb == b"MAIL":
                mail_from = line.decode().split(":", 1)[1].strip().strip("<>")
                mail_step = self.script["*mail"].pop(0) if self.script.get("*mail") else "ok"
                if mail_step == "mail421":
                    w.write(b"421 4.7.0 too many messages on this connection\r\n")
                    await w.drain()
                    return
                if mail_step == "mail550":
                    w.write(b"550 5.7.1 sender address rejected: not owned by you\r\n")
                else:
                    w.write(b"250 2.1.0 Ok\r\n")
            elif verb == b"RCPT":
                m = _RCPT.search(line)
                rcpt = m.group(1).decode() if m else ""
                step = self._step(rcpt)
                if step in ("421", "451", "452", "550", "554"):
                    rcpt = ""  # refused: DATA will find no valid recipient
                if step == "drop":
                    return
                if step in ("421", "451", "452", "550", "554"):
                    w.write(f"{step} {_TEXT[step]}\r\n".encode())
                    if step == "421":
                        await w.drain()
                        return
                    continue
                w.write(b"250 2.1.5 Ok\r\n")
            elif verb == b"DATA":
                if not rcpt:
                    self.blind_data += 1
                    w.write(b"554 5.5.1 Error: no valid recipients\r\n")
                    await w.drain()
                    continue
                w.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                await w.drain()
                data = b""
                while (chunk := await r.readline()) != b".\r\n":
                    if not chunk:
                        return
                    data += chunk
                if not await self._end_of_data(w, mail_from, rcpt, step, data):
                    return
                rcpt = ""
            elif verb == b"QUIT":
                w.write(b"221 2.0.0 Bye\r\n")
                await w.drain()
                return
            else:  # RSET, NOOP, HELO
                w.write(b"250 2.0.0 Ok\r\n")
            await w.drain()

    async def _end_of_data(
        self, w: asyncio.StreamWriter, mail_from: str, rcpt: str, step: str, data: bytes
    ) -> bool:
        body = data.replace(b"\r\n..", b"\r\n.")
        if body.startswith(b".."):
            body = body[1:]
        if step == "slow":  # takes the message, then never answers (the reply is "lost")
            self.received.append(Received(mail_from, [rcpt], body))
            await self.release.wait()
            return False
        if step == "dropdata":
            return False
        if step in ("data451", "data550", "data554"):
            code = step[4:]
            w.write(f"{code} {_TEXT[code]}\r\n".encode())
            return True
        self.received.append(Received(mail_from, [rcpt], body))
        w.write(f"250 2.0.0 Ok: queued as F{len(self.received)}\r\n".encode())
        return True


_TEXT = {
    "421": "4.3.2 Service shutting down",
    "451": "4.3.0 Temporary lookup failure",
    "452": "4.5.3 Too many recipients / insufficient storage",
    "550": "5.1.1 No such user",
    "554": "5.7.1 Message rejected: policy (spam) block",
}


@pytest.fixture
async def fault_smtp() -> Any:
    server = await FaultServer().start()
    try:
        yield server
    finally:
        await server.stop()
