"""The legal analysis records of a study: legal materials and element-by-element tests of
an incident against an article (see ``legal_analysis_types``)."""

from __future__ import annotations

from neutralitas_desktop.store.database import Database
from neutralitas_desktop.triangulation.legal_analysis_types import LegalAnalysis


def analysis_for(db: Database, incident_id: str) -> LegalAnalysis:
    """The study's legal materials and the incident's element tests (none recorded yet)."""
    del db
    return LegalAnalysis(incident_id=incident_id)
