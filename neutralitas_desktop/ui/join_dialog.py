"""File › Join study…: choose the supervisor's hand-out package, check where it comes from,
then join (the main window asks where to keep the new study file and opens it)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from neutralitas_desktop.ui.join_panel import JoinPanel
from neutralitas_desktop.ui.join_state import JOIN, JoinState


class JoinDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = JoinState(mode=JOIN)
        self.setWindowTitle(self.tr("Join a study"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Join a study from a package"), self)
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        self.panel = JoinPanel(self.state, self)
        self.panel.changed.connect(self._check)
        layout.addWidget(self.panel)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.join_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.join_button.setText(self.tr("Join…"))
        self.join_button.setObjectName("primary")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        self.join_button.setEnabled(self.state.ok)
