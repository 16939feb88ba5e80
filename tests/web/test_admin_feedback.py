"""Bounces and complaints per issue on the admin page and in ``status``: counted from the
ledger rows' feedback, flagged over Gmail's and Yahoo's limits (2% bounces, 0.1% complaints);
subscriber counts by the status that tells what happened."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import Engine, update

from syndicate import assets
from syndicate.config import Settings
from syndicate.newsletter.subscribers import add, suppress
from syndicate.service import status
from syndicate.store import ledger
from syndicate.store.ingest import ingest_bytes
from syndicate.store.schema import deliveries
from syndicate.web import app as web
from syndicate.web.admin import AdminContext, admin_routes
from tests.conftest import SEED
from tests.web.test_web_admin import login

NOW = datetime(2022, 3, 25, 1, 0, tzinfo=UTC)
KEY = "jngx/2022-03-25"


def seed_feedback(db: Engine, settings: Settings, bounced: int, complained: int) -> None:
    """50 subscribers who were all sent the seed issue; some bounced or complained."""
    ingest_bytes(db, settings, SEED.read_bytes(), source="seed.txt", now=NOW)
    people = [f"reader{i:03d}@example.com" for i in range(50)]
    for p in people:
        add(db, settings.paper(None), p, name=None, confirmed=True, now=NOW)
    ledger.enqueue_subscribers(db, issue_key=KEY, now=NOW)
    d = deliveries.c
    with db.begin() as conn:
        conn.execute(update(deliveries).values(state="sent", sent_at=NOW))
        for i, p in enumerate(people[: bounced + complained]):
            kind = "bounced" if i < bounced else "complained"
            conn.execute(update(deliveries).where(d.target == p).values(feedback=kind))
            suppress(conn, p, kind, now=NOW)
    suppress(db, people[-1], "admin", now=NOW)


async def test_the_admin_page_flags_rates_over_the_limits(
    db: Engine, db_settings: Settings
) -> None:
    settings = replace(db_settings, admin_token="t", secret_key="k" * 32)
    seed_feedback(db, settings, bounced=2, complained=1)
    app = web.build_app(settings, routes=admin_routes(AdminContext(settings, lambda: NOW, db)))
    client = await login(app, password="t")
    try:
        page = (await client.get("/admin/deliveries")).text
        people = (await client.get("/admin/subscribers")).text
    finally:
        await client.aclose()
    assert "bounce rate 4.0% is over 2%" in page
    assert "complaint rate 2.00% is over 0.1%" in page
    s = status.collect(db, settings, NOW)
    fragment = assets.environment("admin").get_template("feedback.html").render(feedback=s.feedback)
    assert "bounce rate 4.0% is over 2%" in fragment and "⚠" in fragment
    assert 'bounced <b class="n">2</b>' in people and 'complained <b class="n">1</b>' in people
    assert 'removed <b class="n">1</b>' in people
    assert s.feedback[KEY]["sent"] == 50 and len(s.feedback[KEY]["flags"]) == 2
    assert "FLAG: bounce rate 4.0% is over 2%" in status.to_text(s)


async def test_rates_under_the_limits_are_not_flagged(db: Engine, db_settings: Settings) -> None:
    seed_feedback(db, db_settings, bounced=1, complained=0)  # 2%: at the limit, not over
    s = status.collect(db, db_settings, NOW)
    assert (s.feedback[KEY]["bounced"], s.feedback[KEY]["flags"]) == (1, [])
    assert "FLAG" not in status.to_text(s)
