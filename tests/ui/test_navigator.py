"""The study navigator on the 60-session demo study: filters, counts per source type,
sorting, and the informants screen (identity reveal, consent withdrawal)."""

from __future__ import annotations

from gui_helpers import make_window, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from sqlalchemy import select

from neutralitas_desktop.store.models import AuditEvent, Informant
from neutralitas_desktop.ui.session_table import RowRole


def _visible(panel) -> list:  # type: ignore[no-untyped-def]
    return panel.proxy.visible_rows()


def _pick(qtbot, combo, data: str) -> None:  # type: ignore[no-untyped-def]
    """Choose an entry with the keyboard: focus the box, then arrow keys to the entry."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def test_filters_and_counts(qtbot, themed, demo_workspace, ui_settings) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_workspace, ui_settings)
    panel = window.navigator.sessions
    rows = demo_workspace.sessions()
    assert panel.model.rowCount() == 60 == len(rows)
    for source in ("interview", "observation", "documentation"):
        assert panel.tiles[source].value.text() == str(sum(r.source_type == source for r in rows))

    _pick(qtbot, panel.filters.source, "interview")
    shown = _visible(panel)
    assert shown and {r.source_type for r in shown} == {"interview"}
    assert panel.tiles["observation"].value.text() == "0"
    assert panel.tiles["interview"].value.text() == str(len(shown))

    _pick(qtbot, panel.filters.status, "draft")
    assert {r.status for r in _visible(panel)} == {"draft"}
    _pick(qtbot, panel.filters.status, "")

    site = rows[0].site_id
    _pick(qtbot, panel.filters.site, site)
    assert {r.site_id for r in _visible(panel)} == {site}
    _pick(qtbot, panel.filters.site, "")

    code = next(r.informant_code for r in rows if r.informant_code)
    qtbot.keyClicks(panel.filters.search, code)
    assert {r.informant_code for r in _visible(panel)} == {code}
    panel.filters.search.clear()
    _pick(qtbot, panel.filters.source, "")
    assert len(_visible(panel)) == 60

    # sorting by clicking a header: answers, fewest first
    header = panel.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, 7))
    counts = [panel.proxy.data(panel.proxy.index(r, 0), RowRole).answers for r in range(60)]
    assert counts == sorted(counts) or counts == sorted(counts, reverse=True)


def _section_centre(header, index: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(index) + header.sectionSize(index) // 2
    return QPoint(x, header.height() // 2)


def test_informants_screen(qtbot, themed, demo_workspace, ui_settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo_workspace, ui_settings)
    bar = window.navigator.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    panel = window.navigator.informants
    assert panel.isVisible() and panel.model.rowCount() > 0
    given = next(
        r for r in range(panel.proxy.rowCount())
        if panel.proxy.data(panel.proxy.index(r, 0), RowRole).consent_status == "given"
    )  # fmt: skip
    panel.table.selectRow(given)
    info = panel.selected()
    assert panel.identity.text() in ("Identity hidden", "Identitas disembunyikan")
    qtbot.mouseClick(panel.reveal_button, Qt.MouseButton.LeftButton)
    assert panel.identity.text().split("\n")[0]  # the real name, now shown
    with demo_workspace.db.session() as s:
        audited = s.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == info.id)).all()
    assert "identity.revealed" in audited

    def confirm(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, QMessageBox)
        qtbot.mouseClick(box.buttons()[0], Qt.MouseButton.LeftButton)

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("lewat telepon", True))
    errors = when_modal(qtbot, confirm, QMessageBox)
    qtbot.mouseClick(panel.withdraw_button, Qt.MouseButton.LeftButton)
    assert not errors, errors
    with demo_workspace.db.session() as s:
        informant = s.get(Informant, info.id)
        assert informant.consent_status == "withdrawn" and informant.withdrawn_at is not None
        assert informant.consent_note == "lewat telepon"
    assert panel.selected().consent_status == "withdrawn"
    assert not panel.withdraw_button.isEnabled()


def test_a_day_filter_counts_days_in_the_study_s_zone(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    """16:30 UTC on 26 November is the 27th in WITA (00:30) but still the 26th in WIB."""
    import dataclasses
    import datetime as dt

    from neutralitas_desktop.ui.session_table import SessionQuery
    from neutralitas_desktop.vocabulary.time_zones import StudyTimeZone

    row = dataclasses.replace(
        demo_workspace.sessions()[0], started_at=dt.datetime(2024, 11, 26, 16, 30)
    )
    the_27th = SessionQuery(since=dt.date(2024, 11, 27), until=dt.date(2024, 11, 27))
    assert the_27th.matches(row, StudyTimeZone.WITA)
    assert not the_27th.matches(row, StudyTimeZone.WIB)
