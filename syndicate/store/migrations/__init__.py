"""Alembic migrations for syndicate's database (applied by ``syndicate.store.engine.upgrade``)."""
