"""Mail header fields built by hand, safe against header injection.

Python's ``email`` package has serialised an encoded word carrying a line break as a real
header line (CVE-2024-6923, gh-121650; follow-ups CVE-2026-0672, CVE-2026-1299): the Subject
``=?utf-8?q?hi=0ABcc:=20evil@example.com?=`` came out as a ``Bcc:`` line. So every piece of
text that reaches a header goes through ``check_text`` first, which refuses control
characters (C0, DEL, C1, the Unicode line and paragraph separators) and ``=?`` (the start of
an encoded word), and headers are then written here with ``email.header.Header`` encoding
only, never by the package's folding policy. Tests re-parse the output to prove it.

Pure: no I/O.
"""

from __future__ import annotations

import re
from email.header import Header
from email.utils import formataddr

from syndicate.errors import SyndicateError

#: C0 controls, DEL, C1 controls, U+2028/U+2029 (line/paragraph separators), U+FEFF.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
#: A bare address we are willing to put in a header: no spaces, quotes, brackets or controls.
_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")
#: Message-ID left side: dot-atom text only (Gmail rejects colons and the like).
_DOT_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
MAX_NAME = 100


class HeaderInjection(SyndicateError):
    """Text meant for a mail header carries a control character or an encoded word."""


def check_text(value: str, what: str) -> str:
    """``value`` if it is safe in a header, else ``HeaderInjection`` naming ``what``."""
    bad = _CONTROL.search(value)
    if bad:
        raise HeaderInjection(
            f"{what}: control character U+{ord(bad.group()):04X} is not allowed; remove it"
        )
    if "=?" in value:
        raise HeaderInjection(f"{what}: '=?' (an encoded word) is not allowed; remove it")
    return value


def check_name(name: str, what: str = "name") -> str:
    """A subscriber's display name: safe text of at most ``MAX_NAME`` characters."""
    check_text(name, what)
    if len(name) > MAX_NAME:
        raise HeaderInjection(f"{what}: longer than {MAX_NAME} characters; shorten it")
    return name


def check_address(address: str, what: str = "address") -> str:
    """A plain ASCII ``local@domain`` (already validated by email-validator upstream)."""
    if not _ADDRESS.fullmatch(address):
        raise HeaderInjection(f"{what}: '{address!r}' is not a plain ASCII address")
    return address


def encode_words(text: str, header_name: str) -> str:
    """``text`` as it goes in a header: ASCII as is, else RFC 2047 base64 words, folded."""
    check_text(text, header_name)
    if text.isascii() and len(text) + len(header_name) < 76:
        return text
    return Header(text, "utf-8", header_name=header_name).encode(linesep="\r\n")


def mailbox(name: str | None, address: str, header_name: str) -> str:
    """``Name <address>`` (the name encoded when needed) or the bare address."""
    check_address(address, header_name)
    if not name:
        return address
    check_name(name, f"{header_name} name")
    if name.isascii():
        return formataddr((name, address))
    return f"{encode_words(name, header_name)} <{address}>"


def line(name: str, value: str) -> bytes:
    """One header field, CRLF-terminated. ``value`` must already be safe and encoded."""
    unfolded = value.replace("\r\n ", " ")
    if not unfolded.isascii() or _CONTROL.search(unfolded):
        raise HeaderInjection(f"{name}: the encoded value is not plain printable ASCII")
    return f"{name}: {value}\r\n".encode("ascii")


def message_id(left: str, domain: str) -> str:
    """``<left@domain>``; both sides must be dot-atom text."""
    if not _DOT_ATOM.fullmatch(left) or not _DOT_ATOM.fullmatch(domain):
        raise HeaderInjection(f"Message-ID: '<{left}@{domain}>' is not dot-atom text")
    return f"<{left}@{domain}>"


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].lower()
