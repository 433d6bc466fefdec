"""Words and colours of the triangulation screens: stances, verdicts, groupings (their
labels from the vocabulary's catalogue), and the colour of a cell from its balance of
evidence."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from neutralitas_desktop.instruments.model import pick
from neutralitas_desktop.triangulation.types import Cell, LocalText
from neutralitas_desktop.ui.session_table import source_label as source_name  # noqa: F401
from neutralitas_desktop.ui.translations import term
from neutralitas_desktop.vocabulary import FindingStatus, Grouping, Stance, Verdict

VIOLATION = QColor("#c0392b")
NEUTRALITY = QColor("#1d6a72")
UNCLEAR = QColor("#8a939e")
EMPTY = QColor("#ffffff")
VERDICT_COLOURS = {
    "converging": QColor("#dcefe0"),
    "diverging": QColor("#fbe3c8"),
    "single_source": QColor("#e8ecf1"),
    "no_evidence": QColor("#ffffff"),
}


def stance_name(stance: str) -> str:
    return term(Stance, stance)


def verdict_name(kind: str) -> str:
    return term(Verdict, kind)


def grouping_name(by: str) -> str:
    return term(Grouping, by)


def grouping_hint(by: str) -> str:
    return {
        "technique": QCoreApplication.translate(
            "Triangulation", "Triangulasi teknik: interview, observation, documentation"
        ),
        "source": QCoreApplication.translate(
            "Triangulation",
            "Triangulasi sumber: informant roles, then observation and documentation",
        ),
        "time": QCoreApplication.translate(
            "Triangulation", "Triangulasi waktu: the study's fieldwork periods"
        ),
    }.get(by, by)


def finding_status_name(status: str) -> str:
    return term(FindingStatus, status)


def local(text: LocalText, language: str, fallback: str = "") -> str:
    return pick(text, language, "id") or fallback


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def cell_colour(cell: Cell) -> QColor:
    """Red for violation, teal for neutrality, mixed by their balance; paler when the cell
    holds little evidence or mostly unclear evidence; white when empty."""
    decisive = cell.violation + cell.neutrality
    if cell.total == 0:
        return EMPTY
    if decisive == 0:
        return _mix(EMPTY, UNCLEAR, 0.25)
    hue = _mix(NEUTRALITY, VIOLATION, cell.violation / decisive)
    strength = 0.18 + 0.42 * min(1.0, decisive / 10) * (decisive / cell.total)
    return _mix(EMPTY, hue, strength)
