"""Test-only: types a scripted interview into the runner of a real app process, so a test
can kill the process mid-interview (SIGKILL) and check what survived.

Enabled only by the NEUTRALITAS_SCRIPTED_INPUT environment variable naming a JSON file:
``{"session_id": "...", "log": "/path/typed.log", "interval_ms": 40, "steps": [...]}``,
each step ``{"key": "b1_position", "text": "..."}`` (typed one key at a time) or
``{"key": "b2_unit", "choice": "kecamatan"}`` (clicked). Every keystroke is logged, with
the wall-clock time, after Qt has handled it; ``"log_every": N`` logs every Nth only.
``"quit": true`` closes the window when the script is done, so the exit path runs too. The
"opened" and "done" entries carry the reference counts of None, True and False, which a
leaking Qt binding drains (ui/binding_check).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from neutralitas_desktop.ui.binding_check import refcounts
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
        self.log_every = max(1, int(script.get("log_every", 1)))
        self.quit_when_done = bool(script.get("quit", False))
        self.keys = 0
        self.log = Path(script["log"]).open("a", encoding="utf-8")  # noqa: SIM115
        self.step = 0
        self.char = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        QTimer.singleShot(0, self._open)

    def _open(self) -> None:
        self.window.open_session(self.session_id)
        self._write("opened", "", "", refcounts())
        self.timer.start(self.interval)

    def _write(self, kind: str, key: str, text: str, counts: object = None) -> None:
        entry = {"t": time.time(), "kind": kind, "key": key, "text": text}
        if counts is not None:
            entry["refcounts"] = counts
        self.log.write(json.dumps(entry))
        self.log.write("\n")
        self.log.flush()

    def _tick(self) -> None:
        runner = self.window.runner
        if runner is None or self.step >= len(self.steps):
            self.timer.stop()
            self._write("done", "", "", refcounts())
            if self.quit_when_done:
                QTimer.singleShot(0, self._quit)
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
        self.keys += 1
        if self.keys % self.log_every == 0 or self.char >= len(text):
            self._write("key", key, text[: self.char])
        if self.char >= len(text):
            self.step, self.char = self.step + 1, 0

    def _quit(self) -> None:
        """Leave as a user does: close the main window (which closes the runner and its saves)."""
        closed = self.window.close()
        self._write("closed" if closed else "refused-close", "", "")
        self.log.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()
