"""The new-session wizard's choices and rules, without Qt: instrument, site, informant
and consent; observations and document reviews skip the informant and consent steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from neutralitas_desktop.vocabulary import ConsentMethod
from neutralitas_desktop.vocabulary.terms import values

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.informants import InformantInfo
    from neutralitas_desktop.fieldwork.instruments import InstrumentInfo
    from neutralitas_desktop.fieldwork.sites import SiteInfo

STEPS = ("instrument", "site", "informant", "consent")
# "form" is recorded by an imported ODK submission only; researchers pick the others.
CONSENT_METHODS = tuple(m for m in values(ConsentMethod) if m != ConsentMethod.FORM)


@dataclass
class NewSessionState:
    instruments: list[InstrumentInfo]
    sites: list[SiteInfo]
    informants: list[InformantInfo] = field(default_factory=list)
    instrument_id: str = ""
    site_id: str = ""
    informant_id: str = ""
    consent: str = ""  # given / refused
    consent_method: str = "oral"
    consent_note: str = ""
    language: str = "id"
    # The separate consent to be named as a source in a report to an authority; starts as
    # the informant's recorded answer, and only a given consent carries it.
    consent_named: bool = False

    # ---- which steps -----------------------------------------------------------------
    @property
    def instrument(self) -> InstrumentInfo | None:
        return next((i for i in self.instruments if i.id == self.instrument_id), None)

    @property
    def is_interview(self) -> bool:
        instrument = self.instrument
        return instrument is not None and instrument.source_type == "interview"

    def steps(self) -> tuple[str, ...]:
        return STEPS if self.is_interview else STEPS[:2]

    def next_step(self, step: str) -> str | None:
        steps = self.steps()
        index = steps.index(step) + 1 if step in steps else len(steps)
        return steps[index] if index < len(steps) else None

    # ---- choices -------------------------------------------------------------------
    def choose_instrument(self, instrument_id: str) -> None:
        self.instrument_id = instrument_id
        if not self.is_interview:
            self.informant_id = ""
            self.consent = ""

    def choose_site(self, site_id: str) -> None:
        if site_id != self.site_id:
            self.site_id = site_id
            informant = self.informant
            if informant is not None and informant.site_id != site_id:
                self.informant_id = ""

    def site_informants(self) -> list[InformantInfo]:
        """Informants of the chosen site; those who refused or withdrew cannot be picked."""
        return [
            i
            for i in self.informants
            if i.site_id == self.site_id and i.consent_status not in ("refused", "withdrawn")
        ]

    @property
    def informant(self) -> InformantInfo | None:
        return next((i for i in self.informants if i.id == self.informant_id), None)

    def add_informant(self, informant: InformantInfo) -> None:
        self.informants = [*self.informants, informant]
        self.informant_id = informant.id

    # ---- validation ----------------------------------------------------------------
    def problem(self, step: str) -> str:
        """Why a step cannot be left yet, as a code ("" when it can)."""
        if step == "instrument" and self.instrument is None:
            return "choose_instrument"
        if step == "site" and not any(s.id == self.site_id for s in self.sites):
            return "choose_site"
        if step == "informant" and self.is_interview and self.informant is None:
            return "choose_informant"
        if step == "consent" and self.is_interview:
            if self.consent not in ("given", "refused"):
                return "record_consent"
            if self.consent_method not in CONSENT_METHODS:
                return "consent_method"
        return ""

    def complete(self) -> bool:
        return all(not self.problem(step) for step in self.steps())

    def request(self) -> dict[str, object]:
        """Keyword arguments for Workspace.begin_session."""
        if not self.complete():
            raise ValueError("the new session is not fully described yet")
        return {
            "instrument_id": self.instrument_id,
            "site_id": self.site_id,
            "informant_id": self.informant_id if self.is_interview else None,
            "consent": self.consent if self.is_interview else None,
            "consent_method": self.consent_method,
            "consent_note": self.consent_note,
            "language": self.language,
            "consent_named": self.consent_named if self.consent == "given" else None,
        }
