"""The runner's keyboard shortcuts, as actions the main window also lists in its Sessions
menu. Their texts keep the runner's translation context."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from neutralitas_desktop.ui.runner.runner_view import RunnerView


def runner_shortcuts(view: RunnerView) -> dict[str, QAction]:
    """Actions bound to ``view`` and its children: next question / section, find, text size."""

    def action(text: str, keys: list[QKeySequence], slot: Callable[[], object]) -> QAction:
        act = QAction(text, view)
        act.setShortcuts(keys)
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        view.addAction(act)
        return act

    ctrl = Qt.KeyboardModifier.ControlModifier
    std = QKeySequence.StandardKey
    return {
        "next_question": action(
            QCoreApplication.translate("RunnerView", "Next question"),
            [QKeySequence(ctrl | Qt.Key.Key_Return), QKeySequence(ctrl | Qt.Key.Key_Enter)],
            view.next_question,
        ),
        "next_section": action(
            QCoreApplication.translate("RunnerView", "Next section"),
            [QKeySequence(ctrl | Qt.Key.Key_PageDown)],
            lambda: view._step(1),
        ),
        "prev_section": action(
            QCoreApplication.translate("RunnerView", "Previous section"),
            [QKeySequence(ctrl | Qt.Key.Key_PageUp)],
            lambda: view._step(-1),
        ),
        "find": action(
            QCoreApplication.translate("RunnerView", "Find a question…"),
            [QKeySequence(std.Find)],
            view.find_question,
        ),
        "bigger": action(
            QCoreApplication.translate("RunnerView", "Larger text"),
            [QKeySequence(std.ZoomIn), QKeySequence(ctrl | Qt.Key.Key_Equal)],
            lambda: view._step_font(1),
        ),
        "smaller": action(
            QCoreApplication.translate("RunnerView", "Smaller text"),
            [QKeySequence(std.ZoomOut)],
            lambda: view._step_font(-1),
        ),
    }
