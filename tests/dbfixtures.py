"""Database fixtures: ``db`` (an upgraded Engine) and ``db_url``, over SQLite and PostgreSQL;
``pg_url`` for PostgreSQL-only tests.

Loaded by tests/conftest.py. Each test gets an empty database of its own:

- ``sqlite``: a file in ``tmp_path``.
- ``postgres``: a fresh schema (``search_path`` set in the URL, so subprocesses given
  ``db_url`` land in it too) in the database ``SYNDICATE_TEST_POSTGRES_DSN`` names (.ci/run
  creates one per run). Unset, a throwaway database is created on
  postgresql://postgres@127.0.0.1:5432 for the session. When PostgreSQL is unreachable the
  postgres cases skip locally, but fail when ``SYNDICATE_TEST_POSTGRES_DSN`` or ``CI`` is set:
  CI never skips them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from syndicate.config import Settings, load_settings
from syndicate.store.engine import open_engine, upgrade

LOCAL = "postgresql://postgres@127.0.0.1:5432/postgres"


def _psycopg_dsn(url: str) -> str:
    u = make_url(url)
    return u.set(drivername="postgresql", query={}).render_as_string(hide_password=False)


def _unreachable(why: str) -> None:
    if os.environ.get("SYNDICATE_TEST_POSTGRES_DSN") or os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is required here and unreachable: {why}")
    pytest.skip(f"PostgreSQL unreachable ({why}); set SYNDICATE_TEST_POSTGRES_DSN")


@pytest.fixture(scope="session")
def postgres_dsn() -> Iterator[str]:
    """A PostgreSQL database for this test run."""
    given = os.environ.get("SYNDICATE_TEST_POSTGRES_DSN")
    if given:
        try:
            psycopg.connect(_psycopg_dsn(given), connect_timeout=5).close()
        except psycopg.Error as e:
            _unreachable(str(e).strip())
        yield given
        return
    name = f"syndicate_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    try:
        admin = psycopg.connect(LOCAL, autocommit=True, connect_timeout=5)
    except psycopg.Error as e:
        _unreachable(str(e).strip())
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield str(make_url(LOCAL).set(database=name).render_as_string(hide_password=False))
    finally:
        with psycopg.connect(LOCAL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pg_schema_url(base: str, schema: str) -> str:
    u = make_url(base)
    query = dict(u.query) | {"options": f"-csearch_path={schema}"}
    return u.set(query=query).render_as_string(hide_password=False)


@contextmanager
def _fresh_schema(base: str) -> Iterator[str]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_psycopg_dsn(base), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield _pg_schema_url(base, schema)
    finally:
        with psycopg.connect(_psycopg_dsn(base), autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database (no tables yet)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'syndicate.db'}"
        return
    with _fresh_schema(request.getfixturevalue("postgres_dsn")) as url:
        yield url


@pytest.fixture
def pg_url(postgres_dsn: str) -> Iterator[str]:
    """The URL of an empty PostgreSQL schema, for PostgreSQL-only tests."""
    with _fresh_schema(postgres_dsn) as url:
        yield url


@pytest.fixture
def db(db_url: str) -> Iterator[Engine]:
    """An engine on a database upgraded to the newest migration."""
    engine = open_engine(db_url)
    upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def db_settings(db_url: str, tmp_path: Path) -> Settings:
    """Default settings with the data dir in ``tmp_path`` and ``db_url`` as the database."""
    env = {"SYNDICATE_DATA_DIR": str(tmp_path / "var"), "SYNDICATE_DATABASE": db_url}
    return load_settings(None, env)
