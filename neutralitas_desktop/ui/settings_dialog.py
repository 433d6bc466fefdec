"""Settings: the local profile (language, researcher, laptop name) and the runner's text
size. A language change applies at once (the windows are rebuilt)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.ui.profile_form import ProfileForm
from neutralitas_desktop.ui.profile_state import ProfileState
from neutralitas_desktop.ui.settings import FONT_SIZES


class SettingsDialog(QDialog):
    def __init__(self, state: ProfileState, font_size: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        who = QGroupBox(self.tr("This laptop and its researcher"), self)
        inner = QVBoxLayout(who)
        self.form = ProfileForm(state, who)
        self.form.changed.connect(self._check)
        inner.addWidget(self.form)
        layout.addWidget(who)
        runner = QGroupBox(self.tr("Interviews"), self)
        form = QFormLayout(runner)
        self.font_size = QComboBox(runner)
        for size in FONT_SIZES:
            self.font_size.addItem(self.tr("%1 pt").replace("%1", str(size)), size)
        self.font_size.setCurrentIndex(max(0, self.font_size.findData(font_size)))
        form.addRow(self.tr("Text size of questions"), self.font_size)
        layout.addWidget(runner)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(self.state.ok)

    def chosen_font_size(self) -> int:
        return int(self.font_size.currentData())
