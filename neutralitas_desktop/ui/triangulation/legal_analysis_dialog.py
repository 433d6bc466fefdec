"""An incident's legal analysis: the articles that apply to it (for the study's election
and the incident's actor), and its element-by-element tests (*unsur pasal*) with their
verdicts, reasoning and evidence; add, edit and remove them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.operations import UNLISTED, Changes
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.triangulation.element_test_dialog import ElementTestDialog
from neutralitas_desktop.ui.triangulation.element_test_state import ElementTestState
from neutralitas_desktop.ui.triangulation.labels import element_name, verdict_name

if TYPE_CHECKING:
    from neutralitas_desktop.triangulation.incident_types import IncidentInfo
    from neutralitas_desktop.triangulation.legal_analysis_types import ElementTest
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench


class LegalAnalysisDialog(QDialog):
    """``changed`` after a test is recorded, edited or removed."""

    changed = Signal(object)  # the Changes: the incident's legal analysis

    def __init__(
        self,
        workbench: TriangulationWorkbench,
        incident: IncidentInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.incident = incident
        self.tests: tuple[ElementTest, ...] = ()
        self.editor: ElementTestDialog | None = None  # the last test dialog opened
        self.setWindowTitle(self.tr("Legal analysis"))
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        title = QLabel(incident.summary, self)
        title.setObjectName("screenTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.applicable = QLabel(self)
        self.applicable.setWordWrap(True)
        self.applicable.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.applicable)
        self.model = QStandardItemModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        # rows as tall as their wrapped text, also after the columns are resized
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.doubleClicked.connect(lambda _index: self._on_edit())
        layout.addWidget(self.table, 1)
        self.materials = QLabel(self)
        self.materials.setObjectName("muted")
        self.materials.setWordWrap(True)
        layout.addWidget(self.materials)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add element test…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.remove_button = QPushButton(self.tr("Remove…"), self)
        self.add_button.clicked.connect(self._on_add)
        self.edit_button.clicked.connect(self._on_edit)
        self.remove_button.clicked.connect(self._on_remove)
        for button in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.provisions = tuple(p.citation for p in workbench.applicable_provisions(incident.id))
        self.reload()

    def reload(self) -> None:
        analysis = self.workbench.legal_analysis(self.incident.id)
        self.tests = analysis.tests
        if self.provisions:
            self.applicable.setText(
                self.tr("Articles that apply to this incident: %1").replace(
                    "%1", "; ".join(self.provisions)
                )
            )
        else:
            self.applicable.setText(
                self.tr("No article of the incident's theme applies to this actor in this study.")
            )
        self.add_button.setEnabled(bool(self.provisions))
        self.materials.setText(
            self.tr("Legal materials of the study: %1 (Analysis › Legal materials)").replace(
                "%1", str(len(analysis.materials))
            )
        )
        self.model.clear()
        self.model.setHorizontalHeaderLabels([
            self.tr("Article"), self.tr("Element"), self.tr("Verdict"), self.tr("Reasoning"),
            self.tr("Evidence"),
        ])  # fmt: skip
        for t in self.tests:
            items = [
                QStandardItem(t.provision),
                QStandardItem(element_name(t.element)),
                QStandardItem(verdict_name(t.verdict)),
                QStandardItem(t.reasoning),
                QStandardItem(str(len(t.evidence))),
            ]
            items[0].setData(t.id, Qt.ItemDataRole.UserRole)
            self.model.appendRow(items)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 260)

    def selected_test(self) -> ElementTest | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        test_id = self.model.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((t for t in self.tests if t.id == test_id), None)

    def _open(self, state: ElementTestState) -> ElementTestDialog:
        if self.editor is not None:
            self.editor.deleteLater()
        self.editor = ElementTestDialog(self.workbench, state, self)
        self.editor.saved.connect(lambda _test: self._on_saved())
        self.editor.open()
        return self.editor

    def _on_add(self) -> ElementTestDialog:
        return self._open(ElementTestState(self.incident.id, self.provisions, self.incident.lines))

    def _on_edit(self) -> ElementTestDialog | None:
        test = self.selected_test()
        if test is None:
            return None
        return self._open(ElementTestState.editing(test, self.provisions, self.incident.lines))

    def _on_saved(self) -> None:
        self.reload()
        self.changed.emit(Changes.of(legal=UNLISTED, incidents=self.incident.id))

    def remove(self, test_id: str, reason: str) -> None:
        try:
            self.workbench.remove_element_test(test_id, reason)
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self._on_saved()

    def _on_remove(self) -> None:
        test = self.selected_test()
        if test is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Remove element test"), self.tr("Why is this test removed?")
        )
        if ok:
            self.remove(test.id, reason)
