"""The export dialogs' state, without Qt: defaults, validation and the request it makes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from neutralitas_desktop.reports import export_options as opts
from neutralitas_desktop.reports.export_options import (
    Choice,
    ExportChoices,
    ExportOptionsState,
    default_file_name,
)
from neutralitas_desktop.reports.service import ReportService

CHOICES = ExportChoices(
    study_title="Netralitas ASN menjelang Pilkada",
    sites=("Desa Trirenggo", "Kelurahan Setianagara"),
    sessions=(Choice("1234abcd-0000", "INF-07 · Wawancara"), Choice("9999ffff-1111", "Observasi")),
    forms=(Choice("asn-staff-interview", "Pedoman wawancara ASN"),),
)


def test_defaults_and_file_names(tmp_path: Path) -> None:
    state = ExportOptionsState("excel", CHOICES, tmp_path)
    assert state.path.parent == tmp_path and state.path.suffix == ".xlsx"
    assert state.path.name.startswith("netralitas-asn-menjelang-pilkada-data-")
    assert state.is_valid and state.language == "id"
    assert default_file_name("blank", "Uji / coba", dt.date(2024, 11, 1), "asn-staff") == (
        "uji-coba-form-asn-staff-2024-11-01.pdf"
    )
    session = ExportOptionsState("session", CHOICES, tmp_path)
    assert session.session_id == "1234abcd-0000" and "1234abcd" in session.path.name
    session.select(session_id="9999ffff-1111")
    assert "9999ffff" in session.path.name  # a suggested name follows the choice
    session.set_path(tmp_path / "mine.pdf")
    session.select(session_id="1234abcd-0000")
    assert session.path.name == "mine.pdf"  # a name the user typed stays


def test_validation(tmp_path: Path) -> None:
    state = ExportOptionsState("summary", CHOICES, tmp_path)
    state.set_path("")
    assert state.problems() == [opts.NO_PATH]
    state.set_path(tmp_path / "nowhere" / "x.pdf")
    assert opts.NO_FOLDER in state.problems()
    state.set_path(tmp_path / "x.xlsx")
    assert state.problems() == [opts.WRONG_SUFFIX]
    with pytest.raises(ValueError):
        state.request()
    empty = ExportOptionsState("blank", ExportChoices("S", (), (), ()), tmp_path)
    assert opts.NO_FORM in empty.problems()


def test_names_and_anonymisation_exclude_each_other(tmp_path: Path) -> None:
    state = ExportOptionsState("excel", CHOICES, tmp_path)
    state.set_include_names(True)
    state.set_anonymize(True)
    assert (state.anonymize, state.include_names) == (True, False)
    state.set_include_names(True)
    assert (state.anonymize, state.include_names) == (False, True)


def test_a_transcript_can_be_anonymised_the_summary_always_is(tmp_path: Path) -> None:
    offered = {
        kind: (
            ExportOptionsState(kind, CHOICES, tmp_path).can_anonymize,
            ExportOptionsState(kind, CHOICES, tmp_path).has_identity_options,
        )
        for kind in ("excel", "summary", "session", "blank")
    }
    assert offered == {
        "excel": (True, True),
        "summary": (False, False),  # redacted whatever is chosen
        "session": (True, False),
        "blank": (False, False),
    }
    session = ExportOptionsState("session", CHOICES, tmp_path)
    session.set_anonymize(True)
    assert session.request().anonymize
    summary = ExportOptionsState("summary", CHOICES, tmp_path)
    summary.set_anonymize(True)
    assert not summary.request().anonymize


def test_request_carries_filters_in_a_stable_order(tmp_path: Path) -> None:
    state = ExportOptionsState("excel", CHOICES, tmp_path)
    state.toggle_site("Kelurahan Setianagara", True)
    state.toggle_site("Desa Trirenggo", True)
    state.toggle_status("returned", True)
    state.toggle_status("approved", True)
    state.toggle_status("returned", False)
    state.set_anonymize(True)
    request = state.request()
    assert request.filter.sites == ("Desa Trirenggo", "Kelurahan Setianagara")
    assert request.filter.statuses == ("approved",)
    assert request.anonymize and not request.include_names
    blank = ExportOptionsState("blank", CHOICES, tmp_path)
    blank.toggle_site("Desa Trirenggo", True)
    assert blank.request().filter.sites == ()  # a blank form has no filters
    assert blank.request().form_id == "asn-staff-interview"


def test_the_service_offers_the_study(demo_study, tmp_path: Path) -> None:
    service = ReportService(demo_study.db)
    choices = service.choices("en")
    assert choices.study_title.startswith("Civil-servant")
    assert len(choices.sites) == 8 and len(choices.forms) == 5
    assert choices.sessions and all(c.label for c in choices.sessions)
    state = ExportOptionsState("blank", choices, tmp_path)
    outcome = service.run(state.request())
    assert outcome.path.exists() and outcome.is_pdf
