"""`neutralitas casefile`: an incident's case file for Bawaslu / Panwascam, BKN or the
regent, and its evidence archive."""

from __future__ import annotations

import argparse

from neutralitas_desktop.cli.context import CliContext
from neutralitas_desktop.cli.incident_commands import find_incident
from neutralitas_desktop.reports.casefile import export_case_file


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "casefile",
        help="an incident's case file (berkas dugaan pelanggaran) as PDF, with its evidence",
    )
    p.add_argument(
        "incident", metavar="INCIDENT", help="the incident's id (or an unambiguous prefix)"
    )
    p.add_argument("out", metavar="OUT.pdf")
    p.add_argument(
        "--evidence",
        metavar="OUT.zip",
        help="also write the evidence files with a manifest of their SHA-256 hashes",
    )
    p.add_argument("--lang", choices=("id", "en"), default="id", help="language (default: id)")
    p.set_defaults(handler=cmd_casefile)


def cmd_casefile(args: argparse.Namespace, ctx: CliContext) -> int:
    incident = find_incident(ctx, args.incident)
    result = export_case_file(ctx.db, incident.id, args.out, args.evidence, args.lang)
    print(
        f"wrote {result.pdf}: {result.lines} lines of evidence "
        f"({result.role_only} described by role only); report by {result.deadline}"
    )
    if result.archive is not None:
        print(f"wrote {result.archive}: {result.files} evidence files with their SHA-256")
    return 0
