"""`neutralitas triangulate`, `codebook` and `findings` as a script would use them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from tri_fieldwork import SITE_B, Fieldwork

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.triangulation.matrix import triangulation_matrix
from neutralitas_desktop.triangulation.types import MatrixQuery


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(fieldwork: Fieldwork) -> str:
    fw = fieldwork
    fw.run("interview", {"liked": "yes"}, role="lurah")
    fw.run("interview", {"liked": "yes"}, status="approved")
    fw.run("observation", {"engaged": "yes", "account_liked": "no"}, site=SITE_B)
    fw.run("documentation", {"shows_engagement": "no"}, status="approved")
    path = str(fw.study.path)
    fw.db.close()
    return path


def test_table_json_and_csv_agree_with_the_service(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", db, "triangulate")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["theme", "interview", "observation", "documentation", "verdict"]
    eng = next(line for line in lines if line.strip().startswith("socmed_engagement "))
    assert "2V 0N 0?" in eng and "1V 0N 0?" in eng and "0V 1N 0?" in eng
    assert eng.rstrip().endswith("diverging (interview, observation, documentation)")

    code, out, _ = run(capsys, "--db", db, "triangulate", "--format", "json", "--by", "source")
    data = json.loads(out)
    assert [c["key"] for c in data["columns"]] == [
        "asn_staff", "lurah", "observation", "documentation",
    ]  # fmt: skip
    row = next(r for r in data["rows"] if r["theme"] == "socmed_engagement")
    assert row["cells"]["lurah"] == {"violation": 1, "neutrality": 0, "unclear": 0}
    assert row["verdict"]["kind"] == "diverging"

    code, out, _ = run(capsys, "--db", db, "triangulate", "--format", "csv", "--status", "approved")
    rows = {r["theme"]: r for r in csv.DictReader(io.StringIO(out))}
    eng_csv = rows["socmed_engagement"]
    assert (eng_csv["interview_violation"], eng_csv["documentation_neutrality"]) == ("1", "1")
    assert eng_csv["verdict"] == "diverging"
    from neutralitas_desktop.store.database import open_database

    handle = open_database(db)
    service = triangulation_matrix(handle, MatrixQuery(status="approved"))
    handle.close()
    assert (
        int(eng_csv["interview_violation"])
        == service.cell("socmed_engagement", "interview").violation
    )


def test_evidence_listing_and_user_errors(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--db", db, "triangulate", "--evidence", "socmed_engagement",
        "--column", "interview", "--language", "en",
    )  # fmt: skip
    assert code == 0
    assert out.count("[violation]") == 2 and "Question liked: Yes" in out
    assert "Urban-village head (lurah)" in out and out.rstrip().endswith("2 piece(s) of evidence")
    code, out, err = run(capsys, "--db", db, "triangulate", "--site", "Nowhere")
    assert (code, out) == (1, "")
    assert err.strip() == "neutralitas: error: no site 'Nowhere' in this study"
    code, _, err = run(capsys, "--db", db, "triangulate", "--stance", "violation")
    assert code == 1 and "--evidence THEME" in err


def test_codebook_and_findings_commands(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    qdc = tmp_path / "codebook.qdc"
    code, out, _ = run(capsys, "--db", db, "codebook", "export", str(qdc))
    assert code == 0 and out.startswith("wrote ") and qdc.exists()
    code, out, _ = run(capsys, "--db", db, "codebook", "import", str(qdc))
    assert code == 0 and ": 0 added, 0 updated, " in out
    code, out, _ = run(
        capsys, "--db", db, "codebook", "add", "live_streams", "Siaran langsung",
        "--parent", "socmed_conduct", "--label-en", "Live streams",
    )  # fmt: skip
    assert code == 0
    code, out, _ = run(capsys, "--db", db, "codebook", "list", "--language", "en")
    assert "\n  live_streams " in out and "Live streams" in out
    code, out, _ = run(capsys, "--db", db, "codebook", "merge", "live_streams", "socmed_promotion")
    assert out.startswith("merged live_streams into socmed_promotion: 0 codings")
    code, _, err = run(capsys, "--db", db, "codebook", "export", str(tmp_path / "x.txt"))
    assert code == 1 and "use a .csv or a .qdc" in err

    code, out, _ = run(
        capsys, "--db", db, "findings", "add", "socmed_engagement",
        "ASN menyukai unggahan calon.", "--site", SITE_B,
    )  # fmt: skip
    finding_id = out.split()[2]
    code, out, _ = run(capsys, "--db", db, "findings", "status", finding_id[:8], "verified")
    assert out.strip() == f"finding {finding_id}: verified"
    code, out, _ = run(capsys, "--db", db, "findings", "list", "--json")
    [item] = json.loads(out)
    assert (item["status"], item["site_name"], item["theme_code"]) == (
        "verified", SITE_B, "socmed_engagement",
    )  # fmt: skip
