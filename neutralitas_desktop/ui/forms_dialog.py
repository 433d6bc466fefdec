"""Forms > Forms in this study: every instrument version the study holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.ui.session_table import source_label

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.instruments import InstrumentInfo


class FormsDialog(QDialog):
    def __init__(
        self, instruments: list[InstrumentInfo], language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Forms in this study"))
        self.resize(860, 380)
        layout = QVBoxLayout(self)
        tree = QTreeWidget(self)
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        tree.setHeaderLabels(
            [
                self.tr("Title"),
                self.tr("Form id"),
                self.tr("Version"),
                self.tr("Source"),
                self.tr("Questions"),
                self.tr("Origin"),
            ]
        )
        for info in instruments:
            title = info.title.get(language) or next(iter(info.title.values()), info.form_id)
            QTreeWidgetItem(
                tree,
                [
                    title,
                    info.form_id,
                    info.version,
                    source_label(info.source_type),
                    str(info.questions),
                    info.origin,
                ],
            )
        header = tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        layout.addWidget(tree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
