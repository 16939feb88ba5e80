"""The independent parts of ``syndicate run``, each on its own thread.

- ``Loop``: a step run every ``interval`` seconds, or at once when woken (``wake()``): the
  republisher, the schedule planner, and one per channel's sender.
- ``bounce_loop``: the bounce (and unsubscribe) mailbox, read every ``bounce_poll_seconds``.
- ``watch_inbox``: the inbox, driven by file-system events (watchfiles: inotify on Linux),
  with polling where events are unavailable (``inbox_watch = "poll"``, or when the events
  fail to start, e.g. inotify's watch limit).

A step that fails is one log line and is tried again (``Worker.guarded``); stopping lets the
step in flight finish (a send finishes its message and releases the rest).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import watchfiles

from syndicate.config import Settings
from syndicate.service.inbox import Inbox
from syndicate.service.worker import Worker

log = logging.getLogger("syndicate.service.loops")
#: What the watcher waits for more events before it hands a batch over (watchfiles' step).
EVENT_STEP_MS = 30


@dataclass
class Loop:
    """``step`` every ``interval`` seconds on its own thread, or at once after ``wake()``."""

    name: str
    step: Callable[[], object]
    interval: float
    stop: threading.Event
    _wake: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None

    def start(self) -> Loop:
        self.thread = threading.Thread(target=self._run, name=f"syndicate-{self.name}", daemon=True)
        self.thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        while not self.stop.is_set():
            self._wake.clear()
            self.step()
            self._wake.wait(self.interval)

    def join(self, timeout: float | None = None) -> None:
        self._wake.set()
        if self.thread is not None:
            self.thread.join(timeout)


def bounce_loop(worker: Worker, settings: Settings) -> Loop:
    """Read the mailboxes every ``bounce_poll_seconds``, one log line per message acted on;
    a mailbox that is down is logged once (``Worker.guarded``) and tried again next time."""
    from syndicate.newsletter.inbound import process_mailboxes

    def step() -> None:
        for line in process_mailboxes(worker.engine, settings, worker.clock):
            log.info("bounces: %s", line)

    return Loop("bounces", lambda: worker.guarded("bounces", step), settings.bounce_poll_seconds,
                worker.stop)  # fmt: skip


def watch_inbox(
    inbox: Inbox,
    folders: list[Path],
    scan: Callable[[], object],
    stop: threading.Event,
    *,
    polling: bool,
) -> None:
    """Scan the inbox once now, then on every batch of file events (and every ``settle``/2
    seconds while a file written in place settles). Returns when ``stop`` is set."""
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    scan()
    tick_ms = max(50, int(inbox.settle * 500))
    roots = [f for f in folders if not any(g in f.parents for g in folders)]
    try:
        batches = watchfiles.watch(
            *roots,
            watch_filter=lambda change, path: _wanted(Path(path), folders),
            step=EVENT_STEP_MS,
            stop_event=stop,
            rust_timeout=tick_ms,
            yield_on_timeout=True,
            force_polling=polling,
            poll_delay_ms=tick_ms,
            recursive=True,
            raise_interrupt=False,
        )
        for changes in batches:
            if changes:
                added = {Path(p) for c, p in changes if c == watchfiles.Change.added}
                modified = {Path(p) for c, p in changes if c == watchfiles.Change.modified}
                # Polling cannot tell a rename from a fast write: let every file settle.
                inbox.note(set() if polling else added, modified | (added if polling else set()),
                           time.time())  # fmt: skip
            scan()
    except (OSError, RuntimeError) as e:  # e.g. inotify's limit of watches is reached
        if polling:
            raise
        log.warning("inbox: file events unavailable (%s); polling every %d ms", e, tick_ms)
        watch_inbox(inbox, folders, scan, stop, polling=True)


def _wanted(path: Path, folders: list[Path]) -> bool:
    """Only files directly in an inbox folder (not processed/, failed/ or another paper's)."""
    return path.parent in folders
