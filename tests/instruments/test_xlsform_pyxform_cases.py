"""Forms taken from pyxform's and KoboToolbox formpack's own test suites (the markdown
tables of XLSForm/pyxform ``tests/test_search_function.py``, ``test_typed_calculates.py``,
``test_background_geopoint.py``; formpack ``tests/fixtures/grouped_repeatable_alias``):
what ODK does with them is what the import keeps, or refuses by name."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyxform.xls2json_backends import md_table_to_workbook

from neutralitas_desktop.errors import InstrumentError
from neutralitas_desktop.instruments.model import Group
from neutralitas_desktop.instruments.xlsform_import import import_xlsform

SEARCH = """
| survey  |               |       |            |           |                   |
|         | type          | name  | label::en  | label::fr | appearance        |
|         | select_one c1 | q1    | Question 1 | Chose 1   | search('my_file') |
|         | select_one c2 | q2    | Question 2 | Chose 2   |                   |
| choices |               |       |            |           |
|         | list_name     | name  | label::en  | label::fr |
|         | c1            | id    | label_en   | label_fr  |
|         | c2            | na    | la-e       | la-f      |
|         | c2            | nb    | lb-e       | lb-f      |
"""
TYPED_CALCULATES = """
| survey |           |      |             |      |             |
|        | type      | name | label       | hint | calculation |
|        | dateTime  | a    |             |      | now()       |
|        | integer   | b    |             |      | 1 div 1     |
|        | note      | note | Hello World |      |             |
"""
BACKGROUND_GEOPOINT = """
| survey |
|        | type                | name     | label      | trigger |
|        | integer             | temp     | Enter temp |         |
|        | background-geopoint | temp_geo |            | ${temp} |
"""
KOBO_LOOPED_GROUP = """
| survey |
|        | type             | name                   | label                     |
|        | begin group      | household_visit        | Household visit           |
|        | text             | household_location     | household location        |
|        | begin lgroup     | houshold_member_repeat | For each household member |
|        | text             | household_member_name  | household member name     |
|        | end looped group |                        |                           |
|        | end group        |                        |                           |
"""

CHOICES_FROM_A_REPEAT = """
| survey |
|        | type               | name       | label                             | choice_filter |
|        | begin repeat       | household  | Household Repeat                  |               |
|        | begin repeat       | member     | Household member repeat           |               |
|        | text               | name       | Enter name of a household member  |               |
|        | integer            | age        | Enter age of the household member |               |
|        | begin repeat       | adult      | Select a representative           |               |
|        | select one ${name} | adult_name | Choose a name                     | ${age} > 18   |
|        | end repeat         | adult      |                                   |               |
|        | end repeat         | member     |                                   |               |
|        | end repeat         | household  |                                   |               |
"""


def workbook(tmp_path: Path, md: str) -> Path:
    path = tmp_path / "form.xlsx"
    md_table_to_workbook(md).save(path)
    return path


def test_search_appearance_takes_choices_from_a_file_and_is_refused_by_name(
    tmp_path: Path,
) -> None:
    """ODK Collect lists the rows of my_file.csv; the choices sheet only names its columns,
    so importing its one row as the choice would change what the question asks."""
    path = workbook(tmp_path, SEARCH)
    with pytest.raises(InstrumentError) as caught:
        import_xlsform(path)
    assert caught.value.problems == [
        "sheet survey, row 2, column appearance: appearance search('my_file') takes the "
        "choices of 'select_one c1' from an external file (the choices sheet only names its "
        "columns), which this app does not have; a lenient import converts it to a text "
        "question"
    ]
    result = import_xlsform(path, lenient=True)
    q1, q2 = result.instrument.questions()
    assert (q1.type, q1.choice_list, q1.appearance) == ("text", "", "")
    assert (q2.type, q2.choice_list) == ("select_one", "c2")
    assert result.conversions == [
        "sheet survey, row 2, column appearance: 'q1' (select_one c1, appearance "
        "search('my_file')) converted to a text question"
    ]


def test_typed_calculate_without_label_is_a_hidden_calculation(tmp_path: Path) -> None:
    result = import_xlsform(workbook(tmp_path, TYPED_CALCULATES))
    a, b, note = result.instrument.questions()
    assert [(q.name, q.type, q.calculation) for q in (a, b)] == [
        ("a", "calculate", "now()"),
        ("b", "calculate", "1 div 1"),
    ]
    assert note.type == "note"
    assert result.warnings[1:-1] == [
        "sheet survey, row 2, column type: 'a' (dateTime with a calculation and no label) is "
        "a hidden calculation in ODK; imported as calculate",
        "sheet survey, row 3, column type: 'b' (integer with a calculation and no label) is a "
        "hidden calculation in ODK; imported as calculate",
    ]


def test_background_geopoint_is_phone_metadata(tmp_path: Path) -> None:
    result = import_xlsform(workbook(tmp_path, BACKGROUND_GEOPOINT))
    assert [q.name for q in result.instrument.questions()] == ["temp"]
    assert result.warnings[1:-1] == [
        (
            "sheet survey, row 3, column type: 'background-geopoint' (metadata recorded by the "
            "phone) is not imported; sessions record their own time, device and researcher"
        )
    ]


def test_kobo_looped_group_is_a_repeat(tmp_path: Path) -> None:
    instrument = import_xlsform(workbook(tmp_path, KOBO_LOOPED_GROUP)).instrument
    (visit,) = instrument.children
    assert isinstance(visit, Group) and not visit.repeat
    members = visit.children[1]
    assert isinstance(members, Group) and members.repeat
    assert [q.name for q in members.children] == ["household_member_name"]


def test_choices_from_the_answers_of_a_repeat_are_refused_by_name(tmp_path: Path) -> None:
    path = workbook(tmp_path, CHOICES_FROM_A_REPEAT)
    with pytest.raises(InstrumentError) as caught:
        import_xlsform(path)
    assert caught.value.problems == [
        "sheet survey, row 7, column type: 'select one ${name}' takes its choices from the "
        "answers of ${name}, which this app cannot do; a lenient import converts it to a text "
        "question"
    ]
    result = import_xlsform(path, lenient=True)
    adult_name = result.instrument.questions()[-1]
    assert (adult_name.name, adult_name.type, adult_name.choice_filter) == (
        "adult_name",
        "text",
        "",
    )
    assert result.conversions == [
        "sheet survey, row 7, column type: 'adult_name' (select one ${name}) converted to a "
        "text question"
    ]


RANGE = """
| survey |
| | type  | name | label | parameters     |
| | range | q1   | Q1    | {name}={value} |
"""


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("start", "*", "range start '*' is not a number"),
        ("end", "one", "range end 'one' is not a number"),
        ("step", "one", "range step 'one' is not a number"),
        ("step", "0", "range step must not be 0"),
    ],
)
def test_range_parameters_that_odk_refuses_are_refused(
    tmp_path: Path, name: str, value: str, problem: str
) -> None:
    """pyxform's test_range.py: a range whose start, end or step is no number (or a step
    of 0) is no form ODK can show; the app's range check would silently let any value in."""
    with pytest.raises(InstrumentError) as caught:
        import_xlsform(workbook(tmp_path, RANGE.format(name=name, value=value)))
    assert caught.value.problems == [f"sheet survey, row 2, column parameters: {problem}"]
    ok = import_xlsform(workbook(tmp_path, RANGE.format(name="step", value="2"))).instrument
    assert ok.questions()[0].parameters == {"step": "2"}


