"""The "Link to incident…" dialog: pick an incident of the study or create one (proposed
from the session and the question), choose the kind of evidence, and link."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.triangulation.labels import (
    actor_type_name,
    corroboration_name,
    evidence_kind_name,
    local,
)
from neutralitas_desktop.ui.triangulation.link_state import LinkState, LinkTarget
from neutralitas_desktop.vocabulary import ActorType, EvidenceKind
from neutralitas_desktop.vocabulary.terms import values

ACTOR_TYPES = values(ActorType)
EVIDENCE_KINDS = values(EvidenceKind)

if TYPE_CHECKING:
    from neutralitas_desktop.triangulation.incident_types import LineInfo
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench


class LinkDialog(QDialog):
    linked = Signal(object)  # LineInfo

    def __init__(
        self,
        workbench: TriangulationWorkbench,
        target: LinkTarget,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Link to incident"))
        self.workbench = workbench
        self.state = LinkState(target, workbench.incidents())
        layout = QVBoxLayout(self)
        quote = QLabel(f"“{target.text[:300]}”" if target.text else "", self)
        quote.setWordWrap(True)
        quote.setObjectName("muted")
        layout.addWidget(quote)
        self.existing_choice = QRadioButton(self.tr("An incident already recorded"), self)
        self.new_choice = QRadioButton(self.tr("A new incident"), self)
        group = QButtonGroup(self)
        group.addButton(self.existing_choice)
        group.addButton(self.new_choice)
        self.incident = QComboBox(self)
        for i in self.state.incidents:
            state = corroboration_name(i.corroboration)
            self.incident.addItem(f"{i.date_start} · {i.site_name} · {i.summary} ({state})", i.id)
        layout.addWidget(self.existing_choice)
        layout.addWidget(self.incident)
        layout.addWidget(self.new_choice)
        form = QFormLayout()
        self.theme = QComboBox(self)
        for t in workbench.themes():
            if not t.retired:
                self.theme.addItem("  " * t.depth + local(t.label, language, t.code), t.code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(self.state.theme)))
        self.actor_type = QComboBox(self)
        for kind in ACTOR_TYPES:
            self.actor_type.addItem(actor_type_name(kind), kind)
        self.actor_code = QLineEdit(self)
        self.actor_code.setPlaceholderText(self.tr("Code, office or account — never a name"))
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        d = self.state.date or target.date
        self.date.setDate(QDate(d.year, d.month, d.day))
        self.summary = QPlainTextEdit(self)
        self.summary.setPlaceholderText(self.tr("Who did what (by role or position)"))
        self.summary.setMaximumHeight(70)
        self.platform = QLineEdit(self.state.platform, self)
        self.link = QLineEdit(self.state.link, self)
        self.favours = QLineEdit(self.state.favours, self)
        self.actor_code.setText(self.state.actor_code)
        self.summary.setPlainText(self.state.summary)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Actor"), self.actor_type)
        form.addRow(self.tr("Actor code"), self.actor_code)
        form.addRow(self.tr("Date"), self.date)
        form.addRow(self.tr("What happened"), self.summary)
        form.addRow(self.tr("Platform"), self.platform)
        form.addRow(self.tr("Web link"), self.link)
        form.addRow(self.tr("Candidate pair favoured"), self.favours)
        self.new_fields = QWidget(self)
        self.new_fields.setLayout(form)
        layout.addWidget(self.new_fields)
        kinds = QFormLayout()
        self.kind = QComboBox(self)
        for kind in EVIDENCE_KINDS:
            self.kind.addItem(evidence_kind_name(kind), kind)
        self.kind.setCurrentIndex(self.kind.findData(self.state.kind))
        self.memo = QLineEdit(self)
        kinds.addRow(self.tr("Kind of evidence"), self.kind)
        kinds.addRow(self.tr("Memo"), self.memo)
        layout.addLayout(kinds)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Link"))
        self.buttons.accepted.connect(self.accept_link)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.existing_choice.toggled.connect(self._on_choice)
        (self.existing_choice if self.state.incidents else self.new_choice).setChecked(True)
        self.existing_choice.setEnabled(bool(self.state.incidents))
        self._on_choice()

    def _on_choice(self) -> None:
        existing = self.existing_choice.isChecked()
        self.incident.setEnabled(existing)
        self.new_fields.setEnabled(not existing)

    def _read(self) -> None:
        s = self.state
        s.incident_id = self.incident.currentData() if self.existing_choice.isChecked() else ""
        s.kind = self.kind.currentData()
        s.memo = self.memo.text()
        s.theme = self.theme.currentData() or ""
        s.actor_type = self.actor_type.currentData()
        s.actor_code = self.actor_code.text()
        q = self.date.date()
        s.date = dt.date(q.year(), q.month(), q.day())
        s.summary = self.summary.toPlainText()
        s.platform = self.platform.text()
        s.link = self.link.text()
        s.favours = self.favours.text()

    def accept_link(self) -> LineInfo | None:
        self._read()
        if self.state.problems():
            self.summary.setFocus()
            self.summary.setPlaceholderText(self.tr("Say what happened: who did what"))
            return None
        try:
            line = self.state.apply(self.workbench)
        except NeutralitasError as exc:
            show_error(self, exc)
            return None
        self.linked.emit(line)
        self.accept()
        return line
