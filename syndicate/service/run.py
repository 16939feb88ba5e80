"""``syndicate run``: the scheduler, the worker and the web service in one process.

Starts on the embedded defaults (SQLite, the Maildir outbox, the inbox under the data dir),
prints where everything is, then runs the worker's parts side by side (``Service``): the inbox
watcher (a file renamed in is ingested and published at once), the republisher, the schedule
planner, one sender per channel, and each source URL's poll on its own timer, while uvicorn
serves the web edition, the feeds, the subscribe pages and the admin page. SIGTERM or SIGINT
stops every part, lets in-flight sends finish, gives back unsent leases, then exits.
"""

from __future__ import annotations

import functools
import logging
import signal
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from types import FrameType

import httpx
import uvicorn
from apscheduler.schedulers.background import BackgroundScheduler

from syndicate.clock import utcnow
from syndicate.command import socket_url
from syndicate.config import Settings, redact_url
from syndicate.feeds.ids import feed_path
from syndicate.feeds.public import sweep_temp
from syndicate.feeds.publish import publish_key
from syndicate.newsletter.smtp import parse_smtp_url
from syndicate.service import scheduler
from syndicate.service.channels import runners_for
from syndicate.service.loops import Loop, bounce_loop, watch_inbox
from syndicate.service.worker import Worker
from syndicate.store.engine import ensure_schema, redacted
from syndicate.web.admin import admin_token

log = logging.getLogger("syndicate.service.run")


@dataclass(frozen=True)
class Parts:
    web: bool = True
    worker: bool = True


def build_worker(settings: Settings, http: httpx.Client, clock: Callable[[], datetime]) -> Worker:
    """The worker on the configured database; publishes feeds after every ingest."""
    scheduler.validate(settings)
    engine = ensure_schema(settings)
    for d in (settings.inbox_dir, settings.public_dir, settings.outbox_dir):
        d.mkdir(parents=True, exist_ok=True)

    def publish(key: str) -> None:
        t0 = time.perf_counter()
        report = publish_key(engine, settings, key)
        log.info("%s: published %d of %d files in %.2f s", key, len(report.written),
                 report.rendered, time.perf_counter() - t0)  # fmt: skip

    for tmp in sweep_temp(settings.public_dir, now=clock().timestamp()):
        log.warning("removed %s, a temp file a killed publisher left behind", tmp)
    return Worker(settings, engine, runners_for(settings, engine, http), clock, publish=publish)


def banner(settings: Settings, parts: Parts) -> list[str]:
    """What a newcomer needs to know once the service is up."""
    base = settings.base_url.rstrip("/")
    paper = settings.papers[0]
    lines = [f"syndicate: database {redacted(settings.database_url)}"]
    if parts.worker:
        lines.append(f"  inbox        {settings.inbox_dir}/  (drop issue files here)")
        smtp = parse_smtp_url(settings.smtp, settings.outbox_dir).describe()
        lines.append(f"  email via    {smtp}")
        if settings.bounce_mailbox:
            every = f"every {settings.bounce_poll_seconds:g} s"
            lines.append(f"  bounces from {redact_url(settings.bounce_mailbox)}  ({every})")
    if parts.web:
        lines += [
            f"  web edition  {base}/",
            f"  atom feed    {base}{feed_path(paper.slug, 'atom')}",
            f"  subscribe    {base}/{paper.slug}/subscribe",
            f"  admin        {base}/admin/  (user: any, password: SYNDICATE_ADMIN_TOKEN or "
            f"{settings.data_dir / 'admin_token'})",
        ]
    return lines


def run(
    settings: Settings, parts: Parts, *, sock: socket.socket | None, log_format: str = "text"
) -> None:
    """Run until SIGTERM/SIGINT (see the module docstring)."""
    configure_logging(log_format)
    with httpx.Client(timeout=30) as http:
        worker = build_worker(settings, http, utcnow) if parts.worker else None
        stop = _install_stop_handlers(worker) if not parts.web else threading.Event()
        service = Service(settings, worker).start() if worker is not None else None
        if parts.web:
            admin_token(settings)  # made now, so the banner's file exists
        for line in banner(settings, parts):
            print(line, flush=True)
        if sock is not None:
            print(f"  listening    {socket_url(sock)}", flush=True)
        try:
            if sock is not None:
                _serve(settings, sock, worker)
            else:
                # A timed wait, not a bare one: a SIGTERM the kernel hands to another thread
                # only flags the main thread, which must wake up to run the handler.
                while not stop.wait(0.25):
                    pass
        finally:
            if service is not None:
                service.shutdown()  # in-flight sends finish; unsent claims are released
            print("syndicate: stopped", flush=True)


