"""Settings: the local profile (language, researcher, laptop name), the runner's text
size and the idle time before an encrypted study locks. A language change applies at
once (the windows are rebuilt)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.ui.profile_form import ProfileForm
from neutralitas_desktop.ui.profile_state import ProfileState
from neutralitas_desktop.ui.settings import DEFAULT_LOCK_MINUTES, FONT_SIZES
from neutralitas_desktop.vocabulary.time_zones import DEFAULT_TIME_ZONE, StudyTimeZone


class SettingsDialog(QDialog):
    def __init__(
        self,
        state: ProfileState,
        font_size: int,
        parent: QWidget | None = None,
        lock_minutes: int = DEFAULT_LOCK_MINUTES,
        time_zone: str = DEFAULT_TIME_ZONE.value,
        time_zone_editable: bool = True,
    ):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        who = QGroupBox(self.tr("This laptop and its researcher"), self)
        inner = QVBoxLayout(who)
        self.form = ProfileForm(state, who)
        self.form.changed.connect(self._check)
        inner.addWidget(self.form)
        layout.addWidget(who)
        runner = QGroupBox(self.tr("Interviews"), self)
        form = QFormLayout(runner)
        self.font_size = QComboBox(runner)
        for size in FONT_SIZES:
            self.font_size.addItem(self.tr("%1 pt").replace("%1", str(size)), size)
        self.font_size.setCurrentIndex(max(0, self.font_size.findData(font_size)))
        form.addRow(self.tr("Text size of questions"), self.font_size)
        layout.addWidget(runner)
        study = QGroupBox(self.tr("This study"), self)
        study_form = QFormLayout(study)
        self.time_zone = QComboBox(study)
        names = {
            StudyTimeZone.WIB: self.tr("WIB (UTC+7): Sumatra, Java, West and Central Kalimantan"),
            StudyTimeZone.WITA: self.tr("WITA (UTC+8): Bali, Nusa Tenggara, Sulawesi, ..."),
            StudyTimeZone.WIT: self.tr("WIT (UTC+9): Maluku, Papua"),
        }
        for zone, name in names.items():
            self.time_zone.addItem(name, zone.value)
        self.time_zone.setCurrentIndex(max(0, self.time_zone.findData(time_zone)))
        if not time_zone_editable:  # a field package changing the study would be refused
            self.time_zone.setEnabled(False)
            self.time_zone.setToolTip(self.tr("Set on the supervisor's laptop"))
        study_form.addRow(self.tr("Time zone of the study"), self.time_zone)
        layout.addWidget(study)
        protection = QGroupBox(self.tr("Protection"), self)
        rows = QFormLayout(protection)
        self.lock_minutes = QSpinBox(protection)
        self.lock_minutes.setRange(0, 240)
        self.lock_minutes.setSuffix(self.tr(" min"))
        self.lock_minutes.setSpecialValueText(self.tr("never"))
        self.lock_minutes.setValue(lock_minutes)
        rows.addRow(self.tr("Lock an encrypted study after no use for"), self.lock_minutes)
        layout.addWidget(protection)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(self.state.ok)

    def chosen_lock_minutes(self) -> int:
        return int(self.lock_minutes.value())

    def chosen_time_zone(self) -> str:
        return str(self.time_zone.currentData())

    def chosen_font_size(self) -> int:
        return int(self.font_size.currentData())
