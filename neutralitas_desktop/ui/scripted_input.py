"""Test-only: types a scripted interview into the runner of a real app process, so a test
can kill the process mid-interview (SIGKILL) and check what survived.

Enabled only by the NEUTRALITAS_SCRIPTED_INPUT environment variable naming a JSON file:
``{"session_id": "...", "log": "/path/typed.log", "interval_ms": 40, "steps": [...]}``,
each step ``{"key": "b1_position", "text": "..."}`` (typed one key at a time) or
``{"key": "b2_unit", "choice": "kecamatan"}`` (clicked). Every keystroke is logged, with
the wall-clock time, after Qt has handled it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtTest import QTest

from neutralitas_desktop.ui.main_window import MainWindow
from neutralitas_desktop.ui.runner.choice_inputs import button_for


class ScriptedInput(QObject):
    def __init__(self, window: MainWindow, script_path: str) -> None:
        super().__init__(window)
        self.window = window
        script: dict[str, Any] = json.loads(Path(script_path).read_text(encoding="utf-8"))
        self.session_id = str(script["session_id"])
        self.steps: list[dict[str, Any]] = list(script["steps"])
        self.interval = int(script.get("interval_ms", 40))
        self.log = Path(script["log"]).open("a", encoding="utf-8")  # noqa: SIM115
        self.step = 0
        self.char = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        QTimer.singleShot(0, self._open)

    def _open(self) -> None:
        self.window.open_session(self.session_id)
        self._write("opened", "", "")
        self.timer.start(self.interval)

    def _write(self, kind: str, key: str, text: str) -> None:
        self.log.write(json.dumps({"t": time.time(), "kind": kind, "key": key, "text": text}))
        self.log.write("\n")
        self.log.flush()

    def _tick(self) -> None:
        runner = self.window.runner
        if runner is None or self.step >= len(self.steps):
            self.timer.stop()
            self._write("done", "", "")
            return
        step = self.steps[self.step]
        key = str(step["key"])
        if self.char == 0:
            runner.focus_question(key)
        card = runner.current_page().card(key)
        if card is None or card.input is None:
            self._write("missing", key, "")
            self.step, self.char = self.step + 1, 0
            return
        if "choice" in step:
            button = button_for(card.input, str(step["choice"]))
            if button is not None:  # on the indicator, where a user clicks
                where = QPoint(8, button.height() // 2)
                QTest.mouseClick(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), where)
            checked = button is not None and button.isChecked()
            self._write("choice" if checked else "missed", key, str(step["choice"]))
            self.step, self.char = self.step + 1, 0
            return
        text = str(step["text"])
        target = card.input.focus_widget()
        QTest.keyClicks(target, text[self.char])
        self.char += 1
        self._write("key", key, text[: self.char])
        if self.char >= len(text):
            self.step, self.char = self.step + 1, 0
