"""A new study passphrase as the first-run and encrypt dialogs edit it (no Qt): typed
twice, strong enough (passphrase_rule), or an explicit choice not to encrypt."""

from __future__ import annotations

from dataclasses import dataclass

from neutralitas_desktop.passphrase_rule import is_strong


@dataclass
class NewPassphraseState:
    passphrase: str = ""
    repeat: str = ""
    unencrypted: bool = False
    allow_unencrypted: bool = True  # False when encrypting an existing study

    def problems(self) -> list[str]:
        """Codes of what is wrong: ``weak``, ``mismatch``."""
        if self.unencrypted and self.allow_unencrypted:
            return []
        problems = []
        if not is_strong(self.passphrase):
            problems.append("weak")
        if self.repeat != self.passphrase:
            problems.append("mismatch")
        return problems

    @property
    def ok(self) -> bool:
        return not self.problems()

    @property
    def chosen(self) -> str | None:
        """The passphrase to encrypt with; None for a plain study."""
        if self.unencrypted and self.allow_unencrypted:
            return None
        return self.passphrase
