"""Prometheus metrics, read from the database at every scrape.

Several ``syndicate run`` processes share one database, and the web process that answers
``/metrics`` may send nothing itself: so every metric is a fact of the store (the ledger, the
revisions, the suppressions), true across workers, never a counter in one process's memory.

- ``syndicate_ingests_total{paper}``: revisions stored (each new issue or correction).
- ``syndicate_parse_doubts_total{paper}``: doubts found by the parser over those revisions.
- ``syndicate_sends_total{channel}``, ``syndicate_send_failures_total{channel}``: deliveries
  sent, and given up (failed).
- ``syndicate_deliveries{channel,state}``: ledger rows per state.
- ``syndicate_queue_depth{channel}``: rows still to send (pending, retry, unknown, sending).
- ``syndicate_send_latency_seconds{channel}``: from enqueue to the peer's acceptance.
- ``syndicate_bounces_total``, ``syndicate_complaints_total``: addresses suppressed for a
  bounce or a complaint; ``syndicate_subscribers{status}``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector, CollectorRegistry
from sqlalchemy import Engine, case, func, literal_column, select

from syndicate.store.engine import reading
from syndicate.store.schema import deliveries, issue_revisions, issues, papers, subscribers
from syndicate.store.schema import suppressions as supp

#: Upper bounds (seconds) of the send latency buckets: a second to a day.
BUCKETS = (1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0, 14400.0, 86400.0)
QUEUED = ("pending", "retry", "unknown", "sending")


def _latency(engine: Engine) -> Any:
    """Seconds from enqueue to sent, as SQL on this backend."""
    d = deliveries.c
    if engine.dialect.name == "postgresql":
        return func.extract("epoch", d.sent_at - d.created_at)
    return (func.julianday(d.sent_at) - func.julianday(d.created_at)) * literal_column("86400.0")


class StoreCollector(Collector):
    """Collects every metric from the database (the module docstring lists them)."""

    def __init__(self, engine: Callable[[], Engine]) -> None:
        self.engine = engine

    def collect(self) -> Iterator[Metric]:
        engine = self.engine()
        with reading(engine) as conn:
            yield from _ingests(conn.execute(
                select(papers.c.slug, issue_revisions.c.doubts)
                .join(issues, issues.c.id == issue_revisions.c.issue_id)
                .join(papers, papers.c.id == issues.c.paper_id)
            ).all())  # fmt: skip
            d = deliveries.c
            states = conn.execute(
                select(d.channel, d.state, func.count()).group_by(d.channel, d.state)
            ).all()
            seconds = _latency(engine)
            cols = [func.sum(case((seconds <= b, 1), else_=0)) for b in BUCKETS]
            latency = conn.execute(
                select(d.channel, func.count(), func.sum(seconds), *cols)
                .where(d.state == "sent", d.sent_at.is_not(None))
                .group_by(d.channel)
            ).all()
            reasons: dict[str, int] = dict(
                conn.execute(select(supp.c.reason, func.count()).group_by(supp.c.reason)).all()
            )
            statuses = conn.execute(
                select(subscribers.c.status, func.count()).group_by(subscribers.c.status)
            ).all()
        yield from _deliveries(states)
        yield _histogram(latency)
        for reason, name in (("bounced", "bounces"), ("complained", "complaints")):
            c = CounterMetricFamily(f"syndicate_{name}", f"Addresses suppressed: {reason}.")
            c.add_metric([], int(reasons.get(reason, 0)))
            yield c
        g = GaugeMetricFamily("syndicate_subscribers", "Subscribers per status.", labels=["status"])
        for status, n in statuses:
            g.add_metric([str(status)], int(n))
        yield g


def _ingests(rows: Sequence[Any]) -> Iterator[Metric]:
    ingests = CounterMetricFamily("syndicate_ingests", "Issue revisions stored.", labels=["paper"])
    doubts = CounterMetricFamily(
        "syndicate_parse_doubts", "Parse doubts over the stored revisions.", labels=["paper"]
    )
    count: dict[str, int] = {}
    found: dict[str, int] = {}
    for slug, ds in rows:
        count[slug] = count.get(slug, 0) + 1
        found[slug] = found.get(slug, 0) + (len(ds) if isinstance(ds, list) else 0)
    for slug in sorted(count):
        ingests.add_metric([slug], count[slug])
        doubts.add_metric([slug], found[slug])
    yield ingests
    yield doubts


def _deliveries(rows: Sequence[Any]) -> Iterator[Metric]:
    by: dict[str, dict[str, int]] = {}
    for channel, state, n in rows:
        by.setdefault(str(channel), {})[str(state)] = int(n)
    sends = CounterMetricFamily("syndicate_sends", "Deliveries sent.", labels=["channel"])
    fails = CounterMetricFamily(
        "syndicate_send_failures", "Deliveries given up (failed).", labels=["channel"]
    )
    queue = GaugeMetricFamily("syndicate_queue_depth", "Deliveries still to send.",
                              labels=["channel"])  # fmt: skip
    rows_ = GaugeMetricFamily(
        "syndicate_deliveries", "Ledger rows per state.", labels=["channel", "state"]
    )
    for channel in sorted(by):
        states = by[channel]
        sends.add_metric([channel], states.get("sent", 0))
        fails.add_metric([channel], states.get("failed", 0))
        queue.add_metric([channel], sum(states.get(s, 0) for s in QUEUED))
        for state in sorted(states):
            rows_.add_metric([channel, state], states[state])
    yield from (sends, fails, queue, rows_)


def _histogram(rows: Sequence[Any]) -> Metric:
    h = HistogramMetricFamily(
        "syndicate_send_latency_seconds",
        "Seconds from enqueue to the peer's acceptance, per sent delivery.",
        labels=["channel"],
    )
    for channel, n, total, *under in rows:
        buckets = [(repr(b), float(k or 0)) for b, k in zip(BUCKETS, under, strict=True)]
        h.add_metric([str(channel)], [*buckets, ("+Inf", float(n))], float(total or 0.0))
    return h


def registry(engine: Callable[[], Engine]) -> CollectorRegistry:
    """A registry with the store's metrics only (no process metrics: they would describe
    whichever process answered the scrape)."""
    reg = CollectorRegistry(auto_describe=False)
    reg.register(StoreCollector(engine))
    return reg
