"""open revisions: typing replaces its own open revision until the field is left

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every revision written before this one is final: sealed.
    op.add_column(
        "answer_revision",
        sa.Column("sealed", sa.Boolean(), nullable=False, server_default=sa.true()),
    )


def downgrade() -> None:
    with op.batch_alter_table("answer_revision", schema=None) as batch_op:
        batch_op.drop_column("sealed")
