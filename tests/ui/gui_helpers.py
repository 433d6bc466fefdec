"""Driving modal dialogs in GUI tests with real clicks and keystrokes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def when_modal(
    qtbot: Any, drive: Callable[[QDialog], None], kind: type[QWidget] = QDialog
) -> list[BaseException]:
    """Run ``drive(dialog)`` as soon as a modal dialog of ``kind`` is open (inside its
    exec() loop); if driving fails, the dialog is closed so the test cannot hang."""
    errors: list[BaseException] = []

    def poll(tries: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            if tries < 200:
                QTimer.singleShot(20, lambda: poll(tries + 1))
            return
        try:
            drive(dialog)  # type: ignore[arg-type]
        except BaseException as exc:
            errors.append(exc)
            while (modal := QApplication.activeModalWidget()) is not None:
                if isinstance(modal, QDialog):
                    modal.reject()
                else:
                    modal.close()

    QTimer.singleShot(0, poll)
    return errors
