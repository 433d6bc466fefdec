"""custody: device keys, the device sequence, row sequence numbers, row origins, proposed themes

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Rows changed in place, and immutable rows, get the device sequence number of their write
# (``device_seq``: audit_event's ``seq`` is already its place in the device's audit chain).
_SEQ = (
    "study",
    "device",
    "researcher",
    "informant_role",
    "site",
    "informant",
    "informant_identity",
    "field_session",
    "answer",
    "theme",
    "coding",
    "agreement_assignment",
    "agreement_resolution",
    "finding",
    "review_comment",
    "answer_revision",
    "attachment",
    "audit_event",
    "row_version",
)
_OWNED = ("informant", "field_session", "theme")


def upgrade() -> None:
    op.create_table(
        "device_key",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_device_key")),
        sa.UniqueConstraint("public_key", name=op.f("uq_device_key_public_key")),
    )
    op.create_table(
        "device_sequence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device_sequence")),
    )
    op.execute("INSERT INTO device_sequence (id, value) VALUES (1, 0)")
    # Plain ADD COLUMN (SQLite rebuilds no table, so no foreign key is checked); the server
    # defaults fill the existing rows and stay harmless (the app always writes both).
    for name in _SEQ:
        op.add_column(
            name, sa.Column("device_seq", sa.Integer(), nullable=False, server_default="0")
        )
    for name in _OWNED:
        op.add_column(
            name,
            sa.Column("origin_device_id", sa.String(length=36), nullable=False, server_default=""),
        )
        op.execute(f"UPDATE {name} SET origin_device_id = device_id")
    op.add_column(
        "theme",
        sa.Column("status", sa.String(length=16), nullable=False, server_default="accepted"),
    )


def downgrade() -> None:
    with op.batch_alter_table("theme", schema=None) as batch_op:
        batch_op.drop_column("status")
    for name in _OWNED:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column("origin_device_id")
    for name in _SEQ:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column("device_seq")
    op.drop_table("device_sequence")
    op.drop_table("device_key")
