"""The Excel workbook read back with openpyxl: sheets, headers, values and types against the
database, formula injection, anonymisation, exclusions, filters and cancelling."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from neutralitas_desktop.fieldwork.answers import save_answer, session_answers, set_relevance
from neutralitas_desktop.fieldwork.informants import record_consent
from neutralitas_desktop.reports.excel import ExcelOptions, export_excel
from neutralitas_desktop.reports.output import ExportCancelled, ReportError
from neutralitas_desktop.reports.queries import ReportFilter
from neutralitas_desktop.store.models import (
    Answer,
    FieldSession,
    Informant,
    InformantIdentity,
    InstrumentVersion,
    Site,
)

FIXED_SHEETS = [
    "Sessions",
    "Answers (long)",
    "Informants",
    "Codebook",
    "Codings",
    "Triangulation",
    "Audit trail",
    "Data dictionary",
    "About",
]


def _rows(ws) -> list[tuple]:  # type: ignore[no-untyped-def]
    return list(ws.iter_rows(values_only=True))


def _interview(study, status: str = "completed") -> str:  # type: ignore[no-untyped-def]
    """A completed ASN-staff interview of an informant who consented."""
    with study.db.session() as s:
        return s.scalars(
            select(FieldSession.id)
            .join(Informant, Informant.id == FieldSession.informant_id)
            .where(FieldSession.status == status, Informant.consent_status == "given")
            .order_by(FieldSession.started_at)
        ).first()


def _kept_sessions(study) -> set[str]:  # type: ignore[no-untyped-def]
    with study.db.session() as s:
        withdrawn = select(Informant.id).where(Informant.consent_status == "withdrawn")
        return set(
            s.scalars(
                select(FieldSession.id).where(
                    (FieldSession.informant_id.is_(None))
                    | FieldSession.informant_id.not_in(withdrawn)
                )
            )
        )


def test_sheets_headers_and_values_match_the_database(demo_study, tmp_path: Path) -> None:
    out = tmp_path / "export.xlsx"
    result = export_excel(demo_study.db, out)
    wb = openpyxl.load_workbook(out)
    names = wb.sheetnames
    for sheet in FIXED_SHEETS:
        assert sheet in names
    for form in (
        "asn-staff-interview",
        "leadership-interview",
        "office-observation",
        "documentation-log",
        "external-informant-interview",
    ):
        assert form in names
    assert names[:2] == ["Sessions", "Answers (long)"] and names[-1] == "About"

    sessions = _rows(wb["Sessions"])
    header = sessions[0]
    assert header[:5] == ("session_id", "form_id", "form_version", "source_type", "site")
    kept = _kept_sessions(demo_study)
    assert {r[0] for r in sessions[1:]} == kept
    assert result.sessions == len(kept)
    col = {name: i for i, name in enumerate(header)}
    with demo_study.db.session() as s:
        db_rows = {f.id: f for f in s.scalars(select(FieldSession))}
        sites = {site.id: site.name for site in s.scalars(select(Site))}
    for row in sessions[1:]:
        record = db_rows[row[0]]
        assert row[col["site"]] == sites[record.site_id]
        assert row[col["status"]] == record.status
        assert isinstance(row[col["started_at"]], dt.datetime)  # an Excel date, not text
        assert abs((row[col["started_at"]] - record.started_at).total_seconds()) < 1
        if record.ended_at is not None:
            assert isinstance(row[col["duration_min"]], int | float)
    ws = wb["Sessions"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    assert ws.column_dimensions["A"].width > 30  # the ids are readable

    answers = _rows(wb["Answers (long)"])
    with demo_study.db.engine.connect() as con:
        expected = con.scalar(
            select(func.count())
            .select_from(Answer)
            .where(
                Answer.session_id.in_(kept),
                Answer.relevant.is_(True),
                Answer.value.is_not(None) | (Answer.note != ""),
            )
        )
    assert len(answers) - 1 == expected == result.answers
    long_col = {name: i for i, name in enumerate(answers[0])}
    years = [r for r in answers[1:] if r[long_col["question"]] == "b4_years_service"]
    assert years and all(isinstance(r[long_col["value"]], int) for r in years)
    consent = next(r for r in answers[1:] if r[long_col["question"]] == "a1_consent")
    assert consent[long_col["value"]] == "given"
    assert consent[long_col["value_label"]] == "Bersedia"  # the study's language


def test_wide_sheet_has_labels_choice_columns_and_repeats(demo_study, tmp_path: Path) -> None:
    out = tmp_path / "wide.xlsx"
    export_excel(demo_study.db, out, ExcelOptions(language="en"))
    wb = openpyxl.load_workbook(out, read_only=True)
    rows = _rows(wb["asn-staff-interview"])
    names, labels = rows[0], rows[1]
    assert labels[names.index("b1_position")] == "The informant's current position"
    i = names.index("b5_platforms_used")
    choice_columns = [n for n in names if n and n.startswith("b5_platforms_used__")]
    assert "b5_platforms_used__facebook" in choice_columns
    for row in rows[2:]:
        joined = row[i]
        for name in choice_columns:
            flag = row[names.index(name)]
            if joined is None:
                assert flag is None
            else:
                assert flag == (1 if name.split("__")[1] in joined.split() else 0)
    session_ids = {r[0] for r in rows[2:]}
    repeat = next(n for n in wb.sheetnames if n.startswith("asn-staff-interview."))
    items = _rows(wb[repeat])
    assert items[0][:5] == ("repeat_key", "parent_key", "session_id", "item", "position")
    for row in items[2:]:
        assert row[1] in session_ids and row[0].startswith(row[2] + "/")
    dictionary = _rows(wb["Data dictionary"])
    described = {(r[0], r[1]) for r in dictionary[1:]}
    assert ("asn-staff-interview", "b5_platforms_used__facebook") in described
    assert ("Answers (long)", "auto_stance") in described


def test_text_that_looks_like_a_formula_stays_text(demo_study, tmp_path: Path) -> None:
    session_id = _interview(demo_study)
    nasty = {
        "b1_position": '=HYPERLINK("http://evil.example","klik")',
        "c6_explain_rules": "+62 812 3456",
        "d10_describe_own": "-1+1",
        "j1_suggestions": "@SUM(A1:A9)",
    }
    for key, value in nasty.items():
        save_answer(demo_study.db, demo_study.actor, session_id, key, value)
    save_answer(demo_study.db, demo_study.actor, session_id, "b2_unit", "kecamatan", note="\t=1+1")
    out = tmp_path / "formula.xlsx"
    export_excel(demo_study.db, out)
    wb = openpyxl.load_workbook(out)  # not read-only: data_type tells formulas apart
    ws = wb["Answers (long)"]
    header = [c.value for c in ws[1]]
    q, v, note = header.index("question"), header.index("value"), header.index("note")
    seen = {}
    for row in ws.iter_rows(min_row=2):
        if row[0].value == session_id:
            seen[row[q].value] = (row[v], row[note])
    for key, value in nasty.items():
        cell = seen[key][0]
        assert cell.value == value
        assert cell.data_type == "s"  # a string, never "f"
    assert seen["b2_unit"][1].value == "\t=1+1" and seen["b2_unit"][1].data_type == "s"
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name)


def test_anonymised_export_holds_no_real_name(demo_study, tmp_path: Path) -> None:
    with demo_study.db.session() as s:
        names = [n for n in s.scalars(select(InformantIdentity.real_name)) if n]
    assert names
    session_id = _interview(demo_study)
    # A researcher slipped a real name into an answer and a note.
    save_answer(
        demo_study.db,
        demo_study.actor,
        session_id,
        "b1_position",
        f"Staf, kata {names[0].upper()} kepada kami",
        note=f"Ditemani {names[1]}",
    )
    out = tmp_path / "anon.xlsx"
    export_excel(demo_study.db, out, ExcelOptions(anonymize=True))
    with zipfile.ZipFile(out) as z:
        xml = b"".join(z.read(n) for n in z.namelist()).decode("utf-8").casefold()
    for name in names:
        assert name.casefold() not in xml, name
    assert "real_name" not in xml

    named = tmp_path / "named.xlsx"
    export_excel(demo_study.db, named, ExcelOptions(include_names=True))
    wb = openpyxl.load_workbook(named, read_only=True)
    informants = _rows(wb["Informants"])
    assert "real_name" in informants[0]
    assert set(names) & {r[informants[0].index("real_name")] for r in informants[1:]}
    plain = tmp_path / "plain.xlsx"
    export_excel(demo_study.db, plain)  # names only when asked for
    assert "real_name" not in _rows(openpyxl.load_workbook(plain, read_only=True)["Informants"])[0]
    with pytest.raises(ReportError):
        export_excel(
            demo_study.db, tmp_path / "x.xlsx", ExcelOptions(anonymize=True, include_names=True)
        )


def test_withdrawn_consent_and_irrelevant_answers_are_left_out_and_counted(
    demo_study, tmp_path: Path
) -> None:
    session_id = _interview(demo_study)
    key = sorted(session_answers(demo_study.db, session_id))[-1]
    set_relevance(demo_study.db, demo_study.actor, session_id, {key: False})
    other = _interview(demo_study, "approved")
    with demo_study.db.session() as s:
        informant = s.get_one(FieldSession, other).informant_id
    record_consent(demo_study.db, demo_study.actor, informant, "withdrawn")
    with demo_study.db.session() as s:
        withdrawn = s.scalars(
            select(Informant.code).where(Informant.consent_status == "withdrawn")
        ).all()
    out = tmp_path / "excluded.xlsx"
    result = export_excel(demo_study.db, out)
    wb = openpyxl.load_workbook(out, read_only=True)
    codes = {r[0] for r in _rows(wb["Informants"])[1:]}
    assert not codes & set(withdrawn)
    about = dict(_rows(wb["About"])[1:])
    assert about["excluded: informants who withdrew consent"] == len(withdrawn)
    assert about["excluded: answers to questions that became irrelevant"] == 1
    assert about["excluded: sessions with those informants"] == result.exclusions.withdrawn_sessions
    assert about["schema version"] and about["app version"].startswith("neutralitas-desktop")
    long = _rows(wb["Answers (long)"])
    q = long[0].index("question")
    assert not [
        r
        for r in long[1:]
        if r[0] == session_id
        and r[q] == key.rsplit("/")[-1]
        and r[long[0].index("answer_key")] == key
    ]
    assert not [r for r in long[1:] if r[0] == other]


def test_filters_by_site_and_status(demo_study, tmp_path: Path) -> None:
    with demo_study.db.session() as s:
        site = s.scalars(select(Site.name).order_by(Site.name)).first()
    out = tmp_path / "filtered.xlsx"
    export_excel(demo_study.db, out, ExcelOptions(ReportFilter((site,), ("approved", "completed"))))
    wb = openpyxl.load_workbook(out, read_only=True)
    rows = _rows(wb["Sessions"])
    col = {n: i for i, n in enumerate(rows[0])}
    assert rows[1:]
    assert {r[col["site"]] for r in rows[1:]} == {site}
    assert {r[col["status"]] for r in rows[1:]} <= {"approved", "completed"}
    about = dict(_rows(wb["About"])[1:])
    assert about["filter: sites"] == site
    assert about["filter: session status"] == "approved, completed"


def test_triangulation_sheet_colours_each_conclusion(demo_study, tmp_path: Path) -> None:
    out = tmp_path / "tri.xlsx"
    export_excel(demo_study.db, out)
    wb = openpyxl.load_workbook(out)
    ws = wb["Triangulation"]
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2))
    audit = wb["Audit trail"]
    trail = [dict(zip([c.value for c in audit[1]], [c.value for c in r], strict=True))
             for r in audit.iter_rows(min_row=2)]  # fmt: skip
    verified = next(e for e in trail if e["action"] == "finding.added")
    assert verified["reason"].startswith("Dilihat langsung") and verified["researcher"]
    assert sum(e["action"] == "incident.linked" for e in trail) > 10
    fills = {r[header.index("conclusion")].value: r[header.index("conclusion")].fill.fgColor.rgb
             for r in rows}  # fmt: skip
    assert set(fills) >= {"corroborated", "single_line", "contradicted", "unattested"}
    assert len(set(fills.values())) == len(fills)  # one colour per conclusion
    # the matrix's numbers are checked against the service in test_triangulation_agree.py


def test_cancelling_leaves_no_file(demo_study, tmp_path: Path) -> None:
    out = tmp_path / "cancelled.xlsx"
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(ExportCancelled):
        export_excel(demo_study.db, out, cancel=cancel)
    assert not out.exists()
    assert list(tmp_path.glob("*.part")) == [] and list(tmp_path.glob(".*.part")) == []

    progress: list[tuple[int, int]] = []
    export_excel(demo_study.db, out, progress=lambda d, t: progress.append((d, t)))
    assert out.exists() and progress[-1][0] == progress[-1][1]


def test_other_specify_text_has_its_own_wide_column(demo_study, tmp_path: Path) -> None:
    with demo_study.db.session() as s:
        session_id = s.scalars(
            select(FieldSession.id)
            .join(InstrumentVersion, InstrumentVersion.id == FieldSession.instrument_id)
            .join(Informant, Informant.id == FieldSession.informant_id)
            .where(
                InstrumentVersion.form_id == "asn-staff-interview",
                FieldSession.status == "completed",
                Informant.consent_status == "given",
            )
        ).first()
    save_answer(demo_study.db, demo_study.actor, session_id, "b2_unit", "other")
    save_answer(demo_study.db, demo_study.actor, session_id, "b2_unit_other", "Kantor UPT Pajak")
    out = tmp_path / "other.xlsx"
    export_excel(demo_study.db, out)
    wb = openpyxl.load_workbook(out, read_only=True)
    rows = _rows(wb["asn-staff-interview"])
    names, labels = list(rows[0]), list(rows[1])
    assert names.index("b2_unit_other") == names.index("b2_unit") + 1
    assert labels[names.index("b2_unit_other")] == "Unit kerja: Lainnya"
    (row,) = [r for r in rows[2:] if r[0] == session_id]
    assert row[names.index("b2_unit")] == "other"
    assert row[names.index("b2_unit_other")] == "Kantor UPT Pajak"
