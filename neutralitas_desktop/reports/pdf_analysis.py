"""The analysis sections of the study summary PDF: the triangulation matrix (incidents by
corroboration, the simpulan per theme, the answers as context), the analytic audit trail
(who decided what, when and why) and the member checks.

Functions over the summary's story builder (``pdf_summary.SummaryStory``), which holds the
data, the language and the paragraph styles."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from neutralitas_desktop.reports import texts
from neutralitas_desktop.reports.charts import Series, stacked_bars
from neutralitas_desktop.reports.pdf_common import (
    CONCLUSION_FILL,
    CONTENT_WIDTH,
    STANCE_INK,
    Heading,
    esc,
    grid,
)
from neutralitas_desktop.reports.texts import t

KINDS = ("corroborated", "single_line", "contradicted", "unattested")
SHORT = {
    "id": {"violation": "P", "neutrality": "N", "unclear": "?"},
    "en": {"violation": "V", "neutrality": "N", "unclear": "?"},
}
# Incidents by corroboration, then lines: the letters the matrix's legend explains.
LETTERS = {
    "id": {"corroborated": "T", "single_line": "S", "contradicted": "B", "unattested": "X",
           "lines": "J"},
    "en": {"corroborated": "C", "single_line": "S", "contradicted": "X", "unattested": "U",
           "lines": "L"},
}  # fmt: skip


def cell_text(cell: Any, lang: str) -> str:
    """A matrix cell: incidents by corroboration and the lines of evidence."""
    if not cell.total:
        return "–"
    letters = LETTERS.get(lang, LETTERS["en"])
    parts = [f"<b>{letters[k]}</b>&nbsp;{cell.count(k)}" for k in KINDS]
    return "&nbsp; ".join(parts) + f" · {letters['lines']}&nbsp;{cell.lines}"


def conclusion_text(conclusion: Any, lang: str) -> str:
    text = f"<b>{esc(texts.label(texts.CONCLUSIONS, conclusion.kind, lang))}</b>"
    if conclusion.incidents:
        text += f" ({conclusion.incidents})"
    return text


def matrix_section(story: Any) -> list[Any]:
    d, lang = story.d, story.lang
    m = d.matrix
    out: list[Any] = [
        PageBreak(),
        Heading(f"3. {esc(t('matrix', lang))}", story.s["h1"], 0),
        story.p(esc(t("matrix_intro", lang)), "small"),
        Spacer(1, 4),
    ]
    keys = [c.key for c in m.columns]
    head = [
        t("theme", lang),
        *(story.name(c.label) for c in m.columns),
        t("conclusion", lang),
        t("context", lang),
    ]
    rows: list[list[Any]] = [[story.p(esc(h), "cell_head") for h in head]]
    extra: list[tuple[Any, ...]] = []
    short = SHORT.get(lang, SHORT["en"])
    for r, row in enumerate(m.rows, start=1):
        indent = "&nbsp;" * 4 * row.depth
        name = esc(story.name(row.label) or row.code)
        context = "&nbsp; ".join(
            f"{short[s]}&nbsp;{row.context.count(s)}"
            for s in ("violation", "neutrality", "unclear")
        )
        rows.append(
            [
                story.p(indent + (f"<b>{name}</b>" if row.depth == 0 else name), "cell"),
                *(story.p(cell_text(cell, lang), "matrix_cell") for cell in row.cells),
                story.p(conclusion_text(row.conclusion, lang), "cell"),
                story.p(context, "matrix_cell"),
            ]
        )
        for c, key in enumerate(keys, start=1):
            if key in row.conclusion.decided_by:
                extra.append(("BACKGROUND", (c, r), (c, r), CONCLUSION_FILL[row.conclusion.kind]))
        fill = CONCLUSION_FILL.get(row.conclusion.kind, colors.white)
        extra.append(("BACKGROUND", (len(keys) + 1, r), (len(keys) + 1, r), fill))
    w = CONTENT_WIDTH
    first, conclusion_w, context_w = w * 0.18, w * 0.21, w * 0.11
    col_w = (CONTENT_WIDTH - first - conclusion_w - context_w) / max(len(keys), 1)
    out.append(grid(rows, [first] + [col_w] * len(keys) + [conclusion_w, context_w], extra=extra))
    out.append(Spacer(1, 12))
    out += _chart(story)
    return out


def _chart(story: Any) -> list[Any]:
    m, lang = story.d.matrix, story.lang
    leaves = sorted(
        (r for r in m.rows if r.depth > 0 and r.total.total),
        key=lambda r: (-r.total.corroborated, -r.total.total, r.code),
    )[:12]
    if not leaves:
        return []
    names = [story.name(r.label) or r.code for r in leaves]
    series = [
        Series(
            texts.label(texts.CORROBORATION, "corroborated", lang),
            tuple(float(r.total.corroborated) for r in leaves),
            STANCE_INK["violation"],
        ),
        Series(
            t("incidents", lang),
            tuple(float(r.total.total - r.total.corroborated) for r in leaves),
            STANCE_INK["unclear"],
        ),
    ]
    chart = stacked_bars(
        names, series, CONTENT_WIDTH, stacked=False, title=t("chart_themes", lang), label_chars=44
    )
    return [KeepTogether([chart])]


def audit_section(story: Any) -> list[Any]:
    """The analytic audit trail and the member checks."""
    d, lang = story.d, story.lang
    out: list[Any] = [
        PageBreak(),
        Heading(f"5. {esc(t('audit', lang))}", story.s["h1"], 0),
        story.p(esc(t("audit_intro", lang)), "small"),
        Spacer(1, 4),
    ]
    if d.audit:
        rows: list[list[Any]] = [
            [story.p(esc(t(h, lang)), "cell_head") for h in ("when", "who", "action", "reason")]
        ]
        for e in d.audit:
            rows.append(
                [
                    story.p(esc(f"{e.at:%Y-%m-%d %H:%M}"), "cell"),
                    story.p(esc(e.researcher or "—"), "cell"),
                    story.p(esc(f"{e.action} ({e.entity_id[:8]})"), "cell"),
                    story.p(esc(e.reason or "—"), "cell"),
                ]
            )
        w = CONTENT_WIDTH
        out.append(grid(rows, [w * 0.16, w * 0.18, w * 0.3, w * 0.36]))
    else:
        out.append(story.p(esc(t("no_audit", lang))))
    out += [Spacer(1, 10), Heading(f"5.1 {esc(t('member_checks', lang))}", story.s["h2"], 1)]
    if not d.member_checks:
        return [*out, story.p(esc(t("no_member_checks", lang)))]
    rows = [
        [
            story.p(esc(t(h, lang)), "cell_head")
            for h in ("when", "informant", "given_back", "response")
        ]
    ]
    for c in d.member_checks:
        response = texts.label(texts.MEMBER_CHECK_RESPONSES, c.response, lang)
        note = f" — {c.response_note}" if c.response_note else ""
        rows.append(
            [
                story.p(esc(str(c.given_on)), "cell"),
                story.p(esc(c.informant_code), "cell"),
                story.p(esc(c.given), "cell"),
                story.p(esc(response + note), "cell"),
            ]
        )
    w = CONTENT_WIDTH
    out.append(grid(rows, [w * 0.14, w * 0.16, w * 0.34, w * 0.36]))
    return out
