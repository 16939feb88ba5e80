"""A TCP proxy in front of the local PostgreSQL, to restart "the database" under a worker.

``PgProxy(upstream_port)`` listens on 127.0.0.1 port 0 and forwards every connection to
PostgreSQL. ``down()`` does what a PostgreSQL restart does to its clients: every open
connection is cut (a query in flight fails, a pooled connection is dead), and new connections
are refused until ``up()`` (the listening socket stays, so the port is the worker's for good).
The real cluster is never touched, so other tests sharing it are not disturbed.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class PgProxy:
    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1") -> None:
        self.upstream = (upstream_host, upstream_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.lock = threading.Lock()
        self.open: set[socket.socket] = set()
        self.accepting = True
        self.refused = 0
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                if not self.accepting:
                    self.refused += 1
                    client.close()
                    continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self.lock:
                self.open |= {client, server}
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                self._close(s)

    def _close(self, s: socket.socket) -> None:
        with self.lock:
            self.open.discard(s)
        with contextlib.suppress(OSError):
            s.shutdown(socket.SHUT_RDWR)
        s.close()

    def down(self) -> int:
        """Cut every connection and refuse new ones; how many sockets were cut."""
        with self.lock:
            self.accepting = False
            cut = list(self.open)
        for s in cut:
            self._close(s)
        return len(cut)

    def up(self) -> None:
        with self.lock:
            self.accepting = True

    def close(self) -> None:
        self.closed = True
        self.down()
        self.listener.close()
