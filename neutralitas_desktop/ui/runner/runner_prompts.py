"""The runner's questions to the researcher before a step that cannot be taken back
lightly: the informant declines inside the interview, or someone else's session is edited
here."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from neutralitas_desktop.ui.dialogs import confirm


def _tr(text: str) -> str:
    return QCoreApplication.translate("RunnerView", text)


def confirm_decline(parent: QWidget) -> bool:
    return confirm(
        parent,
        _tr("The informant declines"),
        _tr(
            "Record that the informant does not (or no longer) consent? The interview ends "
            "now. Answers given so far stay in the study's history but are no longer used."
        ),
        _tr("Record the refusal"),
        _tr("Cancel"),
    )


def declined_message(withdrawn: bool) -> str:
    if withdrawn:
        return _tr("Consent withdrawn; the interview has ended.")
    return _tr("Refusal recorded; the interview has ended.")


def confirm_unlock(parent: QWidget) -> bool:
    return confirm(
        parent,
        _tr("Edit this session"),
        _tr(
            "Another researcher ran this session. Edit it on this laptop? Your changes are "
            "recorded under your name and reach the researcher with the next package."
        ),
        _tr("Edit"),
        _tr("Only look"),
    )
