"""A real small file system for the CLI's failure tests (to fill up or to remount
read-only), mounted only where the machine allows it, skipped with the reason where not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fs_helpers import run


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs, unmounted afterwards."""
    mount = tmp_path / "small-fs"
    mount.mkdir()
    done = run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount))
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip() or "mount failed"
        pytest.skip(f"cannot mount a small file system here (needs root): {reason}")
    try:
        yield mount
    finally:
        run("umount", "-l", str(mount))
