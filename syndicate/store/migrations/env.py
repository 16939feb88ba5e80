"""Alembic environment: runs on the connection that ``syndicate.store.engine.upgrade`` passes in.

There is no alembic.ini: ``store._alembic_config`` builds the config in code, so migrations
work from an installed package. To write a new migration, copy the newest file in
``versions/`` and chain its ``down_revision``; then update ``syndicate/schema.py`` to match
(``tests/store/test_store.py`` compares the two).
"""

from __future__ import annotations

from alembic import context

from syndicate.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `alembic` run by hand without our config
    raise RuntimeError("run migrations through `syndicate db upgrade`")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
