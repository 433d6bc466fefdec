"""Small standard dialogs: an error a user caused (NeutralitasError) shown in one box,
and yes/no questions, all translated."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from neutralitas_desktop.ui.translations import error_text


def show_error(parent: QWidget | None, error: BaseException, title: str = "") -> None:
    """Say what went wrong and where, in the UI language; the message comes from the
    service that refused."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("Dialogs", "Cannot do that"))
    text = error_text(error)
    head, _, rest = text.partition("\n")
    box.setText(head)
    if rest.strip():
        box.setDetailedText(rest.strip())
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, yes: str = "", no: str = "") -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    yes_button = box.addButton(
        yes or QCoreApplication.translate("Dialogs", "Yes"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(
        no or QCoreApplication.translate("Dialogs", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.exec()
    return box.clickedButton() is yes_button
