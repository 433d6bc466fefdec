"""The matrix screen shows exactly what the service computes: incidents by corroboration
and lines per cell, the simpulan per theme coloured, the answers as context, the cells
that decided it in bold; a cell opens its incidents, an incident opens the incident view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from neutralitas_desktop.triangulation.matrix import triangulation_matrix
from neutralitas_desktop.triangulation.types import MatrixQuery
from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
from neutralitas_desktop.ui.triangulation.matrix_model import KINDS, CountsRole
from neutralitas_desktop.ui.triangulation.matrix_panel import TriangulationPanel

Counts = tuple[int, int, int, int, int]


def _panel(qtbot: QtBot, study: Any, language: str = "en") -> TriangulationPanel:
    panel = TriangulationPanel(TriangulationWorkbench(study.db, study.actor), language)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.matrix is not None, timeout=10000)
    return panel


def _shown(panel: TriangulationPanel) -> dict[tuple[str, str], Counts]:
    model = panel.matrix_model
    assert model.matrix is not None
    shown = {}
    for r in range(model.rowCount()):
        code = model.row_at(r).code
        for c in range(1, model.conclusion_column()):
            key = model.column_key(c)
            assert key is not None
            shown[(code, key)] = model.index(r, c).data(CountsRole)
    return shown


def _computed(study: Any, query: MatrixQuery) -> dict[tuple[str, str], Counts]:
    m = triangulation_matrix(study.db, query)
    return {
        (row.code, col.key): (*(cell.count(k) for k in KINDS), cell.lines)
        for row in m.rows
        for col, cell in zip(m.columns, row.cells, strict=True)
    }


def test_matrix_widget_shows_the_services_numbers(qtbot: QtBot, demo_study: Any) -> None:
    panel = _panel(qtbot, demo_study)
    model = panel.matrix_model
    assert _shown(panel) == _computed(demo_study, MatrixQuery())
    assert [model.headerData(c, Qt.Orientation.Horizontal, 0) for c in range(6)] == [
        "Theme", "Interview", "Observation", "Documentation", "Triangulation conclusion",
        "Context: answers",
    ]  # fmt: skip
    m = panel.matrix
    assert m is not None
    row = next(r for r in m.rows if r.conclusion.kind == "corroborated")
    r = [x.code for x in m.rows].index(row.code)
    conclusion = model.index(r, model.conclusion_column())
    assert conclusion.data() == f"Corroborated incident(s) ({row.conclusion.incidents})"
    shade = conclusion.data(Qt.ItemDataRole.BackgroundRole).color()
    assert shade.red() > shade.green()  # an attested violation reads red
    c = m.column_index(row.conclusion.decided_by[0]) + 1
    cell = row.cells[c - 1]
    index = model.index(r, c)
    assert index.data() == (
        f"{cell.corroborated} · {cell.single_line} · {cell.contradicted} · {cell.unattested}"
        f"  ({cell.lines})"
    )
    assert index.data(Qt.ItemDataRole.FontRole).bold()  # its lines decided the conclusion
    context = model.index(r, model.context_column()).data()
    assert context == f"{row.context.violation} · {row.context.neutrality} · {row.context.unclear}"

    with qtbot.waitSignal(panel.matrix_loaded, timeout=10000):
        panel.set_grouping("source")
    assert _shown(panel) == _computed(demo_study, MatrixQuery(by="source"))
    with qtbot.waitSignal(panel.matrix_loaded, timeout=10000):
        panel.session_status.setCurrentIndex(panel.session_status.findData("approved"))
    assert _shown(panel) == _computed(demo_study, MatrixQuery(by="source", status="approved"))


def test_site_by_theme_display(qtbot: QtBot, demo_study: Any) -> None:
    panel = _panel(qtbot, demo_study)
    with qtbot.waitSignal(panel.matrix_loaded, timeout=10000):
        panel.set_grouping("site")
    assert _shown(panel) == _computed(demo_study, MatrixQuery(by="site"))
    m = panel.matrix
    assert m is not None
    names = [panel.matrix_model.headerData(c, Qt.Orientation.Horizontal, 0)
             for c in range(1, panel.matrix_model.conclusion_column())]  # fmt: skip
    assert len(names) >= 5 and all(n.startswith(("Kantor", "Kelurahan", "Desa")) for n in names)
    # each cell lists its site's incidents by corroboration, best-attested first
    row = next(r for r in m.rows if r.code == "official_account_use")
    c = next(i for i, cell in enumerate(row.cells) if cell.corroborated)
    index = panel.matrix_model.index_of(row.code, m.columns[c].key)
    assert index.data() == ", ".join(["Corroborated"] * row.cells[c].total)
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "• Corroborated — Akun Instagram resmi kantor menyukai" in tip


def test_clicking_a_cell_lists_its_incidents_and_opens_one(qtbot: QtBot, demo_study: Any) -> None:
    panel = _panel(qtbot, demo_study)
    panel.resize(1200, 800)
    m = panel.matrix
    assert m is not None
    row = max(m.rows, key=lambda r: (r.depth, r.cells[1].total))  # an observed theme
    index = panel.matrix_model.index_of(row.code, "observation")
    panel.table.scrollTo(index)
    rect = panel.table.visualRect(index)
    with qtbot.waitSignal(panel.incidents_loaded, timeout=10000) as blocker:
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    items = blocker.args[0]
    cell = row.cells[1]
    assert len(items) == cell.total > 0
    assert panel.incident_model.rowCount() == cell.total
    assert "Observation" in panel.evidence_title.text()
    assert panel.incident_model.index(0, 0).data() == "Corroborated"
    with qtbot.waitSignal(panel.incident_opened, timeout=5000) as opened:
        panel._on_incident_activated(panel.incident_model.index(0, 4))
    assert opened.args[0] == items[0].id
    from neutralitas_desktop.ui.triangulation.incident_view import IncidentDialog

    dialog = panel.findChild(IncidentDialog)
    assert dialog is not None
    view = dialog.view
    assert view.summary.text() == items[0].summary
    assert view.corroboration.text().startswith("Corroborated: 2 independent")
    kinds = [view.lines_model.item(r, 0).text() for r in range(view.lines_model.rowCount())]
    decided = [view.lines_model.item(r, 1).text() for r in range(view.lines_model.rowCount())]
    assert sorted(k for k, d in zip(kinds, decided, strict=True) if d == "yes") == [
        "Document", "Observed",
    ]  # fmt: skip
    assert kinds.count("Denial") >= 1
    texts = [view.lines_model.item(r, 6).text() for r in range(view.lines_model.rowCount())]
    assert not {t.rsplit(": ", 1)[-1] for t in texts} & {"yes", "no", "na"}  # labels, not codes
    dialog.close()


def test_matrix_fits_a_laptop_screen(qtbot: QtBot, demo_study: Any) -> None:
    panel = _panel(qtbot, demo_study, language="id")
    panel.resize(1280, 720)
    panel.show()
    qtbot.waitExposed(panel)
    with qtbot.waitSignal(panel.matrix_loaded, timeout=10000):
        panel.set_grouping("source")  # the widest grouping: one column per informant role
    model, table = panel.matrix_model, panel.table
    outcome = model.conclusion_column()
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
    with qtbot.waitSignal(panel.incidents_loaded, timeout=10000):
        qtbot.mouseClick(
            panel.table.viewport(),
            Qt.MouseButton.LeftButton,
            pos=panel.table.visualRect(index).center(),
        )
    assert "Dokumentasi" in panel.evidence_title.text()
    with qtbot.waitSignal(panel.incidents_loaded, timeout=10000) as blocker:
        panel.set_grouping("time")  # "Menurut waktu": no documentation column any more
    assert panel.matrix is not None and panel.matrix.query.by == "time"
    assert "×" not in panel.evidence_title.text()
    assert panel.selected == (row.code, None)
    # the whole row's incidents: at least those of its fullest cell
    fullest = max(c.total for c in panel.matrix.row(row.code).cells)
    assert len(blocker.args[0]) == panel.incident_model.rowCount() >= fullest > 0
