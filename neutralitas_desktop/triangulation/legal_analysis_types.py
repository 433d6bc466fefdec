"""What a normative study's legal analysis holds, as the reports read it.

A thesis in law tests an incident against an article element by element (*unsur pasal*):
the subject, the act, the time and the intent, each met, not met or unclear, with the
reasoning and the evidence for it; and it names the legal materials (*bahan hukum*) the
analysis rests on. The case file prints both; the records are kept by
``triangulation.legal_analysis``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class MaterialKind(StrEnum):
    """The three kinds of legal material (bahan hukum) a normative study names."""

    PRIMARY = "primary"  # bahan hukum primer: statutes, regulations, court decisions
    SECONDARY = "secondary"  # bahan hukum sekunder: books, journals, expert opinion
    TERTIARY = "tertiary"  # bahan hukum tersier: dictionaries, encyclopaedias


class Element(StrEnum):
    """The elements of an article an incident is tested against."""

    SUBJECT = "subject"  # subjek: whom the article binds
    ACT = "act"  # perbuatan: what it forbids
    TIME = "time"  # waktu: the stage of the election it applies in
    INTENT = "intent"  # kesengajaan / unsur subjektif


class ElementVerdict(StrEnum):
    MET = "met"  # terpenuhi
    NOT_MET = "not_met"  # tidak terpenuhi
    UNCLEAR = "unclear"  # belum jelas


@dataclass(frozen=True)
class LegalMaterial:
    id: str
    kind: str  # MaterialKind value
    citation: str  # e.g. "UU No. 10 Tahun 2016 tentang Pemilihan Gubernur, Bupati, dan Wali Kota"
    note: str = ""


@dataclass(frozen=True)
class ElementTest:
    id: str
    provision: str  # the provision's citation, e.g. "UU No. 6 Tahun 2014, Pasal 29 huruf j"
    element: str  # Element value
    verdict: str  # ElementVerdict value
    reasoning: str
    evidence: tuple[str, ...] = ()  # ids of the incident's evidence lines it rests on


@dataclass(frozen=True)
class LegalAnalysis:
    """An incident's legal analysis: the study's materials and the element tests."""

    incident_id: str
    materials: tuple[LegalMaterial, ...] = ()
    tests: tuple[ElementTest, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not self.materials and not self.tests
