"""The coder-agreement window: figures per theme, disagreements side by side, and resolving
one with a reason (the figures before and after both shown, the decision audited)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from neutralitas_desktop.store.models import AuditEvent
from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
from neutralitas_desktop.ui.triangulation.agreement_panel import AgreementPanel


def test_resolving_a_disagreement(qtbot: QtBot, double_coded: dict[str, Any]) -> None:
    db, ani = double_coded["db"], double_coded["ani"]
    panel = AgreementPanel(TriangulationWorkbench(db, ani), "en")
    qtbot.addWidget(panel)
    panel.show()
    assert "10 units coded by Ani Lestari (0 of 10 done), Budi Santoso" in panel.summary.text()
    theme_row = [panel.figures.item(0, c).text() for c in range(8)]
    assert theme_row[1:4] == ["60%", "0.091", "0.095"]
    assert theme_row[7] == "4"
    assert panel.list.count() == 4
    first = panel.items[0]
    headers = [panel.sides.horizontalHeaderItem(c).text() for c in range(2)]
    assert headers == ["Ani Lestari", "Budi Santoso"]
    applied = {headers[c]: panel.sides.item(0, c).text() for c in range(2)}
    assert sorted(applied.values()) == ["No", "Yes"]
    coded = next(c for c in range(2) if panel.sides.item(0, c).text() == "Yes")
    assert "Cerita ke-" in panel.sides.item(1, coded).text()

    panel.applied.setCurrentIndex(panel.applied.findData(False))
    qtbot.keyClicks(panel.reason, "Menyukai saja bukan keterlibatan aktif")
    with qtbot.waitSignal(panel.resolved):
        qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)

    assert panel.list.count() == 3
    theme_row = [panel.figures.item(0, c).text() for c in range(8)]
    assert theme_row[1:4] == ["60%", "0.091", "0.095"]  # before: as the coders left it
    assert theme_row[4] == "70%" and theme_row[7] == "3"  # after the resolution
    assert "1 disagreements resolved" in panel.summary.text()
    with db.session() as s:
        event = s.query(AuditEvent).filter_by(action="agreement.resolved").one()
        assert event.entity_id == first.unit.answer_id
        assert event.detail["applied"] is False
        assert event.detail["reason"] == "Menyukai saja bukan keterlibatan aktif"
        assert event.detail["after"]["percent_agreement"] == pytest.approx(0.7)


def test_resolving_without_a_reason_says_so(
    qtbot: QtBot, double_coded: dict[str, Any], monkeypatch: Any
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "neutralitas_desktop.ui.triangulation.agreement_panel.show_error",
        lambda _parent, error: shown.append(str(error)),
    )
    panel = AgreementPanel(TriangulationWorkbench(double_coded["db"], double_coded["ani"]), "en")
    qtbot.addWidget(panel)
    qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)
    assert shown and "reason" in shown[0]
    assert panel.list.count() == 4
