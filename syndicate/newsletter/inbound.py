"""One pass over the bounce and unsubscribe mailboxes (``syndicate bounces process``, and the
worker on its ``bounce_poll_seconds`` timer).

``process_mailboxes`` reads ``bounce_mailbox`` (and ``unsubscribe_mailbox`` when set): each
message is classified (``reports.read_report``, pure), acted on (``bounces.act``, one
transaction) and only then deleted, or kept in the ``failed`` folder when nothing could be
done with it; so each message is acted on once and a crash between the two re-reads it, which
the report id makes harmless. It returns one line per message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine, select

from syndicate.config import Settings, redact_url
from syndicate.newsletter.bounces import Rules, act
from syndicate.newsletter.headers import domain_of
from syndicate.newsletter.mailbox import open_mailbox
from syndicate.newsletter.reports import Addresses, Report, read_report
from syndicate.newsletter.tokens import load_secret
from syndicate.store.engine import insert, reading, writing
from syndicate.store.schema import app_state

log = logging.getLogger("syndicate.bounces")


def mailboxes(settings: Settings) -> list[tuple[str, str]]:
    """``(url, password)`` of each configured mailbox."""
    boxes = [(settings.bounce_mailbox, settings.bounce_password)]
    boxes.append((settings.unsubscribe_mailbox, settings.unsubscribe_password))
    return [(url, pw) for url, pw in boxes if url]


def our_addresses(settings: Settings) -> Addresses:
    mailto = settings.email_unsubscribe_mailto or f"unsubscribe@{domain_of(settings.email_from)}"
    return Addresses(return_path=settings.email_return_path, unsubscribe=mailto)


def process_mailboxes(engine: Engine, settings: Settings, clock: Callable[[], datetime]
                      ) -> list[str]:  # fmt: skip
    """One pass over every configured mailbox; one line per message read."""
    rules = Rules(load_secret(settings), settings.bounce_soft_limit, settings.bounce_soft_days)
    addresses, lines = our_addresses(settings), []
    for url, password in mailboxes(settings):
        kept_key = f"mailbox-kept:{redact_url(url)}"
        skip = frozenset(_kept(engine, kept_key))
        with open_mailbox(url, password, skip=skip) as box:
            for key, raw in box.messages():
                report = _read(raw, addresses, rules.secret)
                action = act(engine, report, rules=rules, source="mailbox", now=clock())
                if action.keep:
                    box.failed(key)
                    _keep(engine, kept_key, key, clock())
                else:
                    box.done(key)
                lines.append(f"{box.name}: {action.line}")
    return lines


def _read(raw: bytes, addresses: Addresses, secret: str) -> Report:
    try:
        return read_report(raw, addresses=addresses, secret=secret)
    except Exception as e:  # a message is outside input: any parser failure means "kept"
        return Report("unknown", "", problem=f"could not be parsed ({type(e).__name__}: {e})")


def _kept(engine: Engine, key: str) -> list[str]:
    with reading(engine) as conn:
        value = conn.execute(select(app_state.c.value).where(app_state.c.key == key)).scalar()
    return (value or "").split()


def _keep(engine: Engine, key: str, message_key: str, now: datetime) -> None:
    """Remember a kept POP3 message (its UIDL), which stays on the server, so it is read once."""
    if "/" in message_key or not message_key.isprintable():
        return  # a Maildir path or IMAP UID: the mailbox itself keeps it out of the way
    with writing(engine) as conn:
        known = conn.execute(select(app_state.c.value).where(app_state.c.key == key)).scalar()
        value = " ".join([*(known or "").split()[-5000:], message_key])
        stmt = insert(conn, app_state).values(key=key, value=value, updated_at=now)
        changes = {"value": value, "updated_at": now}
        conn.execute(stmt.on_conflict_do_update(index_elements=[app_state.c.key], set_=changes))
