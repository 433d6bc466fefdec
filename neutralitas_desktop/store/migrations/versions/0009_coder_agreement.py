"""coder agreement: double-coding assignments and resolved disagreements

Revision ID: 0009
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agreement_assignment",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("coder_id", sa.String(length=36), nullable=False),
        sa.Column("assigned_by", sa.String(length=36), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_assignment")),
    )
    with op.batch_alter_table("agreement_assignment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agreement_assignment_session_id"), ["session_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_agreement_assignment_coder_id"), ["coder_id"], unique=False
        )
    op.create_table(
        "agreement_resolution",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("answer_id", sa.String(length=36), nullable=False),
        sa.Column("target", sa.String(length=8), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("theme_id", sa.String(length=36), nullable=False),
        sa.Column("applied", sa.Boolean(), nullable=False),
        sa.Column("stance", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("resolver_id", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_resolution")),
    )
    with op.batch_alter_table("agreement_resolution", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agreement_resolution_answer_id"), ["answer_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("agreement_resolution")
    op.drop_table("agreement_assignment")
