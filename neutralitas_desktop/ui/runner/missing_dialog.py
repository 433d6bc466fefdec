"""Shown when "Complete" is refused: every question still missing or wrong, by section;
double-click (or Enter) jumps to it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.instruments.form_state import Issue


class MissingAnswersDialog(QDialog):
    def __init__(
        self, issues: list[Issue], section_labels: dict[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.chosen = ""
        self.setWindowTitle(self.tr("Not complete yet"))
        self.resize(680, 440)
        layout = QVBoxLayout(self)
        head = QLabel(
            self.tr("%n question(s) still need an answer or a correction:", "", len(issues)),
            self,
        )
        head.setObjectName("questionLabel")
        layout.addWidget(head)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(14)
        sections: dict[str, QTreeWidgetItem] = {}
        for issue in issues:
            parent_item = sections.get(issue.section)
            if parent_item is None:
                parent_item = QTreeWidgetItem(self.tree, [section_labels.get(issue.section, "")])
                font = parent_item.font(0)
                font.setBold(True)
                parent_item.setFont(0, font)
                parent_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                sections[issue.section] = parent_item
            item = QTreeWidgetItem(parent_item, [f"{issue.label}\n→ {issue.message}"])
            item.setData(0, Qt.ItemDataRole.UserRole, issue.key)
        self.tree.expandAll()
        self.tree.itemActivated.connect(self._on_activated)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(self)
        go = buttons.addButton(self.tr("Go to question"), QDialogButtonBox.ButtonRole.AcceptRole)
        go.setObjectName("primary")
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self._on_go)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        first = self.tree.topLevelItem(0)
        child = first.child(0) if first is not None else None
        if child is not None:
            self.tree.setCurrentItem(child)

    def _on_go(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self._on_activated(item)

    def _on_activated(self, item: QTreeWidgetItem) -> None:
        key = item.data(0, Qt.ItemDataRole.UserRole)
        if key:
            self.chosen = str(key)
            self.accept()
