"""The fields of the local profile (language, name, initials, laptop name), bound to a
ProfileState; used by the first-run dialog and the settings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from neutralitas_desktop.ui.profile_state import ProfileState

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


class ProfileForm(QWidget):
    changed = Signal()

    def __init__(self, state: ProfileState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(10)
        self.language = QComboBox(self)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(state.language)))
        self.language.currentIndexChanged.connect(self._on_language)
        self.language_label = QLabel(self)
        form.addRow(self.language_label, self.language)
        self.name = QLineEdit(state.researcher_name, self)
        self.name.textEdited.connect(self._on_name)
        self.name_label = QLabel(self)
        form.addRow(self.name_label, self.name)
        self.initials = QLineEdit(state.researcher_initials, self)
        self.initials.setMaxLength(4)
        self.initials.setMaximumWidth(90)
        self.initials.textEdited.connect(self._on_initials)
        self.initials_label = QLabel(self)
        form.addRow(self.initials_label, self.initials)
        self.explain = QLabel(self)
        self.explain.setObjectName("hint")
        self.explain.setWordWrap(True)
        form.addRow("", self.explain)
        self.device = QLineEdit(state.device_name, self)
        self.device.textEdited.connect(self._on_device)
        self.device_label = QLabel(self)
        form.addRow(self.device_label, self.device)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the UI language in use (again, after it changed)."""
        self.language_label.setText(self.tr("Interface language"))
        self.name.setPlaceholderText(self.tr("e.g. Rina Kartika"))
        self.name_label.setText(self.tr("Your name"))
        self.initials_label.setText(self.tr("Initials"))
        self.explain.setText(
            self.tr(
                "Initials go into informant codes (INF-RK01), so codes made on different "
                "laptops never clash."
            )
        )
        self.device.setPlaceholderText(self.tr("e.g. Laptop tim Ciamis 2"))
        self.device_label.setText(self.tr("Name of this laptop"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_language(self, _index: int) -> None:
        self.state.language = str(self.language.currentData())
        self.changed.emit()

    def _on_name(self, text: str) -> None:
        self.state.set_name(text)
        if self.initials.text() != self.state.researcher_initials:
            self.initials.setText(self.state.researcher_initials)
        self.changed.emit()

    def _on_initials(self, text: str) -> None:
        self.state.set_initials(text)
        self.changed.emit()

    def _on_device(self, text: str) -> None:
        self.state.device_name = text
        self.changed.emit()
