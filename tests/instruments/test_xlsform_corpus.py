"""The XLSForm conformance corpus: every real form imports (strictly, or leniently with
its conversions listed) or is refused with a message naming sheet and row; imported forms
survive export and re-import unchanged."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from neutralitas_desktop.errors import InstrumentError
from neutralitas_desktop.instruments.model import Group
from neutralitas_desktop.instruments.xlsform_export import export_xlsform
from neutralitas_desktop.instruments.xlsform_import import ImportResult, import_xlsform

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "xlsform-corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="XLSForm corpus not present")


def _media_note(row: int) -> str:
    return (
        f"sheet survey, row {row}, column label::english: 'display_image_test' has only "
        "media, which is not imported; its label is now the file name 'img_test.jpg'"
    )


def _kitchen_sink(geopoint: int) -> list[str]:
    return [
        _media_note(10),
        f"sheet survey, row {geopoint}, column type: geopoint converted to a text question",
        f"sheet survey, row {geopoint + 1}, column type: barcode converted to a text question",
        f"sheet survey, row {geopoint + 3}, column type: audio converted to a file question",
        f"sheet survey, row {geopoint + 4}, column type: video converted to a file question",
    ]


def _from_file(row: int, csv_name: str, *, choice_filter: str = "") -> list[str]:
    out = [
        f"sheet survey, row {row}, column type: select_one_from_file {csv_name} converted to "
        "a text question"
    ]
    if choice_filter:
        out.append(
            f"sheet survey, row {row}, column choice_filter: choice_filter of "
            f"'{choice_filter}' dropped with its external choices"
        )
    return out


# What each corpus file gives: "strict" (imports as is), "lenient" (refused strictly,
# imported leniently with exactly these conversions) or "refused" (these problems).
EXPECTED: dict[str, tuple[str, list[str]]] = {
    "xlsform_spec_test.xlsx": ("lenient", _kitchen_sink(34)),
    "attribute_columns_test.xlsx": ("lenient", _kitchen_sink(34)),
    "flat_xlsform_test.xlsx": ("lenient", _kitchen_sink(34)),
    "or_other.xlsx": (
        "lenient",
        [
            "sheet survey, row 3, column choice_filter: choice_filter 'pastel=yes' read as "
            "\"pastel='yes'\" ('yes' is not a column of list 'colors')"
        ],
    ),
    "pull_data.xlsx": (
        "lenient",
        [
            "sheet survey, row 2, column calculation: 'fruit' uses pulldata(), which this app "
            "cannot compute; converted to a text question"
        ],
    ),
    "survey_no_name.xlsx": ("strict", []),
    "choice_filter_test.xlsx": (
        "lenient",
        [
            "sheet choices, row 6, column name: second choice 'king' of list 'counties' "
            "dropped (row 4 is kept)"
        ],
    ),
    "case_insensitivity.xlsx": (
        "lenient",
        [
            "sheet SURVEY, row 3, column TYPE: select_one_external c1 converted to a text question",
            "sheet SURVEY, row 3, column CHOICE_FILTER: choice_filter of 'q2' dropped with its "
            "external choices",
            "sheet SURVEY, row 4, column TYPE: osm c1 converted to a text question",
        ],
    ),
    "group.xlsx": ("strict", []),
    "loop.xlsx": (
        "lenient",
        [
            "sheet survey, row 3, column type: 'begin loop over toilet_type' converted to a "
            "repeat of 3 items (one per choice of 'toilet_type')"
        ],
    ),
    "specify_other.xlsx": ("strict", []),
    "yes_or_no_question.xlsx": ("strict", []),
    "include.xlsx": (
        "lenient",
        ["sheet survey, row 3, column type: include converted to a note"],
    ),
    "field-list.xlsx": ("strict", []),
    "extra_columns.xlsx": ("strict", []),
    "extra_sheet_names.xlsx": ("strict", []),
    "bad_calc.xlsx": (
        "refused",
        [
            "sheet survey, row 2, column calculation: unterminated string at position 21 in "
            "'because pyxform doesn't know what to do'"
        ],
    ),
    "duplicate_columns.xlsx": (
        "refused",
        [
            "sheet survey, row 1, column E: duplicate column header 'label' (column D is "
            "'label' already); delete or rename one of them"
        ],
    ),
    "ODKValidateWarnings.xlsx": ("strict", []),
    "UCL_Biomass_Plot_Form.xlsx": (
        "lenient",
        [
            *_from_file(16, "UCL_regions.csv"),
            *_from_file(17, "UCL_districts.csv", choice_filter="district_id"),
            *_from_file(18, "UCL_villages.csv", choice_filter="village"),
            *_from_file(20, "ULC_Biomass_Plots.csv", choice_filter="plot_id"),
            "sheet survey, row 22, column type: geopoint converted to a text question",
            *_from_file(35, "species_names.csv"),
            *_from_file(57, "species_names.csv"),
            *_from_file(73, "species_names.csv"),
            *_from_file(81, "species_names.csv"),
        ],
    ),
    "xl_date_ambiguous_v1.xlsx": ("strict", []),
    "big-image_survey_missing_image.xlsx": (
        "refused",
        [
            "sheet survey, row 2, column big-image: big-image needs an image in the image "
            "column as well (ODK refuses the form otherwise)"
        ],
    ),
    "image-description_translated.xlsx": ("strict", []),
    "empty.xlsx": (
        "refused",
        [
            "the survey sheet ('Sheet1') is empty: it needs a header row (type, name, label) "
            "and at least one question"
        ],
    ),
    "corrupt.xlsx": (
        "refused",
        ["is not an Excel workbook (.xlsx): the file is damaged or of another kind"],
    ),
    "hint_with_no_label_column.xlsx": (
        "refused",
        ["sheet survey, row 3, column label: 'b' has no label or hint"],
    ),
    "geo.xlsx": (
        "lenient",
        [
            "sheet survey, row 3, column type: geopoint converted to a text question",
            "sheet survey, row 5, column type: geotrace converted to a text question",
            "sheet survey, row 7, column type: geoshape converted to a text question",
        ],
    ),
    "file_type.xlsx": ("strict", []),
}


def manifest_files() -> list[str]:
    if not CORPUS.is_dir():
        return []
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return [row["file"] for row in csv.DictReader(handle, delimiter="\t")]


def test_every_manifest_row_has_an_expectation() -> None:
    assert sorted(manifest_files()) == sorted(EXPECTED)


def _import(name: str) -> ImportResult:
    outcome, _ = EXPECTED[name]
    return import_xlsform(CORPUS / name, lenient=outcome == "lenient")


@pytest.mark.parametrize("name", manifest_files())
def test_corpus_file(name: str) -> None:
    outcome, expected = EXPECTED[name]
    path = CORPUS / name
    if outcome == "refused":
        for lenient in (False, True):
            with pytest.raises(InstrumentError) as caught:
                import_xlsform(path, lenient=lenient)
            assert caught.value.problems[: len(expected)] == expected
            assert caught.value.source == str(path)
        return
    if outcome == "lenient":
        with pytest.raises(InstrumentError) as caught:
            import_xlsform(path)
        # Refused strictly, each problem saying what a lenient import would do.
        assert caught.value.problems
        assert all("lenient import" in p for p in caught.value.problems)
        assert len(caught.value.problems) == len(
            [c for c in expected if "dropped with its external choices" not in c]
        )
    result = import_xlsform(path, lenient=outcome == "lenient")
    assert result.conversions == expected
    assert result.instrument.questions()


@pytest.mark.parametrize("name", [n for n in manifest_files() if EXPECTED[n][0] != "refused"])
def test_corpus_round_trip(tmp_path: Path, name: str) -> None:
    first = _import(name).instrument
    out = tmp_path / name
    export_xlsform(first, out)
    again = import_xlsform(out)
    assert again.instrument.to_dict() == first.to_dict()
    assert again.conversions == []


def test_duplicate_columns_reports_everything_else_too() -> None:
    with pytest.raises(InstrumentError) as caught:
        import_xlsform(CORPUS / "duplicate_columns.xlsx")
    problems = caught.value.problems
    assert problems[0].startswith("sheet survey, row 1, column E: duplicate column header")
    assert any(
        p.startswith("sheet survey, row 35, column type: type 'geopoint' is not supported")
        for p in problems
    )


def test_kitchen_sink_question_by_question() -> None:
    result = _import("xlsform_spec_test.xlsx")
    form = result.instrument
    assert (form.id, form.title, form.languages, form.default_language) == (
        "Spec_test",
        {"en": "Spec test"},
        ("en", "zh"),
        "en",
    )
    assert form.choice_lists["yes_no"].get("no").label == {"en": "No", "zh": "没有"}
    everything = form.nodes_by_name()["everything"]
    assert isinstance(everything, Group)
    assert everything.relevant == "not(selected(${skip_to_end}, 'yes'))"
    address = form.question("address")
    assert address.label == {"en": "Enter an address", "zh": "您好"}
    assert address.hint == {"zh": "ni hao"}
    assert form.question("a_decimal").constraint == ". <= ${a_integer}"
    repeat = form.nodes_by_name()["repeat_test"]
    assert isinstance(repeat, Group) and repeat.repeat and repeat.repeat_count == "2"
    required = form.question("required_text")
    assert required.required and required.required_message == {"en": "Custom required message."}
    multi = form.question("select_multiple_test")
    assert (multi.type, multi.choice_list, multi.appearance, multi.required) == (
        "select_multiple",
        "yes_no",
        "minimal",
        False,
    )
    assert multi.constraint_message["zh"].startswith("對不起 ${my_name}")
    assert form.question("list-nolabel-test").required is True  # a TRUE cell
    assert form.question("calculate_test").calculation == "2+2"
    assert form.question("start_test_output").label == {"en": "start test output:"}
    assert form.question("FALSE").label == {"en": "boolean name test"}  # a FALSE cell as name
    assert [form.question(n).type for n in ("acknowledge_test", "date_test", "image_test")] == [
        "acknowledge",
        "date",
        "image",
    ]
    names = set(form.nodes_by_name())
    assert not names & {"start", "end", "today", "deviceid", "uri_deviceid", "phonenumber"}
    assert (
        "sheet survey, row 42, column type: 'start' (metadata recorded by the phone) is not "
        "imported; sessions record their own time, device and researcher"
    ) in result.warnings


def test_swahili_english_field_form_question_by_question() -> None:
    result = _import("UCL_Biomass_Plot_Form.xlsx")
    form = result.instrument
    assert (form.languages, form.default_language) == (("sw", "en"), "sw")
    assert form.version == "2022-04-11 16:26:28.971000"  # a date cell, as text
    leader = form.question("leader_name")
    assert (leader.type, leader.choice_list, leader.required) == ("select_one", "enumerator", True)
    assert leader.label == {"sw": "Jina Lako", "en": "Your Name"}
    assert leader.hint == {"sw": "Chagua moja", "en": "Choose One"}
    # Typographic quotes (which ODK does not read) become ASCII quotes, with a warning.
    assert form.question("leader_name_other").relevant == "${leader_name} = 'other'"
    assert (
        "sheet survey, row 9, column relevant: ‘other’ is in typographic quotes; changed to "
        "ASCII quotes: 'other'"
    ) in result.warnings
    assert form.question("leader_number").constraint_message == {
        "sw": "10 digit phone number",
        "en": "10 digit phone number",
    }
    trees = form.nodes_by_name()["trees"]
    assert isinstance(trees, Group) and trees.repeat
    assert trees.relevant == "${any_trees} = 'yes'"
    stems = form.nodes_by_name()["stems"]
    assert isinstance(stems, Group) and stems.repeat_count == "${stem_count}"
    assert form.repeat_of("cbh") == stems
    assert form.question("tree_photo").parameters == {"max-pixels": "3840"}
    assert form.question("cbh").constraint == ". >=  ${size_constraint}"
    assert [c.name for c in form.choice_lists["decay_class"].choices] == ["1", "2", "3", "4", "5"]
    assert form.choice_lists["plant_phase"].get("2024").label == {"sw": "2024", "en": "2024"}
    assert form.question("region_id").type == "text"  # was select_one_from_file
    slope = form.question("slope_radius")  # ODK's math functions are computed
    assert slope.type == "calculate" and "sqrt(" in slope.calculation
    assert "deviceid" not in form.nodes_by_name()


def test_plain_forms_question_by_question() -> None:
    group = import_xlsform(CORPUS / "group.xlsx").instrument
    father = group.nodes_by_name()["father"]
    assert isinstance(father, Group) and father.label == {"en": "Father"}
    assert [c.name for c in father.children] == ["phone_number", "age"]
    assert group.question("phone_number").type == "text"  # 'phone number' alias

    other = import_xlsform(CORPUS / "specify_other.xlsx").instrument
    sex = other.question("sex")
    assert (sex.type, sex.choice_list, sex.other) == ("select_one", "sexes", True)
    assert other.choice_lists["sexes"].get("female").label == {"en": "Female"}

    translated = import_xlsform(CORPUS / "image-description_translated.xlsx").instrument
    animal = translated.question("animal")
    assert animal.label == {
        "en": "Pick your favorite animal",
        "fr": "Choisissez votre animal préféré",
    }
    assert translated.choice_lists["animals"].get("d").label == {"en": "eagle", "fr": "aigle"}

    dates = import_xlsform(CORPUS / "xl_date_ambiguous_v1.xlsx").instrument
    assert dates.question("current_date").default == "1900-01-01"
    assert dates.choice_lists["names_list"].get("name2").label == {"en": "${name2}"}

    files = import_xlsform(CORPUS / "file_type.xlsx").instrument
    assert [(q.name, q.type) for q in files.questions()] == [
        ("photo", "image"),
        ("doc_file", "file"),
        ("a_file", "file"),
    ]
    assert files.title == {"en": "File Type Example"}

    cascade = _import("choice_filter_test.xlsx").instrument
    assert cascade.question("county").choice_filter == "${state}=cf"
    assert cascade.choice_lists["counties"].get("king").attributes == {"cf": "washington"}


def test_sheet_named_like_settings_is_pointed_out() -> None:
    result = import_xlsform(CORPUS / "extra_sheet_names.xlsx")
    assert (
        "sheet 'stettings' is not read; if it is meant to be the 'settings' sheet, rename it"
        in result.warnings
    )


@pytest.mark.parametrize("name", ["UCL_Biomass_Plot_Form.xlsx", "extra_columns.xlsx"])
def test_huge_declared_dimensions_import_quickly(name: str) -> None:
    start = time.perf_counter()
    _import(name)
    assert time.perf_counter() - start < 5
