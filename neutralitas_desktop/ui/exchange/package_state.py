"""The choices of File > Export field package…, without Qt: where to, what, how protected,
and what is wrong with them (as codes the dialog translates)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MIN_PASSPHRASE = 8
SUFFIX = ".ndpkg"


def default_path(folder: Path, device_name: str, today: dt.date | None = None) -> Path:
    day = (today or dt.date.today()).isoformat()
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", device_name).strip("-") or "laptop"
    return folder / f"{name}-{day}{SUFFIX}"


@dataclass
class PackageState:
    path: str
    researchers: list[tuple[str, str]] = field(default_factory=list)  # (id, name)
    since_last: bool = False
    anonymize: bool = False
    encrypt: bool = False
    include_identities: bool = False
    passphrase: str = ""
    passphrase_again: str = ""
    researcher_id: str | None = None  # only this researcher's sessions

    def set_anonymize(self, on: bool) -> None:
        self.anonymize = on
        if on:
            self.include_identities = False

    def set_include_identities(self, on: bool) -> None:
        self.include_identities = on
        if on:  # identities travel only encrypted, never anonymised
            self.anonymize = False
            self.encrypt = True

    def set_encrypt(self, on: bool) -> None:
        self.encrypt = on
        if not on:
            self.include_identities = False
            self.passphrase = self.passphrase_again = ""

    def problems(self) -> list[str]:
        """Codes: no_path, no_folder, short_passphrase, passphrases_differ."""
        found = []
        path = Path(self.path.strip()) if self.path.strip() else None
        if path is None:
            found.append("no_path")
        elif not path.parent.is_dir():
            found.append("no_folder")
        if self.encrypt:
            if len(self.passphrase) < MIN_PASSPHRASE:
                found.append("short_passphrase")
            elif self.passphrase != self.passphrase_again:
                found.append("passphrases_differ")
        return found

    @property
    def ready(self) -> bool:
        return not self.problems()

    @property
    def target(self) -> Path:
        path = Path(self.path.strip())
        return path if path.suffix else path.with_suffix(SUFFIX)

    def service_arguments(self) -> dict[str, Any]:
        return {
            "since_last": self.since_last,
            "anonymize": self.anonymize,
            "passphrase": self.passphrase if self.encrypt else None,
            "include_identities": self.include_identities,
            "researcher_id": self.researcher_id,
        }
