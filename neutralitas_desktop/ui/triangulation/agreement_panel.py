"""Coder agreement: the figures per theme, and each unit the coders differ on side by side;
resolving one records the agreed coding and the reason (an audit event), and the figures
before and after both stay on screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.operations import Kind
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.triangulation.labels import local, stance_name
from neutralitas_desktop.vocabulary import Stance

if TYPE_CHECKING:
    from neutralitas_desktop.triangulation.agreement_types import (
        AgreementReport,
        Disagreement,
        Figures,
    )
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench


def _n(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value * 100:.0f}%" if percent else f"{value:.3f}"


class AgreementPanel(QWidget):
    # What it shows: double-coded passages.
    SHOWS = frozenset({Kind.CODINGS, Kind.THEMES})
    resolved = Signal()

    def __init__(
        self, workbench: TriangulationWorkbench, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Coder agreement"))
        self.workbench = workbench
        self.language = language
        self.report: AgreementReport | None = None
        self.items: list[Disagreement] = []
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.figures = QTableWidget(0, 8, self)
        self.figures.setHorizontalHeaderLabels(
            [
                self.tr("Theme"),
                self.tr("% agree"),
                "κ",
                "α",
                self.tr("% after"),
                self.tr("κ after"),
                self.tr("α after"),
                self.tr("Open"),
            ]
        )
        self.figures.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.figures, 1)
        split = QSplitter(self)
        self.list = QListWidget(split)
        self.list.currentRowChanged.connect(self._on_selected)
        right = QWidget(split)
        right_layout = QVBoxLayout(right)
        self.unit = QLabel(right)
        self.unit.setWordWrap(True)
        right_layout.addWidget(self.unit)
        self.sides = QTableWidget(0, 0, right)
        self.sides.setVerticalHeaderLabels([])
        self.sides.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.sides.setWordWrap(True)
        self.sides.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        right_layout.addWidget(self.sides, 1)
        form = QFormLayout()
        self.applied = QComboBox(right)
        self.applied.addItem(self.tr("The theme applies"), True)
        self.applied.addItem(self.tr("The theme does not apply"), False)
        self.stance = QComboBox(right)
        for code in Stance:
            self.stance.addItem(stance_name(code), code.value)
        self.reason = QLineEdit(right)
        self.reason.setPlaceholderText(self.tr("Why the coders agreed on this"))
        form.addRow(self.tr("Agreed coding"), self.applied)
        form.addRow(self.tr("Stance"), self.stance)
        form.addRow(self.tr("Reason"), self.reason)
        right_layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.resolve_button = QPushButton(self.tr("Resolve"), right)
        self.resolve_button.clicked.connect(self._on_resolve)
        buttons.addWidget(self.resolve_button)
        right_layout.addLayout(buttons)
        split.setStretchFactor(1, 2)
        split.setSizes([380, 820])
        layout.addWidget(split, 3)
        self.reload()

    def reload(self) -> None:
        self.report = self.workbench.agreement()
        self.items = self.workbench.disagreements()
        report = self.report
        if not report.coders:
            self.summary.setText(
                self.tr("No session is double coded yet (neutralitas agreement assign).")
            )
        else:
            coders = ", ".join(
                self.tr("{name} ({done} of {sessions} done)").format(
                    name=c.name, done=c.done, sessions=c.sessions
                )
                for c in report.coders
            )
            self.summary.setText(
                self.tr(
                    "{units} units coded by {coders}; {resolved} disagreements resolved."
                ).format(units=report.units, coders=coders, resolved=report.resolved)
            )
        rows = [
            (local(t.label, self.language, t.theme), t.before, t.after, t.disagreements)
            for t in report.themes
        ]
        rows.append(
            (
                self.tr("Overall"),
                report.overall_before,
                report.overall_after,
                sum(t.disagreements for t in report.themes),
            )
        )
        self.figures.setRowCount(len(rows))
        for r, (name, before, after, open_count) in enumerate(rows):
            cells = [name, *self._cells(before), *self._cells(after), str(open_count)]
            for c, text in enumerate(cells):
                self.figures.setItem(r, c, QTableWidgetItem(text))
        self.figures.resizeColumnsToContents()
        self.list.clear()
        for d in self.items:
            where = d.unit.key if d.unit.start is None else self.tr("transcript")
            text = f"{local(d.theme_label, self.language, d.theme)} — {where}"
            QListWidgetItem(text, self.list)
        self.resolve_button.setEnabled(bool(self.items))
        if self.items:
            self.list.setCurrentRow(0)
        else:
            self.unit.setText(self.tr("No open disagreement."))
            self.sides.setRowCount(0)
            self.sides.setColumnCount(0)

    @staticmethod
    def _cells(f: Figures) -> list[str]:
        return [_n(f.percent_agreement, True), _n(f.cohen_kappa), _n(f.krippendorff_alpha)]

    def _on_selected(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        d = self.items[row]
        self.unit.setText(d.unit.text)
        self.sides.clear()
        self.sides.setColumnCount(len(d.sides))
        self.sides.setRowCount(4)
        self.sides.setHorizontalHeaderLabels([side.coder for side in d.sides])
        self.sides.setVerticalHeaderLabels(
            [self.tr("Applied"), self.tr("Passages"), self.tr("Stance"), self.tr("Memo")]
        )
        for c, side in enumerate(d.sides):
            applied = {True: self.tr("Yes"), False: self.tr("No"), None: "–"}[side.applied]
            values = [
                applied,
                "\n".join(f"“{e}”" for e in side.excerpts),
                ", ".join(stance_name(s) for s in side.stances),
                "\n".join(side.memos),
            ]
            for r, text in enumerate(values):
                self.sides.setItem(r, c, QTableWidgetItem(text))
        self.sides.resizeRowsToContents()

    def _on_resolve(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.items):
            return
        d = self.items[row]
        applied = bool(self.applied.currentData())
        try:
            self.workbench.resolve_disagreement(
                d.unit,
                d.theme,
                applied,
                str(self.stance.currentData()) if applied else "",
                self.reason.text(),
            )
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.reason.clear()
        self.reload()
        self.resolved.emit()
