"""Export commands: the Excel workbook, the PDF reports and the Word documents."""

from __future__ import annotations

import argparse

from neutralitas_desktop.cli.context import CliContext
from neutralitas_desktop.cli.operation import operation
from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.sessions import STATUSES
from neutralitas_desktop.reports.docx_export import export_docx
from neutralitas_desktop.reports.excel import ExcelOptions, export_excel
from neutralitas_desktop.reports.pdf_blank import export_blank
from neutralitas_desktop.reports.pdf_session import export_session
from neutralitas_desktop.reports.pdf_summary import export_summary
from neutralitas_desktop.reports.queries import ReportFilter
from neutralitas_desktop.vocabulary import DocxReport
from neutralitas_desktop.vocabulary.terms import values

REPORTS = ("summary", "session", "blank")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export the Excel workbook, a PDF report or a Word document")
    kinds = p.add_subparsers(dest="export_kind", metavar="KIND", required=True)

    x = kinds.add_parser("excel", help="the workbook for analysts (Excel, SPSS, Stata, R)")
    x.add_argument("out", metavar="OUT.xlsx")
    x.add_argument(
        "--anonymize",
        action="store_true",
        help="no identities; names, phones, e-mails, NIP, NIK typed into texts are redacted",
    )
    x.add_argument(
        "--include-names",
        action="store_true",
        help="add informants' real names and contacts (not with --anonymize)",
    )
    _filters(x)
    x.add_argument("--lang", choices=("id", "en"), help="label language (default: the study's)")
    x.set_defaults(handler=cmd_excel)

    pdf = kinds.add_parser("pdf", help="a PDF report: summary, session transcript, blank form")
    pdf.add_argument("out", metavar="OUT.pdf")
    pdf.add_argument(
        "--report",
        nargs="+",
        required=True,
        metavar="KIND",
        help="summary | session SESSION_ID | blank FORM_ID",
    )
    pdf.add_argument(
        "--lang",
        choices=("id", "en"),
        default=None,
        help="language of the report (default: Indonesian; a transcript "
        "defaults to the session's language)",
    )
    pdf.add_argument(
        "--version",
        dest="form_version",
        metavar="V",
        help="instrument version for a blank form (default: the newest)",
    )
    pdf.add_argument(
        "--anonymize",
        action="store_true",
        help="a transcript with identities redacted and images left out "
        "(the summary is always redacted)",
    )
    _filters(pdf)
    pdf.set_defaults(handler=cmd_pdf)

    word = kinds.add_parser("docx", help="a Word document for the thesis")
    word.add_argument("out", metavar="OUT.docx")
    word.add_argument("--report", required=True, choices=values(DocxReport))
    word.add_argument("--lang", choices=("id", "en"), help="language (default: the study's)")
    _filters(word)
    word.set_defaults(handler=cmd_docx)


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--site",
        action="append",
        default=[],
        metavar="SITE",
        help="only this site (name or id); repeat for several",
    )
    p.add_argument(
        "--status",
        nargs="+",
        default=[],
        choices=STATUSES,
        metavar="STATUS",
        help=f"only sessions with these statuses ({', '.join(STATUSES)})",
    )


def _filter(args: argparse.Namespace) -> ReportFilter:
    return ReportFilter(tuple(args.site), tuple(args.status))


def cmd_excel(args: argparse.Namespace, ctx: CliContext) -> int:
    options = ExcelOptions(_filter(args), args.anonymize, args.include_names, args.lang or "")
    with operation("excel") as running:
        result = export_excel(ctx.db, args.out, options, running.progress, running.cancel)
    ex = result.exclusions
    print(
        f"wrote {result.path}: {len(result.sheets)} sheets, {result.sessions} sessions, "
        f"{result.answers} answers, {result.informants} informants "
        f"(left out: {ex.withdrawn_informants} informants who withdrew consent with "
        f"{ex.withdrawn_answers} answers, {ex.irrelevant_answers} irrelevant answers)"
    )
    if options.anonymize:
        redacted = ", ".join(f"{n} {kind}" for kind, n in result.redacted if n)
        print(f"redacted: {redacted or 'nothing'}")
    return 0


def cmd_docx(args: argparse.Namespace, ctx: CliContext) -> int:
    with operation("docx") as running:
        path = export_docx(
            ctx.db, args.out, args.report, args.lang or "", _filter(args),
            progress=running.progress, cancel=running.cancel,
        )  # fmt: skip
    print(f"wrote {path}")
    return 0


def cmd_pdf(args: argparse.Namespace, ctx: CliContext) -> int:
    kind, *rest = args.report
    if kind not in REPORTS:
        raise NeutralitasError(f"unknown report '{kind}' (choose {', '.join(REPORTS)})")
    needs = {"summary": 0, "session": 1, "blank": 1}[kind]
    if len(rest) != needs:
        usage = {
            "summary": "--report summary",
            "session": "--report session SESSION_ID",
            "blank": "--report blank FORM_ID",
        }[kind]
        raise NeutralitasError(f"usage: {usage}")
    if kind == "summary":
        with operation("pdf") as running:
            path = export_summary(
                ctx.db, args.out, _filter(args), args.lang or "id", running.progress, running.cancel
            )
    elif kind == "session":
        path = export_session(ctx.db, args.out, rest[0], args.lang, anonymize=args.anonymize)
    else:
        path = export_blank(ctx.db, args.out, rest[0], args.lang or "id", args.form_version)
    print(f"wrote {path}")
    return 0
