"""The Qt-free state of the new-session wizard, the profile dialogs and the runner."""

from __future__ import annotations

import pytest
from gui_helpers import PROFILE

from neutralitas_desktop.fieldwork.informants import InformantInfo
from neutralitas_desktop.fieldwork.instruments import InstrumentInfo, get_instrument
from neutralitas_desktop.fieldwork.sites import SiteInfo
from neutralitas_desktop.fieldwork.workspace import Workspace
from neutralitas_desktop.ui.new_session_state import NewSessionState
from neutralitas_desktop.ui.profile_state import ProfileState, suggest_initials
from neutralitas_desktop.ui.runner.session_state import RunnerState


def _instrument(iid: str, source: str) -> InstrumentInfo:
    return InstrumentInfo(iid, iid, "1", {"id": iid}, source, "h", 10, "")


def _informant(iid: str, site: str, consent: str = "given") -> InformantInfo:
    return InformantInfo(
        iid, iid.upper(), "asn_staff", {"id": "ASN"}, site, site, consent, "", None
    )


@pytest.fixture
def wizard() -> NewSessionState:
    return NewSessionState(
        [_instrument("wawancara", "interview"), _instrument("observasi", "observation")],
        [SiteInfo("s1", "Kecamatan A", "kecamatan", ""), SiteInfo("s2", "Desa B", "desa", "")],
        [
            _informant("inf-1", "s1"),
            _informant("inf-2", "s1", "refused"),
            _informant("inf-3", "s2"),
        ],
    )


def test_interviews_need_an_informant_and_consent(wizard: NewSessionState) -> None:
    assert wizard.problem("instrument") == "choose_instrument"
    wizard.choose_instrument("wawancara")
    assert wizard.steps() == ("instrument", "site", "informant", "consent")
    assert wizard.next_step("site") == "informant"
    wizard.choose_site("s1")
    # someone who refused or withdrew cannot be interviewed again
    assert [i.id for i in wizard.site_informants()] == ["inf-1"]
    assert wizard.problem("informant") == "choose_informant"
    wizard.informant_id = "inf-1"
    assert wizard.problem("consent") == "record_consent"
    with pytest.raises(ValueError):
        wizard.request()
    wizard.consent = "refused"
    assert wizard.complete()
    assert wizard.request()["consent"] == "refused"
    wizard.choose_site("s2")  # another site: the informant no longer fits
    assert wizard.informant_id == "" and not wizard.complete()


def test_observations_skip_informant_and_consent(wizard: NewSessionState) -> None:
    wizard.choose_instrument("wawancara")
    wizard.choose_site("s1")
    wizard.informant_id = "inf-1"
    wizard.consent = "given"
    wizard.choose_instrument("observasi")
    assert wizard.steps() == ("instrument", "site")
    assert wizard.next_step("site") is None
    assert wizard.complete()
    request = wizard.request()
    assert request["informant_id"] is None and request["consent"] is None


def test_a_new_informant_is_chosen_at_once(wizard: NewSessionState) -> None:
    wizard.choose_instrument("wawancara")
    wizard.choose_site("s2")
    wizard.add_informant(_informant("inf-9", "s2", "pending"))
    assert wizard.informant_id == "inf-9" and not wizard.problem("informant")


def test_profile_state() -> None:
    assert suggest_initials("Rina Kartika Sari") == "RKS"
    assert suggest_initials("dr. Budi") == "DB"
    state = ProfileState()
    assert state.problems() == ["name", "initials", "device"]
    state.set_name("Rina Kartika")
    assert state.researcher_initials == "RK"
    state.set_initials("rk2")
    assert state.problems() == ["initials", "device"]  # letters only: they go into codes
    state.set_initials("rka")
    state.set_name("Rina Kartika Putri")
    assert state.researcher_initials == "RKA"  # typed initials are kept
    state.device_name = "Laptop tim Ciamis"
    assert state.ok
    state.language = "fr"
    assert state.problems() == ["language"]


def test_runner_state_navigation_find_and_messages(study) -> None:  # type: ignore[no-untyped-def]
    workspace = Workspace(study.db, study.actor, PROFILE)
    iid, _ = get_instrument(study.db, "asn-staff-interview")
    site = workspace.add_site("Kelurahan Padang Bulan")
    informant = workspace.create_informant(role="asn_staff", site_id=site.id)
    sid = workspace.begin_session(
        instrument_id=iid, site_id=site.id, informant_id=informant.id, consent="refused"
    ).session_id
    state = RunnerState(workspace.load_session(sid))
    # consent refused: every section after A is skipped, J remains
    assert state.step(+1) == len(state.sections) - 1
    state.change("a1_consent", "given", immediate=True)
    assert state.step(+1) == 1
    assert state.shows_issue("b1_position") is None  # not nagged before leaving the page
    state.go_to(1)
    state.go_to(2)
    assert state.shows_issue("b1_position").code == "required"
    change = state.change("b4_years_service", "50", immediate=False)
    assert [(r.key, r.value, r.immediate) for r in change.saves] == [
        ("b4_years_service", "50", False)
    ]
    assert state.shows_issue("b4_years_service").code == "constraint"
    hits = state.find("kendaraan dinas")
    assert [(h.key, state.sections[h.section].key) for h in hits] == [
        ("h1_vehicles", "h_facilities")
    ]
    state.focus_key = "c1_socialised"
    state.current = 3  # D: the rules, asked after the social-media acts (C)
    assert state.position() == "c_knowledge|c1_socialised"
    assert state.next_question("c1_socialised") == "c3_knows_like_prohibited"


def test_runner_state_knows_when_a_choice_declines_consent(study) -> None:  # type: ignore[no-untyped-def]
    workspace = Workspace(study.db, study.actor, PROFILE)
    iid, _ = get_instrument(study.db, "asn-staff-interview")
    site = workspace.add_site("Kelurahan Padang Bulan")
    informant = workspace.create_informant(role="asn_staff", site_id=site.id)
    sid = workspace.begin_session(
        instrument_id=iid, site_id=site.id, informant_id=informant.id, consent="given"
    ).session_id
    state = RunnerState(workspace.load_session(sid))
    assert state.declines_consent("a1_consent", "refused")
    assert not state.declines_consent("a1_consent", "given")
    assert not state.declines_consent("b2_unit_other", "refused")  # an "other" text
    assert not state.declines_consent("a2_recording", "refused")  # not a consent question
