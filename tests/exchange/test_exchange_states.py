"""The Qt-free parts: every table is classified for packages, the dialogs' state classes,
the manifest's checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from neutralitas_desktop.exchange import tables
from neutralitas_desktop.exchange.manifest import Manifest
from neutralitas_desktop.exchange.results import MergeSummary, ResearcherCounts
from neutralitas_desktop.ui.exchange.merge_state import MergeState
from neutralitas_desktop.ui.exchange.package_state import PackageState, default_path
from neutralitas_desktop.ui.exchange.review_state import ReturnState


def test_every_table_says_whether_it_travels() -> None:
    assert tables.unclassified() == []
    assert "informant_identity" not in tables.WHOLE + tables.FIELDWORK
    assert set(tables.LOCAL) & set(tables.PACKAGED) == set()


def test_package_state_rules(tmp_path: Path) -> None:
    path = default_path(tmp_path, "Laptop Ani / 2", dt.date(2024, 10, 1))
    assert path == tmp_path / "Laptop-Ani-2-2024-10-01.ndpkg"
    state = PackageState(str(path))
    assert state.ready and state.service_arguments()["passphrase"] is None
    state.set_include_identities(True)
    assert state.encrypt and state.problems() == ["short_passphrase"]
    state.passphrase, state.passphrase_again = "rahasia-lapangan", "rahasia"
    assert state.problems() == ["passphrases_differ"]
    state.passphrase_again = "rahasia-lapangan"
    assert state.ready and state.service_arguments()["include_identities"]
    state.set_anonymize(True)
    assert not state.include_identities
    state.set_include_identities(True)
    state.set_encrypt(False)
    assert not state.include_identities and state.passphrase == ""
    state.path = str(tmp_path / "missing" / "x.ndpkg")
    assert state.problems() == ["no_folder"]
    state.path = str(tmp_path / "paket")
    assert state.target == tmp_path / "paket.ndpkg"


def manifest(package_id: str, encrypted: bool = False) -> Manifest:
    return Manifest(
        package_id=package_id, study_id="s", study_title="t", device_id="d", device_name="l",
        researcher_id="r", researcher="Ani", created_at="2024-10-01T08:00:00", app_version="0",
        schema_version="0002", content_sha256="0" * 64, content_size=1,
        counts={"field_session": 3}, encrypted=encrypted,
    )  # fmt: skip


def test_merge_state_flow(tmp_path: Path) -> None:
    state = MergeState()
    state.add(tmp_path / "a.ndpkg", manifest("a"))
    state.add(tmp_path / "b.ndpkg", manifest("b", encrypted=True))
    assert state.add(tmp_path / "a.ndpkg", manifest("a")) is state.entries[0]  # once
    assert not state.can_preview and state.entries[1].needs_passphrase
    state.set_passphrase(1, "rahasia-lapangan")
    assert state.can_preview and not state.can_merge
    assert state.passphrases == {"b": "rahasia-lapangan"}
    summary = MergeSummary("a", tmp_path / "a.ndpkg", "Ani", "l", "2024")
    summary.by_researcher = {"Ani": ResearcherCounts(new_sessions=3, conflicts=1)}
    state.preview = [summary, MergeSummary("b", tmp_path / "b.ndpkg", "Ani", "l", "", True)]
    assert state.can_merge
    assert state.summary_rows(state.preview, "merged before") == [
        ("a.ndpkg", "Ani", "3", "0", "0", "0", "0", "1"),
        ("b.ndpkg", "Ani", "merged before", "", "", "", "", ""),
    ]
    state.add(tmp_path / "c.ndpkg", None, "c.ndpkg: truncated")
    assert state.preview is None and not state.can_preview
    state.remove(2)
    assert state.can_preview


@pytest.mark.parametrize(
    ("session", "questions", "ready"),
    [("", [], False), ("Lengkapi.", [], True), ("", [("q1", "Sumber?")], True)],
)
def test_return_state(session: str, questions: list[tuple[str, str]], ready: bool) -> None:
    state = ReturnState(["q1", "q2"], session)
    for key, comment in questions:
        assert state.add_question_comment(key, comment)
    assert not state.add_question_comment("q9", "tidak ada")
    assert state.ready is ready
    expected = ([(None, session)] if session else []) + questions
    assert state.comments() == expected
