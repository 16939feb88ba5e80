"""The database: schema, engine, migrations, ingest, the catalog, the delivery ledger, leases."""
