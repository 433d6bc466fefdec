"""XLSForm export: the cells ODK / KoboToolbox read, and the round trip back to the model."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from neutralitas_desktop.instruments.model import Choice, ChoiceList, Instrument
from neutralitas_desktop.instruments.toml_format import instrument_from_toml_data, load_instrument
from neutralitas_desktop.instruments.validation import validate
from neutralitas_desktop.instruments.xlsform_export import export_xlsform
from neutralitas_desktop.instruments.xlsform_import import import_xlsform

FORMS = Path(__file__).resolve().parents[2] / "forms"

FORM_TOML = """
[form]
id = "office-observation"
version = "2024.2"
source_type = "observation"
roles = ["camat", "asn_staff"]
languages = ["id", "en"]
default_language = "id"
title = { id = "Observasi kantor", en = "Office observation" }
description = { id = "Cek atribut kampanye", en = "Check for campaign material" }

[choices]
agree3 = [
  { name = "1", label = { id = "Tidak setuju", en = "Disagree" } },
  { name = "2", label = { id = "Netral", en = "Neutral" } },
  { name = "3", label = { id = "Setuju", en = "Agree" } },
]
platform = [
  { name = "facebook", label = "Facebook", kind = "social" },
  { name = "news", label = { id = "Berita", en = "News" }, kind = "press" },
]

[[items]]
type = "group"
name = "a_office"
label = { id = "A. Kantor", en = "A. Office" }
appearance = "field-list"

  [[items.items]]
  name = "a0_consent"
  type = "consent"
  label = { id = "Persetujuan", en = "Consent" }
  required = true

  [[items.items]]
  name = "a1_banner"
  type = "yes_no_na"
  label = { id = "Ada spanduk calon?", en = "Candidate banner present?" }
  hint = { en = "Look at the entrance" }
  theme = "campaign_material"
  stance = { yes = "violation", no = "neutrality", na = "unclear" }

  [[items.items]]
  name = "a2_notes"
  type = "long_text"
  label = { id = "Catatan", en = "Notes" }
  relevant = "${a1_banner} = 'yes'"
  theme = "campaign_material"

  [[items.items]]
  name = "a3_climate"
  type = "likert"
  choices = "agree3"
  label = { id = "Suasana netral", en = "Neutral climate" }

  [[items.items]]
  name = "a4_platform"
  type = "select_multiple"
  choices = "platform"
  other = true
  label = { id = "Sumber", en = "Source" }
  choice_filter = "kind = 'social'"

  [[items.items]]
  name = "a5_staff"
  type = "integer"
  label = "Jumlah staf"
  constraint = ". >= 0"
  constraint_message = { id = "Tidak boleh negatif", en = "Cannot be negative" }
  required = "${a1_banner} = 'yes'"
  required_message = { en = "Needed when a banner is present" }

  [[items.items]]
  name = "a6_score"
  type = "range"
  label = "Skor"
  parameters = { start = 0, end = 10, step = 2 }
  default = "4"
  read_only = false

[[items]]
type = "repeat"
name = "posts"
label = { id = "Unggahan", en = "Posts" }
repeat_count = "2"

  [[items.items]]
  name = "post_shot"
  type = "image"
  label = { id = "Tangkapan layar", en = "Screenshot" }

  [[items.items]]
  name = "post_url"
  type = "text"
  label = "=HYPERLINK(\\"x\\")"
  appearance = "url"

