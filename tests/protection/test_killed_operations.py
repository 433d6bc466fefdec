"""SIGKILL in the middle of `package --encrypt --include-identities`, `merge` and `export
excel`: no file anywhere outside the study holds a planted identity in clear, and the
next start leaves nothing behind in the private folder or beside the outputs.

The workbook's own content (answers as typed) passes through XlsxWriter's scratch files
in the private folder while it is written; the export here leaves identities out, as an
export does unless ``--include-names`` is given."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from planted import STUDY_PASSPHRASE, TEST_PROFILE, files_with_identities, plant

from neutralitas_desktop.exchange.package import PackageOptions, write_package
from neutralitas_desktop.store.conversion import encrypt_study

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
PACKAGE_PASSPHRASE = "kata sandi paket lapangan"


def _env(tmp_path: Path) -> dict[str, str]:
    system_tmp = tmp_path / "system-tmp"  # tempfile's folder, searched too
    system_tmp.mkdir(exist_ok=True)
    env = dict(os.environ)
    env.update(
        NEUTRALITAS_DATA_DIR=str(tmp_path / "userdata"),
        NEUTRALITAS_PASSPHRASE=PACKAGE_PASSPHRASE,
        NEUTRALITAS_STUDY_PASSPHRASE=STUDY_PASSPHRASE,
        TMPDIR=str(system_tmp),
    )
    return env


def _cli(tmp_path: Path, *argv: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "neutralitas_desktop.cli.main", *argv],
        env=_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _kill_when(proc: subprocess.Popen[bytes], private: Path, point: str) -> bool:
    """SIGKILL ``proc`` as soon as its operation has a scratch folder (``folder``), a file
    in it (``file``), or some time after it started (``0.8s``, ``1.5s``)."""
    started = time.monotonic()
    while proc.poll() is None and time.monotonic() < started + 60:
        folders = [p for p in private.glob("*") if p.is_dir()] if private.is_dir() else []
        if point == "folder":
            ready = bool(folders)
        elif point == "file":
            ready = any(f.is_file() for d in folders for f in d.rglob("*"))
        else:
            ready = time.monotonic() - started > float(point.rstrip("s"))
        if ready:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    return proc.wait(60) == -signal.SIGKILL


@pytest.mark.parametrize("point", ["folder", "file", "1.2s"])
@pytest.mark.parametrize("operation", ["package", "merge", "export"])
def test_a_killed_operation_leaves_no_identity_and_no_leftover(
    demo_study: Any, tmp_path: Path, operation: str, point: str
) -> None:
    study = demo_study
    plant(study.db, study.actor, TEST_PROFILE, typed=operation != "export")
    master = tmp_path / "master.sqlite"  # the supervisor's copy of the study, encrypted
    private = tmp_path / "userdata" / "tmp"
    if operation == "package":
        target, db = tmp_path / "out" / "ids.ndpkg", study.path
        argv = ["package", str(target), "--encrypt", "--include-identities"]
    elif operation == "merge":
        source = tmp_path / "in.ndpkg"
        options = PackageOptions(passphrase=PACKAGE_PASSPHRASE, include_identities=True)
        write_package(study.db, study.actor, source, options)
        study.db.close()
        shutil.copy(study.path, master)
        encrypt_study(master, STUDY_PASSPHRASE)
        target, db = master, master
        argv = ["merge", str(source)]
    else:
        target, db = tmp_path / "out" / "analysis.xlsx", study.path
        argv = ["export", "excel", str(target)]
    target.parent.mkdir(exist_ok=True)
    study.db.close()  # the command has the file to itself (closing twice is harmless)
    _kill_when(_cli(tmp_path, "--db", str(db), *argv), private, point)

    studies = (study.path, master)
    assert files_with_identities(tmp_path, skip=studies) == []
    # the next start removes whatever the killed run left
    nxt = _cli(tmp_path, "--db", str(study.path), "stats")
    assert nxt.wait(60) == 0
    assert not private.exists() or list(private.iterdir()) == []
    beside = [p.name for p in target.parent.iterdir() if p.name.startswith(".")]
    assert beside == []
    assert list((tmp_path / "system-tmp").iterdir()) == []
