"""File > Export field package…: where to, only what changed or everything, for whom,
anonymised or encrypted (with informants' identities only then); written off the GUI
thread with a progress bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.ui.exchange.package_state import PackageState
from neutralitas_desktop.ui.formats import whole
from neutralitas_desktop.ui.operation_runner import Operation, OperationRunner, failure_text

if TYPE_CHECKING:
    from neutralitas_desktop.exchange.results import PackageResult
    from neutralitas_desktop.exchange.service import ExchangeService

FILTER = "Field package (*.ndpkg)"


class PackageDialog(QDialog):
    written = Signal(object)  # PackageResult

    def __init__(
        self, service: ExchangeService, state: PackageState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.state = state
        self.runner = OperationRunner(self)
        self.job: Operation | None = None
        self.outcome: PackageResult | None = None
        self.setWindowTitle(self.tr("Export field package"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Export field package"), self)
        heading.setObjectName("screenTitle")
        layout.addWidget(heading)
        intro = QLabel(
            self.tr(
                "One file with this laptop's fieldwork for the supervisor (or, from the "
                "supervisor, the sessions going back to a researcher)."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)
        self.path_edit = QLineEdit(state.path, self)
        self.path_edit.textChanged.connect(self._on_path)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._on_browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Save as"), row)
        self.researcher_combo = QComboBox(self)
        self.researcher_combo.addItem(self.tr("Everyone's sessions"), None)
        for rid, name in state.researchers:
            self.researcher_combo.addItem(name, rid)
        self.researcher_combo.currentIndexChanged.connect(self._on_researcher)
        form.addRow(self.tr("Sessions of"), self.researcher_combo)
        self.since_box = QCheckBox(self.tr("Only what changed since the last package"), self)
        self.since_box.toggled.connect(lambda on: self._set("since_last", on))
        self.anonymize_box = QCheckBox(
            self.tr("Anonymise: leave out researchers' and devices' names and informants' notes"),
            self,
        )
        self.anonymize_box.toggled.connect(self.state.set_anonymize)
        self.anonymize_box.toggled.connect(lambda _on: self._refresh())
        self.encrypt_box = QCheckBox(self.tr("Encrypt with a passphrase"), self)
        self.encrypt_box.toggled.connect(self.state.set_encrypt)
        self.encrypt_box.toggled.connect(lambda _on: self._refresh())
        self.identities_box = QCheckBox(
            self.tr("Include informants' real names and contacts (only encrypted)"), self
        )
        self.identities_box.toggled.connect(self.state.set_include_identities)
        self.identities_box.toggled.connect(lambda _on: self._refresh())
        for box in (self.since_box, self.anonymize_box, self.encrypt_box, self.identities_box):
            layout.addWidget(box)
        secret = QFormLayout()
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.textChanged.connect(lambda t: self._set("passphrase", t))
        self.again_edit = QLineEdit(self)
        self.again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.again_edit.textChanged.connect(lambda t: self._set("passphrase_again", t))
        secret.addRow(self.tr("Passphrase"), self.passphrase_edit)
        secret.addRow(self.tr("Repeat it"), self.again_edit)
        layout.addLayout(secret)
        self.problems = QLabel(self)
        self.problems.setStyleSheet("color: #A93226;")
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.export_button = QPushButton(self.tr("Export"), self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self._refresh()

    # ---- state <-> widgets ---------------------------------------------------------
    def _set(self, name: str, value: object) -> None:
        setattr(self.state, name, value)
        self._refresh()

    def _on_path(self, text: str) -> None:
        self.state.path = text
        self._refresh()

    def _on_researcher(self, _index: int) -> None:
        self.state.researcher_id = self.researcher_combo.currentData()
        self._refresh()

    def _on_browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export field package"), self.state.path, FILTER
        )
        if path:
            self.path_edit.setText(path)

    def _refresh(self) -> None:
        state = self.state
        for box, on in (
            (self.anonymize_box, state.anonymize),
            (self.encrypt_box, state.encrypt),
            (self.identities_box, state.include_identities),
        ):
            if box.isChecked() != on:
                box.blockSignals(True)
                box.setChecked(on)
                box.blockSignals(False)
        for edit in (self.passphrase_edit, self.again_edit):
            edit.setEnabled(state.encrypt)
        if not state.encrypt:
            for edit in (self.passphrase_edit, self.again_edit):
                if edit.text():
                    edit.blockSignals(True)
                    edit.clear()
                    edit.blockSignals(False)
        texts = {
            "no_path": self.tr("Choose where to save the package."),
            "no_folder": self.tr("That folder does not exist."),
            "short_passphrase": self.tr("The passphrase needs at least 8 characters."),
            "passphrases_differ": self.tr("The two passphrases differ."),
        }
        problems = state.problems()
        self.problems.setText("\n".join(texts[p] for p in problems))
        busy = self.job is not None
        self.export_button.setEnabled(not problems and not busy)

    # ---- work ----------------------------------------------------------------------
    def start(self) -> None:
        if not self.state.ready or self.job is not None:
            return
        target = self.state.target
        arguments = self.state.service_arguments()
        service = self.service
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("Writing %1…").replace("%1", str(target)))
        self.job = self.runner.run(
            lambda progress, _cancel: service.write_package(target, progress=progress, **arguments),
            self._on_written,
            self._on_failed,
        )
        self.job.progressed.connect(self._on_progress)
        self.job.done.connect(self._on_done)
        self._refresh()

    def _on_progress(self, done: int, total: int, _what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_written(self, result: PackageResult) -> None:
        self.outcome = result
        m = result.manifest
        self.status.setText(
            self.tr("Wrote %1 (%2 KB): %3 sessions, %4 answers.")
            .replace("%1", str(result.path))
            .replace("%2", whole(round(result.size / 1024)))
            .replace("%3", str(m.sessions))
            .replace("%4", str(m.answers))
        )
        self.written.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        self.status.setText("")
        self.problems.setText(failure_text(error))

    def _on_done(self) -> None:
        self.job = None
        self.progress.setVisible(False)
        self._refresh()
        if self.outcome is not None:
            self.export_button.setEnabled(False)
            self.close_button.setDefault(True)

    def reject(self) -> None:
        if self.job is not None:
            return  # a package is being written; it finishes in a moment
        super().reject()


def package_state(service: ExchangeService, folder: Path, device_name: str) -> PackageState:
    from neutralitas_desktop.ui.exchange.package_state import default_path

    return PackageState(str(default_path(folder, device_name)), service.researchers())
