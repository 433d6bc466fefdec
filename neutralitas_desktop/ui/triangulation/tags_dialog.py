"""Correcting a session's source tags (kind of source, informant role, site, time), with
the reason kept in the audit log."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.triangulation.types import SOURCE_TYPE_LABELS, SourceTags
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.triangulation.labels import local, source_name

if TYPE_CHECKING:
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench


class TagsDialog(QDialog):
    def __init__(
        self,
        workbench: TriangulationWorkbench,
        session_id: str,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Correct source tags"))
        self.workbench = workbench
        self.session_id = session_id
        self.tags: SourceTags = workbench.session_tags(session_id)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.source = QComboBox(self)
        for code in SOURCE_TYPE_LABELS:
            self.source.addItem(source_name(code), code)
        self.source.setCurrentIndex(self.source.findData(self.tags.source_type))
        self.role = QComboBox(self)
        self.role.addItem(self.tr("(none)"), "")
        for role in workbench.roles():
            self.role.addItem(local(role.label, language, role.key), role.key)
        self.role.setCurrentIndex(max(0, self.role.findData(self.tags.informant_role)))
        self.site = QComboBox(self)
        for site in workbench.sites():
            self.site.addItem(local(site.label, language, site.key), site.key)
        self.site.setCurrentIndex(max(0, self.site.findData(self.tags.site_id)))
        self.started = QDateTimeEdit(QDateTime(self.tags.started_at), self)  # type: ignore[call-overload]
        self.started.setCalendarPopup(True)
        self.started.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Why the tags were wrong"))
        form.addRow(self.tr("Kind of source"), self.source)
        form.addRow(self.tr("Informant role"), self.role)
        form.addRow(self.tr("Site"), self.site)
        form.addRow(self.tr("Started"), self.started)
        form.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.source.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.role.setEnabled(self.source.currentData() == "interview")

    def apply(self) -> None:
        """Save the corrected tags and close; a refused correction keeps the dialog open."""
        interview = self.source.currentData() == "interview"
        started = self.started.dateTime().toPython()
        assert isinstance(started, dt.datetime)
        try:
            self.tags = self.workbench.correct_session_tags(
                self.session_id,
                source_type=self.source.currentData(),
                informant_role=self.role.currentData() if interview else "",
                site=self.site.currentData(),
                started_at=started if started != self.tags.started_at else None,
                reason=self.reason.text().strip(),
            )
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.accept()
