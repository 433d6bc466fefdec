"""Exports as ODK Central, Briefcase and KoboToolbox really write them: RFC 4180 quoting,
encodings, edits, review states, consent, cut sheet names, locale dates, bounded zips."""

from __future__ import annotations

import codecs
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.answers import answer_history, session_answers
from neutralitas_desktop.fieldwork.instruments import store_instrument
from neutralitas_desktop.instruments.model import Instrument
from neutralitas_desktop.interop.odk_submissions import import_odk_submissions
from neutralitas_desktop.store.models import FieldSession, Informant

QUOTE = 'Ia bilang: "Saya, jujur, tidak tahu"'
TEXT_FORM = Instrument.from_dict(
    {
        "id": "kutipan_form",
        "version": "1",
        "title": {"en": "Quotes"},
        "source_type": "interview",
        "languages": ["en"],
        "default_language": "en",
        "children": [
            {"kind": "question", "name": "persetujuan", "type": "consent"},
            {"kind": "question", "name": "kutipan", "type": "long_text"},
            {"kind": "question", "name": "catatan", "type": "text"},
            {"kind": "question", "name": "tanggal", "type": "date"},
            {"kind": "question", "name": "jam", "type": "time"},
        ],
    }
)
HEADERS = ["SubmissionDate", "persetujuan", "kutipan", "catatan", "tanggal", "jam",
           "meta-instanceID", "KEY", "ReviewState", "Edits"]  # fmt: skip


def _store(study: Any, instrument: Instrument = TEXT_FORM) -> None:
    with study.db.session() as session:
        store_instrument(session, instrument, study.actor.device_id)


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',;"\r\n') else cell


def _csv(rows: list[list[str]], sep: str = ",") -> str:
    """RFC 4180 as Central writes it (quote only when needed, CRLF line ends)."""
    return "".join(sep.join(_quoted(c) for c in row) + "\r\n" for row in [HEADERS, *rows])


def _row(key: str, kutipan: str, catatan: str, **extra: str) -> list[str]:
    values = {
        "SubmissionDate": "2024-10-05T03:12:45.000Z", "persetujuan": "given",
        "kutipan": kutipan, "catatan": catatan, "tanggal": "2024-10-05",
        "jam": "10:15:00.000+07:00",
        "meta-instanceID": key, "KEY": key, "ReviewState": "", "Edits": "0",
    }  # fmt: skip
    values.update(extra)
    return [values[h] for h in HEADERS]


def _import(study: Any, path: Path) -> Any:
    return import_odk_submissions(
        study.db, study.actor, "kutipan_form", path, site="Cisaga", source_role="asn_staff"
    )


def _values(study: Any, external_id: str) -> dict[str, str | None]:
    with study.db.session() as session:
        sid = session.scalar(select(FieldSession.id).where(FieldSession.external_id == external_id))
    assert sid is not None
    return {k: a.value for k, a in session_answers(study.db, sid).items()}


def test_rfc4180_quotes_commas_and_newlines_land_in_their_columns(
    study: Any, tmp_path: Path
) -> None:
    _store(study)
    path = tmp_path / "kutipan_form.csv"
    path.write_text(
        _csv([
            _row("uuid:a1", QUOTE, "baris satu\r\nbaris dua, dengan koma"),
            _row("uuid:a2", '""', 'tanda "kutip" saja'),
        ]),
        encoding="utf-8", newline="",
    )  # fmt: skip
    result = _import(study, path)
    assert result.added == 2
    assert _values(study, "uuid:a1") == {
        "persetujuan": "given",
        "kutipan": QUOTE,
        "catatan": "baris satu\r\nbaris dua, dengan koma",
        "tanggal": "2024-10-05",
        "jam": "10:15",
    }
    assert _values(study, "uuid:a2")["kutipan"] == '""'
    assert _values(study, "uuid:a2")["catatan"] == 'tanda "kutip" saja'


@pytest.mark.parametrize(
    ("encoding", "bom", "sep", "said"),
    [
        ("utf-8", codecs.BOM_UTF8, ",", None),
        ("utf-16-le", codecs.BOM_UTF16_LE, ",", "UTF-16 LE (BOM)"),
        ("utf-16-be", codecs.BOM_UTF16_BE, ";", "UTF-16 BE (BOM)"),
        ("cp1252", b"", ";", "Windows-1252"),
    ],
)
def test_encodings_and_semicolons_are_detected_and_named(
    study: Any, tmp_path: Path, encoding: str, bom: bytes, sep: str, said: str | None
) -> None:
    _store(study)
    path = tmp_path / "kutipan_form.csv"
    text = _csv([_row("uuid:b1", QUOTE + " – café", "a; b, c")], sep)
    path.write_bytes(bom + text.encode(encoding))
    result = _import(study, path)
    assert _values(study, "uuid:b1")["kutipan"] == QUOTE + " – café"
    assert _values(study, "uuid:b1")["catatan"] == "a; b, c"
    notes = [w for w in result.warnings if "read as" in w]
    assert notes == ([f"kutipan_form.csv: read as {said}"] if said else [])


