"""The whole field flow driven as a researcher would, with clicks and keystrokes: a site, an
informant, consent, the shipped ASN staff interview with its skip logic and required
questions, an attachment, complete, reopen and edit; then what the database holds."""

from __future__ import annotations

from gui_helpers import when_modal
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QListWidget,
    QRadioButton,
    QWidget,
    QWizard,
)
from sqlalchemy import select

from neutralitas_desktop.fieldwork.answers import answer_history, session_answers
from neutralitas_desktop.store.models import Attachment, FieldSession, Informant, InformantIdentity
from neutralitas_desktop.ui.informant_dialog import NewInformantDialog
from neutralitas_desktop.ui.main_window import MainWindow
from neutralitas_desktop.ui.new_session_wizard import NewSessionWizard
from neutralitas_desktop.ui.runner.choice_inputs import button_for
from neutralitas_desktop.ui.runner.missing_dialog import MissingAnswersDialog
from neutralitas_desktop.ui.runner.runner_view import RunnerView
from neutralitas_desktop.ui.site_dialog import SiteDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def click(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Click where a user would: check boxes and radio buttons on their indicator."""
    assert widget.isVisible() and widget.isEnabled(), widget
    if isinstance(widget, QRadioButton | QCheckBox):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_item(
    qtbot, view: QAbstractItemView, text: str, double: bool = False, column: int = 0
) -> None:  # type: ignore[no-untyped-def]
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, column)
        if text in str(model.data(index)):
            view.scrollTo(index)
            centre: QPoint = view.visualRect(index).center()
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
            if double:
                qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
            return
    raise AssertionError(f"no row with {text!r}")


def click_tab(qtbot, window: MainWindow, index: int) -> None:  # type: ignore[no-untyped-def]
    bar = window.navigator.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())


def card(runner: RunnerView, key: str):  # type: ignore[no-untyped-def]
    found = runner.current_page().card(key)
    assert found is not None, f"{key} is not on the current page"
    return found


def choose(qtbot, runner: RunnerView, key: str, name: str) -> None:  # type: ignore[no-untyped-def]
    target = card(runner, key)
    assert target.isVisible(), f"{key} is hidden"
    button = button_for(target.input, name)
    assert button is not None
    runner.current_page().parentWidget().parentWidget().ensureWidgetVisible(button)  # type: ignore[union-attr]
    click(qtbot, button)


def type_into(qtbot, runner: RunnerView, key: str, text: str) -> None:  # type: ignore[no-untyped-def]
    target = card(runner, key)
    widget = target.input.focus_widget()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(widget, text)


def activate(qtbot, window: QWidget) -> None:  # type: ignore[no-untyped-def]
    """The offscreen platform does not give the focus back when a dialog closes; a window
    manager does. Shortcuts only reach the active window."""
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def next_section(qtbot, runner: RunnerView) -> None:  # type: ignore[no-untyped-def]
    before = runner.state.current
    activate(qtbot, runner.window())
    qtbot.keyClick(runner.focusWidget() or runner, Qt.Key.Key_PageDown, CTRL)
    assert runner.state.current != before


def add_site(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, SiteDialog)
        qtbot.keyClicks(dialog.name, "Kantor Kecamatan Cibeureum")
        qtbot.keyClicks(dialog.region, "Kota Tasikmalaya, Jawa Barat")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))

    errors = when_modal(qtbot, fill, SiteDialog)
    click_tab(qtbot, window, 2)
    click(qtbot, window.navigator.sites.add_button)
    assert not errors, errors


def add_informant(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NewInformantDialog)
        assert dialog.code.text() == "INF-RP01"
        qtbot.keyClicks(dialog.real_name, "Budi Santoso")
        qtbot.keyClicks(dialog.contact, "0812 3456 7890")
        dialog.category.setCurrentIndex(dialog.category.findData("key"))
        dialog.selection.setCurrentIndex(dialog.selection.findData("purposive"))
        buttons = dialog.findChild(QDialogButtonBox)
        click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Ok))

    errors = when_modal(qtbot, fill, NewInformantDialog)
    click_tab(qtbot, window, 1)
    click(qtbot, window.navigator.informants.new_button)
    assert not errors, errors


def start_interview(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    def drive(wizard: QDialog) -> None:
        assert isinstance(wizard, NewSessionWizard)
        next_button = wizard.button(QWizard.WizardButton.NextButton)
        click_item(qtbot, wizard.currentPage().findChild(QListWidget), "ASN kecamatan")
        click(qtbot, next_button)
        click_item(qtbot, wizard.currentPage().findChild(QListWidget), "Cibeureum")
        click(qtbot, next_button)
        click_item(qtbot, wizard.currentPage().findChild(QListWidget), "INF-RP01")
        click(qtbot, next_button)
        consent = wizard.currentPage()
        assert consent.who.text() == "INF-RP01"  # type: ignore[attr-defined]
        click(qtbot, consent.given)  # type: ignore[attr-defined]
        assert not consent.named.isChecked()  # type: ignore[attr-defined]
        click(qtbot, consent.named)  # type: ignore[attr-defined]
        consent.method.setCurrentIndex(consent.method.findData("written"))  # type: ignore[attr-defined]
        click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))

    errors = when_modal(qtbot, drive, NewSessionWizard)
    click_tab(qtbot, window, 0)
    click(qtbot, window.navigator.sessions.new_button)
    assert not errors, errors


def test_a_whole_interview_as_a_researcher_does_it(qtbot, window, workspace, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    add_site(qtbot, window)
    add_informant(qtbot, window)
    start_interview(qtbot, window)
    named = next(i for i in workspace.informants() if i.code == "INF-RP01")
    assert named.consent_status == "given" and named.consent_named  # a consent of its own
    runner = window.runner
    assert runner is not None and runner.isVisible()
    sid = runner.state.session_id

    # A. consent was recorded in the wizard and fills the form's consent question
    assert card(runner, "a1_consent").input.value() == "given"
    choose(qtbot, runner, "a2_recording", "no")
    next_section(qtbot, runner)

    # B. profile: text, "other, specify", a constraint and its message
    type_into(qtbot, runner, "b1_position", "Kepala Seksi Pemerintahan")
    choose(qtbot, runner, "b2_unit", "other")
    other = card(runner, "b2_unit").other
    assert other is not None and other.isVisible()
    qtbot.keyClicks(other, "Sekretariat kecamatan")
    choose(qtbot, runner, "b3_asn_status", "pns")
    type_into(qtbot, runner, "b4_years_service", "99")
    issue = card(runner, "b4_years_service").issue
    assert issue.isVisible() and issue.text() == "Masukkan angka antara 0 dan 45 tahun."
    years = card(runner, "b4_years_service").input.focus_widget()
    qtbot.keyClick(years, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(years, "12")
    assert not issue.isVisible()
    next_section(qtbot, runner)

    # "Complete" now is refused with the list of what is missing
    seen: list[str] = []

    def read_missing(dialog: QDialog) -> None:
        assert isinstance(dialog, MissingAnswersDialog)
        tree = dialog.tree
        for i in range(tree.topLevelItemCount()):
            for j in range(tree.topLevelItem(i).childCount()):
                seen.append(str(tree.topLevelItem(i).child(j).data(0, Qt.ItemDataRole.UserRole)))
        dialog.reject()

    errors = when_modal(qtbot, read_missing, MissingAnswersDialog)
    click(qtbot, runner.complete_button)
    assert not errors, errors
    assert seen[:3] == ["d1_liked", "d2_commented", "d3_shared"] and "i1_witnessed" in seen
    assert "b1_position" not in seen
    assert workspace.session(sid).status == "draft"

    # C. social media, asked before the rules are
    for key in ("d1_liked", "d2_commented", "d3_shared", "d4_followed", "d5_profile_frame",
                "d6_posted_support"):  # fmt: skip
        choose(qtbot, runner, key, "no")
    assert not card(runner, "d14_screenshot").isVisible()
    choose(qtbot, runner, "d11_colleagues", "yes")
    assert card(runner, "d14_screenshot").isVisible()
    type_into(qtbot, runner, "d13_describe_colleagues", "Dua staf menyukai unggahan petahana.")
    photo = tmp_path / "tangkapan-layar.png"
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("#3b5998"))
    assert image.save(str(photo))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo), ""))
    attachment = card(runner, "d14_screenshot").input
    click(qtbot, attachment.pick_button)
    assert "tangkapan-layar.png" in attachment.name_label.text()
    assert attachment.thumbnail.isVisible()

    next_section(qtbot, runner)
    # D. the rules; skip logic: the follow-up appears only after "yes"
    assert not card(runner, "c2_socialisation_forms").isVisible()
    choose(qtbot, runner, "c1_socialised", "yes")
    assert card(runner, "c2_socialisation_forms").isVisible()
    choose(qtbot, runner, "c3_knows_like_prohibited", "yes")

    for key in ("e1_instructed", "f1_asked_help", "g1_attended", "i1_witnessed"):
        while card_or_none(runner, key) is None:
            next_section(qtbot, runner)
        choose(qtbot, runner, key, "no")

    click(qtbot, runner.complete_button)
    qtbot.waitUntil(lambda: window.runner is None)
    assert workspace.session(sid).status == "completed"

    # reopen from the session list and edit one answer
    click_tab(qtbot, window, 0)
    click_item(qtbot, window.navigator.sessions.table, "Pedoman wawancara ASN", True, 1)
    runner = window.runner
    assert runner is not None and not runner.state.editable
    assert runner.reopen_button.isVisible() and not runner.complete_button.isVisible()
    click(qtbot, runner.reopen_button)
    assert runner.state.editable and workspace.session(sid).status == "draft"
    while card_or_none(runner, "b1_position") is None:
        activate(qtbot, window)
        qtbot.keyClick(runner.focusWidget() or runner, Qt.Key.Key_PageUp, CTRL)
    position = card(runner, "b1_position").input.focus_widget()
    qtbot.mouseClick(position, Qt.MouseButton.LeftButton)
    qtbot.keyClick(position, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(position, "Sekretaris Camat")
    click(qtbot, runner.complete_button)
    qtbot.waitUntil(lambda: window.runner is None)

    # what the database holds
    answers = session_answers(workspace.db, sid)
    values = {k: a.value for k, a in answers.items()}
    assert values["a1_consent"] == "given" and values["a2_recording"] == "no"
    assert values["b1_position"] == "Sekretaris Camat"
    assert values["b2_unit"] == "other" and values["b2_unit_other"] == "Sekretariat kecamatan"
    assert values["b4_years_service"] == "12"
    assert values["d13_describe_colleagues"] == "Dua staf menyukai unggahan petahana."
    history = [r.value for r in answer_history(workspace.db, sid, "b1_position")]
    assert history[0] == "Kepala Seksi Pemerintahan" and history[-1] == "Sekretaris Camat"
    assert len(history) <= 4  # typing is saved in pauses, not once per keystroke
    years = [r.value for r in answer_history(workspace.db, sid, "b4_years_service")]
    assert years[-1] == "12"
    with workspace.db.session() as s:
        blob = s.get(Attachment, values["d14_screenshot"])
        assert blob is not None and blob.data == photo.read_bytes()
        assert blob.filename == "tangkapan-layar.png"
        informant = s.scalars(select(Informant)).one()
        assert (informant.code, informant.consent_status, informant.consent_method) == (
            "INF-RP01", "given", "written",
        )  # fmt: skip
        assert (informant.category, informant.selection) == ("key", "purposive")
        identity = s.get(InformantIdentity, informant.id)
        assert identity.real_name == "Budi Santoso"
        row = s.get(FieldSession, sid)
        assert row.status == "completed" and row.source_role == "asn_staff"


def card_or_none(runner: RunnerView, key: str):  # type: ignore[no-untyped-def]
    return runner.current_page().card(key)
