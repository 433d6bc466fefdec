"""The workbook's fixed sheets: Sessions, Informants, Codebook, Codings, Data dictionary
and About — their columns (which the Data dictionary lists) and how rows are filled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from enum import StrEnum
from typing import Any

from neutralitas_desktop.instruments.model import SOURCE_TYPES, STANCES, pick
from neutralitas_desktop.reports.excel_cells import ColumnSpec, Formats, SheetWriter
from neutralitas_desktop.reports.informant_records import InformantRecord
from neutralitas_desktop.reports.queries import (
    CodingRecord,
    SessionRecord,
    ThemeRecord,
)
from neutralitas_desktop.vocabulary import (
    ConsentMethod,
    ConsentState,
    InformantCategory,
    SelectionMethod,
    SessionStatus,
    SourceType,
    Stance,
)
from neutralitas_desktop.vocabulary.labels import allowed_values
from neutralitas_desktop.vocabulary.terms import values

STATUS_VALUES = ", ".join(values(SessionStatus))
CONSENT_VALUES = ", ".join(values(ConsentState))
# Fixed columns that hold values of the vocabulary: the Data dictionary gives their labels.
VOCABULARY_COLUMNS: dict[str, type[StrEnum]] = {
    "source_type": SourceType,
    "status": SessionStatus,
    "consent": ConsentState,
    "consent_method": ConsentMethod,
    "stance": Stance,
    "informant_category": InformantCategory,
    "selection_method": SelectionMethod,
}
ROLE_NOTE = "the informant's role code (Informants sheet); empty for observations and documents"

SESSION_COLUMNS = (
    ColumnSpec("session_id", "unique id of the field session; joins every sheet", "key"),
    ColumnSpec("form_id", "instrument (form) id", "text"),
    ColumnSpec("form_version", "instrument version the session was run with", "text"),
    ColumnSpec("source_type", "kind of source", "text", ", ".join(SOURCE_TYPES)),
    ColumnSpec("site", "site (office, kelurahan or desa) studied", "text"),
    ColumnSpec("site_kind", "kind of site", "text", "kecamatan, kelurahan, desa"),
    ColumnSpec("region", "regency / city and province of the site", "text"),
    ColumnSpec("informant_code", "pseudonymous informant code; empty without an informant", "text"),
    ColumnSpec("informant_role", ROLE_NOTE, "text"),
    ColumnSpec("researcher", "researcher who ran the session", "text"),
    ColumnSpec("device", "laptop that last changed the session", "text"),
    ColumnSpec("started_at", "start (UTC)", "datetime"),
    ColumnSpec("ended_at", "end (UTC); empty for a draft", "datetime"),
    ColumnSpec("duration_min", "minutes between start and end", "number"),
    ColumnSpec("status", "review status", "text", STATUS_VALUES),
    ColumnSpec("review_comment", "supervisor's comment on the session", "text"),
    ColumnSpec("language", "language the instrument was shown in", "text", "id, en"),
    ColumnSpec(
        "instance_id",
        "the submission's instanceID (KEY / _uuid) for sessions imported from ODK Central, "
        "Briefcase or KoboToolbox; empty for sessions recorded in this app",
        "text",
    ),
)

INFORMANT_COLUMNS = (
    ColumnSpec("informant_code", "pseudonymous informant code (INF-…)", "key"),
    ColumnSpec("role", "role code", "text"),
    ColumnSpec("role_label", "role", "text"),
    ColumnSpec("site", "site the informant belongs to", "text"),
    ColumnSpec(
        "consent", "consent status (withdrawn consent is not exported)", "text", CONSENT_VALUES
    ),
    ColumnSpec("consent_method", "how consent was given", "text", "oral, written, recorded"),
    ColumnSpec("consent_at", "when consent was recorded (UTC)", "datetime"),
    ColumnSpec("sessions", "sessions with this informant in this export", "integer"),
    ColumnSpec("informant_category", "key, main or supporting informant", "text"),
    ColumnSpec("selection_method", "how the informant was chosen", "text"),
    ColumnSpec(
        "consent_named",
        "1 when the informant may be named as a source in a report to an authority "
        "(a consent separate from taking part)",
        "flag",
        "0, 1",
    ),
)
IDENTITY_COLUMNS = (
    ColumnSpec("real_name", "real name (identity table; confidential)", "text"),
    ColumnSpec("contact", "contact (identity table; confidential)", "text"),
)

CODEBOOK_COLUMNS = (
    ColumnSpec("theme_code", "theme code", "key"),
    ColumnSpec("parent_code", "code of the parent theme; empty at the top", "text"),
    ColumnSpec("level", "depth in the theme tree (0 = top)", "integer"),
    ColumnSpec("label_id", "label in Indonesian", "text"),
    ColumnSpec("label_en", "label in English", "text"),
    ColumnSpec("description", "what the theme covers", "text", width=60),
    ColumnSpec("inclusion", "when to apply it", "text", width=50),
    ColumnSpec("exclusion", "when not to apply it", "text", width=50),
    ColumnSpec(
        "legal_basis", "regulations the theme is assessed against (one per line)", "text", width=60
    ),
    ColumnSpec("retired", "1 when the theme is no longer used for new codings", "flag", "0, 1"),
)

CODING_COLUMNS = (
    ColumnSpec("coding_id", "unique id of the coding", "key"),
    ColumnSpec("session_id", "session of the coded answer (Sessions sheet)", "key"),
    ColumnSpec("answer_key", "answer coded (question name, or repeat[item]/question)", "text"),
    ColumnSpec("question", "question name", "text"),
    ColumnSpec("theme_code", "theme applied (Codebook sheet)", "text"),
    ColumnSpec("theme", "theme label", "text"),
    ColumnSpec("stance", "what the excerpt indicates", "text", ", ".join(STANCES)),
    ColumnSpec("target", "coded text: the answer's value or its field note", "text", "value, note"),
    ColumnSpec("start", "first character of the excerpt (0-based)", "integer"),
    ColumnSpec("end", "character after the excerpt", "integer"),
    ColumnSpec("excerpt", "the coded passage", "text", width=60),
    ColumnSpec("coder", "researcher who coded it", "text"),
    ColumnSpec("memo", "coder's memo", "text", width=40),
    ColumnSpec("coded_at", "when it was coded (UTC)", "datetime"),
)

DICTIONARY_COLUMNS = (
    ColumnSpec("sheet", "worksheet", "text"),
    ColumnSpec("column", "column header", "text"),
    ColumnSpec("label", "question label or what the column holds", "text", width=60),
    ColumnSpec(
        "type", "cell type", "text", "text, number, integer, date, datetime, time, flag (0/1), key"
    ),
    ColumnSpec("allowed_values", "allowed values (value = label)", "text", width=60),
)

ABOUT_COLUMNS = (
    ColumnSpec("item", "what", "text", width=34),
    ColumnSpec("value", "value", "text", width=80),
)


def labelled(columns: Sequence[ColumnSpec], language: str) -> list[ColumnSpec]:
    """The fixed ``columns`` with ``value = label`` (in the export's language) as the
    allowed values of those holding vocabulary values, as the screens show them."""
    return [
        replace(c, allowed=allowed_values(VOCABULARY_COLUMNS[c.name], language))
        if c.name in VOCABULARY_COLUMNS
        else c
        for c in columns
    ]


def write_sessions(sheet: SheetWriter, sessions: Sequence[SessionRecord]) -> None:
    sheet.header()
    for s in sessions:
        sheet.write(
            (
                s.id,
                s.form_id,
                s.form_version,
                s.source_type,
                s.site_name,
                s.site_kind,
                s.site_region,
                s.informant_code,
                s.source_role,
                s.researcher_name,
                s.device_name,
                s.started_at,
                s.ended_at,
                s.duration_minutes,
                s.status,
                s.review_comment,
                s.language,
                s.external_id,
            )
        )
    sheet.finish()


def write_informants(
    sheet: SheetWriter, informants: Sequence[InformantRecord], language: str, identity: bool
) -> None:
    sheet.header()
    for i in informants:
        row: list[Any] = [
            i.code,
            i.role,
            pick(i.role_label, language, "id"),
            i.site_name,
            i.consent_status,
            i.consent_method,
            i.consent_at,
            i.sessions,
            i.category,
            i.selection,
            i.consent_named,
        ]
        if identity:
            row += [i.real_name, i.contact]
        sheet.write(row)
    sheet.finish()


def write_codebook(sheet: SheetWriter, themes: Sequence[ThemeRecord], language: str) -> None:
    sheet.header()
    for t in themes:
        sheet.write(
            (
                t.code,
                t.parent_code,
                t.depth,
                t.label.get("id", ""),
                t.label.get("en", ""),
                pick(t.description, language, "id"),
                pick(t.inclusion, language, "id"),
                pick(t.exclusion, language, "id"),
                "\n".join(p.text(language) for p in t.legal_basis),
                int(t.retired),
            )
        )
    sheet.finish()


def write_codings(
    sheet: SheetWriter,
    codings: Sequence[CodingRecord],
    theme_labels: dict[str, dict[str, str]],
    language: str,
) -> None:
    sheet.header()
    for c in codings:
        sheet.write(
            (
                c.id,
                c.session_id,
                c.answer_key,
                c.question,
                c.theme_code,
                pick(theme_labels.get(c.theme_code, {}), language, "id"),
                c.stance,
                c.target,
                c.start,
                c.end,
                c.excerpt,
                c.coder_name,
                c.memo,
                c.created_at,
            )
        )
    sheet.finish()


def write_dictionary(
    sheet: SheetWriter, sheets: Sequence[tuple[str, Sequence[ColumnSpec]]]
) -> None:
    sheet.header()
    for name, columns in sheets:
        for column in columns:
            kind = "flag (0/1)" if column.kind == "flag" else column.kind
            label = column.label or column.meaning
            if column.label and column.meaning and column.meaning != column.label:
                label = f"{column.label} — {column.meaning}"
            sheet.write((name, column.name, label, kind, column.allowed))
    sheet.finish()


def write_about(sheet: SheetWriter, items: Sequence[tuple[str, Any]], formats: Formats) -> None:
    sheet.header()
    for item, value in items:
        sheet.write((item, value))
    sheet.finish()
