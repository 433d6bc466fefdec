"""The exchange screens driven as a user would: exporting a package, merging with a
preview and a progress bar, resolving a conflict side by side, returning a session with
comments, and the File and Review menus of the main window."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from exchange_helpers import TEST_SUPERVISOR, count
from PySide6.QtCore import QSettings, Qt

from neutralitas_desktop.exchange.read import open_package, read_manifest
from neutralitas_desktop.exchange.service import ExchangeService
from neutralitas_desktop.fieldwork.answers import save_answer, session_answers
from neutralitas_desktop.fieldwork.demo import generate_demo
from neutralitas_desktop.fieldwork.sessions import get_session, list_sessions
from neutralitas_desktop.ui.exchange.conflicts_dialog import ConflictsDialog
from neutralitas_desktop.ui.exchange.merge_dialog import MergeDialog
from neutralitas_desktop.ui.exchange.package_dialog import PackageDialog, package_state
from neutralitas_desktop.ui.exchange.review_dialog import CommentsDialog, ReturnDialog

SECRET = "kata sandi lapangan 2024"
LEFT = Qt.MouseButton.LeftButton
SHOTS = os.environ.get("NEUTRALITAS_SCREENSHOTS")  # a folder: save what the screens look like


def shot(widget: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_export_package_dialog(qtbot: Any, demo_study: Any, tmp_path: Path) -> None:
    service = ExchangeService(demo_study.db, demo_study.actor)
    dialog = PackageDialog(service, package_state(service, tmp_path, "laptop uji"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.path_edit.text().startswith(str(tmp_path / "laptop-uji-"))
    assert dialog.export_button.isEnabled() and not dialog.passphrase_edit.isEnabled()
    qtbot.mouseClick(dialog.identities_box, LEFT)
    assert dialog.encrypt_box.isChecked() and not dialog.export_button.isEnabled()
    qtbot.keyClicks(dialog.passphrase_edit, SECRET)
    qtbot.keyClicks(dialog.again_edit, SECRET + "x")
    assert "differ" in dialog.problems.text() and not dialog.export_button.isEnabled()
    qtbot.keyClick(dialog.again_edit, Qt.Key.Key_Backspace)
    assert dialog.export_button.isEnabled()
    shot(dialog, "export-package")
    with qtbot.waitSignal(dialog.written, timeout=30000):
        qtbot.mouseClick(dialog.export_button, LEFT)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    manifest = read_manifest(dialog.state.target)  # in clear: no counts, no names
    assert manifest.encrypted and manifest.identities and manifest.sessions == 0
    with open_package(dialog.state.target, study_id=None, passphrase=SECRET) as opened:
        assert opened.manifest.sessions == 60
    assert "60 sessions" in dialog.status.text()
    shot(dialog, "export-package-done")


def _two_laptops_with_a_conflict(laptops: Any, tmp_path: Path) -> tuple[list[Path], str, str]:
    ani, budi = laptops(1, "Ani Lestari"), laptops(2, "Budi Santoso")
    generate_demo(ani.db, ani.actor, 6, seed=31, device_name="Laptop Ani")
    generate_demo(budi.db, budi.actor, 6, seed=32, device_name="Laptop Budi")
    budi.merge(ani.package(tmp_path).path)
    session = next(s.id for s in list_sessions(ani.db) if s.answers)
    key = sorted(session_answers(ani.db, session))[0]
    save_answer(ani.db, ani.actor, session, key, "Ya, dua kali seminggu")
    save_answer(budi.db, budi.actor, session, key, "Tidak pernah")
    sealed = budi.package(tmp_path, passphrase=SECRET).path
    return [ani.package(tmp_path).path, sealed], session, key


def test_merge_dialog_previews_then_merges(
    qtbot: Any, study: Any, laptops: Any, tmp_path: Path
) -> None:
    paths, session, key = _two_laptops_with_a_conflict(laptops, tmp_path)
    junk = tmp_path / "catatan.ndpkg"
    junk.write_text("bukan paket", encoding="utf-8")
    dialog = MergeDialog(ExchangeService(study.db, study.actor))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_paths([*paths, junk])
    assert dialog.packages.rowCount() == 3
    assert "not a field package" in dialog.packages.rows[2][-1]
    made = dt.datetime.fromisoformat(read_manifest(paths[0]).created_at)  # written in UTC
    wib = made.replace(tzinfo=None) + dt.timedelta(hours=7)  # shown in the study's zone
    assert dialog.packages.rows[0][3] == f"{wib:%Y-%m-%d %H:%M} WIB"
    assert dialog.packages.rows[1][-1] == "encrypted: passphrase needed"
    assert not dialog.preview_button.isEnabled()
    dialog.package_view.selectRow(2)
    qtbot.mouseClick(dialog.remove_button, LEFT)
    dialog.set_passphrase(1, SECRET)
    assert dialog.preview_button.isEnabled() and not dialog.merge_button.isEnabled()
    qtbot.mouseClick(dialog.preview_button, LEFT)
    qtbot.waitUntil(lambda: dialog.job is None and dialog.state.preview is not None, timeout=30000)
    assert count(study.db, "SELECT count(*) FROM field_session") == 0  # only a preview
    rows = {(r[0][:11], r[1]): r for r in dialog.summary.rows}
    assert rows[(paths[0].name[:11], "Laptop Ani")][2] == "6"
    assert rows[(paths[1].name[:11], "Laptop Budi")][2] == "6"
    assert rows[(paths[1].name[:11], "Laptop Ani")][7] == "1"  # the conflict
    dialog.resize(640, 620)  # a small screen: its column stays on screen, not scrolled off
    view = dialog.summary_view
    qtbot.waitUntil(lambda: view.viewport().width() < 640)
    assert view.columnViewportPosition(7) + view.columnWidth(7) <= view.viewport().width()
    shot(dialog, "merge-preview")
    with qtbot.waitSignal(dialog.merged, timeout=30000):
        qtbot.mouseClick(dialog.merge_button, LEFT)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert dialog.caption.text() == "What the merge did"
    assert "Merged 2 package(s)." in dialog.status.text()
    assert count(study.db, "SELECT count(*) FROM field_session") == 12
    assert session_answers(study.db, session)[key].has_conflict
    shot(dialog, "merge-done")

    conflicts = ConflictsDialog(ExchangeService(study.db, study.actor))
    qtbot.addWidget(conflicts)
    conflicts.show()
    assert conflicts.model.rowCount() == 1 and len(conflicts.choose_buttons) == 2
    what, where = conflicts.model.rows[0][1:3]  # the question's text and the form's title
    assert what != key and "_" not in what
    assert conflicts.conflicts[0].form not in where
    from PySide6.QtWidgets import QLabel

    shown = [w.text() for w in conflicts.detail.findChildren(QLabel)]
    for s in conflicts.conflicts[0].sides:  # when each side was written, in the study's zone
        assert any(
            t.endswith(f"\n{s.at + dt.timedelta(hours=7):%Y-%m-%d %H:%M} WIB") for t in shown
        )
    shot(conflicts, "conflicts")
    side = next(n for n, s in enumerate(conflicts.conflicts[0].sides) if s.value == "Tidak pernah")
    with qtbot.waitSignal(conflicts.resolved):
        qtbot.mouseClick(conflicts.choose_buttons[side], LEFT)
    assert conflicts.model.rowCount() == 0 and conflicts.count_label.text() == "No open conflicts."
    state = session_answers(study.db, session)[key]
    assert (state.value, state.has_conflict) == ("Tidak pernah", False)


def test_return_a_session_with_comments(qtbot: Any, demo_study: Any) -> None:
    service = ExchangeService(demo_study.db, demo_study.actor)
    row = next(s for s in list_sessions(demo_study.db) if s.status == "completed" and s.answers)
    dialog = ReturnDialog(service, row.id, "asn-staff-interview · Kelurahan Setianagara")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.return_button.isEnabled()
    question = dialog.question_combo.itemData(0)
    qtbot.keyClicks(dialog.question_edit, "Tulis sumbernya.")
    qtbot.mouseClick(dialog.add_button, LEFT)
    shown = dialog.question_combo.itemText(0)  # the question's text, not its variable name
    assert shown != question and dialog.comments.rows == [(shown, "Tulis sumbernya.")]
    qtbot.keyClicks(dialog.session_edit, "Lengkapi catatan lapangan.")
    assert dialog.return_button.isEnabled()
    shot(dialog, "return-session")
    with qtbot.waitSignal(dialog.returned):
        qtbot.mouseClick(dialog.return_button, LEFT)
    returned = get_session(demo_study.db, row.id)
    assert (returned.status, returned.review_comment) == ("returned", "Lengkapi catatan lapangan.")
    comments = CommentsDialog(service, row.id, "sesi")
    qtbot.addWidget(comments)
    assert [r[:2] for r in comments.model.rows] == [
        ("the whole session", "Lengkapi catatan lapangan."),
        (shown, "Tulis sumbernya."),
    ]
    written = service.comments(row.id)[0].created_at  # stored in UTC, shown in WIB
    assert comments.model.rows[0][3] == f"{written + dt.timedelta(hours=7):%Y-%m-%d %H:%M} WIB"


def test_main_window_menus(qtbot: Any, study: Any, tmp_path: Path) -> None:
    from neutralitas_desktop.fieldwork.workspace import open_workspace
    from neutralitas_desktop.ui.main_window import MainWindow
    from neutralitas_desktop.ui.settings import UiSettings

    class Host:
        def exchange_service(self, workspace: Any) -> ExchangeService:
            return ExchangeService(workspace.db, workspace.actor)

    workspace = open_workspace(study.path, TEST_SUPERVISOR)
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(workspace, settings, Host())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    file_texts = [a.text() for a in window.menus["File"].actions()]
    merge_at = file_texts.index("Merge packages…")
    assert file_texts[merge_at - 1] == "Export field package…"
    assert file_texts.index("Quit") > merge_at
    assert window.menus["Review"].menuAction().isVisible()
    assert [a.text() for a in window.menus["Review"].actions() if a.text()] == [
        "Approve session", "Return session…", "Comments on this session…", "Conflicts…",
    ]  # fmt: skip
    window.exchange.actions["merge"].trigger()
    assert isinstance(window.exchange.dialog, MergeDialog)
    window.exchange.dialog.reject()
    workspace.close()


def test_merge_dialog_asks_before_trusting_a_new_laptop(
    qtbot: Any, study: Any, handout: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    from exchange_helpers import join
    from PySide6.QtWidgets import QMessageBox

    from neutralitas_desktop.fieldwork.device_key import load_device_key

    citra = join(tmp_path, handout, 3, "Citra Wulan")  # never enrolled
    generate_demo(citra.db, citra.actor, 3, seed=41, device_name="Laptop Citra")
    path = citra.package(tmp_path).path
    fingerprint = load_device_key(citra.actor.device_id).fingerprint
    citra.close()
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(_parent: Any, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog = MergeDialog(ExchangeService(study.db, study.actor))
    qtbot.addWidget(dialog)
    dialog.add_paths([path])
    qtbot.mouseClick(dialog.preview_button, LEFT)  # the supervisor says no: nothing happens
    assert dialog.job is None and dialog.state.preview is None and fingerprint in asked[0]
    qtbot.mouseClick(dialog.preview_button, LEFT)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert dialog.merge_button.isEnabled()
    assert count(study.db, "SELECT count(*) FROM field_session") == 0
    qtbot.mouseClick(dialog.merge_button, LEFT)  # trusted once: not asked again
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert "Merged 1 package(s)." in dialog.status.text()
    assert count(study.db, "SELECT count(*) FROM field_session") == 3
    assert len(asked) == 2
