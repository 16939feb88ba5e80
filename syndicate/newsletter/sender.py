"""Sending a newsletter through the delivery ledger: nothing lost, nothing sent twice.

``send_newsletter(engine, newsletter, job, transport=…, clock=…)`` runs one issue:

1. Rows of this host whose worker process is gone (``kill -9``, a crash) are taken back at
   once (``reclaim_dead_owners``): they become ``unknown``, which the ledger policy resends
   (``resend``) or keeps for the admin (``hold``). Rows of a live or remote worker wait for
   their lease to expire.
2. ``ledger.enqueue_subscribers``: one ``INSERT … SELECT`` of every confirmed, unsuppressed
   subscriber of the paper; idempotent, so a resumed run adds nothing.
3. Batches are claimed (committed, leased) and fed to ``concurrency`` workers, paced by the
   optional rate limit, which every worker on the database shares (``store/pace.py``). A
   worker fills in the subscriber's parts of the message rendered once for the issue and the
   reader's variant (``Editions``: content × script × pages, issue 14; ``Newsletter.message``),
   signs it (optional DKIM) and hands it to the transport, which maps the SMTP reply to an
   outcome (the SMTP pool adapts to the relay: ``aimd.py``).
4. Outcomes are group-committed by one writer task: whatever finished while the previous
   commit ran goes into the next one (``ledger.record``), hard bounces are suppressed in the
   same transaction. A 4xx or drop becomes ``retry`` with exponential backoff; past
   ``retry_max_age`` it becomes ``failed``.

**Crash safety.** A row is committed ``sending`` before its message leaves and ``sent`` in
the group commit right after the 250. A crash between the two (the in-flight messages, at most
``concurrency`` plus one group commit) leaves the row ``sending``; on resume it is sent again
with the same Message-ID (``Newsletter.message_id`` depends only on issue and address), so a
receiver that sees both can tell they are one message. No other row is sent twice, none is
skipped: checkpoints are the rows themselves, advanced at send time, never at fetch time.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, func, select
from sqlalchemy.exc import SQLAlchemyError

from syndicate.clock import wall as wall_clock
from syndicate.errors import SyndicateError
from syndicate.failpoints import failpoint
from syndicate.newsletter.editions import Editions
from syndicate.newsletter.headers import HeaderInjection
from syndicate.newsletter.preferences import from_json
from syndicate.newsletter.render import Newsletter, Recipient
from syndicate.newsletter.smtp import Reply, Transport
from syndicate.newsletter.subscribers import suppress, suppressed_among
from syndicate.newsletter.tokens import prefs_token, unsubscribe_token
from syndicate.newsletter.verp import verp_address
from syndicate.store import ledger
from syndicate.store.engine import reading
from syndicate.store.heartbeats import Heartbeat
from syndicate.store.leases import reclaim_dead_owners as reclaim_dead_owners
from syndicate.store.ledger import Claim, Outcome
from syndicate.store.pace import SharedPace
from syndicate.store.schema import deliveries, issues, subscriber_prefs, subscribers

CHANNEL = "email"
d = deliveries.c


@dataclass(frozen=True)
class Job:
    """How to send (from ``Settings.email_*``)."""

    issue_key: str
    sender: str
    secret: str
    concurrency: int = 8
    rate: float = 100.0
    batch: int = 200
    retry_seconds: int = 1800
    retry_max_age: timedelta = timedelta(hours=120)
    policy: str = "resend"
    #: The longest a message can take (all command timeouts plus DATA's); sets the lease.
    max_message_seconds: float = 1500.0
    sign: Callable[[bytes], bytes] | None = None
    #: Add rows for every confirmed subscriber first (``syndicate send``). The worker adds
    #: them when it plans the issue, and only drains afterwards.
    enqueue: bool = True
    #: The ledger channel: ``email`` (one issue) or ``digest`` (one week, issue 14).
    channel: str = CHANNEL
    #: ``email_return_path``: MAIL FROM becomes its VERP form per delivery (``newsletter.verp``).
    return_path: str = ""

    def lease(self) -> timedelta:
        pace = self.batch / self.rate if self.rate > 0 else self.batch / 100
        return timedelta(seconds=self.max_message_seconds + 2 * pace + 60)


@dataclass
class Progress:
    """Counts so far in this run, for the progress bar and log lines."""

    total: int = 0
    sent: int = 0
    failed: int = 0
    retry: int = 0
    unknown: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.retry + self.unknown

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0


@dataclass(frozen=True)
class Summary:
    """The outcome of a run: ledger counts for the issue, and why it stopped early."""

    counts: dict[str, int]
    progress: Progress
    next_retry: datetime | None
    aborted: str | None
    connects: int | None = None
    #: Rows each sending process finished, the parent first (``fanout.py``); one process: ().
    shares: tuple[int, ...] = ()


class _Writer:
    """Group commit: one task writes every outcome finished since its last commit.

    If a commit fails the run stops (``error``); what could not be recorded is written once
    more at the end with every ``sent`` turned ``unknown`` (the relay has it; the ledger could
    not say so), so ``unknown_policy`` decides, and nothing is released as unsent."""

    def __init__(self, engine: Engine, owner: str, clock: Callable[[], datetime]) -> None:
        self.engine, self.owner, self.clock = engine, owner, clock
        self.items: list[tuple[Outcome, str | None]] = []
        self.unrecorded: list[tuple[Outcome, str | None]] = []
        self.wake = asyncio.Event()
        self.closing = False
        #: Set when a commit failed: the run stops.
        self.error: str | None = None

    def add(self, outcome: Outcome, bounce: str | None) -> None:
        self.items.append((outcome, bounce))
        self.wake.set()

    async def run(self, on_commit: Callable[[Sequence[Outcome]], None]) -> None:
        while True:
            await self.wake.wait()
            self.wake.clear()
            batch, self.items = self.items, []
            if batch and self.error is None:
                try:
                    await asyncio.to_thread(self._commit, batch)
                    on_commit([o for o, _ in batch])
                    batch = []
                except (SQLAlchemyError, SyndicateError) as e:
                    self.error = f"the ledger could not record {len(batch)} outcome(s): {e}"
            self.unrecorded += batch
            if self.closing and not self.items:
                return

    def _commit(self, batch: list[tuple[Outcome, str | None]]) -> None:
        now = self.clock()
        with self.engine.begin() as conn:
            ledger.record(conn, [o for o, _ in batch], owner=self.owner, now=now)
            for _, address in batch:
                if address is not None:
                    suppress(conn, address, "bounced", now=now)

    async def close(self, task: asyncio.Task[None]) -> None:
        self.closing = True
        self.wake.set()
        await task
        if self.unrecorded:
            why = "the relay accepted it, but the ledger could not record that"
            batch: list[tuple[Outcome, str | None]] = [
                (replace(o, state="unknown", error=why) if o.state == "sent" else o, None)
                for o, _ in self.unrecorded
            ]
            try:
                await asyncio.to_thread(self._commit, batch)
            except (SQLAlchemyError, SyndicateError):
                pass  # still down: the rows stay ``sending`` and their lease decides


@dataclass
class _Run:
    engine: Engine
    editions: Editions
    job: Job
    transport: Transport
    clock: Callable[[], datetime]
    owner: str
    progress: Progress
    writer: _Writer
    pace: SharedPace | None
    queue: asyncio.Queue[tuple[Claim, dict[str, Any]] | None]
    stop: threading.Event
    aborted: str | None = None

    def stopped(self) -> bool:
        if self.writer.error is not None and self.aborted is None:
            self.aborted = self.writer.error
        return self.aborted is not None or self.stop.is_set()


def single(newsletter: Newsletter) -> Editions:
    """One newsletter for every reader, whatever their preferences (benches, old callers)."""
    return Editions(lambda _: newsletter, full_text=False)


async def send_newsletter(
    engine: Engine,
    newsletter: Newsletter | Editions,
    job: Job,
    *,
    transport: Transport,
    clock: Callable[[], datetime],
    on_progress: Callable[[Progress], None] | None = None,
    stop: threading.Event | None = None,
    wall: Callable[[], float] = wall_clock,
) -> Summary:
    """Send ``newsletter`` (or each reader's edition) to every confirmed subscriber (see the
    module docstring). When ``stop`` is set, no more rows are claimed; in-flight messages
    finish and are recorded. ``job.rate`` (0: none) is shared with every worker on the
    database (``store/pace.py``)."""
    editions = newsletter if isinstance(newsletter, Editions) else single(newsletter)
    now = clock()
    await asyncio.to_thread(reclaim_dead_owners, engine, now=now)
    if job.enqueue:
        await asyncio.to_thread(
            ledger.enqueue_subscribers, engine, issue_key=job.issue_key, now=now
        )
    heartbeat = Heartbeat(engine, clock)  # beats before the first claim, until the release
    await asyncio.to_thread(heartbeat.start)
    try:
        return await _send_claimed(engine, editions, job, transport, clock, on_progress, stop, wall)
    finally:
        await asyncio.to_thread(heartbeat.stop)


async def _send_claimed(
    engine: Engine,
    editions: Editions,
    job: Job,
    transport: Transport,
    clock: Callable[[], datetime],
    on_progress: Callable[[Progress], None] | None,
    stop: threading.Event | None,
    wall: Callable[[], float],
) -> Summary:
    owner = ledger.new_owner()
    progress = Progress(total=await asyncio.to_thread(remaining, engine, job, clock()))
    writer_ = _Writer(engine, owner, clock)
    pace = SharedPace(engine, job.rate, wall) if job.rate > 0 else None
    run = _Run(engine, editions, job, transport, clock, owner, progress, writer_,
               pace, asyncio.Queue(job.batch), stop or threading.Event())  # fmt: skip

    def committed(outcomes: Sequence[Outcome]) -> None:
        for o in outcomes:
            setattr(progress, o.state, getattr(progress, o.state) + 1)
        if on_progress is not None:
            on_progress(progress)

    writer = asyncio.create_task(run.writer.run(committed))
    workers = [asyncio.create_task(_work(run)) for _ in range(job.concurrency)]
    try:
        await _feed(run)
    finally:
        for _ in workers:
            await run.queue.put(None)
        await asyncio.gather(*workers)
        await run.writer.close(writer)
        await asyncio.to_thread(ledger.release, engine, owner=owner, now=clock())
    return await asyncio.to_thread(_summary, run)


async def _feed(run: _Run) -> None:
    """Claim batches and queue them until nothing is due (or the run is aborted)."""
    while not run.stopped():
        claims = await asyncio.to_thread(
            ledger.claim, run.engine, channel=run.job.channel, owner=run.owner, now=run.clock(),
            lease=run.job.lease(), limit=run.job.batch, issue_key=run.job.issue_key,
            policy=run.job.policy,
        )  # fmt: skip
        if not claims:
            return
        failpoint("email.claimed")
        details = await asyncio.to_thread(_details, run.engine, claims, run.editions)
        for c in claims:
            await run.queue.put((c, details[c.id]))
            if run.stopped():
                return


def _details(
    engine: Engine, claims: Sequence[Claim], editions: Editions
) -> dict[int, dict[str, Any]]:
    """Per claimed row: the subscriber's name, the row's age, whether it is suppressed, and
    the newsletter of the reader's variant (rendered here on first use, off the event loop)."""
    ids = [c.id for c in claims]
    p = subscriber_prefs.c
    q = (
        select(d.id, d.created_at, subscribers.c.name, p.pages, p.columns, p.content, p.script)
        .outerjoin(subscribers, subscribers.c.id == d.subscriber_id)
        .outerjoin(subscriber_prefs, p.subscriber_id == d.subscriber_id)
        .where(d.id.in_(ids))
    )
    with reading(engine) as conn:
        rows = {r.id: {"created_at": r.created_at, "name": r.name, "variant": (
                    r.pages, r.columns, r.content, r.script)} for r in conn.execute(q)}  # fmt: skip
        blocked = suppressed_among(conn, [c.target for c in claims])
    for c in claims:
        info = rows[c.id]
        info["suppressed"] = c.target in blocked
        pages, columns, content, script = info.pop("variant")
        if script is None:
            info["newsletter"] = editions.default
        else:
            chosen = {"pages": pages, "columns": columns, "content": content, "script": script}
            info["newsletter"] = editions.for_prefs(from_json(chosen))
    return rows


