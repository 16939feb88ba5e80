"""A ledger worker process for tests/store/test_ledger.py (``python -m tests.ledger_worker``).

drain URL NOW BATCH   claim batches and mark them sent until none is left; prints the
                      claimed ids as JSON. Waits for a line on stdin ("go") after
                      printing "ready", so that two workers start together.
hold URL NOW LIMIT    claim LIMIT rows, record a provider id for each, print their ids
                      as JSON, then block on stdin forever, beating its heartbeat (real
                      time): the test SIGKILLs it.
reclaim URL NOW       take back the rows of dead workers as of NOW; prints how many and
                      its pid namespace.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta

from syndicate.clock import utcnow
from syndicate.store import ledger
from syndicate.store.engine import open_engine
from syndicate.store.heartbeats import Heartbeat, pid_namespace
from syndicate.store.leases import reclaim_dead_owners

LEASE = timedelta(minutes=5)


def drain(url: str, now: datetime, batch: int) -> list[int]:
    engine = open_engine(url)
    owner = ledger.new_owner()
    print("ready", flush=True)
    sys.stdin.readline()
    got: list[int] = []
    while claims := ledger.claim(
        engine, channel="email", owner=owner, now=now, lease=LEASE, limit=batch
    ):
        got += [c.id for c in claims]
        outcomes = [ledger.Outcome(c.id, "sent", provider_id=f"<{c.id}@t>") for c in claims]
        ledger.record(engine, outcomes, owner=owner, now=now)
    engine.dispose()
    return got


def hold(url: str, now: datetime, limit: int) -> None:
    engine = open_engine(url)
    with Heartbeat(engine, utcnow):
        owner = ledger.new_owner()
        claims = ledger.claim(
            engine, channel="email", owner=owner, now=now, lease=LEASE, limit=limit
        )
        for c in claims:
            ledger.set_provider_id(engine, c.id, owner=owner, provider_id=f"<{c.id}@t>", now=now)
        print(json.dumps([c.id for c in claims]), flush=True)
        sys.stdin.read()  # "mid-send" until killed


def main(argv: list[str]) -> None:
    mode, url, now = argv[0], argv[1], datetime.fromisoformat(argv[2])
    if mode == "reclaim":
        engine = open_engine(url)
        print(reclaim_dead_owners(engine, now=now), pid_namespace(), flush=True)
        engine.dispose()
        return
    n = int(argv[3])
    if mode == "drain":
        print(json.dumps(drain(url, now, n)), flush=True)
    else:
        hold(url, now, n)


if __name__ == "__main__":
    main(sys.argv[1:])
