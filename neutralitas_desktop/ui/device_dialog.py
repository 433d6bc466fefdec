"""Help › This laptop…: the laptop's name, id and key fingerprint, large enough to read out
to the supervisor, who compares it before trusting this laptop's packages (what
`neutralitas device` prints)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from neutralitas_desktop.fieldwork.device_key import load_device_key
from neutralitas_desktop.fieldwork.profile import LocalProfile


class DeviceDialog(QDialog):
    def __init__(self, profile: LocalProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("This laptop"))
        layout = QFormLayout(self)
        intro = QLabel(
            self.tr(
                "Read this fingerprint out to your supervisor: they trust this laptop's "
                "packages only when it matches what their merge shows."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addRow(intro)
        self.fingerprint = QLabel(load_device_key(profile.device_id).fingerprint, self)
        self.fingerprint.setObjectName("screenTitle")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        device = QLabel(profile.device_name, self)
        device_id = QLabel(profile.device_id, self)
        device_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addRow(self.tr("Laptop"), device)
        layout.addRow(self.tr("Researcher"), QLabel(profile.researcher_name, self))
        layout.addRow(self.tr("Device id"), device_id)
        layout.addRow(self.tr("Key fingerprint"), self.fingerprint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
