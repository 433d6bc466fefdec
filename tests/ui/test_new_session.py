"""The new-session wizard for the other paths: an observation skips informant and consent;
a refused consent records the refusal and opens no runner."""

from __future__ import annotations

from gui_helpers import when_modal
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QListWidget, QRadioButton, QWizard

from neutralitas_desktop.ui.new_session_wizard import NewSessionWizard


def _pick(qtbot, wizard: NewSessionWizard, text: str) -> None:  # type: ignore[no-untyped-def]
    view = wizard.currentPage().findChild(QListWidget)
    for row in range(view.count()):
        item = view.item(row)
        if text in item.text():
            rect = view.visualItemRect(item)
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return
    raise AssertionError(text)


def _radio(qtbot, button: QRadioButton) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def test_an_observation_needs_no_informant(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    workspace.add_site("Kantor Kecamatan Ciamis", "kecamatan")
    window.navigator.reload()

    def drive(wizard) -> None:  # type: ignore[no-untyped-def]
        _pick(qtbot, wizard, "Lembar observasi")
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        _pick(qtbot, wizard, "Ciamis")
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        assert finish.isVisible() and finish.isEnabled()  # no informant, no consent
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)

    errors = when_modal(qtbot, drive, NewSessionWizard)
    qtbot.mouseClick(window.navigator.sessions.new_button, Qt.MouseButton.LeftButton)
    assert not errors, errors
    runner = window.runner
    assert runner is not None and runner.state.source_type == "observation"
    row = workspace.session(runner.state.session_id)
    assert row.informant_id is None and row.source_role == ""
    window.close_runner()


def test_a_refusal_opens_no_runner(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    site = workspace.add_site("Kelurahan Setianagara", "kelurahan")
    workspace.create_informant(role="lurah", site_id=site.id)
    window.navigator.reload()

    def drive(wizard) -> None:  # type: ignore[no-untyped-def]
        next_button = wizard.button(QWizard.WizardButton.NextButton)
        _pick(qtbot, wizard, "pimpinan kantor")
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
        _pick(qtbot, wizard, "Setianagara")
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
        _pick(qtbot, wizard, "INF-RP01")
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
        _radio(qtbot, wizard.currentPage().refused)
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        assert finish.text() in ("Record refusal", "Catat penolakan")
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)

    errors = when_modal(qtbot, drive, NewSessionWizard)
    qtbot.mouseClick(window.navigator.sessions.new_button, Qt.MouseButton.LeftButton)
    assert not errors, errors
    assert window.runner is None
    (row,) = workspace.sessions()
    assert row.status == "refused" and row.answers == 1  # the consent answer, nothing else
    (informant,) = workspace.informants()
    assert informant.consent_status == "refused"
    assert window.navigator.sessions.model.rowCount() == 1


def test_next_adds_a_new_informant_filled_in(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    workspace.add_site("Kelurahan Setianagara", "kelurahan")
    window.navigator.reload()
    seen = {}

    def drive(wizard) -> None:  # type: ignore[no-untyped-def]
        next_button = wizard.button(QWizard.WizardButton.NextButton)
        _pick(qtbot, wizard, "pimpinan kantor")
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
        _pick(qtbot, wizard, "Setianagara")
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
        page = wizard.currentPage()
        assert not next_button.isEnabled()  # nobody picked, nothing filled in
        qtbot.keyClicks(page.real_name, "Bapak Lurah")
        seen["hint"] = page.pending.isVisible()
        assert next_button.isEnabled()  # Next adds the informant filled in
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
        seen["page"] = wizard.currentPage().step
        wizard.reject()

    errors = when_modal(qtbot, drive, NewSessionWizard)
    qtbot.mouseClick(window.navigator.sessions.new_button, Qt.MouseButton.LeftButton)
    assert not errors, errors
    assert seen == {"hint": True, "page": "consent"}
    (informant,) = workspace.informants()
    assert informant.role
