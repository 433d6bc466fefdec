"""Attachment answers: a file picked from disk is stored in the study (by SHA-256) and
shown by name and size, with a thumbnail for images."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.formats import data_size
from neutralitas_desktop.ui.runner.inputs import AnswerInput

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.attachments import AttachmentInfo

THUMBNAIL = 160


class AttachmentSource(Protocol):
    def store_attachment(self, path: str | Path) -> AttachmentInfo: ...
    def attachment_info(self, sha256: str) -> AttachmentInfo | None: ...
    def read_attachment(self, sha256: str) -> bytes: ...
    def save_attachment_as(self, sha256: str, target: str | Path) -> Path: ...


class AttachmentInput(AnswerInput):
    def __init__(
        self, source: AttachmentSource, images_only: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.images_only = images_only
        self._sha: str | None = None
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        self.thumbnail = QLabel(self)
        self.thumbnail.setFixedSize(THUMBNAIL, THUMBNAIL * 3 // 4)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setStyleSheet("background: #f3f4f6; border-radius: 6px;")
        self.thumbnail.setVisible(False)
        outer.addWidget(self.thumbnail)
        column = QVBoxLayout()
        column.setSpacing(4)
        self.name_label = QLabel(self.tr("No file attached"), self)
        self.name_label.setObjectName("muted")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.name_label)
        buttons = QHBoxLayout()
        self.pick_button = QPushButton(
            self.tr("Attach a photo…") if images_only else self.tr("Attach a file…"), self
        )
        self.pick_button.clicked.connect(self._on_pick)
        self.save_button = QPushButton(self.tr("Save a copy…"), self)
        self.save_button.clicked.connect(self._on_save_copy)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("link")
        self.remove_button.clicked.connect(self._on_remove)
        for button in (self.pick_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addStretch(1)
        outer.addLayout(column, 1)
        self._focus = self.pick_button
        self._show(None)

    def value(self) -> str | None:
        return self._sha

    def _show(self, value: str | None) -> None:
        self._sha = value
        has = value is not None
        self.save_button.setVisible(has)
        self.remove_button.setVisible(has)
        self.thumbnail.setVisible(False)
        if not has:
            self.name_label.setText(self.tr("No file attached"))
            return
        assert value is not None
        info = self.source.attachment_info(value)
        if info is None:
            self.name_label.setText(
                self.tr("File not in this study (%1…)").replace("%1", value[:12])
            )
            return
        self.name_label.setText(f"{info.filename}  ·  {data_size(info.size)}")
        if info.is_image:
            pixmap = QPixmap()
            if pixmap.loadFromData(self.source.read_attachment(value)):
                self.thumbnail.setPixmap(
                    pixmap.scaled(
                        self.thumbnail.size(),
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
                self.thumbnail.setVisible(True)

    def _on_pick(self) -> None:
        pattern = (
            self.tr("Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)") if self.images_only else ""
        )
        path, _ = QFileDialog.getOpenFileName(self, self.pick_button.text(), "", pattern)
        if not path:
            return
        try:
            info = self.source.store_attachment(path)
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self._show(info.sha256)
        self._emit(True)

    def _on_save_copy(self) -> None:
        if self._sha is None:
            return
        info = self.source.attachment_info(self._sha)
        name = info.filename if info else self._sha
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy"), name)
        if not path:
            return
        try:
            self.source.save_attachment_as(self._sha, path)
        except NeutralitasError as exc:
            show_error(self, exc)

    def _on_remove(self) -> None:
        self._show(None)
        self._emit(True)

    def set_editable(self, editable: bool) -> None:
        self.pick_button.setEnabled(editable)
        self.remove_button.setEnabled(editable)
