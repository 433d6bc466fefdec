"""The transcript window: typing and saving a transcript, time stamps from the recording,
and the recording played for a moment with its duration read."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tri_audio import recorded_interview, spoken_wav, wav_seconds
from tri_fieldwork import Fieldwork

from neutralitas_desktop.fieldwork.transcripts import get_transcript
from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
from neutralitas_desktop.ui.triangulation.recording_player import multimedia_available
from neutralitas_desktop.ui.triangulation.transcript_window import TranscriptWindow


def _window(qtbot: QtBot, fieldwork: Fieldwork, session_id: str) -> TranscriptWindow:
    window = TranscriptWindow(TriangulationWorkbench(fieldwork.db, fieldwork.actor), session_id)
    qtbot.addWidget(window)
    window.show()
    return window


def test_typing_and_saving_a_transcript(qtbot: QtBot, fieldwork: Fieldwork) -> None:
    sid = recorded_interview(fieldwork, agreed="no")
    window = _window(qtbot, fieldwork, sid)
    assert not window.attach_button.isEnabled()
    assert "did not agree to be recorded" in window.recording_label.text()
    qtbot.keyClicks(window.editor, "P: Apakah Bapak hadir?")
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClick(window.editor, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.editor, "I: Ya, hadir.")
    assert window.status.text() == "Not saved"
    with qtbot.waitSignal(window.saved):
        qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.status.text() == "Saved: 2 turns"
    segments = get_transcript(fieldwork.db, sid).segments
    assert [(s.speaker, s.seconds, s.text) for s in segments] == [
        ("researcher", None, "Apakah Bapak hadir?"),
        ("informant", 0.0, "Ya, hadir."),  # Ctrl+J put [00:00:00] before the turn
    ]


def test_a_laptop_without_sound_output_keeps_the_recording_and_says_why_it_is_silent(
    qtbot: QtBot, fieldwork: Fieldwork, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No player is made (it could block opening an output there is not); the recording
    is stored and the transcript is typed as usual."""
    from neutralitas_desktop.ui.triangulation import transcript_window

    if not multimedia_available():
        pytest.skip("QtMultimedia (PySide6-Addons) is not installed")
    monkeypatch.setattr(transcript_window, "audio_output_available", lambda: False)
    sid = recorded_interview(fieldwork)
    window = _window(qtbot, fieldwork, sid)
    window.attach(spoken_wav(tmp_path))
    assert window.player is None
    assert window.recording_label.text() == (
        "Recording wawancara.wav is stored; this laptop has no sound output to play it on. "
        "Connect speakers or headphones, then open the transcript again."
    )
    assert window.workbench.recording(sid) is not None
    qtbot.keyClick(window.editor, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)  # play: nothing to play, no error
    assert window.editor.toPlainText() == "[00:00:00] "


def test_recording_plays_beside_the_transcript(
    qtbot: QtBot, fieldwork: Fieldwork, tmp_path: Path
) -> None:
    from neutralitas_desktop.ui.triangulation.recording_player import audio_output_available

    if not audio_output_available():
        pytest.skip(
            "no audio output on this machine: the window makes no player there (tested "
            "above); playback is tested where there is one"
        )
    wav = spoken_wav(tmp_path)
    sid = recorded_interview(fieldwork)
    window = _window(qtbot, fieldwork, sid)
    assert window.attach_button.isEnabled() and window.player is None
    window.attach(wav)
    if not multimedia_available():
        assert "needs QtMultimedia" in window.recording_label.text()
        pytest.skip("QtMultimedia (PySide6-Addons) is not installed")
    player = window.player
    assert player is not None and window.recording_label.text() == "wawancara.wav"
    qtbot.waitUntil(lambda: player.duration_ms > 0, timeout=10000)
    assert player.duration_ms / 1000 == pytest.approx(wav_seconds(wav), abs=0.1)
    player.speed.setCurrentIndex(player.speed.findData(0.5))  # slow playback
    assert player.player.playbackRate() == 0.5
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)  # play
    try:
        qtbot.waitUntil(lambda: player.player.position() > 300, timeout=5000)
    except AssertionError:
        pytest.skip("no audio backend plays offscreen on this machine")
    assert player.playing and player.play_button.text() == "Pause"
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)  # pause
    qtbot.waitUntil(lambda: not player.playing, timeout=5000)
    paused_at = player.seconds
    qtbot.keyClick(window.editor, Qt.Key.Key_F1)  # back 5 s (to the start here)
    qtbot.waitUntil(lambda: player.player.position() == 0, timeout=5000)
    assert paused_at > 0.3
    window.editor.setPlainText("P: [00:00:03] Apakah Bapak bersedia?")
    cursor_rect = window.editor.cursorRect(window.editor.document().find("00:03"))
    qtbot.mouseClick(window.editor.viewport(), Qt.MouseButton.LeftButton, pos=cursor_rect.center())
    qtbot.waitUntil(lambda: abs(player.player.position() - 3000) < 300, timeout=5000)
    window.close()
