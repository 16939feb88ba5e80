"""The inbox: issue files dropped into a folder are ingested, then filed away.

``{data_dir}/inbox/`` belongs to the first paper and ``inbox/SLUG/`` to each other one
(reference/interface.md). A scan takes every regular file that is complete, ingests it, and
moves it to ``processed/``. Complete means:

- it was renamed in: ``syndicate run`` watches the folders, and a file that appeared with no
  write seen after it, and that no process holds open for writing (the kernel refuses a read
  lease on a file open for writing: ``fcntl(F_SETLEASE)``, Linux), is taken at once; or
- it has stopped changing for ``settle`` seconds (a file written in place), or, where no
  events are known, its size and mtime were the same one scan ago.

Names starting with ``.`` or ending in ``.tmp``/``.part`` are never taken: an FTP or rsync
upload writes under such a name and renames the file when it is whole.

A file that cannot be ingested moves to ``failed/`` with a one-line
``.error.txt`` beside it: it is never retried in a loop, and ``syndicate status`` lists it.
Dropping a corrected file again makes a new revision; dropping the same file is a no-op.
"""

from __future__ import annotations

import fcntl
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

if TYPE_CHECKING:
    from syndicate.store.ingest import IngestResult

from syndicate.config import PaperConfig, Settings
from syndicate.errors import SyndicateError

log = logging.getLogger("syndicate.service.inbox")
SKIP_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".swp", ".error.txt")
MAX_BYTES = 50 * 1024 * 1024
#: Files written in place that the watcher follows at once; more uploads at the same time
#: are still taken, by the size-and-mtime check of the scan, without being followed.
MAX_UPLOADS = 256


@dataclass(frozen=True)
class Filed:
    """What became of one inbox file."""

    path: Path
    moved_to: Path
    result: IngestResult | None = None
    error: str | None = None


