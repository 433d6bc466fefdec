"""Playing an interview's recording beside its transcript (QtMultimedia, from the
PySide6-Addons wheel; without it the transcript editor says how to get playback). The audio
is played from memory: a voice identifies a person, so it never leaves the study in clear."""

from __future__ import annotations

import importlib.util

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from neutralitas_desktop.fieldwork.transcript_text import stamp

SPEEDS = (0.5, 0.75, 1.0, 1.25)


def multimedia_available() -> bool:
    """QtMultimedia is installed (PySide6-Addons, a dependency; a broken install may lack it)."""
    return importlib.util.find_spec("PySide6.QtMultimedia") is not None


def audio_output_available() -> bool:
    """The laptop has a sound output to play on. Without one, QtMultimedia's player cannot
    be heard and may block for a long time opening its output, so none is made."""
    from PySide6.QtMultimedia import QMediaDevices

    return bool(QMediaDevices.audioOutputs())


class RecordingPlayer(QWidget):
    """Play / pause, back 5 s, slow playback and the current time; the window around it
    binds the keys (Esc, F1) so they work while typing in the transcript."""

    duration_known = Signal(int)  # milliseconds

    def __init__(self, audio: bytes, filename: str, parent: QWidget | None = None) -> None:
        """``filename`` (the stored name) tells the decoder the kind of audio; only its
        suffix is passed on, since the decoder's log quotes the name."""
        super().__init__(parent)
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

        self.player = QMediaPlayer(self)
        self.output = QAudioOutput(self)
        self.player.setAudioOutput(self.output)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.play_button = QPushButton(self.tr("Play"), self)
        self.play_button.setToolTip(self.tr("Play / pause (Esc)"))
        self.play_button.clicked.connect(self.toggle)
        self.back_button = QPushButton(self.tr("Back 5 s"), self)
        self.back_button.setToolTip(self.tr("Back 5 seconds (F1)"))
        self.back_button.clicked.connect(lambda: self.skip(-5.0))
        self.speed = QComboBox(self)
        for rate in SPEEDS:
            self.speed.addItem(f"{rate:g}×", rate)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.setToolTip(self.tr("Playback speed"))
        self.speed.currentIndexChanged.connect(self._on_speed)
        self.time = QLabel(stamp(0), self)
        for widget in (self.play_button, self.back_button, self.speed, self.time):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.player.positionChanged.connect(self._on_position)
        self.player.durationChanged.connect(self._on_duration)
        self.player.playbackStateChanged.connect(self._on_state)
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(audio))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        suffix = filename.rpartition(".")[2].casefold() if "." in filename else "wav"
        self.player.setSourceDevice(self.buffer, QUrl(f"recording.{suffix}"))

    @property
    def seconds(self) -> float:
        return self.player.position() / 1000

    @property
    def duration_ms(self) -> int:
        return int(self.player.duration())

    @property
    def playing(self) -> bool:
        from PySide6.QtMultimedia import QMediaPlayer

        return self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def toggle(self) -> None:
        if self.playing:
            self.player.pause()
        else:
            self.player.play()

    def skip(self, seconds: float) -> None:
        self.seek(self.seconds + seconds)

    def seek(self, seconds: float) -> None:
        self.player.setPosition(max(0, int(seconds * 1000)))

    def stop(self) -> None:
        self.player.stop()
        self.player.setSource(QUrl())
        self.buffer.close()

    def _on_speed(self, index: int) -> None:
        self.player.setPlaybackRate(float(self.speed.itemData(index)))

    def _on_position(self, ms: int) -> None:
        self.time.setText(stamp(ms / 1000))

    def _on_duration(self, ms: int) -> None:
        if ms > 0:
            self.duration_known.emit(int(ms))

    def _on_state(self, _state: object) -> None:
        self.play_button.setText(self.tr("Pause") if self.playing else self.tr("Play"))
