"""Small standard dialogs: an error a user caused (NeutralitasError) shown in one box,
and yes/no questions, all translated."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("Dialogs", text)


def show_error(parent: QWidget | None, error: BaseException, title: str = "") -> None:
    """Say what went wrong and where; the message comes from the service that refused."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or tr("Cannot do that"))
    text = str(error)
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
    yes_button = box.addButton(yes or tr("Yes"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no or tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes_button
