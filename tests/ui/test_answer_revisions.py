"""One revision per edit, seen in the runner: a long answer typed at a steady pace leaves
one revision, leaving the field makes it final, and the History dialog names researcher and
laptop and restores an earlier value as a new revision."""

from __future__ import annotations

import datetime as dt

from gui_helpers import when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from neutralitas_desktop.fieldwork import journal
from neutralitas_desktop.fieldwork.answers import answer_history, save_answer, session_answers
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.fieldwork.workspace import Workspace
from neutralitas_desktop.store.models import AnswerRevision, Device, Researcher
from neutralitas_desktop.ui.runner.history_dialog import HistoryDialog
from neutralitas_desktop.ui.runner.runner_view import RunnerView

CTRL = Qt.KeyboardModifier.ControlModifier
# 232 characters, as a researcher types an open answer.
LONG = (
    "Kami diminta hadir di apel pagi setiap Senin, lalu kepala bidang menyampaikan "
    "bahwa pegawai sebaiknya mendukung program petahana; tidak ada perintah tertulis, "
    "tetapi yang absen ditanya alasannya oleh atasan di ruang rapat lantai 12."
)


def _session(workspace: Workspace) -> str:
    iid, _ = get_instrument(workspace.db, "asn-staff-interview")
    site = workspace.add_site("Kelurahan Linggasari", "kelurahan")
    informant = workspace.create_informant(role="asn_staff", site_id=site.id)
    return workspace.begin_session(
        instrument_id=iid, site_id=site.id, informant_id=informant.id, consent="given"
    ).session_id


def _runner(qtbot, workspace: Workspace, sid: str, settings) -> RunnerView:  # type: ignore[no-untyped-def]
    runner = RunnerView(workspace, sid, settings)
    qtbot.addWidget(runner)
    runner.resize(1200, 800)
    runner.show()
    qtbot.waitExposed(runner)
    runner.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is runner)
    runner.restore_focus()
    return runner


def _revisions(workspace: Workspace, sid: str, key: str) -> list[tuple[str | None, bool]]:
    with workspace.db.engine.connect() as con:
        rows = con.execute(
            select(AnswerRevision.value, AnswerRevision.sealed)
            .where(AnswerRevision.answer_id == journal.answer_id(sid, key))
            .order_by(AnswerRevision.device_seq)
        ).all()
    return [(r.value, bool(r.sealed)) for r in rows]


def test_a_long_answer_typed_at_a_steady_pace_leaves_one_revision(
    qtbot, themed, workspace, ui_settings
) -> None:  # type: ignore[no-untyped-def]
    assert len(LONG) == 232
    sid = _session(workspace)
    runner = _runner(qtbot, workspace, sid, ui_settings)
    saves: list[object] = []
    runner.saver.saved.connect(saves.append)
    try:
        qtbot.keyClick(runner.focusWidget() or runner, Qt.Key.Key_PageDown, CTRL)
        assert runner.state.focus_key == "b1_position"
        field = runner.focusWidget()
        for start in range(0, len(LONG), 8):  # typing with pauses: many autosaves
            qtbot.keyClicks(field, LONG[start : start + 8])
            qtbot.wait(40)
        runner.saver.wait()
        assert len(saves) > 2  # autosave kept it durable all along
        assert _revisions(workspace, sid, "b1_position") == [(LONG, False)]
        qtbot.keyClick(field, Qt.Key.Key_Return, CTRL)  # on to the next question
        assert runner.state.focus_key == "b2_unit"
        runner.saver.wait()
        assert _revisions(workspace, sid, "b1_position") == [(LONG, True)]
        assert session_answers(workspace.db, sid)["b1_position"].revision_count == 1
    finally:
        runner.saver.close()


def test_history_names_who_and_which_laptop_and_restores_an_earlier_value(
    qtbot, themed, workspace, ui_settings
) -> None:  # type: ignore[no-untyped-def]
    sid = _session(workspace)
    save_answer(workspace.db, workspace.actor, sid, "b1_position", "Staf pelayanan")
    save_answer(workspace.db, workspace.actor, sid, "b1_position", "Kepala seksi")
    with workspace.db.session() as s:
        researcher = s.get(Researcher, workspace.actor.researcher_id)
        laptop = s.get(Device, workspace.actor.device_id)
        assert researcher is not None and laptop is not None
        names = (researcher.name, laptop.name)
    runner = _runner(qtbot, workspace, sid, ui_settings)
    seen: list[list[str]] = []

    def restore_the_first(dialog: HistoryDialog) -> None:
        model = dialog.model
        seen.extend(
            [str(model.index(r, c).data()) for c in range(model.columnCount())]
            for r in range(model.rowCount())
        )
        assert not dialog.restore_button.isEnabled()
        dialog.table.selectRow(1)  # the current value: nothing to restore
        assert not dialog.restore_button.isEnabled()
        dialog.table.selectRow(0)
        assert dialog.restore_button.isEnabled()
        dialog.restore_button.click()

    try:
        qtbot.keyClick(runner.focusWidget() or runner, Qt.Key.Key_PageDown, CTRL)
        card = runner.current_page().card("b1_position")
        assert card is not None and card.history_button is not None
        errors = when_modal(qtbot, restore_the_first, HistoryDialog)  # type: ignore[arg-type]
        card.history_button.click()
        assert not errors, errors
        assert [row[1] for row in seen] == ["Staf pelayanan", "Kepala seksi"]
        first = answer_history(workspace.db, sid, "b1_position")[0].created_at  # UTC
        assert seen[0][0] == f"{first + dt.timedelta(hours=7):%Y-%m-%d %H:%M:%S} WIB"
        assert all(row[3:] == list(names) for row in seen)
        assert not any(workspace.actor.device_id[:8] in cell for row in seen for cell in row)
        runner.saver.wait()
        history = answer_history(workspace.db, sid, "b1_position")
        assert [r.value for r in history] == ["Staf pelayanan", "Kepala seksi", "Staf pelayanan"]
        assert session_answers(workspace.db, sid)["b1_position"].value == "Staf pelayanan"
        assert card.input.value() == "Staf pelayanan"
    finally:
        runner.saver.close()
