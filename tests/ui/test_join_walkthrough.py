"""Two laptops set up independently work on one study: the supervisor's first run starts
the study and makes its hand-out, the researcher's first run joins it from that package,
and the supervisor merges the researcher's package after trusting their laptop's key; a
package of another study is explained in Indonesian and cannot be merged."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import when_modal
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from neutralitas_desktop.app import Application
from neutralitas_desktop.fieldwork.demo import generate_demo
from neutralitas_desktop.fieldwork.device_key import load_device_key
from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.fieldwork.workspace import Workspace, open_workspace
from neutralitas_desktop.ui.device_dialog import DeviceDialog
from neutralitas_desktop.ui.exchange.merge_dialog import MergeDialog
from neutralitas_desktop.ui.first_run_dialog import FirstRunDialog
from neutralitas_desktop.ui.join_dialog import JoinDialog
from neutralitas_desktop.ui.passphrase_state import NewPassphraseState
from neutralitas_desktop.ui.settings import UiSettings
from neutralitas_desktop.ui.translations import install_translators

LEFT = Qt.MouseButton.LeftButton
OK = QDialogButtonBox.StandardButton.Ok


class Laptops:
    """Laptops with their own data folder (device key, profile) on this one machine."""

    def __init__(self, qapp: Any, tmp_path: Path, monkeypatch: Any) -> None:
        self.qapp, self.tmp, self.monkeypatch = qapp, tmp_path, monkeypatch
        self.hosts: list[Application] = []
        self.workspaces: list[Workspace] = []

    def use(self, name: str) -> Path:
        """Act on laptop ``name`` from now on; its data folder."""
        folder = self.tmp / name
        folder.mkdir(exist_ok=True)
        self.monkeypatch.setenv("NEUTRALITAS_DATA_DIR", str(folder))
        return folder

    def host(self, name: str) -> Application:
        self.use(name)
        settings = UiSettings(QSettings(str(self.tmp / f"{name}.ini"), QSettings.Format.IniFormat))
        host = Application(self.qapp, settings, LocalProfile(str(uuid.uuid4()), ""))
        self.hosts.append(host)
        return host

    def close(self) -> None:
        for workspace in self.workspaces:
            workspace.close()
        for host in self.hosts:
            if host.workspace is not None:
                host.workspace.close()
            install_translators(self.qapp, "none", host.translators)


@pytest.fixture
def laptops(themed: Any, tmp_path: Path, monkeypatch: Any) -> Iterator[Laptops]:
    monkeypatch.delenv("NEUTRALITAS_STUDY_PASSPHRASE", raising=False)
    made = Laptops(themed, tmp_path, monkeypatch)
    yield made
    made.close()


def _fill_first_run(name: str, device: str, package: Path | None, seen: list[str]) -> Any:
    def drive(dialog: FirstRunDialog) -> None:
        dialog.form.name.setText(name)
        dialog.form.name.textEdited.emit(name)
        dialog.form.device.setText(device)
        dialog.form.device.textEdited.emit(device)
        assert dialog.protection is not None
        dialog.protection.unencrypted.setChecked(True)
        ok = dialog.buttons.button(OK)
        if package is not None:
            dialog.join_study.click()
            assert dialog.join_panel is not None and dialog.join_panel.isVisible()
            assert not ok.isEnabled()  # no package chosen yet
            dialog.join_panel.choose(package)
            seen.append(dialog.join_panel.info.text())
        assert ok.isEnabled()
        ok.click()

    return drive


def test_two_laptops_set_up_independently_work_on_one_study(
    qtbot: Any, laptops: Laptops, monkeypatch: Any
) -> None:
    # laptop A: the supervisor starts a new study and makes its hand-out right away
    supervisor = laptops.host("a")
    study_a = laptops.tmp / "a" / "study.sqlite"
    errors = when_modal(qtbot, _fill_first_run("Sari Penyelia", "Laptop kantor", None, []))
    assert supervisor.first_run(True, str(study_a))
    assert not errors and supervisor.started_study
    workspace_a = supervisor.open_study(str(study_a), True)
    a_print = load_device_key(supervisor.profile.device_id).fingerprint
    handout = laptops.tmp / "handout.ndpkg"
    monkeypatch.setattr("neutralitas_desktop.app.confirm", lambda *_a, **_k: True)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(handout), ""))
    assert supervisor.offer_handout(workspace_a) is not None and handout.exists()

    # laptop B: the researcher's first run joins the study from that package
    researcher = laptops.host("b")
    study_b = laptops.tmp / "b" / "study.sqlite"
    seen: list[str] = []
    errors = when_modal(qtbot, _fill_first_run("Rina Peneliti", "Laptop Rina", handout, seen))
    assert researcher.first_run(True, str(study_b))
    assert not errors and not researcher.started_study
    title = workspace_a.title("id")
    assert title in seen[0] and "Sari Penyelia" in seen[0] and a_print in seen[0]
    workspace_b = researcher.open_study(str(study_b), True)
    assert workspace_b.info().id == workspace_a.info().id
    b_print = load_device_key(researcher.profile.device_id).fingerprint
    device = DeviceDialog(researcher.profile)  # what Rina reads out to Sari
    qtbot.addWidget(device)
    assert device.fingerprint.text() == b_print != a_print
    generate_demo(workspace_b.db, workspace_b.actor, 2, seed=7)
    work = laptops.tmp / "rina.ndpkg"
    researcher.exchange_service(workspace_b).write_package(work)

    # another study, made from the same template on a third laptop
    laptops.use("c")
    other = open_workspace(
        laptops.tmp / "c" / "study.sqlite",
        LocalProfile(str(uuid.uuid4()), "Laptop lain", "Budi Lain", "BL"),
        create=True,
    )
    laptops.workspaces.append(other)
    foreign = laptops.tmp / "lain.ndpkg"
    supervisor.exchange_service(other).write_package(foreign)

    # back on laptop A: the merge dialog merges Rina's package after trusting her laptop
    laptops.use("a")
    supervisor._preview_language("id")
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog = MergeDialog(supervisor.exchange_service(workspace_a))
    qtbot.addWidget(dialog)
    dialog.add_paths([foreign])
    explanation = dialog.notes.text()
    assert "milik studi lain" in explanation and title in explanation
    assert "Budi Lain" in explanation and "UTC" in explanation
    assert "studi lain" in dialog.packages.rows[0][-1]
    assert not dialog.preview_button.isEnabled() and not dialog.merge_button.isEnabled()
    dialog.state.remove(0)
    dialog.add_paths([work])
    assert dialog.preview_button.isEnabled()
    qtbot.mouseClick(dialog.preview_button, LEFT)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert len(asked) == 1 and b_print in asked[0]
    assert dialog.merge_button.isEnabled()
    qtbot.mouseClick(dialog.merge_button, LEFT)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert dialog.state.result is not None
    rina = {s.id for s in workspace_b.sessions()}
    assert len(rina) == 2 and {s.id for s in workspace_a.sessions()} == rina


def test_join_dialog_needs_a_package_of_a_study(qtbot: Any, themed: Any, tmp_path: Path) -> None:
    dialog = JoinDialog()
    qtbot.addWidget(dialog)
    assert not dialog.join_button.isEnabled()
    junk = tmp_path / "bukan.ndpkg"
    junk.write_bytes(b"bukan paket")
    dialog.panel.choose(junk)
    assert not dialog.join_button.isEnabled() and "bukan.ndpkg" in dialog.panel.info.text()


def test_file_join_study_opens_the_joined_study(
    qtbot: Any, laptops: Laptops, monkeypatch: Any
) -> None:
    supervisor = laptops.host("a")
    supervisor.new_passphrase = NewPassphraseState(unencrypted=True)
    workspace_a = supervisor.open_study(str(laptops.tmp / "a" / "study.sqlite"), True)
    handout = supervisor.make_handout(workspace_a, laptops.tmp / "handout.ndpkg").path
    researcher = laptops.host("b")  # a laptop that started its own study by mistake
    researcher.new_passphrase = NewPassphraseState(unencrypted=True)
    own = researcher.open_study(str(laptops.tmp / "b" / "own.sqlite"), True)
    assert own.info().id != workspace_a.info().id
    window = researcher.show_window(own)
    qtbot.addWidget(window)
    joined = laptops.tmp / "b" / "joined.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(joined), ""))
    researcher.new_passphrase = NewPassphraseState(unencrypted=True)

    def drive(dialog: JoinDialog) -> None:
        dialog.panel.choose(handout)
        assert workspace_a.title("id") in dialog.panel.info.text()
        dialog.join_button.click()

    errors = when_modal(qtbot, drive, JoinDialog)  # type: ignore[arg-type]
    window.act_join_study.trigger()
    assert not errors
    assert joined.exists() and window.workspace.path == joined
    assert window.workspace.info().id == workspace_a.info().id
