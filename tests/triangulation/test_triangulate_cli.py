"""`neutralitas triangulate`, `codebook` and `findings` as a script would use them."""

from __future__ import annotations

import csv
import datetime as dt
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


def sessions_by_source(db: str, capsys: pytest.CaptureFixture[str]) -> dict[str, list[dict]]:
    code, out, _ = run(capsys, "--db", db, "sessions", "list", "--json")
    assert code == 0
    found: dict[str, list[dict]] = {}
    for s in json.loads(out):
        found.setdefault(s["source_type"], []).append(s)
    return found


def test_the_headless_contract_end_to_end(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    by_source = sessions_by_source(db, capsys)
    lurah = next(s for s in by_source["interview"] if s["informant_role"] == "lurah")
    assert set(lurah) >= {"id", "instrument", "source_type", "site", "informant_code",
                          "informant_role", "status", "started_at"}  # fmt: skip
    assert lurah["instrument"] == "tri-interview" and lurah["informant_code"]
    code, out, _ = run(capsys, "--db", db, "sessions", "show", lurah["id"], "--json")
    shown = json.loads(out)
    [liked] = [a for a in shown["answers"] if a["question"] == "liked"]
    assert liked["value"] == "yes" and liked["id"]

    code, out, _ = run(
        capsys, "--db", db, "incidents", "add", "--site", "Desa Sukamaju", "--theme",
        "socmed_engagement", "--actor-type", "asn_official", "--date", "2024-10-05",
        "--summary", "Lurah menyukai unggahan paslon 01", "--json",
    )  # fmt: skip
    assert code == 0
    incident = json.loads(out)["id"]
    obs = by_source["observation"][0]["id"]
    code, out, _ = run(capsys, "--db", db, "incidents", "link", incident, "--session",
                       lurah["id"], "--question", "liked", "--kind", "self_report")  # fmt: skip
    assert code == 0 and out.strip().endswith("single_line")
    code, out, _ = run(capsys, "--db", db, "incidents", "link", incident[:8], "--session", obs,
                       "--question", "engaged", "--kind", "observed", "--json")  # fmt: skip
    assert json.loads(out)["corroboration"] == "corroborated"
    line = json.loads(out)["id"]

    code, out, _ = run(capsys, "--db", db, "incidents", "show", incident, "--json")
    data = json.loads(out)
    assert data["corroboration"] == "corroborated" and data["site_name"] == "Desa Sukamaju"
    assert {(x["kind"], x["technique"], x["deciding"]) for x in data["lines"]} == {
        ("self_report", "interview", True), ("observed", "observation", True),
    }  # fmt: skip
    code, out, _ = run(capsys, "--db", db, "incidents", "list", "--site", "Desa Sukamaju")
    assert "[corroborated, 2 line(s)]" in out

    code, out, _ = run(capsys, "--db", db, "triangulate")
    lines = out.splitlines()
    assert lines[0].split() == [
        "theme", "interview", "observation", "documentation", "conclusion", "context",
    ]  # fmt: skip
    eng = next(x for x in lines if x.strip().startswith("socmed_engagement "))
    assert eng.count("1C 0S 0X 0U 1L") == 2 and "0C 0S 0X 0U 0L" in eng
    assert "corroborated (interview, observation)" in eng and "3V 1N 0?" in eng
    code, out, _ = run(capsys, "--db", db, "triangulate", "--by", "site", "--format", "json")
    row = next(r for r in json.loads(out)["rows"] if r["theme"] == "socmed_engagement")
    columns = {c["label"]["id"]: c["key"] for c in json.loads(out)["columns"]}
    assert "Desa Sukamaju" in columns  # beside the sites whose answers give context
    assert row["conclusion"]["kind"] == "corroborated"
    assert row["cells"][columns["Desa Sukamaju"]]["incidents"] == [incident]
    assert row["cells"][columns[SITE_B]]["incidents"] == []
    code, out, _ = run(capsys, "--db", db, "triangulate", "--format", "csv")
    eng_csv = {r["theme"]: r for r in csv.DictReader(io.StringIO(out))}["socmed_engagement"]
    assert (eng_csv["observation_corroborated"], eng_csv["conclusion"]) == ("1", "corroborated")
    assert eng_csv["context_violation"] == "3"
    code, out, _ = run(capsys, "--db", db, "triangulate", "--evidence", "socmed_engagement",
                       "--column", "observation")  # fmt: skip
    assert "[corroborated]" in out and out.rstrip().endswith("1 incident(s)")

    code, out, _ = run(capsys, "--db", db, "incidents", "unlink", line, "--reason", "salah sesi")
    assert out.strip().endswith("single_line")
    code, out, _ = run(capsys, "--db", db, "audit", "--json")
    trail = json.loads(out)
    assert [e["action"] for e in trail if e["entity_id"] == incident] == [
        "incident.added", "incident.linked", "incident.linked", "incident.unlinked",
    ]  # fmt: skip
    assert trail[-1]["reason"] == "salah sesi"
    code, out, _ = run(capsys, "--db", db, "audit")  # times in the study's zone, named
    last = dt.datetime.fromisoformat(trail[-1]["at"]) + dt.timedelta(hours=7)
    assert out.splitlines()[-1].startswith(f"{last:%Y-%m-%d %H:%M} WIB  ")
    # the service and the CLI agree
    from neutralitas_desktop.store.database import open_database

    handle = open_database(db)
    service = triangulation_matrix(handle, MatrixQuery())
    handle.close()
    assert service.cell("socmed_engagement", "interview").single_line == 1


def test_context_listing_and_user_errors(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--db", db, "triangulate", "--context", "socmed_engagement",
        "--column", "interview", "--language", "en",
    )  # fmt: skip
    assert code == 0
    assert out.count("[violation]") == 2 and "Question liked: Yes" in out
    assert "Urban-village head (lurah)" in out
    assert out.rstrip().endswith("2 answer(s) (context, not evidence)")
    code, out, err = run(capsys, "--db", db, "triangulate", "--site", "Nowhere")
    assert (code, out) == (1, "")
    assert err.strip() == "neutralitas: error: no site 'Nowhere' in this study"
    code, _, err = run(capsys, "--db", db, "triangulate", "--stance", "violation")
    assert code == 1 and "--context THEME" in err
    code, _, err = run(capsys, "--db", db, "incidents", "add", "--site", "X", "--theme",
                       "nope", "--actor-type", "other", "--date", "2024-10-05",
                       "--summary", "s")  # fmt: skip
    assert code == 1 and err.strip() == "neutralitas: error: no theme 'nope' in the codebook"
    code, _, err = run(capsys, "--db", db, "incidents", "link", "ffffffff", "--session", "x",
                       "--kind", "witness")  # fmt: skip
    assert code == 1 and "no incident with id ffffffff" in err
    code, _, err = run(capsys, "--db", db, "sessions", "show", "nope")
    assert code == 1 and "no session with id nope" in err


def test_member_checks_from_the_command_line(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    lurah = next(
        s for s in sessions_by_source(db, capsys)["interview"] if s["informant_role"] == "lurah"
    )
    code, out, _ = run(
        capsys, "--db", db, "member-check", "add", lurah["informant_code"], "--given",
        "Ringkasan wawancara", "--date", "2024-11-20", "--response", "disputed", "--note",
        "Menurutnya ia hanya melihat",
    )  # fmt: skip
    assert code == 0 and out.strip().endswith(f"{lurah['informant_code']}: disputed")
    code, out, _ = run(capsys, "--db", db, "member-check", "list", "--json")
    [check] = json.loads(out)
    assert (check["response"], check["given_on"]) == ("disputed", "2024-11-20")
    code, _, err = run(capsys, "--db", db, "member-check", "add", "INF-404", "--given", "x",
                       "--date", "2024-11-20")  # fmt: skip
    assert code == 1 and "no informant 'INF-404'" in err


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
    code, _, err = run(capsys, "--db", db, "findings", "status", finding_id[:8], "verified")
    assert code == 1 and "needs a written reason" in err
    code, _, err = run(capsys, "--db", db, "findings", "status", finding_id[:8], "verified",
                       "--reason", "jelas")  # fmt: skip
    assert code == 1 and "none of its incidents is corroborated" in err
    why = "Belum ada peristiwa tercatat, tetapi tiga dokumen resmi kantor menunjukkan hal ini"
    code, out, _ = run(capsys, "--db", db, "findings", "status", finding_id[:8], "verified",
                       "--reason", why)  # fmt: skip
    assert out.strip() == f"finding {finding_id}: verified"
    code, out, _ = run(capsys, "--db", db, "findings", "list", "--json")
    [item] = json.loads(out)
    assert (item["status"], item["site_name"], item["theme_code"]) == (
        "verified", SITE_B, "socmed_engagement",
    )  # fmt: skip
