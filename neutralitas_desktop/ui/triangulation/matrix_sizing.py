"""Column widths for the matrix table so that a 1280×720 laptop shows the themes, every
source column and the outcome: long theme names and headers are elided (their tooltips
hold them whole), and the widths follow the window when it is resized."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

THEME_MAX = 300  # pixels; a longer theme name is elided
THEME_SHARE = 0.25  # ... and the theme column never takes more than this of the view
THEME_MIN = 140
SOURCE_MIN = 64  # "12 · 3 · 0" still reads
OUTCOME_MAX = 220


def fit_matrix_columns(table: QTableView) -> None:
    """Theme column to its content within bounds, the outcome (last) column to its content
    up to OUTCOME_MAX, and the source columns share what is left (at least SOURCE_MIN)."""
    header = table.horizontalHeader()
    count = header.count()
    if count < 2:
        return
    header.setStretchLastSection(False)
    for column in range(count):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    table.resizeColumnsToContents()
    available = table.viewport().width()
    theme = max(THEME_MIN, min(THEME_MAX, int(available * THEME_SHARE), header.sectionSize(0)))
    outcome = min(OUTCOME_MAX, header.sectionSize(count - 1))
    sources = count - 2
    share = (available - theme - outcome) // sources if sources else 0
    header.resizeSection(0, theme)
    header.resizeSection(count - 1, outcome)
    for column in range(1, count - 1):
        header.resizeSection(column, max(SOURCE_MIN, min(header.sectionSize(column), share)))


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
