"""Exceptions a user can cause; their messages say what went wrong and where."""

from __future__ import annotations


class NeutralitasError(Exception):
    """An error caused by the user's input: shown in one line (CLI) or a dialog (GUI)."""


class InstrumentError(NeutralitasError):
    """An instrument (TOML form or XLSForm) is invalid; carries every problem found."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = list(problems)
        head = f"{source}: {len(problems)} problem(s)" if len(problems) > 1 else source
        body = "; ".join(problems) if len(problems) == 1 else "\n  " + "\n  ".join(problems)
        super().__init__(f"{head}: {body}" if len(problems) == 1 else f"{head}:{body}")


class DatabaseError(NeutralitasError):
    """A database cannot be opened or used (foreign file, newer schema, unwritable)."""


class NotFoundError(NeutralitasError):
    """A named object (form, session, site, …) does not exist in the study."""


class PassphraseError(DatabaseError):
    """A study's passphrase is missing, wrong or too weak."""


class WrongPassphraseError(PassphraseError):
    """The passphrase does not open the encrypted study."""


class PassphraseRequiredError(PassphraseError):
    """The study is encrypted and no passphrase was given."""


class WeakPassphraseError(PassphraseError):
    """A new passphrase is too easy to guess."""
