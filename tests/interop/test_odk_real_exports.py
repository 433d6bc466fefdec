"""Exports written by ODK Central and ODK Briefcase themselves (tests/data/odk-real): every
value lands as the tool wrote it, and what cannot land stops the import with its row."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.answers import session_answers
from neutralitas_desktop.instruments.xlsform_import import import_xlsform
from neutralitas_desktop.interop.odk_submissions import (
    SubmissionImportError,
    import_odk_submissions,
)
from neutralitas_desktop.store.models import Attachment
from tests.interop.test_odk_submissions import sessions_of, store

REAL = Path(__file__).resolve().parents[1] / "data" / "odk-real"
ALL_TYPES = [
    ["text", "some_string"], ["integer", "some_int"], ["decimal", "some_decimal"],
    ["date", "some_date"], ["time", "some_time"], ["dateTime", "some_date_time"],
    ["geopoint", "some_geopoint"], ["geotrace", "some_geotrace"],
    ["geoshape", "some_geoshape"], ["barcode", "some_barcode"],
]  # fmt: skip
TRACE = (
    "43.314926 -1.9869713 71.80000305175781 10.0;43.3149258 -1.9869694 71.80000305175781 "
    "10.0;43.3149258 -1.9869694 71.80000305175781 10.0;"
)
SHAPE = (
    "43.31513313655808 -1.9863833114504814 0.0 0.0;43.31552832470026 -1.987161487340927 0.0 "
    "0.0;43.315044828733015 -1.9877894595265388 0.0 0.0;43.31459255404834 -1.9869402050971987 "
    "0.0 0.0;43.31513313655808 -1.9863833114504814 0.0 0.0;"
)


def form(
    study: Any,
    tmp_path: Path,
    form_id: str,
    rows: list[list[str]],
    choices: list[list[str]] | None = None,
) -> None:
    """The form an export belongs to, as an XLSForm (geopoint and barcode convert to text)."""
    book = openpyxl.Workbook()
    survey = book.active
    assert survey is not None
    survey.title = "survey"
    survey.append(["type", "name", "label"])
    for row in rows:
        survey.append([*row, row[1]] if len(row) == 2 else row)
    if choices:
        sheet = book.create_sheet("choices")
        sheet.append(["list_name", "name", "label"])
        for choice in choices:
            sheet.append([*choice, choice[1]])
    settings = book.create_sheet("settings")
    settings.append(["form_id", "version", "source_type"])
    settings.append([form_id, "1", "observation"])
    path = tmp_path / f"{form_id}.xlsx"
    book.save(path)
    store(study, import_xlsform(path, lenient=True).instrument)


def zoneless(source: str, text: str) -> str:
    return (
        f"{source}: times such as '{text}' (column SubmissionDate) carry no time zone (ODK "
        "Briefcase writes the exporting computer's); session start and end are read as UTC"
    )


def answers(study: Any) -> dict[str, dict[str, str]]:
    return {
        key: {name: a.value for name, a in session_answers(study.db, sid).items()}
        for key, sid in sessions_of(study).items()
    }


def test_central_all_data_types_land_with_the_geopoint_whole(study: Any, tmp_path: Path) -> None:
    form(study, tmp_path, "all-data-types", ALL_TYPES)
    result = import_odk_submissions(
        study.db, study.actor, "all-data-types", REAL / "central" / "all-data-types.zip", site="S"
    )
    assert result.warnings == []
    assert answers(study) == {
        "uuid:39f3dd36-161e-45cb-a1a4-395831d253a7": {
            "some_string": "Hola",
            "some_int": "123",
            "some_decimal": "123.456",
            "some_date": "2018-04-26",
            "some_time": "08:56",
            "some_date_time": "2018-04-26T08:56:00+00:00",
            "some_geopoint": "43.3149254 -1.9869671 71.80000305175781 15.478",
            "some_geotrace": TRACE,
            "some_geoshape": SHAPE,
            "some_barcode": "000049499094",
        }
    }


def test_briefcase_all_data_types_land_with_locale_dates(study: Any, tmp_path: Path) -> None:
    form(study, tmp_path, "all-data-types", ALL_TYPES)
    folder = tmp_path / "export"
    folder.mkdir()
    data = shutil.copy(REAL / "briefcase" / "all-data-types.csv", folder)
    result = import_odk_submissions(study.db, study.actor, "all-data-types", data, site="S")
    assert result.warnings == [zoneless("all-data-types.csv", "Apr 26, 2018 8:58:20 AM")]
    (got,) = answers(study).values()
    assert got["some_geopoint"] == "43.3149254 -1.9869671 71.80000305175781 15.478"
    assert got["some_date_time"] == "2018-04-26T08:56:00"
    assert got["some_time"] == "08:56"


def test_central_geopoint_columns_make_one_value(study: Any, tmp_path: Path) -> None:
    form(study, tmp_path, "mytestform", [["text", "name"], ["integer", "age"],
                                         ["geopoint", "location"]])  # fmt: skip
    import_odk_submissions(
        study.db, study.actor, "mytestform", REAL / "central" / "mytestform-geopoint.csv", site="S"
    )
    assert answers(study) == {
        "one": {"name": "Alice", "age": "30", "location": "47.649434 -122.347737 26.8 3.14"},
        "two": {"name": "Bob", "age": "34", "location": "47.599115 -122.331753 10"},
        "three": {"name": "Chelsea", "age": "38"},
    }


def test_an_encrypted_submission_without_its_data_stops_the_import(
    study: Any, tmp_path: Path
) -> None:
    form(study, tmp_path, "mytestform", [["text", "name"], ["integer", "age"],
                                         ["text", "hometown"]])  # fmt: skip
    with pytest.raises(SubmissionImportError) as caught:
        import_odk_submissions(
            study.db, study.actor, "mytestform", REAL / "central" / "mytestform-review.csv",
            site="S",
        )  # fmt: skip
    assert caught.value.problems == [
        "mytestform-review.csv, row 2, column Status: the answers of submission one are not in "
        "the export (missing encrypted form data: an encrypted form's data is exported by ODK "
        "Central with its passphrase)"
    ]
    assert sessions_of(study) == {}


def test_briefcase_media_path_finds_the_file_in_the_media_folder(
    study: Any, tmp_path: Path
) -> None:
    form(study, tmp_path, "media-files", [["image", "image"]])
    folder = tmp_path / "export"
    (folder / "media").mkdir(parents=True)
    data = shutil.copy(REAL / "briefcase" / "media-files.csv", folder)
    (folder / "media" / "1524644764247.jpg").write_bytes(b"\xff\xd8\xff\xe0 a photo")
    result = import_odk_submissions(study.db, study.actor, "media-files", data, site="S")
    assert result.warnings == [zoneless("media-files.csv", "Apr 18, 2018 7:34:28 AM")]
    (got,) = answers(study).values()
    with study.db.session() as session:
        stored = session.get(Attachment, got["image"])
        assert stored is not None
        assert (stored.filename, stored.data) == ("1524644764247.jpg", b"\xff\xd8\xff\xe0 a photo")


def test_briefcase_encrypted_form_export_lands_without_warnings(study: Any, tmp_path: Path) -> None:
    form(study, tmp_path, "encrypted-form", [["text", "name"]])
    folder = tmp_path / "export"
    folder.mkdir()
    data = shutil.copy(REAL / "briefcase" / "encrypted-form.csv", folder)
    result = import_odk_submissions(study.db, study.actor, "encrypted-form", data, site="S")
    # isValidated is Briefcase's own column
    assert result.warnings == [zoneless("encrypted-form.csv", "Apr 18, 2018 8:15:09 AM")]
    assert answers(study) == {"uuid:494cd080-3bf4-47be-b40f-c706a950d58a": {"name": "Guillermo"}}


def test_central_nested_repeats_and_groups_land(study: Any, tmp_path: Path) -> None:
    form(study, tmp_path, "nested-repeats", [
        ["begin repeat", "g1"], ["text", "t1"], ["begin repeat", "g2"], ["text", "t2"],
        ["begin repeat", "g3"], ["text", "t3"], ["end repeat", ""], ["end repeat", ""],
        ["end repeat", ""],
    ])  # fmt: skip
    import_odk_submissions(
        study.db, study.actor, "nested-repeats", REAL / "central" / "nested-repeats.zip", site="S"
    )
    (got,) = answers(study).values()
    texts = sorted(v for k, v in got.items() if k.endswith(("/t1", "/t2", "/t3")))
    assert texts == sorted(
        ["some text 1", "some text 1.1", "some text 1.1.1", "some text 1.2", "some text 2",
         "some text 2.1", "some text 3", "some text 3.1", "some text 3.1.1", "some text 3.1.2",
         "some text 3.1.3", "some text 3.1.4"]
    )  # fmt: skip
    form(study, tmp_path, "structuredform", [
        ["text", "name"], ["begin group", "home"], ["text", "type"], ["begin group", "address"],
        ["text", "street"], ["text", "city"], ["end group", ""], ["end group", ""],
    ])  # fmt: skip
    import_odk_submissions(
        study.db, study.actor, "structuredform", REAL / "central" / "structuredform.zip", site="S"
    )
    assert answers(study)["two"] == {
        "name": "Bob", "type": "Condo", "street": "20 Broadway", "city": "Portland, OR"
    }  # fmt: skip


def test_long_numbers_and_spaces_in_text_land_as_written(study: Any, tmp_path: Path) -> None:
    """An 18-digit NIP keeps its digits; a text answer keeps the spaces it was typed with."""
    form(study, tmp_path, "nip", [["integer", "nip"], ["decimal", "share"], ["text", "note"]])
    data = tmp_path / "nip.csv"
    data.write_text(
        "SubmissionDate,nip,share,note,meta-instanceID,KEY\r\n"
        '2024-10-05T03:15:00.000Z,198503302010011002,0.1000,"  kata pengantar ",uuid:n1,uuid:n1\r\n'
        "2024-10-05T03:16:00.000Z,NaN,1e-7,x,uuid:n2,uuid:n2\r\n",
        encoding="utf-8",
    )
    with pytest.raises(SubmissionImportError) as caught:
        import_odk_submissions(study.db, study.actor, "nip", data, site="S")
    assert caught.value.problems == ["nip.csv, row 3, column nip: 'NaN' is not a whole number"]
    data.write_text(data.read_text(encoding="utf-8").replace("NaN", "7"), encoding="utf-8")
    import_odk_submissions(study.db, study.actor, "nip", data, site="S")
    assert answers(study) == {
        "uuid:n1": {"nip": "198503302010011002", "share": "0.1", "note": "  kata pengantar "},
        "uuid:n2": {"nip": "7", "share": "0.0000001", "note": "x"},
    }


@pytest.mark.parametrize("separator", [".", ":"])
def test_kobo_export_with_another_group_separator_lands(
    study: Any, tmp_path: Path, separator: str
) -> None:
    """KoboToolbox lets the export join group names with a separator of one's choice; the
    sheet is laid out as its formpack library writes it (hierarchy in headers)."""
    form(study, tmp_path, "grouped", [
        ["text", "q1"], ["begin group", "g1"], ["text", "g1q1"], ["begin group", "sg1"],
        ["select_multiple pf", "platforms"], ["end group", ""], ["end group", ""],
    ], choices=[["pf", "facebook"], ["pf", "tiktok"]])  # fmt: skip
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Grouped questions"
    sep = separator
    sheet.append(["q1", f"g1{sep}g1q1", f"g1{sep}sg1{sep}platforms",
                  f"g1{sep}sg1{sep}platforms{sep}facebook", f"g1{sep}sg1{sep}platforms{sep}tiktok",
                  "_id", "_uuid", "_submission_time", "_validation_status", "_index"])  # fmt: skip
    sheet.append(["satu", "dua", "facebook tiktok", "1", "1", 7, "gq-0", "2024-10-05T03:15:00",
                  "", 1])  # fmt: skip
    data = tmp_path / "grouped.xlsx"
    book.save(data)
    result = import_odk_submissions(study.db, study.actor, "grouped", data, site="S")
    assert result.warnings == []
    assert answers(study) == {
        "uuid:gq-0": {"q1": "satu", "g1q1": "dua", "platforms": "facebook tiktok"}
    }


def test_numbers_only_as_odk_writes_them(study: Any, tmp_path: Path) -> None:
    form(study, tmp_path, "nums", [["integer", "n"], ["decimal", "d"]])
    data = tmp_path / "nums.csv"
    data.write_text(
        "n,d,meta-instanceID,KEY\n1_000,\u0663,u1,u1\n" + "9" * 500 + ",1e-300,u2,u2\n",
        encoding="utf-8",
    )
    with pytest.raises(SubmissionImportError) as caught:
        import_odk_submissions(study.db, study.actor, "nums", data, site="S")
    assert caught.value.problems == [
        "nums.csv, row 2, column n: '1_000' is not a whole number",
        "nums.csv, row 2, column d: '\u0663' is not a number",
        f"nums.csv, row 3, column n: '{'9' * 40}…' is not a whole number",
        "nums.csv, row 3, column d: '1e-300' is not a number",
    ]


def test_a_question_header_twice_is_refused_naming_both_columns(study: Any, tmp_path: Path) -> None:
    form(study, tmp_path, "twice", [["text", "name"], ["text", "desa"]])
    data = tmp_path / "twice.csv"
    data.write_text("name,desa,name,meta-instanceID,KEY\nAni,Cisaga,Budi,u1,u1\n")
    with pytest.raises(SubmissionImportError) as caught:
        import_odk_submissions(study.db, study.actor, "twice", data, site="S")
    assert caught.value.problems == [
        "twice.csv: columns A and C both have the header 'name'; delete or rename one of them"
    ]
    assert sessions_of(study) == {}
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(NeutralitasError, match="is a folder, not a data export file"):
        import_odk_submissions(study.db, study.actor, "twice", folder, site="S")


def test_kobo_media_url_columns_are_not_answers(study: Any, tmp_path: Path) -> None:
    """KoboToolbox's export "with media URLs" adds "<question>_URL" after each file
    question (as its formpack library writes it); the address is not an answer."""
    form(study, tmp_path, "foto", [["text", "name"], ["image", "photo"]])
    data = tmp_path / "foto.csv"
    data.write_text(
        '"name";"photo";"photo_URL";"_uuid"\n'
        '"Ani";"";"https://kc.kobotoolbox.org/media/x.jpg";"u1"\n',
        encoding="utf-8",
    )
    result = import_odk_submissions(study.db, study.actor, "foto", data, site="S")
    assert result.warnings == []
    assert answers(study) == {"uuid:u1": {"name": "Ani"}}


def test_kobo_xlsx_finds_attachments_of_its_media_download(study: Any, tmp_path: Path) -> None:
    """KoboToolbox's .xlsx names each file; its media download (unzipped as attachments/,
    one folder per submission) holds them."""
    form(study, tmp_path, "foto", [["text", "name"], ["image", "photo"]])
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["name", "photo", "_uuid", "_index"])
    sheet.append(["Ani", "julius-10_15_3.jpg", "u1", 1])
    data = tmp_path / "foto.xlsx"
    book.save(data)
    folder = tmp_path / "attachments" / "a5b2" / "u1"
    folder.mkdir(parents=True)
    (folder / "julius-10_15_3.jpg").write_bytes(b"\xff\xd8\xff kobo")
    result = import_odk_submissions(study.db, study.actor, "foto", data, site="S")
    assert result.warnings == []
    (got,) = answers(study).values()
    with study.db.session() as session:
        stored = session.get(Attachment, got["photo"])
        assert stored is not None and stored.data == b"\xff\xd8\xff kobo"


def test_kobo_sheets_cut_alike_find_their_repeats(study: Any, tmp_path: Path) -> None:
    """Two repeats whose names begin alike: KoboToolbox (formpack's unique_name_for_xls)
    names their sheets 'first 28...' and 'first 24... (1)'; each lands in its repeat."""
    kec, kel = "pegawai_yang_diwawancarai_di_kecamatan", "pegawai_yang_diwawancarai_di_kelurahan"
    form(study, tmp_path, "cut", [
        ["text", "desa"], ["begin repeat", kec], ["text", "nama_kec"], ["end repeat", ""],
        ["begin repeat", kel], ["text", "nama_kel"], ["end repeat", ""],
    ])  # fmt: skip
    book = openpyxl.Workbook()
    main = book.active
    assert main is not None
    main.title = "cut"
    main.append(["desa", "_uuid", "_index"])
    main.append(["Cisaga", "u1", 1])
    parent = ["_parent_table_name", "_parent_index"]
    first = book.create_sheet("pegawai_yang_diwawancarai_di...")
    first.append(["nama_kec", *parent])
    first.append(["Ani", "cut", 1])
    second = book.create_sheet("pegawai_yang_diwawancara... (1)")
    second.append(["nama_kel", *parent])
    second.append(["Budi", "cut", 1])
    data = tmp_path / "cut.xlsx"
    book.save(data)
    result = import_odk_submissions(study.db, study.actor, "cut", data, site="S")
    assert result.warnings == []
    (got,) = answers(study).values()
    landed = {k.split("[")[0] + "/" + k.rsplit("/", 1)[-1]: v for k, v in got.items() if "/" in k}
    assert landed == {f"{kec}/nama_kec": "Ani", f"{kel}/nama_kel": "Budi"}