OWN_OTHER = """
| survey  |                        |       |            |            |
|         | type                   | name  | label::en  | label::fr  |
|         | select_one c1 or_other | q1    | Question 1 | Question A |
| choices |           |       |            |           |
|         | list name | name  | label::en  | label::fr |
|         | c1        | na    | la-e       | la-f      |
|         | c1        | nb    | lb-e       |           |
|         | c1        | other | Other      |           |
"""
DEFAULT_FROM_METADATA = """
| survey |
| | type           | name | label | default |
| | begin_repeat   | r1   |       |         |
| | start-geopoint | q1   | Q1    |         |
| | geopoint       | q2   | Q2    | ${q1}   |
| | end_repeat     | r1   |       |         |
"""
GEOPOINT_ACCURACY = """
| survey |           |             |          |                          |
|        | type      | name        | label    | parameters               |
|        | geopoint  | geopoint    | Geopoint | capture-accuracy=2.5     |
"""


def test_or_other_on_a_list_with_its_own_other_choice(tmp_path: Path) -> None:
    """pyxform (test_translations.py) shows such a list's 'other' once; 'other, specify'
    would show it twice and the exported form would not convert."""
    path = workbook(tmp_path, OWN_OTHER)
    with pytest.raises(InstrumentError) as caught:
        import_xlsform(path)
    assert caught.value.problems == [
        "sheet survey, row 2, column type: list 'c1' has its own 'other' choice and 'or_other' "
        "adds another; remove one of them (a lenient import keeps the list's own)"
    ]
    result = import_xlsform(path, lenient=True)
    (q1,) = result.instrument.questions()
    assert not q1.other
    assert [c.name for c in result.instrument.choice_lists["c1"].choices] == ["na", "nb", "other"]


