"""The store: one SQLAlchemy 2 Core code path over SQLite (default) and PostgreSQL.

- ``open_engine(url)`` connects. ``postgresql://`` URLs use psycopg 3. SQLite runs in WAL mode
  with ``synchronous=FULL`` (a committed ledger write survives a power cut), a busy timeout,
  foreign keys on, and every write transaction is ``BEGIN IMMEDIATE`` (it takes the write
  lock up front, so two processes never deadlock upgrading a read to a write). Read-only work
  can use ``reading(engine)``, a plain deferred transaction.
- ``upgrade(engine)`` applies the Alembic migrations in ``syndicate/migrations`` (package
  data; works from an installed package). ``ensure_schema(settings)`` opens the configured
  database and, for SQLite, upgrades it; for PostgreSQL it only checks that the schema is
  current and says to run ``syndicate db upgrade`` if not (several workers share it).
- ``insert(engine, table)`` is the dialect's INSERT with ``ON CONFLICT DO NOTHING`` support.
- ``state_get``/``state_put``: a small key-value table with expiry shared by all workers
  (e.g. the WeChat access token).

The tables themselves are in ``syndicate/schema.py``. This module does no parsing or
rendering.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    create_engine,
    event,
    inspect,
    make_url,
    select,
    text,
)
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from syndicate.config import Settings
from syndicate.errors import StoreError
from syndicate.store.marker import mark_data_dir
from syndicate.store.schema import app_state

BUSY_TIMEOUT_MS = 30_000


def database_url(url: str) -> URL:
    """Parse ``url``; ``postgresql://`` and ``postgres://`` mean psycopg 3."""
    try:
        u = make_url(url)
    except ArgumentError as e:
        raise StoreError(f"database URL '{url}' is not a valid SQLAlchemy URL ({e})") from e
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    if u.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(
            f"database URL '{u.render_as_string()}': use sqlite:///PATH or postgresql://…"
        )
    return u


def redacted(url: str) -> str:
    """``url`` without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(an invalid database URL)"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def open_engine(url: str) -> Engine:
    """An engine for ``url`` configured for syndicate (see the module docstring)."""
    u = database_url(url)
    if u.get_backend_name() == "postgresql":
        return create_engine(u, json_serializer=_dumps, pool_pre_ping=True)
    if u.database and u.database != ":memory:":
        Path(u.database).parent.mkdir(parents=True, exist_ok=True)
    # Pooled: opening a connection (and its PRAGMAs) costs ~1 ms, a pooled mark ~0.3 ms.
    # Create engines after fork() (or call engine.dispose(close=False) in the child).
    engine = create_engine(u, json_serializer=_dumps)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let us issue BEGIN ourselves (pysqlite's implicit BEGIN is deferred).
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
    conn.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def reading(db: Engine | Connection) -> Iterator[Connection]:
    """A read-only transaction (on SQLite a deferred one, which takes no write lock).

    Given a ``Connection``, it reads inside the caller's transaction instead.
    """
    if isinstance(db, Connection):
        yield db
        return
    with db.connect() as conn:
        conn.execution_options(sqlite_begin="DEFERRED")
        with conn.begin():
            yield conn


@contextmanager
def writing(db: Engine | Connection) -> Iterator[Connection]:
    """A write transaction; given a ``Connection``, the caller's transaction instead."""
    if isinstance(db, Connection):
        yield db
        return
    with db.begin() as conn:
        yield conn


def insert(engine: Engine | Connection, table: Table) -> Any:
    """The dialect's ``INSERT`` for ``table`` (it has ``on_conflict_do_nothing``)."""
    # imported here: loading the PostgreSQL dialect costs SQLite users ~40 ms at start-up
    if engine.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


def _alembic_config(conn: Connection) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("syndicate.store") / "migrations"))
    cfg.attributes["connection"] = conn
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the migrations up to ``revision`` (in one transaction)."""
    from alembic import command

    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Several workers may start at once: one upgrades, the others wait.
                conn.execute(text("SELECT pg_advisory_xact_lock(7301)"))
            command.upgrade(_alembic_config(conn), revision)
    except SQLAlchemyError as e:
        where = engine.url.render_as_string(hide_password=True)
        raise StoreError(f"database {where}: upgrade failed: {_short(e)}") from e


def schema_revision(engine: Engine) -> tuple[str | None, str]:
    """``(current, head)`` migration revisions of the database."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with reading(engine) as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        head = ScriptDirectory.from_config(_alembic_config(conn)).get_current_head()
    return current, head or ""


#: The newest migration's revision. Checked with one query on every start, so a command on a
#: current database never imports Alembic (~0.15 s); ``tests/store/test_store.py`` holds it equal
#: to Alembic's head.
HEAD = "0011"


def stored_revision(engine: Engine) -> str | None:
    """The database's migration revision (None: no schema yet), by one plain query."""
    with reading(engine) as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def ensure_schema(settings: Settings) -> Engine:
    """Open the configured database, upgrading SQLite by itself; PostgreSQL must be current.
    The data dir is made (and marked as ours) first."""
    mark_data_dir(settings.data_dir)
    engine = open_engine(settings.database_url)
    try:
        if stored_revision(engine) == HEAD:
            return engine
        if engine.dialect.name == "sqlite":
            upgrade(engine)
            return engine
        current, head = schema_revision(engine)
    except OperationalError as e:
        engine.dispose()
        where = redacted(settings.database_url)
        raise StoreError(f"database {where}: {_short(e)}; check SYNDICATE_DATABASE") from e
    if current != head:
        engine.dispose()
        raise StoreError(
            f"database schema is at {current or 'nothing'}, the code needs {head}; "
            "run `syndicate db upgrade`"
        )
    return engine


def _short(e: SQLAlchemyError) -> str:
    """The driver's message, first line only."""
    orig = getattr(e, "orig", None)
    return str(orig or e).strip().splitlines()[0] if str(orig or e).strip() else type(e).__name__


def state_get(conn: Connection, key: str, *, now: datetime) -> str | None:
    """The value stored under ``key``, or None if absent or expired at ``now``."""
    row = conn.execute(
        select(app_state.c.value, app_state.c.expires_at).where(app_state.c.key == key)
    ).one_or_none()
    if row is None or (row.expires_at is not None and row.expires_at <= now):
        return None
    return str(row.value)


def state_put(
    conn: Connection, key: str, value: str, *, now: datetime, expires_at: datetime | None
) -> None:
    """Store ``value`` under ``key`` (insert or replace)."""
    stmt = insert(conn, app_state).values(
        key=key, value=value, expires_at=expires_at, updated_at=now
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=[app_state.c.key],
        set_={"value": value, "expires_at": expires_at, "updated_at": now},
    )
    conn.execute(stmt)


def locked_batch(column: Any, where: Any, *, order_by: Any, limit: int) -> Any:
    """``WITH batch AS MATERIALIZED (SELECT column … LIMIT n FOR UPDATE SKIP LOCKED)``: the
    rows a claimer takes, for ``UPDATE … WHERE id IN (SELECT id FROM batch)``. SQLite ignores
    ``FOR UPDATE`` (its ``BEGIN IMMEDIATE`` serialises claimers); MATERIALIZED makes
    PostgreSQL run the locking subquery exactly once."""
    return (
        select(column)
        .where(where)
        .order_by(order_by)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .cte("batch")
        .prefix_with("MATERIALIZED")
    )
