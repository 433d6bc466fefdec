"""Asks for the passphrase of an encrypted study: when it is opened, and again when the
app locked itself after a while without use."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class UnlockDialog(QDialog):
    def __init__(
        self,
        study: str,
        check: Callable[[str], bool],
        *,
        locked: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self.passphrase = ""
        self.setWindowTitle(self.tr("Study locked") if locked else self.tr("Encrypted study"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        text = (
            self.tr("The study was locked after a while without use. Type its passphrase to go on.")
            if locked
            else self.tr("This study is encrypted. Type its passphrase to open it.")
        )
        self.message = QLabel(text, self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        where = QLabel(study, self)
        where.setObjectName("hint")
        where.setWordWrap(True)
        layout.addWidget(where)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.field)
        self.error = QLabel(self)
        self.error.setObjectName("hint")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Unlock"))
        if locked:
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        self.buttons.accepted.connect(self._on_unlock)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _on_unlock(self) -> None:
        typed = self.field.text()
        if typed and self._check(typed):
            self.passphrase = typed
            self.accept()
            return
        self.field.clear()
        self.error.setText(self.tr("Wrong passphrase."))