def test_a_row_that_would_shift_is_refused_with_file_and_row(study: Any, tmp_path: Path) -> None:
    _store(study)
    path = tmp_path / "kutipan_form.csv"
    good = _csv([_row("uuid:c1", "ok", "ok")])
    # A writer that did not double the quotes: the row has more cells than the header.
    bad = ",".join(_row("uuid:c2", "Ia bilang: Saya, jujur", "x")) + "\r\n"
    path.write_text(good + bad, encoding="utf-8", newline="")
    with pytest.raises(NeutralitasError, match=r"kutipan_form.csv, row 3: 11 values but 10"):
        _import(study, path)
    with study.db.session() as session:
        assert session.scalar(select(FieldSession.id)) is None


def test_central_edit_appends_revisions_and_review_state_sets_status(
    study: Any, tmp_path: Path
) -> None:
    _store(study)
    first = tmp_path / "v1" / "kutipan_form.csv"
    first.parent.mkdir()
    first.write_text(_csv([_row("uuid:d1", "asli", "catatan asli")]), newline="")
    assert _import(study, first).added == 1

    edited = tmp_path / "v2" / "kutipan_form.csv"
    edited.parent.mkdir()
    row = _row(
        "uuid:d1", "diperbaiki", "", ReviewState="approved", Edits="1",
        **{"meta-instanceID": "uuid:d1-edit"},
    )  # fmt: skip
    edited.write_text(_csv([row]), newline="")
    result = _import(study, edited)
    assert (result.added, result.edited, result.reviewed) == (0, 1, 1)
    with study.db.session() as session:
        rows = session.scalars(select(FieldSession)).all()
        assert [(r.external_id, r.status) for r in rows] == [("uuid:d1", "approved")]
        sid = rows[0].id
    values = _values(study, "uuid:d1")
    assert values["kutipan"] == "diperbaiki"
    assert values["catatan"] is None  # cleared in the edit
    history = answer_history(study.db, sid, "kutipan")
    assert [h.value for h in history] == ["asli", "diperbaiki"]
    assert history[1].parent_id == history[0].id
    # The same export again changes nothing.
    again = _import(study, edited)
    assert (again.added, again.edited, again.skipped, again.answers) == (0, 0, 1, 0)


@pytest.mark.parametrize(
    ("state", "status", "comment"),
    [
        ("approved", "approved", ""),
        ("hasIssues", "returned", "ODK Central review: has issues"),
        ("rejected", "returned", "ODK Central review: rejected"),
        ("", "completed", ""),
    ],
)
def test_review_states(study: Any, tmp_path: Path, state: str, status: str, comment: str) -> None:
    _store(study)
    path = tmp_path / "kutipan_form.csv"
    path.write_text(_csv([_row("uuid:e1", "x", "y", ReviewState=state)]), newline="")
    _import(study, path)
    with study.db.session() as session:
        row = session.scalars(select(FieldSession)).one()
        assert (row.status, row.review_comment) == (status, comment)


@pytest.mark.parametrize("answer", ["given", "refused"])
def test_consent_answer_sets_the_informants_consent(
    study: Any, tmp_path: Path, answer: str
) -> None:
    _store(study)
    path = tmp_path / "kutipan_form.csv"
    path.write_text(_csv([_row("uuid:f1", "x", "y", persetujuan=answer)]), newline="")
    _import(study, path)
    with study.db.session() as session:
        informant = session.scalars(select(Informant)).one()
        assert (informant.consent_status, informant.consent_method) == (answer, "form")


def test_briefcase_locale_dates_and_times(study: Any, tmp_path: Path) -> None:
    _store(study)
    path = tmp_path / "kutipan_form.csv"
    rows = [
        _row("uuid:g1", "x", "y", tanggal="Oct 5, 2024", jam="10:15:00 AM",
             SubmissionDate="Oct 5, 2024 3:12:45 PM"),
        _row("uuid:g2", "x", "y", tanggal="Sep 30, 2024", jam="12:05:00\u202fPM",
             SubmissionDate="Sep 30, 2024, 12:00:00\u202fAM"),
    ]  # fmt: skip
    path.write_text(_csv(rows), newline="", encoding="utf-8")
    _import(study, path)
    assert (_values(study, "uuid:g1")["tanggal"], _values(study, "uuid:g1")["jam"]) == (
        "2024-10-05",
        "10:15",
    )
    assert (_values(study, "uuid:g2")["tanggal"], _values(study, "uuid:g2")["jam"]) == (
        "2024-09-30",
        "12:05",
    )
    with study.db.session() as session:
        query = select(FieldSession.external_id, FieldSession.started_at)
        started = {external: at for external, at in session.execute(query).all()}
    assert started["uuid:g1"].isoformat() == "2024-10-05T15:12:45"
    assert started["uuid:g2"].isoformat() == "2024-09-30T00:00:00"


