"""The email newsletter of an issue: rendered once, then filled in per subscriber.

``render_newsletter(env, issue, stories, options, now=…)`` renders ``templates/email/issue.html``
(CSS inlined by css-inline) and ``issue.txt`` into one multipart/alternative message, base64
UTF-8 parts, with every header a list message needs (Gmail/Yahoo bulk-sender rules):
From, Subject ``{paper}｜{M月D日} 第N期：{lead title}``, Date, List-Id (RFC 2919),
List-Unsubscribe-Post (RFC 8058), Precedence: bulk, Auto-Submitted (RFC 3834). Per subscriber
only ``Newsletter.message(recipient)`` runs: it fills in To, the Message-ID (stable per issue
and address, so a resend after a crash carries the same one), List-Unsubscribe (https and
mailto) and the visible unsubscribe link. The base64 text before the first personal byte is
encoded once, aligned to a whole line (57 bytes), so a message costs a few ``bytes.replace``
calls and the encoding of the footer.

The templates get the stories flat (``stories``) and grouped by page (``pages``: label, anchor
``page-N``, stories with anchors ``s-KEY``) for the table of contents and the page headings,
and a ``preheader`` line (the inbox preview).

A reader's script (``options.script``, issue 14): for ``hant-tw``/``hant-hk`` the subject and
the whole rendered HTML and text (headlines, body, footer) go through OpenCC
(``syndicate.script``); From, List-Id and the addresses stay as printed. The preference-center
link (``PREFS_SLOT``) is personal like the unsubscribe link.

Header text goes through ``mailhead`` (no control characters, no encoded-word tricks).
Pure: no I/O; the caller passes the template environment and the time.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import Any

import css_inline
import jinja2

from syndicate.config import PaperConfig
from syndicate.feeds.article_html import byline_text
from syndicate.feeds.ids import Site, article_path, issue_path
from syndicate.model import Article, Issue
from syndicate.newsletter.headers import (
    HeaderInjection,
    check_address,
    check_text,
    domain_of,
    encode_words,
    line,
    mailbox,
    message_id,
)
from syndicate.script import HANS, LANGUAGE, convert
from syndicate.summary import summarize

#: Gmail clips a message whose HTML is over 102 KB ("[Message clipped]").
GMAIL_CLIP_BYTES = 102 * 1024
#: Stands for the subscriber's unsubscribe URL until ``Newsletter.message`` fills it in.
UNSUBSCRIBE_SLOT = "SYNDICATE-UNSUBSCRIBE-URL-5f0c1d"
#: Mail apps show about 90-140 characters of preview; a Chinese line reads well within 80.
PREHEADER_CHARS = 80
#: Stands for the subscriber's preference-center URL (``Recipient.prefs_token``).
PREFS_SLOT = "SYNDICATE-PREFS-URL-9a4e2b"
_TO, _MID, _LU = b"\x00TO\x00", b"\x00MID\x00", b"\x00LU\x00"
_UNSUB, _PREFS = UNSUBSCRIBE_SLOT.encode("ascii"), PREFS_SLOT.encode("ascii")
_TOKEN = re.compile(r"[A-Za-z0-9_.-]{1,400}")
_LINE = 57  # bytes of input per 76-character base64 line


@dataclass(frozen=True)
class NewsletterOptions:
    """Where links point and who the mail is from (see ``Settings.email_*``)."""

    base_url: str
    paper: PaperConfig
    from_address: str
    from_name: str = ""
    list_domain: str = ""
    unsubscribe_mailto: str = ""
    full_text: bool = False
    #: The reader's script: ``hans`` as printed, ``hant-tw``/``hant-hk`` through OpenCC.
    script: str = HANS
    #: Stands in for the issue's key in the Message-ID (the weekly digest: ``SLUG/YYYY-Www``).
    key: str = ""

    @property
    def slug(self) -> str:
        return self.paper.slug


@dataclass(frozen=True)
class Recipient:
    """The personal parts: address, display name, unsubscribe and preference tokens."""

    address: str
    name: str | None
    token: str
    prefs_token: str = ""


@dataclass(frozen=True)
class _Part:
    head: bytes  # boundary, part headers, blank line, base64 of the fixed prefix
    tail: bytes  # raw UTF-8 after the aligned cut, holding UNSUBSCRIBE_SLOT


@dataclass(frozen=True)
class Newsletter:
    """One issue's newsletter, ready to be filled in per subscriber."""

    issue_key: str
    subject: str
    html: str
    text: str
    base_url: str
    mailto: str
    domain: str
    head: bytes
    parts: tuple[_Part, ...]
    closing: bytes

    @property
    def html_bytes(self) -> int:
        return len(self.html.encode("utf-8"))

    def unsubscribe_url(self, token: str) -> str:
        return f"{self.base_url}/u/{token}"

    def prefs_url(self, token: str) -> str:
        return f"{self.base_url}/p/{token}" if token else f"{self.base_url}/"

    def message_id(self, address: str) -> str:
        """Stable per (issue, address): a resend carries the same Message-ID."""
        digest = hashlib.sha256(f"{self.issue_key}\0{address.lower()}".encode()).hexdigest()
        left = f"{self.issue_key.replace('/', '.')}.{digest[:20]}"
        return message_id(left, self.domain)

    def message(self, r: Recipient, mid: str | None = None) -> bytes:
        """The whole message for ``r``, CRLF line endings; ``mid``: ``message_id(r.address)``
        when the caller has it already (the sender records it too)."""
        if not _TOKEN.fullmatch(r.token) or not _TOKEN.fullmatch(r.prefs_token or "-"):
            raise HeaderInjection(f"link token for {r.address}: not URL-safe")
        url = self.unsubscribe_url(r.token).encode("ascii")
        prefs = self.prefs_url(r.prefs_token).encode("ascii")
        local, _, domain = self.mailto.rpartition("@")
        mailto = f"{local}+{r.token}@{domain}?subject=unsubscribe"  # read by newsletter.reports
        unsub = f"<{url.decode()}>,\r\n <mailto:{mailto}>"
        head = (
            self.head.replace(_TO, mailbox(r.name, r.address, "To").encode("ascii"))
            .replace(_MID, (mid or self.message_id(r.address)).encode("ascii"))
            .replace(_LU, unsub.encode("ascii"))
        )
        out = [head, b"\r\n"]
        for part in self.parts:
            tail = part.tail.replace(_UNSUB, url).replace(_PREFS, prefs)
            out += [part.head, _b64(tail)]
        out.append(self.closing)
        return b"".join(out)


