"""Subscribers on SQLite and PostgreSQL: opt-in, suppression forever, tokens, rate limits, CSV."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from syndicate.config import PaperConfig, Settings
from syndicate.newsletter.subscriber_csv import export_text, import_csv
from syndicate.newsletter.subscribers import (
    SubscriberError,
    add,
    confirm,
    hit,
    list_subscribers,
    normalize_address,
    remove,
    suppress,
    unsubscribe,
)
from syndicate.newsletter.tokens import (
    TokenError,
    confirm_token,
    read_confirm_token,
    read_unsubscribe_token,
    unsubscribe_token,
)
from syndicate.store import ledger
from syndicate.store.engine import open_engine
from syndicate.store.ingest import ingest_bytes
from syndicate.store.schema import deliveries, suppressions
from tests.conftest import SEED

NOW = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
PAPER = PaperConfig(slug="jngx", name="济宁高新新闻")
SECRET = "test-secret"


def test_addresses_are_validated_and_normalised() -> None:
    assert normalize_address("  Reader@Example.COM ") == "reader@example.com"
    for bad in ("no-at-sign", "a@b", "a b@example.com", "x@example.com\r\nBcc: y@example.com"):
        with pytest.raises(SubscriberError, match="not a valid email address"):
            normalize_address(bad)


def test_add_is_pending_until_confirmed_by_token(db: Engine) -> None:
    added = add(db, PAPER, "a@example.com", name="张三", confirmed=False, now=NOW)
    assert added.created and added.pending and added.subscriber.name == "张三"
    again = add(db, PAPER, "a@example.com", name=None, confirmed=False, now=NOW)
    assert not again.created and again.subscriber.id == added.subscriber.id
    token = confirm_token(SECRET, added.subscriber.id, "a@example.com", now=NOW)
    subject = read_confirm_token(SECRET, token, now=NOW + timedelta(hours=1), max_age=3600 * 72)
    sub = confirm(db, subject, now=NOW)
    assert sub is not None and sub.status == "confirmed" and sub.confirmed_at == NOW


def test_unsafe_names_are_refused(db: Engine) -> None:
    for name in ("x\r\nBcc: evil@example.com", "=?utf-8?q?hi=0ABcc:=20evil@example.com?=", "a\x00"):
        with pytest.raises(SubscriberError):
            add(db, PAPER, "a@example.com", name=name, confirmed=True, now=NOW)
    assert list_subscribers(db) == []


def test_unsubscribe_suppresses_forever(db: Engine) -> None:
    sub = add(db, PAPER, "a@example.com", name=None, confirmed=True, now=NOW).subscriber
    subject = read_unsubscribe_token(SECRET, unsubscribe_token(SECRET, sub.id, sub.email))
    assert unsubscribe(db, subject, now=NOW) is not None
    assert unsubscribe(db, subject, now=NOW) is not None  # idempotent
    assert [s.status for s in list_subscribers(db)] == ["unsubscribed"]
    for confirmed in (False, True):
        with pytest.raises(SubscriberError, match="suppressed"):
            add(db, PAPER, "a@example.com", name=None, confirmed=confirmed, now=NOW)
    other = PaperConfig(slug="other", name="另一份报")
    with pytest.raises(SubscriberError, match="suppressed"):
        add(db, other, "a@example.com", name=None, confirmed=True, now=NOW)


def test_suppressed_addresses_are_never_enqueued(db: Engine, db_settings: Settings) -> None:
    ingest_bytes(db, db_settings, SEED.read_bytes(), source=SEED.name, now=NOW)
    for addr in ("a@example.com", "b@example.com", "c@example.com"):
        add(db, PAPER, addr, name=None, confirmed=True, now=NOW)
    add(db, PAPER, "pending@example.com", name=None, confirmed=False, now=NOW)
    suppress(db, "b@example.com", "bounced", now=NOW)
    suppress(db, "c@example.com", "complained", now=NOW)
    assert ledger.enqueue_subscribers(db, issue_key="jngx/2022-03-25", now=NOW) == 1
    with db.connect() as conn:
        assert conn.execute(select(deliveries.c.target)).scalars().all() == ["a@example.com"]
        reasons = dict(conn.execute(select(suppressions.c.email, suppressions.c.reason)).all())
    assert reasons == {"b@example.com": "bounced", "c@example.com": "complained"}
    statuses = {s.email: s.status for s in list_subscribers(db)}
    assert statuses["b@example.com"] == "bounced" and statuses["c@example.com"] == "unsubscribed"


def test_remove_suppresses_with_reason_admin(db: Engine) -> None:
    add(db, PAPER, "a@example.com", name=None, confirmed=True, now=NOW)
    assert remove(db, "A@example.com", now=NOW) == 1
    with pytest.raises(SubscriberError, match="not a subscriber"):
        remove(db, "nobody@example.com", now=NOW)
    with pytest.raises(SubscriberError, match=r"suppressed \(admin\)"):
        add(db, PAPER, "a@example.com", name=None, confirmed=True, now=NOW)


def test_tokens_reject_tampering_expiry_and_the_wrong_purpose() -> None:
    token = confirm_token(SECRET, 7, "a@example.com", now=NOW)
    day = 24 * 3600
    assert read_confirm_token(SECRET, token, now=NOW + timedelta(hours=71), max_age=3 * day)
    with pytest.raises(TokenError, match="expired"):
        read_confirm_token(SECRET, token, now=NOW + timedelta(hours=73), max_age=3 * day)
    with pytest.raises(TokenError, match="not valid"):
        read_confirm_token(SECRET, token[:-2] + "xx", now=NOW, max_age=day)
    with pytest.raises(TokenError, match="not valid"):
        read_confirm_token("another-secret", token, now=NOW, max_age=day)
    with pytest.raises(TokenError):
        read_unsubscribe_token(SECRET, token)  # a confirm token is no unsubscribe token
    subject = read_unsubscribe_token(SECRET, unsubscribe_token(SECRET, 7, "a@example.com"))
    assert subject.subscriber_id == 7 and subject.matches("A@EXAMPLE.com")
    assert not subject.matches("b@example.com")


def test_a_token_for_another_address_does_nothing(db: Engine) -> None:
    sub = add(db, PAPER, "a@example.com", name=None, confirmed=True, now=NOW).subscriber
    forged = read_unsubscribe_token(SECRET, unsubscribe_token(SECRET, sub.id, "b@example.com"))
    assert unsubscribe(db, forged, now=NOW) is None
    assert [s.status for s in list_subscribers(db)] == ["confirmed"]


def test_rate_limit_counts_per_key_and_window_in_the_database(db_url: str) -> None:
    one, two = open_engine(db_url), open_engine(db_url)  # two workers, one database
    try:
        from syndicate.store.engine import upgrade

        upgrade(one)
        hour = timedelta(hours=1)
        assert [hit(one, "ip:1", limit=3, window=hour, now=NOW) for _ in range(2)] == [True] * 2
        assert hit(two, "ip:1", limit=3, window=hour, now=NOW) is True
        assert hit(two, "ip:1", limit=3, window=hour, now=NOW + timedelta(minutes=59)) is False
        assert hit(one, "ip:2", limit=3, window=hour, now=NOW) is True
        assert hit(one, "ip:1", limit=3, window=hour, now=NOW + hour) is True  # a new window
    finally:
        one.dispose()
        two.dispose()


CSV = """email,name,paper,status,subscribed_at
a@example.com,张三,jngx,confirmed,2025-01-02T03:04:05+00:00
not-an-address,x,,,
b@example.com,,jngx,pending,
c@example.com,,nope,,
d@example.com,,,unsubscribed,2025-01-01
e@example.com,"x
Bcc: evil@example.com",,,
f@example.com,,,weird,
a@example.com,张三,,,
g@example.com,,,,yesterday
"""


def test_csv_import_reports_every_rejected_row_and_is_idempotent(
    db: Engine, db_settings: Settings
) -> None:
    first = import_csv(db, db_settings, io.StringIO(CSV), now=NOW)
    lines = [line for line, _ in first.rejected]
    assert lines == [3, 5, 8, 9, 11]  # physical lines; e@'s quoted name spans lines 7-8
    reasons = dict(first.rejected)
    assert "not a valid email address" in reasons[3] and "paper 'nope'" in reasons[5]
    assert "control character" in reasons[8] and "weird" in reasons[9]
    assert "ISO 8601" in reasons[11]
    assert (first.added, first.updated, first.unchanged) == (3, 0, 1)
    again = import_csv(db, db_settings, io.StringIO(CSV), now=NOW + timedelta(days=1))
    assert (again.added, again.updated, again.unchanged, len(again.rejected)) == (0, 0, 4, 5)
    subs = {s.email: s for s in list_subscribers(db)}
    assert subs["a@example.com"].subscribed_at == datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert subs["d@example.com"].status == "unsubscribed"
    resurrect = "email,status\nd@example.com,confirmed\n"
    report = import_csv(db, db_settings, io.StringIO(resurrect), now=NOW)
    assert report.rejected == [(2, "d@example.com is suppressed; it stays off the list")]


def test_csv_import_updates_known_addresses(db: Engine, db_settings: Settings) -> None:
    import_csv(db, db_settings, io.StringIO("email,status\na@example.com,pending\n"), now=NOW)
    text = "email,name,status\na@example.com,新名字,confirmed\n"
    report = import_csv(db, db_settings, io.StringIO(text), now=NOW)
    assert report.updated == 1
    [sub] = list_subscribers(db)
    assert (sub.name, sub.status, sub.confirmed_at) == ("新名字", "confirmed", NOW)


def test_csv_without_an_email_column_is_rejected(db: Engine, db_settings: Settings) -> None:
    report = import_csv(db, db_settings, io.StringIO("name\nx\n"), now=NOW)
    assert report.rejected == [(1, "the header row has no 'email' column")]


def test_export_round_trips_through_import(db: Engine, db_settings: Settings) -> None:
    import_csv(db, db_settings, io.StringIO(CSV), now=NOW)
    exported = export_text(db)
    assert exported.splitlines()[0] == (
        "email,name,paper,status,subscribed_at,"
        "frequency,weekday,time,paused_until,pages,columns,content,script"
    )
    assert (
        "a@example.com,张三,jngx,confirmed,2025-01-02T03:04:05+00:00,issue,,,,,,,hans" in exported
    )
    report = import_csv(db, db_settings, io.StringIO(exported), now=NOW)
    assert (report.added, report.updated, report.rejected) == (0, 0, [])


@pytest.mark.parametrize("secret", [SECRET, "ключ-秘密", "x" * 64])
def test_tokens_are_byte_for_byte_what_itsdangerous_signs(secret: str) -> None:
    """The fast signer (a copied HMAC state) must make the tokens links already mailed carry."""
    from itsdangerous import Signer

    from syndicate.newsletter.tokens import (
        CONFIRM_SALT,
        PREFS_SALT,
        UNSUBSCRIBE_SALT,
        address_hash,
        prefs_token,
    )

    for i, address in enumerate(["a@example.com", "Reader.0001@例子.中国", "x+y@z.org"]):
        h, t = address_hash(address), int(NOW.timestamp())
        cases = [
            (unsubscribe_token(secret, i, address), UNSUBSCRIBE_SALT, f"{i}.{h}"),
            (confirm_token(secret, i, address, now=NOW), CONFIRM_SALT, f"{i}.{h}.{t}"),
            (prefs_token(secret, i, address, now=NOW), PREFS_SALT, f"{i}.{h}.{t}"),
        ]
        for token, salt, body in cases:
            assert token == Signer(secret, salt=salt).sign(body).decode("ascii")
