"""Approval before a mass send: whether an issue waits for an editor on a channel.

Pure: given the paper's mode for the channel (``auto``, ``doubts``, ``always``), how many
doubts the parse of the issue's current revision carries and the editor's last decision,
``approval_state`` says ``auto`` (needs no approval), ``awaiting``, ``approved`` or ``held``.
An approval is for the revision the editor saw: a later revision of a doubtful issue waits
again. A hold stops every mode, ``auto`` included, until an editor approves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

State = Literal["auto", "awaiting", "approved", "held"]
#: The states in which the channel does not send the issue.
WAITING: tuple[State, ...] = ("awaiting", "held")


@dataclass(frozen=True)
class Decision:
    """An editor's decision on one issue and channel (a row of ``approvals``)."""

    state: str  # approved | held
    revision: int
    by: str
    at: datetime


def approval_state(mode: str, doubts: int, revision: int, decision: Decision | None) -> State:
    """The approval state of an issue (at ``revision``, with ``doubts``) on one channel."""
    if decision is not None and decision.state == "held":
        return "held"
    if mode == "auto" or (mode == "doubts" and doubts == 0):
        return "auto"
    if decision is not None and decision.state == "approved" and decision.revision == revision:
        return "approved"
    return "awaiting"


def waiting_reason(state: State, mode: str) -> str | None:
    """Why the planner does not send an issue in ``state`` (None: it may be sent)."""
    if state == "held":
        return "held by an editor"
    if state == "awaiting":
        why = "its parse has doubts" if mode == "doubts" else "approve = always"
        return f"awaiting approval ({why})"
    return None
