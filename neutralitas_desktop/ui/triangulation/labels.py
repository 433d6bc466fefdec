"""Words and colours of the triangulation screens: stances, corroboration, conclusions,
groupings (their labels from the vocabulary's catalogue), and the colour of a cell from
the corroboration of its incidents."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from neutralitas_desktop.instruments.model import pick
from neutralitas_desktop.triangulation.types import Cell, LocalText
from neutralitas_desktop.ui.session_table import source_label as source_name  # noqa: F401
from neutralitas_desktop.ui.translations import term
from neutralitas_desktop.vocabulary import (
    ActorType,
    Conclusion,
    Corroboration,
    Element,
    ElementVerdict,
    EvidenceKind,
    FindingStatus,
    Grouping,
    MaterialKind,
    Stance,
)

VIOLATION = QColor("#c0392b")  # the stances' colours, for highlighting coded passages
NEUTRALITY = QColor("#1d6a72")
UNCLEAR = QColor("#8a939e")
EMPTY = QColor("#ffffff")
# An attested violation is red, one line amber, a contradicted one lilac.
CONCLUSION_COLOURS = {
    "corroborated": QColor("#f4c7c3"),
    "single_line": QColor("#fce8b2"),
    "contradicted": QColor("#e8daef"),
    "unattested": QColor("#eeeeee"),
    "no_incidents": QColor("#ffffff"),
}


def stance_name(stance: str) -> str:
    return term(Stance, stance)


def conclusion_name(kind: str) -> str:
    return term(Conclusion, kind)


def corroboration_name(kind: str) -> str:
    return term(Corroboration, kind)


def evidence_kind_name(kind: str) -> str:
    return term(EvidenceKind, kind)


def actor_type_name(kind: str) -> str:
    return term(ActorType, kind)


def element_name(element: str) -> str:
    return term(Element, element)


def verdict_name(verdict: str) -> str:
    return term(ElementVerdict, verdict)


def material_kind_name(kind: str) -> str:
    return term(MaterialKind, kind)


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
        "site": QCoreApplication.translate(
            "Triangulation", "Sites × themes: each site's incidents (cross-case display)"
        ),
    }.get(by, by)


def finding_status_name(status: str) -> str:
    return term(FindingStatus, status)


def local(text: LocalText, language: str, fallback: str = "") -> str:
    return pick(text, language, "id") or fallback


def cell_colour(cell: Cell) -> QColor:
    """The colour of the best-attested incident in the cell; white when it holds none."""
    for kind in ("corroborated", "single_line", "contradicted", "unattested"):
        if cell.count(kind):
            return CONCLUSION_COLOURS[kind]
    return EMPTY
