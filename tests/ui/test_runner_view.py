"""The runner's behaviour seen from the keyboard and the screen: shortcuts, find, text
size, repeats, field notes, the questions' language, resume, read-only sessions and the
warning when saving fails."""

from __future__ import annotations

import datetime as dt

from gui_helpers import when_modal
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QWidget,
)
from sqlalchemy.exc import OperationalError

from neutralitas_desktop.fieldwork import autosave
from neutralitas_desktop.fieldwork.answers import session_answers
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.fieldwork.workspace import Workspace
from neutralitas_desktop.instruments.form_state import encode_position
from neutralitas_desktop.store.models import FieldSession
from neutralitas_desktop.ui.runner.choice_inputs import button_for
from neutralitas_desktop.ui.runner.find_dialog import FindQuestionDialog
from neutralitas_desktop.ui.runner.runner_view import RunnerView
from neutralitas_desktop.ui.runner.section_page import focus_owner

CTRL = Qt.KeyboardModifier.ControlModifier


def _session(workspace: Workspace, form: str = "asn-staff-interview") -> str:
    iid, _ = get_instrument(workspace.db, form)
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


def _click(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    if isinstance(widget, QRadioButton | QCheckBox):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _choose(qtbot, runner: RunnerView, key: str, name: str) -> None:  # type: ignore[no-untyped-def]
    card = runner.current_page().card(key)
    assert card is not None and card.isVisible()
    _click(qtbot, button_for(card.input, name))


def _keys(qtbot, runner: RunnerView, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(runner.focusWidget() or runner, key, CTRL)


def test_keyboard_moves_through_questions_and_sections(qtbot, themed, workspace, ui_settings):  # type: ignore[no-untyped-def]
    runner = _runner(qtbot, workspace, _session(workspace), ui_settings)
    try:
        _keys(qtbot, runner, Qt.Key.Key_PageDown)
        assert runner.state.sections[runner.state.current].key == "b_profile"
        assert runner.state.focus_key == "b1_position"
        qtbot.keyClicks(runner.focusWidget(), "Staf pelayanan")
        _keys(qtbot, runner, Qt.Key.Key_Return)  # Ctrl+Enter: next question
        assert runner.state.focus_key == "b2_unit"
        _keys(qtbot, runner, Qt.Key.Key_PageUp)
        assert runner.state.sections[runner.state.current].key == "a_consent"
        # text size: Ctrl++ is remembered for the next session
        before = ui_settings.font_size
        _keys(qtbot, runner, Qt.Key.Key_Plus)
        assert ui_settings.font_size > before
        assert runner.stack.font().pointSize() == ui_settings.font_size
        # what the researcher reads grows: questions and choices, on every page
        card = runner.current_page().card("a2_recording")
        assert card.label.font().pointSize() == ui_settings.font_size
        assert button_for(card.input, "yes").font().pointSize() == ui_settings.font_size
        _keys(qtbot, runner, Qt.Key.Key_PageDown)
        line = runner.current_page().card("b1_position").input.line
        assert line.font().pointSize() == ui_settings.font_size
    finally:
        runner.saver.close()


def test_find_a_question(qtbot, themed, workspace, ui_settings):  # type: ignore[no-untyped-def]
    runner = _runner(qtbot, workspace, _session(workspace), ui_settings)

    def pick(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, FindQuestionDialog)
        qtbot.keyClicks(dialog.search, "kendaraan dinas")
        assert dialog.results.count() == 1
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)

    errors = when_modal(qtbot, pick, FindQuestionDialog)
    _keys(qtbot, runner, Qt.Key.Key_F)
    assert not errors, errors
    assert runner.state.focus_key == "h1_vehicles"
    assert runner.state.sections[runner.state.current].key == "h_facilities"
    runner.saver.close()


def test_repeat_items_are_added_and_removed(qtbot, themed, workspace, ui_settings):  # type: ignore[no-untyped-def]
    sid = _session(workspace)
    runner = _runner(qtbot, workspace, sid, ui_settings)
    while runner.current_page().card("i1_witnessed") is None:
        _keys(qtbot, runner, Qt.Key.Key_PageDown)
    page = runner.current_page()
    assert not page.blocks["i2_incident"].isVisible()
    _choose(qtbot, runner, "i1_witnessed", "yes")
    assert page.blocks["i2_incident"].isVisible()
    add = page.findChild(QWidget, "add_i2_incident")
    _click(qtbot, add)
    _click(qtbot, runner.current_page().findChild(QWidget, "add_i2_incident"))
    items = runner.state.form.items("i2_incident")
    assert len(items) == 2
    first = f"i2_incident[{items[0]}]/"
    assert runner.state.focus_key == f"i2_incident[{items[1]}]/i2a_date"
    _choose(qtbot, runner, first + "i2c_kind", "socmed")
    _choose(qtbot, runner, first + "i2f_reported_to", "not_reported")
    why = runner.current_page().card(first + "i2g_why_not")
    assert why is not None and why.isVisible()  # skip logic inside the item
    runner.saver.wait()
    saved = session_answers(workspace.db, sid)
    assert saved["i2_incident"].value == " ".join(items)
    assert saved[first + "i2c_kind"].value == "socmed"

    def confirm_removal(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, QMessageBox)
        _click(qtbot, box.buttons()[0])

    errors = when_modal(qtbot, confirm_removal, QMessageBox)
    remove = [
        b
        for b in runner.current_page().findChildren(QWidget)
        if b.objectName() == "link"
        and getattr(b, "text", lambda: "")() in ("Remove entry", "Hapus entri")
    ]
    _click(qtbot, remove[0])
    assert not errors, errors
    assert runner.state.form.items("i2_incident") == items[1:]
    runner.saver.wait()
    saved = session_answers(workspace.db, sid)
    assert saved["i2_incident"].value == items[1]
    assert saved[first + "i2c_kind"].value == "socmed"  # kept, but no longer counts
    assert saved[first + "i2c_kind"].relevant is False
    runner.saver.close()


def test_field_notes_and_the_questions_language(qtbot, themed, workspace, ui_settings):  # type: ignore[no-untyped-def]
    sid = _session(workspace)
    runner = _runner(qtbot, workspace, sid, ui_settings)
    card = runner.current_page().card("a2_recording")
    _click(qtbot, card.note_button)
    assert card.note_edit is not None and card.note_edit.hasFocus()
    qtbot.keyClicks(card.note_edit, "Informan ragu, melirik atasan.")
    _choose(qtbot, runner, "a2_recording", "yes")
    runner.saver.wait()
    saved = session_answers(workspace.db, sid)["a2_recording"]
    assert (saved.value, saved.note) == ("yes", "Informan ragu, melirik atasan.")
    runner.header.language.setCurrentIndex(runner.header.language.findData("en"))
    runner.header.language.activated.emit(runner.header.language.currentIndex())
    card = runner.current_page().card("a2_recording")
    assert card.label.text().startswith("Does the informant agree to the interview being")
    assert card.note_edit is not None and card.note_edit.toPlainText().startswith("Informan ragu")
    runner.saver.close()


def test_a_failed_save_warns_keeps_the_answer_and_retries(
    qtbot, themed, workspace, ui_settings, monkeypatch
):  # type: ignore[no-untyped-def]
    sid = _session(workspace)
    runner = _runner(qtbot, workspace, sid, ui_settings)
    runner.saver._writer.retry_seconds = 0.1
    real = autosave.save_answer

    def disk_full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("INSERT INTO answer", {}, Exception("database or disk is full"))

    monkeypatch.setattr(autosave, "save_answer", disk_full)
    _keys(qtbot, runner, Qt.Key.Key_PageDown)
    qtbot.keyClicks(runner.focusWidget(), "Pengadministrasi umum")
    qtbot.waitUntil(lambda: runner.banner.isVisible(), timeout=3000)
    assert "disk penuh" in runner.banner.text.text() or "disk is full" in runner.banner.text.text()
    assert runner.current_page().card("b1_position").input.value() == "Pengadministrasi umum"
    assert session_answers(workspace.db, sid).get("b1_position") is None
    monkeypatch.setattr(autosave, "save_answer", real)
    qtbot.waitUntil(lambda: not runner.banner.isVisible(), timeout=3000)
    runner.saver.wait()
    assert session_answers(workspace.db, sid)["b1_position"].value == "Pengadministrasi umum"
    runner.saver.close()


def test_retry_now_after_the_fault_is_gone_clears_the_banner(
    qtbot, themed, workspace, ui_settings, monkeypatch
):  # type: ignore[no-untyped-def]
    sid = _session(workspace)
    runner = _runner(qtbot, workspace, sid, ui_settings)
    runner.saver._writer.retry_seconds = 60  # only the button retries within the test
    real = autosave.save_answer

    def disk_full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("INSERT INTO answer", {}, Exception("database or disk is full"))

    monkeypatch.setattr(autosave, "save_answer", disk_full)
    _keys(qtbot, runner, Qt.Key.Key_PageDown)
    qtbot.keyClicks(runner.focusWidget(), "Staf")
    qtbot.waitUntil(lambda: runner.banner.isVisible(), timeout=3000)
    monkeypatch.setattr(autosave, "save_answer", real)
    retry = runner.banner.findChild(QPushButton)
    qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not runner.banner.isVisible(), timeout=3000)
    assert session_answers(workspace.db, sid)["b1_position"].value == "Staf"
    runner.saver.close()


