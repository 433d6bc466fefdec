"""Which tables travel in a field package and how a merge treats each of them.

Every table of the schema is named here exactly once; a test fails when a new table is
not, so nothing is silently left out of packages.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table

from neutralitas_desktop.store.models import Base

# Small tables that always travel whole (also in --since-last packages), so every package
# carries what its rows refer to. Merged last-writer-wins by (updated_at, device_id),
# except instruments, question stances (immutable) and aliases (their own rule).
WHOLE = (
    "study",
    "device",
    "researcher",
    "informant_role",
    "id_alias",
    "site",
    "theme",
    "informant",
    "instrument",
    "question_stance",
    # Double-coding assignments and agreed codings: few rows, merged with the fieldwork.
    "agreement_assignment",
    "agreement_resolution",
    "device_key",  # merged only from the supervisor's packages (exchange.trust)
)
# Real names and contacts: only in encrypted packages, and only when asked for.
IDENTITIES = "informant_identity"
# Fieldwork: everything in a full package, what changed since the last one otherwise.
FIELDWORK = (
    "field_session",
    "answer",
    "answer_revision",
    "revision_parent",
    "coding",
    "finding",
    "incident",
    "evidence_line",
    "member_check",
    "legal_material",
    "element_test",
    "review_comment",
    "attachment",
    "audit_event",
    "row_version",
)
# Never leave the database: its identity, this database's merge history and row heads.
LOCAL = ("meta", "merge_log", "row_head", "device_sequence", "alembic_version")

PACKAGED = (*WHOLE, IDENTITIES, *FIELDWORK)


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def table_of(model: Any) -> Table:
    """The Core table of an ORM model, typed as the Table it is."""
    return cast(Table, model.__table__)


def unclassified() -> list[str]:
    """Tables of the schema this module does not name (should be empty)."""
    known = set(PACKAGED) | set(LOCAL)
    return sorted(set(Base.metadata.tables) - known)
