"""`neutralitas export excel|pdf` as a script would use it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.store.models import FieldSession, Site


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_excel_and_pdfs(demo_study, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = str(demo_study.path)
    with demo_study.db.session() as s:
        site = s.scalars(select(Site.name).order_by(Site.name)).first()
        session_id = s.scalars(
            select(FieldSession.id).where(FieldSession.source_type == "observation")
        ).first()
    out = tmp_path / "data.xlsx"
    code, text, _ = run(
        capsys,
        "--db",
        db,
        "export",
        "excel",
        str(out),
        "--site",
        site,
        "--status",
        "approved",
        "completed",
        "--anonymize",
        "--lang",
        "en",
    )
    assert code == 0 and text.startswith(f"wrote {out}:") and "sessions" in text
    about = dict(list(openpyxl.load_workbook(out, read_only=True)["About"].values)[1:])
    assert about["filter: sites"] == site and about["anonymised"] == "yes"
    assert about["label language"] == "en"

    for report, extra in (
        ("summary", []),
        ("session", [session_id]),
        ("blank", ["documentation-log"]),
    ):
        pdf = tmp_path / f"{report}.pdf"
        code, text, _ = run(
            capsys,
            "--db",
            db,
            "export",
            "pdf",
            str(pdf),
            "--report",
            report,
            *extra,
            "--lang",
            "en",
        )
        assert code == 0 and text.strip() == f"wrote {pdf}"
        assert len(PdfReader(pdf).pages) >= 1


def test_export_errors_are_one_line(demo_study, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = str(demo_study.path)
    cases = [
        (
            ["export", "pdf", str(tmp_path / "a.pdf"), "--report", "session"],
            "usage: --report session SESSION_ID",
        ),
        (["export", "pdf", str(tmp_path / "a.pdf"), "--report", "poster"], "unknown report"),
        (
            ["export", "pdf", str(tmp_path / "a.pdf"), "--report", "blank", "nope"],
            "no instrument 'nope'",
        ),
        (["export", "excel", str(tmp_path / "x.xlsx"), "--site", "Atlantis"], "no site 'Atlantis'"),
        (["export", "excel", str(tmp_path / "none" / "x.xlsx")], "does not exist"),
        (
            ["export", "excel", str(tmp_path / "x.xlsx"), "--anonymize", "--include-names"],
            "cannot include real names",
        ),
    ]
    for argv, message in cases:
        code, _, err = run(capsys, "--db", db, *argv)
        assert code == 1, argv
        assert err.startswith("neutralitas: error:") and message in err and err.count("\n") == 1
    assert not list(tmp_path.glob("*.xlsx")) and not list(tmp_path.glob("*.pdf"))
