"""The workbook's Agreement sheet: how far the coders of the double-coded sessions agree,
per theme and overall, before and after their disagreements were resolved."""

from __future__ import annotations

from neutralitas_desktop.instruments.model import pick
from neutralitas_desktop.reports.excel_cells import ColumnSpec, SheetWriter
from neutralitas_desktop.triangulation.agreement_types import AgreementReport, Figures

OVERALL = "(overall)"
AGREEMENT_COLUMNS = [
    ColumnSpec("theme_code", f"theme (Codebook sheet); {OVERALL} pools every theme", "key"),
    ColumnSpec("theme", "theme label", "text", width=40),
    ColumnSpec("coders", "the coders of the double-coded sessions", "text"),
    ColumnSpec("units", "free-text answers and notes of those sessions", "integer"),
    ColumnSpec("percent_agreement", "share of units on which every coder agrees", "number"),
    ColumnSpec("cohen_kappa", "Cohen's kappa (two coders only; empty if undefined)", "number"),
    ColumnSpec("krippendorff_alpha", "Krippendorff's alpha, nominal", "number"),
    ColumnSpec("percent_after", "percent agreement after resolved disagreements", "number"),
    ColumnSpec("kappa_after", "Cohen's kappa after resolved disagreements", "number"),
    ColumnSpec("alpha_after", "Krippendorff's alpha after resolved disagreements", "number"),
    ColumnSpec("open_disagreements", "units the coders still differ on", "integer"),
]


def _figures(f: Figures) -> list[float | None]:
    return [f.percent_agreement, f.cohen_kappa, f.krippendorff_alpha]


def write_agreement(sheet: SheetWriter, report: AgreementReport, language: str) -> None:
    sheet.header()
    coders = ", ".join(c.name for c in report.coders)
    for t in report.themes:
        sheet.write(
            [
                t.theme,
                pick(t.label, language, "id") or t.theme,
                coders,
                report.units,
                *_figures(t.before),
                *_figures(t.after),
                t.disagreements,
            ]
        )
    sheet.write(
        [
            OVERALL,
            "",
            coders,
            report.units,
            *_figures(report.overall_before),
            *_figures(report.overall_after),
            sum(t.disagreements for t in report.themes),
        ]
    )
    sheet.finish()
