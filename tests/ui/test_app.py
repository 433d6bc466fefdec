"""Starting the app: `python -m neutralitas_desktop [PATH]` in a real process, the first-run
and settings dialogs, the translations, and the UI preferences."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from gui_helpers import PROFILE, FakeHost, make_window, when_modal
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from neutralitas_desktop.fieldwork.stats import study_stats
from neutralitas_desktop.store.database import open_database
from neutralitas_desktop.ui.first_run_dialog import FirstRunDialog
from neutralitas_desktop.ui.main_window import MainWindow
from neutralitas_desktop.ui.profile_state import ProfileState
from neutralitas_desktop.ui.settings import UiSettings
from neutralitas_desktop.ui.settings_dialog import SettingsDialog
from neutralitas_desktop.ui.translations import install_translators

PASSPHRASE = "kopi pagi di Ciamis"


def _start(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "profile.json").write_text(json.dumps(PROFILE.__dict__), encoding="utf-8")
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        NEUTRALITAS_DATA_DIR=str(data),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        NEUTRALITAS_STARTUP_PROBE="1",
        NEUTRALITAS_STUDY_PASSPHRASE=PASSPHRASE,  # for scripts; a person types it in a dialog
    )
    return subprocess.run(
        [sys.executable, "-m", "neutralitas_desktop", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_app_starts_on_the_default_study_or_the_one_named(tmp_path: Path, demo_study) -> None:  # type: ignore[no-untyped-def]
    first = _start(tmp_path)
    assert first.returncode == 0, first.stderr
    events = dict(line.split() for line in first.stdout.splitlines() if " " in line)
    # the window is painted first, then the store loads and the study's sessions show
    assert float(events["first-paint"]) <= float(events["study-shown"])
    created = tmp_path / "data" / "study.sqlite"  # made from the shipped template, encrypted
    assert not created.read_bytes().startswith(b"SQLite format 3")
    db = open_database(created, passphrase=PASSPHRASE)
    try:
        assert study_stats(db)["instruments"] == 5
    finally:
        db.close()
    demo_study.db.close()
    named = _start(tmp_path, str(demo_study.path))
    assert named.returncode == 0, named.stderr
    assert "study-shown" in named.stdout
    settings = QSettings(
        str(tmp_path / "config" / "neutralitas" / "neutralitas-desktop.conf"),
        QSettings.Format.IniFormat,
    )
    assert Path(str(settings.value("studies/last"))) == demo_study.path


def test_translations_indonesian_by_default_english_on_request(qapp) -> None:  # type: ignore[no-untyped-def]
    translators = install_translators(qapp, "id")
    try:
        assert QCoreApplication.translate("MainWindow", "&File") == "&Berkas"
        assert QCoreApplication.translate("RunnerView", "Saved %1") == "Tersimpan %1"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Batal"
        assert QCoreApplication.translate("QWizard", "&Next >") == "&Lanjut >"
    finally:
        translators = install_translators(qapp, "en", translators)
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    install_translators(qapp, "none", translators)


def test_first_run_asks_who_works_here(qtbot, themed) -> None:  # type: ignore[no-untyped-def]
    state = ProfileState(device_name="")
    dialog = FirstRunDialog(state)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.form.name, "Rina Kartika")
    assert dialog.form.initials.text() == "RK"
    qtbot.keyClicks(dialog.form.device, "Laptop tim Ciamis 2")
    dialog.form.language.setCurrentIndex(dialog.form.language.findData("en"))
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == 1
    assert (
        state.researcher_name,
        state.researcher_initials,
        state.device_name,
        state.language,
    ) == (
        "Rina Kartika",
        "RK",
        "Laptop tim Ciamis 2",
        "en",
    )


def test_first_run_follows_the_language_chosen_in_it(qtbot, qapp, themed) -> None:  # type: ignore[no-untyped-def]
    translators = install_translators(qapp, "id")
    try:
        state = ProfileState(device_name="")
        dialog = FirstRunDialog(state)
        qtbot.addWidget(dialog)
        dialog.show()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.text() == "Mulai" and dialog.form.device.text() == ""
        indonesian = dialog.title.text()
        translators = install_translators(qapp, "en", translators)  # what app.py does
        qtbot.waitUntil(lambda: dialog.title.text() == "Welcome to neutralitas-desktop")
        qtbot.waitUntil(lambda: ok.text() == "Start")
        assert indonesian != dialog.title.text()
        assert dialog.form.device_label.text() == "Name of this laptop"
    finally:
        install_translators(qapp, "none", translators)


def test_settings_change_language_and_text_size(qtbot, themed, workspace, ui_settings) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, workspace, ui_settings)
    host = window.host
    assert isinstance(host, FakeHost)

    def change(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, SettingsDialog)
        dialog.form.language.setCurrentIndex(dialog.form.language.findData("en"))
        dialog.font_size.setCurrentIndex(dialog.font_size.findData(14))
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )

    errors = when_modal(qtbot, change, SettingsDialog)
    window.act_settings.trigger()
    assert not errors, errors
    assert host.languages == ["en"]
    assert ui_settings.font_size == 14


def test_ui_settings_recent_studies(tmp_path: Path) -> None:
    settings = UiSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert settings.language == "id" and settings.recent_studies == []
    for n in range(10):
        settings.add_recent_study(f"/data/studi-{n}.sqlite")
    settings.add_recent_study("/data/studi-3.sqlite")
    recent = settings.recent_studies
    assert recent[0] == "/data/studi-3.sqlite" and len(recent) == 8
    assert recent.count("/data/studi-3.sqlite") == 1
    settings.font_size = 13
    assert settings.font_size in (12, 14)  # the nearest offered size


def test_the_time_zone_is_read_only_off_the_supervisors_laptop(qtbot, themed) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(ProfileState(), 11, time_zone="WIT", time_zone_editable=False)
    qtbot.addWidget(dialog)
    assert dialog.time_zone.currentData() == "WIT" and not dialog.time_zone.isEnabled()
    assert dialog.time_zone.toolTip()
    dialog = SettingsDialog(ProfileState(), 11, time_zone="WITA")
    qtbot.addWidget(dialog)
    assert dialog.chosen_time_zone() == "WITA" and dialog.time_zone.isEnabled()


def test_the_window_says_which_study_it_opens_until_the_study_is_attached(  # type: ignore[no-untyped-def]
    qtbot, themed, demo_workspace, ui_settings
) -> None:
    workspace = demo_workspace
    window = MainWindow(None, ui_settings, FakeHost(), opening="studi-ciamis.sqlite")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.stack.currentWidget().text() == "Opening studi-ciamis.sqlite…"  # type: ignore[attr-defined]
    assert not window.menuBar().isEnabled() and not window.toolbar.isEnabled()
    assert not window.attached
    window.attach(workspace)
    assert window.stack.currentWidget() is window.navigator
    assert window.menuBar().isEnabled() and window.toolbar.isEnabled()
    assert window.navigator.sessions.model.rowCount() > 0
    assert workspace.display_name() in window.study_label.text()


def test_a_window_never_painted_still_goes_on(qtbot, themed) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    from neutralitas_desktop.ui.first_paint import when_painted

    hidden = QWidget()  # never shown: no paint ever comes
    qtbot.addWidget(hidden)
    calls: list[str] = []
    when_painted(hidden, lambda: calls.append("hidden"), latest_ms=50)
    shown = QWidget()
    qtbot.addWidget(shown)
    when_painted(shown, lambda: calls.append("shown"), latest_ms=60_000)
    shown.show()
    qtbot.waitUntil(lambda: sorted(calls) == ["hidden", "shown"])
    shown.update()
    qtbot.wait(100)
    assert sorted(calls) == ["hidden", "shown"]  # each once
