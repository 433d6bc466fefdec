"""The study's legal materials (*bahan hukum* primer, sekunder, tersier): the statutes,
literature and reference works a normative study's analysis rests on; add, edit, remove."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.triangulation.labels import material_kind_name
from neutralitas_desktop.vocabulary import MaterialKind
from neutralitas_desktop.vocabulary.terms import values

if TYPE_CHECKING:
    from neutralitas_desktop.triangulation.legal_analysis_types import LegalMaterial
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench

KINDS = values(MaterialKind)


class LegalMaterialsPanel(QWidget):
    """``changed`` after a material is added, edited or removed."""

    changed = Signal()

    def __init__(
        self, workbench: TriangulationWorkbench, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.language = language
        self.items: tuple[LegalMaterial, ...] = ()
        self.editing = ""  # the material whose fields are in the form, "" for a new one
        self.setWindowTitle(self.tr("Legal materials"))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Legal materials the analysis rests on"), self)
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        self.model = QStandardItemModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.doubleClicked.connect(lambda _index: self._on_edit())
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.kind = QComboBox(self)
        for kind in KINDS:
            self.kind.addItem(material_kind_name(kind), kind)
        self.citation = QLineEdit(self)
        self.citation.setPlaceholderText(self.tr("e.g. UU No. 6 Tahun 2014 tentang Desa"))
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("Which articles or pages, and why"))
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Citation"), self.citation)
        form.addRow(self.tr("Note"), self.note)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Add"), self)
        self.edit_button = QPushButton(self.tr("Edit selected"), self)
        self.remove_button = QPushButton(self.tr("Remove…"), self)
        self.save_button.clicked.connect(self.save)
        self.edit_button.clicked.connect(self._on_edit)
        self.remove_button.clicked.connect(self._on_remove)
        for button in (self.save_button, self.edit_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.items = self.workbench.legal_materials()
        self.model.clear()
        self.model.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("Citation"), self.tr("Note")]
        )
        for m in self.items:
            items = [
                QStandardItem(material_kind_name(m.kind)),
                QStandardItem(m.citation),
                QStandardItem(m.note),
            ]
            items[0].setData(m.id, Qt.ItemDataRole.UserRole)
            self.model.appendRow(items)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def selected(self) -> LegalMaterial | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        material_id = self.model.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((m for m in self.items if m.id == material_id), None)

    def _clear_form(self) -> None:
        self.editing = ""
        self.citation.clear()
        self.note.clear()
        self.save_button.setText(self.tr("Add"))

    def save(self) -> LegalMaterial | None:
        """Add the material in the form, or save the one being edited."""
        kind, citation, note = self.kind.currentData(), self.citation.text(), self.note.text()
        try:
            if self.editing:
                material = self.workbench.edit_legal_material(self.editing, kind, citation, note)
            else:
                material = self.workbench.add_legal_material(kind, citation, note)
        except NeutralitasError as exc:
            show_error(self, exc)
            return None
        self._clear_form()
        self.reload()
        self.changed.emit()
        return material

    def _on_edit(self) -> None:
        material = self.selected()
        if material is None:
            return
        self.editing = material.id
        self.kind.setCurrentIndex(self.kind.findData(material.kind))
        self.citation.setText(material.citation)
        self.note.setText(material.note)
        self.save_button.setText(self.tr("Save"))

    def remove(self, material_id: str, reason: str) -> None:
        try:
            self.workbench.remove_legal_material(material_id, reason)
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        if self.editing == material_id:
            self._clear_form()
        self.reload()
        self.changed.emit()

    def _on_remove(self) -> None:
        material = self.selected()
        if material is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Remove legal material"), self.tr("Why is it removed?")
        )
        if ok:
            self.remove(material.id, reason)
