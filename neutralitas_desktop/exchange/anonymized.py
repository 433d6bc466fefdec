"""What an anonymised package holds instead of each row: no names of devices and
researchers, no informants' notes, and every free text (answers, field notes, coding
excerpts and memos, comments, conclusions and their reasons, incidents' summaries, lines'
memos, member-check notes, coders' agreed reasons, audit details) through the redaction service."""

from __future__ import annotations

from typing import Any

from neutralitas_desktop.fieldwork.redaction import Redactor, researcher_code
from neutralitas_desktop.store.audit_chain import redact_detail

# The free-text columns of each packaged table.
TEXTS: dict[str, tuple[str, ...]] = {
    "answer": ("value", "note"),
    "answer_revision": ("value", "note"),
    "coding": ("excerpt", "memo"),
    "field_session": ("review_comment",),
    "review_comment": ("comment",),
    "finding": ("conclusion", "status_reason"),
    "incident": ("summary", "actor_code", "link"),
    "evidence_line": ("memo",),
    "member_check": ("given", "response_note"),
    "legal_material": ("note",),
    "element_test": ("reasoning",),
    "site": ("notes",),
    "attachment": ("filename",),
    "agreement_resolution": ("reason",),
}
# Free texts inside a row version's recorded state.
VERSION_TEXTS = ("review_comment", "excerpt", "memo", "conclusion", "status_reason")


def anonymized(name: str, row: dict[str, Any], redact: Redactor) -> dict[str, Any]:
    if name == "device":
        return {**row, "name": f"device {row['id'][:8]}"}
    if name == "researcher":
        return {**row, "name": researcher_code(row["initials"] or "", row["id"])}
    if name == "informant":
        return {**row, "notes": "", "consent_note": ""}
    if name == "audit_event" and isinstance(row.get("detail"), dict):
        return {**row, "detail": redact_detail(row["detail"], redact)}
    if name == "row_version" and isinstance(row.get("state"), dict):
        state = dict(row["state"])
        for key in VERSION_TEXTS:
            if isinstance(state.get(key), str):
                state[key] = redact(state[key])
        return {**row, "state": state}
    columns = TEXTS.get(name)
    if columns:
        return {
            c: (redact(v) if c in columns and isinstance(v, str) else v) for c, v in row.items()
        }
    return row