async def _work(run: _Run) -> None:
    while (item := await run.queue.get()) is not None:
        claim, info = item
        if run.stopped():
            continue  # left ``sending``; ``release`` hands it back at the end
        outcome, bounce = await _deliver(run, claim, info)
        if outcome is not None:
            run.writer.add(outcome, bounce)


async def _deliver(run: _Run, c: Claim, info: dict[str, Any]) -> tuple[Outcome | None, str | None]:
    if info["suppressed"]:
        return Outcome(c.id, "failed", error="suppressed before sending (unsubscribed)"), None
    if c.subscriber_id is None:
        return Outcome(c.id, "failed", error="no subscriber row for this address"), None
    nl: Newsletter | None = info["newsletter"]
    if nl is None:
        why = "not sent: nothing in it on the reader's chosen pages or columns"
        return Outcome(c.id, "failed", error=why), None
    try:
        token = unsubscribe_token(run.job.secret, c.subscriber_id, c.target)
        prefs = prefs_token(run.job.secret, c.subscriber_id, c.target, now=run.clock())
        msgid = nl.message_id(c.target)
        data = nl.message(Recipient(c.target, info["name"], token, prefs), msgid)
    except HeaderInjection as e:
        return Outcome(c.id, "failed", error=f"refused to build the message: {e}"), None
    if run.job.sign is not None:
        data = run.job.sign(data)
    if run.pace is not None:
        await run.pace.wait()
    envelope = run.job.sender
    if run.job.return_path:
        envelope = verp_address(run.job.return_path, run.job.secret, c.id)
    reply = await run.transport.send(envelope, c.target, data)
    if reply.state == "sent":
        failpoint("email.accepted")
    if reply.fatal:
        run.aborted = reply.describe()
        return None, None  # not this address's fault: released for a later run
    return _outcome(run, c, info, reply, msgid), (c.target if reply.bounce else None)


