"""Review > Return session…: say what to fix, on the whole session or on single questions;
and Review > Comments on this session…, where a researcher reads what came back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.operations import Changes
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.exchange.review_state import ReturnState
from neutralitas_desktop.ui.exchange.rows_model import RowsModel
from neutralitas_desktop.ui.formats import study_time
from neutralitas_desktop.ui.translations import ui_language

if TYPE_CHECKING:
    from neutralitas_desktop.exchange.service import ExchangeService


def _table(model: RowsModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(True)
    return view


def _short(text: str, limit: int = 70) -> str:
    """A question's text cut to fit a combo box or a table cell."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class ReturnDialog(QDialog):
    returned = Signal(object)  # the Changes returning the session made

    def __init__(
        self,
        service: ExchangeService,
        session_id: str,
        session_label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.session_id = session_id
        self.state = ReturnState(service.questions(session_id))
        self.labels = service.question_labels(session_id, ui_language())
        self.setWindowTitle(self.tr("Return session"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Return session to its researcher"), self)
        heading.setObjectName("screenTitle")
        layout.addWidget(heading)
        label = QLabel(session_label, self)
        label.setObjectName("muted")
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(QLabel(self.tr("What to fix in the session"), self))
        self.session_edit = QPlainTextEdit(self)
        self.session_edit.setFixedHeight(80)
        self.session_edit.textChanged.connect(self._on_session_text)
        layout.addWidget(self.session_edit)
        layout.addWidget(QLabel(self.tr("Comments on single questions"), self))
        row = QHBoxLayout()
        self.question_combo = QComboBox(self)
        self.question_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.question_combo.setMinimumContentsLength(28)
        for key in self.state.questions:
            text = self.labels.get(key, key)
            self.question_combo.addItem(_short(text), key)
            self.question_combo.setItemData(
                self.question_combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole
            )
        self.question_edit = QLineEdit(self)
        self.question_edit.setPlaceholderText(self.tr("Comment on this question"))
        self.question_edit.returnPressed.connect(self._on_add)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.clicked.connect(self._on_add)
        row.addWidget(self.question_combo)
        row.addWidget(self.question_edit, 1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.comments = RowsModel([self.tr("Question"), self.tr("Comment")], self)
        self.comment_view = _table(self.comments, self)
        self.comment_view.setMaximumHeight(150)
        layout.addWidget(self.comment_view)
        self.problems = QLabel(self)
        self.problems.setStyleSheet("color: #A93226;")
        layout.addWidget(self.problems)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.remove_button = QPushButton(self.tr("Remove comment"), self)
        self.remove_button.clicked.connect(self._on_remove)
        self.return_button = QPushButton(self.tr("Return"), self)
        self.return_button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        for button in (self.remove_button, self.return_button, cancel):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._refresh()

    def _on_session_text(self) -> None:
        self.state.session_comment = self.session_edit.toPlainText()
        self._refresh()

    def _on_add(self) -> None:
        if self.state.add_question_comment(
            str(self.question_combo.currentData()), self.question_edit.text()
        ):
            self.question_edit.clear()
        self._refresh()

    def _on_remove(self) -> None:
        rows = self.comment_view.selectionModel().selectedRows()
        if rows:
            self.state.remove_question_comment(rows[0].row())
            self._refresh()

    def _refresh(self) -> None:
        self.comments.set_rows(
            [(_short(self.labels.get(k, k)), c) for k, c in self.state.question_comments]
        )
        self.problems.setText(
            self.tr("Say what to fix: a comment on the session or on a question.")
            if self.state.problems()
            else ""
        )
        self.return_button.setEnabled(self.state.ready)
        self.remove_button.setEnabled(bool(self.state.question_comments))
        self.add_button.setEnabled(bool(self.state.questions))

    def submit(self) -> None:
        if not self.state.ready:
            return
        changes = Changes()
        try:
            for question, comment in self.state.comments():
                changes |= self.service.return_session(self.session_id, comment, question)
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.returned.emit(changes)
        self.accept()


class CommentsDialog(QDialog):
    """The supervisor's comments on one session, the session's own first."""

    def __init__(
        self,
        service: ExchangeService,
        session_id: str,
        session_label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review comments"))
        self.resize(720, 380)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Review comments"), self)
        heading.setObjectName("screenTitle")
        layout.addWidget(heading)
        label = QLabel(session_label, self)
        label.setObjectName("muted")
        layout.addWidget(label)
        self.model = RowsModel(
            [self.tr("On"), self.tr("Comment"), self.tr("By"), self.tr("When"), self.tr("State")],
            self,
        )
        labels = service.question_labels(session_id, ui_language())
        zone = service.time_zone()
        rows = [
            (
                _short(labels.get(c.answer_key, c.answer_key)) or self.tr("the whole session"),
                c.comment,
                c.author,
                study_time(c.created_at, zone),
                self.tr("dealt with") if c.resolved else self.tr("open"),
            )
            for c in service.comments(session_id)
        ]
        self.model.set_rows(rows)
        view = _table(self.model, self)
        layout.addWidget(view, 1)
        if not rows:
            layout.addWidget(QLabel(self.tr("No review comments on this session."), self))
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
