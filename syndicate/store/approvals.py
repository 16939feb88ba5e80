"""Approvals in the store: each issue's approval state per channel, and editors' decisions.

``load`` reads, per issue and channel, the paper's mode (``[papers.approve]``), the doubts
of the issue's current revision (``issue_revisions.doubts``) and the last decision
(``approvals``), and gives the state ``service.approval.approval_state`` computes.
``decide`` records an approval or a hold; the worker's planner reads the states on every
pass, so every worker obeys at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import Connection, Engine, and_, delete, select

from syndicate.config import ApproveConfig, PaperConfig, Settings
from syndicate.errors import SyndicateError
from syndicate.service.approval import Decision, State, approval_state, waiting_reason
from syndicate.store.engine import insert, reading, writing
from syndicate.store.schema import approvals, issue_revisions, issues, papers

#: The channels an issue can wait on (the fields of ``[papers.approve]``).
CHANNELS: tuple[str, ...] = tuple(f.name for f in fields(ApproveConfig))


@dataclass(frozen=True)
class Approval:
    """One issue's approval on one channel."""

    key: str
    channel: str
    state: State
    #: The paper's mode for the channel: auto, doubts or always.
    mode: str
    #: Doubts in the parse of the current revision.
    doubts: int
    revision: int
    decided_by: str | None
    decided_at: datetime | None

    @property
    def waiting(self) -> str | None:
        """Why the channel does not send the issue now (None: it may)."""
        return waiting_reason(self.state, self.mode)


def mode_of(paper: PaperConfig | None, channel: str) -> str:
    if paper is None:  # a paper no longer configured: its issues wait for an editor
        return "always"
    return str(getattr(paper.approve, channel, "doubts"))


def load(
    db: Engine | Connection,
    settings: Settings,
    *,
    paper: str | None = None,
    keys: Sequence[str] | None = None,
    channels: Iterable[str] = CHANNELS,
) -> dict[tuple[str, str], Approval]:
    """``{(issue key, channel): Approval}`` for the issues of ``paper`` (or ``keys``, or all)."""
    rev = issue_revisions.c
    q = (
        select(issues.c.id, issues.c.key, issues.c.revision, papers.c.slug, rev.doubts)
        .join(papers, papers.c.id == issues.c.paper_id)
        .outerjoin(
            issue_revisions,
            and_(rev.issue_id == issues.c.id, rev.revision == issues.c.revision),
        )
    )
    if paper is not None:
        q = q.where(papers.c.slug == paper)
    if keys is not None:
        q = q.where(issues.c.key.in_(list(keys)))
    configured = {p.slug: p for p in settings.papers}
    channels = tuple(channels)
    out: dict[tuple[str, str], Approval] = {}
    with reading(db) as conn:
        rows = conn.execute(q).all()
        ids = [r.id for r in rows]
        decided: dict[tuple[int, str], Decision] = {}
        if ids:
            a = approvals.c
            for d in conn.execute(select(approvals).where(a.issue_id.in_(ids))):
                decided[(d.issue_id, d.channel)] = Decision(
                    d.state, d.revision, d.decided_by, d.decided_at
                )
    for r in rows:
        doubts = len(r.doubts) if isinstance(r.doubts, list) else 0
        for channel in channels:
            mode = mode_of(configured.get(r.slug), channel)
            decision = decided.get((r.id, channel))
            state = approval_state(mode, doubts, r.revision, decision)
            out[(r.key, channel)] = Approval(
                r.key, channel, state, mode, doubts, r.revision,
                decision.by if decision else None, decision.at if decision else None,
            )  # fmt: skip
    return out


def decide(
    db: Engine,
    settings: Settings,
    key: str,
    channels: Sequence[str],
    state: str,
    *,
    by: str,
    now: datetime,
) -> list[Approval]:
    """Record ``state`` (approved or held) for issue ``key`` on ``channels``, by ``by``;
    returns the approvals as they are now. An unknown issue or channel changes nothing."""
    if state not in ("approved", "held"):
        raise ValueError(state)
    for channel in channels:
        if channel not in CHANNELS:
            raise SyndicateError(
                f"channel '{channel}' has no approval; use one of: {', '.join(CHANNELS)}"
            )
    with writing(db) as conn:
        row = conn.execute(select(issues.c.id, issues.c.revision).where(issues.c.key == key))
        found = row.first()
        if found is None:
            raise SyndicateError(
                f"issue '{key}' is not stored; `syndicate status` lists them (SLUG/YYYY-MM-DD)"
            )
        for channel in channels:
            conn.execute(
                delete(approvals).where(
                    approvals.c.issue_id == found.id, approvals.c.channel == channel
                )
            )
            conn.execute(
                insert(conn, approvals).values(
                    issue_id=found.id,
                    channel=channel,
                    state=state,
                    revision=found.revision,
                    decided_by=by,
                    decided_at=now,
                )  # fmt: skip
            )
    got = load(db, settings, keys=[key], channels=channels)
    return [got[(key, c)] for c in channels]


def approved_since(
    db: Engine | Connection, *, paper: str, channel: str, after: datetime
) -> list[tuple[str, date]]:
    """``(key, date)`` of the issues of ``paper`` approved on ``channel`` after ``after``."""
    a = approvals.c
    q = (
        select(issues.c.key, issues.c.date)
        .join(approvals, a.issue_id == issues.c.id)
        .join(papers, papers.c.id == issues.c.paper_id)
        .where(papers.c.slug == paper, a.channel == channel, a.state == "approved",
               a.decided_at > after)
    )  # fmt: skip
    with reading(db) as conn:
        return [(r.key, r.date) for r in conn.execute(q)]