def _outcome(run: _Run, c: Claim, info: dict[str, Any], reply: Reply, msgid: str) -> Outcome:
    now = run.clock()
    if reply.state == "sent":
        return Outcome(c.id, "sent", provider_id=f"{msgid} {reply.describe()}"[:998])
    if reply.state == "retry":
        if now - info["created_at"] >= run.job.retry_max_age:
            why = f"still deferred after {run.job.retry_max_age}; last reply: {reply.describe()}"
            return Outcome(c.id, "failed", error=why)
        wait = run.job.retry_seconds * 2 ** min(max(c.attempts - 1, 0), 3)
        when = now + timedelta(seconds=wait)
        return Outcome(c.id, "retry", provider_id=msgid, error=reply.describe(), not_before=when)
    return Outcome(c.id, reply.state, provider_id=msgid, error=reply.describe())


def remaining(engine: Engine, job: Job, now: datetime) -> int:
    q = (
        select(func.count())
        .select_from(deliveries.join(issues, issues.c.id == d.issue_id))
        .where(
            issues.c.key == job.issue_key,
            d.channel == job.channel,
            d.state.in_(["pending", "retry", "unknown", "sending"]),
        )
    )
    with reading(engine) as conn:
        return int(conn.execute(q).scalar_one())


def _summary(run: _Run) -> Summary:
    connects = getattr(run.transport, "connects", None)
    aborted = run.aborted or run.writer.error
    return final_summary(run.engine, run.job, run.progress, aborted, connects)


def final_summary(
    engine: Engine,
    job: Job,
    progress: Progress,
    aborted: str | None,
    connects: int | None,
    shares: tuple[int, ...] = (),
) -> Summary:
    """The ledger's counts for ``job``'s issue and channel, and when the next retry is due."""
    key = job.issue_key
    counts = ledger.counts(engine, issue_key=key).get(key, {}).get(job.channel, {})
    q = (
        select(func.min(d.not_before))
        .select_from(deliveries.join(issues, issues.c.id == d.issue_id))
        .where(and_(issues.c.key == key, d.channel == job.channel, d.state == "retry"))
    )
    with reading(engine) as conn:
        next_retry = conn.execute(q).scalar()
    return Summary(dict(counts), progress, next_retry, aborted, connects, shares)
