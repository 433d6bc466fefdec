"""The summary's table of informants by category (informan kunci / utama / pendukung) and
by how they were chosen (purposive, snowball): what a thesis' method chapter reports."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from reportlab.platypus import KeepTogether, Paragraph, Spacer

from neutralitas_desktop.reports.pdf_common import CONTENT_WIDTH, esc, grid
from neutralitas_desktop.reports.texts import t
from neutralitas_desktop.vocabulary import InformantCategory, SelectionMethod, label


def category_table(
    by_category: Counter[tuple[str, str]], lang: str, p: Callable[[str, str], Paragraph]
) -> list[Any]:
    """Nothing when no informant has a category yet (a study made before it was asked)."""
    if not any(category or selection for category, selection in by_category):
        return []

    def name(kind: Any, code: str) -> str:
        return label(kind, code, lang) if code else t("not_set", lang)

    rows: list[list[Any]] = [
        [p(esc(t(k, lang)), "cell_head") for k in ("informant_category", "selection", "informants")]
    ]
    order = {c: i for i, c in enumerate(["key", "main", "supporting", ""])}
    for (category, selection), n in sorted(
        by_category.items(), key=lambda kv: (order.get(kv[0][0], 9), kv[0][1])
    ):
        rows.append(
            [
                p(esc(name(InformantCategory, category)), "cell"),
                p(esc(name(SelectionMethod, selection)), "cell"),
                n,
            ]
        )
    width = CONTENT_WIDTH * 0.8
    table = grid(rows, [width * 0.45, width * 0.35, width * 0.2])
    title = p(f"<b>{esc(t('table_categories', lang))}</b>", "small")
    return [Spacer(1, 8), KeepTogether([title, table])]
