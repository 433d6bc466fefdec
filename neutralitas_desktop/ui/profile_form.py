"""The fields of the local profile (language, name, initials, laptop name), bound to a
ProfileState; used by the first-run dialog and the settings."""

from __future__ import annotations

from PySide6.QtCore import Signal
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
        form.addRow(self.tr("Interface language"), self.language)
        self.name = QLineEdit(state.researcher_name, self)
        self.name.setPlaceholderText(self.tr("e.g. Rina Kartika"))
        self.name.textEdited.connect(self._on_name)
        form.addRow(self.tr("Your name"), self.name)
        self.initials = QLineEdit(state.researcher_initials, self)
        self.initials.setMaxLength(4)
        self.initials.setMaximumWidth(90)
        self.initials.textEdited.connect(self._on_initials)
        form.addRow(self.tr("Initials"), self.initials)
        explain = QLabel(
            self.tr(
                "Initials go into informant codes (INF-RK01), so codes made on different "
                "laptops never clash."
            ),
            self,
        )
        explain.setObjectName("hint")
        explain.setWordWrap(True)
        form.addRow("", explain)
        self.device = QLineEdit(state.device_name, self)
        self.device.setPlaceholderText(self.tr("e.g. Laptop tim Ciamis 2"))
        self.device.textEdited.connect(self._on_device)
        form.addRow(self.tr("Name of this laptop"), self.device)

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
