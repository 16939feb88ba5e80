"""``syndicate status``: what was ingested, what was sent, what runs next, what failed.

Collected from the store, the ledger, the schedules and the inboxes; printed as text or JSON
(``--json``) and shown on the admin page. It only reads.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from syndicate.config import Settings
from syndicate.feeds.ids import published_at
from syndicate.newsletter.reputation import feedback_by_issue
from syndicate.newsletter.subscribers import statuses
from syndicate.service import scheduler
from syndicate.service.inbox import failed_files
from syndicate.store import approvals, ledger
from syndicate.store.catalog import IssueSummary, list_issues
from syndicate.store.engine import reading
from syndicate.store.schema import app_state, websub_pings

STATES = ("sent", "pending", "sending", "retry", "failed", "unknown", "held")


@dataclass(frozen=True)
class IssueStatus:
    key: str
    revision: int
    updated_at: datetime
    channels: dict[str, dict[str, int]]
    #: Per channel: ``state`` (auto, awaiting, approved, held), ``by`` and ``at`` (the
    #: editor's decision, if any) and ``why`` (why the channel does not send it; else None).
    approval: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Status:
    now: datetime
    issues: list[IssueStatus]
    schedules: list[scheduler.ScheduleRow]
    failed_files: list[tuple[str, str]]
    failed_sources: list[tuple[str, str]]
    subscribers: dict[str, int] = field(default_factory=dict)
    #: Issues whose files could not be written (the worker retries them by itself).
    failed_publishes: list[tuple[str, str]] = field(default_factory=list)
    #: WebSub pings waiting per hub, with the hub's last error (``feeds.websub``).
    websub: list[tuple[str, int, str]] = field(default_factory=list)
    #: Issue key -> email feedback: sent, bounced, complained, rates and flags (over 2% / 0.1%).
    feedback: dict[str, dict[str, Any]] = field(default_factory=dict)


def collect(engine: Engine, settings: Settings, now: datetime, *, limit: int = 30) -> Status:
    counts = ledger.counts(engine)
    listed = list_issues(engine, limit=limit)
    found = approvals.load(engine, settings, keys=[s.key for s in listed])
    rows = [
        IssueStatus(
            s.key,
            s.revision,
            s.updated_at,
            counts.get(s.key, {}),
            approval_of(settings, s, found, counts.get(s.key, {}), now),
        )  # fmt: skip
        for s in listed
    ]
    with reading(engine) as conn:
        errors = conn.execute(
            select(app_state.c.key, app_state.c.value).where(
                app_state.c.key.like("source:%:error"), app_state.c.value != ""
            )
        ).all()
        publishing = conn.execute(
            select(app_state.c.key, app_state.c.value).where(
                app_state.c.key.like("publish:%:error"), app_state.c.value != ""
            )
        ).all()
        # by the status that tells what happened (bounced, complained, removed …)
        subs: dict[str, int] = dict(Counter(statuses(conn).values()))
        w = websub_pings.c
        q = select(w.hub, func.count(), func.max(w.last_error)).group_by(w.hub).order_by(w.hub)
        hubs = [(str(h), int(n), str(e or "")) for h, n, e in conn.execute(q)]
    return Status(
        now=now,
        issues=rows,
        schedules=scheduler.schedule_table(settings, now),
        failed_files=[(str(p), why) for p, why in failed_files(settings)],
        failed_sources=[(k.removeprefix("source:").removesuffix(":error"), v) for k, v in errors],
        subscribers=subs,
        failed_publishes=[
            (k.removeprefix("publish:").removesuffix(":error"), v) for k, v in publishing
        ],
        websub=hubs,
        feedback={k: f.as_dict() for k, f in feedback_by_issue(engine).items()},
    )


def approval_of(
    settings: Settings,
    issue: IssueSummary,
    found: dict[tuple[str, str], approvals.Approval],
    sent: dict[str, dict[str, int]],
    now: datetime,
) -> dict[str, dict[str, Any]]:
    """Each channel's approval of ``issue`` for status: state, who decided when, and why it
    is not sent (an issue still waiting past ``stale_hours`` never is)."""
    out: dict[str, dict[str, Any]] = {}
    paper = next((p for p in settings.papers if p.slug == issue.paper), None)
    for (key, channel), a in sorted(found.items()):
        if key != issue.key:
            continue
        why = a.waiting
        if why and paper is not None and not sent.get(channel):
            if now - published_at(paper, issue.date) > timedelta(hours=paper.stale_hours):
                why = f"never sent: {why} past stale_hours ({paper.stale_hours} h)"
        out[channel] = {
            "state": a.state,
            "by": a.decided_by,
            "at": a.decided_at.isoformat() if a.decided_at else None,
            "why": why,
        }
    return out


def to_dict(s: Status) -> dict[str, Any]:
    out = asdict(s)
    out["now"] = s.now.isoformat()
    for i in out["issues"]:
        i["updated_at"] = i["updated_at"].isoformat()
    for r in out["schedules"]:
        r["next_fire"] = r["next_fire"].isoformat() if r["next_fire"] else None
    out["failed_files"] = [{"file": f, "error": e} for f, e in s.failed_files]
    out["failed_sources"] = [{"url": u, "error": e} for u, e in s.failed_sources]
    out["failed_publishes"] = [{"issue": k, "error": e} for k, e in s.failed_publishes]
    out["websub"] = [{"hub": h, "waiting": n, "error": e} for h, n, e in s.websub]
    return out


def to_text(s: Status) -> str:
    lines = [f"syndicate status at {s.now.isoformat(timespec='seconds')}", "", "issues:"]
    if not s.issues:
        lines.append("  (none yet: drop an issue file into the inbox)")
    for i in s.issues:
        lines.append(f"  {i.key}  revision {i.revision}")
        for channel, states in sorted(i.channels.items()):
            parts = "  ".join(f"{st} {states.get(st, 0)}" for st in STATES if states.get(st))
            lines.append(f"    {channel:<7} {parts}")
        for channel, a in sorted(i.approval.items()):
            if a["state"] != "auto":
                by = f" by {a['by']} at {a['at']}" if a["by"] else ""
                why = f": {a['why']}" if a["why"] else ""
                lines.append(f"    {channel:<7} {a['state']}{by}{why}")
        if (fb := s.feedback.get(i.key)) and (fb["bounced"] or fb["complained"]):
            lines.append(f"    feedback bounced {fb['bounced']}  complained {fb['complained']}")
        lines += [f"    FLAG: {flag}" for flag in (fb or {}).get("flags", [])]
    lines += ["", "schedules:"]
    for r in s.schedules:
        nxt = r.next_fire.isoformat(timespec="minutes") if r.next_fire else "-"
        lines.append(f"  {r.paper:<10} {r.channel:<7} {r.spec:<16} next {nxt}")
    subs = ", ".join(f"{k} {v}" for k, v in sorted(s.subscribers.items())) or "none"
    lines += ["", f"subscribers: {subs}"]
    if s.websub:
        lines += ["", "websub pings waiting:"]
        lines += [f"  {h}: {n}" + (f" (last: {e})" if e else "") for h, n, e in s.websub]
    if s.failed_files or s.failed_sources or s.failed_publishes:
        lines += ["", "failed:"]
        lines += [f"  {Path(f).name}: {e}" for f, e in s.failed_files]
        lines += [f"  {u}: {e}" for u, e in s.failed_sources]
        lines += [f"  publishing {k}: {e}" for k, e in s.failed_publishes]
    return "\n".join(lines)
