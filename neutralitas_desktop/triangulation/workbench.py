"""The triangulation services bound to one open study, as the GUI uses them.

The composition root (app.py) makes one ``TriangulationWorkbench`` from the open
database and the acting researcher and hands it to the screens; the screens call its
methods (in a worker where they may take a while) and get plain dataclasses back, so
the ui layer never touches the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork import recordings, transcripts
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.answers import session_answers
from neutralitas_desktop.fieldwork.recordings import RecordingInfo
from neutralitas_desktop.fieldwork.study import study_info
from neutralitas_desktop.fieldwork.transcripts import Transcript
from neutralitas_desktop.operations import CancelToken, Changes, Progress
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import InformantRole, Researcher, Site
from neutralitas_desktop.triangulation import (
    agreement,
    codebook,
    codebook_files,
    coding,
    findings,
    incidents,
    legal_analysis,
    tags,
)
from neutralitas_desktop.triangulation.agreement_types import AgreementReport, Disagreement, Unit
from neutralitas_desktop.triangulation.evidence import study_periods
from neutralitas_desktop.triangulation.incident_types import IncidentInfo, LineInfo
from neutralitas_desktop.triangulation.legal_analysis_types import (
    ElementTest,
    LegalAnalysis,
    LegalMaterial,
)
from neutralitas_desktop.triangulation.matrix import (
    cell_evidence,
    cell_incidents,
    set_corroboration_threshold,
)
from neutralitas_desktop.triangulation.matrix import triangulation_matrix as _matrix
from neutralitas_desktop.triangulation.proposals import propose
from neutralitas_desktop.triangulation.search import CodedPassage, SearchHit, TextSearch, coded_with
from neutralitas_desktop.triangulation.types import (
    CodableText,
    CodebookChange,
    CodingInfo,
    Evidence,
    FindingInfo,
    ImportResult,
    LocalText,
    Matrix,
    MatrixQuery,
    SourceTags,
    ThemeInfo,
    Thresholds,
)
from neutralitas_desktop.vocabulary.law import Provision, study_election


@dataclass(frozen=True)
class Choice:
    """Something to pick in a filter: a site, a period, a researcher, a role."""

    key: str
    label: LocalText


class TriangulationWorkbench:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor
        self._search: TextSearch | None = None  # its index is built on the first search

    # ---- the study ------------------------------------------------------------------
    def default_language(self) -> str:
        return study_info(self.db).default_language

    def sites(self) -> list[Choice]:
        with self.db.session() as s:
            rows = s.execute(select(Site.id, Site.name).order_by(Site.name)).all()
        return [Choice(sid, {"id": name, "en": name}) for sid, name in rows]

    def researchers(self) -> list[Choice]:
        with self.db.session() as s:
            rows = s.execute(select(Researcher.id, Researcher.name).order_by(Researcher.name))
            return [Choice(rid, {"id": name, "en": name}) for rid, name in rows]

    def roles(self) -> list[Choice]:
        with self.db.session() as s:
            rows = s.execute(
                select(InformantRole.code, InformantRole.label).order_by(InformantRole.sort)
            ).all()
        return [Choice(code, dict(label)) for code, label in rows]

    def periods(self) -> list[Choice]:
        return [Choice(p.code, p.label) for p in study_periods(study_info(self.db).settings)]

    def election(self) -> str:
        """pilkada, pemilu or both: which provisions of the codebook apply."""
        return study_election(study_info(self.db).settings)

    def thresholds(self) -> Thresholds:
        return Thresholds.from_settings(study_info(self.db).settings)

    def set_corroboration_threshold(self, threshold: int) -> Thresholds:
        return set_corroboration_threshold(self.db, self.actor, threshold)

    # ---- the matrix -----------------------------------------------------------------
    def matrix(self, query: MatrixQuery) -> Matrix:
        return _matrix(self.db, query)

    def evidence(
        self,
        query: MatrixQuery,
        theme: str,
        column: str | None = None,
        stance: str | None = None,
        language: str | None = None,
    ) -> list[Evidence]:
        return cell_evidence(self.db, query, theme, column, stance, language)

    def cell_incidents(
        self, query: MatrixQuery, theme: str, column: str | None = None
    ) -> list[IncidentInfo]:
        return cell_incidents(self.db, query, theme, column)

    # ---- incidents ------------------------------------------------------------------
    def incidents(self, site: str | None = None, theme: str | None = None) -> list[IncidentInfo]:
        return incidents.list_incidents(self.db, site=site, theme=theme)

    def incident(self, incident_id: str) -> IncidentInfo:
        return incidents.get_incident(self.db, incident_id)

    def add_incident(
        self,
        *,
        site: str,
        theme: str,
        actor_type: str,
        date_start: dt.date,
        summary: str,
        actor_code: str = "",
        platform: str = "",
        link: str = "",
        favours: str = "",
        date_end: dt.date | None = None,
    ) -> IncidentInfo:
        return incidents.add_incident(
            self.db, self.actor, site=site, theme=theme, actor_type=actor_type,
            date_start=date_start, date_end=date_end, actor_code=actor_code, platform=platform,
            link=link, favours=favours, summary=summary,
        )  # fmt: skip

    def link(
        self,
        incident_id: str,
        kind: str,
        *,
        answer_id: str | None = None,
        coding_id: str | None = None,
        session_id: str | None = None,
        note: bool = False,
        memo: str = "",
        question: str | None = None,
    ) -> LineInfo:
        return incidents.link(
            self.db, self.actor, incident_id, kind, answer_id=answer_id, coding_id=coding_id,
            session_id=session_id, note=note, memo=memo, question=question,
        )  # fmt: skip

    def proposed_incident(self, session_id: str, key: str) -> dict[str, str]:
        """A new incident's fields proposed from the answers around ``key`` (the same
        document of the documentation log, the same witnessed incident)."""
        values = {k: a.value for k, a in session_answers(self.db, session_id).items()}
        return propose(values, key)

    def unlink(self, line_id: str, reason: str = "") -> IncidentInfo:
        return incidents.unlink(self.db, self.actor, line_id, reason=reason)

    # ---- legal analysis -------------------------------------------------------------
    def legal_analysis(self, incident_id: str) -> LegalAnalysis:
        return legal_analysis.analysis_for(self.db, incident_id)

    def applicable_provisions(self, incident_id: str) -> tuple[Provision, ...]:
        return legal_analysis.applicable_provisions(self.db, incident_id)

    def add_element_test(
        self, incident_id: str, *, provision: str, element: str, verdict: str,
        reasoning: str, evidence: Iterable[str] = (),
    ) -> ElementTest:  # fmt: skip
        return legal_analysis.add_element_test(
            self.db, self.actor, incident_id, provision=provision, element=element,
            verdict=verdict, reasoning=reasoning, evidence=evidence,
        )  # fmt: skip

    def edit_element_test(
        self, test_id: str, *, provision: str | None, element: str, verdict: str,
        reasoning: str, evidence: Iterable[str],
    ) -> ElementTest:  # fmt: skip
        return legal_analysis.edit_element_test(
            self.db, self.actor, test_id, provision=provision, element=element,
            verdict=verdict, reasoning=reasoning, evidence=evidence,
        )  # fmt: skip

    def remove_element_test(self, test_id: str, reason: str = "") -> Changes:
        return legal_analysis.remove_element_test(self.db, self.actor, test_id, reason=reason)

    def legal_materials(self) -> tuple[LegalMaterial, ...]:
        return legal_analysis.list_materials(self.db)

    def add_legal_material(self, kind: str, citation: str, note: str = "") -> LegalMaterial:
        return legal_analysis.add_material(self.db, self.actor, kind, citation, note=note)

    def edit_legal_material(
        self, material_id: str, kind: str, citation: str, note: str
    ) -> LegalMaterial:
        return legal_analysis.edit_material(
            self.db, self.actor, material_id, kind=kind, citation=citation, note=note
        )

    def remove_legal_material(self, material_id: str, reason: str = "") -> Changes:
        return legal_analysis.remove_material(self.db, self.actor, material_id, reason=reason)

    # ---- codebook -------------------------------------------------------------------
    def themes(self) -> list[ThemeInfo]:
        return codebook.list_themes(self.db)

    def add_theme(self, code: str, label: LocalText, parent: str = "") -> CodebookChange:
        return codebook.add_theme(self.db, self.actor, code, label, parent)

    def rename_theme(self, code: str, label: LocalText) -> CodebookChange:
        return codebook.rename_theme(self.db, self.actor, code, label)

    def merge_themes(self, source: str, target: str) -> CodebookChange:
        return codebook.merge_themes(self.db, self.actor, source, target)

    def retire_theme(self, code: str, retired: bool = True) -> CodebookChange:
        return codebook.retire_theme(self.db, self.actor, code, retired)

    def export_codebook(self, path: Path, language: str | None = None) -> int:
        if path.suffix.lower() == ".qdc":
            return codebook_files.export_qdc(self.db, path, language)
        if path.suffix.lower() == ".csv":
            return codebook_files.export_csv(self.db, path)
        raise NeutralitasError(f"{path}: use a .csv or a .qdc (REFI-QDA codebook) file")

    def import_codebook(self, path: Path, language: str | None = None) -> ImportResult:
        if path.suffix.lower() == ".qdc":
            return codebook_files.import_qdc(self.db, self.actor, path, language)
        if path.suffix.lower() == ".csv":
            return codebook_files.import_csv(self.db, self.actor, path)
        raise NeutralitasError(f"{path}: use a .csv or a .qdc (REFI-QDA codebook) file")

    # ---- coding and tags ------------------------------------------------------------
    def codable_texts(self, session_id: str) -> list[CodableText]:
        return coding.codable_texts(self.db, session_id, self.actor.researcher_id)

    def codings(self, session_id: str) -> list[CodingInfo]:
        return coding.list_codings(
            self.db, session_id=session_id, viewer_id=self.actor.researcher_id
        )

    def add_coding(
        self,
        answer_id: str,
        theme: str,
        stance: str,
        start: int | None = None,
        end: int | None = None,
        *,
        target: str = "value",
        memo: str = "",
    ) -> CodingInfo:
        return coding.add_coding(
            self.db, self.actor, answer_id, theme, stance, start, end, target=target, memo=memo
        )

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Full-text search over every answer and field note (see triangulation.search)."""
        if self._search is None:
            self._search = TextSearch(self.db)
        return self._search.search(query, limit)

    def coded_with(self, theme: str) -> list[CodedPassage]:
        return coded_with(self.db, theme)

    def delete_coding(self, coding_id: str) -> Changes:
        coding.delete_coding(self.db, self.actor, coding_id)
        return Changes.of(codings=coding_id)

    def session_tags(self, session_id: str) -> SourceTags:
        return tags.session_tags(self.db, session_id)

    def correct_session_tags(
        self,
        session_id: str,
        *,
        source_type: str | None = None,
        informant_role: str | None = None,
        site: str | None = None,
        started_at: dt.datetime | None = None,
        reason: str = "",
    ) -> SourceTags:
        return tags.correct_session_tags(
            self.db, self.actor, session_id, source_type=source_type,
            informant_role=informant_role, site=site, started_at=started_at, reason=reason,
        )  # fmt: skip

    # ---- findings -------------------------------------------------------------------
    def findings(self, theme: str | None = None) -> list[FindingInfo]:
        return findings.list_findings(self.db, theme=theme)

    def add_finding(
        self,
        theme: str,
        conclusion: str,
        *,
        status: str = "tentative",
        site: str | None = None,
        evidence: Iterable[str] = (),
        incidents: Iterable[str] = (),
        reason: str = "",
    ) -> FindingInfo:
        return findings.add_finding(
            self.db, self.actor, theme, conclusion, status=status, site=site, evidence=evidence,
            incidents=incidents, reason=reason,
        )  # fmt: skip

    def update_finding(
        self,
        finding_id: str,
        *,
        conclusion: str | None = None,
        status: str | None = None,
        site: str | None = None,
        evidence: Iterable[str] | None = None,
        incidents: Iterable[str] | None = None,
        reason: str = "",
    ) -> FindingInfo:
        return findings.update_finding(
            self.db, self.actor, finding_id, conclusion=conclusion, status=status, site=site,
            evidence=evidence, incidents=incidents, reason=reason,
        )  # fmt: skip

    # ---- coder agreement -------------------------------------------------------------
    def agreement(
        self, progress: Progress | None = None, cancel: CancelToken | None = None
    ) -> AgreementReport:
        return agreement.agreement_report(self.db, None, progress, cancel)

    def disagreements(self) -> list[Disagreement]:
        return agreement.disagreements(self.db)

    def resolve_disagreement(
        self, unit: Unit, theme: str, applied: bool, stance: str, reason: str
    ) -> AgreementReport:
        return agreement.resolve(
            self.db,
            self.actor,
            unit.answer_id,
            theme,
            applied,
            reason,
            target=unit.target,
            start=unit.start,
            stance=stance,
        )

    # ---- transcripts and recordings ------------------------------------------------
    def transcript(self, session_id: str) -> Transcript:
        return transcripts.get_transcript(self.db, session_id)

    def save_transcript(self, session_id: str, text: str) -> Transcript:
        return transcripts.save_transcript(self.db, self.actor, session_id, text)

    def import_transcript(self, session_id: str, path: Path) -> Transcript:
        return transcripts.import_transcript(self.db, self.actor, session_id, path)

    def recording(self, session_id: str) -> RecordingInfo | None:
        return recordings.get_recording(self.db, session_id)

    def recording_allowed(self, session_id: str) -> bool:
        return recordings.recording_consent(self.db, session_id)

    def attach_recording(self, session_id: str, path: Path) -> RecordingInfo:
        return recordings.attach_recording(self.db, self.actor, session_id, path)

    def recording_bytes(self, recording: RecordingInfo) -> bytes:
        return recordings.recording_bytes(self.db, recording)
