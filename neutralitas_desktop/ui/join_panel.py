"""Choosing the supervisor's hand-out package and seeing where it comes from: the study's
title, its supervisor (name and the laptop's key fingerprint, to compare with what the
supervisor reads out) and when it was made; a passphrase field for an encrypted one."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.ui.join_state import JoinState
from neutralitas_desktop.ui.translations import error_text

FILTER = "Field packages (*.ndpkg);;All files (*)"


class JoinPanel(QWidget):
    changed = Signal()

    def __init__(self, state: JoinState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.choose_button = QPushButton(self.tr("Choose the package…"), self)
        self.choose_button.clicked.connect(self._on_choose)
        row.addWidget(self.choose_button)
        self.file = QLabel(self.tr("No package chosen yet."), self)
        self.file.setObjectName("hint")
        row.addWidget(self.file, 1)
        layout.addLayout(row)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.info)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase of the package"))
        self.passphrase.textChanged.connect(self._on_passphrase)
        layout.addWidget(self.passphrase)
        self._show()

    def choose(self, path: Path) -> None:
        self.state.choose(path)
        self.passphrase.clear()
        self._show()
        self.changed.emit()

    def _on_choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("The study's hand-out package"), "", FILTER
        )
        if path:
            self.choose(Path(path))

    def _on_passphrase(self, text: str) -> None:
        self.state.package_passphrase = text
        self.changed.emit()

    def _show(self) -> None:
        state, origin = self.state, self.state.origin
        self.passphrase.setVisible(state.needs_passphrase)
        if state.error is not None:
            self.info.setText(error_text(state.error))
            self.info.setStyleSheet("color: #A93226;")
            return
        self.info.setStyleSheet("")
        if origin is None:
            self.info.setText(
                self.tr(
                    "Your supervisor gives every researcher the study's hand-out package "
                    "(a .ndpkg file)."
                )
            )
            return
        self.file.setText(origin.path.name)
        title = origin.study_title or self.tr("(encrypted: shown after joining)")
        rows = [
            (self.tr("Study"), title),
            (self.tr("Supervisor"), origin.made_by),
            (self.tr("Supervisor's key fingerprint"), origin.fingerprint or "-"),
            (self.tr("Made"), origin.made),
        ]
        body = "".join(
            f"<tr><td>{escape(k)}:&nbsp;&nbsp;</td><td><b>{escape(v)}</b></td></tr>"
            for k, v in rows
        )
        note = self.tr(
            "Join only if the supervisor's own screen (Help › This laptop…) shows the same "
            "fingerprint."
        )
        self.info.setText(f"<table>{body}</table><p>{escape(note)}</p>")
