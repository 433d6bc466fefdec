"""ODK / KoboToolbox commands: `forms import-xlsform`, `forms export-xlsform` and
`sessions import-odk`.

They join the `forms` and `sessions` command groups: an existing group is extended
through the sub-parsers it keeps in its defaults (``subparsers``); a missing one is made
here, keeping its sub-parsers the same way for later modules.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from neutralitas_desktop.cli.context import CliContext
from neutralitas_desktop.cli.operation import operation
from neutralitas_desktop.interop.odk_submissions import import_odk_submissions
from neutralitas_desktop.interop.xlsform_study import (
    export_study_instrument,
    import_xlsform_to_study,
)

Subparsers = argparse._SubParsersAction


def _group(sub: Subparsers, name: str, help_text: str) -> Subparsers:
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help_text)
        inner = parser.add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)
        parser.set_defaults(subparsers=inner)
    return parser.get_default("subparsers")


def register(sub: Subparsers) -> None:
    forms = _group(sub, "forms", "instruments: list, validate, show, import, export")
    p = forms.add_parser(
        "import-xlsform",
        help="import an XLSForm (ODK / KoboToolbox) as a new instrument version",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the XLSForm workbook (.xlsx)")
    p.add_argument("--out", type=Path, metavar="PATH", help="also write the instrument as TOML")
    p.add_argument(
        "--lenient",
        action="store_true",
        help="convert what this app cannot represent (GPS, audio, external choices, …) to "
        "text questions or notes instead of refusing the form",
    )
    p.set_defaults(handler=cmd_import_xlsform)

    p = forms.add_parser("export-xlsform", help="write an instrument as an XLSForm workbook")
    p.add_argument("form", metavar="ID", help="form id (newest version) or instrument row id")
    p.add_argument("out", type=Path, metavar="OUT.xlsx")
    p.add_argument("--version", dest="form_version", help="a specific version")
    p.set_defaults(handler=cmd_export_xlsform)

    sessions = _group(sub, "sessions", "field sessions")
    p = sessions.add_parser(
        "import-odk",
        help="import the submissions of an ODK Central / Briefcase / KoboToolbox data export",
    )
    p.add_argument("form", metavar="FORM_ID", help="the form the data was collected with")
    p.add_argument(
        "data",
        type=Path,
        metavar="DATA",
        help="the export: .csv (repeat files beside it), ODK Central's .zip, or Kobo's .xlsx",
    )
    p.add_argument("--site", required=True, metavar="NAME", help="site (created if new)")
    p.add_argument(
        "--source-role",
        metavar="R",
        help="informant role of interview submissions (one informant is added per submission)",
    )
    p.add_argument("--version", dest="form_version", help="a specific version of the form")
    p.set_defaults(handler=cmd_import_odk)


def cmd_import_xlsform(args: argparse.Namespace, ctx: CliContext) -> int:
    done = import_xlsform_to_study(
        ctx.db, ctx.actor, args.file, lenient=args.lenient, toml_out=args.out
    )
    for conversion in done.result.conversions:
        print(f"{args.file}: converted: {conversion}")
    for warning in done.result.warnings:
        print(f"{args.file}: warning: {warning}")
    form = done.instrument
    what = "imported" if done.created else "already in the study:"
    print(
        f"{what} {form.id} {form.version} ({len(form.questions())} questions) as instrument "
        f"{done.instrument_id}"
    )
    if args.out:
        print(f"wrote {args.out}")
    return 0


def cmd_export_xlsform(args: argparse.Namespace, ctx: CliContext) -> int:
    form = export_study_instrument(ctx.db, args.form, args.out, args.form_version)
    print(f"wrote {args.out} ({form.id} {form.version}, {len(form.questions())} questions)")
    return 0


def cmd_import_odk(args: argparse.Namespace, ctx: CliContext) -> int:
    with operation("import") as running:
        result = import_odk_submissions(
            ctx.db,
            ctx.actor,
            args.form,
            args.data,
            site=args.site,
            source_role=args.source_role,
            version=args.form_version,
            progress=running.progress,
            cancel=running.cancel,
        )
    for warning in result.warnings:
        print(f"warning: {warning}")
    print(
        f"imported {result.added} sessions ({result.answers} answers) of {result.form_id} "
        f"{result.version} into site '{result.site}'; {result.edited} edited, "
        f"{result.skipped} already imported, {result.reviewed} review states applied"
    )
    return 0
