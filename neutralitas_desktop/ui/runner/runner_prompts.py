"""The runner's questions to the researcher before a step that cannot be taken back
lightly: the informant declines inside the interview, or someone else's session is edited
here."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from neutralitas_desktop.ui.dialogs import confirm


def confirm_decline(parent: QWidget) -> bool:
    return confirm(
        parent,
        QCoreApplication.translate("RunnerView", "The informant declines"),
        QCoreApplication.translate(
            "RunnerView",
            "Record that the informant does not (or no longer) consent? The interview ends "
            "now. Answers given so far stay in the study's history but are no longer used.",
        ),
        QCoreApplication.translate("RunnerView", "Record the refusal"),
        QCoreApplication.translate("RunnerView", "Cancel"),
    )


def declined_message(withdrawn: bool) -> str:
    if withdrawn:
        return QCoreApplication.translate(
            "RunnerView", "Consent withdrawn; the interview has ended."
        )
    return QCoreApplication.translate("RunnerView", "Refusal recorded; the interview has ended.")


def confirm_unlock(parent: QWidget) -> bool:
    return confirm(
        parent,
        QCoreApplication.translate("RunnerView", "Edit this session"),
        QCoreApplication.translate(
            "RunnerView",
            "Another researcher ran this session. Edit it on this laptop? Your changes are "
            "recorded under your name and reach the researcher with the next package.",
        ),
        QCoreApplication.translate("RunnerView", "Edit"),
        QCoreApplication.translate("RunnerView", "Only look"),
    )
