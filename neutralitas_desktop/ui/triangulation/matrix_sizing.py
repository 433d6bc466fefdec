"""Column widths for the matrix table so that a 1280×720 laptop shows the themes, the
outcome (placed beside the theme) and as many source columns as fit: long theme names and
headers are elided (their tooltips hold them whole), and the widths follow the window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

THEME_MAX = 300  # pixels; a longer theme name is elided
THEME_SHARE = 0.25  # ... and the theme column never takes more than this of the view
THEME_MIN = 140
SOURCE_MIN = 64  # "12 · 3 · 0" still reads
OUTCOME_MAX = 220


def fit_matrix_columns(table: QTableView, outcomes: int = 2) -> None:
    """Theme column to its content within bounds; the last ``outcomes`` columns (the
    *simpulan triangulasi* and the answers' context) moved beside the theme, each to its
    content up to OUTCOME_MAX; the source columns share what is left (at least SOURCE_MIN)."""
    header = table.horizontalHeader()
    count = header.count()
    if count < 2 + outcomes - 1:
        return
    header.setStretchLastSection(False)
    header.setTextElideMode(Qt.TextElideMode.ElideRight)
    tail = list(range(count - outcomes, count))
    # the outcome stays in view however many source columns there are (a visual move
    # only: the model's columns keep their order)
    for place, column in enumerate(tail, start=1):
        if header.visualIndex(column) != place:
            header.moveSection(header.visualIndex(column), place)
    for column in range(count):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    table.resizeColumnsToContents()
    available = table.viewport().width()
    wanted = header.sectionSize(0)
    theme = max(THEME_MIN, min(THEME_MAX, int(available * THEME_SHARE), wanted))
    fixed = {column: min(OUTCOME_MAX, header.sectionSize(column)) for column in tail}
    source_columns = range(1, count - outcomes)
    left = available - theme - sum(fixed.values())
    share = left // len(source_columns) if len(source_columns) else 0
    widths = {c: max(SOURCE_MIN, min(header.sectionSize(c), share)) for c in source_columns}
    spare = left - sum(widths.values())
    if spare > 0:  # few source columns: the themes may have their whole names
        theme = min(wanted, theme + spare)
    header.resizeSection(0, theme)
    for column, width in {**fixed, **widths}.items():
        header.resizeSection(column, width)


class MatrixColumnFitter(QObject):
    """Refits the columns whenever the table is resized."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize:
            fit_matrix_columns(self.table)
        return False
