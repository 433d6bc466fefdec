"""Who works on this laptop, as the first-run and settings dialogs edit it (no Qt):
UI language, the researcher's name and initials, and a name for the laptop."""

from __future__ import annotations

import re
from dataclasses import dataclass

LANGUAGES = ("id", "en")
_INITIALS_RE = re.compile(r"^[A-Za-z]{1,4}$")


def suggest_initials(name: str) -> str:
    """ "Rina Peneliti" -> "RP"; used for informant codes (INF-RP01)."""
    words = [w for w in re.split(r"[\s.\-]+", name) if w and w[0].isalpha()]
    return "".join(w[0] for w in words[:3]).upper()


@dataclass
class ProfileState:
    language: str = "id"
    researcher_name: str = ""
    researcher_initials: str = ""
    device_name: str = ""
    initials_edited: bool = False

    def set_name(self, name: str) -> None:
        self.researcher_name = name
        if not self.initials_edited:
            self.researcher_initials = suggest_initials(name)

    def set_initials(self, initials: str) -> None:
        self.researcher_initials = initials.strip().upper()
        self.initials_edited = True

    def problems(self) -> list[str]:
        """Codes of what is missing or wrong, in the order of the fields."""
        problems = []
        if self.language not in LANGUAGES:
            problems.append("language")
        if not self.researcher_name.strip():
            problems.append("name")
        if not _INITIALS_RE.match(self.researcher_initials):
            problems.append("initials")
        if not self.device_name.strip():
            problems.append("device")
        return problems

    @property
    def ok(self) -> bool:
        return not self.problems()
