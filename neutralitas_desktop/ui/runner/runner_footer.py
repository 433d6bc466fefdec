"""The runner's footer: section steps, progress, and what can be done with the session
(back to the study, complete, reopen, edit another researcher's session here), shown
according to the session's state."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from neutralitas_desktop.ui.runner.session_state import RunnerState
from neutralitas_desktop.vocabulary.lifecycle import EDITABLE, REOPENABLE


class RunnerFooter(QWidget):
    """The buttons only; the runner connects them to what they do. Its strings are the
    runner's (translated under the RunnerView context)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 4, 16, 12)
        self.prev_button = QPushButton(
            QCoreApplication.translate("RunnerView", "‹ Previous section"), self
        )
        self.next_button = QPushButton(
            QCoreApplication.translate("RunnerView", "Next section ›"), self
        )
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        row.addStretch(1)
        self.progress = QLabel(self)
        self.progress.setObjectName("muted")
        row.addWidget(self.progress)
        row.addSpacing(12)
        self.back_button = QPushButton(
            QCoreApplication.translate("RunnerView", "Back to study"), self
        )
        row.addWidget(self.back_button)
        self.complete_button = QPushButton(
            QCoreApplication.translate("RunnerView", "Complete session"), self
        )
        self.complete_button.setObjectName("primary")
        row.addWidget(self.complete_button)
        self.reopen_button = QPushButton(
            QCoreApplication.translate("RunnerView", "Reopen for editing"), self
        )
        self.reopen_button.setObjectName("primary")
        row.addWidget(self.reopen_button)
        self.unlock_button = QPushButton(
            QCoreApplication.translate("RunnerView", "Edit on this laptop…"), self
        )
        self.unlock_button.setToolTip(
            QCoreApplication.translate(
                "RunnerView", "Another researcher ran this session; it opens read-only."
            )
        )
        row.addWidget(self.unlock_button)

    def show_state(self, state: RunnerState) -> None:
        self.prev_button.setEnabled(state.step(-1) is not None)
        self.next_button.setEnabled(state.step(+1) is not None)
        answered, total = state.answered()
        self.progress.setText(
            QCoreApplication.translate("RunnerView", "%1 of %2 answered")
            .replace("%1", str(answered))
            .replace("%2", str(total))
        )
        self.complete_button.setVisible(state.editable)
        self.reopen_button.setVisible(
            state.status in REOPENABLE and not state.editable and state.status not in EDITABLE
        )
        self.unlock_button.setVisible(state.locked and state.status in EDITABLE)
