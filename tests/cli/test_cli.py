"""The `neutralitas` command as a script would use it: output, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the driver the app opens study files with

from neutralitas_desktop import __version__
from neutralitas_desktop.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"neutralitas {__version__}"


def test_init_demo_stats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEUTRALITAS_STUDY_PASSPHRASE", "kopi pagi di Ciamis")  # the default
    db = str(tmp_path / "s.sqlite")
    code, out, _ = run(capsys, "--db", db, "init", "--title", "Uji Kecamatan")
    assert code == 0 and "created study 'Uji Kecamatan'" in out and "(encrypted)" in out
    code, out, _ = run(capsys, "--db", db, "demo", "--sessions", "40", "--seed", "3")
    assert code == 0 and out.startswith("added 40 sessions")
    code, out, _ = run(capsys, "--db", db, "stats", "--json")
    stats = json.loads(out)
    assert set(stats) >= {
        "sites", "informants", "sessions", "sessions_by_status", "answers", "attachments",
        "codings",
    }  # fmt: skip
    assert set(stats["sessions"]) == {"interview", "observation", "documentation"}
    assert sum(stats["sessions"].values()) == 40
    assert all(stats["sessions"][k] > 0 for k in stats["sessions"])
    assert sum(stats["sessions_by_status"].values()) == 40
    assert stats["sites"] >= 4 and stats["informants"] > 0 and stats["answers"] > 400
    assert stats["codings"] > 0
    code, out, _ = run(capsys, "--db", db, "check")
    assert (code, out.strip()) == (0, f"{db}: ok")


def test_demo_is_reproducible_by_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = []
    for name in ("a", "b"):
        db = str(tmp_path / f"{name}.sqlite")
        assert run(capsys, "--db", db, "init", "--unencrypted")[0] == 0
        assert run(capsys, "--db", db, "demo", "--sessions", "15", "--seed", "11")[0] == 0
        con = sqlite3.connect(db)
        values.append(
            con.execute("SELECT question, value FROM answer ORDER BY key, value").fetchall()
        )
        con.close()
    assert values[0] == values[1] and len(values[0]) > 100


def test_init_refuses_an_existing_study(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.sqlite")
    assert run(capsys, "--db", db, "init", "--unencrypted")[0] == 0
    code, out, err = run(capsys, "--db", db, "init")
    assert code == 1 and out == ""
    assert err == f"neutralitas: error: {db} already holds a study\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"just some text\n", "not a neutralitas-desktop database"),
        (b"", "not a neutralitas-desktop database"),
    ],
)
def test_foreign_file_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    path = tmp_path / "x.sqlite"
    path.write_bytes(content)
    code, out, err = run(capsys, "--db", str(path), "stats")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and expected in err and "Traceback" not in err
    assert path.read_bytes() == content


def test_check_reports_a_corrupted_attachment(
    demo_study,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    with demo_study.db.engine.begin() as con:
        con.exec_driver_sql(
            "INSERT INTO attachment (sha256, data, size, mime, filename, created_at, device_id)"
            " VALUES ('00ff', x'01020304', 4, 'image/png', 'shot.png', '2024-10-01', 'd')"
        )
    demo_study.db.close()
    code, out, err = run(capsys, "--db", str(demo_study.path), "check")
    assert code == 1
    assert "attachment 00ff does not match its SHA-256 (corrupted)" in out
    assert "1 problem(s)" in err


BAD_FORM = """
[form]
id = "bad-form"
version = "1"
source_type = "interview"
title = { id = "Formulir rusak", en = "Broken form" }

[choices]
empty = []

[[items]]
name = "q1"
type = "integr"

[[items]]
name = "q2"
type = "text"
relevant = "${nowhere} = 'yes'"

[[items]]
name = "q2"
type = "select_one"

[[items]]
name = "q3"
type = "select_one"
choices = "missing_list"

[[items]]
name = "q4"
type = "integer"
constraint = ". > (3 + 4"

[[items]]
name = "q5"
type = "text"
relevant = "${q6} = 'x'"

[[items]]
name = "q6"
type = "text"
"""


def test_forms_validate_reports_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(BAD_FORM, encoding="utf-8")
    code, out, err = run(capsys, "forms", "validate", str(path))
    assert code == 1 and out == ""
    assert str(path) in err
    for message in (
        "question 'q1', type: unknown type 'integr'",
        "question 'q2', relevant: reference to undefined ${nowhere}",
        "question 'q2', name: duplicate name 'q2'",
        "question 'q2', choices: select_one needs a choice list",
        "question 'q3', choices: choice list 'missing_list' is not defined",
        "question 'q4', constraint: expected ')' at position",
        "form, choices: choice list 'empty' has no choices",
    ):
        assert message in err, message


def test_forms_validate_warns_about_forward_relevance(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fwd.toml"
    path.write_text(
        BAD_FORM.split("[choices]")[0]
        + '[[items]]\nname = "a"\ntype = "text"\nrelevant = "${b} = \'x\'"\n'
        + '[[items]]\nname = "b"\ntype = "text"\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "forms", "validate", str(path))
    assert code == 0
    assert "warning: question 'a', relevant: refers to ${b}, which comes later" in out


def test_shipped_forms_validate(capsys: pytest.CaptureFixture[str]) -> None:
    forms = Path(__file__).resolve().parents[2] / "forms"
    code, out, err = run(capsys, "forms", "validate", str(forms))
    assert (code, err) == (0, "")
    assert "5 instruments" in out


def test_forms_list_and_show_json(study, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    study.db.close()
    code, out, _ = run(capsys, "--db", str(study.path), "forms", "list")
    assert code == 0
    assert {line.split()[0] for line in out.splitlines()} == {
        "asn-staff-interview", "leadership-interview", "external-informant-interview",
        "office-observation", "documentation-log",
    }  # fmt: skip
    code, out, _ = run(
        capsys, "--db", str(study.path), "forms", "show", "asn-staff-interview", "--json"
    )
    data = json.loads(out)
    assert data["id"] == "asn-staff-interview" and data["source_type"] == "interview"
    assert data["languages"] == ["id", "en"]
    code, _, err = run(capsys, "--db", str(study.path), "forms", "show", "nope")
    assert code == 1 and err == "neutralitas: error: no instrument 'nope' in this study\n"
