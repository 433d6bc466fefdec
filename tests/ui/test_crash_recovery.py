"""A real app process is killed (SIGKILL) in the middle of an interview: reopening the
study finds every answer typed more than 300 ms before the kill, and the draft resumes
exactly where the researcher was."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from neutralitas_desktop.fieldwork.answers import session_answers
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.fieldwork.workspace import open_workspace
from neutralitas_desktop.instruments.form_state import decode_position
from neutralitas_desktop.ui.resume_dialog import ResumeDialog
from neutralitas_desktop.ui.runner.runner_view import RunnerView
from neutralitas_desktop.vocabulary.time_zones import StudyTimeZone

LOSS_WINDOW = 0.3  # the issue allows losing the keystrokes of the last 300 ms
LONG_ANSWER = (
    "Informan menjelaskan bahwa ASN tidak boleh menyukai, membagikan atau mengomentari "
    "unggahan pasangan calon, tidak boleh hadir dalam deklarasi, dan tidak boleh memakai "
    "atribut kampanye; ia mengetahuinya dari surat edaran camat dan apel pagi."
)
STEPS = [
    {"key": "a2_recording", "choice": "no"},
    {"key": "b1_position", "text": "Kepala Seksi Pemerintahan"},
    {"key": "b2_unit", "choice": "kecamatan"},
    {"key": "b3_asn_status", "choice": "pns"},
    {"key": "b4_years_service", "text": "12"},
    {"key": "c1_socialised", "choice": "yes"},
    {"key": "c6_explain_rules", "text": LONG_ANSWER},
]


def _prepare(template: Path, folder: Path) -> tuple[Path, str, LocalProfile]:
    path = folder / "studi.sqlite"
    shutil.copy(template, path)
    profile = LocalProfile(
        "00000000-0000-4000-8000-0000000000c1", "laptop-lapangan", "Rina Peneliti", "RP",
        ui_language="id", completed_first_run=True,
    )  # fmt: skip
    workspace = open_workspace(path, profile)
    iid, _ = get_instrument(workspace.db, "asn-staff-interview")
    site = workspace.add_site("Kelurahan Setianagara", "kelurahan")
    informant = workspace.create_informant(role="asn_staff", site_id=site.id)
    started = workspace.begin_session(
        instrument_id=iid, site_id=site.id, informant_id=informant.id, consent="given"
    )
    workspace.close()
    return path, started.session_id, profile


def _read_log(path: Path) -> list[dict]:  # type: ignore[type-arg]
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.endswith("}")]


@pytest.mark.slow
def test_sigkill_mid_interview_loses_at_most_the_last_300_ms(
    qtbot, themed, empty_study_template, tmp_path, ui_settings
) -> None:  # type: ignore[no-untyped-def]
    path, sid, profile = _prepare(empty_study_template, tmp_path)
    userdata = tmp_path / "app-data"
    userdata.mkdir()
    (userdata / "profile.json").write_text(json.dumps(profile.__dict__), encoding="utf-8")
    log = tmp_path / "typed.log"
    script = tmp_path / "script.json"
    script.write_text(
        json.dumps({"session_id": sid, "log": str(log), "interval_ms": 25, "steps": STEPS}),
        encoding="utf-8",
    )
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        NEUTRALITAS_DATA_DIR=str(userdata),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        NEUTRALITAS_SCRIPTED_INPUT=str(script),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "neutralitas_desktop", str(path)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        # kill in the middle of the long answer, at a moment unrelated to the save timer
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            typed = [e for e in _read_log(log) if e["key"] == "c6_explain_rules"]
            if len(typed) >= 60 + (os.getpid() % 17):
                break
            assert process.poll() is None, process.stderr.read().decode()  # type: ignore[union-attr]
            time.sleep(0.01)
        else:
            pytest.fail("the scripted interview did not get going")
        killed_at = time.time()
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
        assert process.stderr is not None
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL

    events = _read_log(log)
    safe = [e for e in events if e["t"] <= killed_at - LOSS_WINDOW]
    assert any(e["key"] == "c6_explain_rules" for e in safe)
    expected: dict[str, str] = {}
    for event in safe:
        if event["kind"] in ("key", "choice"):
            expected[event["key"]] = event["text"]
    typed_at_kill = {e["key"]: e["text"] for e in events if e["kind"] in ("key", "choice")}

    workspace = open_workspace(path, profile)  # after a crash: WAL recovery on open
    try:
        answers = {k: a.value for k, a in session_answers(workspace.db, sid).items()}
        for key, text in expected.items():
            saved = answers.get(key) or ""
            # everything typed before the last 300 ms is there; nothing is invented after it
            assert saved.startswith(text), (key, saved, text)
            assert typed_at_kill[key].startswith(saved), (key, saved)
        assert answers["a1_consent"] == "given"

        # the draft is offered, and resumes in the long answer's section and question
        drafts = workspace.drafts()
        assert [d.id for d in drafts] == [sid]
        dialog = ResumeDialog(drafts, "id", None, StudyTimeZone.WITA)
        qtbot.addWidget(dialog)
        assert dialog.list.count() == 1
        started = drafts[0].started_at + dt.timedelta(hours=8)  # stored UTC, shown in WITA
        assert f" · {started:%Y-%m-%d %H:%M} WITA · " in dialog.list.item(0).text()
        section, key = decode_position(workspace.load_session(sid).position)
        assert (section, key) == ("c_knowledge", "c6_explain_rules")
        runner = RunnerView(workspace, sid, ui_settings)
        qtbot.addWidget(runner)
        runner.show()
        assert runner.state.sections[runner.state.current].key == "c_knowledge"
        card = runner.current_page().card("c6_explain_rules")
        assert card is not None and card.input.value() == answers["c6_explain_rules"]
        assert runner.state.focus_key == "c6_explain_rules"
        runner.saver.close(2.0)
    finally:
        workspace.close()
