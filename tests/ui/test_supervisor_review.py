"""A supervisor reviews on the master: a returned session of another researcher opens
read-only and opening it writes nothing; it becomes editable only when asked for; Approve
and Return are not offered for a draft; hand coding starts from the session list."""

from __future__ import annotations

from gui_helpers import PROFILE, FakeHost, when_modal
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from neutralitas_desktop.exchange.service import ExchangeService
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.fieldwork.workspace import Workspace
from neutralitas_desktop.store.models import Answer, AuditEvent, FieldSession
from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
from neutralitas_desktop.ui.main_window import MainWindow
from neutralitas_desktop.ui.session_table import RowRole
from neutralitas_desktop.ui.triangulation.coding_panel import CodingPanel

SUPERVISOR = Actor("00000000-0000-4000-8000-0000000000aa", None, "Dewi Penyelia")


class Host(FakeHost):
    def exchange_service(self, workspace: Workspace) -> ExchangeService:
        return ExchangeService(workspace.db, workspace.actor)

    def triangulation(self, workspace: Workspace) -> TriangulationWorkbench:
        return TriangulationWorkbench(workspace.db, workspace.actor)

    def report_service(self, workspace: Workspace) -> None:
        return None


def _sessions(researcher: Workspace) -> tuple[str, str]:
    """A completed-then-returned session and a draft, both run by the researcher."""
    iid, _ = get_instrument(researcher.db, "asn-staff-interview")
    site = researcher.add_site("Kelurahan Linggasari", "kelurahan")
    ids = []
    for _ in range(2):
        informant = researcher.create_informant(role="asn_staff", site_id=site.id)
        ids.append(
            researcher.begin_session(
                instrument_id=iid, site_id=site.id, informant_id=informant.id, consent="given"
            ).session_id
        )
    writer = researcher.writer()
    writer.submit(ids[0], "b1_position", "Staf pelayanan")
    writer.close()
    with researcher.db.session() as s:  # completed as the runner would, skipping the rest
        s.get(FieldSession, ids[0]).status = "completed"  # type: ignore[union-attr]
    ExchangeService(researcher.db, SUPERVISOR).return_session(ids[0], "Sumber?")
    return ids[0], ids[1]


def _snapshot(db) -> tuple:  # type: ignore[no-untyped-def,type-arg]
    with db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(AuditEvent)),
            s.scalar(select(func.sum(Answer.revision_count))),
            tuple(s.execute(select(FieldSession.id, FieldSession.position,
                                   FieldSession.updated_at, FieldSession.status))),
        )  # fmt: skip


def _select(window: MainWindow, session_id: str) -> None:
    panel = window.navigator.sessions
    for r in range(panel.proxy.rowCount()):
        index = panel.proxy.index(r, 0)
        if panel.proxy.data(index, RowRole).id == session_id:
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            panel.table.selectionModel().select(index, flags)
            return
    raise AssertionError(session_id)


def test_review_of_a_returned_session_on_the_master(qtbot, themed, workspace, ui_settings):  # type: ignore[no-untyped-def]
    returned, draft = _sessions(workspace)
    master = Workspace(workspace.db, SUPERVISOR, PROFILE)
    window = MainWindow(master, ui_settings, Host())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # Approve / Return are not offered for a draft, are for the returned session
    _select(window, draft)
    window.exchange.update_actions()
    assert not window.exchange.actions["approve"].isEnabled()
    assert not window.exchange.actions["return"].isEnabled()
    _select(window, returned)
    window.exchange.update_actions()
    assert window.exchange.actions["approve"].isEnabled()
    # hand coding straight from the list
    window.analysis._update()
    assert window.analysis.actions["coding"].isEnabled()
    window.analysis.actions["coding"].trigger()
    assert isinstance(window.analysis.windows[f"coding:{returned}"], CodingPanel)
    window.analysis.close_all()
    # opening the returned session: read-only, and nothing is written
    before = _snapshot(workspace.db)
    window.open_session(returned)
    runner = window.runner
    assert runner is not None and not runner.state.editable
    runner._show_section(1)
    card = runner.current_page().card("b1_position")
    assert card is not None and card.input.line.isReadOnly()
    assert runner.unlock_button.isVisible() and not runner.complete_button.isVisible()
    assert runner.readonly_note.isVisible()
    assert not runner.reopen_button.isVisible()
    assert runner.request_close()
    assert _snapshot(workspace.db) == before
    # editing is a choice, confirmed
    window.open_session(returned)
    runner = window.runner
    assert runner is not None

    def accept(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, QMessageBox)
        box.buttons()[0].click()

    errors = when_modal(qtbot, accept, QMessageBox)
    qtbot.mouseClick(runner.unlock_button, Qt.MouseButton.LeftButton)
    assert not errors, errors
    assert runner.state.editable and runner.complete_button.isVisible()
    assert not runner.readonly_note.isVisible()
    runner._show_section(1)
    card = runner.current_page().card("b1_position")
    assert card is not None and not card.input.line.isReadOnly()
    assert window.close_runner()
