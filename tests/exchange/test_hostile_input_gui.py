"""The merge screen with a hostile package: the refusal is shown in one line, in the
screen's status, and the study is left as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exchange_helpers import digest
from hostile_helpers import forge
from PySide6.QtCore import Qt

from neutralitas_desktop.exchange.service import ExchangeService
from neutralitas_desktop.fieldwork.demo import generate_demo
from neutralitas_desktop.ui.exchange.merge_dialog import MergeDialog


def test_the_merge_screen_shows_why_a_package_is_refused(
    qtbot: Any, study: Any, laptops: Any, tmp_path: Path
) -> None:
    ani = laptops(1, "Ani Lestari")
    generate_demo(ani.db, ani.actor, 4, seed=5)
    forged = forge(
        ani.package(tmp_path).path,
        tmp_path / "forged.ndpkg",
        "CREATE TRIGGER t_fire BEFORE UPDATE ON field_session "
        "BEGIN SELECT RAISE(ABORT, 'fired'); END;",
    )
    with study.db.engine.connect() as con:
        con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    before = digest(study.path)
    dialog = MergeDialog(ExchangeService(study.db, study.actor))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_paths([forged])
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    status = dialog.status.text()
    assert "tampered with: its data has a trigger 't_fire'" in status
    assert "\n" not in status and "Traceback" not in status
    assert not dialog.merge_button.isEnabled()
    assert digest(study.path) == before