def test_converted_questions_keep_neither_metadata_defaults_nor_widget_parameters(
    tmp_path: Path,
) -> None:
    """A geopoint read as text keeps no default pointing at dropped metadata and no
    capture-accuracy, which the text question's export would carry to pyxform (refused)."""
    result = import_xlsform(workbook(tmp_path, DEFAULT_FROM_METADATA), lenient=True)
    (q2,) = result.instrument.questions()
    assert (q2.name, q2.type, q2.default) == ("q2", "text", "")
    assert (
        "sheet survey, row 4, column default: default '${q1}' of 'q2' refers to metadata, "
        "which is not imported; dropped" in result.warnings
    )
    result = import_xlsform(workbook(tmp_path, GEOPOINT_ACCURACY), lenient=True)
    assert result.instrument.questions()[0].parameters == {}


ONLY_METADATA = """
| survey |        |          |       |
|        | type   |   name   | label |
|        | audit  |   audit  |       |
"""


def test_a_form_of_metadata_only_is_refused_in_one_line(tmp_path: Path) -> None:
    """pyxform's test_audit.py: nothing of it is imported, and an empty instrument could
    not be exported and imported again."""
    for lenient in (False, True):
        with pytest.raises(InstrumentError) as caught:
            import_xlsform(workbook(tmp_path, ONLY_METADATA), lenient=lenient)
        assert caught.value.problems == [
            "sheet survey: the form has no question this app imports (metadata such as 'start' "
            "or 'audit' is not imported)"
        ]


LAST_SAVED = """
| survey |            |          |       |                       |
|        | type       | name     | label | calculation           |
|        | integer    | foo      | Foo   | ${last-saved#foo} + 1 |
"""


def test_last_saved_reference_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(InstrumentError) as caught:
        import_xlsform(workbook(tmp_path, LAST_SAVED))
    assert caught.value.problems == [
        "sheet survey, row 2, column calculation: '${last-saved#foo}' (the answer of the last "
        "form saved on the phone) is not supported at position 0 in '${last-saved#foo} + 1'"
    ]


def test_an_xlsform_written_as_csv_is_refused_by_what_it_is(tmp_path: Path) -> None:
    """pyxform also reads an XLSForm as CSV text (its tests/example_xls/group.csv)."""
    path = tmp_path / "group.csv"
    path.write_text(
        "survey,,,\n,type,name,label\n,text,family_name,What's your family name?\n",
        encoding="utf-8",
    )
    with pytest.raises(InstrumentError) as caught:
        import_xlsform(path)
    assert caught.value.problems == [
        "is an XLSForm written as CSV text, which this app does not read; put its sheets in an "
        "Excel workbook (.xlsx)"
    ]
