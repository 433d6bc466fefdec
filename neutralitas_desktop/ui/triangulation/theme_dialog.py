"""Adding a theme (code, labels in both languages, parent) or renaming one (labels)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.triangulation.types import LocalText, ThemeInfo
from neutralitas_desktop.ui.triangulation.labels import local


class ThemeDialog(QDialog):
    def __init__(
        self,
        themes: list[ThemeInfo],
        language: str,
        *,
        theme: ThemeInfo | None = None,
        parent_code: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.renaming = theme is not None
        self.setWindowTitle(self.tr("Rename theme") if self.renaming else self.tr("New theme"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.code = QLineEdit(self)
        self.code.setPlaceholderText(self.tr("e.g. whatsapp_groups"))
        self.label_id = QLineEdit(self)
        self.label_en = QLineEdit(self)
        self.parent_theme = QComboBox(self)
        self.parent_theme.addItem(self.tr("(top level)"), "")
        for t in themes:
            if not t.retired:
                self.parent_theme.addItem("  " * t.depth + local(t.label, language, t.code), t.code)
        if theme is not None:
            self.code.setText(theme.code)
            self.code.setReadOnly(True)
            self.label_id.setText(theme.label.get("id", ""))
            self.label_en.setText(theme.label.get("en", ""))
            self.parent_theme.setEnabled(False)
            parent_code = theme.parent_code
        self.parent_theme.setCurrentIndex(max(0, self.parent_theme.findData(parent_code)))
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Label (Indonesian)"), self.label_id)
        form.addRow(self.tr("Label (English)"), self.label_en)
        form.addRow(self.tr("Under"), self.parent_theme)
        layout.addLayout(form)
        note = QLabel(
            self.tr("The code is how instruments refer to the theme; it cannot change later.")
            if not self.renaming
            else self.tr("The code stays; instruments refer to the theme by it."),
            self,
        )
        note.setObjectName("muted")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        for field in (self.code, self.label_id, self.label_en):
            field.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        has_label = bool(self.label_id.text().strip() or self.label_en.text().strip())
        self.ok_button.setEnabled(has_label and bool(self.code.text().strip()))

    def values(self) -> tuple[str, LocalText, str]:
        """(code, label, parent code) as typed."""
        label = {"id": self.label_id.text().strip(), "en": self.label_en.text().strip()}
        return (
            self.code.text().strip(),
            {k: v for k, v in label.items() if v},
            (self.parent_theme.currentData() or ""),
        )
