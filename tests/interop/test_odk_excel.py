"""Imported submissions in the Excel workbook: the submission's instanceID, attachments by
file name, and texts longer than a cell holds continued on the "Long texts" sheet."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from neutralitas_desktop.fieldwork.instruments import store_instrument
from neutralitas_desktop.instruments.model import Instrument
from neutralitas_desktop.interop.odk_submissions import import_odk_submissions
from neutralitas_desktop.reports.excel import export_excel

FORM = Instrument.from_dict(
    {
        "id": "dokumen", "version": "1", "title": {"id": "Dokumen"},
        "source_type": "documentation", "languages": ["id"], "default_language": "id",
        "children": [
            {"kind": "question", "name": "isi", "type": "long_text", "label": {"id": "Isi"}},
            {"kind": "question", "name": "foto", "type": "image", "label": {"id": "Foto"}},
        ],
    }
)  # fmt: skip
LONG = ("Paragraf panjang, dengan koma; " * 1400)[:40_000]


def _export(tmp_path: Path) -> Path:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["isi", "foto", "meta-instanceID", "KEY", "SubmissionDate"])
    writer.writerow([LONG, "surat-camat.jpg", "uuid:x1", "uuid:x1", "2024-10-05T03:00:00Z"])
    path = tmp_path / "dokumen.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("dokumen.csv", out.getvalue())
        archive.writestr("media/surat-camat.jpg", b"\xff\xd8 scan")
    return path


def test_instance_id_file_names_and_long_texts(study: Any, tmp_path: Path) -> None:
    with study.db.session() as session:
        store_instrument(session, FORM, study.actor.device_id)
    import_odk_submissions(study.db, study.actor, "dokumen", _export(tmp_path), site="Cisaga")
    result = export_excel(study.db, tmp_path / "out.xlsx")
    assert "Long texts" in result.sheets
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")

    sessions = list(wb["Sessions"].iter_rows(values_only=True))
    column = sessions[0].index("instance_id")
    assert [row[column] for row in sessions[1:]] == ["uuid:x1"]

    wide = list(wb["dokumen"].iter_rows(values_only=True))
    headers = wide[0]
    row = wide[2]
    assert row[headers.index("foto")] == "surat-camat.jpg"
    cell = row[headers.index("isi")]
    assert len(cell) <= 32_767
    note = re.search(r" \[…continued on sheet 'Long texts', rows (\d+)–(\d+)\]$", cell)
    assert note is not None
    assert LONG.startswith(cell[: note.start()])

    parts = list(wb["Long texts"].iter_rows(values_only=True))
    assert parts[0] == ("sheet", "cell", "part", "parts", "characters", "text")
    first, last = int(note.group(1)), int(note.group(2))
    assert "".join(p[5] for p in parts[first - 1 : last]) == LONG
    assert {p[:2] for p in parts[first - 1 : last]} == {
        ("dokumen", f"{get_column_letter(headers.index('isi') + 1)}3")
    }
    assert {p[4] for p in parts[1:]} == {40_000}
    about = dict(wb["About"].iter_rows(values_only=True))
    assert about["texts over 32,767 characters (sheet Long texts)"] == 2  # wide and long sheet
    long_rows = list(wb["Answers (long)"].iter_rows(values_only=True))
    value = long_rows[0].index("value")
    assert "surat-camat.jpg" in [r[value] for r in long_rows[1:]]
