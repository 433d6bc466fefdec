"""Triangulation commands: the matrix and its evidence, the codebook, findings."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from neutralitas_desktop.cli.context import CliContext
from neutralitas_desktop.cli.terminal import say
from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.study import study_info
from neutralitas_desktop.instruments.model import pick
from neutralitas_desktop.triangulation.codebook import (
    accept_theme,
    add_theme,
    list_themes,
    merge_themes,
    retire_theme,
)
from neutralitas_desktop.triangulation.codebook_files import (
    export_csv,
    export_qdc,
    import_csv,
    import_qdc,
)
from neutralitas_desktop.triangulation.findings import add_finding, list_findings, update_finding
from neutralitas_desktop.triangulation.matrix import (
    cell_evidence,
    cell_incidents,
    triangulation_matrix,
)
from neutralitas_desktop.triangulation.types import (
    CORROBORATIONS,
    FINDING_STATUSES,
    GROUPINGS,
    STANCES,
    Matrix,
    MatrixQuery,
)

SHORT = {"violation": "V", "neutrality": "N", "unclear": "?"}
# Incidents in a cell by corroboration, then the cell's lines of evidence.
LETTER = {"corroborated": "C", "single_line": "S", "contradicted": "X", "unattested": "U"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "triangulate",
        help="the triangulation matrix: incidents by corroboration (or one cell's incidents)",
        description="Rows are themes, columns the sources of the chosen grouping (or the "
        "sites); each cell counts the incidents its lines of evidence attest, by their "
        "corroboration, and the lines. What answers say is shown beside as context.",
    )
    p.add_argument(
        "--by",
        choices=GROUPINGS,
        default="technique",
        help="technique: source types; source: informant roles; time: periods; site: sites",
    )
    p.add_argument("--site", metavar="S", help="only this site (name or id)")
    p.add_argument("--status", metavar="STATUS", help="only sessions with this status")
    p.add_argument("--period", metavar="P", help="only this fieldwork period (code)")
    p.add_argument("--researcher", metavar="R", help="only this researcher (name or initials)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--language", metavar="LANG", help="labels in this language (default: study's)")
    p.add_argument(
        "--no-rollup",
        action="store_true",
        help="a parent theme's row without its sub-themes' evidence",
    )
    p.add_argument("--evidence", metavar="THEME", help="list a theme's incidents instead")
    p.add_argument("--context", metavar="THEME", help="list the answers about a theme instead")
    p.add_argument("--column", metavar="KEY", help="with --evidence / --context: one column")
    p.add_argument("--stance", choices=STANCES, help="with --context: only this stance")
    p.set_defaults(handler=cmd_triangulate)  # fmt: skip

    book = sub.add_parser("codebook", help="the codebook: list, add, merge, retire, import, export")
    bsub = book.add_subparsers(dest="codebook_command", metavar="COMMAND", required=True)
    b = bsub.add_parser("list", help="the themes as a tree")
    b.add_argument("--language", metavar="LANG")
    b.set_defaults(handler=cmd_codebook_list)
    for name, helptext in (("export", "write FILE.csv or FILE.qdc"), ("import", "read one")):
        b = bsub.add_parser(name, help=helptext)
        b.add_argument("file", type=Path, metavar="FILE")
        b.add_argument("--language", metavar="LANG", help="QDC: language of the code names")
        b.set_defaults(handler=cmd_codebook_export if name == "export" else cmd_codebook_import)
    b = bsub.add_parser("add", help="add a theme")
    b.add_argument("code")
    b.add_argument("label", help="label in the study's default language")
    b.add_argument("--label-en", metavar="TEXT", help="English label")
    b.add_argument("--parent", metavar="CODE", default="")
    b.set_defaults(handler=cmd_codebook_add)
    b = bsub.add_parser("merge", help="merge SOURCE into TARGET (its codings move)")
    b.add_argument("source")
    b.add_argument("target")
    b.set_defaults(handler=cmd_codebook_merge)
    b = bsub.add_parser("retire", help="retire a theme (no new codings)")
    b.add_argument("code")
    b.add_argument("--undo", action="store_true", help="reinstate it")
    b.set_defaults(handler=cmd_codebook_retire)
    b = bsub.add_parser("accept", help="accept a researcher's proposed theme")
    b.add_argument("code")
    b.set_defaults(handler=cmd_codebook_accept)

    find = sub.add_parser("findings", help="conclusions per theme and their verification")
    fsub = find.add_subparsers(dest="findings_command", metavar="COMMAND", required=True)
    f = fsub.add_parser("list", help="findings, by theme")
    f.add_argument("--theme", metavar="CODE")
    f.add_argument("--site", metavar="S")
    f.add_argument("--status", choices=FINDING_STATUSES)
    f.add_argument("--json", action="store_true")
    f.set_defaults(handler=cmd_findings_list)
    f = fsub.add_parser("add", help="record a conclusion about a theme")
    f.add_argument("theme")
    f.add_argument("conclusion")
    f.add_argument("--site", metavar="S")
    f.add_argument("--status", choices=FINDING_STATUSES, default="tentative")
    f.add_argument("--evidence", nargs="*", default=[], metavar="ID",
                   help="answer or coding ids it rests on")  # fmt: skip
    f.add_argument("--incident", action="append", default=[], metavar="ID",
                   help="an incident it rests on (repeatable)")  # fmt: skip
    f.add_argument("--reason", default="", help="why this status (needed for verified)")
    f.set_defaults(handler=cmd_findings_add)
    f = fsub.add_parser("status", help="mark a finding tentative, verified or rejected")
    f.add_argument("id")
    f.add_argument("status", choices=FINDING_STATUSES)
    f.add_argument("--reason", default="", help="why (needed for verified; kept in the audit)")
    f.set_defaults(handler=cmd_findings_status)


# ---- triangulate -------------------------------------------------------------------------
def _language(args: argparse.Namespace, ctx: CliContext) -> str:
    return args.language or study_info(ctx.db).default_language


def cmd_triangulate(args: argparse.Namespace, ctx: CliContext) -> int:
    query = MatrixQuery(
        by=args.by, site=args.site, period=args.period, researcher=args.researcher,
        status=args.status, rollup=not args.no_rollup,
    )  # fmt: skip
    lang = _language(args, ctx)
    if args.evidence:
        return _print_incidents(args, ctx, query)
    if args.context:
        return _print_evidence(args, ctx, query, lang)
    if args.column or args.stance:
        raise NeutralitasError("--column goes with --evidence or --context THEME, --stance "
                               "with --context")  # fmt: skip
    matrix = triangulation_matrix(ctx.db, query)
    if args.format == "json":
        print(json.dumps(matrix_json(matrix), indent=2, ensure_ascii=False))
    elif args.format == "csv":
        _write_csv(matrix, lang)
    else:
        _print_table(matrix, lang)
    return 0


def _cell_json(cell: Any) -> dict[str, Any]:
    data = dict(vars(cell))
    data["incidents"] = list(cell.incidents)
    return data


def matrix_json(m: Matrix) -> dict[str, Any]:
    return {
        "query": vars(m.query),
        "thresholds": vars(m.thresholds),
        "columns": [vars(c) for c in m.columns],
        "rows": [
            {
                "theme": r.code,
                "label": r.label,
                "parent": r.parent_code,
                "depth": r.depth,
                "retired": r.retired,
                "cells": {
                    c.key: _cell_json(cell) for c, cell in zip(m.columns, r.cells, strict=True)
                },
                "total": _cell_json(r.total),
                "conclusion": {
                    "kind": r.conclusion.kind,
                    "decided_by": list(r.conclusion.decided_by),
                    "incidents": r.conclusion.incidents,
                },
                "context": vars(r.context),
            }
            for r in m.rows
        ],
    }


def _write_csv(m: Matrix, lang: str) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(
        ["theme", "label", "parent", "depth"]
        + [f"{c.key}_{k}" for c in m.columns for k in (*CORROBORATIONS, "lines")]
        + ["conclusion", "decided_by", "incidents"]
        + [f"context_{s}" for s in STANCES]
    )
    for r in m.rows:
        writer.writerow(
            [r.code, pick(r.label, lang), r.parent_code, r.depth]
            + [
                v
                for cell in r.cells
                for v in (*(cell.count(k) for k in CORROBORATIONS), cell.lines)
            ]
            + [r.conclusion.kind, " ".join(r.conclusion.decided_by), r.total.total]
            + [r.context.count(s) for s in STANCES]
        )


def cell_text(cell: Any) -> str:
    """A cell as the table prints it: incidents by corroboration, then lines (L)."""
    return " ".join(f"{cell.count(k)}{LETTER[k]}" for k in CORROBORATIONS) + f" {cell.lines}L"


def _print_table(m: Matrix, lang: str) -> None:
    width = max([len("theme")] + [len(r.code) + 2 * r.depth for r in m.rows]) + 2
    cells = [[cell_text(c) for c in r.cells] for r in m.rows]
    col_width = [
        max([len(c.key)] + [len(row[i]) for row in cells]) + 2 for i, c in enumerate(m.columns)
    ]
    head = "".join(c.key.ljust(w) for c, w in zip(m.columns, col_width, strict=True))
    conclusions = []
    for r in m.rows:
        text = r.conclusion.kind.replace("_", " ")
        if r.conclusion.decided_by:
            text += f" ({', '.join(r.conclusion.decided_by)})"
        conclusions.append(text)
    wide = max(len(x) for x in [*conclusions, "conclusion"]) + 2
    print("theme".ljust(width) + head + "conclusion".ljust(wide) + "context")
    for r, row, conclusion in zip(m.rows, cells, conclusions, strict=True):
        context = " ".join(f"{r.context.count(s)}{SHORT[s]}" for s in STANCES)
        name = ("  " * r.depth + r.code).ljust(width)
        say(
            name
            + "".join(t.ljust(w) for t, w in zip(row, col_width, strict=True))
            + conclusion.ljust(wide)
            + context
        )
    print(
        "\ncells: incidents C corroborated, S single line, X contradicted, U unattested; "
        "L lines of evidence. A theme's conclusion (simpulan triangulasi) is that of its "
        f"best-attested incident. Corroborated: at least {m.thresholds.corroboration} "
        "independent supporting lines. Context: answers V violation, N neutrality, ? unclear "
        "(never evidence)."
    )


def _print_incidents(args: argparse.Namespace, ctx: CliContext, query: MatrixQuery) -> int:
    items = cell_incidents(ctx.db, query, args.evidence, args.column)
    if args.format == "json":
        from neutralitas_desktop.cli.incident_commands import incident_json

        print(json.dumps([incident_json(i) for i in items], indent=2, ensure_ascii=False,
                         default=str))  # fmt: skip
        return 0
    for i in items:
        say(f"[{i.corroboration}] {i.date_start} {i.site_name}: {i.summary} ({i.id[:8]})")
        for x in i.lines:
            who = x.informant_code or "researcher"
            mark = "*" if x.deciding else " "
            say(f"   {mark} {x.kind:11} {x.technique:13} {who} {x.session_date:%Y-%m-%d}")
    print(f"{len(items)} incident(s)")
    return 0


def _print_evidence(
    args: argparse.Namespace, ctx: CliContext, query: MatrixQuery, lang: str
) -> int:
    items = cell_evidence(ctx.db, query, args.context, args.column, args.stance, lang)
    if args.format == "json":
        print(json.dumps([_evidence_json(e) for e in items], indent=2, ensure_ascii=False))
        return 0
    for e in items:
        who = e.informant_code or e.source_type
        role = f", {pick(e.role_label, lang) or e.role}" if e.role else ""
        say(
            f"[{e.stance}] {e.started_at:%Y-%m-%d} {who}{role}, {e.site_name} "
            f"({e.column}; session {e.session_id[:8]})"
        )
        say(f"    {e.label}")
    print(f"{len(items)} answer(s) (context, not evidence)")
    return 0


def _evidence_json(e: Any) -> dict[str, Any]:
    data = dict(vars(e))
    data["started_at"] = e.started_at.isoformat()
    for key in ("coding_ids", "coders", "memos"):
        data[key] = list(data[key])
    return data


# ---- codebook ---------------------------------------------------------------------------
def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".qdc"):
        raise NeutralitasError(f"{path}: use a .csv or a .qdc (REFI-QDA codebook) file")
    return suffix[1:]


def cmd_codebook_list(args: argparse.Namespace, ctx: CliContext) -> int:
    lang = _language(args, ctx)
    for t in list_themes(ctx.db):
        flags = (" (retired)" if t.retired else "") + (" (proposed)" if t.proposed else "")
        codings = f"  [{t.codings} codings]" if t.codings else ""
        say(f"{'  ' * t.depth}{t.code:32} {pick(t.label, lang)}{flags}{codings}")
    return 0


def cmd_codebook_export(args: argparse.Namespace, ctx: CliContext) -> int:
    if _kind(args.file) == "csv":
        n = export_csv(ctx.db, args.file)
    else:
        n = export_qdc(ctx.db, args.file, args.language)
    print(f"wrote {n} themes to {args.file}")
    return 0


def cmd_codebook_import(args: argparse.Namespace, ctx: CliContext) -> int:
    if _kind(args.file) == "csv":
        result = import_csv(ctx.db, ctx.actor, args.file)
    else:
        result = import_qdc(ctx.db, ctx.actor, args.file, args.language)
    print(
        f"{args.file}: {result.added} added, {result.updated} updated, {result.unchanged} unchanged"
    )
    return 0


def cmd_codebook_add(args: argparse.Namespace, ctx: CliContext) -> int:
    label = {study_info(ctx.db).default_language: args.label}
    if args.label_en:
        label["en"] = args.label_en
    add_theme(ctx.db, ctx.actor, args.code, label, args.parent)
    print(f"added theme {args.code}")
    return 0


def cmd_codebook_merge(args: argparse.Namespace, ctx: CliContext) -> int:
    change = merge_themes(ctx.db, ctx.actor, args.source, args.target)
    print(
        f"merged {args.source} into {args.target}: {change.codings_moved} codings and "
        f"{change.findings_moved} findings moved (their incidents too)"
    )
    return 0


def cmd_codebook_retire(args: argparse.Namespace, ctx: CliContext) -> int:
    change = retire_theme(ctx.db, ctx.actor, args.code, retired=not args.undo)
    print(f"{change.action} theme {args.code}")
    return 0


def cmd_codebook_accept(args: argparse.Namespace, ctx: CliContext) -> int:
    accept_theme(ctx.db, ctx.actor, args.code)
    print(f"accepted theme {args.code}")
    return 0


# ---- findings ---------------------------------------------------------------------------
def cmd_findings_list(args: argparse.Namespace, ctx: CliContext) -> int:
    items = list_findings(ctx.db, theme=args.theme, site=args.site, status=args.status)
    if args.json:
        out = []
        for f in items:
            data = dict(vars(f))
            data["evidence"] = list(f.evidence)
            data["incidents"] = list(f.incidents)
            data["created_at"] = f.created_at.isoformat()
            data["updated_at"] = f.updated_at.isoformat()
            out.append(data)
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    for f in items:
        site = f" @ {f.site_name}" if f.site_name else ""
        say(
            f"{f.id[:8]}  {f.theme_code}{site}  [{f.status}]  {f.conclusion}  "
            f"({len(f.incidents)} incident(s), {len(f.evidence)} excerpt(s))"
            + (" (status set before reasons were required)" if f.status_before_reasons else "")
        )
    return 0


def cmd_findings_add(args: argparse.Namespace, ctx: CliContext) -> int:
    f = add_finding(
        ctx.db, ctx.actor, args.theme, args.conclusion, status=args.status, site=args.site,
        evidence=args.evidence, incidents=args.incident, reason=args.reason,
    )  # fmt: skip
    print(f"added finding {f.id} ({f.status})")
    return 0


def cmd_findings_status(args: argparse.Namespace, ctx: CliContext) -> int:
    matches = [f for f in list_findings(ctx.db) if f.id.startswith(args.id)]
    if len(matches) != 1:
        raise NeutralitasError(
            f"no finding with id {args.id}" if not matches else f"id {args.id} is ambiguous"
        )
    f = update_finding(ctx.db, ctx.actor, matches[0].id, status=args.status, reason=args.reason)
    print(f"finding {f.id}: {f.status}")
    return 0
