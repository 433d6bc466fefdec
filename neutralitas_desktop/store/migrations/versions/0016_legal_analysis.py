"""legal analysis: legal materials (bahan hukum) and element tests of incidents (unsur pasal)

Revision ID: 0016
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0013"
branch_labels = None
depends_on = None


def _tracked() -> list[sa.Column[object]]:
    return [
        sa.Column("recorded_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("device_seq", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "legal_material",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("citation", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_tracked(),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["researcher.id"],
            name=op.f("fk_legal_material_recorded_by_researcher"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_material")),
    )
    op.create_table(
        "element_test",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("incident_id", sa.String(length=36), nullable=False),
        sa.Column("provision", sa.Text(), nullable=False),
        sa.Column("element", sa.String(length=16), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("reasoning", sa.Text(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        *_tracked(),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incident.id"], name=op.f("fk_element_test_incident_id_incident")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["researcher.id"], name=op.f("fk_element_test_recorded_by_researcher")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_element_test")),
    )
    with op.batch_alter_table("element_test", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_element_test_incident_id"), ["incident_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("element_test", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_element_test_incident_id"))
    op.drop_table("element_test")
    op.drop_table("legal_material")
