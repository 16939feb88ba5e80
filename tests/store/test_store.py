"""The store: migrations match the schema, SQLite settings, URLs, times, the app state."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, select, text

from syndicate.config import load_settings
from syndicate.errors import StoreError
from syndicate.store import search
from syndicate.store.engine import (
    database_url,
    ensure_schema,
    open_engine,
    reading,
    redacted,
    schema_revision,
    state_get,
    state_put,
    upgrade,
)
from syndicate.store.schema import metadata, papers

NOW = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)


def _not_search_index(name: str | None, kind: str, _parent: object) -> bool:
    """The search index's tables depend on the dialect (FTS5 or tsvector): not in metadata."""
    return not (kind == "table" and (name or "").startswith(search.TABLES))


def test_migrations_create_exactly_the_schema(db: Engine) -> None:
    with db.connect() as conn:
        opts = {"compare_type": True, "include_name": _not_search_index}
        ctx = MigrationContext.configure(conn, opts=opts)
        assert compare_metadata(ctx, metadata) == []
    tables = set(inspect(db).get_table_names())
    assert tables >= set(metadata.tables) | {"alembic_version", search.TABLES}


def test_upgrade_twice_is_a_no_op(db: Engine) -> None:
    current, head = schema_revision(db)
    assert current == head != ""
    upgrade(db)
    assert schema_revision(db) == (current, head)


def test_sqlite_is_durable_wal_with_foreign_keys(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'x' / 'syndicate.db'}")  # makes the folder
    with engine.connect() as conn:
        pragma = {n: conn.exec_driver_sql(f"PRAGMA {n}").scalar() for n in
                  ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}  # fmt: skip
    engine.dispose()
    assert pragma == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
                      "busy_timeout": 30_000}  # fmt: skip


def test_foreign_keys_are_enforced(db: Engine) -> None:
    from sqlalchemy.exc import IntegrityError

    from syndicate.store.schema import subscribers

    with pytest.raises(IntegrityError), db.begin() as conn:
        conn.execute(
            subscribers.insert().values(
                paper_id=999, email="a@b.cn", status="confirmed", subscribed_at=NOW
            )
        )


def test_postgres_urls_use_psycopg_3() -> None:
    assert database_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert database_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert database_url("sqlite:///var/x.db").drivername == "sqlite"


@pytest.mark.parametrize("url", ["mysql://u@h/db", "not a url"])
def test_unsupported_urls_are_one_line_errors(url: str) -> None:
    with pytest.raises(StoreError, match="database URL"):
        database_url(url)


def test_redacted_hides_the_password() -> None:
    assert "s3cret" not in redacted("postgresql://u:s3cret@h/db")


def test_ensure_schema_upgrades_sqlite_by_itself(tmp_path: Path) -> None:
    settings = load_settings(None, {"SYNDICATE_DATA_DIR": str(tmp_path)})
    engine = ensure_schema(settings)
    assert (tmp_path / "syndicate.db").exists()
    current, head = schema_revision(engine)
    engine.dispose()
    assert current == head


def test_ensure_schema_asks_for_db_upgrade_on_postgres(pg_url: str) -> None:
    settings = load_settings(None, {"SYNDICATE_DATABASE": pg_url})
    with pytest.raises(StoreError, match="run `syndicate db upgrade`"):
        ensure_schema(settings)
    engine = open_engine(pg_url)
    upgrade(engine)
    engine.dispose()
    ensure_schema(settings).dispose()


def test_unreachable_database_is_a_store_error() -> None:
    settings = load_settings(None, {"SYNDICATE_DATABASE": "postgresql://nobody@127.0.0.1:1/x"})
    with pytest.raises(StoreError, match="127.0.0.1:1/x"):
        ensure_schema(settings)


def test_times_come_back_aware_utc(db: Engine) -> None:
    shanghai = timezone(timedelta(hours=8))
    with db.begin() as conn:
        conn.execute(
            papers.insert().values(slug="p", name="报", created_at=NOW.astimezone(shanghai))
        )
    with reading(db) as conn:
        got = conn.execute(select(papers.c.created_at)).scalar_one()
    assert got == NOW and got.tzinfo == UTC


def test_naive_times_are_refused(db: Engine) -> None:
    from sqlalchemy.exc import StatementError

    with pytest.raises(StatementError, match="naive datetime"), db.begin() as conn:
        conn.execute(
            papers.insert().values(slug="p", name="n", created_at=NOW.replace(tzinfo=None))
        )


def test_json_keeps_chinese_unescaped(db: Engine) -> None:
    from syndicate.store.schema import issues

    with db.begin() as conn:
        pid = conn.execute(
            papers.insert().values(slug="p", name="报", created_at=NOW).returning(papers.c.id)
        ).scalar_one()
        conn.execute(
            issues.insert().values(
                key="p/2022-03-25", paper_id=pid, date=date(2022, 3, 25), revision=1,
                problems=[{"detail": "重复段落"}], created_at=NOW, updated_at=NOW,
            )
        )  # fmt: skip
        raw = conn.execute(text("SELECT CAST(problems AS TEXT) FROM issues")).scalar_one()
    assert "重复段落" in raw and "\\u" not in raw


def test_app_state_expires(db: Engine) -> None:
    later = NOW + timedelta(hours=2)
    with db.begin() as conn:
        assert state_get(conn, "wechat.token", now=NOW) is None
        state_put(conn, "wechat.token", "t1", now=NOW, expires_at=later)
        state_put(conn, "wechat.token", "t2", now=NOW, expires_at=later)  # replaces
        state_put(conn, "forever", "x", now=NOW, expires_at=None)
    with db.begin() as conn:
        assert state_get(conn, "wechat.token", now=NOW) == "t2"
        assert state_get(conn, "wechat.token", now=later) is None
        assert state_get(conn, "forever", now=later + timedelta(days=999)) == "x"


def test_head_is_alembics_head(db: Engine) -> None:
    """``HEAD`` lets a start on a current database skip Alembic; it must name the newest
    migration, or a new migration would never be applied by ``ensure_schema``."""
    from syndicate.store.engine import HEAD, schema_revision, stored_revision

    current, head = schema_revision(db)
    assert HEAD == head == current == stored_revision(db)


def test_a_current_database_starts_without_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    settings = load_settings(None, {"SYNDICATE_DATA_DIR": str(tmp_path)})
    ensure_schema(settings).dispose()  # made and upgraded once
    script = (
        "import sys\nfrom syndicate.config import load_settings\n"
        "from syndicate.store.engine import ensure_schema\n"
        f"ensure_schema(load_settings(None, {{'SYNDICATE_DATA_DIR': {str(tmp_path)!r}}}))\n"
        "print('alembic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
