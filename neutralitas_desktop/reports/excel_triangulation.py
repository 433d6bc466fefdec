"""The workbook's Triangulation sheet: per theme the incidents by corroboration and the
lines of evidence, by kind of source (triangulasi teknik) and by informant role
(triangulasi sumber), with each theme's *simpulan triangulasi* and, beside it as context,
what the answers say — coloured as in the app."""

from __future__ import annotations

from typing import Any

from neutralitas_desktop.instruments.model import pick
from neutralitas_desktop.reports.excel_cells import ColumnSpec, SheetWriter
from neutralitas_desktop.reports.queries import Scope
from neutralitas_desktop.reports.triangulation_view import Matrix, matrix_for
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.triangulation.types import CORROBORATIONS, STANCES
from neutralitas_desktop.vocabulary import Conclusion
from neutralitas_desktop.vocabulary.labels import allowed_values

TRIANGULATION_NOTE = (
    "Triangulation sheet: per theme the incidents (peristiwa) counted by corroboration and "
    "their lines of evidence, by kind of source and by informant role; the conclusion "
    "(simpulan triangulasi) is that of the best-attested incident; answers are context only"
)
SHORT = {"corroborated": "C", "single_line": "S", "contradicted": "X", "unattested": "U"}


def _block_columns(matrix: Matrix, prefix: str) -> list[ColumnSpec]:
    columns = []
    for column in matrix.columns:
        label = pick(column.label, "en", "id") or column.key
        for kind in CORROBORATIONS:
            columns.append(
                ColumnSpec(
                    f"{prefix}{column.key}_{SHORT[kind]}",
                    f"{label}: incidents with lines here that are {kind}",
                    "integer",
                )
            )
        columns.append(
            ColumnSpec(f"{prefix}{column.key}_lines", f"{label}: lines of evidence", "integer")
        )
    columns.append(
        ColumnSpec(f"{prefix}decided_by", "the columns holding the deciding lines", "text")
    )
    return columns


def write_triangulation(
    sheet: SheetWriter, db: Database, scope: Scope, language: str
) -> list[ColumnSpec]:
    """Fill the sheet; returns its columns for the Data dictionary."""
    technique = matrix_for(db, scope, "technique")
    source = matrix_for(db, scope, "source")
    columns = [
        ColumnSpec("theme_code", "theme (Codebook sheet)", "key"),
        ColumnSpec("theme", "theme label, indented by level", "text", width=48),
        ColumnSpec(
            "level", "depth in the theme tree (0 = top); counts include sub-themes", "integer"
        ),
        *[ColumnSpec(k, f"incidents that are {k}", "integer") for k in CORROBORATIONS],
        ColumnSpec("lines", "lines of evidence of the theme's incidents", "integer"),
        ColumnSpec(
            "conclusion",
            "simpulan triangulasi: the corroboration of the best-attested incident",
            "text",
            allowed_values(Conclusion, language),
        ),
        *[
            ColumnSpec(f"context_{s}", f"context: answers indicating {s} (not evidence)", "integer")
            for s in STANCES
        ],
        *_block_columns(technique, ""),
        *_block_columns(source, "role:"),
    ]
    sheet.set_columns(columns)
    sheet.header()
    fills = sheet.formats.fills
    by_code = {row.code: row for row in source.rows}
    for row in technique.rows:
        label = "    " * row.depth + (pick(row.label, language, "id") or row.code)
        values: list[tuple[Any, Any]] = [(row.code, None), (label, None), (row.depth, None)]
        values += [(row.total.count(k), fills[k] if row.total.count(k) else None)
                   for k in CORROBORATIONS]  # fmt: skip
        values += [(row.total.lines, None), (row.conclusion.kind, fills[row.conclusion.kind])]
        values += [(row.context.count(s), None) for s in STANCES]
        values += _block(technique, row.code, fills)
        values += _block(source, row.code, fills) if row.code in by_code else []
        sheet.write_formatted(values)
    sheet.finish()
    return columns


def _block(matrix: Matrix, code: str, fills: dict[str, Any]) -> list[tuple[Any, Any]]:
    row = matrix.row(code)
    out: list[tuple[Any, Any]] = []
    for cell in row.cells:
        for kind in CORROBORATIONS:
            n = cell.count(kind)
            out.append((n, fills[kind] if n else fills["empty"]))
        out.append((cell.lines, None))
    out.append((", ".join(row.conclusion.decided_by), None))
    return out


AUDIT_COLUMNS = (
    ColumnSpec("at", "when the decision was recorded (UTC)", "datetime"),
    ColumnSpec("researcher", "who decided (left out when anonymised)", "text"),
    ColumnSpec(
        "action", "the decision: finding.verified, incident.linked, coding.recoded, …", "text"
    ),
    ColumnSpec("entity", "the kind of row decided on", "text"),
    ColumnSpec("entity_id", "the row's id (finding, incident, coding, theme, …)", "key"),
    ColumnSpec("reason", "why, as the researcher wrote it", "text", width=60),
    ColumnSpec("detail", "what changed (JSON)", "text", width=60),
)


def write_audit(sheet: SheetWriter, db: Database, names: bool) -> None:
    """The analytic audit trail: every analytic decision with who, when and why."""
    import json

    from neutralitas_desktop.triangulation.audit_trail import audit_trail

    sheet.header()
    for e in audit_trail(db):
        sheet.write(
            (
                e.at,
                e.researcher if names else "",
                e.action,
                e.entity,
                e.entity_id,
                e.reason,
                json.dumps(e.detail, ensure_ascii=False, default=str),
            )
        )
    sheet.finish()
