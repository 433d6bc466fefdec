"""File > Merge packages…: choose the packages (their manifests shown, encrypted ones asking
for their passphrase), see what the merge would do per package and researcher, then merge
off the GUI thread with a progress bar. A package that cannot be used says why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.ui.exchange.merge_state import MergeState
from neutralitas_desktop.ui.exchange.rows_model import RowsModel
from neutralitas_desktop.ui.formats import study_time
from neutralitas_desktop.ui.operation_runner import (
    Operation,
    OperationRunner,
    Work,
    failure_text,
)
from neutralitas_desktop.ui.translations import error_text, ui_language
from neutralitas_desktop.vocabulary.time_zones import StudyTimeZone

if TYPE_CHECKING:
    from neutralitas_desktop.exchange.results import MergeSummary
    from neutralitas_desktop.exchange.service import ExchangeService

FILTER = "Field packages (*.ndpkg);;All files (*)"
COLUMN_WIDTH = 84  # pixels, every column but the first


def _table(model: RowsModel, parent: QWidget, stretch: int = 0) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    # one column (a file name, a package's state) takes what is left; the others are
    # narrow (headers and names elided, whole in their tooltips), so that every column,
    # the conflicts too, shows on a small screen
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultSectionSize(COLUMN_WIDTH)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    view.setAlternatingRowColors(True)
    return view


class MergeDialog(QDialog):
    merged = Signal(object)  # list[MergeSummary]

    def __init__(self, service: ExchangeService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.zone = service.time_zone()
        self.state = MergeState()
        self.runner = OperationRunner(self)
        self.job: Operation | None = None
        self.setWindowTitle(self.tr("Merge packages"))
        self.resize(900, 620)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Merge packages"), self)
        heading.setObjectName("screenTitle")
        layout.addWidget(heading)
        self.packages = RowsModel(
            [
                self.tr("File"),
                self.tr("Researcher"),
                self.tr("Laptop"),
                self.tr("Made"),
                self.tr("Sessions"),
                self.tr("State"),
            ],
            self,
        )
        self.package_view = _table(self.packages, self, stretch=5)
        self.package_view.setMaximumHeight(170)
        layout.addWidget(self.package_view)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add packages…"), self)
        self.add_button.clicked.connect(self._on_add)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self._on_remove)
        self.passphrase_button = QPushButton(self.tr("Passphrase…"), self)
        self.passphrase_button.clicked.connect(self._on_passphrase)
        for button in (self.add_button, self.remove_button, self.passphrase_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.caption = QLabel(self.tr("What the merge would do"), self)
        self.caption.setObjectName("sectionTitle")
        layout.addWidget(self.caption)
        self.summary = RowsModel(
            [
                self.tr("Package"),
                self.tr("Researcher"),
                self.tr("New sessions"),
                self.tr("Updated sessions"),
                self.tr("New answers"),
                self.tr("Updated answers"),
                self.tr("New codings"),
                self.tr("Conflicts"),
            ],
            self,
        )
        self.summary_view = _table(self.summary, self)
        layout.addWidget(self.summary_view, 1)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.preview_button = QPushButton(self.tr("Preview"), self)
        self.preview_button.clicked.connect(self.start_preview)
        self.merge_button = QPushButton(self.tr("Merge"), self)
        self.merge_button.clicked.connect(self.start_merge)
        self.stop_button = QPushButton(self.tr("Stop after this package"), self)
        self.stop_button.clicked.connect(self._on_stop)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.reject)
        for button in (self.preview_button, self.merge_button, self.stop_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._refresh()

    # ---- packages ------------------------------------------------------------------
    def add_paths(self, paths: list[Path]) -> None:
        for path in paths:
            try:
                manifest = self.service.inspect(path)
            except NeutralitasError as exc:
                self.state.add(path, None, error_text(exc))
            else:
                foreign = self.service.foreign_study(path, manifest)
                self.state.add(path, manifest, error_text(foreign) if foreign else "")
        self._refresh()

    def set_passphrase(self, index: int, passphrase: str) -> None:
        self.state.set_passphrase(index, passphrase)
        self._refresh()

    def _on_add(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Merge packages"), "", FILTER)
        self.add_paths([Path(f) for f in files])
        for index, entry in enumerate(self.state.entries):
            if entry.needs_passphrase:
                self._ask_passphrase(index)

    def _on_remove(self) -> None:
        rows = self.package_view.selectionModel().selectedRows()
        if rows:
            self.state.remove(rows[0].row())
            self._refresh()

    def _on_passphrase(self) -> None:
        rows = self.package_view.selectionModel().selectedRows()
        index = (
            rows[0].row()
            if rows
            else next((i for i, e in enumerate(self.state.entries) if e.needs_passphrase), -1)
        )
        if index >= 0:
            self._ask_passphrase(index)

    def _ask_passphrase(self, index: int) -> None:
        entry = self.state.entries[index]
        text, ok = QInputDialog.getText(
            self,
            self.tr("Encrypted package"),
            self.tr("Passphrase for %1:").replace("%1", entry.path.name),
            QLineEdit.EchoMode.Password,
        )
        if ok and text:
            self.set_passphrase(index, text)

    # ---- state -> widgets ----------------------------------------------------------
    def _package_rows(self) -> list[tuple[str, ...]]:
        rows: list[tuple[str, ...]] = []
        for e in self.state.entries:
            m = e.manifest
            if m is None:
                rows.append((e.path.name, "", "", "", "", e.error))
                continue
            if e.error:
                state = self.tr("another study: cannot be merged")
            elif e.needs_passphrase:
                state = self.tr("encrypted: passphrase needed")
            elif m.encrypted:
                state = self.tr("encrypted")
            else:
                state = self.tr("ready")
            made = _made(m.created_at, self.zone)
            who = m.researcher or m.device_name
            rows.append((e.path.name, who, m.device_name, made, str(m.sessions), state))
        return rows

    def _refresh(self) -> None:
        self.packages.set_rows(self._package_rows())
        busy = self.job is not None
        state = self.state
        shown = state.result if state.result is not None else state.preview
        self.caption.setText(
            self.tr("What the merge did") if state.result is not None else
            self.tr("What the merge would do")
        )  # fmt: skip
        self.summary.set_rows(
            state.summary_rows(shown, self.tr("already merged")) if shown is not None else []
        )
        self.notes.setText(
            "\n".join(state.notes(shown, ui_language())) if shown else "\n\n".join(state.problems)
        )
        self.add_button.setEnabled(not busy and state.result is None)
        self.remove_button.setEnabled(not busy and bool(state.entries) and state.result is None)
        self.passphrase_button.setEnabled(
            not busy and any(e.manifest is not None and e.manifest.encrypted for e in state.entries)
        )
        self.preview_button.setEnabled(not busy and state.can_preview and state.result is None)
        self.merge_button.setEnabled(not busy and state.can_merge)
        self.stop_button.setVisible(busy)
        self.merge_button.setDefault(state.can_merge)

    # ---- work ----------------------------------------------------------------------
    def start_preview(self) -> None:
        if not self.state.can_preview or self.job is not None or not self._confirm_devices():
            return
        paths, secrets, service = self.state.paths, self.state.passphrases, self.service
        trusted = list(self.state.trusted)
        self.status.setText(self.tr("Checking the packages…"))
        self._run(
            lambda progress, _cancel: service.preview(paths, secrets, progress, trusted),
            self._on_previewed,
        )

    def start_merge(self) -> None:
        if not self.state.can_merge or self.job is not None or not self._confirm_devices():
            return
        paths, secrets, service = self.state.paths, self.state.passphrases, self.service
        trusted = list(self.state.trusted)
        self.status.setText(self.tr("Merging…"))
        self._run(
            lambda progress, cancel: service.merge(paths, secrets, progress, cancel, trusted),
            self._on_merged,
        )

    def _confirm_devices(self) -> bool:
        """Ask once per laptop the study does not know yet whether to trust its key: the
        supervisor compares the fingerprint with the one on the researcher's screen."""
        for entry in self.state.entries:
            if entry.manifest is None:
                continue
            fingerprint = self.service.unknown_signer(entry.manifest)
            if fingerprint is None or fingerprint in self.state.trusted:
                continue
            who = entry.manifest.device_name or entry.manifest.researcher or entry.path.name
            answer = QMessageBox.question(
                self,
                self.tr("A new laptop"),
                self.tr(
                    "The package %1 is signed by the laptop %2, which this study does not "
                    "know yet.\n\nKey fingerprint: %3\n\nTrust this laptop only if the "
                    "researcher's own screen (Help › This laptop… or `neutralitas device` on "
                    "that laptop) shows the same fingerprint."
                )
                .replace("%1", entry.path.name)
                .replace("%2", who)
                .replace("%3", fingerprint),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
            self.state.trusted.append(fingerprint)
        return True

    def _run(self, work: Work, finished: Callable[[Any], None]) -> None:
        self.status.setStyleSheet("")
        self.progress.setVisible(True)
        self.progress.setRange(0, max(len(self.state.entries), 1))
        self.progress.setValue(0)
        self.job = self.runner.run(work, finished, self._on_failed)
        self.job.progressed.connect(self._on_progress)
        self.job.done.connect(self._on_done)
        self._refresh()

    def _on_progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if what:
            self.status.setText(self.tr("Merging %1…").replace("%1", what))

    def _on_previewed(self, summaries: list[MergeSummary]) -> None:
        self.state.preview = summaries
        self.status.setText(self.tr("Nothing has been changed yet. Merge to do it."))

    def _on_merged(self, summaries: list[MergeSummary]) -> None:
        self.state.result = summaries
        left = len(self.state.entries) - len(summaries)
        text = self.tr("Merged %1 package(s).").replace("%1", str(len(summaries)))
        if left:
            text += " " + self.tr("%1 not merged (stopped).").replace("%1", str(left))
        self.status.setText(text)
        self.merged.emit(summaries)

    def _on_failed(self, error: BaseException) -> None:
        self.status.setText(failure_text(error))
        self.status.setStyleSheet("color: #A93226;")

    def _on_done(self) -> None:
        self.job = None
        self.progress.setVisible(False)
        self._refresh()

    def _on_stop(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.stop_button.setEnabled(False)

    def reject(self) -> None:
        if self.job is not None:
            self._on_stop()
            return
        super().reject()


def _made(created_at: str, zone: StudyTimeZone) -> str:
    """When the package was made, in the study's zone (the manifest writes UTC); a value
    that is not a time is shown as it is."""
    try:
        return study_time(dt.datetime.fromisoformat(created_at), zone)
    except ValueError:
        return created_at[:40]
