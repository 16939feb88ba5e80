"""Bounce and complaint rates per issue, flagged against the bulk-sender limits.

Gmail and Yahoo (2024 bulk-sender rules) want a spam-complaint rate under 0.3% and advise
under 0.1%; a bounce rate over 2% is the usual sign of a stale list. ``feedback_by_issue``
counts, per issue, the email rows the relay accepted (``sent``) and those it later reported
(``deliveries.feedback``: hard bounces, complaints); ``flags`` says which limit an issue
passed. ``syndicate status`` and the admin page show both. It only reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, Engine, case, func, select

from syndicate.store.engine import reading
from syndicate.store.schema import deliveries, issues

BOUNCE_LIMIT = 0.02
COMPLAINT_LIMIT = 0.001
d = deliveries.c


@dataclass(frozen=True)
class IssueFeedback:
    sent: int
    bounced: int
    complained: int

    @property
    def bounce_rate(self) -> float:
        return self.bounced / self.sent if self.sent else 0.0

    @property
    def complaint_rate(self) -> float:
        return self.complained / self.sent if self.sent else 0.0

    @property
    def flags(self) -> list[str]:
        out = []
        if self.bounce_rate > BOUNCE_LIMIT:
            out.append(f"bounce rate {self.bounce_rate:.1%} is over {BOUNCE_LIMIT:.0%}")
        if self.complaint_rate > COMPLAINT_LIMIT:
            out.append(f"complaint rate {self.complaint_rate:.2%} is over {COMPLAINT_LIMIT:.1%}")
        return out

    def as_dict(self) -> dict[str, object]:
        return {"sent": self.sent, "bounced": self.bounced, "complained": self.complained,
                "bounce_rate": round(self.bounce_rate, 5),
                "complaint_rate": round(self.complaint_rate, 5), "flags": self.flags}  # fmt: skip


def feedback_by_issue(db: Engine | Connection) -> dict[str, IssueFeedback]:
    """Issue key -> its email feedback counts (only issues with email rows)."""

    def count(cond: ColumnElement[bool]) -> ColumnElement[int]:
        return func.sum(case((cond, 1), else_=0))

    # A bounced or complained message was accepted first: ``sent`` counts those rows too.
    accepted = d.state.in_(["sent"]) | d.feedback.is_not(None)
    q = (
        select(
            issues.c.key,
            count(accepted),
            count(d.feedback == "bounced"),
            count(d.feedback == "complained"),
        )  # fmt: skip
        .join(issues, issues.c.id == d.issue_id)
        .where(d.channel == "email")
        .group_by(issues.c.key)
    )
    with reading(db) as conn:
        return {k: IssueFeedback(int(a or 0), int(b or 0), int(c or 0))
                for k, a, b, c in conn.execute(q)}  # fmt: skip
