"""`neutralitas analysis` as a script would use it: legal materials and an incident's
element tests, with one-line refusals."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from tri_fieldwork import P3, Fieldwork

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.store.database import open_database
from neutralitas_desktop.store.legal_models import ElementTestRow, LegalMaterialRow
from neutralitas_desktop.triangulation.incidents import add_incident, link


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def study_with_incident(fieldwork: Fieldwork) -> tuple[str, str, str]:
    """(study path, village head's incident id, its line id)."""
    fw = fieldwork
    inc = add_incident(
        fw.db, fw.actor, site="Desa Sukamaju", theme="village_mobilisation",
        actor_type="village_head", date_start=P3.date(),
        summary="Kepala desa menyatakan dukungan kepada paslon 01",
    )  # fmt: skip
    sid = fw.run("interview", {"story": "Pak kades mendukung paslon 01."},
                 role="community_figure", when=P3)  # fmt: skip
    line = link(fw.db, fw.actor, inc.id, "witness", session_id=sid, question="story")
    path = str(fw.study.path)
    fw.db.close()
    return path, inc.id, line.id


def test_materials_and_element_tests_from_the_command_line(
    study_with_incident: tuple[str, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, inc, line = study_with_incident
    code, out, _ = run(capsys, "--db", db, "analysis", "add-material", "--kind", "primary",
                       "--citation", "UU No. 6 Tahun 2014 tentang Desa",
                       "--note", "Pasal 29")  # fmt: skip
    assert code == 0
    material = out.strip()
    code, out, _ = run(capsys, "--db", db, "analysis", "materials")
    assert "primary" in out and "UU No. 6 Tahun 2014 tentang Desa — Pasal 29" in out

    code, out, _ = run(capsys, "--db", db, "analysis", "add-test", inc[:8], "--article",
                       "Pasal 29", "--element", "subject", "--verdict", "met", "--reasoning",
                       "Pelaku kepala desa.", "--evidence", line[:8])  # fmt: skip
    assert code == 0
    test_id = out.strip()
    code, out, _ = run(capsys, "--db", db, "analysis", "show", inc, "--json")
    shown = json.loads(out)
    assert any("Pasal 71 ayat (1)" in c for c in shown["applicable"])
    [test] = shown["tests"]
    assert (test["id"], test["element"], test["verdict"], test["evidence"]) == (
        test_id, "subject", "met", [line],
    )  # fmt: skip
    assert test["provision"] == "UU No. 6 Tahun 2014 tentang Desa, Pasal 29 huruf g dan j"
    code, out, _ = run(capsys, "--db", db, "analysis", "edit-test", test_id[:8], "--verdict",
                       "unclear")  # fmt: skip
    assert code == 0 and "subject unclear" in out
    code, out, _ = run(capsys, "--db", db, "analysis", "tests")
    assert "Pasal 29 huruf g dan j" in out and "unclear" in out and "Pelaku kepala desa." in out

    code, out, _ = run(capsys, "--db", db, "analysis", "remove-material", material[:8],
                       "--reason", "diganti")  # fmt: skip
    assert code == 0
    study = open_database(db)
    try:
        with study.session() as s:
            row = s.scalars(select(ElementTestRow)).one()
            assert (row.verdict, row.reasoning, row.evidence) == (
                "unclear", "Pelaku kepala desa.", [line],
            )  # fmt: skip
            assert s.scalars(select(LegalMaterialRow)).one().deleted is True
    finally:
        study.close()


def test_an_article_that_does_not_apply_is_refused_in_one_line(
    study_with_incident: tuple[str, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, inc, _ = study_with_incident
    code, out, err = run(capsys, "--db", db, "analysis", "add-test", inc, "--article",
                         "Pasal 490", "--element", "act", "--verdict", "met",
                         "--reasoning", "x")  # fmt: skip
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert f"incident {inc[:8]}: Pasal 490 does not apply to a village_head" in err
    code, out, err = run(capsys, "--db", db, "analysis", "add-test", inc, "--article",
                         "Pasal 29", "--element", "act", "--verdict", "met",
                         "--reasoning", "x", "--evidence", "deadbeef")  # fmt: skip
    assert code == 1 and "deadbeef is not one of its lines of evidence" in err
    code, out, _ = run(capsys, "--db", db, "analysis", "tests", "--json")
    assert json.loads(out) == []
