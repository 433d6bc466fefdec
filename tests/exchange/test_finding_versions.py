"""A finding edited on two laptops from the same state is a conflict for the review, with
both sides shown and nothing lost; an edit on one laptop merges as before, and so do the
findings of packages written before findings were versioned."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import count
from hostile_helpers import forge
from test_exchange_merge import master_copy

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.exchange.conflicts import list_conflicts, resolve_conflict
from neutralitas_desktop.exchange.merge import merge_files
from neutralitas_desktop.triangulation.audit_trail import audit_trail
from neutralitas_desktop.triangulation.findings import add_finding, get_finding, update_finding


def _theme(db: Any) -> str:
    with db.engine.connect() as con:
        return str(con.exec_driver_sql("SELECT code FROM theme ORDER BY sort, code").scalar())


@pytest.fixture
def shared(study: Any, laptops: Any, tmp_path: Path) -> tuple[Any, Any, str]:
    """Ani's finding, on Budi's laptop and in the master too: the same state everywhere."""
    ani, budi = laptops(1, "Ani Lestari"), laptops(2, "Budi Santoso")
    finding = add_finding(ani.db, ani.actor, _theme(ani.db), "Camat hadir di acara kampanye")
    first = ani.package(tmp_path).path
    budi.merge(first)
    merge_files(study.db, study.actor, [first])
    assert get_finding(budi.db, finding.id).conclusion == "Camat hadir di acara kampanye"
    return ani, budi, finding.id


def _edit_on_both(ani: Any, budi: Any, finding: str) -> None:
    update_finding(ani.db, ani.actor, finding, conclusion="Camat hadir dan berpidato")
    update_finding(
        budi.db, budi.actor, finding, conclusion="Camat hanya lewat", status="rejected",
        reason="foto menunjukkan acara lain",
    )  # fmt: skip


def test_a_finding_edited_on_two_laptops_is_a_conflict_with_nothing_lost(
    study: Any, shared: tuple[Any, Any, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ani, budi, finding = shared
    _edit_on_both(ani, budi, finding)
    a = ani.package(tmp_path, since_last=True).path
    b = budi.package(tmp_path).path
    summaries = merge_files(study.db, study.actor, [a, b])
    assert summaries[1].totals.conflicts == 1
    [conflict] = list_conflicts(study.db)
    assert conflict.kind == "finding" and conflict.ref == finding
    assert conflict.question.startswith("finding on ")
    values = {s.value: s for s in conflict.sides}
    assert set(values) == {
        "tentative: Camat hadir dan berpidato",
        "rejected: Camat hanya lewat",
    }
    assert values["rejected: Camat hanya lewat"].note == "foto menunjukkan acara lain"
    # The side shown is the same whatever the order of the merge: the later device sequence,
    # then the device id; the finding the study shows is that side.
    [shown] = [s for s in conflict.sides if s.shown]
    shown_conclusion = shown.value.split(": ", 1)[1]
    assert get_finding(study.db, finding).conclusion == shown_conclusion
    # The other side is kept in the history, not overwritten.
    for text in ("Camat hadir dan berpidato", "Camat hanya lewat"):
        assert (
            count(
                study.db,
                "SELECT count(*) FROM row_version WHERE entity = 'finding' AND row_id = :f "
                "AND state LIKE :t",
                f=finding,
                t=f"%{text}%",
            )
            == 1
        )
    # The review lists it (CLI); a finding is resolved by choosing a side, not by a value.
    assert main(["--db", str(study.path), "conflicts", "list", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["kind"] == "finding" and len(listed["sides"]) == 2
    with pytest.raises(NeutralitasError, match="choosing one of its sides"):
        resolve_conflict(study.db, study.actor, conflict.ref, value="apa saja")
    keep = next(n for n, s in enumerate(conflict.sides, 1) if "berpidato" in s.value)
    resolve_conflict(study.db, study.actor, conflict.ref, choose=keep)
    after = get_finding(study.db, finding)
    assert (after.conclusion, after.status) == ("Camat hadir dan berpidato", "tentative")
    assert list_conflicts(study.db) == []
    [event] = [e for e in audit_trail(study.db) if e.action == "conflict.resolved"]
    assert event.entity_id == finding and event.detail["chosen"] == conflict.sides[keep - 1].id
    assert event.detail["kept"] == "tentative: Camat hadir dan berpidato"


def test_the_shown_side_does_not_depend_on_the_merge_order(
    study: Any, shared: tuple[Any, Any, str], tmp_path: Path
) -> None:
    ani, budi, finding = shared
    _edit_on_both(ani, budi, finding)
    a = ani.package(tmp_path, since_last=True).path
    b = budi.package(tmp_path).path
    shown = []
    for name, order in (("m1", [a, b]), ("m2", [b, a])):
        db, actor, _ = master_copy(study, tmp_path, name)
        try:
            # Budi's package relays Ani's first version: the master has it from Ani already.
            merge_files(db, actor, order)
            [conflict] = list_conflicts(db)
            shown.append((get_finding(db, finding).conclusion, [s.shown for s in conflict.sides]))
        finally:
            db.close()
    assert shown[0] == shown[1]


def test_a_finding_edited_on_one_laptop_merges_without_conflict(
    study: Any, shared: tuple[Any, Any, str], tmp_path: Path
) -> None:
    ani, budi, finding = shared
    update_finding(ani.db, ani.actor, finding, conclusion="Camat hadir dan berpidato")
    merge_files(
        study.db, study.actor, [ani.package(tmp_path, since_last=True).path,
                                budi.package(tmp_path).path],
    )  # fmt: skip
    assert get_finding(study.db, finding).conclusion == "Camat hadir dan berpidato"
    assert list_conflicts(study.db) == []
    # Back on Budi's laptop (a supervisor's package), and Budi's own later edit then merges.
    budi.merge(_supervisor_package(study, tmp_path))
    assert get_finding(budi.db, finding).conclusion == "Camat hadir dan berpidato"
    update_finding(budi.db, budi.actor, finding, status="rejected", reason="acara lain")
    merge_files(study.db, study.actor, [budi.package(tmp_path, since_last=True).path])
    after = get_finding(study.db, finding)
    assert (after.conclusion, after.status) == ("Camat hadir dan berpidato", "rejected")
    assert list_conflicts(study.db) == []


def _supervisor_package(study: Any, tmp_path: Path) -> Path:
    from neutralitas_desktop.exchange.package import write_package

    out = tmp_path / "from-supervisor.ndpkg"
    write_package(study.db, study.actor, out)
    return out


def test_findings_of_a_package_from_before_versions_merge_as_before(
    study: Any, shared: tuple[Any, Any, str], tmp_path: Path
) -> None:
    ani, _, finding = shared
    update_finding(ani.db, ani.actor, finding, conclusion="Camat hadir dan berpidato")
    package = ani.package(tmp_path, since_last=True).path
    unversioned = "DELETE FROM row_version WHERE entity = 'finding';"
    old = forge(package, tmp_path / "old.ndpkg", unversioned)
    merge_files(study.db, study.actor, [old])
    assert get_finding(study.db, finding).conclusion == "Camat hadir dan berpidato"
    assert list_conflicts(study.db) == []
    # Its state is in the history as the version the laptop recorded: the laptop's next
    # edit, versioned, follows it without a conflict.
    update_finding(ani.db, ani.actor, finding, status="rejected", reason="acara lain")
    merge_files(study.db, study.actor, [ani.package(tmp_path, since_last=True).path])
    after = get_finding(study.db, finding)
    assert (after.conclusion, after.status) == ("Camat hadir dan berpidato", "rejected")
    assert list_conflicts(study.db) == []


def test_the_conflicts_dialog_shows_and_resolves_a_finding_conflict(
    qtbot: Any, study: Any, shared: tuple[Any, Any, str], tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    from neutralitas_desktop.exchange.service import ExchangeService
    from neutralitas_desktop.ui.exchange.conflicts_dialog import ConflictsDialog

    ani, budi, finding = shared
    _edit_on_both(ani, budi, finding)
    merge_files(
        study.db, study.actor, [ani.package(tmp_path, since_last=True).path,
                                budi.package(tmp_path).path],
    )  # fmt: skip
    dialog = ConflictsDialog(ExchangeService(study.db, study.actor))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 1 and len(dialog.choose_buttons) == 2
    kind, what = dialog.model.rows[0][:2]
    theme = _theme(study.db)
    assert kind == "Finding" and what == f"Finding on theme {theme}"
    shown = [label.text() for label in dialog.detail.findChildren(type(dialog.count_label))]
    assert any("Camat hanya lewat" in t for t in shown)
    assert any("Camat hadir dan berpidato" in t for t in shown)
    side = next(n for n, s in enumerate(dialog.conflicts[0].sides) if "lewat" in s.value)
    with qtbot.waitSignal(dialog.resolved):
        qtbot.mouseClick(dialog.choose_buttons[side], Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 0
    after = get_finding(study.db, finding)
    assert (after.conclusion, after.status) == ("Camat hanya lewat", "rejected")
