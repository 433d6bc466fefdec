"""Where the shipped forms and resources and the user's data folder are."""

from __future__ import annotations

import os
from pathlib import Path

from neutralitas_desktop import APP_NAME

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    # In a wheel the folder is inside the package; in a source checkout it is beside it.
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def forms_dir() -> Path:
    return _shipped("forms")


def resources_dir() -> Path:
    return _shipped("resources")


def data_dir() -> Path:
    """The user's data folder; `NEUTRALITAS_DATA_DIR` overrides it (tests always set it)."""
    override = os.environ.get("NEUTRALITAS_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_path  # a few hundredths of a second: when needed

        path = user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)  # owner-only (POSIX)
    return path


def default_database() -> Path:
    return data_dir() / "study.sqlite"
