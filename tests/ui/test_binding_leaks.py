"""The installed Qt binding must not drain the reference counts of None, True and False.

PySide6 6.12.0 on Python 3.11 loses one reference per void call; after a few hundred
keystrokes in the runner the interpreter aborts ("Fatal Python error: none_dealloc") with
the answer being typed. These tests fail on such a binding. From Python 3.12 on the three
objects are immortal and the tests have nothing to measure.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from gui_helpers import PROFILE
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit

from neutralitas_desktop.fieldwork.answers import session_answers
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.fieldwork.workspace import Workspace, open_workspace
from neutralitas_desktop.ui import binding_check
from neutralitas_desktop.ui.binding_check import refcounts, singletons_immortal
from neutralitas_desktop.ui.runner.runner_view import RunnerView

pytestmark = pytest.mark.skipif(
    singletons_immortal(),
    reason="None, True and False are immortal on this Python (3.12+): nothing can leak",
)

CALLS = 3000


def _settled() -> tuple[int, int, int]:
    """The counts once the widgets and garbage of earlier tests are gone: freeing them
    while measuring would look like lost references."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    return refcounts()


def _lost(action: Callable[[int], None], calls: int = CALLS) -> tuple[int, int, int]:
    before = _settled()
    for i in range(calls):
        action(i)
    after = refcounts()
    return before[0] - after[0], before[1] - after[1], before[2] - after[2]


def _assert_sound(lost: tuple[int, int, int], calls: int, what: str, noise: int = 20) -> None:
    # a leaking binding loses one reference per void call (a keystroke in the runner makes
    # about a hundred); allow a little noise from other objects being freed meanwhile
    limit = max(noise, calls // 100)
    none, true, false = lost
    assert none <= limit and true <= limit and false <= limit, (
        f"{what}: {calls} calls lost None:{none} True:{true} False:{false} references — "
        f"PySide6 {binding_check.PYSIDE_VERSION} leaks on this Python"
    )


def test_void_calls_keep_none_true_and_false(qapp: QApplication) -> None:
    label = QLabel()
    edit = QPlainTextEdit()
    timer = QTimer()
    _assert_sound(_lost(lambda i: label.setText(str(i))), CALLS, "QLabel.setText")
    _assert_sound(_lost(lambda i: label.setVisible(i % 2 == 0)), CALLS, "QWidget.setVisible")
    _assert_sound(_lost(lambda i: timer.start(1000 + i)), CALLS, "QTimer.start")
    _assert_sound(_lost(lambda i: edit.insertPlainText("a")), CALLS, "insertPlainText")
    timer.stop()
    assert edit.toPlainText() == "a" * CALLS


def test_startup_check_passes_on_the_installed_binding(qapp: QApplication) -> None:
    report = binding_check.measure(500)
    assert not report.leaks, report.describe()
    assert binding_check.binding_problem() is None


def test_startup_check_names_what_to_install_when_the_binding_leaks(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    leaking = binding_check.LeakReport(200, (200, 100, 100))
    monkeypatch.setattr(binding_check, "measure", lambda calls=200: leaking)
    problem = binding_check.binding_problem()
    assert problem is not None and "\n" not in problem
    assert "PySide6-Essentials<6.12" in problem and "Python 3.12" in problem


def _session(workspace: Workspace) -> str:
    iid, _ = get_instrument(workspace.db, "asn-staff-interview")
    site = workspace.add_site("Kelurahan Linggasari", "kelurahan")
    informant = workspace.create_informant(role="asn_staff", site_id=site.id)
    return workspace.begin_session(
        instrument_id=iid, site_id=site.id, informant_id=informant.id, consent="given"
    ).session_id


def test_typing_thousands_of_keystrokes_in_the_runner_keeps_the_counts(
    qtbot, themed, workspace, ui_settings
) -> None:  # type: ignore[no-untyped-def]
    sid = _session(workspace)
    runner = RunnerView(workspace, sid, ui_settings)
    qtbot.addWidget(runner)
    runner.resize(1200, 800)
    runner.show()
    qtbot.waitExposed(runner)
    text = ("Camat meminta staf hadir di acara program bupati petahana. " * 60)[:3000]
    try:
        runner.focus_question("c6_explain_rules")
        card = runner.current_page().card("c6_explain_rules")
        assert card is not None and card.input is not None
        target = card.input.focus_widget()
        before = _settled()
        for start in range(0, len(text), 100):
            qtbot.keyClicks(target, text[start : start + 100])
            # checked as it goes: a leaking binding would abort the interpreter before the end
            after = refcounts()
            lost = before[0] - after[0], before[1] - after[1], before[2] - after[2]
            _assert_sound(lost, start + 100, "typing in the runner", noise=200)
        assert card.input.value() == text
        assert runner.saver.wait(5.0)
    finally:
        runner.saver.close()
    assert session_answers(workspace.db, sid)["c6_explain_rules"].value == text


@pytest.mark.slow
def test_a_real_app_types_twenty_thousand_keystrokes_and_exits_cleanly(
    empty_study_template: Path, tmp_path: Path
) -> None:
    """The whole app in its own process: an interview of 20,000 keystrokes, then quit."""
    path = tmp_path / "studi.sqlite"
    shutil.copy(empty_study_template, path)
    workspace = open_workspace(path, PROFILE)
    sid = _session(workspace)
    workspace.close()
    paragraph = (
        "Informan menjelaskan bahwa camat mengumpulkan staf kelurahan, meminta mereka "
        "menghadiri sosialisasi program bupati petahana dan membagikan unggahan akun resmi. "
    )
    keys = ["c6_explain_rules", "b1_position"]
    lengths = [16_000, 4_000]
    steps = [
        {"key": key, "text": (paragraph * (n // len(paragraph) + 1))[:n]}
        for key, n in zip(keys, lengths, strict=True)
    ]
    log = tmp_path / "typed.log"
    script = tmp_path / "script.json"
    script.write_text(
        json.dumps(
            {"session_id": sid, "log": str(log), "interval_ms": 0, "log_every": 500,
             "quit": True, "steps": steps}
        ),
        encoding="utf-8",
    )  # fmt: skip
    userdata = tmp_path / "app-data"
    userdata.mkdir()
    (userdata / "profile.json").write_text(json.dumps(PROFILE.__dict__), encoding="utf-8")
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        NEUTRALITAS_DATA_DIR=str(userdata),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        NEUTRALITAS_SCRIPTED_INPUT=str(script),
    )
    done = subprocess.run(
        [sys.executable, "-m", "neutralitas_desktop", str(path)],
        env=env, capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    assert "Fatal Python error" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 0, done.stderr[-2000:]
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    kinds = [e["kind"] for e in events]
    assert kinds[0] == "opened" and "done" in kinds and kinds[-1] == "closed"
    opened = events[0]["refcounts"]
    finished = next(e for e in events if e["kind"] == "done")["refcounts"]
    lost = tuple(a - b for a, b in zip(opened, finished, strict=True))
    _assert_sound(lost, sum(lengths), "a 20,000-keystroke interview")  # type: ignore[arg-type]
    reopened = open_workspace(path, PROFILE)
    try:
        answers = session_answers(reopened.db, sid)
        for step in steps:
            assert answers[str(step["key"])].value == step["text"]
    finally:
        reopened.close()
