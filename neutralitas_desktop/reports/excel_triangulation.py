"""The workbook's Triangulation sheet: themes by kind of source (triangulasi teknik) and by
informant role (triangulasi sumber), evidence counted by stance, with the verdicts —
coloured as in the app."""

from __future__ import annotations

from typing import Any

from neutralitas_desktop.instruments.model import pick
from neutralitas_desktop.reports.excel_cells import ColumnSpec, SheetWriter
from neutralitas_desktop.reports.queries import Scope
from neutralitas_desktop.reports.triangulation_view import Matrix, matrix_for
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.triangulation.types import STANCES
from neutralitas_desktop.vocabulary import Stance, Verdict
from neutralitas_desktop.vocabulary import label as vocabulary_label
from neutralitas_desktop.vocabulary.labels import allowed_values

TRIANGULATION_NOTE = (
    "Triangulation sheet: evidence per theme by kind of source and by informant role, "
    "counted by stance (automatic codings of structured answers and hand codings); "
    "verdicts by the study's rule (converging / diverging / single_source / no_evidence)"
)
SHORT = {"violation": "V", "neutrality": "N", "unclear": "U"}


def _block_columns(matrix: Matrix, prefix: str, language: str) -> list[ColumnSpec]:
    columns = []
    for column in matrix.columns:
        label = pick(column.label, language, "id") or column.key
        for stance in STANCES:
            columns.append(
                ColumnSpec(
                    f"{prefix}{column.key}_{SHORT[stance]}",
                    f"{label}: evidence indicating {stance}",
                    "integer",
                )
            )
    columns += [
        ColumnSpec(
            f"{prefix}verdict",
            "verdict of the rule over these columns",
            "text",
            allowed_values(Verdict, language),
        ),
        ColumnSpec(
            f"{prefix}verdict_stance",
            "the stance the columns agree on",
            "text",
            ", ".join(f"{s} = {vocabulary_label(Stance, s, language)}" for s in STANCES[:2]),
        ),
        ColumnSpec(f"{prefix}decided_by", "the columns that decided the verdict", "text"),
    ]
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
        ColumnSpec("violation", "all evidence indicating a violation", "integer"),
        ColumnSpec("neutrality", "all evidence indicating neutrality", "integer"),
        ColumnSpec("unclear", "all evidence left unclear", "integer"),
        *_block_columns(technique, "", language),
        *_block_columns(source, "role:", language),
    ]
    sheet.set_columns(columns)
    sheet.header()
    fills = sheet.formats.fills
    by_code = {row.code: row for row in source.rows}
    for row in technique.rows:
        label = "    " * row.depth + (pick(row.label, language, "id") or row.code)
        values: list[tuple[Any, Any]] = [(row.code, None), (label, None), (row.depth, None)]
        values += [(row.total.count(s), fills[s] if row.total.count(s) else None) for s in STANCES]
        values += _block(technique, row.code, fills)
        values += _block(source, row.code, fills) if row.code in by_code else []
        sheet.write_formatted(values)
    sheet.finish()
    return columns


def _block(matrix: Matrix, code: str, fills: dict[str, Any]) -> list[tuple[Any, Any]]:
    row = matrix.row(code)
    out: list[tuple[Any, Any]] = []
    for cell in row.cells:
        for stance in STANCES:
            n = cell.count(stance)
            out.append((n, fills[stance] if n else fills["empty"]))
    verdict = row.verdict
    out += [
        (verdict.kind, fills.get(verdict.kind)),
        (verdict.stance, fills.get(verdict.stance) if verdict.stance else None),
        (", ".join(verdict.decided_by), None),
    ]
    return out
