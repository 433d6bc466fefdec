"""A new informant: a pseudonymous code made for them, a role from the study's list, the
site; real name and contact are optional and kept only in the separate identity table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.vocabulary import InformantCategory, SelectionMethod, labels_of

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.informants import InformantInfo
    from neutralitas_desktop.fieldwork.workspace import Workspace


class NewInformantDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        language: str,
        site_id: str = "",
        roles: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.created: InformantInfo | None = None
        self.setWindowTitle(self.tr("New informant"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.code = QLineEdit(workspace.next_informant_code(), self)
        self.code.setToolTip(self.tr("A pseudonym used everywhere instead of the name"))
        form.addRow(self.tr("Code"), self.code)
        self.role = QComboBox(self)
        for role in workspace.roles():
            if roles and role.code not in roles:
                continue
            self.role.addItem(role.label.get(language) or role.code, role.code)
        form.addRow(self.tr("Role"), self.role)
        self.site = QComboBox(self)
        for site in workspace.sites():
            self.site.addItem(site.name, site.id)
        if site_id:
            self.site.setCurrentIndex(max(0, self.site.findData(site_id)))
        form.addRow(self.tr("Site"), self.site)
        self.category = self._choices(labels_of(InformantCategory), language)
        self.category.setToolTip(self.tr("Informan kunci, utama or pendukung"))
        form.addRow(self.tr("Informant category"), self.category)
        self.selection = self._choices(labels_of(SelectionMethod), language)
        form.addRow(self.tr("Chosen by"), self.selection)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        self.notes.setPlaceholderText(self.tr("e.g. how to reach the office; no names"))
        form.addRow(self.tr("Notes"), self.notes)
        layout.addLayout(form)
        private = QLabel(self.tr("Optional, kept apart from the answers and never exported:"), self)
        private.setObjectName("hint")
        layout.addWidget(private)
        identity = QFormLayout()
        self.real_name = QLineEdit(self)
        identity.addRow(self.tr("Real name"), self.real_name)
        self.contact = QLineEdit(self)
        self.contact.setPlaceholderText(self.tr("Phone or e-mail"))
        identity.addRow(self.tr("Contact"), self.contact)
        layout.addLayout(identity)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Create informant"))
        ok.setObjectName("primary")
        ok.setEnabled(self.site.count() > 0 and self.role.count() > 0)
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _choices(self, labels: dict[str, dict[str, str]], language: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(self.tr("Not recorded"), "")
        for code, text in labels.items():
            combo.addItem(text.get(language) or text.get("en") or code, code)
        return combo

    def _on_accept(self) -> None:
        try:
            self.created = self.workspace.create_informant(
                role=str(self.role.currentData()),
                site_id=str(self.site.currentData()),
                code=self.code.text().strip() or None,
                real_name=self.real_name.text().strip(),
                contact=self.contact.text().strip(),
                notes=self.notes.toPlainText().strip(),
                category=str(self.category.currentData() or ""),
                selection=str(self.selection.currentData() or ""),
            )
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.accept()
