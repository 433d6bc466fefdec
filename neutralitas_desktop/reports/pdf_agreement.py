"""The summary PDF's section on coder agreement (triangulasi peneliti): the coders, the
double-coded units, and per theme percent agreement, Cohen's kappa and Krippendorff's
alpha, before and after the coders resolved their disagreements."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from neutralitas_desktop.instruments.model import pick
from neutralitas_desktop.reports.pdf_common import CONTENT_WIDTH, FONT, NAVY, RULE, Heading, esc
from neutralitas_desktop.triangulation.agreement_types import AgreementReport, Figures

TEXTS: dict[str, dict[str, str]] = {
    "title": {
        "id": "Kesepakatan antarpengode (triangulasi peneliti)",
        "en": "Agreement between coders (investigator triangulation)",
    },
    "intro": {
        "id": "{units} unit teks (jawaban terbuka dan catatan lapangan) dari sesi yang dikode "
        "ganda secara buta oleh {coders}. Persentase kesepakatan, kappa Cohen (dua pengode) dan "
        "alfa Krippendorff (nominal) per tema; kolom \u201csesudah\u201d menghitung "
        "ketidaksepakatan yang telah diselesaikan ({resolved}) sebagai sepakat.",
        "en": "{units} text units (open answers and field notes) of the sessions double-coded "
        "blind by {coders}. Percent agreement, Cohen's kappa (two coders) and Krippendorff's "
        "alpha (nominal) per theme; the \u201cafter\u201d columns count the resolved "
        "disagreements ({resolved}) as agreed.",
    },
    "theme": {"id": "Tema", "en": "Theme"},
    "overall": {"id": "Keseluruhan", "en": "Overall"},
    "agree": {"id": "% sepakat", "en": "% agree"},
    "after": {"id": "sesudah", "en": "after"},
    "open": {"id": "Belum selesai", "en": "Open"},
}


def _t(key: str, lang: str) -> str:
    return TEXTS[key].get(lang) or TEXTS[key]["en"]


def _n(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value * 100:.0f}%" if percent else f"{value:.2f}"


def _cells(f: Figures) -> list[str]:
    return [_n(f.percent_agreement, True), _n(f.cohen_kappa), _n(f.krippendorff_alpha)]


def agreement_section(
    report: AgreementReport | None, lang: str, s: dict[str, Any], number: str
) -> list[Any]:
    """Nothing when no session was double coded."""
    if report is None or not report.coders:
        return []
    coders = ", ".join(c.name for c in report.coders)
    intro = _t("intro", lang).format(units=report.units, coders=coders, resolved=report.resolved)
    after = _t("after", lang)
    head = [_t("theme", lang), _t("agree", lang), "κ", "α", f"% ({after})", f"κ ({after})",
            f"α ({after})", _t("open", lang)]  # fmt: skip
    rows: list[list[Any]] = [[Paragraph(esc(h), s["cell_head"]) for h in head]]
    for t in report.themes:
        name = pick(t.label, lang, "id") or t.theme
        rows.append([Paragraph(esc(name), s["cell"]), *_cells(t.before), *_cells(t.after),
                     str(t.disagreements)])  # fmt: skip
    open_total = str(sum(t.disagreements for t in report.themes))
    overall = Paragraph(f"<b>{esc(_t('overall', lang))}</b>", s["cell"])
    totals = [*_cells(report.overall_before), *_cells(report.overall_after), open_total]
    rows.append([overall, *totals])
    w = CONTENT_WIDTH
    table = Table(rows, colWidths=[w * 0.3] + [w * 0.1] * 7, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), NAVY),
            ]
        )
    )
    return [
        Heading(f"{number} {esc(_t('title', lang))}", s["h2"], 1),
        Paragraph(esc(intro), s["small"]),
        Spacer(1, 4),
        table,
    ]
