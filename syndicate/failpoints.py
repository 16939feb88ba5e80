"""Failpoints: named places in the real code where a test can kill the process outright.

``failpoint(name)`` is called at each point in ``POINTS``. It does nothing unless the
environment variable ``SYNDICATE_FAILPOINTS`` (read once, at import) names that point; then
the process sends itself SIGKILL there, exactly as a power cut or the OOM killer would stop
it: no ``finally``, no atexit, no flush. The crash tests (tests/reliability/) start a real
``syndicate`` process with a point armed, let it die there, start it again without, and check
that nothing was lost or sent twice.

``SYNDICATE_FAILPOINTS`` is a comma-separated list of names, each optionally ``NAME@N``: die
on the N-th time the point is reached (default: the first). Unknown names are ignored, so a
typo kills nothing (``tests/test_failpoints.py`` checks that every name in ``POINTS`` is
called somewhere). Unarmed, a failpoint costs one frozenset lookup.
"""

from __future__ import annotations

import os
import signal

ENV = "SYNDICATE_FAILPOINTS"

#: Every failpoint in the code, and where it is.
POINTS: dict[str, str] = {
    "ingest.parse": "ingest: the file is read and decoded, the parser is about to run",
    "ingest.store": "ingest: every row of the issue written, the transaction not committed",
    "ingest.stored": "ingest: the issue committed, the inbox file not yet moved or published",
    "publish.rename": "publishing: a temp file written and fsynced, not yet renamed over",
    "publish.recorded": "publishing: every file written, the published revision not recorded",
    "ledger.claim": "ledger: rows updated to sending in the claim, not yet committed",
    "email.claimed": "email: a batch claimed and committed, nothing sent yet",
    "email.mid_data": "email: half of a message body written to the SMTP server",
    "email.accepted": "email: the server answered 250, the sent mark not yet committed",
    "wechat.drafted": "wechat: draft/add answered with a media_id, not yet recorded",
}


def _parse(value: str) -> dict[str, int]:
    armed: dict[str, int] = {}
    for item in value.split(","):
        name, _, nth = item.strip().partition("@")
        if name:
            armed[name] = int(nth) if nth.isdigit() and int(nth) > 0 else 1
    return armed


_ARMED: dict[str, int] = _parse(os.environ.get(ENV, ""))
ACTIVE: frozenset[str] = frozenset(_ARMED)


def failpoint(name: str) -> None:
    """SIGKILL this process if ``name`` is armed (on its N-th hit); otherwise nothing."""
    if name in ACTIVE:
        _ARMED[name] -= 1
        if _ARMED[name] <= 0:
            os.kill(os.getpid(), signal.SIGKILL)


def armed(name: str) -> bool:
    """Whether ``name`` is armed (for a point that must prepare something before dying)."""
    return name in ACTIVE
