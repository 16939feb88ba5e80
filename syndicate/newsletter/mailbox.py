"""The bounce (and unsubscribe) mailbox: a Maildir, an IMAP folder or a POP3 drop.

``open_mailbox(url, password)`` gives a ``Mailbox``: ``messages()`` lists ``(key, bytes)``
still to read, ``done(key)`` removes one that was acted on, ``failed(key)`` keeps one that
could not be (a Maildir moves it to its ``.failed`` folder; IMAP leaves it unread with the
``\\Flagged`` flag and never lists it again; POP3, which has no folders or flags, leaves it
on the server and the caller remembers its UIDL). Every peer error becomes ``MailboxError``
naming the mailbox (password redacted), so the worker logs it and carries on.

URLs: ``maildir:PATH``, ``imap://user@host[:143][/FOLDER]``, ``imaps://…[:993]``,
``pop3://user@host[:110]``, ``pop3s://…[:995]``. The password comes from the environment
(``SYNDICATE_BOUNCE_PASSWORD``), or from the URL when that is itself set in the environment.
"""

from __future__ import annotations

import imaplib
import os
import poplib
import re
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

from syndicate.config import redact_url
from syndicate.errors import SyndicateError

TIMEOUT = 30.0


class MailboxError(SyndicateError):
    """The mailbox could not be read (down, refused our login, gone)."""


class Mailbox(Protocol):
    name: str

    def messages(self) -> list[tuple[str, bytes]]: ...

    def done(self, key: str) -> None: ...

    def failed(self, key: str) -> None: ...

    def close(self) -> None: ...


@contextmanager
def open_mailbox(url: str, password: str = "", *, skip: frozenset[str] = frozenset()
                 ) -> Iterator[Mailbox]:  # fmt: skip
    """The mailbox at ``url``, closed (IMAP: expunged) on exit; ``skip``: POP3 UIDLs to leave."""
    name = redact_url(url)
    try:
        box: Mailbox
        if url.startswith("maildir:"):
            box = MaildirBox(Path(url.removeprefix("maildir:")), name)
        elif url.startswith(("imap://", "imaps://")):
            box = ImapBox(url, password, name)
        elif url.startswith(("pop3://", "pop3s://")):
            box = Pop3Box(url, password, name, skip)
        else:
            raise MailboxError(f"{name}: not maildir:PATH, imap(s):// or pop3(s)://")
        try:
            yield box
        finally:
            box.close()
    except (OSError, imaplib.IMAP4.error, poplib.error_proto) as e:
        raise MailboxError(f"mailbox {name}: {e}") from e


class MaildirBox:
    """A Maildir; processed messages are deleted, failed ones go to ``PATH/.failed/cur``."""

    def __init__(self, root: Path, name: str) -> None:
        if not (root / "new").is_dir():
            raise MailboxError(f"mailbox {name}: {root}/new is not a directory (not a Maildir)")
        self.root, self.name = root, name

    def messages(self) -> list[tuple[str, bytes]]:
        files = sorted(p for sub in ("new", "cur") for p in (self.root / sub).iterdir()
                       if p.is_file() and not p.name.startswith("."))  # fmt: skip
        return [(str(p), p.read_bytes()) for p in files]

    def done(self, key: str) -> None:
        Path(key).unlink(missing_ok=True)

    def failed(self, key: str) -> None:
        folder = self.root / ".failed"
        for sub in ("cur", "new", "tmp"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        os.replace(key, folder / "cur" / Path(key).name)

    def close(self) -> None:
        pass


def _login(url: str, password: str) -> tuple[str, int | None, str, str, str]:
    parts = urlsplit(url)
    if not parts.hostname or not parts.username:
        raise MailboxError(f"mailbox {redact_url(url)}: name the user and host (user@host)")
    secret = unquote(parts.password or "") or password
    path = unquote(parts.path.lstrip("/"))
    return parts.hostname, parts.port, unquote(parts.username), secret, path


class ImapBox:
    """An IMAP folder (default INBOX): fetched with BODY.PEEK, so nothing is marked read."""

    def __init__(self, url: str, password: str, name: str) -> None:
        host, port, user, secret, folder = _login(url, password)
        self.name = name
        if url.startswith("imaps://"):
            ctx = ssl.create_default_context()
            self.imap: imaplib.IMAP4 = imaplib.IMAP4_SSL(host, port or 993, ssl_context=ctx,
                                                         timeout=TIMEOUT)  # fmt: skip
        else:
            self.imap = imaplib.IMAP4(host, port or 143, timeout=TIMEOUT)
        self.imap.login(user, secret)
        typ, data = self.imap.select(_quote(folder or "INBOX"))
        if typ != "OK":
            raise MailboxError(f"mailbox {name}: cannot select {folder or 'INBOX'}: {data!r}")

    def messages(self) -> list[tuple[str, bytes]]:
        _, data = self.imap.uid("SEARCH", "UNDELETED", "UNFLAGGED")
        out = []
        for uid in (data[0] or b"").split():
            _, parts = self.imap.uid("FETCH", uid.decode(), "(BODY.PEEK[])")
            raw = next((p[1] for p in parts if isinstance(p, tuple)), None)
            if isinstance(raw, bytes):
                out.append((uid.decode(), raw))
        return out

    def done(self, key: str) -> None:
        self.imap.uid("STORE", key, "+FLAGS.SILENT", r"(\Deleted)")

    def failed(self, key: str) -> None:
        self.imap.uid("STORE", key, "+FLAGS.SILENT", r"(\Flagged)")

    def close(self) -> None:
        try:
            self.imap.expunge()
            self.imap.logout()
        except (OSError, imaplib.IMAP4.error):
            pass


def _quote(folder: str) -> str:
    return (
        folder
        if re.fullmatch(r"[A-Za-z0-9._/-]+", folder)
        else '"' + folder.replace('"', r"\"") + '"'
    )


class Pop3Box:
    """A POP3 drop: acted-on messages are deleted (DELE, at QUIT); ``skip`` lists the UIDLs of
    failed ones that stay on the server."""

    def __init__(self, url: str, password: str, name: str, skip: frozenset[str]) -> None:
        host, port, user, secret, _ = _login(url, password)
        self.name, self.skip = name, skip
        self.uidls: dict[str, str] = {}
        if url.startswith("pop3s://"):
            ctx = ssl.create_default_context()
            self.pop: poplib.POP3 = poplib.POP3_SSL(host, port or 995, context=ctx,
                                                    timeout=TIMEOUT)  # fmt: skip
        else:
            self.pop = poplib.POP3(host, port or 110, timeout=TIMEOUT)
        self.pop.user(user)
        self.pop.pass_(secret)

    def messages(self) -> list[tuple[str, bytes]]:
        out = []
        for line in self.pop.uidl()[1]:
            number, uidl = line.decode("ascii", "replace").split()[:2]
            if uidl in self.skip:
                continue
            self.uidls[uidl] = number
            out.append((uidl, b"\r\n".join(self.pop.retr(int(number))[1]) + b"\r\n"))
        return out

    def done(self, key: str) -> None:
        self.pop.dele(int(self.uidls[key]))

    def failed(self, key: str) -> None:
        pass  # stays on the server; the caller remembers ``key`` (its UIDL)

    def close(self) -> None:
        try:
            self.pop.quit()
        except (OSError, poplib.error_proto):
            pass
