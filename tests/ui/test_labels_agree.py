"""One label per value everywhere: a session's status, its source, an informant's consent
and role read the same in the Indonesian UI, in the Excel workbook and in the PDF
transcript (each rendered, then compared); a service's error shows in Indonesian, and a
draft is refused review before the supervisor is asked for a comment."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from gui_helpers import when_modal
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from neutralitas_desktop.errors import DatabaseError
from neutralitas_desktop.exchange.service import ExchangeService
from neutralitas_desktop.fieldwork.informants import create_informant, list_informants
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.fieldwork.runner import ConsentRecord, begin_session
from neutralitas_desktop.fieldwork.sessions import (
    get_session,
    list_sessions,
    set_status,
    start_session,
)
from neutralitas_desktop.fieldwork.sites import find_or_create_site
from neutralitas_desktop.reports.excel import ExcelOptions, export_excel
from neutralitas_desktop.reports.pdf_session import export_session
from neutralitas_desktop.store.database import open_database
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.exchange.exchange_menu import ExchangeActions
from neutralitas_desktop.ui.informant_table import InformantTableModel
from neutralitas_desktop.ui.session_table import COLUMNS, SessionTableModel
from neutralitas_desktop.ui.translations import install_translators
from neutralitas_desktop.vocabulary import lifecycle


@pytest.fixture
def indonesian(qapp: QApplication) -> Iterator[QApplication]:
    translators = install_translators(qapp, "id")
    yield qapp
    install_translators(qapp, "none", translators)


def _fieldwork(study: Any) -> None:
    """A session in every status and informants in every consent state but withdrawn
    (whose sessions no report shows)."""
    db, actor = study.db, study.actor
    observation, _ = get_instrument(db, "office-observation")
    interview, _ = get_instrument(db, "asn-staff-interview")
    with db.session() as s:
        site = find_or_create_site(s, actor, "Kelurahan Linggasari")
        pending = create_informant(s, actor, role="asn_staff", site_id=site)
        sessions = {
            status: start_session(s, actor, instrument_id=observation, site_id=site)
            for status in ("draft", "completed", "approved", "returned")
        }
        sessions["pending"] = start_session(
            s, actor, instrument_id=interview, site_id=site, informant_id=pending
        )
    for status, sid in sessions.items():
        for step in lifecycle.path("draft", status) if status != "pending" else []:
            set_status(db, actor, sid, step)
    for consent in ("given", "refused"):
        with db.session() as s:
            informant = create_informant(s, actor, role="camat", site_id=site)
        begin_session(
            db,
            actor,
            instrument_id=interview,
            site_id=site,
            informant_id=informant,
            consent=ConsentRecord(consent),
        )


def _dictionary(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    """The Data dictionary's ``value = label`` lists, by (sheet, column)."""
    sheet = openpyxl.load_workbook(path, read_only=True)["Data dictionary"]
    rows = list(sheet.iter_rows(values_only=True))
    out = {}
    for sheet_name, column, _label, _kind, allowed in rows[1:]:
        if sheet_name in ("Sessions", "Informants") and allowed and " = " in allowed:
            pairs = (item.split(" = ", 1) for item in allowed.split(", "))
            out[(sheet_name, column)] = dict(pairs)
    return out


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(path).pages).split())


def test_ui_workbook_and_pdf_show_the_same_labels(  # type: ignore[no-untyped-def]
    indonesian, study, tmp_path: Path
) -> None:
    _fieldwork(study)
    db = study.db
    workbook = export_excel(db, tmp_path / "studi.xlsx", ExcelOptions(language="id")).path
    dictionary = _dictionary(workbook)
    excel_status = dictionary[("Sessions", "status")]
    excel_source = dictionary[("Sessions", "source_type")]
    excel_consent = dictionary[("Informants", "consent")]
    roles = {
        row[1]: row[2]
        for row in openpyxl.load_workbook(workbook, read_only=True)["Informants"].iter_rows(
            min_row=2, values_only=True
        )
    }

    sessions = SessionTableModel("id")
    rows = list_sessions(db)
    sessions.set_rows(rows)
    informants = InformantTableModel("id")
    informant_rows = list_informants(db)
    informants.set_rows(informant_rows)
    consent_shown = {
        r.id: tuple(informants.index(i, c).data() for c in (3, 1, 4))
        for i, r in enumerate(informant_rows)
    }
    seen_status, seen_consent = set(), set()
    for i, row in enumerate(rows):
        status = sessions.index(i, COLUMNS.index("status")).data()
        source = sessions.index(i, COLUMNS.index("source")).data()
        assert status == excel_status[row.status], row.status
        assert source == excel_source[row.source_type], row.source_type
        pdf = _pdf_text(export_session(db, tmp_path / f"{row.id}.pdf", row.id, "id"))
        assert f"Status: {status}" in pdf, (row.status, status)
        assert source in pdf
        seen_status.add(row.status)
        if row.informant_id:
            consent, role, method = consent_shown[row.informant_id]
            informant = next(r for r in informant_rows if r.id == row.informant_id)
            assert consent == excel_consent[informant.consent_status]
            assert f"Persetujuan: {consent}" in pdf, (informant.consent_status, consent)
            assert role == roles[informant.role] and role in pdf
            if informant.consent_method:  # "Lisan", not "oral"
                assert method == "Lisan" and f"Cara: {method}" in pdf
            seen_consent.add(informant.consent_status)
    assert seen_status == {"draft", "completed", "approved", "returned", "refused"}
    assert seen_consent == {"pending", "given", "refused"}
    # The wording the screens and the reports used to disagree on.
    assert excel_consent["pending"] == "Belum ditanyakan"
    assert excel_status["refused"] == "Menolak diwawancarai"


def test_a_service_error_is_shown_in_the_ui_language(  # type: ignore[no-untyped-def]
    indonesian, qtbot, tmp_path: Path
) -> None:
    foreign = tmp_path / "catatan.sqlite"
    foreign.write_text("bukan basis data", encoding="utf-8")
    with pytest.raises(DatabaseError) as error:
        open_database(foreign)
    assert str(error.value) == f"not a neutralitas-desktop database: {foreign}"
    shown: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        shown.append(box.text())
        box.done(0)

    QTimer.singleShot(0, read_and_close)
    show_error(None, error.value)
    assert shown == [f"Bukan basis data neutralitas-desktop: {foreign}"]


def test_reviewing_a_draft_is_refused_before_asking_for_a_comment(  # type: ignore[no-untyped-def]
    indonesian, qtbot, study
) -> None:
    db, actor = study.db, study.actor
    observation, _ = get_instrument(db, "office-observation")
    with db.session() as s:
        site = find_or_create_site(s, actor, "Kelurahan Linggasari")
        sid = start_session(s, actor, instrument_id=observation, site_id=site)
    row = get_session(db, sid)
    actions = ExchangeActions(lambda: ExchangeService(db, actor), lambda: row, lambda: "laptop")
    seen: list[tuple[str, str]] = []

    def read(dialog: QDialog) -> None:
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        seen.append((type(dialog).__name__, text))
        dialog.done(0)

    errors = when_modal(qtbot, read)
    actions.actions["approve"].trigger()
    assert not errors, errors
    assert seen == [
        (
            "QMessageBox",
            f"Sesi {sid[:8]} berstatus Draf: hanya sesi yang sudah selesai yang dapat ditinjau",
        )
    ]
    assert get_session(db, sid).status == "draft"
