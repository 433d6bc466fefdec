"""Form commands: list, validate, show."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from neutralitas_desktop.cli.context import CliContext
from neutralitas_desktop.cli.terminal import say
from neutralitas_desktop.errors import InstrumentError
from neutralitas_desktop.fieldwork.instruments import get_instrument, list_instruments
from neutralitas_desktop.instruments.study_template import STUDY_FILE, load_study_template
from neutralitas_desktop.instruments.toml_format import load_instrument_with_warnings


def register(sub: argparse._SubParsersAction) -> None:
    forms = sub.add_parser("forms", help="instruments: list, validate, show, import, export")
    fsub = forms.add_subparsers(dest="forms_command", metavar="COMMAND", required=True)

    p = fsub.add_parser("list", help="instrument versions in the study")
    p.set_defaults(handler=cmd_list)

    p = fsub.add_parser("validate", help="validate instrument TOML files (or a study folder)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.set_defaults(handler=cmd_validate)

    p = fsub.add_parser("show", help="print an instrument of the study")
    p.add_argument("form", metavar="ID", help="form id (newest version) or instrument row id")
    p.add_argument("--version", dest="form_version", help="a specific version")
    p.add_argument("--json", action="store_true", help="the normalised instrument as JSON")
    p.set_defaults(handler=cmd_show)
    forms.set_defaults(subparsers=fsub)


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    for info in list_instruments(ctx.db):
        title = info.title.get("id") or next(iter(info.title.values()), "")
        say(
            f"{info.form_id:32} {info.version:10} {info.source_type:14} "
            f"{info.questions:4} questions  {title}"
        )
    return 0


def cmd_validate(args: argparse.Namespace, ctx: CliContext) -> int:
    failures: list[str] = []
    for path in args.paths:
        try:
            if path.is_dir() or path.name == STUDY_FILE:
                folder = path if path.is_dir() else path.parent
                template = load_study_template(folder)
                print(
                    f"{folder}: ok ({len(template.instruments)} instruments, "
                    f"{len(template.themes)} themes, {len(template.roles)} roles)"
                )
                continue
            instrument, warnings = load_instrument_with_warnings(path)
        except InstrumentError as exc:
            failures.append(str(exc))
            continue
        print(
            f"{path}: ok ({instrument.id} {instrument.version}, "
            f"{len(instrument.questions())} questions)"
        )
        for warning in warnings:
            print(f"{path}: warning: {warning}")
    for failure in failures:
        print(f"neutralitas: error: {failure}", file=sys.stderr)
    return 1 if failures else 0


def cmd_show(args: argparse.Namespace, ctx: CliContext) -> int:
    row_id, instrument = get_instrument(ctx.db, args.form, args.form_version)
    if args.json:
        print(
            json.dumps(
                {"instrument_id": row_id, **instrument.to_dict()}, ensure_ascii=False, indent=2
            )
        )
        return 0
    lang = instrument.default_language
    print(
        f"{instrument.id} {instrument.version} ({instrument.source_type}) "
        f"{instrument.text(instrument.title, lang)}"
    )
    for parents, node in instrument.walk():
        indent = "  " * len(parents)
        kind = getattr(node, "type", "repeat" if getattr(node, "repeat", False) else "group")
        say(f"{indent}{node.name} [{kind}] {instrument.text(node.label, lang)}")
    return 0
