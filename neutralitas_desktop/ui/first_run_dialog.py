"""First run: the UI language, who the researcher is, a name for this laptop and, when
the study is about to be created, its passphrase; all but the passphrase can be changed
later in Settings."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop import APP_NAME
from neutralitas_desktop.ui.passphrase_form import PassphraseForm
from neutralitas_desktop.ui.passphrase_state import NewPassphraseState
from neutralitas_desktop.ui.profile_form import ProfileForm
from neutralitas_desktop.ui.profile_state import ProfileState


class FirstRunDialog(QDialog):
    def __init__(
        self,
        state: ProfileState,
        parent: QWidget | None = None,
        passphrase: NewPassphraseState | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.passphrase = passphrase
        self.setWindowTitle(self.tr("Welcome"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        title = QLabel(self.tr("Welcome to %1").replace("%1", APP_NAME), self)
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        intro = QLabel(
            self.tr(
                "Before the first interview, tell the app who you are. Your name is recorded "
                "with every answer you save, so a supervisor can merge the work of several "
                "laptops. You can change all of this later in Settings."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        layout.addWidget(intro)
        self.form = ProfileForm(state, self)
        self.form.changed.connect(self._check)
        layout.addWidget(self.form)
        self.protection: PassphraseForm | None = None
        if passphrase is not None:
            group = QGroupBox(self.tr("Protect the study"), self)
            inner = QVBoxLayout(group)
            self.protection = PassphraseForm(passphrase, group)
            self.protection.changed.connect(self._check)
            inner.addWidget(self.protection)
            layout.addWidget(group)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Start"))
        ok.setObjectName("primary")
        self.buttons.accepted.connect(self.accept)
        layout.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.state.ok and (self.passphrase is None or self.passphrase.ok))
