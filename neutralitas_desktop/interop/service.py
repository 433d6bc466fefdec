"""XLSForm import and export bound to one open study, for the GUI's Forms menu."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.instruments import InstrumentInfo, list_instruments
from neutralitas_desktop.interop.xlsform_study import (
    export_study_instrument,
    import_xlsform_to_study,
)
from neutralitas_desktop.operations import Changes
from neutralitas_desktop.store.database import Database


@dataclass(frozen=True)
class XlsformImportSummary:
    form_id: str
    version: str
    title: dict[str, str]
    questions: int
    created: bool  # False: the same form was in the study already
    warnings: tuple[str, ...]
    conversions: tuple[str, ...]  # what a lenient import converted

    @property
    def changes(self) -> Changes:
        return Changes.of(instruments=self.form_id if self.created else None)


class InteropService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def forms(self) -> list[InstrumentInfo]:
        return list_instruments(self.db)

    def import_xlsform(self, path: str | Path, *, lenient: bool = False) -> XlsformImportSummary:
        """Store the workbook as a new instrument version; InstrumentError lists every problem."""
        done = import_xlsform_to_study(self.db, self.actor, path, lenient=lenient)
        instrument = done.instrument
        return XlsformImportSummary(
            form_id=instrument.id,
            version=instrument.version,
            title=dict(instrument.title),
            questions=len(instrument.questions()),
            created=done.created,
            warnings=tuple(done.result.warnings),
            conversions=tuple(done.result.conversions),
        )

    def export_xlsform(self, instrument_id: str, out: str | Path) -> None:
        export_study_instrument(self.db, instrument_id, out)