def test_resume_where_it_stopped(qtbot, themed, workspace, ui_settings):  # type: ignore[no-untyped-def]
    sid = _session(workspace)
    writer = workspace.writer()
    writer.submit_position(sid, encode_position("c_knowledge", "c3_knows_like_prohibited"))
    assert writer.close()
    with workspace.db.session() as s:  # started 25 minutes ago, then left
        row = s.get(FieldSession, sid)
        row.started_at = row.started_at - dt.timedelta(minutes=25)
    runner = _runner(qtbot, workspace, sid, ui_settings)
    assert "00:25:" in runner.header.elapsed.text()  # the duration goes on, not from zero
    assert runner.state.sections[runner.state.current].key == "c_knowledge"
    assert runner.state.focus_key == "c3_knows_like_prohibited"
    focus = QApplication.focusWidget()
    assert focus_owner(focus) == "c3_knows_like_prohibited"
    runner.saver.close()


def test_completed_sessions_open_read_only(qtbot, themed, demo_workspace, ui_settings):  # type: ignore[no-untyped-def]
    done = next(
        r
        for r in demo_workspace.sessions()
        if r.status == "approved" and r.form_id == "asn-staff-interview"
    )
    runner = _runner(qtbot, demo_workspace, done.id, ui_settings)
    assert not runner.state.editable
    assert runner.reopen_button.isVisible() and not runner.complete_button.isVisible()
    _keys(qtbot, runner, Qt.Key.Key_PageDown)
    page = runner.current_page()
    assert page.card("b1_position").input.line.isReadOnly()
    assert not button_for(page.card("b3_asn_status").input, "pns").isEnabled()
    runner.saver.close()


def test_returned_session_shows_the_supervisors_comments(qtbot, workspace, ui_settings) -> None:  # type: ignore[no-untyped-def]
    from neutralitas_desktop.exchange.review import return_session
    from neutralitas_desktop.fieldwork.answers import save_answer
    from neutralitas_desktop.fieldwork.sessions import set_status

    sid = _session(workspace)
    save_answer(workspace.db, workspace.actor, sid, "b1_position", "Staf")
    set_status(workspace.db, workspace.actor, sid, "completed")
    return_session(workspace.db, workspace.actor, sid, "Lengkapi bagian D.")
    return_session(
        workspace.db, workspace.actor, sid, "Tulis jabatan lengkap.", question="b1_position"
    )
    runner = _runner(qtbot, workspace, sid, ui_settings)
    assert runner.review_note.isVisible()
    assert runner.review_note.text() == "Returned by the supervisor: Lengkapi bagian D."
    runner.focus_question("b1_position")
    card = runner.current_page().card("b1_position")
    assert card is not None and card.review.isVisible()
    assert card.review.text() == "Supervisor: Tulis jabatan lengkap."
    other = runner.current_page().card("b3_asn_status")
    assert other is not None and not other.review.isVisible()
