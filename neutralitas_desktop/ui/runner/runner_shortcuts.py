"""The runner's keyboard shortcuts, as actions the main window also lists in its Sessions
menu. Their texts keep the runner's translation context."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from neutralitas_desktop.ui.runner.runner_view import RunnerView


def _tr(text: str) -> str:
    return QCoreApplication.translate("RunnerView", text)


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
            _tr("Next question"),
            [QKeySequence(ctrl | Qt.Key.Key_Return), QKeySequence(ctrl | Qt.Key.Key_Enter)],
            view.next_question,
        ),
        "next_section": action(
            _tr("Next section"), [QKeySequence(ctrl | Qt.Key.Key_PageDown)], lambda: view._step(1)
        ),
        "prev_section": action(
            _tr("Previous section"),
            [QKeySequence(ctrl | Qt.Key.Key_PageUp)],
            lambda: view._step(-1),
        ),
        "find": action(_tr("Find a question…"), [QKeySequence(std.Find)], view.find_question),
        "bigger": action(
            _tr("Larger text"),
            [QKeySequence(std.ZoomIn), QKeySequence(ctrl | Qt.Key.Key_Equal)],
            lambda: view._step_font(1),
        ),
        "smaller": action(
            _tr("Smaller text"), [QKeySequence(std.ZoomOut)], lambda: view._step_font(-1)
        ),
    }
