"""A new site: a kantor kecamatan, kelurahan or desa, with its region."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

SITE_KINDS = ("kecamatan", "kelurahan", "desa", "other")


class SiteDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New site"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(name, self)
        self.name.setPlaceholderText(self.tr("e.g. Kantor Kecamatan Cibeureum"))
        form.addRow(self.tr("Name"), self.name)
        self.kind = QComboBox(self)
        labels = {
            "kecamatan": self.tr("Sub-district office (kecamatan)"),
            "kelurahan": self.tr("Urban village (kelurahan)"),
            "desa": self.tr("Village (desa)"),
            "other": self.tr("Other"),
        }
        for code in SITE_KINDS:
            self.kind.addItem(labels[code], code)
        form.addRow(self.tr("Kind"), self.kind)
        self.region = QLineEdit(self)
        self.region.setPlaceholderText(self.tr("e.g. Kota Tasikmalaya, Jawa Barat"))
        form.addRow(self.tr("Region"), self.region)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()))

    def values(self) -> tuple[str, str, str]:
        kind = str(self.kind.currentData())
        return self.name.text().strip(), "" if kind == "other" else kind, self.region.text().strip()
