"""Protection in the GUI: the passphrase at the first run, the unlock dialog, the offer to
encrypt a plain study, and the lock after idle time or on suspend that keeps the open
session as it was."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from gui_helpers import PROFILE, when_modal
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from neutralitas_desktop.app import Application
from neutralitas_desktop.fieldwork.answers import session_answers
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.fieldwork.workspace import Workspace
from neutralitas_desktop.paths import default_database
from neutralitas_desktop.store import cipher
from neutralitas_desktop.ui.first_run_dialog import FirstRunDialog
from neutralitas_desktop.ui.idle_lock import IdleLock
from neutralitas_desktop.ui.new_passphrase_dialog import NewPassphraseDialog
from neutralitas_desktop.ui.passphrase_state import NewPassphraseState
from neutralitas_desktop.ui.profile_state import ProfileState
from neutralitas_desktop.ui.translations import install_translators
from neutralitas_desktop.ui.unlock_dialog import UnlockDialog

STUDY_PASSPHRASE = "kopi pagi di Ciamis 2024"  # the encrypted_study fixture's
OK = QDialogButtonBox.StandardButton.Ok
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def host(themed, ui_settings, monkeypatch) -> Iterator[Application]:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("NEUTRALITAS_STUDY_PASSPHRASE", raising=False)
    app = Application(themed, ui_settings, dataclasses.replace(PROFILE, ui_language="en"))
    yield app
    if app.window is not None:
        runner = app.window.runner
        app.window.close()  # leaves the runner the way a researcher does
        if runner is not None:
            runner.saver.close(2.0)
    if app.idle is not None:
        themed.removeEventFilter(app.idle)
    install_translators(themed, "none", app.translators)


def test_the_state_wants_a_strong_passphrase_typed_twice_or_an_explicit_no() -> None:
    state = NewPassphraseState(passphrase="pendek", repeat="pendek")
    assert state.problems() == ["weak"]
    state.passphrase = "kopi pagi di Ciamis"
    assert state.problems() == ["mismatch"]
    state.repeat = "kopi pagi di Ciamis"
    assert state.ok and state.chosen == "kopi pagi di Ciamis"
    plain = NewPassphraseState(unencrypted=True)
    assert plain.ok and plain.chosen is None
    assert not NewPassphraseState(unencrypted=True, allow_unencrypted=False).ok


def test_the_first_run_asks_for_the_study_passphrase(qtbot, themed) -> None:  # type: ignore[no-untyped-def]
    state = ProfileState(language="en", researcher_name="Rina Kartika", device_name="Laptop 2")
    state.set_name("Rina Kartika")
    protection = NewPassphraseState()
    dialog = FirstRunDialog(state, passphrase=protection)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.protection
    assert form is not None and "cannot be recovered" in form.warning.text()
    ok = dialog.buttons.button(OK)
    assert not ok.isEnabled()
    qtbot.keyClicks(form.passphrase, "rahasia")
    assert "Too weak" in form.problem.text() and not ok.isEnabled()
    qtbot.keyClicks(form.passphrase, " kopi pagi di Ciamis")
    qtbot.keyClicks(form.repeat, "rahasia kopi")
    assert "differ" in form.problem.text() and not ok.isEnabled()
    qtbot.keyClicks(form.repeat, " pagi di Ciamis")
    assert ok.isEnabled() and form.problem.text() == ""
    assert protection.chosen == "rahasia kopi pagi di Ciamis"
    # the way out, with its risk spelled out
    form.repeat.clear()
    assert not ok.isEnabled() and not form.risk.isVisible()
    qtbot.mouseClick(form.unencrypted, LEFT, pos=form.unencrypted.rect().bottomLeft() / 2)
    assert form.unencrypted.isChecked() and form.risk.isVisible() and ok.isEnabled()
    assert "phone number" in form.risk.text() and protection.chosen is None


def test_the_unlock_dialog_refuses_a_wrong_passphrase(qtbot, themed) -> None:  # type: ignore[no-untyped-def]
    dialog = UnlockDialog("study.sqlite", lambda typed: typed == STUDY_PASSPHRASE)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.field, "salah")
    qtbot.mouseClick(dialog.buttons.button(OK), LEFT)
    assert dialog.isVisible() and dialog.error.text() and dialog.field.text() == ""
    qtbot.keyClicks(dialog.field, STUDY_PASSPHRASE)
    qtbot.mouseClick(dialog.buttons.button(OK), LEFT)
    assert dialog.result() == 1 and dialog.passphrase == STUDY_PASSPHRASE


def test_the_idle_lock_fires_without_input_and_on_suspend(qtbot, themed) -> None:  # type: ignore[no-untyped-def]
    limit = [0.0]
    idle = IdleLock(themed, lambda: limit[0], check_ms=10)
    try:
        with qtbot.assertNotEmitted(idle.locked, wait=60):
            pass  # a limit of 0 means never
        limit[0] = 0.02
        with qtbot.waitSignal(idle.locked, timeout=3000):
            pass
        assert idle.is_locked
        with qtbot.assertNotEmitted(idle.locked, wait=60):
            pass  # locked once until unlocked
        idle.unlocked()
        limit[0] = 3600.0
        with qtbot.waitSignal(idle.locked, timeout=1000):
            themed.applicationStateChanged.emit(Qt.ApplicationState.ApplicationSuspended)
    finally:
        themed.removeEventFilter(idle)
        idle.deleteLater()


def _session(workspace: Workspace) -> str:
    iid, _ = get_instrument(workspace.db, "asn-staff-interview")
    site = workspace.add_site("Kelurahan Linggasari", "kelurahan")
    informant = workspace.create_informant(role="asn_staff", site_id=site.id)
    return workspace.begin_session(
        instrument_id=iid, site_id=site.id, informant_id=informant.id, consent="given"
    ).session_id


def test_the_lock_hides_the_study_and_keeps_the_open_session(  # type: ignore[no-untyped-def]
    qtbot, host, encrypted_study: Any
) -> None:
    workspace = Workspace(encrypted_study.db, encrypted_study.actor, PROFILE)
    host.workspace = workspace
    window = host.show_window(workspace)
    qtbot.waitExposed(window)
    sid = _session(workspace)
    window.open_session(sid)
    runner = window.runner
    assert runner is not None
    card = runner.current_page().card("a2_recording")
    assert card is not None
    qtbot.mouseClick(card.note_button, LEFT)
    qtbot.keyClicks(card.note_edit, "Informan ragu, melirik atasan.")  # still being typed
    idle = host.start_idle_lock(check_ms=3_600_000)
    seen: dict[str, Any] = {}

    def unlock(dialog: UnlockDialog) -> None:
        seen["hidden"] = not window.isVisible()
        seen["saved"] = session_answers(workspace.db, sid)["a2_recording"].note
        qtbot.keyClicks(dialog.field, "bukan kata sandinya")
        qtbot.mouseClick(dialog.buttons.button(OK), LEFT)
        seen["error"] = dialog.error.text()
        qtbot.keyClicks(dialog.field, STUDY_PASSPHRASE)
        qtbot.mouseClick(dialog.buttons.button(OK), LEFT)

    errors = when_modal(qtbot, unlock, UnlockDialog)
    idle.lock()
    assert not errors, errors
    assert seen == {
        "hidden": True,
        "saved": "Informan ragu, melirik atasan.",
        "error": seen["error"],
    }
    assert seen["error"]
    assert window.isVisible() and window.runner is runner and not idle.is_locked
    assert card.note_edit.toPlainText() == "Informan ragu, melirik atasan."


def test_the_lock_during_the_close_reminder_keeps_the_app_open(  # type: ignore[no-untyped-def]
    qtbot, host, encrypted_study: Any
) -> None:
    workspace = Workspace(encrypted_study.db, encrypted_study.actor, PROFILE)
    host.workspace = workspace
    window = host.show_window(workspace)
    qtbot.waitExposed(window)
    sid = _session(workspace)
    writer = workspace.writer()
    writer.submit(sid, "b1_position", "Staf")
    writer.close()
    assert workspace.unsafe_answers() > 0
    idle = host.start_idle_lock(check_ms=3_600_000)
    seen: dict[str, Any] = {}

    def unlock(dialog: UnlockDialog) -> None:
        seen["hidden"] = not window.isVisible()
        qtbot.keyClicks(dialog.field, STUDY_PASSPHRASE)
        qtbot.mouseClick(dialog.buttons.button(OK), LEFT)

    def lock_at_the_reminder(box: QMessageBox) -> None:
        seen["reminder"] = box.windowTitle()
        seen["errors"] = when_modal(qtbot, unlock, UnlockDialog)
        idle.lock()  # the researcher walked away from the question

    errors = when_modal(qtbot, lock_at_the_reminder, QMessageBox)
    assert not window.quit()  # the close gives way to the lock: nothing closed
    assert not errors and not seen["errors"], (errors, seen["errors"])
    assert seen["reminder"] == "Today's work is only on this laptop" and seen["hidden"]
    assert window.isVisible() and not idle.is_locked
    boxes = [w for w in host.app.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert not [box for box in boxes if box.isVisible()]


def test_an_encrypted_study_asks_for_its_passphrase_when_opened(  # type: ignore[no-untyped-def]
    qtbot, host, encrypted_study: Any
) -> None:
    encrypted_study.db.close()

    def unlock(dialog: UnlockDialog) -> None:
        qtbot.keyClicks(dialog.field, STUDY_PASSPHRASE)
        qtbot.mouseClick(dialog.buttons.button(OK), LEFT)

    errors = when_modal(qtbot, unlock, UnlockDialog)
    workspace = host.open_study(str(encrypted_study.path), False)
    assert not errors, errors
    assert workspace.encrypted and workspace.title("id")
    workspace.close()


def test_a_plain_study_is_offered_encryption(qtbot, host, study: Any) -> None:  # type: ignore[no-untyped-def]
    workspace = Workspace(study.db, study.actor, PROFILE)

    def accept(box: QMessageBox) -> None:
        encrypt = next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        )
        qtbot.mouseClick(encrypt, LEFT)

    def choose(dialog: NewPassphraseDialog) -> None:
        assert not dialog.form.unencrypted.isVisible()  # encrypting: no way out offered
        qtbot.keyClicks(dialog.form.passphrase, STUDY_PASSPHRASE)
        qtbot.keyClicks(dialog.form.repeat, STUDY_PASSPHRASE)
        qtbot.mouseClick(dialog.buttons.button(OK), LEFT)

    errors = when_modal(qtbot, accept, QMessageBox) + when_modal(qtbot, choose, NewPassphraseDialog)
    opened = host.open_study  # the reopened study is the app's
    workspace = host.offer_encryption(workspace)
    assert not errors, errors
    assert workspace.encrypted and not cipher.is_plain(study.path) and opened
    assert cipher.is_key_of(study.path, STUDY_PASSPHRASE)
    study.db = workspace.db  # closed by the fixture


def test_a_refused_offer_is_not_made_again(qtbot, host, study: Any) -> None:  # type: ignore[no-untyped-def]
    workspace = Workspace(study.db, study.actor, PROFILE)

    def refuse(box: QMessageBox) -> None:
        keep = next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole
        )
        qtbot.mouseClick(keep, LEFT)

    errors = when_modal(qtbot, refuse, QMessageBox)
    assert host.offer_encryption(workspace) is workspace
    assert not errors, errors
    assert host.settings.plain_studies == [str(study.path)] and cipher.is_plain(study.path)
    assert host.offer_encryption(workspace) is workspace  # no dialog this time


def test_the_lock_time_is_a_setting(qtbot, themed, ui_settings) -> None:  # type: ignore[no-untyped-def]
    from neutralitas_desktop.ui.settings_dialog import SettingsDialog

    assert ui_settings.lock_minutes == 10  # the default
    dialog = SettingsDialog(ProfileState(), 11, lock_minutes=ui_settings.lock_minutes)
    qtbot.addWidget(dialog)
    assert dialog.lock_minutes.value() == 10
    dialog.lock_minutes.setValue(0)
    assert dialog.lock_minutes.text() == dialog.lock_minutes.specialValueText()  # "never"
    ui_settings.lock_minutes = dialog.chosen_lock_minutes()
    assert ui_settings.lock_minutes == 0


def test_a_study_named_at_start_that_does_not_open_falls_back_to_ours(  # type: ignore[no-untyped-def]
    qtbot, host, tmp_path, monkeypatch
) -> None:
    broken = tmp_path / "bukan-studi.sqlite"
    broken.write_bytes(b"this is not a study, only its name")
    monkeypatch.setenv("NEUTRALITAS_STUDY_PASSPHRASE", STUDY_PASSPHRASE)  # for ours, new
    window = host.show_window(None, opening=broken.name)
    said: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        said.append(box.text())
        box.close()

    errors = when_modal(qtbot, read_and_close, QMessageBox)
    assert host.start_study(window, str(broken), False, named=True)
    assert not errors, errors
    assert said and "bukan-studi.sqlite" in said[0]
    assert window.attached and window.workspace.path == default_database()
    assert window.menuBar().isEnabled()


def test_a_study_left_locked_at_start_ends_the_start(  # type: ignore[no-untyped-def]
    qtbot, host, encrypted_study: Any
) -> None:
    encrypted_study.db.close()
    window = host.show_window(None, opening=encrypted_study.path.name)

    def cancel(dialog: UnlockDialog) -> None:
        dialog.reject()

    def close_error(box: QMessageBox) -> None:
        box.close()

    when_modal(qtbot, cancel, UnlockDialog)
    QTimer.singleShot(300, lambda: when_modal(qtbot, close_error, QMessageBox))
    assert not host.start_study(window, str(encrypted_study.path), False, named=False)
    assert not window.attached and not window.menuBar().isEnabled()
    assert host.workspace is None