[[items]]
name = "total"
type = "calculate"
calculation = "count(${post_shot})"
"""


def form() -> Instrument:
    instrument = instrument_from_toml_data(tomllib.loads(FORM_TOML), "test")
    # The choice filter names a choice column bare ("kind"), as XLSForm does.
    problems = [p for p in validate(instrument).errors if p.field != "choice_filter"]
    assert problems == []
    return instrument


def sheet_rows(path: Path, title: str) -> list[dict[str, str]]:
    workbook = openpyxl.load_workbook(path)
    rows = list(workbook[title].iter_rows(values_only=True))
    headers = list(rows[0])
    return [{h: v for h, v in zip(headers, row, strict=True) if v is not None} for row in rows[1:]]


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    path = tmp_path / "office.xlsx"
    export_xlsform(form(), path)
    return path


def test_survey_sheet_as_odk_reads_it(exported: Path) -> None:
    rows = {row.get("name", row["type"]): row for row in sheet_rows(exported, "survey")}
    headers = next(openpyxl.load_workbook(exported)["survey"].iter_rows(values_only=True))
    assert headers[:4] == ("type", "name", "label::Indonesian (id)", "label::English (en)")
    assert rows["a_office"]["type"] == "begin group"
    assert rows["a_office"]["appearance"] == "field-list"
    assert rows["a0_consent"]["type"] == "select_one consent"
    assert rows["a0_consent"]["required"] == "yes"
    banner = rows["a1_banner"]
    assert banner["type"] == "select_one yes_no_na"
    assert banner["hint::English (en)"] == "Look at the entrance"
    assert (banner["theme"], banner["stance"]) == (
        "campaign_material",
        "yes=violation;no=neutrality;na=unclear",
    )
    assert (rows["a2_notes"]["type"], rows["a2_notes"]["appearance"]) == ("text", "multiline")
    assert (rows["a3_climate"]["type"], rows["a3_climate"]["appearance"]) == (
        "select_one agree3",
        "likert",
    )
    # "other" written out in the form's languages (pyxform's or_other is English only).
    assert rows["a4_platform"]["type"] == "select_multiple platform_or_other"
    assert rows["a4_platform"]["choice_filter"] == "(kind = 'social') or name = 'other'"
    assert rows["a4_platform_other"] == {
        "type": "text",
        "name": "a4_platform_other",
        "label::Indonesian (id)": "Sebutkan lainnya",
        "label::English (en)": "Specify other",
        "relevant": "selected(${a4_platform}, 'other')",
    }
    staff = rows["a5_staff"]
    assert staff["required"] == "${a1_banner} = 'yes'"
    assert staff["constraint_message::Indonesian (id)"] == "Tidak boleh negatif"
    assert rows["a6_score"]["parameters"] == "start=0 end=10 step=2"
    assert (rows["posts"]["type"], rows["posts"]["repeat_count"]) == ("begin repeat", "2")
    assert rows["total"] == {
        "type": "calculate",
        "name": "total",
        "calculation": "count(${post_shot})",
    }
    assert [r["type"] for r in sheet_rows(exported, "survey") if "name" not in r] == [
        "end group",
        "end repeat",
    ]


def test_text_that_looks_like_a_formula_stays_text(exported: Path) -> None:
    workbook = openpyxl.load_workbook(exported)
    cells = [c for row in workbook["survey"].iter_rows() for c in row if c.value]
    link = next(c for c in cells if str(c.value).startswith("=HYPERLINK"))
    assert link.data_type == "s"


def test_choices_sheet_with_generated_lists(exported: Path) -> None:
    rows = sheet_rows(exported, "choices")
    by_list: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_list.setdefault(row["list_name"], []).append(row)
    assert list(by_list) == ["agree3", "platform", "yes_no_na", "consent", "platform_or_other"]
    assert by_list["platform_or_other"][:-1] == [
        {**row, "list_name": "platform_or_other"} for row in by_list["platform"]
    ]
    assert by_list["platform_or_other"][-1] == {
        "list_name": "platform_or_other",
        "name": "other",
        "label::Indonesian (id)": "Lainnya",
        "label::English (en)": "Other",
    }
    assert [r["name"] for r in by_list["yes_no_na"]] == ["yes", "no", "na"]
    assert by_list["yes_no_na"][2]["label::Indonesian (id)"] == "Tidak berlaku"
    assert by_list["consent"][0]["label::English (en)"] == "Consent given"
    assert by_list["platform"][1] == {
        "list_name": "platform",
        "name": "news",
        "label::Indonesian (id)": "Berita",
        "label::English (en)": "News",
        "kind": "press",
    }


def test_settings_sheet(exported: Path) -> None:
    [settings] = sheet_rows(exported, "settings")
    assert settings == {
        "form_title": "Observasi kantor",
        "form_id": "office-observation",
        "version": "2024.2",
        "default_language": "Indonesian (id)",
        "source_type": "observation",
        "roles": "camat asn_staff",
        "form_description": "Cek atribut kampanye",
        "form_title_en": "Office observation",
        "form_description_en": "Check for campaign material",
    }


def test_round_trip_gives_the_same_instrument(exported: Path) -> None:
    result = import_xlsform(exported)
    assert result.instrument.to_dict() == form().to_dict()
    assert result.conversions == []


def test_generated_list_names_avoid_the_forms_own_lists(tmp_path: Path) -> None:
    original = form()
    own = ChoiceList("yes_no_na", (Choice("y", {"id": "Y"}), Choice("t", {"id": "T"})))
    instrument = replace(original, choice_lists={**original.choice_lists, "yes_no_na": own})
    path = tmp_path / "clash.xlsx"
    export_xlsform(instrument, path)
    types = {r.get("name"): r["type"] for r in sheet_rows(path, "survey")}
    assert types["a1_banner"] == "select_one yes_no_na_2"
    assert import_xlsform(path).instrument.to_dict() == instrument.to_dict()


def test_failed_export_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "form.xlsx"
    with pytest.raises(OSError):
        export_xlsform(form(), target)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


SHIPPED = sorted(p for p in FORMS.glob("*.toml") if p.name not in ("study.toml", "codebook.toml"))


@pytest.mark.skipif(not SHIPPED, reason="no shipped forms")
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_forms_round_trip(tmp_path: Path, path: Path) -> None:
    instrument = load_instrument(path)
    out = tmp_path / f"{path.stem}.xlsx"
    export_xlsform(instrument, out)
    result = import_xlsform(out)
    assert result.instrument.to_dict() == instrument.to_dict()
    assert result.conversions == []
    assert result.warnings == []
