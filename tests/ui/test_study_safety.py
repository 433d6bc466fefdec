"""File › Back up to… writes a verified copy; quitting after a day of new answers that are
in no package and no backup asks first, and staying keeps the window open."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import when_modal
from PySide6.QtWidgets import QMessageBox

from neutralitas_desktop.fieldwork.instruments import get_instrument


def _answers_today(workspace) -> None:  # type: ignore[no-untyped-def]
    iid, _ = get_instrument(workspace.db, "office-observation")
    site = workspace.add_site("Kantor Kecamatan Cibeureum", "kecamatan")
    sid = workspace.begin_session(instrument_id=iid, site_id=site.id).session_id
    writer = workspace.writer()
    writer.submit(sid, "a1_banner", "yes")
    writer.close()


def _press(text: str):  # type: ignore[no-untyped-def]
    def drive(box: QMessageBox) -> None:
        button = next(b for b in box.buttons() if b.text() == text)
        button.click()

    return drive


def test_quit_reminds_then_backup_makes_it_safe(qtbot, window, workspace, tmp_path: Path):  # type: ignore[no-untyped-def]
    _answers_today(workspace)
    assert workspace.unsafe_answers() > 0
    errors = when_modal(qtbot, _press("Stay"), QMessageBox)
    assert not window.quit()  # the reminder, and the researcher stays
    assert not errors, errors
    assert window.isVisible()

    flash = tmp_path / "flash"
    flash.mkdir()
    errors = when_modal(qtbot, _press("OK"), QMessageBox)
    assert window.safety.back_up(str(flash))
    assert not errors, errors
    copies = list(flash.iterdir())
    assert len(copies) == 1 and str(copies[0]) in window.safety.last_message
    assert workspace.unsafe_answers() == 0
    assert window.quit()  # nothing to remind of any more
