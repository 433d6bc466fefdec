"""Find and retrieve: full-text search over answers and field notes (words in any order,
prefixes, diacritics ignored, best first, a snippet with the words marked), refreshed when
answers change, withdrawn informants left out; and every passage coded with a theme."""

from __future__ import annotations

from typing import Any

from neutralitas_desktop.fieldwork.answers import answer_id, save_answer
from neutralitas_desktop.fieldwork.informants import record_consent
from neutralitas_desktop.fieldwork.sessions import get_session
from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench


def _interview(study: Any) -> str:
    from neutralitas_desktop.fieldwork.sessions import SessionFilter, list_sessions

    rows = list_sessions(study.db, SessionFilter(source_type="interview"))
    return next(r.id for r in rows if r.status != "refused" and r.informant_id)


def test_full_text_search_over_answers_and_notes(demo_study: Any) -> None:
    db, actor = demo_study.db, demo_study.actor
    wb = TriangulationWorkbench(db, actor)
    sid = _interview(demo_study)
    assert wb.search("Wirjosoedarmo") == []
    save_answer(db, actor, sid, "b1_position", "Kasi Pemerintahan", note="Pak Wirjosoedarmo "
                "bilang camat ikut deklarasi kampanye di balai désa")  # fmt: skip
    hits = wb.search("kampan wirjosoedarmo")  # a prefix, any order
    assert [(h.session_id, h.key, h.target) for h in hits] == [(sid, "b1_position", "note")]
    assert "[Wirjosoedarmo]" in hits[0].snippet and hits[0].informant_code.startswith("INF-")
    assert hits[0].question_label["id"].startswith("Jabatan")
    assert wb.search("balai desa")[0].key == "b1_position"  # é matches e
    save_answer(db, actor, sid, "b1_position", "Staf Wirjosoedarmo")  # the index follows
    assert {h.target for h in wb.search("wirjosoedarmo")} == {"value", "note"}
    informant = get_session(db, sid).informant_id
    assert informant is not None
    record_consent(db, actor, informant, "withdrawn")
    assert wb.search("wirjosoedarmo") == []  # a withdrawn informant's words are not shown


def test_search_on_an_encrypted_study(encrypted_study: Any) -> None:
    from neutralitas_desktop.fieldwork.instruments import get_instrument
    from neutralitas_desktop.fieldwork.profile import LocalProfile
    from neutralitas_desktop.fieldwork.workspace import Workspace
    from neutralitas_desktop.store import cipher

    profile = LocalProfile("00000000-0000-4000-8000-000000000001", "laptop-uji", "Rina", "RP")
    ws = Workspace(encrypted_study.db, encrypted_study.actor, profile)
    iid, _ = get_instrument(ws.db, "office-observation")
    site = ws.add_site("Kantor Kecamatan Cibeureum", "kecamatan")
    sid = ws.begin_session(instrument_id=iid, site_id=site.id).session_id
    save_answer(ws.db, ws.actor, sid, "a1_banner", "yes", note="spanduk petahana di lobi")
    hits = TriangulationWorkbench(ws.db, ws.actor).search("petahana")
    assert [(h.session_id, h.target) for h in hits] == [(sid, "note")]
    assert not cipher.is_plain(encrypted_study.path)  # searched, and still only ciphertext


def test_everything_coded_with_a_theme(demo_study: Any) -> None:
    db, actor = demo_study.db, demo_study.actor
    wb = TriangulationWorkbench(db, actor)
    sid = _interview(demo_study)
    text = "Kasi Pemerintahan, ikut rapat tim sukses"
    save_answer(db, actor, sid, "b1_position", text)
    start = text.index("ikut")
    theme = wb.themes()[0].code
    before = len(wb.coded_with(theme))
    coding = wb.add_coding(
        answer_id(sid, "b1_position"), theme, "violation", start, len(text), memo="rapat"
    )
    passages = wb.coded_with(theme)
    assert len(passages) == before + 1
    mine = next(p for p in passages if p.coding_id == coding.id)
    assert (mine.session_id, mine.excerpt, mine.stance) == (
        sid,
        "ikut rapat tim sukses",
        "violation",
    )
    wb.delete_coding(coding.id)
    assert len(wb.coded_with(theme)) == before


def test_search_panel_finds_and_opens_coding(qtbot: Any, demo_study: Any, tmp_path: Any) -> None:
    from PySide6.QtCore import QSettings, Qt

    from neutralitas_desktop.fieldwork.profile import LocalProfile
    from neutralitas_desktop.fieldwork.workspace import Workspace
    from neutralitas_desktop.ui.main_window import MainWindow
    from neutralitas_desktop.ui.settings import UiSettings
    from neutralitas_desktop.ui.triangulation.coding_panel import CodingPanel
    from neutralitas_desktop.ui.triangulation.search_panel import SearchPanel

    class Host:
        def triangulation(self, workspace: Workspace) -> TriangulationWorkbench:
            return TriangulationWorkbench(workspace.db, workspace.actor)

    db, actor = demo_study.db, demo_study.actor
    sid = _interview(demo_study)
    save_answer(db, actor, sid, "b1_position", "Kasi Pemerintahan", note="ikut kampanye Wirjo")
    profile = LocalProfile("00000000-0000-4000-8000-000000000001", "laptop-uji", "Rina", "R")
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(Workspace(db, actor, profile), settings, Host())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    panel = window.analysis.open("search")
    assert isinstance(panel, SearchPanel)
    qtbot.keyClicks(panel.query, "wirjo")
    with qtbot.waitSignal(panel.results_shown, timeout=10000) as shown:
        qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    assert shown.args == [1]
    assert "«Wirjo»" in panel.model.item(0, 4).text()
    assert panel.model.item(0, 3).text().startswith("Jabatan")
    index = panel.model.index(0, 4)
    panel.table.setCurrentIndex(index)
    qtbot.mouseClick(panel.code_button, Qt.MouseButton.LeftButton)
    assert isinstance(window.analysis.windows[f"coding:{sid}"], CodingPanel)
    with qtbot.waitSignal(panel.results_shown, timeout=10000):
        panel.show_coded()
    window.analysis.close_all()
