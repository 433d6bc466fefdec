"""Alembic environment: uses the connection handed in by store.migrations.upgrade."""

from __future__ import annotations

from alembic import context

from neutralitas_desktop.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when run by hand as `alembic`
    raise RuntimeError("run migrations through neutralitas_desktop.store.migrations.upgrade")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
