"""The element-test dialog: one element (*unsur*) of an applicable article tested against
an incident, with its verdict, reasoning and the lines of evidence it rests on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.translations import ui_language
from neutralitas_desktop.ui.triangulation.element_test_state import (
    ELEMENTS,
    VERDICTS,
    ElementTestState,
)
from neutralitas_desktop.ui.triangulation.labels import (
    element_name,
    evidence_kind_name,
    source_name,
    verdict_name,
)

if TYPE_CHECKING:
    from neutralitas_desktop.triangulation.legal_analysis_types import ElementTest
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench


class ElementTestDialog(QDialog):
    saved = Signal(object)  # ElementTest

    def __init__(
        self,
        workbench: TriangulationWorkbench,
        state: ElementTestState,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.state = state
        editing = bool(state.test_id)
        self.setWindowTitle(self.tr("Edit element test") if editing else self.tr("Element test"))
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.provision = QComboBox(self)
        for citation in state.provisions:
            self.provision.addItem(citation, citation)
        self.provision.setCurrentIndex(max(0, self.provision.findData(state.provision)))
        self.element = QComboBox(self)
        for element in ELEMENTS:
            self.element.addItem(element_name(element), element)
        self.element.setCurrentIndex(self.element.findData(state.element))
        self.verdict = QComboBox(self)
        for verdict in VERDICTS:
            self.verdict.addItem(verdict_name(verdict), verdict)
        self.verdict.setCurrentIndex(self.verdict.findData(state.verdict))
        self.reasoning = QPlainTextEdit(state.reasoning, self)
        self.reasoning.setPlaceholderText(self.tr("Why the element is met, not met or unclear"))
        self.evidence = QListWidget(self)
        language = ui_language()
        for x in state.lines:
            quoted = x.text_label.get(language) or x.text  # an option's label, not its code
            text = " · ".join(
                filter(None, (evidence_kind_name(x.kind), source_name(x.technique),
                              x.informant_code, quoted[:80]))
            )  # fmt: skip
            item = QListWidgetItem(text, self.evidence)
            item.setData(Qt.ItemDataRole.UserRole, x.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = x.id in state.evidence
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        form.addRow(self.tr("Article"), self.provision)
        form.addRow(self.tr("Element"), self.element)
        form.addRow(self.tr("Verdict"), self.verdict)
        form.addRow(self.tr("Reasoning"), self.reasoning)
        form.addRow(self.tr("Evidence"), self.evidence)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(state.provisions))

    def _read(self) -> None:
        s = self.state
        s.provision = self.provision.currentData() or ""
        s.element = self.element.currentData()
        s.verdict = self.verdict.currentData()
        s.reasoning = self.reasoning.toPlainText()
        s.evidence = {
            str(self.evidence.item(r).data(Qt.ItemDataRole.UserRole))
            for r in range(self.evidence.count())
            if self.evidence.item(r).checkState() == Qt.CheckState.Checked
        }

    def save(self) -> ElementTest | None:
        self._read()
        if self.state.problems():
            self.reasoning.setFocus()
            self.reasoning.setPlaceholderText(self.tr("Say why: the reasoning is required"))
            return None
        try:
            test = self.state.apply(self.workbench)
        except NeutralitasError as exc:
            show_error(self, exc)
            return None
        self.saved.emit(test)
        self.accept()
        return test
