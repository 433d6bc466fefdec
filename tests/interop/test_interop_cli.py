"""`neutralitas forms import-xlsform / export-xlsform` and `sessions import-odk` as a
script uses them: output, exit codes, and errors that name file, sheet and row."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from neutralitas_desktop.cli import main as cli_main
from neutralitas_desktop.instruments.toml_format import load_instrument
from neutralitas_desktop.instruments.xlsform_import import import_xlsform

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "xlsform-corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="XLSForm corpus not present")
MODULE = "neutralitas_desktop.cli.interop_commands"


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> None:
    if MODULE not in cli_main.COMMAND_MODULES:
        monkeypatch.setattr(cli_main, "COMMAND_MODULES", (*cli_main.COMMAND_MODULES, MODULE))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli_main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@needs_corpus
def test_import_xlsform_stores_and_writes_toml(
    study: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out_toml = str(study.path), tmp_path / "geo.toml"
    source = CORPUS / "geo.xlsx"
    code, out, err = run(
        capsys,
        "--db",
        db,
        "forms",
        "import-xlsform",
        str(source),
        "--lenient",
        "--out",
        str(out_toml),
    )
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert (
        f"{source}: converted: sheet survey, row 3, column type: geopoint converted to a "
        "text question" in lines
    )
    assert lines[-2].startswith("imported geo 1 (6 questions) as instrument ")
    assert lines[-1] == f"wrote {out_toml}"
    assert (
        load_instrument(out_toml).to_dict()
        == import_xlsform(source, lenient=True).instrument.to_dict()
    )

    code, out, _ = run(capsys, "--db", db, "forms", "import-xlsform", str(source), "--lenient")
    assert code == 0 and out.splitlines()[-1].startswith("already in the study: geo 1")
    code, out, _ = run(capsys, "--db", db, "forms", "list")
    assert any(line.startswith("geo ") for line in out.splitlines())


@needs_corpus
def test_import_xlsform_refusals(study: Any, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(study.path)
    code, out, err = run(capsys, "--db", db, "forms", "import-xlsform", str(CORPUS / "geo.xlsx"))
    assert (code, out) == (1, "")
    assert err.startswith(f"neutralitas: error: {CORPUS / 'geo.xlsx'}: 3 problem(s):")
    assert "  sheet survey, row 5, column type: type 'geotrace' is not supported" in err

    code, _, err = run(capsys, "--db", db, "forms", "import-xlsform", str(CORPUS / "corrupt.xlsx"))
    assert code == 1
    assert err == (
        f"neutralitas: error: {CORPUS / 'corrupt.xlsx'}: is not an Excel workbook (.xlsx): "
        "the file is damaged or of another kind\n"
    )


def test_import_xlsform_checks_themes_against_the_codebook(
    study: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "themes.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    sheet.append(["type", "name", "label", "theme"])
    sheet.append(["text", "story", "Story", "no_such_theme"])
    workbook.save(path)
    code, _, err = run(capsys, "--db", str(study.path), "forms", "import-xlsform", str(path))
    assert code == 1
    assert "sheet survey, row 2, column theme: theme 'no_such_theme' is not in the codebook" in err


def test_export_xlsform_of_a_shipped_form(
    study: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_xlsx = tmp_path / "asn.xlsx"
    code, out, _ = run(
        capsys,
        "--db",
        str(study.path),
        "forms",
        "export-xlsform",
        "asn-staff-interview",
        str(out_xlsx),
    )
    assert code == 0 and out.startswith(f"wrote {out_xlsx} (asn-staff-interview 2024.1,")
    shipped = load_instrument(
        Path(__file__).resolve().parents[2] / "forms" / "asn-staff-interview.toml"
    )
    assert import_xlsform(out_xlsx).instrument.to_dict() == shipped.to_dict()

    code, _, err = run(
        capsys, "--db", str(study.path), "forms", "export-xlsform", "nope", str(out_xlsx)
    )
    assert (code, err) == (1, "neutralitas: error: no instrument 'nope' in this study\n")


def _central_csv(path: Path, staff: str = "12") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["SubmissionDate", "b-b2_story", "meta-instanceID", "KEY"])
        writer.writerow(["2024-10-03T05:12:45.000Z", staff, "uuid:aaa", "uuid:aaa"])
    return path


def _simple_form(tmp_path: Path) -> Path:
    path = tmp_path / "simple.xlsx"
    workbook = openpyxl.Workbook()
    survey = workbook.active
    survey.title = "survey"
    for row in (
        ["type", "name", "label"],
        ["begin group", "b", "B"],
        ["integer", "b2_story", "Staff"],
        ["end group"],
    ):
        survey.append(row)
    settings = workbook.create_sheet("settings")
    settings.append(["form_id", "version", "source_type"])
    settings.append(["simple", "1", "observation"])
    workbook.save(path)
    return path


def test_sessions_import_odk(
    study: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(study.path)
    assert run(capsys, "--db", db, "forms", "import-xlsform", str(_simple_form(tmp_path)))[0] == 0
    data = _central_csv(tmp_path / "simple.csv")
    code, out, err = run(
        capsys, "--db", db, "sessions", "import-odk", "simple", str(data), "--site", "Cisaga"
    )
    assert (code, err) == (0, "")
    assert (
        out == "imported 1 sessions (1 answers) of simple 1 into site 'Cisaga'; 0 edited, "
        "0 already imported, 0 review states applied\n"
    )
    code, out, _ = run(
        capsys, "--db", db, "sessions", "import-odk", "simple", str(data), "--site", "Cisaga"
    )
    assert (
        out == "imported 0 sessions (0 answers) of simple 1 into site 'Cisaga'; 0 edited, "
        "1 already imported, 0 review states applied\n"
    )

    bad = _central_csv(tmp_path / "bad.csv", staff="many")
    code, out, err = run(
        capsys, "--db", db, "sessions", "import-odk", "simple", str(bad), "--site", "Cisaga"
    )
    assert (code, out) == (1, "")
    assert err == (
        f"neutralitas: error: {bad}: bad.csv, row 2, column b-b2_story: 'many' is not a whole "
        "number; nothing was imported\n"
    )


def test_changed_form_with_the_same_version_is_pointed_out(
    study: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, path = str(study.path), _simple_form(tmp_path)
    assert run(capsys, "--db", db, "forms", "import-xlsform", str(path))[0] == 0
    workbook = openpyxl.load_workbook(path)
    workbook["survey"]["C3"] = "Number of staff"
    workbook.save(path)
    code, out, _ = run(capsys, "--db", db, "forms", "import-xlsform", str(path))
    assert code == 0
    assert (
        f"{path}: warning: the study already has a different 'simple' version '1'; give the "
        "changed form a new version in the settings sheet so that sessions can tell the two "
        "apart"
    ) in out.splitlines()
    assert out.splitlines()[-1].startswith("imported simple 1")


def test_shifted_csv_and_oversized_zip_member_are_refused_in_one_line(
    study: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    db = str(study.path)
    assert run(capsys, "--db", db, "forms", "import-xlsform", str(_simple_form(tmp_path)))[0] == 0
    shifted = tmp_path / "shifted.csv"
    shifted.write_text(
        "SubmissionDate,b-b2_story,meta-instanceID,KEY\r\n"
        '2024-10-03T05:12:45.000Z,"12",uuid:a, b",uuid:a\r\n',
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, "--db", db, "sessions", "import-odk", "simple", str(shifted), "--site", "Cisaga"
    )
    assert (code, out) == (1, "")
    assert err == (
        "neutralitas: error: shifted.csv, row 2: 5 values but 4 columns in the header (read "
        "as UTF-8, delimiter ','); nothing was imported\n"
    )
    bomb = tmp_path / "simple.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(_central_csv(tmp_path / "simple.csv"), "simple.csv")
        archive.writestr("media/big.jpg", b"\0" * (4 * 1024 * 1024))
    code, out, err = run(
        capsys, "--db", db, "sessions", "import-odk", "simple", str(bomb), "--site", "Cisaga"
    )
    assert (code, out) == (1, "")
    assert err.startswith("neutralitas: error: simple.zip: member media/big.jpg is compressed ")
    assert err.count("\n") == 1
