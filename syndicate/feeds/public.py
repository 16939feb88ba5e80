"""The public dir: static files written atomically, each stamped with its content's time.

``write_files(root, files)`` writes each ``PublicFile`` (a site path, its bytes and its
content time) under ``root``:

- A file whose bytes are already there is not touched (its ETag and Last-Modified stay).
- Otherwise the bytes go to a temp file in the same directory, which is fsynced and renamed
  over the target (``os.replace``), then the directory is fsynced: a reader (our server,
  nginx) sees the old file or the new one, never half of one, even after a crash.
- The file's mtime is the content's time (whole seconds, as HTTP dates are), which both our
  server and nginx send as ``Last-Modified``. When the bytes change but that time would not
  move forward (a new "next issue" link on an old page, a new template), it becomes the old
  mtime plus one second, so ``If-Modified-Since`` never answers 304 for changed bytes.
- A text file gets its precompressed variants beside it (``NAME.br``, ``NAME.gz``; see
  ``syndicate.feeds.media``), written the same way and with the same mtime, *before* the file
  itself: a server that sees the file's new stamp finds its variants ready (``syndicate
  serve`` uses a variant only when its mtime is the file's; nginx's ``gzip_static`` and
  Caddy's ``precompressed`` take them as they are). Variants that no longer apply are
  removed first; a file published before variants existed gets them on its next publish.
  A file and its variants are fsynced together, in parallel (one wait for the disk, not
  three), then renamed in order.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from syndicate.errors import SyndicateError
from syndicate.failpoints import failpoint
from syndicate.feeds.ids import public_file
from syndicate.feeds.media import CODINGS, precompress
from syndicate.store.leases import pid_running

#: Temp files are ``.{name}.{pid}.{random}.tmp`` beside their target (see ``sweep_temp``).
TEMP_SUFFIX = ".tmp"


@dataclass(frozen=True)
class PublicFile:
    """A file to publish: site path (``/jngx/feeds/atom.xml``), bytes, content time."""

    path: str
    body: bytes
    at: datetime
    #: A subscription feed (hubs are pinged when it changes).
    feed: bool = False


def target(root: Path, path: str) -> Path:
    rel = public_file(path)
    if rel is None:
        raise SyndicateError(f"public path '{path}' is not a safe file path")
    return root / rel


def write_files(root: Path, files: Iterable[PublicFile], *, variants: bool = True) -> list[str]:
    """Write the files whose bytes changed (in order); the site paths written. ``variants``
    off writes no ``.br``/``.gz`` (``bench/feeds.py`` measures what they cost)."""
    written = []
    for f in files:
        if write_file(target(root, f.path), f.body, f.at, variants=variants):
            written.append(f.path)
    return written


def write_file(path: Path, body: bytes, at: datetime, *, variants: bool = True) -> bool:
    """Atomically replace ``path`` (and its variants) with ``body`` unless it already holds
    it; True if written."""
    try:
        old = path.stat()
        if old.st_size == len(body) and path.read_bytes() == body:
            if variants:
                _complete_variants(path, body, int(old.st_mtime))
            return False
        old_mtime: int | None = int(old.st_mtime)
    except FileNotFoundError:
        old_mtime = None
    path.parent.mkdir(parents=True, exist_ok=True)
    mtime = int(at.timestamp())
    if old_mtime is not None and mtime <= old_mtime:
        mtime = old_mtime + 1
    packed = precompress(path.name, body) if variants else []
    for _, suffix in CODINGS:  # variants of the old bytes that the new ones do not have
        if suffix not in dict(packed):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(_sibling(path, suffix))
    _replace([*((_sibling(path, s), b) for s, b in packed), (path, body)], mtime)
    _fsync_dir(path.parent)
    return True


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _complete_variants(path: Path, body: bytes, mtime: int) -> None:
    """Write the variants an unchanged file lacks (it was published before they existed)."""
    variants = [(_sibling(path, s), b) for s, b in precompress(path.name, body)]
    missing = [(p, b) for p, b in variants if not p.exists()]
    if missing:
        _replace(missing, mtime)
        _fsync_dir(path.parent)


def _replace(files: list[tuple[Path, bytes]], mtime: int) -> None:
    """Write each body to a temp file beside its path, stamped ``mtime``; fsync them all (in
    parallel: one journal commit's wait instead of one per file); rename each over its path,
    in order (a file's variants before the file)."""
    staged: list[tuple[int, str, Path]] = []
    try:
        for path, body in files:
            prefix = f".{path.name}.{os.getpid()}."
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=TEMP_SUFFIX)
            staged.append((fd, tmp, path))
            with open(fd, "wb", closefd=False) as out:  # writes it all (os.write may not)
                out.write(body)
            os.fchmod(fd, 0o644)
            os.utime(fd, (mtime, mtime))
        if len(staged) == 1:
            os.fsync(staged[0][0])
        else:
            list(_fsyncs().map(os.fsync, [fd for fd, _, _ in staged]))
        for _, tmp, path in staged:
            failpoint("publish.rename")
            os.replace(tmp, path)
    except BaseException:
        for _, tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise
    finally:
        for fd, _, _ in staged:
            os.close(fd)


_POOL: ThreadPoolExecutor | None = None


def _fsyncs() -> ThreadPoolExecutor:
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=3, thread_name_prefix="fsync")
    return _POOL


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sweep_temp(root: Path, *, now: float, older_than: float = 3600.0) -> list[Path]:
    """Remove temp files a killed writer left under ``root``: those of a process of this host
    that no longer runs, and any older than ``older_than`` seconds. The targets themselves
    were never touched (the rename did not happen), so this is only tidying; the files are
    hidden (dotted) and never served. Returns what was removed."""
    removed: list[Path] = []
    if not root.is_dir():
        return removed
    for tmp in root.rglob(f".*{TEMP_SUFFIX}"):
        parts = tmp.name.split(".")
        pid = int(parts[-3]) if len(parts) >= 5 and parts[-3].isdigit() else None
        try:
            stale = now - tmp.stat().st_ctime > older_than  # mtime is the content time
            if stale or (pid is not None and not pid_running(pid)):
                tmp.unlink()
                removed.append(tmp)
        except FileNotFoundError:
            continue
    return removed