def configure_logging(log_format: str = "text") -> None:
    """One line per event on stderr: time, level, part, message (``json``: one JSON object,
    ``syndicate.logjson``)."""
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        datefmt="%Y-%m-%dT%H:%M:%S%z",
    )
    if log_format == "json":
        from syndicate.logjson import JsonFormatter

        for handler in logging.getLogger().handlers:
            handler.setFormatter(JsonFormatter())
    # Their INFO lines say nothing an operator acts on ("1 change detected", plugin set-up).
    for chatty in ("watchfiles", "apscheduler", "alembic.runtime.plugins"):
        logging.getLogger(chatty).setLevel(logging.WARNING)


@dataclass
class Service:
    """The worker's parts, each on its own thread (``loops``): the inbox watcher, the
    republisher, the schedule planner and one sender per channel; the source polls on
    APScheduler's timers. None of them waits on another: a long newsletter never delays an
    ingest, a feed, a WeChat draft or a poll."""

    settings: Settings
    worker: Worker
    loops: dict[str, Loop] = field(default_factory=dict)
    threads: list[threading.Thread] = field(default_factory=list)
    sched: BackgroundScheduler | None = None

    def start(self) -> Service:
        w, stop = self.worker, self.worker.stop
        for channel in w.runners:
            self.loops[channel] = Loop(
                f"send-{channel}", functools.partial(w.guarded, f"send {channel}",
                functools.partial(w.drain, channel)), 1.0, stop,
            )  # fmt: skip
        self.loops["plan"] = Loop("plan", lambda: w.guarded("plan", w.plan), 1.0, stop)
        self.loops["republish"] = Loop("republish", lambda: w.guarded("republish", w.republish),
                                       1.0, stop)  # fmt: skip
        if self.settings.bounce_mailbox or self.settings.unsubscribe_mailbox:
            self.loops["bounces"] = bounce_loop(w, self.settings)
        w.on_enqueued = lambda channel: self.loops[channel].wake()
        # WebSub pings go out on their own thread: a dead hub never holds up anything else.
        self.loops["websub"] = Loop("websub", lambda: w.guarded("websub", w.websub), 5.0, stop)
        w.on_ingested = lambda result: self.wake("plan", "websub")
        for loop in self.loops.values():
            loop.start()
        folders = [folder for _, folder in w.inbox.folders()]
        w.inbox.settle = self.settings.inbox_settle_seconds
        intake = threading.Thread(
            target=watch_inbox, name="syndicate-inbox", daemon=True,
            args=(w.inbox, folders, lambda: w.guarded("inbox", w.intake), stop),
            kwargs={"polling": self.settings.inbox_watch == "poll"},
        )  # fmt: skip
        intake.start()
        self.threads.append(intake)
        polls: dict[str, tuple[int, Callable[[], object]]] = {
            url: (
                p.poll_seconds,
                functools.partial(w.guarded, f"poll {url}", functools.partial(w.poll, p, url)),
            )
            for p in self.settings.papers
            for url in p.urls
        }
        self.sched = scheduler.start(polls)
        return self

    def wake(self, *loops: str) -> None:
        for name in loops:
            self.loops[name].wake()

    def shutdown(self) -> None:
        """Stop taking new work, let in-flight steps finish (sends release what is unsent),
        then close the database."""
        self.worker.shutdown()
        for loop in self.loops.values():
            loop.join(timeout=5)
        for thread in self.threads:
            thread.join(timeout=5)
        if self.sched is not None:
            self.sched.shutdown(wait=False)
        self.worker.engine.dispose()


def _stopping(worker: Worker | None, sig: int) -> None:
    """The first thing a stop signal does: stop taking new work (in-flight sends finish).
    The flag is set before the line is printed, so whoever reads the line can rely on it."""
    if worker is not None:
        worker.stop.set()
    print(f"syndicate: stopping ({signal.Signals(sig).name}); finishing in-flight sends",
          flush=True)  # fmt: skip


class _Server(uvicorn.Server):
    """uvicorn that stops on SIGTERM/SIGINT and returns (rather than re-raising the signal
    after its shutdown), so the worker's shutdown in ``run`` runs too."""

    worker: Worker | None = None

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if not self.should_exit:
            _stopping(self.worker, sig)
        self.force_exit = self.should_exit and sig == signal.SIGINT
        self.should_exit = True


def _serve(settings: Settings, sock: socket.socket, worker: Worker | None) -> None:
    from syndicate.web.app import build_app
    from syndicate.web.fastpath import protocol_for

    web = build_app(settings)
    config = uvicorn.Config(web, log_level="warning", server_header=False,
                            http=protocol_for(web.files))  # fmt: skip
    server = _Server(config)
    server.worker = worker
    server.run(sockets=[sock])


def _install_stop_handlers(worker: Worker | None) -> threading.Event:
    """SIGTERM/SIGINT set the returned event (and stop the worker taking new work)."""
    stop = threading.Event()

    def handler(sig: int, frame: FrameType | None) -> None:
        if not stop.is_set():
            _stopping(worker, sig)
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, handler)
    return stop
