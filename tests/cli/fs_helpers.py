"""Helpers for the failure tests: remounting a small file system read-only, filling it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest


def run(*argv: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(argv, capture_output=True, check=False)


def remount_read_only(mount: Path) -> None:
    done = run("mount", "-o", "remount,ro", str(mount))
    if done.returncode != 0:
        pytest.skip(f"cannot remount read-only: {done.stderr.decode(errors='replace').strip()}")


def fill(mount: Path, leave: int) -> None:
    """Fill the file system at ``mount`` until only about ``leave`` bytes are free."""
    stats = os.statvfs(mount)
    free = stats.f_bavail * stats.f_frsize
    (mount / "filler").write_bytes(bytes(max(free - leave, 0)))
