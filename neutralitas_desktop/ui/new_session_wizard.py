"""New session: instrument → site → informant (pick or create) → consent → the runner.
Observations and document reviews stop after the site. The rules are NewSessionState's."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.informant_table import consent_label, method_label
from neutralitas_desktop.ui.new_session_state import CONSENT_METHODS, STEPS, NewSessionState
from neutralitas_desktop.ui.session_table import source_label
from neutralitas_desktop.ui.site_dialog import SiteDialog

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.runner import StartedSession
    from neutralitas_desktop.fieldwork.workspace import Workspace

ID_ROLE = Qt.ItemDataRole.UserRole


def _list(parent: QWidget) -> QListWidget:
    widget = QListWidget(parent)
    widget.setAlternatingRowColors(True)
    widget.setSpacing(2)
    return widget


class _Page(QWizardPage):
    step = ""

    def __init__(self, wizard: NewSessionWizard) -> None:
        super().__init__(wizard)
        self.w = wizard

    def isComplete(self) -> bool:
        return not self.w.state.problem(self.step)

    def nextId(self) -> int:
        following = self.w.state.next_step(self.step)
        return STEPS.index(following) if following else -1


class InstrumentPage(_Page):
    step = "instrument"

    def __init__(self, wizard: NewSessionWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("What are you doing?"))
        self.setSubTitle(self.tr("Choose the interview guide, checklist or log to fill in."))
        layout = QVBoxLayout(self)
        self.list = _list(self)
        for info in wizard.state.instruments:
            title = info.title.get(wizard.language) or next(iter(info.title.values()), "")
            detail = self.tr("%1 · %2 questions · version %3")
            detail = detail.replace("%1", source_label(info.source_type))
            detail = detail.replace("%2", str(info.questions)).replace("%3", info.version)
            item = QListWidgetItem(f"{title}\n{detail}", self.list)
            item.setData(ID_ROLE, info.id)
        self.list.currentItemChanged.connect(self._on_changed)
        self.list.itemDoubleClicked.connect(lambda _i: wizard.next())
        layout.addWidget(self.list)

    def _on_changed(self, item: QListWidgetItem | None) -> None:
        self.w.state.choose_instrument(str(item.data(ID_ROLE)) if item else "")
        self.completeChanged.emit()


class SitePage(_Page):
    step = "site"

    def __init__(self, wizard: NewSessionWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Where?"))
        self.setSubTitle(self.tr("The office or village the session is about."))
        self._suggested = ""
        layout = QVBoxLayout(self)
        self.list = _list(self)
        self.list.currentItemChanged.connect(self._on_changed)
        self.list.itemDoubleClicked.connect(lambda _i: wizard.next())
        layout.addWidget(self.list)
        add = QPushButton(self.tr("New site…"), self)
        add.clicked.connect(self._on_add)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addStretch(1)
        layout.addLayout(row)
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        for site in self.w.state.sites:
            region = f" — {site.region}" if site.region else ""
            item = QListWidgetItem(f"{site.name}{region}", self.list)
            item.setData(ID_ROLE, site.id)
            if site.id == self.w.state.site_id:
                self.list.setCurrentItem(item)

    def _on_changed(self, item: QListWidgetItem | None) -> None:
        self.w.state.choose_site(str(item.data(ID_ROLE)) if item else "")
        self.completeChanged.emit()

    def _on_add(self) -> None:
        dialog = SiteDialog(self)
        if not dialog.exec():
            return
        try:
            site = self.w.workspace.add_site(*dialog.values())
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.w.state.sites = [s for s in self.w.state.sites if s.id != site.id] + [site]
        self.w.state.site_id = site.id
        self._fill()
        self.completeChanged.emit()

    def isFinalPage(self) -> bool:
        return not self.w.state.is_interview


class InformantPage(_Page):
    step = "informant"

    def __init__(self, wizard: NewSessionWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Who is interviewed?"))
        self.setSubTitle(self.tr("Pick an informant of this site, or add a new one."))
        layout = QVBoxLayout(self)
        self.list = _list(self)
        self.list.currentItemChanged.connect(self._on_changed)
        self.list.itemDoubleClicked.connect(lambda _i: wizard.next())
        layout.addWidget(self.list, 1)
        box = QGroupBox(self.tr("New informant"), self)
        form = QFormLayout(box)
        self.code = QLineEdit(box)
        form.addRow(self.tr("Code"), self.code)
        self.role = QComboBox(box)
        for role in wizard.workspace.roles():
            self.role.addItem(role.label.get(wizard.language) or role.code, role.code)
        form.addRow(self.tr("Role"), self.role)
        self.real_name = QLineEdit(box)
        self.real_name.setPlaceholderText(self.tr("optional, kept apart, never exported"))
        form.addRow(self.tr("Real name"), self.real_name)
        self.contact = QLineEdit(box)
        self.contact.setPlaceholderText(self.tr("optional"))
        form.addRow(self.tr("Contact"), self.contact)
        self.create_button = QPushButton(self.tr("Add informant"), box)
        self.create_button.clicked.connect(self._on_create)
        form.addRow("", self.create_button)
        self.pending = QLabel(self.tr("Next adds this new informant and goes on."), box)
        self.pending.setObjectName("hint")
        self.pending.setVisible(False)
        form.addRow("", self.pending)
        for field in (self.real_name, self.contact, self.code):
            field.textEdited.connect(self._on_new_typed)
        layout.addWidget(box)

    def _new_typed(self) -> bool:
        """Fields of a new informant filled in and not yet added."""
        return bool(self.real_name.text().strip() or self.contact.text().strip()) or (
            self.code.text().strip() != self._suggested
        )

    def _on_new_typed(self, _text: str) -> None:
        self.pending.setVisible(self._new_typed())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return super().isComplete() or self._new_typed()

    def validatePage(self) -> bool:
        """Next with a new informant filled in adds it first (and picks it)."""
        if self._new_typed():
            return self._on_create()
        return True

    def initializePage(self) -> None:
        self._suggested = self.w.workspace.next_informant_code()
        self.code.setText(self._suggested)
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        for informant in self.w.state.site_informants():
            role = informant.role_label.get(self.w.language) or informant.role
            consent = consent_label(informant.consent_status)
            item = QListWidgetItem(f"{informant.code}  ·  {role}  ·  {consent}", self.list)
            item.setData(ID_ROLE, informant.id)
            if informant.id == self.w.state.informant_id:
                self.list.setCurrentItem(item)

    def _on_changed(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.w.state.informant_id = str(item.data(ID_ROLE))
        self.completeChanged.emit()

    def _on_create(self) -> bool:
        try:
            informant = self.w.workspace.create_informant(
                role=str(self.role.currentData()),
                site_id=self.w.state.site_id,
                code=self.code.text().strip() or None,
                real_name=self.real_name.text().strip(),
                contact=self.contact.text().strip(),
            )
        except NeutralitasError as exc:
            show_error(self, exc)
            return False
        self.w.state.add_informant(informant)
        self.real_name.clear()
        self.contact.clear()
        self._suggested = self.w.workspace.next_informant_code()
        self.code.setText(self._suggested)
        self.pending.setVisible(False)
        self._fill()
        self.completeChanged.emit()
        return True


class ConsentPage(_Page):
    step = "consent"

    def __init__(self, wizard: NewSessionWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Informed consent"))
        self.setSubTitle(
            self.tr("Read the guide's consent statement to the informant, then record the answer.")
        )
        layout = QVBoxLayout(self)
        self.who = QLabel(self)
        self.who.setObjectName("questionLabel")
        layout.addWidget(self.who)
        self.statement = QLabel(self)
        self.statement.setObjectName("panel")
        self.statement.setWordWrap(True)
        self.statement.setMargin(12)
        self.statement.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.statement)
        self.group = QButtonGroup(self)
        self.given = QRadioButton(self.tr("Consent given: start the interview"), self)
        self.refused = QRadioButton(
            self.tr("Consent refused: record the refusal and collect nothing else"), self
        )
        for value, button in (("given", self.given), ("refused", self.refused)):
            self.group.addButton(button)
            button.toggled.connect(lambda on, v=value: self._on_consent(v) if on else None)
            layout.addWidget(button)
        form = QFormLayout()
        self.method = QComboBox(self)
        for code in CONSENT_METHODS:
            self.method.addItem(method_label(code), code)
        self.method.currentIndexChanged.connect(
            lambda _i: setattr(wizard.state, "consent_method", str(self.method.currentData()))
        )
        form.addRow(self.tr("How"), self.method)
        self.when = QLabel(self)
        form.addRow(self.tr("When"), self.when)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)  # Tab leaves the box, as in every other field
        self.note.setFixedHeight(60)
        self.note.textChanged.connect(
            lambda: setattr(wizard.state, "consent_note", self.note.toPlainText().strip())
        )
        form.addRow(self.tr("Note"), self.note)
        layout.addLayout(form)
        self.named = QCheckBox(
            self.tr("May be named as a source in a report to an authority"), self
        )
        self.named.setToolTip(
            self.tr(
                "A separate, optional consent: without it, a case file for Bawaslu, BKN or "
                "the regent describes what this informant said by their role only."
            )
        )
        self.named.toggled.connect(lambda on: setattr(wizard.state, "consent_named", on))
        self.named.setEnabled(False)  # only a given consent carries it
        layout.addWidget(self.named)
        layout.addStretch(1)

    def initializePage(self) -> None:
        informant = self.w.state.informant
        self.who.setText(informant.code if informant else "")
        self.named.setChecked(bool(informant and informant.consent_named))
        statement = self.w.workspace.consent_statement(self.w.state.instrument_id, self.w.language)
        self.statement.setText(statement)
        self.statement.setVisible(bool(statement))
        self.when.setText(dt.datetime.now().strftime("%Y-%m-%d %H:%M"))

    def _on_consent(self, value: str) -> None:
        self.w.state.consent = value
        self.named.setEnabled(value == "given")
        finish = self.tr("Start interview") if value == "given" else self.tr("Record refusal")
        self.w.setButtonText(QWizard.WizardButton.FinishButton, finish)
        self.completeChanged.emit()


class NewSessionWizard(QWizard):
    def __init__(self, workspace: Workspace, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.language = language
        self.started: StartedSession | None = None
        self.state = NewSessionState(
            workspace.instruments(), workspace.sites(), workspace.informants(), language=language
        )
        self.setWindowTitle(self.tr("New session"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.resize(720, 560)
        for index, page in enumerate(
            (InstrumentPage(self), SitePage(self), InformantPage(self), ConsentPage(self))
        ):
            self.setPage(index, page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Start"))
        finish = self.button(QWizard.WizardButton.FinishButton)
        finish.setObjectName("primary")
        finish.style().unpolish(finish)  # QWizard polished its buttons already
        finish.style().polish(finish)

    def accept(self) -> None:
        try:
            self.started = self.workspace.begin_session(**self.state.request())  # type: ignore[arg-type]
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        super().accept()