def test_a_zip_member_over_the_ratio_limit_is_refused_before_inflating(
    study: Any, tmp_path: Path
) -> None:
    _store(study)
    path = tmp_path / "kutipan_form.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("kutipan_form.csv", _csv([_row("uuid:h1", "x", "y")]))
        archive.writestr("media/bomb.jpg", b"\0" * (8 * 1024 * 1024))
    with pytest.raises(NeutralitasError, match=r"kutipan_form.zip: member media/bomb.jpg is "):
        _import(study, path)


# ---- KoboToolbox: cut sheet names, nested repeats, validation status ------------------------

LONG = "pegawai_yang_diwawancarai_di_kantor"
NESTED = "akun_media_sosial_yang_diperiksa_pegawai"
KOBO_FORM = Instrument.from_dict(
    {
        "id": "kobo_long",
        "version": "1",
        "title": {"en": "Kobo"},
        "source_type": "observation",
        "languages": ["en"],
        "default_language": "en",
        "children": [
            {"kind": "question", "name": "kantor", "type": "text"},
            {
                "kind": "group", "name": LONG, "repeat": True,
                "children": [
                    {"kind": "question", "name": "jabatan", "type": "text"},
                    {
                        "kind": "group", "name": NESTED, "repeat": True,
                        "children": [{"kind": "question", "name": "akun", "type": "text"}],
                    },
                ],
            },
        ],
    }
)  # fmt: skip


def test_kobo_cut_sheet_names_and_nested_repeats_land(study: Any, tmp_path: Path) -> None:
    _store(study, KOBO_FORM)
    path = tmp_path / "kobo_long.xlsx"
    workbook = openpyxl.Workbook()
    main = workbook.active
    main.title = "kobo_long"
    main.append(["kantor", "_uuid", "_index", "_validation_status"])
    main.append(["Kecamatan, Cisaga", "k1", 1, "validation_status_not_approved"])
    first = workbook.create_sheet(LONG[:28] + "...")
    first.append([f"{LONG}/jabatan", "_index", "_parent_table_name", "_parent_index"])
    first.append(["Camat", 1, "kobo_long", 1])
    first.append(["Sekcam", 2, "kobo_long", 1])
    second = workbook.create_sheet(NESTED[:28] + "...")
    second.append([f"{LONG}/{NESTED}/akun", "_index", "_parent_table_name", "_parent_index"])
    second.append(["@camat.cisaga", 1, LONG, 1])
    second.append(["@sekcam", 2, LONG, 2])
    second.append(['"quoted", @x', 3, LONG, 2])
    workbook.save(path)

    result = import_odk_submissions(study.db, study.actor, "kobo_long", path, site="Cisaga")
    assert result.warnings == []
    values = _values(study, "uuid:k1")
    items = values[LONG].split()  # type: ignore[union-attr]
    assert [values[f"{LONG}[{k}]/jabatan"] for k in items] == ["Camat", "Sekcam"]
    nested = [values[f"{LONG}[{k}]/{NESTED}"].split() for k in items]  # type: ignore[union-attr]
    accounts = [
        [values[f"{LONG}[{k}]/{NESTED}[{n}]/akun"] for n in keys]
        for k, keys in zip(items, nested, strict=True)
    ]
    assert accounts == [["@camat.cisaga"], ["@sekcam", '"quoted", @x']]
    with study.db.session() as session:
        row = session.scalars(select(FieldSession)).one()
        assert (row.status, row.review_comment) == (
            "returned",
            "KoboToolbox validation: not approved",
        )


def test_kobo_csv_says_which_repeats_were_not_imported(study: Any, tmp_path: Path) -> None:
    _store(study, KOBO_FORM)
    path = tmp_path / "kobo_long.csv"
    path.write_text('kantor;_uuid;_index\r\n"Kantor; lama";k2;1\r\n', encoding="utf-8")
    result = import_odk_submissions(study.db, study.actor, "kobo_long", path, site="Cisaga")
    assert _values(study, "uuid:k2") == {"kantor": "Kantor; lama"}
    assert result.warnings == [
        f"kobo_long.csv: this CSV export holds no data of the repeats {LONG}, {NESTED}; their "
        "answers were not imported (use ODK Central's zip with the repeat files, or "
        "KoboToolbox's .xlsx export)"
    ]


