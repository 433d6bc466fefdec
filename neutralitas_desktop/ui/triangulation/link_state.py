"""The "Link to incident…" dialog's choices and rules, without Qt: what is being linked
(an answer, its note or a coded excerpt), the incident it goes to (an existing one, or a
new one proposed from the session and the question), and the kind of evidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from neutralitas_desktop.triangulation.proposals import proposed_kind

if TYPE_CHECKING:
    from neutralitas_desktop.triangulation.incident_types import IncidentInfo, LineInfo
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench


@dataclass(frozen=True)
class LinkTarget:
    """What the line of evidence points at, and the session it comes from."""

    session_id: str
    source_type: str
    site_id: str
    date: dt.date
    answer_id: str | None = None
    answer_key: str = ""  # an answer by its key in the session (the runner's)
    coding_id: str | None = None
    note: bool = False
    question: str = ""
    theme_code: str = ""
    text: str = ""
    proposal: dict[str, str] = field(default_factory=dict)  # from the answers around it


@dataclass
class LinkState:
    target: LinkTarget
    incidents: list[IncidentInfo] = field(default_factory=list)
    incident_id: str = ""  # "" creates a new incident from the fields below
    kind: str = ""
    memo: str = ""
    theme: str = ""
    actor_type: str = "asn_staff"
    actor_code: str = ""
    date: dt.date | None = None
    summary: str = ""
    platform: str = ""
    link: str = ""
    favours: str = ""

    def __post_init__(self) -> None:
        t = self.target
        self.kind = self.kind or proposed_kind(t.question, t.source_type)
        self.theme = self.theme or t.theme_code
        for name in ("platform", "link", "favours", "actor_code", "summary"):
            setattr(self, name, getattr(self, name) or t.proposal.get(name, ""))
        try:
            proposed = dt.date.fromisoformat(t.proposal.get("date", "")[:10])
        except ValueError:
            proposed = None
        self.date = self.date or proposed or t.date
        # the session's site first: an incident is usually recorded where it happened
        self.incidents.sort(key=lambda i: (i.site_id != t.site_id, i.date_start))

    @property
    def creating(self) -> bool:
        return not self.incident_id

    def problems(self) -> list[str]:
        """What is missing, as codes the dialog words: theme, summary, date, kind."""
        missing = [] if self.kind else ["kind"]
        if self.creating:
            missing += [name for name in ("theme", "summary") if not getattr(self, name).strip()]
            missing += [] if self.date else ["date"]
        return missing

    def apply(self, workbench: TriangulationWorkbench) -> LineInfo:
        """Create the incident when new, then link the target to it."""
        t = self.target
        incident_id = self.incident_id
        if self.creating:
            assert self.date is not None
            incident_id = workbench.add_incident(
                site=t.site_id, theme=self.theme, actor_type=self.actor_type,
                date_start=self.date, summary=self.summary, actor_code=self.actor_code,
                platform=self.platform, link=self.link, favours=self.favours,
            ).id  # fmt: skip
            self.incident_id = incident_id
        return workbench.link(
            incident_id, self.kind, answer_id=None if t.coding_id else t.answer_id,
            coding_id=t.coding_id, session_id=t.session_id, note=t.note, memo=self.memo,
            question=t.answer_key or None,
        )  # fmt: skip
