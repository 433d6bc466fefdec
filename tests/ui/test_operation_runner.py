"""The one runner for work off the GUI thread, driven as a user would: its progress
dialog follows the steps, Cancel stops the work at its next checkpoint, a failure is said
in one line, and the Changes of a write reach the main window, which refreshes only the
panels that show what changed."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.operations import CancelToken, Changes, Progress
from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
from neutralitas_desktop.ui.operation_runner import OperationRunner, wait_all


@pytest.fixture
def runner(qtbot: Any) -> Iterator[OperationRunner]:
    made = OperationRunner()
    yield made
    made.cancel()
    assert wait_all(10000)


def test_the_dialog_follows_the_steps_and_the_changes_come_back(
    qtbot: Any, runner: OperationRunner
) -> None:
    stepped, go_on = threading.Event(), threading.Event()

    def work(progress: Progress, _cancel: CancelToken) -> Changes:
        progress(1, 3, "answers.xlsx")
        stepped.set()
        go_on.wait(10)
        progress(3, 3)
        return Changes.of(sessions="s1")

    results: list[object] = []
    changes: list[Changes] = []
    runner.changed.connect(changes.append)
    operation = runner.run(work, results.append, title="Exporting")
    dialog = runner.dialog
    assert dialog is not None and runner.busy
    qtbot.waitUntil(lambda: dialog.value() == 1)
    assert stepped.is_set() and dialog.maximum() == 3
    assert dialog.labelText() == "Exporting\nanswers.xlsx"
    go_on.set()
    with qtbot.waitSignal(operation.done, timeout=10000):
        pass
    assert results == [Changes.of(sessions="s1")] and changes == [Changes.of(sessions="s1")]
    qtbot.waitUntil(lambda: not runner.busy)
    assert runner.dialog is None


def test_cancel_in_the_dialog_stops_the_work_at_its_checkpoint(
    qtbot: Any, runner: OperationRunner
) -> None:
    started = threading.Event()
    steps: list[int] = []

    def work(progress: Progress, cancel: CancelToken) -> str:
        started.set()
        for step in range(10_000):
            cancel.check("export")
            steps.append(step)
            progress(step, 10_000)
            threading.Event().wait(0.002)
        return "finished"

    done: list[object] = []
    cancelled: list[bool] = []
    operation = runner.run(
        work, done.append, title="Exporting", cancelled=lambda: cancelled.append(True)
    )
    dialog = runner.dialog
    assert dialog is not None
    assert started.wait(10)
    dialog.show()
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    with qtbot.waitSignal(operation.done, timeout=10000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert cancelled == [True] and done == [] and operation.outcome == "cancelled"
    assert len(steps) < 10_000


def test_a_failure_is_said_in_one_line(qtbot: Any, runner: OperationRunner) -> None:
    def work(_progress: Progress, _cancel: CancelToken) -> None:
        raise NeutralitasError("forms.xlsx, sheet survey, row 4: unknown type 'intger'")

    with qtbot.waitSignal(runner.failed, timeout=10000) as failed:
        runner.run(work)
    assert failed.args == ["forms.xlsx, sheet survey, row 4: unknown type 'intger'"]


def test_a_newer_call_supersedes_an_older_one(qtbot: Any) -> None:
    latest = OperationRunner(latest_only=True)
    release = threading.Event()
    got: list[str] = []

    def slow(_progress: Progress, cancel: CancelToken) -> str:
        release.wait(10)
        return "old filter"

    first = latest.run(slow, got.append)
    second = latest.run(lambda _p, _c: "new filter", got.append)
    assert first.token.cancelled  # the older call was asked to stop
    with qtbot.waitSignal(second.done, timeout=10000):
        pass
    release.set()
    with qtbot.waitSignal(first.done, timeout=10000):
        pass
    assert got == ["new filter"]
    assert wait_all(10000)


# ---- the main window routes changes ------------------------------------------------------
class Spy:
    """Counts the study reads a refresh makes."""

    def __init__(self, workspace: Any) -> None:
        self.calls: dict[str, int] = {"sessions": 0, "informants": 0}
        for name in self.calls:
            real = getattr(workspace, name)
            setattr(workspace, name, self._counting(name, real))

    def _counting(self, name: str, real: Any) -> Any:
        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            return real(*args, **kwargs)

        return counted


def test_an_incident_edit_refreshes_the_matrix_and_not_the_session_list(
    qtbot: Any, window: Any, workspace: Any
) -> None:
    window.host.triangulation = lambda ws: TriangulationWorkbench(ws.db, ws.actor)
    window.navigator.show_tab("informants")
    matrix = window.analysis.open("matrix")
    codebook = window.analysis.open("codebook")
    assert matrix is not None and codebook is not None
    qtbot.waitUntil(lambda: not matrix.worker.busy, timeout=10000)
    refreshed: list[str] = []
    window.router.refreshed.connect(refreshed.append)
    spy = Spy(window.workspace)
    site = workspace.add_site("Kantor Kecamatan Cisaga", "kecamatan")
    bench = TriangulationWorkbench(workspace.db, workspace.actor)
    incident = bench.add_incident(
        site=site.id, theme=bench.themes()[0].code, actor_type="asn_official",
        date_start=dt.date(2024, 10, 3), summary="Camat hadir di kampanye",
    )  # fmt: skip

    window.analysis.changed.emit(incident.changes, "")  # as the link dialog does

    assert refreshed == ["analysis:matrix"]  # the codebook does not show incidents
    assert spy.calls == {"sessions": 0, "informants": 0}  # the study's lists were not read
    qtbot.waitUntil(lambda: not matrix.worker.busy, timeout=10000)

    refreshed.clear()
    window.apply_changes(site.changes)  # a new site: the lists and the matrix
    assert refreshed == ["sessions", "informants", "sites", "analysis:matrix"]
    assert spy.calls == {"sessions": 1, "informants": 1}  # the sites tab is read when shown
    qtbot.waitUntil(lambda: not matrix.worker.busy, timeout=10000)


def test_adding_a_site_in_its_tab_refreshes_only_what_shows_sites(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from neutralitas_desktop.ui import sites_panel

    monkeypatch.setattr(sites_panel.SiteDialog, "exec", lambda self: 1)
    monkeypatch.setattr(
        sites_panel.SiteDialog, "values", lambda self: ("Desa Sindangrasa", "desa", "")
    )
    window.navigator.show_tab("sites")
    refreshed: list[str] = []
    window.router.refreshed.connect(refreshed.append)
    window.navigator.sites.add_button.click()
    assert refreshed == ["sessions", "informants", "sites"]
    names = [
        window.navigator.sites.model.index(r, 0).data()
        for r in range(window.navigator.sites.model.rowCount())
    ]
    assert "Desa Sindangrasa" in names


def test_quitting_stops_running_work_without_waiting_for_the_event_loop(
    qtbot: Any, runner: OperationRunner
) -> None:
    """What the app does when it quits: the work is asked to stop and its thread ends,
    though the GUI thread, blocked in the wait, processes no event meanwhile."""
    from neutralitas_desktop.ui.operation_runner import stop_all

    started = threading.Event()
    stopped_at: list[str] = []

    def work(_progress: Progress, cancel: CancelToken) -> None:
        started.set()
        for _ in range(500):
            if cancel.cancelled:
                stopped_at.append("checkpoint")
                cancel.check()
            threading.Event().wait(0.01)

    operation = runner.run(work)
    assert started.wait(10)
    assert stop_all(10000)  # no event processed: the thread must end by itself
    assert not operation.running and stopped_at == ["checkpoint"]
