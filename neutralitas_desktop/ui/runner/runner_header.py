"""The runner's header: what is being run, for whom, where; elapsed time; the
instrument's language; text size; and the banner that says when saving fails."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


class RunnerHeader(QFrame):
    language_changed = Signal(str)
    font_step = Signal(int)  # +1 bigger, -1 smaller

    def __init__(self, languages: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runnerHeader")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.setSpacing(14)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title = QLabel(self)
        self.title.setObjectName("runnerTitle")
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("muted")
        texts.addWidget(self.title)
        texts.addWidget(self.subtitle)
        layout.addLayout(texts, 1)
        self.elapsed = QLabel(self)
        self.elapsed.setObjectName("muted")
        self.elapsed.setToolTip(self.tr("Time since the session started"))
        layout.addWidget(self.elapsed)
        self.language = QComboBox(self)
        self.language.setToolTip(self.tr("Language of the questions (the interface keeps its own)"))
        for code in languages:
            self.language.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language.setVisible(len(languages) > 1)
        self.language.activated.connect(
            lambda i: self.language_changed.emit(str(self.language.itemData(i)))
        )
        layout.addWidget(self.language)
        for text, step, tip in (
            ("A−", -1, self.tr("Smaller text (Ctrl+-)")),
            ("A+", +1, self.tr("Larger text (Ctrl++)")),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, s=step: self.font_step.emit(s))
            layout.addWidget(button)
        self._clock = QElapsedTimer()
        self._clock.start()
        self._before = 0  # seconds the session had run before it was opened here
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1000)
        self._tick()

    def set_language(self, code: str) -> None:
        index = self.language.findData(code)
        if index >= 0:
            self.language.setCurrentIndex(index)

    def continue_from(self, seconds: int) -> None:
        """A resumed session: the duration goes on from when it started."""
        self._before = max(0, seconds)
        self._tick()

    def _tick(self) -> None:
        seconds = self._before + self._clock.elapsed() // 1000
        hours, rest = divmod(seconds, 3600)
        clock = f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"
        self.elapsed.setText(self.tr("Elapsed %1").replace("%1", clock))


class SaveBanner(QFrame):
    """Non-modal: the answers stay in the form and are retried; the researcher can go on."""

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.text = QLabel(self)
        self.text.setObjectName("bannerText")
        self.text.setWordWrap(True)
        layout.addWidget(self.text, 1)
        retry = QPushButton(self.tr("Retry now"), self)
        retry.clicked.connect(self.retry_requested)
        layout.addWidget(retry)
        self.setVisible(False)

    def show_failure(self, code: str, pending: int) -> None:
        reasons = {
            "disk_full": self.tr("the disk is full"),
            "read_only": self.tr("the study file cannot be written (read-only)"),
            "missing": self.tr("the study file is missing (was the drive removed?)"),
            "locked": self.tr("another program is using the study file"),
        }
        reason = reasons.get(code, self.tr("the study file cannot be written"))
        text = self.tr(
            "Not saved: %1. %2 answer(s) are kept in the form and saving is retried "
            "every few seconds; you can go on working."
        )
        self.text.setText(text.replace("%1", reason).replace("%2", str(pending)))
        self.setVisible(True)
