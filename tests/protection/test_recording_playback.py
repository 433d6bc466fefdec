"""A recording is played from memory: listening to an interview in the transcript window
writes no copy of the informant's voice anywhere on disk, and the clear copies an earlier
version left in the data folder are removed at the next start."""

from __future__ import annotations

import wave
from pathlib import Path
from typing import Any

import pytest
from planted import NAME, TEST_PROFILE, plant
from pytestqt.qtbot import QtBot

from neutralitas_desktop.fieldwork.answers import save_answer
from neutralitas_desktop.fieldwork.recordings import attach_recording
from neutralitas_desktop.paths import data_dir
from neutralitas_desktop.private_tmp import clean_leftovers
from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench

# Stands for a voice: bytes no other file holds.
VOICE = f"suara {NAME} ".encode() * 400


def _recording(folder: Path) -> Path:
    path = folder / f"rekaman_{NAME.replace(' ', '_')}.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(VOICE)
    return path


def _files_holding_the_voice(folder: Path, study: Path) -> list[Path]:
    marker = VOICE[:200]
    return [
        p
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(study.name) and marker in p.read_bytes()
    ]


def test_playing_a_recording_writes_no_copy_of_the_voice(
    qtbot: QtBot, encrypted_study: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from neutralitas_desktop.ui.triangulation import transcript_window
    from neutralitas_desktop.ui.triangulation.recording_player import multimedia_available

    if not multimedia_available():
        pytest.skip("QtMultimedia (PySide6-Addons) is not installed")
    # as on a laptop with speakers, where the window makes a player
    monkeypatch.setattr(transcript_window, "audio_output_available", lambda: True)
    db, actor = encrypted_study.db, encrypted_study.actor
    sid = plant(db, actor, TEST_PROFILE, typed=False)
    save_answer(db, actor, sid, "a2_recording", "yes")
    source = tmp_path / "recorder"
    source.mkdir()
    attach_recording(db, actor, sid, _recording(source))
    for p in source.iterdir():
        p.unlink()  # the recorder's card is wiped: only the study holds the voice

    window = transcript_window.TranscriptWindow(TriangulationWorkbench(db, actor), sid)
    qtbot.addWidget(window)
    window.show()
    assert window.player is not None and window.recording_label.text().startswith("rekaman_")
    assert _files_holding_the_voice(tmp_path, encrypted_study.path) == []
    window.close()
    assert _files_holding_the_voice(tmp_path, encrypted_study.path) == []


def test_clear_copies_an_earlier_version_played_from_are_removed_at_start(study: Any) -> None:
    old = data_dir() / "playback"
    old.mkdir()
    (old / "3fa2b1c4.wav").write_bytes(VOICE)
    assert clean_leftovers() == 1
    assert not old.exists()
