"""The app's private folder for temporary files, and owner-only permissions.

Every operation that needs scratch space (unpacking a package, staging a merge,
XlsxWriter's parts, a report or package being written) gets a folder of its own under
``<data folder>/tmp`` that is removed when the operation ends or fails. A folder whose
process is gone (a crash, a SIGKILL) is removed at the next start of the app or the CLI.
Files and folders are made owner-only (0600 / 0700) on POSIX; on Windows the user
profile's ACLs already keep them private.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from neutralitas_desktop.paths import data_dir

POSIX = os.name == "posix"
FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_file(path: Path) -> Path:
    """Make ``path`` readable and writable by its owner only (POSIX)."""
    if POSIX:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, FILE_MODE)
    return path


def private_folder(path: Path) -> Path:
    """Create ``path`` (and missing parents) as a folder only its owner can enter (POSIX)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True)
    if POSIX:
        for folder in missing:
            os.chmod(folder, FOLDER_MODE)
    return path


def root() -> Path:
    """``<data folder>/tmp``, owner-only."""
    folder = data_dir() / "tmp"
    private_folder(folder)
    if POSIX:
        os.chmod(folder, FOLDER_MODE)
    return folder


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        kernel = ctypes.windll.kernel32
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        try:
            kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def scratch_name(name: str) -> str:
    """``<name>-<pid>-<token>``: a scratch file's or folder's name, which tells whose it is."""
    return f"{name}-{os.getpid()}-{secrets.token_hex(4)}"


def left_by_dead_process(name: str) -> bool:
    """Whether a ``scratch_name`` (or a name without a process in it) is no running
    process's: what a crash left, to remove."""
    try:
        pid = int(name.rsplit("-", 2)[-2])
    except (IndexError, ValueError):
        return True
    return not (pid > 0 and _alive(pid))


@contextlib.contextmanager
def operation(name: str) -> Iterator[Path]:
    """A fresh private folder for one operation, removed with everything in it at the end."""
    folder = root() / scratch_name(name)
    folder.mkdir(mode=FOLDER_MODE)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# Folders of the data folder where earlier versions left decrypted copies (played
# recordings, in clear): removed at every start.
_OLD_CLEAR_COPIES = ("playback",)


def clean_leftovers() -> int:
    """Remove what operations of processes that no longer run left behind; returns how
    many folders were removed. Folders of running processes are left alone."""
    removed = 0
    for name in _OLD_CLEAR_COPIES:
        old = data_dir() / name
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
            removed += 1
    folder = data_dir() / "tmp"
    if not folder.is_dir():
        return removed
    for entry in folder.iterdir():
        if not left_by_dead_process(entry.name):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed += 1
    return removed


def new_file(path: Path) -> Path:
    """Create ``path`` empty and owner-only; fails if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)
    return private_file(path)


@contextlib.contextmanager
def staged_output(target: Path, name: str = "output") -> Iterator[Path]:
    """A private temporary file to write ``target``'s content into; moved into place only
    when the block succeeds (owner-only), removed when it fails. A target on another
    disk is copied beside itself under a hidden name first, then renamed."""
    with operation(name) as folder:
        tmp = new_file(folder / target.name)
        yield tmp
        private_file(tmp)
        try:
            os.replace(tmp, target)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            beside = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
            try:
                shutil.copyfile(tmp, beside)
                private_file(beside)
                os.replace(beside, target)
            finally:
                with contextlib.suppress(OSError):  # on a read-only disk even this fails
                    beside.unlink()
