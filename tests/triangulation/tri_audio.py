"""Spoken test audio: a WAV file made by espeak-ng (skipped where it is not installed), and
an interview whose informant agreed to be recorded."""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import pytest
from tri_fieldwork import Fieldwork

SPEECH = "Selamat pagi, Bapak. Apakah Bapak bersedia wawancara ini direkam?"


def spoken_wav(folder: Path) -> Path:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    path = folder / "wawancara.wav"
    subprocess.run(["espeak-ng", "-v", "id", "-w", str(path), SPEECH], check=True)
    return path


def wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def recorded_interview(fieldwork: Fieldwork, agreed: str = "yes") -> str:
    return fieldwork.run("interview", {"a2_recording": agreed, "story": "cerita"})
