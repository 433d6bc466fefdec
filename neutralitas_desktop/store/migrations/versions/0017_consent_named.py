"""informant's separate consent to be named as a source in a report to an authority

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nobody agreed to be named before the question was asked: false for every informant.
    op.add_column(
        "informant",
        sa.Column("consent_named", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("informant", schema=None) as batch_op:
        batch_op.drop_column("consent_named")
