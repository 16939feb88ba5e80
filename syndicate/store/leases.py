"""Leases of dead local workers: taken back at once instead of when they run out.

A ledger row is leased ``host:pid:random`` (``ledger.new_owner``). When that process is gone
(SIGKILL, OOM, a crash) its ``sending`` rows would wait for their lease to expire: 25 minutes
for email, 10 for WeChat. ``reclaim_dead_owners`` turns the rows of owners on *this host* whose
pid no longer runs into ``unknown`` right away; the ledger's ``unknown_policy`` then resends
them (with the same Message-ID; WeChat looks for the draft first) or holds them for the admin.
Rows of live processes and of other hosts keep waiting for their lease.

Every sender calls it before claiming: ``syndicate send`` (email, WeChat) and each tick of the
worker, so a restarted worker picks up what its predecessor was doing at once.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime

from sqlalchemy import Engine, select, update

from syndicate.store.schema import deliveries

d = deliveries.c
WHY = "the sending process died mid-send (maybe delivered)"


def reclaim_dead_owners(engine: Engine, *, now: datetime) -> int:
    """Rows leased by a process of this host that no longer exists become ``unknown``."""
    prefix = f"{socket.gethostname()[:40]}:"
    with engine.begin() as conn:
        q = select(d.lease_owner).where(d.state == "sending", d.lease_owner.startswith(prefix))
        dead = [o for (o,) in conn.execute(q.distinct()) if not alive(o)]
        if not dead:
            return 0
        stmt = update(deliveries).where(d.state == "sending", d.lease_owner.in_(dead))
        return int(
            conn.execute(stmt.values(state="unknown", updated_at=now, last_error=WHY)).rowcount
        )


def alive(owner: str) -> bool:
    """Whether the process named in ``owner`` may still run (True when unsure)."""
    try:
        pid = int(owner.split(":")[1])
    except (IndexError, ValueError):
        return True
    return pid_running(pid)


def pid_running(pid: int) -> bool:
    """Whether process ``pid`` of this host runs (this process counts; True when unsure)."""
    if pid == os.getpid():
        return True  # another run in this process: its lease decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
