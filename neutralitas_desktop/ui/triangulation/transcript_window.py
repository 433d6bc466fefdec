"""A session's verbatim transcript, typed or imported, with its recording beside it: keys as
in oTranscribe (Esc play / pause, F1 back 5 s, Ctrl+J insert the current time stamp), a
click on a time stamp jumps there, slow playback; Ctrl+S saves."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.transcript_text import stamp, stamp_at
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.triangulation.recording_player import (
    RecordingPlayer,
    audio_output_available,
    multimedia_available,
)

if TYPE_CHECKING:
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench


KEYS = {"Esc": "play_pause", "F1": "back", "Ctrl+J": "stamp", "Ctrl+S": "save"}


class TranscriptEdit(QPlainTextEdit):
    """The editor; a click on a ``[hh:mm:ss]`` stamp says where to jump, and the player's
    keys work while typing (also where the window's shortcuts do not reach)."""

    stamp_clicked = Signal(float)
    command = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        pressed = QKeySequence(event.keyCombination()).toString()
        if pressed in KEYS:
            self.command.emit(KEYS[pressed])
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        cursor = self.cursorForPosition(event.position().toPoint())
        seconds = stamp_at(cursor.block().text(), cursor.positionInBlock())
        if seconds is not None and not self.textCursor().hasSelection():
            self.stamp_clicked.emit(seconds)


class TranscriptWindow(QWidget):
    saved = Signal()

    def __init__(
        self, workbench: TriangulationWorkbench, session_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transcript and recording"))
        self.workbench = workbench
        self.session_id = session_id
        self.player: RecordingPlayer | None = None
        layout = QVBoxLayout(self)
        self.status = QLabel(self)
        self.player_row = QHBoxLayout()
        self.recording_label = QLabel(self)
        self.recording_label.setWordWrap(True)
        self.player_row.addWidget(self.recording_label, 1)
        self.attach_button = QPushButton(self.tr("Attach recording…"), self)
        self.attach_button.clicked.connect(self._on_attach)
        self.player_row.addWidget(self.attach_button)
        layout.addLayout(self.player_row)
        self.editor = TranscriptEdit(self)
        self.editor.setPlaceholderText(
            self.tr("P: question…\nI: answer…   (Ctrl+J inserts the recording's time)")
        )
        self.editor.stamp_clicked.connect(self._on_stamp_clicked)
        self.editor.textChanged.connect(lambda: self.status.setText(self.tr("Not saved")))
        layout.addWidget(self.editor, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        self.import_button = QPushButton(self.tr("Import file…"), self)
        self.import_button.clicked.connect(self._on_import)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self._commands = {
            "play_pause": self._on_play_pause,
            "back": self._on_back,
            "stamp": self.insert_stamp,
            "save": self.save,
        }
        self.editor.command.connect(lambda name: self._commands[name]())
        for keys, name in KEYS.items():
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda n=name: self._commands[n]())
        self.editor.setPlainText(workbench.transcript(session_id).text)
        self.status.setText("")
        self._load_recording()

    # ---- recording ------------------------------------------------------------------
    def _load_recording(self) -> None:
        if self.player is not None:
            self.player.stop()
            self.player.deleteLater()
            self.player = None
        recording = self.workbench.recording(self.session_id)
        allowed = self.workbench.recording_allowed(self.session_id)
        self.attach_button.setEnabled(allowed)
        if not allowed:
            self.recording_label.setText(
                self.tr("The informant did not agree to be recorded (item A2): no recording.")
            )
        elif recording is None:
            self.recording_label.setText(self.tr("No recording attached."))
        elif not multimedia_available():
            self.recording_label.setText(
                self.tr(
                    "Recording {name} is stored; playing it needs QtMultimedia, which this "
                    "installation lacks (reinstall the app to get the PySide6-Addons package)."
                ).format(name=recording.filename)
            )
        elif not audio_output_available():
            self.recording_label.setText(
                self.tr(
                    "Recording {name} is stored; this laptop has no sound output to play it "
                    "on. Connect speakers or headphones, then open the transcript again."
                ).format(name=recording.filename)
            )
        else:
            self.recording_label.setText(recording.filename)
            self.player = RecordingPlayer(
                self.workbench.recording_bytes(recording), recording.filename, self
            )
            self.player_row.insertWidget(1, self.player, 2)

    def _on_attach(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Attach recording"), "", self.tr("Audio (*.wav *.mp3 *.m4a *.ogg)")
        )
        if path:
            self.attach(Path(path))

    def attach(self, path: Path) -> None:
        try:
            self.workbench.attach_recording(self.session_id, path)
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self._load_recording()

    def _on_play_pause(self) -> None:
        if self.player is not None:
            self.player.toggle()

    def _on_back(self) -> None:
        if self.player is not None:
            self.player.skip(-5.0)

    def _on_stamp_clicked(self, seconds: float) -> None:
        if self.player is not None:
            self.player.seek(seconds)

    def insert_stamp(self) -> None:
        seconds = self.player.seconds if self.player is not None else 0.0
        self.editor.insertPlainText(f"{stamp(seconds)} ")

    # ---- text -----------------------------------------------------------------------
    def save(self) -> None:
        try:
            result = self.workbench.save_transcript(self.session_id, self.editor.toPlainText())
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.status.setText(self.tr("Saved: {n} turns").format(n=len(result.segments)))
        self.saved.emit()

    def _on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import transcript"), "", self.tr("Transcripts (*.txt *.docx *.odt)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        try:
            result = self.workbench.import_transcript(self.session_id, path)
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.editor.setPlainText(result.text)
        self.status.setText(self.tr("Saved: {n} turns").format(n=len(result.segments)))
        self.saved.emit()

    def closeEvent(self, event: object) -> None:
        if self.player is not None:
            self.player.stop()
        super().closeEvent(event)  # type: ignore[arg-type]
