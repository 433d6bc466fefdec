"""Exceptions a user can cause; their messages say what went wrong and where."""

from __future__ import annotations

import errno

from neutralitas_desktop.vocabulary.messages import Message, default_text, text


class NeutralitasError(Exception):
    """An error caused by the user's input: shown in one line (CLI) or a dialog (GUI).

    Raised with a ``message_id`` (and its parameters), its text is the message's English
    default and ``localized(language)`` gives it in the UI language; raised with a plain
    message, that message is shown as it is.
    """

    def __init__(
        self, message: str = "", *, message_id: Message | None = None, **params: object
    ) -> None:
        self.message_id = message_id
        self.params = dict(params)
        if message_id is not None:
            message = message or default_text(message_id, **params)
        super().__init__(message)

    def localized(self, language: str) -> str:
        """What to show a user whose UI is in ``language``."""
        message_id: Message | None = getattr(self, "message_id", None)
        if message_id is None:
            return str(self)
        return text(message_id, language, **getattr(self, "params", {}))


class InstrumentError(NeutralitasError):
    """An instrument (TOML form or XLSForm) is invalid; carries every problem found."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = list(problems)
        head = f"{source}: {len(problems)} problem(s)" if len(problems) > 1 else source
        body = "; ".join(problems) if len(problems) == 1 else "\n  " + "\n  ".join(problems)
        super().__init__(f"{head}: {body}" if len(problems) == 1 else f"{head}:{body}")


class Cancelled(NeutralitasError):
    """The user stopped an operation; it left nothing half-written (a transaction rolled
    back, a temporary file removed)."""


class DatabaseError(NeutralitasError):
    """A database cannot be opened or used (foreign file, newer schema, unwritable)."""


class NotFoundError(NeutralitasError):
    """A named object (form, session, site, …) does not exist in the study."""


# What the operating system's refusals to write mean to a user; anything else is a bug.
_UNWRITABLE = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied (read-only)",
    errno.EPERM: "permission denied (read-only)",
}


def unwritable(exc: BaseException) -> str | None:
    """Why a write failed, in words, when the machine refused it (disk full, read-only);
    None for any other failure, which should stay a traceback. Looks one level into the
    exception's cause, where libraries (XlsxWriter, reportlab) keep the OSError."""
    for candidate in (exc, exc.__cause__, exc.__context__):
        if isinstance(candidate, OSError) and candidate.errno in _UNWRITABLE:
            return _UNWRITABLE[candidate.errno]
    return None


class PassphraseError(DatabaseError):
    """A study's passphrase is missing, wrong or too weak."""


class WrongPassphraseError(PassphraseError):
    """The passphrase does not open the encrypted study."""


class PassphraseRequiredError(PassphraseError):
    """The study is encrypted and no passphrase was given."""


class WeakPassphraseError(PassphraseError):
    """A new passphrase is too easy to guess."""
