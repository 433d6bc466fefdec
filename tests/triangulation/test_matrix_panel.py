"""The matrix screen shows exactly what the service computes, colours cells by their
balance, marks the cells that decided each verdict, and opens a cell's evidence."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from neutralitas_desktop.triangulation.matrix import triangulation_matrix
from neutralitas_desktop.triangulation.types import MatrixQuery
from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
from neutralitas_desktop.ui.triangulation.matrix_model import CountsRole
from neutralitas_desktop.ui.triangulation.matrix_panel import TriangulationPanel


def _panel(qtbot: QtBot, study: Any, language: str = "en") -> TriangulationPanel:
    panel = TriangulationPanel(TriangulationWorkbench(study.db, study.actor), language)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.matrix is not None, timeout=10000)
    return panel


def _shown(panel: TriangulationPanel) -> dict[tuple[str, str], tuple[int, int, int]]:
    model = panel.matrix_model
    assert model.matrix is not None
    shown = {}
    for r in range(model.rowCount()):
        code = model.row_at(r).code
        for c in range(1, model.verdict_column()):
            key = model.column_key(c)
            assert key is not None
            shown[(code, key)] = model.index(r, c).data(CountsRole)
    return shown


def _computed(study: Any, query: MatrixQuery) -> dict[tuple[str, str], tuple[int, int, int]]:
    m = triangulation_matrix(study.db, query)
    return {
        (row.code, col.key): (cell.violation, cell.neutrality, cell.unclear)
        for row in m.rows
        for col, cell in zip(m.columns, row.cells, strict=True)
    }


def test_matrix_widget_shows_the_services_numbers(qtbot: QtBot, demo_study: Any) -> None:
    panel = _panel(qtbot, demo_study)
    model = panel.matrix_model
    assert _shown(panel) == _computed(demo_study, MatrixQuery())
    assert [model.headerData(c, Qt.Orientation.Horizontal, 0) for c in range(5)] == [
        "Theme", "Interview", "Observation", "Documentation", "Verdict",
    ]  # fmt: skip
    # the displayed text of a cell and the verdict column
    m = panel.matrix
    assert m is not None
    row = next(r for r in m.rows if r.verdict.kind == "converging")
    r = [x.code for x in m.rows].index(row.code)
    verdict_text = model.index(r, model.verdict_column()).data()
    assert verdict_text.startswith("Converging: ")
    first_decider = row.verdict.decided_by[0]
    c = m.column_index(first_decider) + 1
    cell = row.cells[c - 1]
    index = model.index(r, c)
    assert index.data() == f"{cell.violation} · {cell.neutrality} · {cell.unclear}"
    assert index.data(Qt.ItemDataRole.FontRole).bold()  # it decided the verdict
    colour = index.data(Qt.ItemDataRole.BackgroundRole).color()
    if row.verdict.stance == "violation":
        assert colour.red() > colour.green()
    else:
        assert colour.green() > colour.red()

    # regroup by source: the widget follows the service again
    with qtbot.waitSignal(panel.matrix_loaded, timeout=10000):
        panel.set_grouping("source")
    assert _shown(panel) == _computed(demo_study, MatrixQuery(by="source"))
    assert panel.matrix is not None and panel.matrix.columns[-1].key == "documentation"

    # filter to approved sessions
    with qtbot.waitSignal(panel.matrix_loaded, timeout=10000):
        panel.session_status.setCurrentIndex(panel.session_status.findData("approved"))
    assert _shown(panel) == _computed(demo_study, MatrixQuery(by="source", status="approved"))


def test_clicking_a_cell_lists_its_evidence(qtbot: QtBot, demo_study: Any) -> None:
    panel = _panel(qtbot, demo_study)
    panel.resize(1200, 800)
    m = panel.matrix
    assert m is not None
    row = max(m.rows, key=lambda r: r.cells[0].total)
    index = panel.matrix_model.index_of(row.code, "interview")
    panel.table.scrollTo(index)
    rect = panel.table.visualRect(index)
    with qtbot.waitSignal(panel.evidence_loaded, timeout=10000) as blocker:
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    items = blocker.args[0]
    cell = row.cells[0]
    assert len(items) == cell.total
    assert panel.evidence_model.rowCount() == cell.total
    assert "Interview" in panel.evidence_title.text()
    first = panel.evidence_model.index(0, 2).data()
    assert first.startswith("INF-")
    assert sorted(e.stance for e in items).count("violation") == cell.violation


def test_matrix_fits_a_laptop_screen(qtbot: QtBot, demo_study: Any) -> None:
    panel = _panel(qtbot, demo_study, language="id")
    panel.resize(1280, 720)
    panel.show()
    qtbot.waitExposed(panel)
    with qtbot.waitSignal(panel.matrix_loaded, timeout=10000):
        panel.set_grouping("source")  # the widest grouping: one column per informant role
    model, table = panel.matrix_model, panel.table
    outcome = model.verdict_column()
    right = table.columnViewportPosition(outcome) + table.columnWidth(outcome)
    assert table.columnViewportPosition(outcome) >= 0 and right <= table.viewport().width()
    total = sum(table.columnWidth(c) for c in range(model.columnCount()))
    assert table.columnWidth(0) <= 300 or total <= table.viewport().width()  # bounded, or room
    longest = max(range(model.rowCount()), key=lambda r: len(model.index(r, 0).data()))
    label = model.index(longest, 0).data().strip()
    assert label in model.index(longest, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_regrouping_after_a_click_keeps_the_theme_and_refreshes_its_evidence(
    qtbot: QtBot, demo_study: Any
) -> None:
    panel = _panel(qtbot, demo_study, language="id")
    panel.resize(1280, 720)
    panel.show()
    qtbot.waitExposed(panel)
    m = panel.matrix
    assert m is not None
    row = max(m.rows, key=lambda r: r.cells[m.column_index("documentation")].total)
    index = panel.matrix_model.index_of(row.code, "documentation")
    panel.table.scrollTo(index)
    with qtbot.waitSignal(panel.evidence_loaded, timeout=10000):
        qtbot.mouseClick(
            panel.table.viewport(),
            Qt.MouseButton.LeftButton,
            pos=panel.table.visualRect(index).center(),
        )
    assert "Dokumentasi" in panel.evidence_title.text()
    with qtbot.waitSignal(panel.evidence_loaded, timeout=10000) as blocker:
        panel.set_grouping("time")  # "Menurut waktu": no documentation column any more
    assert panel.matrix is not None and panel.matrix.query.by == "time"
    assert "×" not in panel.evidence_title.text()
    assert panel.selected == (row.code, None)
    whole_row = sum(c.total for c in panel.matrix.row(row.code).cells)
    assert len(blocker.args[0]) == panel.evidence_model.rowCount() == whole_row
