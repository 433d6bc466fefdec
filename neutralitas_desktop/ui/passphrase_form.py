"""The fields for a new study passphrase: typed twice, checked as typed, with the warning
that a forgotten passphrase cannot be recovered and the (discouraged) way out."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from neutralitas_desktop.ui.passphrase_state import NewPassphraseState


class PassphraseForm(QWidget):
    changed = Signal()

    def __init__(self, state: NewPassphraseState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            self.tr(
                "The study file is encrypted with a passphrase, so a lost or stolen laptop "
                "does not give away the informants. Use at least 12 characters: three or "
                "more words, or a mix of lower case, upper case, digits and signs."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.warning = QLabel(
            self.tr(
                "<b>A forgotten passphrase cannot be recovered.</b> Without it nobody can "
                "open this study again; only a supervisor can hand the study out again."
            ),
            self,
        )
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        form = QFormLayout()
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Study passphrase"), self.passphrase)
        form.addRow(self.tr("Repeat it"), self.repeat)
        layout.addLayout(form)
        self.problem = QLabel(self)
        self.problem.setObjectName("hint")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.unencrypted = QCheckBox(self.tr("Do not encrypt (not recommended)"), self)
        self.risk = QLabel(
            self.tr(
                "Without encryption anyone who gets this laptop, its disk or a copy of the "
                "study file can read every answer and every informant's name and phone number."
            ),
            self,
        )
        self.risk.setWordWrap(True)
        self.risk.setObjectName("hint")
        self.unencrypted.setVisible(state.allow_unencrypted)
        self.risk.setVisible(False)
        layout.addWidget(self.unencrypted)
        layout.addWidget(self.risk)
        self.passphrase.textChanged.connect(self._on_edited)
        self.repeat.textChanged.connect(self._on_edited)
        self.unencrypted.toggled.connect(self._on_edited)
        self._on_edited()

    def _on_edited(self) -> None:
        self.state.passphrase = self.passphrase.text()
        self.state.repeat = self.repeat.text()
        self.state.unencrypted = self.unencrypted.isChecked()
        plain = self.state.unencrypted and self.state.allow_unencrypted
        self.passphrase.setEnabled(not plain)
        self.repeat.setEnabled(not plain)
        self.risk.setVisible(plain)
        problems = self.state.problems()
        text = ""
        if self.state.passphrase and "weak" in problems:
            text = self.tr(
                "Too weak: use at least 12 characters with three or more words, or mix "
                "lower case, upper case, digits and signs."
            )
        elif self.state.repeat and "mismatch" in problems:
            text = self.tr("The two passphrases differ.")
        self.problem.setText(text)
        self.changed.emit()
