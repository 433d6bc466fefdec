"""Hand-built fieldwork for the triangulation tests: three tiny instruments (one per source
type) whose questions evidence themes of the shipped codebook, and a helper that runs
sessions through the real services (start_session, save_answer, set_status)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from neutralitas_desktop.fieldwork.answers import answer_id, save_answer
from neutralitas_desktop.fieldwork.informants import create_informant, record_consent
from neutralitas_desktop.fieldwork.instruments import store_instrument
from neutralitas_desktop.fieldwork.sessions import set_status, start_session
from neutralitas_desktop.fieldwork.sites import find_or_create_site
from neutralitas_desktop.instruments.model import Choice, ChoiceList, Instrument, Question
from neutralitas_desktop.vocabulary import lifecycle

YES_NO = {"yes": "violation", "no": "neutrality", "na": "unclear"}
ACTIONS = ChoiceList(
    "actions",
    (
        Choice("like", {"id": "Menyukai", "en": "Liked"}),
        Choice("share", {"id": "Membagikan", "en": "Shared"}),
        Choice("none", {"id": "Tidak ada", "en": "None"}),
    ),
)
SITE_A = "Kantor Kecamatan Uji A"
SITE_B = "Kelurahan Uji B"
P1 = dt.datetime(2024, 10, 1, 9, 0)  # early campaign period (p1)
P3 = dt.datetime(2024, 11, 15, 9, 0)  # final weeks (p3)
OUTSIDE = dt.datetime(2024, 12, 20, 9, 0)  # after every fieldwork period


def _q(name: str, type_: str, theme: str = "", stance: dict[str, str] | None = None, **kw: Any):  # type: ignore[no-untyped-def]
    return Question(
        name=name,
        type=type_,
        label={"id": f"Pertanyaan {name}", "en": f"Question {name}"},
        theme=theme,
        stance=stance or {},
        **kw,
    )


def _instrument(form_id: str, source_type: str, *questions: Question) -> Instrument:
    return Instrument(
        id=form_id,
        version="1",
        title={"id": form_id, "en": form_id},
        source_type=source_type,
        languages=("id", "en"),
        default_language="id",
        children=questions,
        choice_lists={"actions": ACTIONS},
    )


INTERVIEW = _instrument(
    "tri-interview",
    "interview",
    _q("liked", "yes_no_na", "socmed_engagement", YES_NO),
    _q(
        "actions",
        "select_multiple",
        "socmed_engagement",
        {"like": "violation", "share": "violation", "none": "neutrality"},
        choice_list="actions",
    ),
    _q("story", "long_text", "socmed_engagement"),
    _q("socialised", "yes_no_na", "rules_socialisation", {"yes": "neutrality", "no": "unclear"}),
    _q("unit", "text"),
)
OBSERVATION = _instrument(
    "tri-observation",
    "observation",
    _q("engaged", "yes_no_na", "socmed_engagement", YES_NO),
    _q("account_liked", "yes_no_na", "official_account_use", YES_NO),
    _q("remarks", "long_text"),
)
DOCUMENTATION = _instrument(
    "tri-documentation",
    "documentation",
    _q("shows_engagement", "yes_no_na", "socmed_engagement", YES_NO),
    _q("summary", "long_text", "socmed_conduct"),
)


class Fieldwork:
    """Runs sessions in a study the way the runner would."""

    def __init__(self, study: Any) -> None:
        self.study = study
        self.db = study.db
        self.actor = study.actor
        self.instruments: dict[str, str] = {}
        with self.db.session() as s:
            for ins in (INTERVIEW, OBSERVATION, DOCUMENTATION):
                stored, _ = store_instrument(s, ins, self.actor.device_id)
                self.instruments[ins.source_type] = stored
            self.sites = {
                name: find_or_create_site(s, self.actor, name, "kecamatan")
                for name in (SITE_A, SITE_B)
            }

    def informant(self, role: str, site: str = SITE_A) -> str:
        with self.db.session() as s:
            iid = create_informant(
                s, self.actor, role=role, site_id=self.sites[site], real_name="Nama Asli Rahasia"
            )
        record_consent(self.db, self.actor, iid, "given")
        return iid

    def run(
        self,
        source: str,
        answers: dict[str, str],
        *,
        role: str = "asn_staff",
        informant: str | None = None,
        site: str = SITE_A,
        when: dt.datetime = P1,
        status: str = "completed",
    ) -> str:
        if source == "interview" and informant is None:
            informant = self.informant(role, site)
        with self.db.session() as s:
            sid = start_session(
                s,
                self.actor,
                instrument_id=self.instruments[source],
                site_id=self.sites[site],
                informant_id=informant,
                started_at=when,
            )
        for key, value in answers.items():
            save_answer(self.db, self.actor, sid, key, value)
        for step in lifecycle.path("draft", status):
            set_status(self.db, self.actor, sid, step)
        return sid

    def withdraw(self, informant: str) -> None:
        record_consent(self.db, self.actor, informant, "withdrawn")

    @staticmethod
    def answer(session_id: str, key: str) -> str:
        return answer_id(session_id, key)
