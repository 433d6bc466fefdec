"""Skip logic in words for the paper form, in Indonesian and English."""

from __future__ import annotations

from pathlib import Path

from neutralitas_desktop.instruments.model import (
    Choice,
    ChoiceList,
    Group,
    Instrument,
    Question,
)
from neutralitas_desktop.instruments.toml_format import load_instrument
from neutralitas_desktop.paths import forms_dir
from neutralitas_desktop.reports.skip_logic import SkipWriter, question_refs

PLATFORMS = ChoiceList(
    "platform",
    (Choice("fb", {"id": "Facebook"}), Choice("none", {"id": "Tidak ada", "en": "None"})),
)
FORM = Instrument(
    id="t",
    version="1",
    title={"id": "T"},
    source_type="interview",
    languages=("id", "en"),
    default_language="id",
    choice_lists={"platform": PLATFORMS},
    children=(
        Question("b1_liked", "yes_no_na"),
        Question(
            "b1a_where", "select_multiple", choice_list="platform", relevant="${b1_liked} = 'yes'"
        ),
        Question("b2_count", "integer", relevant="${b1_liked} != 'no' and ${b1_liked} != ''"),
        Question(
            "comment",
            "text",
            relevant="selected(${b1a_where}, 'fb') or not(selected(${b1a_where}, 'none'))",
        ),
        Group("g", children=(Question("inner", "text"),), relevant="${b2_count} >= 3"),
    ),
)


def test_references_follow_question_codes() -> None:
    refs = question_refs(FORM)
    assert refs == {
        "b1_liked": "B1",
        "b1a_where": "B1a",
        "b2_count": "B2",
        "comment": "Q1",
        "inner": "Q2",
    }


def test_conditions_in_words() -> None:
    id_ = SkipWriter(FORM, "id")
    assert id_.condition("${b1_liked} = 'yes'") == "B1 = Ya"
    assert id_.condition("${b1_liked} != 'no' and ${b1_liked} != ''") == "B1 ≠ Tidak dan B1 diisi"
    assert id_.condition(FORM.children[3].relevant) == (
        "B1a mencakup Facebook atau B1a tidak mencakup Tidak ada"
    )
    en = SkipWriter(FORM, "en")
    assert en.condition("${b2_count} >= 3") == "B2 ≥ 3"
    assert en.condition("(${b1_liked} = 'yes' or ${b2_count} > 1) and ${comment} = ''") == (
        "(B1 = Yes or B2 > 1) and Q1 is blank"
    )
    # unusual functions stay as written, with question references
    assert en.condition("string-length(${comment}) > 3") == "string-length(Q1) > 3"


def test_instructions() -> None:
    id_ = SkipWriter(FORM, "id")
    assert id_.instruction(FORM.children[1:2], "B2") == (
        "Jika B1 = Ya, lanjut ke B1a. Jika tidak, lewati ke B2."
    )
    en = SkipWriter(FORM, "en")
    assert en.instruction(FORM.children[4:5], en.end()) == (
        "If B2 ≥ 3, go on to this section. Otherwise skip to the end of the form."
    )


def test_every_shipped_condition_reads_as_words() -> None:
    for path in sorted(Path(forms_dir()).glob("*.toml")):
        if path.name in ("study.toml", "codebook.toml"):
            continue
        instrument = load_instrument(path)
        writer = SkipWriter(instrument, "id")
        for _, node in instrument.walk():
            if node.relevant:
                words = writer.condition(node.relevant)
                assert "${" not in words, (path.name, node.name, words)