def subject_line(paper: str, issue: Issue, lead_title: str) -> str:
    """``{paper}｜{M月D日} 第N期：{lead title}`` (the number left out when unknown)."""
    number = issue.serial or issue.number_in_year
    day = f"{issue.date.month}月{issue.date.day}日"
    middle = f"{day} 第{number}期" if number else day
    return f"{paper}｜{middle}：{lead_title}"


def masthead_line(issue: Issue) -> str:
    """``2022年3月25日 星期五 · 农历壬寅年二月二十三 · 第22期 总第627期``."""
    d = issue.date
    parts = [f"{d.year}年{d.month}月{d.day}日" + (f" {issue.weekday}" if issue.weekday else "")]
    if issue.lunar_date:
        parts.append(issue.lunar_date)
    numbers = [f"第{issue.number_in_year}期"] if issue.number_in_year else []
    numbers += [f"总第{issue.serial}期"] if issue.serial else []
    if numbers:
        parts.append(" ".join(numbers))
    return " · ".join(parts)


def render_newsletter(
    env: jinja2.Environment,
    issue: Issue,
    stories: Sequence[tuple[str, Article]],
    options: NewsletterOptions,
    *,
    now: datetime,
) -> Newsletter:
    """Render the issue's newsletter (see the module docstring). ``stories``: (stable key,
    article) in page order. Raises ``HeaderInjection`` for unsafe paper or title text."""
    if not stories:
        raise HeaderInjection(f"{options.slug}/{issue.date}: the issue has no articles to send")
    script = options.script
    subject = subject_line(options.paper.name, issue, stories[0][1].title)
    subject = check_text(convert(subject, script), "Subject")
    context = _context(issue, stories, options, subject)
    # keep_at_rules: the dark-mode @media block stays in <style>; every other rule goes inline.
    html = css_inline.inline(env.get_template("issue.html").render(context), keep_at_rules=True)
    text = env.get_template("issue.txt").render(context)
    key = options.key or f"{options.slug}/{issue.date.isoformat()}"
    return assemble(options, key, subject, html, text, now=now)


def assemble(
    options: NewsletterOptions, key: str, subject: str, html: str, text: str, *, now: datetime
) -> Newsletter:
    """A rendered list message (newsletter or digest) ready to be filled in per reader: the
    bodies converted to the reader's script, the headers, the base64 parts."""
    html, text = convert(html, options.script), convert(text, options.script)
    boundary = "=_" + hashlib.sha256(f"{key}\0{now.isoformat()}".encode()).hexdigest()[:24]
    return Newsletter(
        issue_key=key,
        subject=subject,
        html=html,
        text=text,
        base_url=options.base_url.rstrip("/"),
        mailto=check_address(_mailto(options), "List-Unsubscribe mailto"),
        domain=domain_of(options.from_address),
        head=_head(options, subject, boundary, now),
        parts=(_part(text, "plain", boundary), _part(html, "html", boundary)),
        closing=f"--{boundary}--\r\n".encode("ascii"),
    )


