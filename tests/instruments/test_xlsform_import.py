"""XLSForm import: what a form author gets from a workbook, and what they are told to fix."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from neutralitas_desktop.errors import InstrumentError
from neutralitas_desktop.instruments.model import Group, Question
from neutralitas_desktop.instruments.xlsform_columns import language_code
from neutralitas_desktop.instruments.xlsform_import import import_xlsform

Sheets = dict[str, list[list[Any]]]


def write_workbook(path: Path, sheets: Sheets) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def problems_of(path: Path, *, lenient: bool = False) -> list[str]:
    with pytest.raises(InstrumentError) as caught:
        import_xlsform(path, lenient=lenient)
    return caught.value.problems


BILINGUAL: Sheets = {
    "survey": [
        ["type", "name", "label::Indonesian (id)", "label::English (en)", "hint::English (en)",
         "required", "required_message::Indonesian (id)", "relevant", "constraint",
         "constraint_message::English (en)", "calculation", "default", "appearance",
         "choice_filter", "repeat_count", "read_only", "parameters", "theme", "stance"],
        ["begin group", "a_identity", "A. Identitas", "A. Identity", None, None, None, None,
         None, None, None, None, "field-list"],
        ["text", "a1_office", "Nama kantor", "Office name", "Where the interview is", "yes",
         "Wajib diisi"],
        ["integer", "a2_years", "Lama bekerja", "Years in office", None, None, None, None,
         ". >= 0 and . < 60", "Between 0 and 59"],
        ["select_one district", "a3_district", "Kabupaten", "District"],
        ["select_one subdistrict", "a4_subdistrict", "Kecamatan", "Sub-district", None, None,
         None, None, None, None, None, None, "minimal", "district = ${a3_district}"],
        ["end group"],
        ["begin group", "b_socmed", "B. Media sosial", "B. Social media"],
        ["select_one yes_no_na", "b1_liked", "Menyukai unggahan calon?",
         "Liked a candidate's post?", None, "yes", None, None, None, None, None, None, None,
         None, None, None, None,
         "socmed_engagement", "yes=violation;no=neutrality;na=unclear"],
        ["select_multiple platform or_other", "b1a_platform", "Platform", "Platform", None,
         None, None, "${b1_liked} = 'yes'"],
        ["select_one agree5", "b2_pressure", "Ada tekanan dari atasan", "Pressure from superiors",
         None, None, None, None, None, None, None, None, "likert"],
        ["text", "b3_story", "Ceritakan", "Tell the story", None, None, None, None, None, None,
         None, None, "multiline"],
        ["range", "b4_trust", "Kepercayaan", "Trust", None, None, None, None, None, None, None,
         "5", None, None, None, None, "start=0 end=10 step=1"],
        ["end group"],
        ["begin repeat", "posts", "Unggahan", "Posts", None, None, None, None, None, None, None,
         None, None, None, "3"],
        ["date", "post_date", "Tanggal", "Date"],
        ["image", "post_shot", "Tangkapan layar", "Screenshot"],
        ["calculate", "post_count", None, None, None, None, None, None, None, None,
         "count(${post_date})"],
        ["end repeat"],
        ["acknowledge", "done", "Selesai", "Done"],
        ["start", "start"],
    ],
    "choices": [
        ["list_name", "name", "label::Indonesian (id)", "label::English (en)", "district"],
        ["district", "ciamis", "Ciamis", "Ciamis"],
        ["district", "garut", "Garut", "Garut"],
        ["subdistrict", "cisaga", "Cisaga", "Cisaga", "ciamis"],
        ["subdistrict", "cikajang", "Cikajang", "Cikajang", "garut"],
        ["yes_no_na", "yes", "Ya", "Yes"],
        ["yes_no_na", "no", "Tidak", "No"],
        ["yes_no_na", "na", "Tidak berlaku", "Not applicable"],
        ["platform", "facebook", "Facebook", "Facebook"],
        ["platform", "instagram", "Instagram", "Instagram"],
        ["agree5", 1, "Sangat tidak setuju", "Strongly disagree"],
        ["agree5", 2, "Tidak setuju", "Disagree"],
        ["agree5", 3, "Netral", "Neutral"],
    ],
    "settings": [
        ["form_title", "form_id", "version", "default_language", "source_type"],
        ["Wawancara ASN", "asn-socmed", dt.datetime(2024, 10, 2), "Indonesian (id)", "interview"],
    ],
}  # fmt: skip


@pytest.fixture
def bilingual(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "asn.xlsx", BILINGUAL)


def test_bilingual_form_converts_question_by_question(bilingual: Path) -> None:
    result = import_xlsform(bilingual)
    form = result.instrument
    assert (form.id, form.version, form.title) == (
        "asn-socmed",
        "2024-10-02 00:00:00",
        {"id": "Wawancara ASN"},
    )
    assert form.languages == ("id", "en")
    assert form.default_language == "id"
    assert form.source_type == "interview"
    assert result.conversions == []

    section_a, section_b, posts, done = form.children
    assert isinstance(section_b, Group) and len(section_b.children) == 5
    assert isinstance(section_a, Group) and section_a.appearance == "field-list"
    assert section_a.label == {"id": "A. Identitas", "en": "A. Identity"}
    office = form.question("a1_office")
    assert office.type == "text"
    assert office.hint == {"en": "Where the interview is"}
    assert office.required is True
    assert office.required_message == {"id": "Wajib diisi"}
    years = form.question("a2_years")
    assert (years.type, years.constraint) == ("integer", ". >= 0 and . < 60")
    assert years.constraint_message == {"en": "Between 0 and 59"}
    sub = form.question("a4_subdistrict")
    assert (sub.type, sub.choice_list, sub.appearance) == ("select_one", "subdistrict", "minimal")
    assert sub.choice_filter == "district = ${a3_district}"
    assert form.choice_lists["subdistrict"].get("cisaga").attributes == {"district": "ciamis"}

    liked = form.question("b1_liked")
    assert (liked.type, liked.choice_list, liked.required) == ("yes_no_na", "", True)
    assert liked.theme == "socmed_engagement"
    assert liked.stance == {"yes": "violation", "no": "neutrality", "na": "unclear"}
    assert "yes_no_na" not in form.choice_lists  # the built-in list, not one of the form
    platform = form.question("b1a_platform")
    assert (platform.type, platform.other, platform.relevant) == (
        "select_multiple",
        True,
        "${b1_liked} = 'yes'",
    )
    pressure = form.question("b2_pressure")
    assert (pressure.type, pressure.appearance) == ("likert", "")
    assert [c.name for c in form.choice_lists["agree5"].choices] == ["1", "2", "3"]
    assert form.question("b3_story").type == "long_text"
    trust = form.question("b4_trust")
    assert (trust.type, trust.default) == ("range", "5")
    assert trust.parameters == {"start": "0", "end": "10", "step": "1"}

    assert isinstance(posts, Group) and posts.repeat and posts.repeat_count == "3"
    assert [c.name for c in posts.children] == ["post_date", "post_shot", "post_count"]
    assert form.question("post_shot").type == "image"
    assert form.question("post_count").calculation == "count(${post_date})"
    assert isinstance(done, Question) and done.type == "acknowledge"
    assert "start" not in form.nodes_by_name()
    assert any("row 21, column type: 'start'" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("label::English (en)", "en"),
        ("label:English", "en"),
        ("label::english", "en"),
        ("LABEL::EN", "en"),
        ("Label::Indonesian (id)", "id"),
        ("label::Bahasa Indonesia", "id"),
        ("label::Swahili (sw)", "sw"),
        ("label::Klingon", "klingon"),
    ],
)
def test_language_headers_map_to_codes(tmp_path: Path, header: str, code: str) -> None:
    path = write_workbook(
        tmp_path / "lang.xlsx",
        {"Survey": [["TYPE", "Name", header], ["text", "q", "Question"]]},
    )
    form = import_xlsform(path).instrument
    assert form.languages == (code,)
    assert form.question("q").label == {code: "Question"}


def test_language_code_names() -> None:
    assert language_code("English (en)") == "en"
    assert language_code("Indonesian (id)") == "id"
    assert language_code("English") == "en"
    assert language_code(" Bahasa  Indonesia ") == "id"
    assert language_code("Old Sundanese") == "old-sundanese"


def test_plain_labels_follow_default_language(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "plain.xlsx",
        {
            "survey": [
                ["type", "name", "label", "label::English (en)"],
                ["text", "q", "Nama", "Name"],
            ],
            "settings": [["default_language"], ["Indonesian (id)"]],
        },
    )
    form = import_xlsform(path).instrument
    assert form.languages == ("id", "en")
    assert form.question("q").label == {"id": "Nama", "en": "Name"}


def test_legacy_spellings(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "legacy.xlsx",
        {
            "survey": [
                ["Type", "Name", "Label:English", "requiredMsg", "jr:count"],
                ["select one from yn or specify other", "q1", "Q1"],
                ["select all that apply from yn", "q2", "Q2"],
                ["begin_repeat", "r", "R", None, "2"],
                ["phone number", "phone", "Phone", "Needed"],
                ["add file prompt", "doc", "Doc"],
                ["photo", "pic", "Picture"],
                ["end_repeat"],
                ["begin_group", "g", "G"],
                ["trigger", "ok", "OK"],
                ["end_group"],
            ],
            "choices": [["List Name", "Name", "Label:English"], ["yn", "y", "Y"], ["yn", "n", "N"]],
        },
    )
    form = import_xlsform(path).instrument
    q1, q2 = form.question("q1"), form.question("q2")
    assert (q1.type, q1.choice_list, q1.other) == ("select_one", "yn", True)
    assert (q2.type, q2.other) == ("select_multiple", False)
    repeat = form.nodes_by_name()["r"]
    assert isinstance(repeat, Group) and repeat.repeat and repeat.repeat_count == "2"
    phone = form.question("phone")
    assert phone.type == "text" and phone.constraint.startswith("regex(.")
    assert phone.required_message == {"en": "Needed"}
    assert form.question("doc").type == "file"
    assert form.question("pic").type == "image"
    assert form.question("ok").type == "acknowledge"


def test_metadata_is_dropped_with_a_warning(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "meta.xlsx",
        {
            "survey": [
                ["type", "name", "label"],
                ["start", "start"],
                ["deviceid", "device"],
                ["audit", "audit"],
                ["note", "n", "Started at ${start}"],
            ]
        },
    )
    result = import_xlsform(path)
    assert [q.name for q in result.instrument.questions()] == ["n"]
    assert result.instrument.question("n").label == {"en": "Started at"}
    for row, kind in ((2, "start"), (3, "deviceid"), (4, "audit")):
        assert any(f"row {row}, column type: '{kind}'" in w for w in result.warnings)
    assert any("row 5, column label: ${start}" in w and "removed" in w for w in result.warnings)


UNSUPPORTED: Sheets = {
    "survey": [
        ["type", "name", "label", "calculation"],
        ["geopoint", "where", "Where?"],
        ["audio", "voice", "Record"],
        ["select_one_from_file offices.csv", "office", "Office"],
        ["calculate", "pulled", None, "pulldata('offices', 'head', 'id', ${office})"],
        ["barcode", "code", "Code"],
    ]
}


def test_unsupported_features_are_refused_each_with_its_row(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "unsupported.xlsx", UNSUPPORTED)
    problems = problems_of(path)
    assert problems == [
        "sheet survey, row 2, column type: type 'geopoint' is not supported (this app has no "
        "GPS or map); a lenient import converts it to a text question",
        "sheet survey, row 3, column type: type 'audio' is not supported (this app does not "
        "record sound); a lenient import converts it to a file question",
        "sheet survey, row 4, column type: type 'select_one_from_file offices.csv' is not "
        "supported (takes its choices from an external file); a lenient import converts it to "
        "a text question",
        "sheet survey, row 5, column calculation: uses pulldata(), which this app cannot "
        "compute; a lenient import converts the question to a text question",
        "sheet survey, row 6, column type: type 'barcode' is not supported (this app cannot "
        "scan barcodes); a lenient import converts it to a text question",
    ]


def test_lenient_import_converts_and_lists_each_conversion(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "unsupported.xlsx", UNSUPPORTED)
    result = import_xlsform(path, lenient=True)
    assert result.conversions == [
        "sheet survey, row 2, column type: geopoint converted to a text question",
        "sheet survey, row 3, column type: audio converted to a file question",
        "sheet survey, row 4, column type: select_one_from_file offices.csv converted to a "
        "text question",
        "sheet survey, row 5, column calculation: 'pulled' uses pulldata(), which this app "
        "cannot compute; converted to a text question",
        "sheet survey, row 6, column type: barcode converted to a text question",
    ]
    form = result.instrument
    assert [(q.name, q.type) for q in form.questions()] == [
        ("where", "text"),
        ("voice", "file"),
        ("office", "text"),
        ("pulled", "text"),
        ("code", "text"),
    ]
    assert form.question("pulled").calculation == ""
    assert form.question("where").label == {"en": "Where?"}


def test_every_error_of_a_file_is_reported_together(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "errors.xlsx",
        {
            "survey": [
                ["type", "name", "label", "relevant"],
                ["text", "age_text", "Age"],
                ["integer", "age_text", "Age again"],
                ["txet", "hobby", "Hobby"],
                ["select_one colours", "colour", "Colour"],
                ["begin group", "household", "Household"],
                ["note", "greeting", "Hello ${nobody}"],
                ["text", "my name", "Name"],
                ["integer", "years", "Years", "${age_text} > > 3"],
                ["text", "later", "Later", "${missing} = 1"],
            ],
            "choices": [["list_name", "name", "label"], ["other_list", "a", "A"]],
        },
    )
    with pytest.raises(InstrumentError) as caught:
        import_xlsform(path)
    assert caught.value.problems == [
        "sheet survey, row 3, column name: duplicate name 'age_text' (first used in row 2)",
        "sheet survey, row 4, column type: unknown type 'txet' (did you mean 'text'?)",
        "sheet survey, row 5, column type: list name 'colours' has no choices in the choices sheet",
        "sheet survey, row 6, column type: 'begin group' ('household') has no matching 'end group'",
        "sheet survey, row 7, column label: reference to undefined ${nobody}",
        "sheet survey, row 8, column name: invalid name 'my name' (start with a letter or _)",
        "sheet survey, row 9, column relevant: unexpected '>' at position 14 in "
        "'${age_text} > > 3'",
        "sheet survey, row 10, column relevant: reference to undefined ${missing}",
    ]
    assert str(caught.value).startswith(f"{path}: 8 problem(s):")


def test_mismatched_group_ends(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "ends.xlsx",
        {
            "survey": [
                ["type", "name", "label"],
                ["begin repeat", "r", "R"],
                ["text", "t", "T"],
                ["end group"],
                ["end group"],
            ]
        },
    )
    assert problems_of(path) == [
        "sheet survey, row 4, column type: 'end group' closes 'begin repeat' ('r', row 2); "
        "write 'end repeat'",
        "sheet survey, row 5, column type: 'end group' has no matching 'begin group'",
    ]


def test_duplicate_choice_and_empty_choice_names(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "choices.xlsx",
        {
            "survey": [["type", "name", "label"], ["select_one yn", "q", "Q"]],
            "choices": [
                ["list_name", "name", "label"],
                ["yn", "y", "Yes"],
                ["yn", "y", "Yes again"],
                ["yn", None, "No name"],
            ],
        },
    )
    assert problems_of(path) == [
        "sheet choices, row 3, column name: duplicate choice 'y' in list 'yn' (also row 2)",
        "sheet choices, row 4, column name: choice of list 'yn' has no name",
    ]


def test_duplicate_column_header_is_named(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "dup.xlsx",
        {"survey": [["type", "name", "label", "Label"], ["text", "q", "Q", "Q2"]]},
    )
    assert problems_of(path) == [
        "sheet survey, row 1, column D: duplicate column header 'Label' (column C is 'label' "
        "already); delete or rename one of them"
    ]


def test_bad_stance_and_unknown_choice_filter_column(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "stance.xlsx",
        {
            "survey": [
                ["type", "name", "label", "choice_filter", "theme", "stance"],
                ["select_one yn", "q", "Q", None, "t", "yes violation"],
                ["select_one yn", "r", "R", "region = ${q}"],
            ],
            "choices": [["list_name", "name", "label"], ["yn", "yes", "Y"], ["yn", "no", "N"]],
        },
    )
    assert problems_of(path) == [
        "sheet survey, row 2, column stance: stance 'yes violation' is not of the form "
        "'yes=violation;no=neutrality'",
        "sheet survey, row 3, column choice_filter: 'region' in choice_filter 'region = ${q}' "
        "is not a column of list 'yn' in the choices sheet (a value is written in quotes, "
        "'region'; a lenient import adds them)",
    ]


def test_settings_sheet(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "settings.xlsx",
        {
            "survey": [["type", "name", "label::English (en)"], ["note", "n", "Hello"]],
            "Settings": [
                ["Form_Title", "form_id", "version", "default_language", "source_type",
                 "form_title_id"],
                ["Office check", "office check", 2024.1, "English (en)", "observation",
                 "Cek kantor"],
            ],
        },
    )  # fmt: skip
    result = import_xlsform(path)
    form = result.instrument
    assert (form.id, form.version, form.source_type) == ("office_check", "2024.1", "observation")
    assert form.title == {"en": "Office check", "id": "Cek kantor"}
    assert form.languages == ("en", "id")
    assert (
        "sheet Settings, row 2, column form_id: form id 'office check' may only hold letters, "
        "digits, _ . -; using 'office_check'"
    ) in result.warnings


def test_unknown_source_type_is_located_in_settings(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "src.xlsx",
        {
            "survey": [["type", "name", "label"], ["note", "n", "Hello"]],
            "settings": [["form_id", "source_type"], ["f", "survey"]],
        },
    )
    [problem] = problems_of(path)
    assert problem.startswith("sheet settings, row 2, column source_type: unknown source type")


def test_single_sheet_is_the_survey(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "one.xlsx", {"Sheet1": [["type", "name", "label"], ["text", "q", "Q"]]}
    )
    result = import_xlsform(path)
    assert [q.name for q in result.instrument.questions()] == ["q"]
    assert result.instrument.id == "one"


def test_no_survey_sheet_is_one_line(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "none.xlsx", {"Surveys": [["type"]], "choices": [["x"]]})
    assert problems_of(path) == [
        "has no sheet named 'survey' (is 'Surveys' meant to be it?); its sheets are 'Surveys', "
        "'choices'"
    ]


def test_empty_survey_is_one_line(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "empty.xlsx", {"survey": [["type", "name", "label"]]})
    assert problems_of(path) == [
        "the survey sheet ('survey') is empty: it needs a header row (type, name, label) and at "
        "least one question"
    ]


def test_missing_type_column_is_one_line(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "notype.xlsx", {"survey": [["kind", "name"], ["text", "q"]]})
    assert problems_of(path) == [
        "sheet survey, row 1: no 'type' column (the header row has: kind, name)"
    ]


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    path.write_text("type,name,label\ntext,q,Q\n")
    assert problems_of(path) == [
        "is not an Excel workbook (.xlsx): the file is damaged or of another kind"
    ]


def test_damaged_zip(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    [problem] = problems_of(path)
    assert problem.startswith("cannot be read as an Excel workbook (.xlsx)")


def test_password_protected_workbook(tmp_path: Path) -> None:
    # What Excel writes when a workbook is saved with a password: an OLE compound file
    # holding the streams EncryptionInfo and EncryptedPackage.
    path = tmp_path / "secret.xlsx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(504)
        + "EncryptionInfo".encode("utf-16-le")
        + "EncryptedPackage".encode("utf-16-le")
    )
    [problem] = problems_of(path)
    assert problem.startswith("the workbook is password-protected")
    assert str(InstrumentError(str(path), [problem])).count("\n") == 0


def test_old_xls_workbook(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    assert problems_of(path) == [
        "is an Excel 97-2003 (.xls) workbook; open it in Excel and save it as .xlsx"
    ]


def test_missing_file(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nowhere.xlsx") == ["file not found"]


def test_huge_declared_dimension_is_read_quickly(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "wide.xlsx", {"survey": [["type", "name", "label"], ["text", "q", "Q"]]}
    )
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["survey"]
    sheet.cell(row=200_000, column=16_000).number_format = "0.00"  # styled, empty
    workbook.save(path)
    result = import_xlsform(path)
    assert [q.name for q in result.instrument.questions()] == ["q"]


def test_cells_without_header_are_ignored_with_a_warning(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "stray.xlsx",
        {"survey": [["type", "name", "label"], ["text", "q", "Q", "stray"]]},
    )
    result = import_xlsform(path)
    assert "sheet survey, column D: 1 cell(s) under no header are ignored" in result.warnings


def test_expression_cells_written_as_booleans(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "bools.xlsx",
        {
            "survey": [
                ["type", "name", "label", "required", "relevant"],
                ["text", "q", "Q", True, False],
            ]
        },
    )
    question = import_xlsform(path).instrument.question("q")
    assert (question.required, question.relevant) == (True, "false()")


def test_required_expression(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "req.xlsx",
        {
            "survey": [
                ["type", "name", "label", "required"],
                ["integer", "n", "N"],
                ["text", "why", "Why?", "${n} > 3"],
            ]
        },
    )
    question = import_xlsform(path).instrument.question("why")
    assert (question.required, question.required_if) == (False, "${n} > 3")


def test_plain_and_default_language_column_of_the_same_text(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "twice.xlsx",
        {
            "survey": [["type", "name", "label", "label::English (en)"], ["text", "q", "A", "B"]],
            "settings": [["default_language"], ["English (en)"]],
        },
    )
    assert problems_of(path) == [
        "sheet survey, row 1, column D: 'label::English (en)' and 'label' (column C) are both "
        "the label in the default language; delete or rename one of them"
    ]
