"""A whole interview section by keyboard alone: Tab moves between fields and reaches the
field-note buttons, Space picks a radio button, clearing an answer can be undone, and
Ctrl+Enter on a section's last question goes on to the next section."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QRadioButton, QWidget

from neutralitas_desktop.fieldwork.answers import session_answers
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.fieldwork.workspace import Workspace
from neutralitas_desktop.ui.runner.runner_view import RunnerView
from neutralitas_desktop.ui.runner.section_page import focus_owner

CTRL = Qt.KeyboardModifier.ControlModifier


def _runner(qtbot, workspace: Workspace, settings) -> tuple[RunnerView, str]:  # type: ignore[no-untyped-def]
    iid, _ = get_instrument(workspace.db, "asn-staff-interview")
    site = workspace.add_site("Kelurahan Linggasari", "kelurahan")
    informant = workspace.create_informant(role="asn_staff", site_id=site.id)
    sid = workspace.begin_session(
        instrument_id=iid, site_id=site.id, informant_id=informant.id, consent="given"
    ).session_id
    runner = RunnerView(workspace, sid, settings)
    qtbot.addWidget(runner)
    runner.resize(1280, 720)
    runner.show()
    qtbot.waitExposed(runner)
    runner.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is runner)
    runner.restore_focus()
    return runner, sid


def _tab(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def test_keyboard_only_runner(qtbot, themed, workspace, ui_settings):  # type: ignore[no-untyped-def]
    runner, sid = _runner(qtbot, workspace, ui_settings)
    consent = runner.current_page().card("a1_consent")
    recording = runner.current_page().card("a2_recording")
    assert focus_owner(QApplication.focusWidget()) == "a1_consent"
    # after the choices come the card's own buttons; clearing is last
    assert _tab(qtbot) is consent.note_button
    assert _tab(qtbot) is consent.input.clear_button
    radio = _tab(qtbot)
    assert focus_owner(radio) == "a2_recording" and isinstance(radio, QRadioButton)
    assert not radio.isChecked()
    qtbot.keyClick(radio, Qt.Key.Key_Space)  # Space chooses the focused radio button
    assert radio.isChecked()
    chosen = runner.state.form.value("a2_recording")
    assert chosen is not None
    # the field-note button is reachable and its box lets Tab through
    assert _tab(qtbot) is recording.note_button
    qtbot.keyClick(recording.note_button, Qt.Key.Key_Space)
    assert recording.note_edit is not None and recording.note_edit.hasFocus()
    assert recording.note_label is not None and recording.note_label.isVisible()
    qtbot.keyClicks(recording.note_edit, "ragu")
    clear = _tab(qtbot)
    assert recording.note_edit.toPlainText() == "ragu"
    assert clear is recording.input.clear_button
    # Tab + Space clears, and Space again brings the answer back
    qtbot.keyClick(clear, Qt.Key.Key_Space)
    assert runner.state.form.value("a2_recording") is None
    assert clear.isVisible() and clear.text() != consent.input.clear_button.text()
    qtbot.keyClick(clear, Qt.Key.Key_Space)
    assert runner.state.form.value("a2_recording") == chosen and radio.isChecked()
    # Ctrl+Enter on the section's last question goes on to the next section
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    assert runner.state.sections[runner.state.current].key == "b_profile"
    assert focus_owner(QApplication.focusWidget()) == "b1_position"
    runner.saver.wait()
    saved = session_answers(workspace.db, sid)["a2_recording"]
    assert saved.value == chosen and saved.note == "ragu"
    runner.saver.close()
