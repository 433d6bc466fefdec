"""One front end for expressions: the XLSForm importer, validation and the runner's form
state read the same text the same way (strings, choice columns, functions), and a literal
in typographic quotes is read as a string, written back in ASCII quotes, and reported."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from test_xlsform_import import problems_of, write_workbook

from neutralitas_desktop.instruments import xpath
from neutralitas_desktop.instruments.form_state import FormState
from neutralitas_desktop.instruments.model import Instrument
from neutralitas_desktop.instruments.toml_format import (
    instrument_from_toml_data,
    load_instrument_with_warnings,
)
from neutralitas_desktop.instruments.validation import validate
from neutralitas_desktop.instruments.xlsform_import import import_xlsform

CHOICES = [
    ["list_name", "name", "label", "district"],
    ["village", "v1", "Linggasari", "ciamis"],
    ["village", "v2", "Sukamaju", "kab garut"],
    ["village", "v3", "Cibeureum", "pulldata(x)"],
]


def _workbook(tmp_path: Path, choice_filter: str) -> Path:
    return write_workbook(
        tmp_path / "form.xlsx",
        {
            "survey": [
                ["type", "name", "label", "choice_filter"],
                ["select_one village", "village", "Desa", choice_filter],
            ],
            "choices": CHOICES,
            "settings": [["form_id", "version"], ["desa", "1"]],
        },
    )


def _toml(choice_filter: str) -> Instrument:
    text = f"""
[form]
id = "desa"
version = "1"
source_type = "interview"
languages = ["id"]
title = "Desa"

[choices]
village = [
  {{ name = "v1", label = "Linggasari", district = "ciamis" }},
  {{ name = "v2", label = "Sukamaju", district = "kab garut" }},
  {{ name = "v3", label = "Cibeureum", district = "pulldata(x)" }},
]

[[items]]
type = "select_one"
name = "village"
label = "Desa"
choices = "village"
choice_filter = {choice_filter!r}
"""
    return instrument_from_toml_data(tomllib.loads(text), "desa.toml")


def _shown(instrument: Instrument) -> list[str]:
    return [choice.name for choice in FormState(instrument).choices("village")]


def test_choice_filter_in_typographic_quotes_is_imported_with_ascii_quotes_and_a_warning(
    tmp_path: Path,
) -> None:
    result = import_xlsform(_workbook(tmp_path, "district = “ciamis”"))
    question = result.instrument.question("village")
    assert question.choice_filter == "district = 'ciamis'"
    assert (
        "sheet survey, row 2, column choice_filter: “ciamis” is in typographic quotes; "
        "changed to ASCII quotes: 'ciamis'"
    ) in result.warnings
    assert _shown(result.instrument) == ["v1"]


def test_choice_filter_in_typographic_quotes_from_toml_is_named_and_still_matches() -> None:
    instrument = _toml("district = ‘ciamis’")
    report = validate(instrument)
    assert report.ok
    assert [str(problem) for problem in report.warnings] == [
        "question 'village', choice_filter: ‘ciamis’ is in typographic quotes, which ODK does "
        "not read; write 'ciamis'"
    ]
    assert _shown(instrument) == ["v1"]


def test_toml_loader_reports_typographic_quotes_as_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "desa.toml"
    path.write_text(
        '[form]\nid = "desa"\nversion = "1"\nsource_type = "interview"\nlanguages = ["id"]\n'
        'title = "Desa"\n\n[[items]]\ntype = "text"\nname = "a"\nlabel = "A"\n'
        'relevant = "1 = 1"\n\n[[items]]\ntype = "text"\nname = "b"\nlabel = "B"\n'
        'relevant = "${a} = “ya”"\n',
        encoding="utf-8",
    )
    _, warnings = load_instrument_with_warnings(path)
    assert warnings == [
        "question 'b', relevant: “ya” is in typographic quotes, which ODK does not read; write 'ya'"
    ]


@pytest.mark.parametrize(
    ("choice_filter", "shown"),
    [
        # Words inside a literal are not choice columns, in ASCII or typographic quotes.
        ("district = 'kab garut'", ["v2"]),
        ("district = “kab garut”", ["v2"]),
        # A call inside a literal is text, not a call of an ODK-only function.
        ("district = 'pulldata(x)'", ["v3"]),
        ("district != “pulldata(x)” and name != 'v2'", ["v1"]),
    ],
)
def test_importer_validation_and_form_state_read_a_literal_alike(
    tmp_path: Path, choice_filter: str, shown: list[str]
) -> None:
    imported = import_xlsform(_workbook(tmp_path, choice_filter)).instrument
    from_toml = _toml(choice_filter)
    assert validate(from_toml).errors == []
    assert _shown(imported) == shown
    assert _shown(from_toml) == shown
    assert xpath.choice_columns(choice_filter)[0] == ("district", 0)
    assert xpath.odk_only_functions(choice_filter, choice_filter=True) == []


def test_a_bare_value_in_a_choice_filter_is_refused_or_quoted_where_it_is(
    tmp_path: Path,
) -> None:
    path = _workbook(tmp_path, "district = ciamis")
    assert problems_of(path) == [
        "sheet survey, row 2, column choice_filter: 'ciamis' in choice_filter 'district = "
        "ciamis' is not a column of list 'village' in the choices sheet (a value is written "
        "in quotes, 'ciamis'; a lenient import adds them)"
    ]
    result = import_xlsform(path, lenient=True)
    assert result.instrument.question("village").choice_filter == "district = 'ciamis'"
    assert _shown(result.instrument) == ["v1"]


def test_odk_only_function_found_through_the_tree_not_inside_strings(tmp_path: Path) -> None:
    path = _workbook(tmp_path, "district = pulldata('d', 'district', 'name', 'x')")
    assert problems_of(path) == [
        "sheet survey, row 2, column choice_filter: uses pulldata(), which this app cannot "
        "compute; a lenient import drops the choice_filter"
    ]
    assert xpath.odk_only_functions("concat('pulldata(', ${a})") == []
    # A path (which this app does not parse) is still looked into through the lexer.
    assert xpath.odk_only_functions("instance('x')/root/item[name = ${a}]/label") == ["instance"]


def test_choice_filter_mode_parses_bare_names_as_columns_and_prints_them_back() -> None:
    tree = xpath.parse("district = ${d} and selected(tags, 'a')", choice_filter=True)
    assert tree == xpath.BinOp(
        "and",
        xpath.BinOp("=", xpath.Column("district"), xpath.Ref("d")),
        xpath.Call("selected", (xpath.Column("tags"), xpath.Str("a"))),
    )
    assert xpath.to_source(tree) == "district = ${d} and selected(tags, 'a')"
    with pytest.raises(xpath.ExpressionError, match="unexpected name 'district'"):
        xpath.parse("district = ${d}")
    context = xpath.EvalContext(lookup={"d": "x"}.get, choice={"district": "x", "tags": "a b"})
    assert xpath.evaluate(tree, context) is True


def test_typographic_literal_parses_as_a_string_and_is_rewritten_in_ascii_quotes() -> None:
    assert xpath.parse("${a} = “it's”") == xpath.parse('${a} = "it\'s"')
    assert xpath.ascii_quotes("${a} = “it's” or ${b} = ‘x’") == (
        "${a} = \"it's\" or ${b} = 'x'",
        [("“it's”", '"it\'s"'), ("‘x’", "'x'")],
    )
    assert xpath.ascii_quotes("${a} = 'x'") == ("${a} = 'x'", [])
