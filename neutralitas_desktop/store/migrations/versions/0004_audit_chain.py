"""audit chain: each event's place in its device's chain, the previous event's hash and
its own content hash; events written before are sealed one by one

Revision ID: 0004
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from neutralitas_desktop.store.audit_chain import GENESIS, content_hash

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("prev_hash", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("content_hash", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.create_index("ix_audit_event_chain", ["device_id", "seq"], unique=False)
    # Existing events get their content hash, in order; they take no place in a chain
    # (seq stays NULL): databases hold different subsets of them (partial packages), and a
    # chain made of a subset would differ from database to database.
    con = op.get_bind()
    rows = con.execute(
        sa.text(
            "SELECT id, at, device_id, researcher_id, action, entity, entity_id, detail "
            "FROM audit_event ORDER BY device_id, at, id"
        )
    ).mappings()
    hashes = [
        {"h": content_hash({**row, "seq": None, "prev_hash": GENESIS}), "i": row["id"]}
        for row in rows
    ]
    if hashes:
        con.execute(sa.text("UPDATE audit_event SET content_hash = :h WHERE id = :i"), hashes)


def downgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_chain")
        batch_op.drop_column("content_hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("seq")
