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
from neutralitas_desktop.triangulation.matrix import cell_evidence, triangulation_matrix
from neutralitas_desktop.triangulation.types import (
    FINDING_STATUSES,
    GROUPINGS,
    STANCES,
    Matrix,
    MatrixQuery,
)

SHORT = {"violation": "V", "neutrality": "N", "unclear": "?"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "triangulate",
        help="the triangulation matrix and verdicts (or one cell's evidence)",
        description="Rows are themes, columns the sources of the chosen grouping; each cell "
        "counts evidence as violation / neutrality / unclear.",
    )
    p.add_argument(
        "--by",
        choices=GROUPINGS,
        default="technique",
        help="technique: source types; source: informant roles; time: periods",
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
    p.add_argument("--evidence", metavar="THEME", help="list the evidence of a theme instead")
    p.add_argument("--column", metavar="KEY", help="with --evidence: only this column")
    p.add_argument("--stance", choices=STANCES, help="with --evidence: only this stance")
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
    f.set_defaults(handler=cmd_findings_add)
    f = fsub.add_parser("status", help="mark a finding tentative, verified or rejected")
    f.add_argument("id")
    f.add_argument("status", choices=FINDING_STATUSES)
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
        return _print_evidence(args, ctx, query, lang)
    if args.column or args.stance:
        raise NeutralitasError("--column and --stance go with --evidence THEME")
    matrix = triangulation_matrix(ctx.db, query)
    if args.format == "json":
        print(json.dumps(matrix_json(matrix), indent=2, ensure_ascii=False))
    elif args.format == "csv":
        _write_csv(matrix, lang)
    else:
        _print_table(matrix, lang)
    return 0


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
                "cells": {c.key: vars(cell) for c, cell in zip(m.columns, r.cells, strict=True)},
                "total": vars(r.total),
                "verdict": {
                    "kind": r.verdict.kind,
                    "stance": r.verdict.stance,
                    "decided_by": list(r.verdict.decided_by),
                    "supporting": r.verdict.supporting,
                },
            }
            for r in m.rows
        ],
    }


def _write_csv(m: Matrix, lang: str) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(
        ["theme", "label", "parent", "depth"]
        + [f"{c.key}_{s}" for c in m.columns for s in STANCES]
        + ["verdict", "verdict_stance", "decided_by"]
    )
    for r in m.rows:
        writer.writerow(
            [r.code, pick(r.label, lang), r.parent_code, r.depth]
            + [cell.count(s) for cell in r.cells for s in STANCES]
            + [r.verdict.kind, r.verdict.stance, " ".join(r.verdict.decided_by)]
        )


def _print_table(m: Matrix, lang: str) -> None:
    width = max([len("theme")] + [len(r.code) + 2 * r.depth for r in m.rows]) + 2
    cells = [[" ".join(f"{c.count(s)}{SHORT[s]}" for s in STANCES) for c in r.cells]
             for r in m.rows]  # fmt: skip
    col_width = [
        max([len(c.key)] + [len(row[i]) for row in cells]) + 2 for i, c in enumerate(m.columns)
    ]
    head = "".join(c.key.ljust(w) for c, w in zip(m.columns, col_width, strict=True))
    print("theme".ljust(width) + head + "verdict")
    for r, row in zip(m.rows, cells, strict=True):
        v = r.verdict
        verdict = v.kind.replace("_", " ")
        if v.stance:
            verdict += f": {v.stance}"
        if v.decided_by:
            verdict += f" ({', '.join(v.decided_by)})"
        name = ("  " * r.depth + r.code).ljust(width)
        say(name + "".join(t.ljust(w) for t, w in zip(row, col_width, strict=True)) + verdict)
    t = m.thresholds
    print(
        f"\ncells: V violation, N neutrality, ? unclear (answers). Verdict thresholds: "
        f"{t.min_source_types} source(s), {t.min_evidence_per_cell} piece(s) per cell."
    )


def _print_evidence(
    args: argparse.Namespace, ctx: CliContext, query: MatrixQuery, lang: str
) -> int:
    items = cell_evidence(ctx.db, query, args.evidence, args.column, args.stance, lang)
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
    print(f"{len(items)} piece(s) of evidence")
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
        f"{change.findings_moved} findings moved"
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
            data["created_at"] = f.created_at.isoformat()
            data["updated_at"] = f.updated_at.isoformat()
            out.append(data)
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    for f in items:
        site = f" @ {f.site_name}" if f.site_name else ""
        say(
            f"{f.id[:8]}  {f.theme_code}{site}  [{f.status}]  {f.conclusion}  "
            f"({len(f.evidence)} evidence)"
        )
    return 0


def cmd_findings_add(args: argparse.Namespace, ctx: CliContext) -> int:
    f = add_finding(
        ctx.db, ctx.actor, args.theme, args.conclusion, status=args.status, site=args.site,
        evidence=args.evidence,
    )  # fmt: skip
    print(f"added finding {f.id} ({f.status})")
    return 0


def cmd_findings_status(args: argparse.Namespace, ctx: CliContext) -> int:
    matches = [f for f in list_findings(ctx.db) if f.id.startswith(args.id)]
    if len(matches) != 1:
        raise NeutralitasError(
            f"no finding with id {args.id}" if not matches else f"id {args.id} is ambiguous"
        )
    f = update_finding(ctx.db, ctx.actor, matches[0].id, status=args.status)
    print(f"finding {f.id}: {f.status}")
    return 0
