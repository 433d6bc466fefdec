"""Every service that writes says what it changed (a ``Changes``, or a result carrying
one), so the window refreshes only the panels that show it: checked here against what
each write did to the study."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from test_runner import REQUIRED, _interview, ws  # noqa: F401  (ws is a fixture)

from neutralitas_desktop.errors import Cancelled
from neutralitas_desktop.exchange.service import ExchangeService
from neutralitas_desktop.fieldwork import answers as answers_service
from neutralitas_desktop.fieldwork.workspace import Workspace
from neutralitas_desktop.interop.odk_submissions import import_odk_submissions
from neutralitas_desktop.interop.service import InteropService
from neutralitas_desktop.operations import UNLISTED, CancelToken, Changes, Kind
from neutralitas_desktop.store.models import Answer, FieldSession
from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench


def test_fieldwork_writes_report_sites_informants_and_sessions(ws: Workspace) -> None:  # noqa: F811
    site = ws.add_site("Kelurahan Sukamaju", "kelurahan")
    assert site.changes == Changes.of(sites=site.id)
    informant = ws.create_informant(role="asn_staff", site_id=site.id)
    assert informant.changes == Changes.of(informants=informant.id)
    assert ws.record_consent(informant.id, "given") == Changes.of(informants=informant.id)
    sid, _ = _interview(ws)
    for key, value in REQUIRED.items():
        answers_service.save_answer(ws.db, ws.actor, sid, key, value)
    assert ws.complete_session(sid) == Changes.of(sessions=sid)
    assert ws.session(sid).status == "completed"
    assert ws.reopen_session(sid) == Changes.of(sessions=sid)
    assert ws.withdraw_consent(informant.id) == Changes.of(informants=informant.id)
    zone = ws.set_time_zone("WITA")
    assert zone == Changes.of(settings="time_zone") and ws.time_zone() == "WITA"


def test_a_new_session_reports_the_session_its_answers_and_consent(ws: Workspace) -> None:  # noqa: F811
    iid = ws.instruments()[0].id
    site = ws.add_site("Kantor Kecamatan Cisaga", "kecamatan")
    informant = ws.create_informant(role="asn_staff", site_id=site.id)
    started = ws.begin_session(
        instrument_id=iid, site_id=site.id, informant_id=informant.id, consent="given"
    )
    with ws.db.session() as s:
        assert s.get(FieldSession, started.session_id) is not None
    assert started.changes.kinds == {Kind.SESSIONS, Kind.ANSWERS, Kind.INFORMANTS}
    assert started.changes.sessions == {started.session_id}


def test_review_decisions_report_the_session(ws: Workspace) -> None:  # noqa: F811
    sid, _ = _interview(ws)
    for key, value in REQUIRED.items():
        answers_service.save_answer(ws.db, ws.actor, sid, key, value)
    ws.complete_session(sid)
    service = ExchangeService(ws.db, ws.actor)
    returned = service.return_session(sid, "Lengkapi catatan")
    assert returned.sessions == {sid} and ws.session(sid).status == "returned"
    assert Kind.AUDIT in returned.kinds


def test_analysis_writes_report_incidents_themes_codings_findings(ws: Workspace) -> None:  # noqa: F811
    sid, _ = _interview(ws)
    for key, value in REQUIRED.items():
        answers_service.save_answer(ws.db, ws.actor, sid, key, value)
    bench = TriangulationWorkbench(ws.db, ws.actor)
    site = ws.sites()[0]
    theme = bench.themes()[0].code
    incident = bench.add_incident(
        site=site.id, theme=theme, actor_type="asn_official", date_start=dt.date(2024, 10, 3),
        summary="Akun resmi menyukai unggahan paslon",
    )  # fmt: skip
    assert incident.changes == Changes.of(incidents=incident.id)
    line = bench.link(incident.id, "self_report", session_id=sid)
    assert line.changes == Changes.of(incidents=incident.id)
    unlinked = bench.unlink(line.id, "bukan kejadian ini")
    assert unlinked.changes.kinds == {Kind.INCIDENTS}
    added = bench.add_theme("t_new", {"id": "Tema baru", "en": "New theme"})
    assert added.changes == Changes.of(themes="t_new")
    with ws.db.session() as s:
        answer_id = s.scalars(
            select(Answer.id).where(Answer.session_id == sid, Answer.key.like("%b1_position"))
        ).one()
    coding = bench.add_coding(answer_id, theme, "unclear")
    assert coding.changes == Changes.of(codings=coding.id)
    merged = bench.merge_themes("t_new", theme)
    assert merged.changes.kinds == {Kind.THEMES}  # no codings were under the merged theme
    assert bench.delete_coding(coding.id) == Changes.of(codings=coding.id)
    finding = bench.add_finding(theme, "Belum cukup bukti")
    assert finding.changes == Changes.of(findings=finding.id)
    assert bench.set_corroboration_threshold(3).changes == Changes.of(settings="thresholds")
    tags = bench.correct_session_tags(sid, site=site.id, reason="salah kantor")
    assert tags.changes == Changes.of(sessions=sid)


def _simple_form(folder: Path) -> Path:
    path = folder / "simple.xlsx"
    workbook = openpyxl.Workbook()
    survey = workbook.active
    survey.title = "survey"
    for row in (["type", "name", "label"], ["integer", "staff", "Staff"]):
        survey.append(row)
    settings = workbook.create_sheet("settings")
    settings.append(["form_id", "version", "source_type"])
    settings.append(["simple", "1", "observation"])
    workbook.save(path)
    return path


def test_imports_report_instruments_then_sessions_and_a_cancel_leaves_none(
    ws: Workspace,  # noqa: F811
    tmp_path: Path,
) -> None:
    interop = InteropService(ws.db, ws.actor)
    form = _simple_form(tmp_path)
    assert interop.import_xlsform(form).changes == Changes.of(instruments="simple")
    assert not interop.import_xlsform(form).changes  # the same form: nothing new
    data = tmp_path / "simple.csv"
    with data.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["SubmissionDate", "staff", "meta-instanceID", "KEY"])
        for n in range(3):
            writer.writerow([f"2024-10-0{n + 1}T05:12:45.000Z", n, f"uuid:{n}", f"uuid:{n}"])
    before = len(ws.sessions())
    token = CancelToken()

    def cancel_at_second(done: int, total: int, step: str = "", /) -> None:
        if done == 1:
            token.cancel()

    with pytest.raises(Cancelled):
        import_odk_submissions(
            ws.db, ws.actor, "simple", data, site="Cisaga", progress=cancel_at_second,
            cancel=token,
        )  # fmt: skip
    assert len(ws.sessions()) == before  # one transaction: the first submission rolled back
    done = import_odk_submissions(ws.db, ws.actor, "simple", data, site="Cisaga")
    assert done.added == 3 and done.changes.ids(Kind.SESSIONS) == {UNLISTED}
