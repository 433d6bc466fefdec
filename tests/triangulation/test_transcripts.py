"""Verbatim transcripts: imported from .txt / .docx / .odt with their paragraphs, speakers
and time stamps; coded by hand like answers; kept out of the answer sheets; shown by the
CLI."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import load_workbook
from tri_fieldwork import Fieldwork

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.answers import answer_history
from neutralitas_desktop.fieldwork.runner import complete_session
from neutralitas_desktop.fieldwork.transcript_text import segments, stamp, stamp_seconds
from neutralitas_desktop.fieldwork.transcripts import (
    get_transcript,
    import_transcript,
    save_transcript,
)
from neutralitas_desktop.reports.excel import export_excel
from neutralitas_desktop.triangulation.coding import add_coding, codable_texts, list_codings

LINES = [
    "[00:00:05] P: Apakah Bapak pernah menyukai unggahan calon bupati?",
    "I: [00:00:12] Pernah, sekali, waktu kampanye di balai desa.",
    "Peneliti: Di akun pribadi?",
    "01:02 Informan: Ya, akun pribadi. Kata atasan itu wajar.",
    "Catatan pewawancara: informan tampak ragu.",
]


def write_docx(path: Path, lines: list[str]) -> Path:
    document = docx.Document()
    document.add_heading("Transkrip wawancara INF-01", level=1)
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def write_odt(path: Path, lines: list[str]) -> Path:
    ns = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    body = "".join(
        f"<text:p>{line.replace('  ', ' <text:s/>')}</text:p>".replace("&", "&amp;")
        for line in lines
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        f'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" {ns}>'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return path


def test_segments_recognise_speakers_and_time_stamps() -> None:
    found = segments("\n".join(LINES))
    assert [(s.speaker, s.label, s.seconds) for s in found] == [
        ("researcher", "P", 5.0),
        ("informant", "I", 12.0),
        ("researcher", "Peneliti", None),
        ("informant", "Informan", 62.0),
        (None, "", None),
    ]
    assert found[1].text == "Pernah, sekali, waktu kampanye di balai desa."
    assert found[4].text == "Catatan pewawancara: informan tampak ragu."  # not a speaker
    assert stamp(3725) == "[01:02:05]" and stamp_seconds("[01:02:05]") == 3725
    assert stamp_seconds("[02:05]") == 125 and stamp_seconds("hello") is None


@pytest.mark.parametrize("kind", ["txt", "docx", "odt"])
def test_import_keeps_paragraphs_from_each_format(
    fieldwork: Fieldwork, tmp_path: Path, kind: str
) -> None:
    sid = fieldwork.run("interview", {"story": "cerita"})
    path = tmp_path / f"wawancara.{kind}"
    if kind == "txt":
        path.write_text("\r\n".join(LINES) + "\r\n\r\n\r\n", encoding="utf-8")
    elif kind == "docx":
        write_docx(path, LINES)
    else:
        write_odt(path, LINES)
    result = import_transcript(fieldwork.db, fieldwork.actor, sid, path)
    texts = [s.text for s in result.segments]
    if kind == "docx":
        assert texts[0] == "Transkrip wawancara INF-01"
        texts = texts[1:]
    assert texts[0] == "Apakah Bapak pernah menyukai unggahan calon bupati?"
    assert texts[3] == "Ya, akun pribadi. Kata atasan itu wajar."
    assert len(texts) == 5
    assert get_transcript(fieldwork.db, sid).text == result.text


def test_transcript_is_coded_by_hand_and_survives_completion(
    fieldwork: Fieldwork, tmp_path: Path
) -> None:
    sid = fieldwork.run("interview", {"story": "cerita"}, status="draft")
    result = import_transcript(
        fieldwork.db, fieldwork.actor, sid, write_docx(tmp_path / "t.docx", LINES)
    )
    [text] = [t for t in codable_texts(fieldwork.db, sid) if t.key == "~transcript"]
    assert text.question_label["id"] == "Transkrip wawancara"
    passage = "Kata atasan itu wajar."
    start = text.text.index(passage)
    coding = add_coding(
        fieldwork.db, fieldwork.actor, result.answer_id, "socmed_engagement", "violation",
        start, start + len(passage),
    )  # fmt: skip
    assert coding.excerpt == passage
    complete_session(fieldwork.db, fieldwork.actor, sid)
    assert [c.excerpt for c in list_codings(fieldwork.db, session_id=sid)] == [passage]
    assert get_transcript(fieldwork.db, sid).segments  # still there, still relevant
    out = tmp_path / "study.xlsx"
    export_excel(fieldwork.db, out)
    long = load_workbook(out, read_only=True)["Answers (long)"]
    keys = {row[8] for row in long.iter_rows(min_row=2, values_only=True)}
    assert "~transcript" not in keys and "story" in keys


def test_typed_transcript_keeps_revisions(fieldwork: Fieldwork) -> None:
    sid = fieldwork.run("interview", {"story": "cerita"})
    save_transcript(fieldwork.db, fieldwork.actor, sid, "P: satu")
    result = save_transcript(fieldwork.db, fieldwork.actor, sid, "P: satu\nI: dua")
    assert [s.speaker for s in result.segments] == ["researcher", "informant"]
    assert len(answer_history(fieldwork.db, sid, "~transcript")) == 2


def test_bad_files_are_refused_with_their_name(fieldwork: Fieldwork, tmp_path: Path) -> None:
    sid = fieldwork.run("interview", {"story": "cerita"})
    broken = tmp_path / "rusak.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(NeutralitasError, match=r"rusak\.docx: not a readable \.docx"):
        import_transcript(fieldwork.db, fieldwork.actor, sid, broken)
    with pytest.raises(NeutralitasError, match=r"\.pdf"):
        import_transcript(fieldwork.db, fieldwork.actor, sid, tmp_path / "x.pdf")
    empty = tmp_path / "kosong.txt"
    empty.write_text("\n\n")
    with pytest.raises(NeutralitasError, match="holds no text"):
        import_transcript(fieldwork.db, fieldwork.actor, sid, empty)
    assert get_transcript(fieldwork.db, sid).text == ""


def test_cli_import_and_show(fieldwork: Fieldwork, tmp_path: Path, capsys: Any) -> None:
    sid = fieldwork.run("interview", {"story": "cerita"})
    db = str(fieldwork.study.path)
    fieldwork.db.close()
    path = write_docx(tmp_path / "w.docx", LINES)
    assert main(["--db", db, "transcript", "import", sid, str(path)]) == 0
    assert "6 segments (4 with a speaker, 3 with a time stamp)" in capsys.readouterr().out
    assert main(["--db", db, "transcript", "show", sid, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["segments"][2] == {
        "speaker": "informant",
        "label": "I",
        "seconds": 12.0,
        "text": "Pernah, sekali, waktu kampanye di balai desa.",
        "start": data["segments"][2]["start"],
        "end": data["segments"][2]["end"],
    }
    assert data["segments"][3]["seconds"] is None
    assert main(["--db", db, "transcript", "show", sid]) == 0
    assert "[00:01:02] Informan   Ya, akun pribadi." in capsys.readouterr().out
    assert main(["--db", db, "transcript", "import", "nope", str(path)]) == 1
    assert "no session with id nope" in capsys.readouterr().err
