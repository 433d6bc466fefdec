"""What a normative study's legal analysis holds, as the reports read it.

A thesis in law tests an incident against an article element by element (*unsur pasal*):
the subject, the act, the time and the intent, each met, not met or unclear, with the
reasoning and the evidence for it; and it names the legal materials (*bahan hukum*) the
analysis rests on. The case file prints both; the records are kept by
``triangulation.legal_analysis``. The kinds of value live in the vocabulary (one place for
values and their labels) and are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from neutralitas_desktop.operations import UNLISTED, Changes
from neutralitas_desktop.vocabulary.terms import Element, ElementVerdict, MaterialKind

__all__ = [
    "Element",
    "ElementTest",
    "ElementVerdict",
    "LegalAnalysis",
    "LegalMaterial",
    "MaterialKind",
]


@dataclass(frozen=True)
class LegalMaterial:
    id: str
    kind: str  # MaterialKind value
    citation: str  # e.g. "UU No. 10 Tahun 2016 tentang Pemilihan Gubernur, Bupati, dan Wali Kota"
    note: str = ""
    recorded_by: str = ""  # the researcher's name
    updated_at: dt.datetime | None = None

    @property
    def changes(self) -> Changes:
        return Changes.of(legal=self.id, audit=UNLISTED)


@dataclass(frozen=True)
class ElementTest:
    id: str
    provision: str  # the provision's citation, e.g. "UU No. 6 Tahun 2014, Pasal 29 huruf j"
    element: str  # Element value
    verdict: str  # ElementVerdict value
    reasoning: str
    evidence: tuple[str, ...] = ()  # ids of the incident's evidence lines it rests on
    incident_id: str = ""
    recorded_by: str = ""  # the researcher's name
    updated_at: dt.datetime | None = None

    @property
    def changes(self) -> Changes:
        return Changes.of(legal=self.id, incidents=self.incident_id, audit=UNLISTED)


@dataclass(frozen=True)
class LegalAnalysis:
    """An incident's legal analysis: the study's materials and the element tests."""

    incident_id: str
    materials: tuple[LegalMaterial, ...] = ()
    tests: tuple[ElementTest, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not self.materials and not self.tests

    def tests_of(self, provision: str) -> tuple[ElementTest, ...]:
        """The element tests against one provision (by citation), in element order."""
        return tuple(t for t in self.tests if t.provision == provision)

    @property
    def provisions(self) -> tuple[str, ...]:
        """The provisions tested, in the order of their first test."""
        return tuple(dict.fromkeys(t.provision for t in self.tests))
