"""informant category (informan kunci / utama / pendukung) and how the informant was chosen

Revision ID: 0013
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("informant", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("category", sa.String(length=16), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("selection", sa.String(length=16), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("informant", schema=None) as batch_op:
        batch_op.drop_column("selection")
        batch_op.drop_column("category")
