"""This installation's identity: a stable device id and who works on this laptop.

Kept in the data folder (not QSettings) because the CLI needs it as much as the GUI.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from neutralitas_desktop.paths import data_dir
from neutralitas_desktop.private_tmp import private_file

PROFILE_FILE = "profile.json"


@dataclass
class LocalProfile:
    device_id: str
    device_name: str
    researcher_name: str = ""
    researcher_initials: str = ""
    ui_language: str = "id"
    completed_first_run: bool = False

    @property
    def researcher_label(self) -> str:
        return self.researcher_name or self.device_name


def profile_path() -> Path:
    return data_dir() / PROFILE_FILE


def load_profile() -> LocalProfile:
    """The saved profile, or a new one with a fresh device id (saved at once)."""
    path = profile_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LocalProfile(**{k: v for k, v in data.items() if k in LocalProfile.__annotations__})
    except (OSError, ValueError, TypeError):
        profile = LocalProfile(
            device_id=str(uuid.uuid4()),
            device_name=os.environ.get("NEUTRALITAS_DEVICE_NAME") or socket.gethostname(),
        )
        save_profile(profile)
        return profile


def save_profile(profile: LocalProfile) -> None:
    path = profile_path()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(profile), indent=2), encoding="utf-8")
    private_file(tmp)  # names a researcher: owner-only
    tmp.replace(path)