def test_xlsform_with_a_sheet_over_the_limit_is_refused_before_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from neutralitas_desktop.instruments import zip_limits
    from neutralitas_desktop.instruments.xlsform_import import import_xlsform

    path = tmp_path / "besar.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "survey"
    workbook.active.append(["type", "name", "label"])
    for n in range(200):
        workbook.active.append(["text", f"q{n}", "Pertanyaan " * 20])
    workbook.save(path)
    monkeypatch.setattr(
        zip_limits, "XLSX_LIMITS", zip_limits.ZipLimits(member_bytes=4096, ratio=200.0,
                                                        total_bytes=10**9)
    )  # fmt: skip
    with pytest.raises(NeutralitasError) as caught:
        import_xlsform(path)
    assert re.fullmatch(
        rf"{re.escape(str(path))}: member xl/worksheets/sheet1.xml would inflate to "
        r"[\d,]+ bytes, over the limit of 4,096 bytes; nothing was read",
        str(caught.value),
    )


XLSX_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="survey" sheetId="1" r:id="r1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="r2" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    ),
}


def shared_strings_xlsx(path: Path, rows: list[list[str]]) -> None:
    """An .xlsx whose cells are all shared strings (as Excel writes them; openpyxl writes
    inline strings)."""
    strings = [value for row in rows for value in row]
    cells = "".join(
        f'<row r="{r + 1}">'
        + "".join(
            f'<c r="{"ABC"[c]}{r + 1}" t="s"><v>{r * len(row) + c}</v></c>' for c in range(len(row))
        )
        + "</row>"
        for r, row in enumerate(rows)
    )
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in XLSX_PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", f"<worksheet {main}><sheetData>{cells}"
                         "</sheetData></worksheet>")  # fmt: skip
        archive.writestr(
            "xl/sharedStrings.xml",
            f"<sst {main}>" + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>",
        )


def test_xlsform_with_a_huge_shared_string_is_refused_before_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A small sheet whose one label is a huge shared string (the 1 GiB string of a 1 MB
    XLSForm, scaled down): the shared strings part is measured too, not only the sheets."""
    from neutralitas_desktop.instruments import zip_limits
    from neutralitas_desktop.instruments.xlsform_import import import_xlsform

    path = tmp_path / "label.xlsx"
    shared_strings_xlsx(path, [["type", "name", "label"], ["text", "q1", "Pertanyaan " * 5000]])
    assert import_xlsform(path).instrument.questions()[0].name == "q1"  # sound within limits
    with zipfile.ZipFile(path) as archive:
        sizes = {i.filename: i.file_size for i in archive.infolist()}
    assert sizes["xl/worksheets/sheet1.xml"] < 4096 < sizes["xl/sharedStrings.xml"]
    monkeypatch.setattr(
        zip_limits, "XLSX_LIMITS", zip_limits.ZipLimits(member_bytes=4096, ratio=10.0**9,
                                                        total_bytes=10**9)
    )  # fmt: skip
    with pytest.raises(NeutralitasError) as caught:
        import_xlsform(path)
    assert re.fullmatch(
        rf"{re.escape(str(path))}: member xl/sharedStrings.xml would inflate to "
        r"[\d,]+ bytes, over the limit of 4,096 bytes; nothing was read",
        str(caught.value),
    )


def test_an_edit_found_by_its_deprecated_id_joins_the_first_session(
    study: Any, tmp_path: Path
) -> None:
    """Briefcase: the edit has its own KEY and instanceID and names the first one in
    meta-deprecatedID; both versions in one export are applied oldest first."""
    _store(study)
    heads = "KEY,meta-instanceID,meta-deprecatedID,kutipan,catatan,end\r\n"
    first = tmp_path / "one" / "kutipan_form.csv"
    first.parent.mkdir()
    first.write_text(heads + "uuid:p1,uuid:p1,,awal,x,Oct 5, 2024 9:00:00 AM\r\n".replace(
        "Oct 5, 2024 9:00:00 AM", '"Oct 5, 2024 9:00:00 AM"'), encoding="utf-8")  # fmt: skip
    assert _import(study, first).added == 1
    both = tmp_path / "two" / "kutipan_form.csv"
    both.parent.mkdir()
    both.write_text(
        heads
        + 'uuid:p2,uuid:p2,uuid:p1,kedua,x,"Oct 6, 2024 9:00:00 AM"\r\n'
        + 'uuid:p3,uuid:p3,uuid:p2,ketiga,x,"Oct 7, 2024 9:00:00 AM"\r\n',
        encoding="utf-8",
    )
    result = _import(study, both)
    assert (result.added, result.edited, result.skipped) == (0, 1, 0)
    with study.db.session() as session:
        [sid] = session.scalars(select(FieldSession.id)).all()
    history = answer_history(study.db, sid, "kutipan")
    assert [(h.value, h.created_at.day) for h in history] == [
        ("awal", 5),
        ("kedua", 6),
        ("ketiga", 7),
    ]
