"""The web service's listening socket: connections accepted on it run without Nagle's delay.

asyncio sets TCP_NODELAY on accepted sockets only when the listening socket names IPPROTO_TCP;
without it, each keep-alive response waited for the client's delayed ACK (~40 ms, measured with
curl against `syndicate serve`)."""

from __future__ import annotations

import asyncio
import socket

from syndicate.command import listen_socket


async def test_accepted_connections_have_nagle_off() -> None:
    seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            sock = transport.get_extra_info("socket")
            seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    sock = listen_socket("127.0.0.1", 0)
    server = await asyncio.get_running_loop().create_server(Probe, sock=sock)
    async with server:
        _, writer = await asyncio.open_connection(*sock.getsockname()[:2])
        assert await asyncio.wait_for(seen, 10) == 1
        writer.close()
