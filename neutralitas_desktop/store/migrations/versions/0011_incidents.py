"""incidents, lines of evidence, member checks; findings carry incidents and reasons

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _tracked() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        # the device's sequence number of the last change (0010): ordering never by clock
        sa.Column("device_seq", sa.Integer(), nullable=False, server_default="0"),
    ]


def upgrade() -> None:
    op.create_table(
        "incident",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("site_id", sa.String(length=36), nullable=False),
        sa.Column("theme_id", sa.String(length=36), nullable=False),
        sa.Column("actor_type", sa.String(length=32), nullable=False),
        sa.Column("actor_code", sa.String(length=200), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=False),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("platform", sa.String(length=100), nullable=False),
        sa.Column("link", sa.Text(), nullable=False),
        sa.Column("favours", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=36), nullable=True),
        *_tracked(),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["researcher.id"], name=op.f("fk_incident_recorded_by_researcher")
        ),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_incident_site_id_site")),
        sa.ForeignKeyConstraint(
            ["theme_id"], ["theme.id"], name=op.f("fk_incident_theme_id_theme")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident")),
    )
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incident_site_id"), ["site_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_incident_theme_id"), ["theme_id"], unique=False)

    op.create_table(
        "evidence_line",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("incident_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("target", sa.String(length=16), nullable=False),
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("answer_id", sa.String(length=36), nullable=True),
        sa.Column("coding_id", sa.String(length=36), nullable=True),
        sa.Column("attachment_sha256", sa.String(length=64), nullable=True),
        sa.Column("memo", sa.Text(), nullable=False),
        sa.Column("linked_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        *_tracked(),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incident.id"], name=op.f("fk_evidence_line_incident_id_incident")
        ),
        sa.ForeignKeyConstraint(
            ["linked_by"], ["researcher.id"], name=op.f("fk_evidence_line_linked_by_researcher")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["field_session.id"],
            name=op.f("fk_evidence_line_session_id_field_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_line")),
    )
    with op.batch_alter_table("evidence_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evidence_line_incident_id"), ["incident_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_evidence_line_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "member_check",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("informant_id", sa.String(length=36), nullable=False),
        sa.Column("material", sa.String(length=16), nullable=False),
        sa.Column("given", sa.Text(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("response", sa.String(length=16), nullable=False),
        sa.Column("response_note", sa.Text(), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("recorded_by", sa.String(length=36), nullable=True),
        *_tracked(),
        sa.ForeignKeyConstraint(
            ["informant_id"], ["informant.id"], name=op.f("fk_member_check_informant_id_informant")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["researcher.id"], name=op.f("fk_member_check_recorded_by_researcher")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_check")),
    )
    with op.batch_alter_table("member_check", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_member_check_informant_id"), ["informant_id"], unique=False
        )

    # Findings of an older study keep their status, marked as set before reasons were
    # required; new findings start unmarked.
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.add_column(sa.Column("incidents", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(
            sa.Column("status_reason", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column(
                "status_before_reasons", sa.Boolean(), nullable=False, server_default=sa.true()
            )
        )
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.alter_column("incidents", server_default=None)
        batch_op.alter_column("status_reason", server_default=None)
        batch_op.alter_column("status_before_reasons", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.drop_column("status_before_reasons")
        batch_op.drop_column("status_reason")
        batch_op.drop_column("incidents")
    with op.batch_alter_table("member_check", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_check_informant_id"))
    op.drop_table("member_check")
    with op.batch_alter_table("evidence_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_line_session_id"))
        batch_op.drop_index(batch_op.f("ix_evidence_line_incident_id"))
    op.drop_table("evidence_line")
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_theme_id"))
        batch_op.drop_index(batch_op.f("ix_incident_site_id"))
    op.drop_table("incident")
