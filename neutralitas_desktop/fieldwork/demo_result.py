"""What a demo added, counted, and the ``Changes`` it reports (the demo writes in bulk)."""

from __future__ import annotations

from dataclasses import dataclass, field

from neutralitas_desktop.operations import UNLISTED, Changes


@dataclass
class DemoResult:
    sessions: int = 0
    answers: int = 0
    codings: int = 0
    informants: int = 0
    sites: int = 0
    by_source: dict[str, int] = field(default_factory=dict)

    @property
    def changes(self) -> Changes:
        """Rows of every kind a demo makes, in bulk."""
        kinds = ("sessions", "answers", "codings", "informants", "sites")
        return Changes.of(**{kind: UNLISTED for kind in kinds if getattr(self, kind)})
