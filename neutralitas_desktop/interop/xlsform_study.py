"""XLSForm in and out of the study: the use cases behind `forms import-xlsform` /
`forms export-xlsform` and the GUI's Forms > Import / Export XLSForm."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.instruments import get_instrument, store_instrument
from neutralitas_desktop.instruments.model import Instrument
from neutralitas_desktop.instruments.toml_format import instrument_to_toml
from neutralitas_desktop.instruments.xlsform_export import export_xlsform
from neutralitas_desktop.instruments.xlsform_import import ImportResult, import_xlsform
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import InstrumentVersion, Theme


@dataclass(frozen=True)
class XlsformImport:
    result: ImportResult
    instrument_id: str  # the stored version's row id
    created: bool  # False when the same content was in the study already

    @property
    def instrument(self) -> Instrument:
        return self.result.instrument


def theme_codes(db: Database) -> set[str]:
    with db.session() as session:
        return set(session.scalars(select(Theme.code)))


def import_xlsform_to_study(
    db: Database,
    actor: Actor,
    path: Path | str,
    *,
    lenient: bool = False,
    toml_out: Path | str | None = None,
) -> XlsformImport:
    """Convert, validate (themes against the study's codebook) and store a new version;
    with ``toml_out`` also write the instrument as TOML (whole or not at all)."""
    path = Path(path)
    result = import_xlsform(path, lenient=lenient, themes=theme_codes(db))
    instrument = result.instrument
    with db.session() as session:
        clash = session.scalar(
            select(InstrumentVersion.id).where(
                InstrumentVersion.form_id == instrument.id,
                InstrumentVersion.version == instrument.version,
                InstrumentVersion.content_hash != instrument.content_hash,
            )
        )
        if clash:
            result.warnings.append(
                f"the study already has a different '{instrument.id}' version "
                f"'{instrument.version}'; give the changed form a new version in the settings "
                "sheet so that sessions can tell the two apart"
            )
        row_id, created = store_instrument(session, instrument, actor.device_id, origin=path.name)
    if toml_out is not None:
        _write_text(Path(toml_out), instrument_to_toml(result.instrument))
    return XlsformImport(result, row_id, created)


def export_study_instrument(
    db: Database, ref: str, out: Path | str, version: str | None = None
) -> Instrument:
    """Write an instrument of the study (form id or row id) as an XLSForm workbook."""
    _row_id, instrument = get_instrument(db, ref, version)
    export_xlsform(instrument, out)
    return instrument


def _write_text(target: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(suffix=".toml", prefix=".import-", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
