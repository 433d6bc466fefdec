"""Offered at start: the draft sessions left unfinished, to resume where they stopped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.ui.formats import study_time
from neutralitas_desktop.ui.session_table import source_label
from neutralitas_desktop.vocabulary.time_zones import DEFAULT_TIME_ZONE, StudyTimeZone

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.sessions import SessionRow


class ResumeDialog(QDialog):
    def __init__(
        self,
        drafts: list[SessionRow],
        language: str,
        parent: QWidget | None = None,
        zone: StudyTimeZone = DEFAULT_TIME_ZONE,
    ):
        super().__init__(parent)
        self.chosen = ""
        self.setWindowTitle(self.tr("Unfinished sessions"))
        self.resize(620, 380)
        layout = QVBoxLayout(self)
        head = QLabel(
            self.tr("These sessions were not completed. Resume one where it stopped?"), self
        )
        head.setWordWrap(True)
        layout.addWidget(head)
        self.list = QListWidget(self)
        self.list.setAlternatingRowColors(True)
        for row in drafts:
            title = row.instrument_title.get(language) or next(iter(row.instrument_title.values()))
            who = " · ".join(p for p in (row.informant_code, row.site_name) if p)
            when = study_time(row.started_at, zone)
            answers = self.tr("%1 answers").replace("%1", str(row.answers))
            text = f"{title}\n{who} · {source_label(row.source_type)} · {when} · {answers}"
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _i: self._on_resume())
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(self)
        resume = buttons.addButton(self.tr("Resume"), QDialogButtonBox.ButtonRole.AcceptRole)
        resume.setObjectName("primary")
        buttons.addButton(self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._on_resume)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _on_resume(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = str(item.data(Qt.ItemDataRole.UserRole))
            self.accept()
