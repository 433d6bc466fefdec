"""The TOML instrument format: round trip, structure errors, content hash."""

from __future__ import annotations

from pathlib import Path

import pytest

from neutralitas_desktop.errors import InstrumentError
from neutralitas_desktop.instruments.model import Instrument
from neutralitas_desktop.instruments.toml_format import instrument_to_toml, load_instrument

FORMS = Path(__file__).resolve().parents[2] / "forms"
INSTRUMENT_FILES = sorted(
    p for p in FORMS.glob("*.toml") if p.name not in ("study.toml", "codebook.toml")
)


@pytest.mark.parametrize("path", INSTRUMENT_FILES, ids=lambda p: p.stem)
def test_round_trip_through_toml_and_dict(path: Path, tmp_path: Path) -> None:
    instrument = load_instrument(path)
    again = tmp_path / path.name
    again.write_text(instrument_to_toml(instrument), encoding="utf-8")
    reloaded = load_instrument(again)
    assert reloaded == instrument
    assert reloaded.content_hash == instrument.content_hash
    assert Instrument.from_dict(instrument.to_dict()) == instrument


def test_content_hash_changes_with_content(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    base = (
        '[form]\nid = "f"\nversion = "1"\nsource_type = "observation"\n'
        'title = { id = "Cek", en = "Check" }\n'
        '[[items]]\nname = "a"\ntype = "yes_no_na"\n'
        'label = { id = "Ada spanduk?", en = "Banner?" }\n'
    )
    path.write_text(base, encoding="utf-8")
    first = load_instrument(path).content_hash
    path.write_text(base.replace("Ada spanduk?", "Ada baliho?"), encoding="utf-8")
    assert load_instrument(path).content_hash != first


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[form\n", "not valid TOML"),
        ('title = "x"\n', "missing [form] table"),
        ('[form]\nid = "f"\ncolour = "red"\n', "form: unknown key 'colour'"),
        (
            '[form]\nid = "f"\nversion = "1"\nsource_type = "interview"\n'
            '[[items]]\nname = "q"\ntype = "text"\nlable = "x"\n',
            "question 'q': unknown key 'lable'",
        ),
        (
            '[form]\nid = "f"\nversion = "1"\nsource_type = "survey"\n'
            '[[items]]\nname = "q"\ntype = "text"\n',
            "unknown source type 'survey'",
        ),
    ],
)
def test_structure_errors_name_file_and_place(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InstrumentError) as exc:
        load_instrument(path)
    assert str(path) in str(exc.value)
    assert message in str(exc.value)


def test_stance_must_map_existing_choices(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(
        '[form]\nid = "f"\nversion = "1"\nsource_type = "observation"\n'
        '[[items]]\nname = "q"\ntype = "yes_no_na"\ntheme = "t"\n'
        'stance = { yes = "violation", maybe = "unclear", no = "bad" }\n',
        encoding="utf-8",
    )
    with pytest.raises(InstrumentError) as exc:
        load_instrument(path, themes={"other"})
    text = str(exc.value)
    assert "stance given for 'maybe', which is not a choice" in text
    assert "stance 'bad' for 'no' is not one of violation, neutrality, unclear" in text
    assert "theme 't' is not in the codebook" in text


def test_choice_filter_may_name_choice_columns(tmp_path: Path) -> None:
    path = tmp_path / "cascade.toml"
    path.write_text(
        '[form]\nid = "c"\nversion = "1"\nsource_type = "observation"\n'
        "[choices]\n"
        'district = [{ name = "ciamis", label = "Ciamis" }]\n'
        'village = [{ name = "linggasari", label = "Linggasari", district = "ciamis" }]\n'
        '[[items]]\nname = "district"\ntype = "select_one"\nchoices = "district"\n'
        '[[items]]\nname = "village"\ntype = "select_one"\nchoices = "village"\n'
        'choice_filter = "district = ${district}"\n'
        '[[items]]\nname = "bad"\ntype = "select_one"\nchoices = "village"\n'
        'choice_filter = "district = ${nowhere}"\n',
        encoding="utf-8",
    )
    with pytest.raises(InstrumentError) as exc:
        load_instrument(path)
    assert str(exc.value).endswith(
        "question 'bad', choice_filter: reference to undefined ${nowhere}"
    )
