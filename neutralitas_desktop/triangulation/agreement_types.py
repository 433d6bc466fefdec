"""Plain results of coder agreement (investigator triangulation), for the CLI, the screens
and the reports alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from neutralitas_desktop.vocabulary.labels import LocalText


@dataclass(frozen=True)
class Figures:
    """Agreement over a set of units; ``None`` where the figure is undefined."""

    percent_agreement: float | None
    cohen_kappa: float | None  # only with exactly two coders
    krippendorff_alpha: float | None

    def as_json(self) -> dict[str, Any]:
        return {
            "percent_agreement": self.percent_agreement,
            "cohen_kappa": self.cohen_kappa,
            "krippendorff_alpha": self.krippendorff_alpha,
        }


@dataclass(frozen=True)
class Unit:
    """A text coded double: an answer's value or its field note, or one segment (turn) of
    a transcript, from ``start`` to ``end``."""

    answer_id: str
    target: str  # value / note
    session_id: str
    key: str
    text: str
    start: int | None = None
    end: int | None = None

    def overlaps(self, start: int | None, end: int | None) -> bool:
        """Whether a coded passage falls (partly) in this unit."""
        if self.start is None or self.end is None or start is None or end is None:
            return True
        return start < self.end and end > self.start


@dataclass(frozen=True)
class UnitCoding:
    """Whether each coder applied a theme to a unit (``None``: not their material)."""

    unit: Unit
    applied: dict[str, bool | None]  # coder name → applied
    resolved: bool | None = None  # the agreed value, once a disagreement is resolved

    @property
    def disagrees(self) -> bool:
        given = {v for v in self.applied.values() if v is not None}
        return len(given) > 1


@dataclass(frozen=True)
class ThemeAgreement:
    theme: str
    label: LocalText
    before: Figures
    after: Figures  # with resolved disagreements counted as agreed
    units: list[UnitCoding]

    @property
    def disagreements(self) -> int:
        return sum(u.disagrees and u.resolved is None for u in self.units)


@dataclass(frozen=True)
class CoderProgress:
    name: str
    sessions: int
    done: int


@dataclass(frozen=True)
class AgreementReport:
    coders: list[CoderProgress]
    units: int
    themes: list[ThemeAgreement]
    overall_before: Figures
    overall_after: Figures
    resolved: int = 0
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The CLI's JSON: every unit with each coder's choice, so the figures can be
        recomputed by anyone."""
        return {
            "coders": [c.__dict__ for c in self.coders],
            "units": self.units,
            "overall": {
                **self.overall_before.as_json(),
                "after_resolution": (self.overall_after.as_json()),
            },
            "resolved": self.resolved,
            "themes": [
                {
                    "theme": t.theme,
                    **t.before.as_json(),
                    "after_resolution": t.after.as_json(),
                    "units": [
                        {
                            "answer_id": u.unit.answer_id,
                            "target": u.unit.target,
                            "start": u.unit.start,
                            "end": u.unit.end,
                            "session_id": u.unit.session_id,
                            "key": u.unit.key,
                            "coders": dict(u.applied),
                            "resolved": u.resolved,
                        }
                        for u in t.units
                    ],
                }
                for t in self.themes
            ],
        }


@dataclass(frozen=True)
class CoderPassage:
    """One coder's codings of a unit with a theme, for the side-by-side view."""

    coder: str
    applied: bool | None
    excerpts: list[str]
    stances: list[str]
    memos: list[str]


@dataclass(frozen=True)
class Disagreement:
    theme: str
    theme_label: LocalText
    unit: Unit
    sides: list[CoderPassage]
