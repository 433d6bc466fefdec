"""Consent changed inside the runner: "Tidak bersedia" asks first; cancelling puts the
choice back and changes nothing; confirming records the withdrawal and ends the session."""

from __future__ import annotations

from gui_helpers import when_modal
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from neutralitas_desktop.fieldwork.answers import session_answers
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.store.models import FieldSession, Informant
from neutralitas_desktop.ui.runner.choice_inputs import button_for


def _press(qtbot, box: QMessageBox, which: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(box.buttons()[which], Qt.MouseButton.LeftButton)


def test_consent_change_in_the_runner(qtbot, window, workspace):  # type: ignore[no-untyped-def]
    iid, _ = get_instrument(workspace.db, "asn-staff-interview")
    site = workspace.add_site("Kelurahan Linggasari", "kelurahan")
    informant = workspace.create_informant(role="asn_staff", site_id=site.id)
    sid = workspace.begin_session(
        instrument_id=iid, site_id=site.id, informant_id=informant.id, consent="given"
    ).session_id
    window.open_session(sid)
    runner = window.runner
    runner._show_section(1)
    qtbot.keyClicks(runner.focusWidget(), "Staf pelayanan")
    runner.saver.wait()
    runner._show_section(0)
    card = runner.current_page().card("a1_consent")
    refused = button_for(card.input, "refused")
    click = {"pos": QPoint(8, refused.height() // 2)}

    # cancel: the choice goes back, nothing is recorded
    errors = when_modal(qtbot, lambda box: _press(qtbot, box, 1), QMessageBox)
    qtbot.mouseClick(refused, Qt.MouseButton.LeftButton, **click)
    assert not errors, errors
    assert button_for(card.input, "given").isChecked() and not refused.isChecked()
    assert runner.state.form.value("a1_consent") == "given"
    assert window.runner is runner

    # confirm: withdrawal recorded, session refused, the runner closes
    errors = when_modal(qtbot, lambda box: _press(qtbot, box, 0), QMessageBox)
    qtbot.mouseClick(refused, Qt.MouseButton.LeftButton, **click)
    assert not errors, errors
    qtbot.waitUntil(lambda: window.runner is None)
    with workspace.db.session() as s:
        assert s.get(FieldSession, sid).status == "refused"
        assert s.get(Informant, informant.id).consent_status == "withdrawn"
    answers = session_answers(workspace.db, sid)
    assert answers["a1_consent"].value == "refused"
    assert answers["b1_position"].value == "Staf pelayanan" and not answers["b1_position"].relevant
    assert "Persetujuan ditarik" in window.statusBar().currentMessage() or (
        "withdrawn" in window.statusBar().currentMessage()
    )
