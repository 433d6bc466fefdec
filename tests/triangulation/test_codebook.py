"""The codebook service and its files: tree operations, merging moves codings, CSV and
REFI-QDA (.qdc) round trips, and imports that say what is wrong and where."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sqlalchemy import select
from tri_fieldwork import Fieldwork

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.store.models import AuditEvent, Coding, Theme
from neutralitas_desktop.triangulation.codebook import (
    add_theme,
    get_theme,
    list_themes,
    merge_themes,
    move_theme,
    rename_theme,
    retire_theme,
    update_theme,
)
from neutralitas_desktop.triangulation.codebook_files import (
    QDC_NS,
    export_csv,
    export_qdc,
    import_csv,
    import_qdc,
)
from neutralitas_desktop.triangulation.coding import add_coding, list_codings
from neutralitas_desktop.triangulation.findings import add_finding, list_findings
from neutralitas_desktop.triangulation.matrix import triangulation_matrix
from neutralitas_desktop.triangulation.types import Matrix, StanceCount

ENG = "socmed_engagement"


def test_the_shipped_codebook_is_a_tree(study) -> None:  # type: ignore[no-untyped-def]
    themes = list_themes(study.db)
    codes = [t.code for t in themes]
    assert codes[:2] == ["campaign_support", "campaign_attendance"]
    eng = next(t for t in themes if t.code == ENG)
    assert (eng.parent_code, eng.depth, eng.retired) == ("socmed_conduct", 1, False)
    assert eng.label["en"] and eng.label["id"] and eng.legal_basis
    # every child comes after its parent
    for t in themes:
        if t.parent_code:
            assert codes.index(t.parent_code) < codes.index(t.code)


def test_add_rename_move_update_retire(study) -> None:  # type: ignore[no-untyped-def]
    db, actor = study.db, study.actor
    add_theme(
        db, actor, "whatsapp_groups", {"id": "Grup WhatsApp", "en": "WhatsApp groups"},
        parent="socmed_conduct", legal_basis=["SKB No. 2 Tahun 2022, Lampiran II"],
    )  # fmt: skip
    theme = get_theme(db, "whatsapp_groups")
    assert (theme.parent_code, theme.depth, theme.label["en"]) == (
        "socmed_conduct",
        1,
        "WhatsApp groups",
    )
    rename_theme(db, actor, "whatsapp_groups", {"en": "WhatsApp campaign groups"})
    assert get_theme(db, "whatsapp_groups").label == {
        "id": "Grup WhatsApp", "en": "WhatsApp campaign groups",
    }  # fmt: skip
    update_theme(db, actor, "whatsapp_groups", inclusion={"en": "Joining a candidate's group."})
    move_theme(db, actor, "whatsapp_groups", ENG)
    assert get_theme(db, "whatsapp_groups").depth == 2
    retire_theme(db, actor, "whatsapp_groups")
    assert get_theme(db, "whatsapp_groups").retired
    retire_theme(db, actor, "whatsapp_groups", retired=False)
    assert not get_theme(db, "whatsapp_groups").retired
    with pytest.raises(NeutralitasError, match="already in the codebook"):
        add_theme(db, actor, "whatsapp_groups", {"id": "x"})
    with pytest.raises(NeutralitasError, match="not valid"):
        add_theme(db, actor, "Bad Code!", {"id": "x"})
    with pytest.raises(NeutralitasError, match="needs a label"):
        add_theme(db, actor, "unlabelled", {"id": "  "})
    with pytest.raises(NeutralitasError, match="lies under"):
        move_theme(db, actor, "socmed_conduct", "whatsapp_groups")
    with pytest.raises(NotFoundError, match="no theme 'nope'"):
        rename_theme(db, actor, "nope", {"id": "x"})
    with db.session() as s:
        actions = set(s.scalars(select(AuditEvent.action).where(AuditEvent.entity == "theme")))
    assert {"theme.added", "theme.renamed", "theme.moved", "theme.retired"} <= actions


def context(m: Matrix, code: str) -> StanceCount:
    """What the answers say about a theme in the interview column (context)."""
    return m.row(code).context_cells[m.column_index("interview")]


def test_merge_moves_codings_findings_children_and_evidence(fieldwork: Fieldwork) -> None:
    fw = fieldwork
    db, actor = fw.db, fw.actor
    sid = fw.run("interview", {"liked": "yes", "story": "Ikut grup kampanye di WhatsApp."})
    story = fw.answer(sid, "story")
    coding = add_coding(db, actor, story, "socmed_promotion", "violation")
    add_finding(db, actor, "socmed_promotion", "ASN mempromosikan calon di grup WhatsApp.")
    add_theme(db, actor, "twibbon_detail", {"id": "Detail twibbon"}, parent="socmed_promotion")
    assert context(triangulation_matrix(db), "socmed_promotion").violation == 1

    change = merge_themes(db, actor, "socmed_promotion", ENG)
    assert (change.codings_moved, change.findings_moved) == (1, 1)
    [moved] = list_codings(db, answer_id=story)
    assert (moved.id, moved.theme_code) == (coding.id, ENG)
    assert [f.theme_code for f in list_findings(db)] == [ENG]
    assert get_theme(db, "twibbon_detail").parent_code == ENG
    gone = get_theme(db, "socmed_promotion")
    assert (gone.retired, gone.merged_into) == (True, ENG)
    assert "socmed_promotion" not in [t.code for t in list_themes(db)]
    m = triangulation_matrix(db)
    assert "socmed_promotion" not in [r.code for r in m.rows]
    assert context(m, ENG).violation == 2  # liked + the moved coding's answer

    # a coding of the old theme arriving later from another laptop lands in the new row
    with db.session() as s:
        old_id = s.scalar(select(Theme.id).where(Theme.code == "socmed_promotion"))
    later = fw.answer(fw.run("interview", {"story": "Lagi."}), "story")
    with db.session() as s:
        s.add(Coding(answer_id=later, theme_id=old_id, stance="violation", device_id="other"))
    assert context(triangulation_matrix(db), ENG).violation == 3
    with pytest.raises(NeutralitasError, match="merged into 'socmed_engagement'"):
        add_coding(db, actor, story, "socmed_promotion", "violation")
    with pytest.raises(NeutralitasError, match="already merged"):
        merge_themes(db, actor, "socmed_promotion", ENG)
    with pytest.raises(NeutralitasError, match="into itself"):
        merge_themes(db, actor, ENG, ENG)


def test_merging_a_parent_into_its_child(study) -> None:  # type: ignore[no-untyped-def]
    merge_themes(study.db, study.actor, "socmed_conduct", ENG)
    eng = get_theme(study.db, ENG)
    assert (eng.parent_code, eng.depth) == ("", 0)
    assert get_theme(study.db, "official_account_use").parent_code == ENG


def test_csv_round_trip_and_edits(study, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, actor = study.db, study.actor
    path = tmp_path / "codebook.csv"
    written = export_csv(db, path)
    assert written == len(list_themes(db))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("code,parent,label_id,label_en,description_id")
    again = import_csv(db, actor, path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, written)

    # edit one label, add a theme under another, in a semicolon-separated file
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    for row in rows:
        if row[0] == ENG:
            row[header.index("label_en")] = "Engaging with campaign posts"
    new = [""] * len(header)
    new[0], new[1] = "live_streams", ENG
    new[header.index("label_id")] = "Siaran langsung"
    new[header.index("legal_basis")] = "SKB No. 2 Tahun 2022\nPP No. 42 Tahun 2004"
    rows.append(new)
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    result = import_csv(db, actor, path)
    assert (result.added, result.updated) == (1, 1)
    assert get_theme(db, ENG).label["en"] == "Engaging with campaign posts"
    live = get_theme(db, "live_streams")
    assert (live.parent_code, live.label, tuple(p.citation for p in live.legal_basis)) == (
        ENG, {"id": "Siaran langsung"}, ("SKB No. 2 Tahun 2022", "PP No. 42 Tahun 2004"),
    )  # fmt: skip


def test_csv_problems_name_the_row_and_change_nothing(study, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.csv"
    path.write_text(
        "code,parent,label_id\nok_theme,,Baik\nBad Code,,X\norphan,no_such,Y\nnolabel,,\n",
        encoding="utf-8",
    )
    with pytest.raises(NeutralitasError) as exc:
        import_csv(study.db, study.actor, path)
    message = str(exc.value)
    assert "row 3: theme code 'Bad Code' is not valid" in message
    assert "row 4: parent 'no_such' is not a theme" in message
    assert "row 5: theme 'nolabel' needs a label" in message
    assert "ok_theme" not in [t.code for t in list_themes(study.db)]
    path.write_text("kode,label\nx,y\n", encoding="utf-8")
    with pytest.raises(NeutralitasError, match="row 1: no 'code' column"):
        import_csv(study.db, study.actor, path)
    path.write_bytes("code,label_id\nx,Sosialisasi \xe9\n".encode("cp1252"))
    with pytest.raises(NeutralitasError, match="not UTF-8"):
        import_csv(study.db, study.actor, path)


def test_qdc_export_is_a_refi_qda_codebook(study, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "codebook.qdc"
    retire_theme(study.db, study.actor, "sanctions_applied")
    n = export_qdc(study.db, path, language="en")
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{QDC_NS}}}CodeBook" and root.get("origin", "").startswith("neutralitas")
    top = root.findall(f"{{{QDC_NS}}}Codes/{{{QDC_NS}}}Code")
    assert [c.get("name") for c in top][:2] == ["Campaign support", "Social-media conduct"]
    assert len(root.findall(f".//{{{QDC_NS}}}Code")) == n
    eng = next(
        c
        for c in root.iter(f"{{{QDC_NS}}}Code")
        if c.get("guid", "").lower() == get_theme(study.db, ENG).id
    )
    assert eng.get("isCodable") == "true"
    assert eng.get("guid") == get_theme(study.db, ENG).id.upper()
    description = eng.find(f"{{{QDC_NS}}}Description").text or ""
    assert "Legal basis:\n- " in description and "Code:" not in description
    retired = next(
        c
        for c in root.iter(f"{{{QDC_NS}}}Code")
        if c.get("guid", "").lower() == get_theme(study.db, "sanctions_applied").id
    )
    assert retired.get("isCodable") == "false"


def test_qdc_round_trip(study, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, actor = study.db, study.actor
    path = tmp_path / "codebook.qdc"
    before = list_themes(db)
    export_qdc(db, path)
    result = import_qdc(db, actor, path)
    assert (result.added, result.updated, result.unchanged) == (0, 0, len(before))
    assert list_themes(db) == before
    # rename a code in the file as another tool would, then import it again
    text = path.read_text(encoding="utf-8")
    label = get_theme(db, ENG).label["id"]
    path.write_text(
        text.replace(f'name="{label}"', 'name="Interaksi dengan konten kampanye"'), encoding="utf-8"
    )
    result = import_qdc(db, actor, path)
    assert (result.added, result.updated) == (0, 1)
    after = get_theme(db, ENG)
    assert after.label["id"] == "Interaksi dengan konten kampanye"
    assert after.label["en"] == before[[t.code for t in before].index(ENG)].label["en"]
    assert after.legal_basis == before[[t.code for t in before].index(ENG)].legal_basis


def test_qdc_keeps_well_formed_with_control_characters_in_a_label(study, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A NUL byte or an escape in a label cannot be written in XML: each becomes U+FFFD."""
    path = tmp_path / "codebook.qdc"
    with study.db.session() as s:
        theme = s.scalars(select(Theme).where(Theme.code == ENG)).one()
        theme.label = {**theme.label, "en": "Likes\x00 and\x1b[31m shares"}
        theme.description = {**(theme.description or {}), "en": "bell\x07 here"}
    export_qdc(study.db, path, language="en")
    root = ET.parse(path).getroot()  # well-formed: parsers refuse a raw NUL
    eng = next(
        c
        for c in root.iter(f"{{{QDC_NS}}}Code")
        if c.get("guid", "").lower() == get_theme(study.db, ENG).id
    )
    assert eng.get("name") == "Likes\ufffd and\ufffd[31m shares"
    assert (eng.find(f"{{{QDC_NS}}}Description").text or "").startswith("bell\ufffd here")


