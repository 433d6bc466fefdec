"""This installation's identity: a stable device id and who works on this laptop.

Kept in the data folder (not QSettings) because the CLI needs it as much as the GUI.
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
import time
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
    """The saved profile, or a new one with a fresh device id (saved at once).

    A data folder is one device: when two processes start on a new folder at once, the
    first profile written is the one both use (never two device ids for one folder)."""
    path = profile_path()
    try:
        return _read(path)
    except FileNotFoundError:
        profile = _new_profile()
        try:
            _write(path, profile, replace=False)
        except FileExistsError:  # another process made it meanwhile: it is this device
            return _read(path)
        return profile
    except (OSError, ValueError, TypeError):
        return _replace_damaged(path)


def save_profile(profile: LocalProfile) -> None:
    _write(profile_path(), profile, replace=True)


def _read(path: Path) -> LocalProfile:
    data = json.loads(path.read_text(encoding="utf-8"))
    return LocalProfile(**{k: v for k, v in data.items() if k in LocalProfile.__annotations__})


def _replace_damaged(path: Path) -> LocalProfile:
    """An unreadable profile is set aside (never deleted: it may be all that names the
    researcher) and replaced. The device stays the device its key says it is: with one
    device key in the folder, its id is kept, so this laptop's packages are still signed
    as the device the supervisor trusts; only without a key is the device new."""
    from neutralitas_desktop.fieldwork.device_key import devices_with_keys  # rarely needed

    keys = devices_with_keys(path.parent)
    profile = _new_profile(keys.pop() if len(keys) == 1 else None)
    try:
        path.replace(path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}"))
    except FileNotFoundError:
        pass  # another process set it aside first
    except OSError:  # it cannot be moved: overwrite it
        save_profile(profile)
        return profile
    try:
        _write(path, profile, replace=False)
    except FileExistsError:  # another process replaced it meanwhile: it is this device
        return _read(path)
    return profile


def _new_profile(device_id: str | None = None) -> LocalProfile:
    return LocalProfile(
        device_id=device_id or str(uuid.uuid4()),
        device_name=os.environ.get("NEUTRALITAS_DEVICE_NAME") or socket.gethostname(),
    )


def _write(path: Path, profile: LocalProfile, *, replace: bool) -> None:
    """Write through a temporary file of this process's own, so a reader never sees half
    a profile; ``replace=False`` refuses to overwrite one another process wrote."""
    fd, name = tempfile.mkstemp(prefix=".profile-", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(json.dumps(asdict(profile), indent=2))
        private_file(tmp)  # names a researcher: owner-only
        if replace:
            tmp.replace(path)
        else:
            os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