@dataclass
class Inbox:
    """Scans the inboxes of every configured paper. Keeps the sizes seen on the last scan."""

    settings: Settings
    engine: Engine
    #: Called after each successful ingest (e.g. to publish the feeds).
    on_ingested: Callable[[IngestResult], None] | None = None
    settle: float = 1.0
    _seen: dict[Path, tuple[int, float]] = field(default_factory=dict)
    #: From the watcher: files that appeared whole (renamed in), and when others last changed.
    _whole: set[Path] = field(default_factory=set)
    _changed: dict[Path, float] = field(default_factory=dict)

    def note(self, added: set[Path], modified: set[Path], at: float) -> None:
        """What the watcher saw in one batch of events (``at``: a Unix time). A file only
        added, never written, was renamed in whole; any write makes it wait for ``settle``."""
        for path in modified:
            self._whole.discard(path)
            if path in self._changed or len(self._changed) < MAX_UPLOADS:
                self._changed[path] = at
        for path in added - modified:
            if path not in self._changed and len(self._whole) < MAX_UPLOADS:
                self._whole.add(path)

    def following(self) -> int:
        """How many files the watcher follows now (at most ``MAX_UPLOADS`` of each kind)."""
        return len(self._changed) + len(self._whole)

    def waiting(self) -> bool:
        """Whether a file written in place is still settling (the watcher scans again)."""
        return bool(self._changed)

    def folders(self) -> Iterator[tuple[PaperConfig, Path]]:
        for i, paper in enumerate(self.settings.papers):
            base = self.settings.inbox_dir
            yield paper, (base if i == 0 else base / paper.slug)

    def scan(self, now: datetime) -> list[Filed]:
        """Ingest every settled file once; returns what was filed where."""
        out: list[Filed] = []
        for paper, folder in self.folders():
            folder.mkdir(parents=True, exist_ok=True)
            for path in sorted(folder.iterdir()):
                if self._ready(path, now) and (filed := self._file(path, paper, now)):
                    out.append(filed)
        for gone in [p for p in (*self._whole, *self._changed) if not p.exists()]:
            self._whole.discard(gone)
            self._changed.pop(gone, None)
        return out

    def _ready(self, path: Path, now: datetime) -> bool:
        if not path.is_file() or path.name.startswith(".") or path.name.endswith(SKIP_SUFFIXES):
            return False
        st = path.stat()
        if path in self._whole:
            if st.st_size > 0 and not_open_for_writing(path):
                return True
            self._whole.discard(path)  # being written after all: let it settle
            self._changed[path] = now.timestamp()
            return False
        if path in self._changed:  # written in place: quiet for ``settle`` since the last write
            last = max(self._changed[path], st.st_mtime)
            return now.timestamp() - last >= self.settle
        sig = (st.st_size, st.st_mtime)
        previous = self._seen.get(path)
        self._seen[path] = sig
        return previous == sig or now.timestamp() - st.st_mtime >= self.settle

    def _file(self, path: Path, paper: PaperConfig, now: datetime) -> Filed | None:
        """Ingest and file one file; None when another worker took it first."""
        self._seen.pop(path, None)
        self._whole.discard(path)
        self._changed.pop(path, None)
        from syndicate.store.ingest import ingest_bytes  # the parser: not for `status`

        t0 = time.perf_counter()
        try:
            if path.stat().st_size > MAX_BYTES:
                raise SyndicateError(f"the file is over {MAX_BYTES // 2**20} MiB; is it an issue?")
            data = path.read_bytes()
            result = ingest_bytes(
                self.engine, self.settings, data, source=path.name, paper_slug=paper.slug, now=now
            )
        except FileNotFoundError:
            return None
        except (SyndicateError, OSError) as e:
            log.warning("inbox: %s: %s; moved to failed/", path.name, e)
            return self._fail(path, str(e), now)
        what = "new issue" if result.created else "revision" if result.changed else "unchanged"
        log.info("inbox: %s -> %s %s %d, %d articles in %.2f s", path.name, result.key, what,
                 result.revision, result.articles, time.perf_counter() - t0)  # fmt: skip
        try:
            moved = _move(path, path.parent / "processed", now)
        except FileNotFoundError:
            return None  # another worker filed it (ingest is idempotent)
        if self.on_ingested is not None and result.changed:
            self.on_ingested(result)
        return Filed(path, moved, result=result)

    def _fail(self, path: Path, why: str, now: datetime) -> Filed | None:
        try:
            moved = _move(path, path.parent / "failed", now)
        except FileNotFoundError:
            return None
        note = moved.with_name(moved.name + ".error.txt")
        note.write_text(f"error: {path.name}: {why}\n", encoding="utf-8")
        return Filed(path, moved, error=why)


def not_open_for_writing(path: Path) -> bool:
    """True when no process has ``path`` open for writing: Linux grants a read lease only
    then. False when it is open, or when leases are unavailable (another OS, a file system
    without them, a file owned by another user): the caller then waits for it to settle."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_RDLCK)
        fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_UNLCK)
        return True
    except (OSError, AttributeError):
        return False
    finally:
        os.close(fd)


def _move(path: Path, folder: Path, now: datetime) -> Path:
    """Move ``path`` into ``folder`` without overwriting an earlier file of the same name."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    if target.exists():
        target = folder / f"{path.stem}.{now.strftime('%Y%m%dT%H%M%S')}{path.suffix}"
    os.replace(path, target)
    return target


def failed_files(settings: Settings) -> list[tuple[Path, str]]:
    """Every file in an inbox's ``failed/`` folder with its error line, for ``status``."""
    out: list[tuple[Path, str]] = []
    for i, paper in enumerate(settings.papers):
        folder = settings.inbox_dir if i == 0 else settings.inbox_dir / paper.slug
        for note in sorted((folder / "failed").glob("*.error.txt")):
            text = note.read_text(encoding="utf-8", errors="replace").strip()
            out.append((note.with_name(note.name.removesuffix(".error.txt")), text))
    return out