def test_qdc_from_another_tool_adds_a_tree(study, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "atlas.qdc"
    path.write_text(
        f"""<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="{QDC_NS}" origin="ATLAS.ti Win 23.4.0">
  <Codes>
    <Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="Bantuan sosial" isCodable="false">
      <Description>Penyaluran bansos menjelang pemungutan suara.</Description>
      <Code guid="ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0" name="Bansos berlogo calon"
            isCodable="true"/>
    </Code>
  </Codes>
  <Sets/>
</CodeBook>""",
        encoding="utf-8",
    )
    result = import_qdc(study.db, study.actor, path)
    assert (result.added, result.updated) == (2, 0)
    parent = get_theme(study.db, "bantuan_sosial")
    child = get_theme(study.db, "bansos_berlogo_calon")
    assert parent.id == "1ff58b12-6f6f-4b0c-8be5-bbdc91f55294"
    assert parent.description == {"id": "Penyaluran bansos menjelang pemungutan suara."}
    assert parent.retired and not child.retired  # isCodable="false"
    assert child.parent_code == "bantuan_sosial"
    again = import_qdc(study.db, study.actor, path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    # Back out: the other tool's description unaltered, isCodable kept.
    out = tmp_path / "back.qdc"
    export_qdc(study.db, out)
    codes = {c.get("name"): c for c in ET.parse(out).getroot().iter(f"{{{QDC_NS}}}Code")}
    desc = codes["Bantuan sosial"].find(f"{{{QDC_NS}}}Description")
    assert desc is not None and desc.text == "Penyaluran bansos menjelang pemungutan suara."
    assert codes["Bantuan sosial"].get("isCodable") == "false"
    assert codes["Bansos berlogo calon"].get("isCodable") == "true"
    path.write_text("<CodeBook><oops></CodeBook>", encoding="utf-8")
    with pytest.raises(NeutralitasError, match="not a REFI-QDA codebook"):
        import_qdc(study.db, study.actor, path)