def _mailto(o: NewsletterOptions) -> str:
    return o.unsubscribe_mailto or f"unsubscribe@{domain_of(o.from_address)}"


def list_id(o: NewsletterOptions) -> str:
    """``{slug}.{domain}``: the list's identity (RFC 2919)."""
    return f"{o.slug}.{o.list_domain or domain_of(o.from_address)}"


def _head(o: NewsletterOptions, subject: str, boundary: str, now: datetime) -> bytes:
    name = o.from_name or o.paper.name
    lines = [
        line("From", mailbox(name, check_address(o.from_address, "From"), "From")),
        b"To: " + _TO + b"\r\n",
        line("Subject", encode_words(subject, "Subject")),
        line("Date", format_datetime(now)),
        b"Message-ID: " + _MID + b"\r\n",
        line("List-Id", f"{encode_words(o.paper.name, 'List-Id')} <{list_id(o)}>"),
        b"List-Unsubscribe: " + _LU + b"\r\n",
        line("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        line("Precedence", "bulk"),
        line("Auto-Submitted", "auto-generated"),
        line("MIME-Version", "1.0"),
        line("Content-Type", f'multipart/alternative; boundary="{boundary}"'),
    ]
    return b"".join(lines)


def _part(content: str, subtype: str, boundary: str) -> _Part:
    raw = content.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
    found = [i for i in (raw.find(_UNSUB), raw.find(_PREFS)) if i >= 0]
    at = min(found, default=-1)
    cut = 0 if at < 0 else at // _LINE * _LINE
    head = (
        f"--{boundary}\r\n"
        f'Content-Type: text/{subtype}; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
    ).encode("ascii")
    return _Part(head + _b64(raw[:cut]), raw[cut:] if at >= 0 else raw)


def _b64(data: bytes) -> bytes:
    return base64.encodebytes(data).replace(b"\n", b"\r\n")


def _context(
    issue: Issue, stories: Sequence[tuple[str, Article]], o: NewsletterOptions, subject: str
) -> dict[str, Any]:
    site = Site(o.base_url, o.paper)
    names = {p.number: p.name for p in issue.pages}
    items = []
    for key, a in stories:
        label = f"第{a.page}版" + (f" · {names[a.page]}" if names.get(a.page) else "")
        items.append(
            {
                "key": key,
                "anchor": f"s-{key}",
                "page": a.page,
                "title": a.title,
                "kicker": a.kicker,
                "subtitle": a.subtitle,
                "page_label": label,
                "url": site.url(article_path(o.slug, issue.date, key)),
                "paragraphs": _full(a) if o.full_text else [summarize(a, low=60, high=120)],
            }
        )
    return {
        "subject": subject,
        "preheader": preheader([a.title for _, a in stories]),
        "language": o.paper.language if o.script == HANS else LANGUAGE[o.script],
        "paper": o.paper.name,
        "publisher": issue.paper.publisher,
        "masthead": masthead_line(issue),
        "stories": items,
        "pages": by_page(items),
        "issue_url": site.url(issue_path(o.slug, issue.date)),
        "unsubscribe_url": UNSUBSCRIBE_SLOT,
        "prefs_url": PREFS_SLOT,
    }


def by_page(items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stories grouped under their page, in the order the pages first appear: one heading
    (``page_label``) and anchor (``page-N``) per page, for the contents and the body."""
    pages: dict[int, dict[str, Any]] = {}
    for item in items:
        page = pages.setdefault(
            item["page"],
            {"label": item["page_label"], "anchor": f"page-{item['page']}", "stories": []},
        )
        page["stories"].append(item)
    return list(pages.values())


def preheader(titles: Sequence[str], limit: int = PREHEADER_CHARS) -> str:
    """The preview line a mail app shows after the subject: the issue's headlines after the
    first (the subject carries that one), joined by ``；``, whole titles within ``limit``
    characters, ``等N篇`` closing it when some are left out."""
    rest = list(titles[1:]) or list(titles[:1])
    shown: list[str] = []
    for title in rest:
        if len("；".join([*shown, title])) > limit and shown:
            break
        shown.append(title)
    line = "；".join(shown)
    return line + (f" 等{len(titles)}篇" if len(shown) < len(rest) else "")


def _full(a: Article) -> list[str]:
    """Every paragraph, the dateline and byline put back in front of the first."""
    paragraphs = [p for p, _ in a.body if p.strip()] or [""]
    lead = (a.dateline or "") + (f"（{b}）" if (b := byline_text(a)) else "")
    paragraphs[0] = lead + paragraphs[0]
    return [*a.lead_box, *(p for p in paragraphs if p), *a.captions]
