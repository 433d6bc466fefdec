"""First run: the UI language, who the researcher is, a name for this laptop and, when
the study is about to be created, whether to start a new study or join the supervisor's
from its hand-out package, and the study's passphrase; all but the study and its
passphrase can be changed later in Settings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop import APP_NAME
from neutralitas_desktop.ui.join_panel import JoinPanel
from neutralitas_desktop.ui.join_state import JOIN, NEW, JoinState
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
        join: JoinState | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.passphrase = passphrase
        self.join = join
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        self.title = QLabel(self)
        self.title.setObjectName("screenTitle")
        layout.addWidget(self.title)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setObjectName("hint")
        layout.addWidget(self.intro)
        self.form = ProfileForm(state, self)
        self.form.changed.connect(self._check)
        layout.addWidget(self.form)
        self.join_panel: JoinPanel | None = None
        if join is not None:
            layout.addWidget(self._study_choice(join))
        self.protection: PassphraseForm | None = None
        self.protection_group: QGroupBox | None = None
        if passphrase is not None:
            group = self.protection_group = QGroupBox(self)
            inner = QVBoxLayout(group)
            self.protection = PassphraseForm(passphrase, group)
            self.protection.changed.connect(self._check)
            inner.addWidget(self.protection)
            layout.addWidget(group)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setObjectName("primary")
        self.buttons.accepted.connect(self.accept)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._check()

    def retranslate(self) -> None:
        """Every text in the language in use: the language chosen here applies at once."""
        self.setWindowTitle(self.tr("Welcome"))
        self.title.setText(self.tr("Welcome to %1").replace("%1", APP_NAME))
        self.intro.setText(
            self.tr(
                "Before the first interview, tell the app who you are. Your name is recorded "
                "with every answer you save, so a supervisor can merge the work of several "
                "laptops. You can change all of this later in Settings."
            )
        )
        if self.protection_group is not None:
            self.protection_group.setTitle(self.tr("Protect the study"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Start"))
        # again after the button box's own retranslation, which would say "OK"
        QTimer.singleShot(0, lambda: ok.setText(self.tr("Start")))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _study_choice(self, join: JoinState) -> QGroupBox:
        group = QGroupBox(self.tr("The study"), self)
        inner = QVBoxLayout(group)
        self.new_study = QRadioButton(
            self.tr("Start a new study (this laptop becomes its supervisor)"), group
        )
        self.join_study = QRadioButton(
            self.tr("Join a study from a package (the hand-out from your supervisor)"), group
        )
        self.new_study.setChecked(join.mode == NEW)
        self.join_study.setChecked(join.mode == JOIN)
        self.join_panel = JoinPanel(join, group)
        self.join_panel.changed.connect(self._check)
        self.join_panel.setVisible(join.joining)
        self.join_study.toggled.connect(self._on_mode)
        for widget in (self.new_study, self.join_study, self.join_panel):
            inner.addWidget(widget)
        return group

    def _on_mode(self, joining: bool) -> None:
        assert self.join is not None and self.join_panel is not None
        self.join.mode = JOIN if joining else NEW
        self.join_panel.setVisible(joining)
        self._check()

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(
            self.state.ok
            and (self.passphrase is None or self.passphrase.ok)
            and (self.join is None or self.join.ok)
        )
