"""Real unwritable places for the CLI's failure tests: a small tmpfs (to fill up or to
remount read-only), mounted only where the machine allows it, skipped with the reason
where it does not."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _run(*argv: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(argv, capture_output=True, check=False)


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs, unmounted afterwards."""
    mount = tmp_path / "small-fs"
    mount.mkdir()
    done = _run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount))
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip() or "mount failed"
        pytest.skip(f"cannot mount a small file system here (needs root): {reason}")
    try:
        yield mount
    finally:
        _run("umount", "-l", str(mount))


def remount_read_only(mount: Path) -> None:
    done = _run("mount", "-o", "remount,ro", str(mount))
    if done.returncode != 0:
        pytest.skip(f"cannot remount read-only: {done.stderr.decode(errors='replace').strip()}")


def fill(mount: Path, leave: int) -> None:
    """Fill the file system at ``mount`` until only about ``leave`` bytes are free."""
    import os

    stats = os.statvfs(mount)
    free = stats.f_bavail * stats.f_frsize
    (mount / "filler").write_bytes(bytes(max(free - leave, 0)))
