"""merge history: extra revision parents, row versions and heads, id aliases

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "id_alias",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("alias_id", sa.String(length=36), nullable=False),
        sa.Column("canonical_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "alias_id", name=op.f("pk_id_alias")),
    )
    op.create_table(
        "row_head",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("version_id", sa.String(length=36), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("conflict", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "row_id", name=op.f("pk_row_head")),
    )
    with op.batch_alter_table("row_head", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_row_head_conflict"), ["conflict"], unique=False)

    op.create_table(
        "row_version",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("parents", sa.JSON(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_row_version")),
    )
    with op.batch_alter_table("row_version", schema=None) as batch_op:
        batch_op.create_index("ix_row_version_row", ["entity", "row_id"], unique=False)

    op.create_table(
        "revision_parent",
        sa.Column("revision_id", sa.String(length=36), nullable=False),
        sa.Column("parent_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["answer_revision.id"],
            name=op.f("fk_revision_parent_revision_id_answer_revision"),
        ),
        sa.PrimaryKeyConstraint("revision_id", "parent_id", name=op.f("pk_revision_parent")),
    )
    with op.batch_alter_table("revision_parent", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_revision_parent_parent_id"), ["parent_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("revision_parent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_revision_parent_parent_id"))
    op.drop_table("revision_parent")
    with op.batch_alter_table("row_version", schema=None) as batch_op:
        batch_op.drop_index("ix_row_version_row")
    op.drop_table("row_version")
    with op.batch_alter_table("row_head", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_row_head_conflict"))
    op.drop_table("row_head")
    op.drop_table("id_alias")
