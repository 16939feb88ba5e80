"""Worker identity: a random id per process and its heartbeat row in the database.

Dead-worker detection used to key on hostname + pid. Containers that share a hostname (the
default of many orchestrators' replicas, or ``--hostname``) live in different pid namespaces:
each sees the other's live pids as dead and took back, and re-sent, its in-flight rows. Now
every process that claims ledger rows has a random ``process`` id (in every lease owner it
makes, ``ledger.new_owner``) and beats a ``worker_heartbeats`` row every ``INTERVAL`` seconds
while it sends. ``leases.reclaim_dead_owners`` takes back only the rows of processes whose
heartbeat stopped (older than ``STALE``), and at once only where a dead pid really means a
dead process: the same host *and* the same pid namespace (``/proc/self/ns/pid``).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import TracebackType

from sqlalchemy import Connection, Engine, delete

from syndicate.store.engine import insert, writing
from syndicate.store.schema import worker_heartbeats

log = logging.getLogger("syndicate.heartbeats")

#: Seconds between beats, and the silence after which a process counts as dead. A beat runs
#: on its own thread, so a send stalled on a slow relay still beats.
INTERVAL = 10.0
STALE = timedelta(seconds=60)
#: Rows of processes silent this long are deleted.
FORGET = timedelta(days=1)


@dataclass(frozen=True)
class Identity:
    """Who a process is: ``process`` is random; the rest is for the fast path and humans."""

    process: str
    host: str
    pid: int
    pidns: str


def pid_namespace() -> str:
    """``pid:[4026531836]``: the same for processes that see each other's pids; '' if unknown."""
    try:
        return os.readlink("/proc/self/ns/pid")
    except OSError:
        return ""


_me: Identity | None = None
_me_lock = threading.Lock()


def this_process() -> Identity:
    """This process's identity, made once (and again in a forked child)."""
    global _me
    with _me_lock:
        if _me is None or _me.pid != os.getpid():
            _me = Identity(uuid.uuid4().hex[:16], socket.gethostname()[:200], os.getpid(),
                           pid_namespace())  # fmt: skip
        return _me


def beat(db: Engine | Connection, who: Identity, *, now: datetime) -> None:
    """Record that ``who`` is alive at ``now``."""
    values = {"host": who.host, "pid": who.pid, "pidns": who.pidns, "beat_at": now}
    with writing(db) as conn:
        stmt = insert(conn, worker_heartbeats).values(process=who.process, started_at=now, **values)
        index = [worker_heartbeats.c.process]
        conn.execute(stmt.on_conflict_do_update(index_elements=index, set_=values))


def forget_silent(conn: Connection, *, now: datetime) -> None:
    """Delete the rows of processes silent for ``FORGET``."""
    conn.execute(delete(worker_heartbeats).where(worker_heartbeats.c.beat_at < now - FORGET))


class Heartbeat:
    """``with Heartbeat(engine, clock):`` beats for this process now and every ``interval``
    seconds on a daemon thread until the block ends. Several at once in one process (the
    email and WeChat senders of ``syndicate run``) beat the same row."""

    def __init__(
        self, engine: Engine, clock: Callable[[], datetime], *, interval: float = INTERVAL
    ) -> None:
        self.engine, self.clock, self.interval = engine, clock, interval
        self.who = this_process()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)

    def start(self) -> Identity:
        """Beat now (before any claim), then every ``interval`` seconds."""
        beat(self.engine, self.who, now=self.clock())
        self._thread.start()
        return self.who

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def __enter__(self) -> Identity:
        return self.start()

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                beat(self.engine, self.who, now=self.clock())
            except Exception as e:  # a database hiccup: the next beat tries again
                log.warning("heartbeat of %s failed: %s", self.who.process, e)
