"""Leases of dead workers: taken back when their process's heartbeat stopped.

A ledger row is leased ``PROCESS/host:pid:random`` (``ledger.new_owner``), ``PROCESS`` being
the random id of the sending process, which beats a ``worker_heartbeats`` row while it sends
(``heartbeats.py``). When that process is gone (SIGKILL, OOM, a crash) its ``sending`` rows
would wait for their lease to expire: 25 minutes for email, 10 for WeChat.
``reclaim_dead_owners`` turns them into ``unknown`` as soon as the process is known dead:

- its heartbeat is older than ``heartbeats.STALE`` (any host, any container), or it has none;
- at once, when it ran on this host in this pid namespace and its pid no longer runs (or is
  this process's pid under another id: a predecessor whose pid was reused).

A hostname alone proves nothing: containers sharing one see each other's live pids as dead.
The ledger's ``unknown_policy`` then resends the rows (with the same Message-ID; WeChat looks
for the draft first) or holds them for the admin. Owners of the old ``host:pid:random`` form
(written before migration 0004) wait for their lease.

Every sender calls it before claiming: ``syndicate send`` (email, WeChat) and each tick of the
worker, so a restarted worker picks up what its predecessor was doing at once.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select, update

from syndicate.store.heartbeats import STALE, Identity, forget_silent, this_process
from syndicate.store.schema import deliveries, worker_heartbeats

d = deliveries.c
h = worker_heartbeats.c
WHY = "the sending process died mid-send (maybe delivered)"


def reclaim_dead_owners(engine: Engine, *, now: datetime, who: Identity | None = None) -> int:
    """Rows leased by a process known dead (see the module docstring) become ``unknown``."""
    me = who or this_process()
    with engine.begin() as conn:
        q = select(d.lease_owner).where(d.state == "sending", d.lease_owner.contains("/"))
        owners = [o for (o,) in conn.execute(q.distinct())]
        processes = {o.split("/", 1)[0] for o in owners}
        beats = {
            r.process: r
            for r in conn.execute(select(worker_heartbeats).where(h.process.in_(processes)))
        }
        dead = [o for o in owners if _dead(o.split("/", 1)[0], beats, me, now)]
        forget_silent(conn, now=now)
        if not dead:
            return 0
        stmt = update(deliveries).where(d.state == "sending", d.lease_owner.in_(dead))
        return int(
            conn.execute(stmt.values(state="unknown", updated_at=now, last_error=WHY)).rowcount
        )


def _dead(process: str, beats: dict[str, Any], me: Identity, now: datetime) -> bool:
    if process == me.process:
        return False  # another run in this process: its lease decides
    row = beats.get(process)
    if row is None or row.beat_at < now - STALE:
        return True
    if not row.pidns or (row.host, row.pidns) != (me.host, me.pidns):
        return False  # another host or container: only its heartbeat can tell
    return row.pid == me.pid or not pid_running(row.pid)


def pid_running(pid: int) -> bool:
    """Whether process ``pid`` of this pid namespace runs (True when unsure)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
