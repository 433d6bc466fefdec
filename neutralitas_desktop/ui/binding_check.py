"""Does the installed Qt binding lose references on calls that return nothing?

PySide6 6.12.0 on Python 3.11 drops one reference to ``None`` (and to ``True`` / ``False``)
on every void call. Before Python 3.12 those objects are not immortal, so after a few
hundred keystrokes in the runner their count reaches zero and the interpreter aborts
("Fatal Python error: none_dealloc"), taking the answer being typed with it. The app
checks this once at start-up, before any answer can be typed, and the tests check it too.
"""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtWidgets import QLabel

CALLS = 200  # a few hundred void calls take well under a millisecond
# A sound binding loses nothing; a leaking one loses one reference per call. Anything
# above this share of the calls is a leak, below it the noise of other objects.
TOLERANCE = 0.25


def singletons_immortal() -> bool:
    """From Python 3.12 on (PEP 683) None, True and False are immortal: nothing to lose."""
    return sys.version_info >= (3, 12)


def refcounts() -> tuple[int, int, int]:
    gc.collect()
    return _counts()


def _counts() -> tuple[int, int, int]:
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


@dataclass(frozen=True)
class LeakReport:
    calls: int
    lost: tuple[int, int, int]  # references lost by None, True, False

    @property
    def leaks(self) -> bool:
        return any(lost > self.calls * TOLERANCE for lost in self.lost)

    def describe(self) -> str:
        none, true, false = self.lost
        return f"{self.calls} calls lost None:{none} True:{true} False:{false}"


def measure(calls: int = CALLS) -> LeakReport:
    """Make ``calls`` void calls on a label and count the references that went missing."""
    label = QLabel()
    # No collection in between (a full one costs tens of milliseconds at start-up): with
    # the collector paused, the counts move only by what the calls themselves do.
    paused = gc.isenabled()
    gc.disable()
    try:
        before = _counts()
        for i in range(calls):
            label.setText(str(i))
            label.setVisible(False)
            label.setEnabled(i % 2 == 0)
        after = _counts()
    finally:
        if paused:
            gc.enable()
    label.deleteLater()
    lost = before[0] - after[0], before[1] - after[1], before[2] - after[2]
    return LeakReport(calls, lost)


def binding_problem() -> str | None:
    """One line saying what to install instead, or None when the binding is sound.

    Needs a QApplication. On Pythons where the singletons are immortal a leak is harmless.
    """
    if singletons_immortal():
        return None
    report = measure()
    if not report.leaks:
        return None
    python = ".".join(str(part) for part in sys.version_info[:3])
    return (
        f"PySide6 {PYSIDE_VERSION} loses a reference on every call on Python {python} "
        f"({report.describe()}) and would stop the app in the middle of an interview: "
        'install PySide6-Essentials 6.11 (pip install "PySide6-Essentials<6.12") '
        "or use Python 3.12 or newer."
    )
