"""The product's words, defined once: the kinds of value a study holds (session status,
source type, consent, stance, corroboration, …), their labels in every UI language, the ids of
messages a user sees, and the session lifecycle.

Qt-free and database-free, below every layer: the UI, the reports, the services and the
CLI all read labels and messages from here, so a value reads the same on screen, in the
workbook and in the PDF.
"""

from __future__ import annotations

from neutralitas_desktop.vocabulary.labels import LANGUAGES, label, labels_of
from neutralitas_desktop.vocabulary.messages import Message, text
from neutralitas_desktop.vocabulary.terms import (
    ActorType,
    Conclusion,
    ConsentMethod,
    ConsentState,
    Corroboration,
    DocxReport,
    Election,
    Element,
    ElementVerdict,
    EvidenceKind,
    FindingStatus,
    Grouping,
    InformantCategory,
    LineTarget,
    MaterialKind,
    MemberCheckMaterial,
    MemberCheckResponse,
    SanctionKind,
    SelectionMethod,
    SessionStatus,
    SourceType,
    Speaker,
    Stance,
)

__all__ = [
    "LANGUAGES",
    "ActorType",
    "Conclusion",
    "ConsentMethod",
    "ConsentState",
    "Corroboration",
    "DocxReport",
    "Election",
    "Element",
    "ElementVerdict",
    "EvidenceKind",
    "FindingStatus",
    "Grouping",
    "InformantCategory",
    "LineTarget",
    "MaterialKind",
    "MemberCheckMaterial",
    "MemberCheckResponse",
    "Message",
    "SanctionKind",
    "SelectionMethod",
    "SessionStatus",
    "SourceType",
    "Speaker",
    "Stance",
    "label",
    "labels_of",
    "text",
]
