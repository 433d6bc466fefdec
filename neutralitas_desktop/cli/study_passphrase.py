"""The study passphrase on the command line: from ``NEUTRALITAS_STUDY_PASSPHRASE``, else
typed at the terminal; with neither, one line saying how to give it."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from neutralitas_desktop.errors import PassphraseError, PassphraseRequiredError
from neutralitas_desktop.passphrase_rule import STUDY_PASSPHRASE_ENV

NEW_PASSPHRASE_ENV = "NEUTRALITAS_STUDY_NEW_PASSPHRASE"  # `rekey`'s new passphrase
UNRECOVERABLE = (
    "A forgotten passphrase cannot be recovered: without it the study cannot be opened. "
    "Keep it somewhere safe."
)


def _typed(prompt: str, variable: str, what: str) -> str:
    value = os.environ.get(variable)
    if value:
        return value
    if not sys.stdin.isatty():
        raise PassphraseRequiredError(
            f"{what}: set {variable} (there is no terminal to type the passphrase in)"
        )
    return getpass.getpass(prompt)


def study_passphrase(path: Path, creating: bool) -> str:
    """The passphrase of the study at ``path`` (a new one, typed twice, when ``creating``)."""
    if not creating:
        return _typed(f"Passphrase for {path}: ", STUDY_PASSPHRASE_ENV, f"{path} is encrypted")
    return new_passphrase(path, STUDY_PASSPHRASE_ENV)


def new_passphrase(path: Path, variable: str = STUDY_PASSPHRASE_ENV) -> str:
    """A new passphrase for the study at ``path``: from ``variable``, or typed twice."""
    if os.environ.get(variable):
        return os.environ[variable]
    what = f"a passphrase is needed to encrypt {path}"
    if sys.stdin.isatty():
        print(UNRECOVERABLE, file=sys.stderr)
    first = _typed(f"New passphrase for {path}: ", variable, what)
    if getpass.getpass("Repeat the passphrase: ") != first:
        raise PassphraseError("the two passphrases differ; nothing was changed")
    return first
