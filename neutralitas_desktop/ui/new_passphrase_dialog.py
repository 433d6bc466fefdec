"""Asks for the passphrase of a study about to be created or encrypted."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from neutralitas_desktop.ui.passphrase_form import PassphraseForm
from neutralitas_desktop.ui.passphrase_state import NewPassphraseState


class NewPassphraseDialog(QDialog):
    def __init__(
        self, state: NewPassphraseState, study: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Protect the study"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        where = QLabel(self.tr("Study: %1").replace("%1", study), self)
        where.setWordWrap(True)
        layout.addWidget(where)
        self.form = PassphraseForm(state, self)
        self.form.changed.connect(self._check)
        layout.addWidget(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.state.ok)
