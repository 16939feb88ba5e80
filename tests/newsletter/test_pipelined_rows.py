"""Messages in a row on one connection (``SmtpPool.send_many``): against a real SMTP server
that offers PIPELINING and notes, when a body ends, whether the next message's MAIL came with
it. SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from sqlalchemy import Engine

from syndicate.config import Settings
from syndicate.newsletter.sender import IN_A_ROW
from tests.email_support import Clock, addresses, email_settings, rows, send, states, store_seed


@dataclass
class Log:
    rcpts: list[str] = field(default_factory=list)
    #: Bodies after whose final "." the next MAIL was already there (sent with the body).
    pipelined: int = 0
    connections: int = 0
    #: RCPT addresses refused with 550 (once each).
    refuse: set[str] = field(default_factory=set)


class PipeliningServer(asyncio.Protocol):
    """A minimal SMTP server that offers PIPELINING and answers every command it has."""

    def __init__(self, log: Log) -> None:
        self.log = log
        self.buf = b""
        self.in_data = False
        self.rcpt = ""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.t = transport
        self.log.connections += 1
        transport.write(b"220 pipe.test ESMTP\r\n")

    def data_received(self, data: bytes) -> None:
        self.buf += data
        while True:
            if self.in_data:
                end = self.buf.find(b"\r\n.\r\n")
                if end < 0:
                    return
                self.buf, self.in_data = self.buf[end + 5 :], False
                self.log.rcpts.append(self.rcpt)
                self.log.pipelined += self.buf.startswith(b"MAIL FROM:")
                self.t.write(b"250 2.0.0 Ok: queued\r\n")
                continue
            line, sep, rest = self.buf.partition(b"\r\n")
            if not sep:
                return
            self.buf = rest
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.t.write(b"250-pipe.test\r\n250-PIPELINING\r\n250 SIZE 100000000\r\n")
            elif verb == b"RCPT":
                self.rcpt = line.split(b"<", 1)[1].split(b">", 1)[0].decode()
                if self.rcpt in self.log.refuse:
                    self.log.refuse.discard(self.rcpt)
                    self.rcpt = ""
                    self.t.write(b"550 5.1.1 no such user\r\n")
                else:
                    self.t.write(b"250 2.1.5 Ok\r\n")
            elif verb == b"DATA":
                if not self.rcpt:
                    self.t.write(b"554 5.5.1 no valid recipients\r\n")
                else:
                    self.in_data = True
                    self.t.write(b"354 go ahead\r\n")
            elif verb == b"QUIT":
                self.t.write(b"221 bye\r\n")
                self.t.close()
                return
            else:  # MAIL, RSET, NOOP
                self.t.write(b"250 2.0.0 Ok\r\n")


@pytest.fixture
async def pipe_server() -> AsyncIterator[tuple[str, Log]]:
    log = Log()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: PipeliningServer(log), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"smtp://127.0.0.1:{port}", log
    finally:
        server.close()
        await server.wait_closed()


async def test_messages_go_in_rows_with_each_envelope_behind_the_body(
    db: Engine, db_settings: Settings, pipe_server: tuple[str, Log]
) -> None:
    url, log = pipe_server
    settings = email_settings(db_settings, url, email_pool_size=1, email_concurrency=1)
    people = addresses(40)
    store_seed(db, settings, *people)
    summary = await send(db, settings, Clock())
    assert summary.counts == {"sent": 40} and summary.aborted is None
    assert sorted(log.rcpts) == people and log.connections == 1
    # one worker takes the queued rows IN_A_ROW at a time: in each row every message but the
    # last carries the next one's MAIL, RCPT and DATA with its final "."
    assert log.pipelined == 40 - 40 // IN_A_ROW > 0


async def test_a_refused_address_in_a_row_fails_alone(
    db: Engine, db_settings: Settings, pipe_server: tuple[str, Log]
) -> None:
    url, log = pipe_server
    settings = email_settings(db_settings, url, email_pool_size=1, email_concurrency=1)
    people = addresses(12)
    log.refuse = {people[1], people[6]}  # inside a row: its envelope rode with a body
    store_seed(db, settings, *people)
    summary = await send(db, settings, Clock())
    assert summary.aborted is None
    assert summary.counts == {"sent": 10, "failed": 2}
    got = Counter(log.rcpts)
    assert sorted(got) == sorted(set(people) - {people[1], people[6]})
    assert set(got.values()) == {1}  # nobody twice, though a row stopped at each refusal
    r = rows(db)
    assert r[people[1]].state == "failed" and "5.1.1" in (r[people[1]].last_error or "")
    assert states(db)[people[0]] == "sent" and states(db)[people[2]] == "sent"
