"""Review > Conflicts…: what two laptops changed differently from the same state — an
answer, a session's status, a coding, a finding — listed with where it is, and its sides
shown next to each other with who, on which laptop and when; keep one side, or write the
value."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.exchange.rows_model import RowsModel
from neutralitas_desktop.ui.formats import study_time
from neutralitas_desktop.ui.session_table import status_label
from neutralitas_desktop.ui.translations import ui_language
from neutralitas_desktop.ui.triangulation.labels import finding_status_name
from neutralitas_desktop.vocabulary import SessionStatus
from neutralitas_desktop.vocabulary.terms import values

if TYPE_CHECKING:
    from neutralitas_desktop.exchange.results import ConflictInfo
    from neutralitas_desktop.exchange.service import ExchangeService

STATUSES = values(SessionStatus)


class ConflictsDialog(QDialog):
    resolved = Signal(object)  # the Changes resolving a conflict made

    def __init__(self, service: ExchangeService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.zone = service.time_zone()
        self.conflicts: list[ConflictInfo] = []
        self.setWindowTitle(self.tr("Conflicts"))
        self.resize(1000, 600)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Conflicts"), self)
        heading.setObjectName("screenTitle")
        layout.addWidget(heading)
        self.count_label = QLabel(self)
        layout.addWidget(self.count_label)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = RowsModel(
            [self.tr("What"), self.tr("Question"), self.tr("Where"), self.tr("Sides")], self
        )
        self.view = QTableView(splitter)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._show(cur.row())
        )
        holder = QWidget(splitter)
        self.holder_layout = QVBoxLayout(holder)
        self.holder_layout.setContentsMargins(0, 0, 0, 0)
        self.detail = QWidget(holder)
        self.holder_layout.addWidget(self.detail)
        splitter.setSizes([400, 600])
        layout.addWidget(splitter, 1)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.choose_buttons: list[QPushButton] = []
        self.value_edit: QLineEdit | None = None
        self.status_combo: QComboBox | None = None
        self.reload()

    def _kind(self, kind: str) -> str:
        return {
            "answer": self.tr("Answer"),
            "session": self.tr("Session status"),
            "coding": self.tr("Coding"),
            "finding": self.tr("Finding"),
        }.get(kind, kind)

    def _texts(self, conflict: ConflictInfo) -> tuple[str, str]:
        """What the conflict is about and where, as the researcher saw it (the question's
        text and the form's title), not by variable name."""
        if conflict.kind == "finding":  # a finding belongs to a theme (and site), no session
            theme = conflict.question.removeprefix("finding on ")
            return self.tr("Finding on theme %1").replace("%1", theme), conflict.site
        if conflict.session_id not in self._session_texts:
            try:
                found = self.service.session_texts(conflict.session_id, ui_language())
            except NeutralitasError:
                found = (conflict.form, {})
            self._session_texts[conflict.session_id] = found
        title, labels = self._session_texts[conflict.session_id]
        if conflict.kind == "session":
            what = self.tr("Session status")
        elif conflict.kind == "coding":
            key = conflict.question.removeprefix("coding of ")
            what = self.tr("Coding of: %1").replace("%1", labels.get(key, key))
        else:
            what = labels.get(conflict.question, conflict.question)
        where = " · ".join(x for x in (conflict.site, conflict.informant, title) if x)
        return what, where

    @staticmethod
    def _value(kind: str, value: str) -> str:
        """A side's value in the user's language (statuses by their names)."""
        if kind == "session":
            return status_label(value)
        if kind == "finding":  # "status: conclusion"
            status, _, conclusion = value.partition(": ")
            return f"{finding_status_name(status)}: {conclusion}"
        return value

    def reload(self) -> None:
        self._session_texts: dict[str, tuple[str, dict[str, str]]] = {}
        self.conflicts = self.service.conflicts()
        self.model.set_rows(
            [(self._kind(c.kind), *self._texts(c), str(len(c.sides))) for c in self.conflicts]
        )
        self.count_label.setText(
            self.tr("No open conflicts.") if not self.conflicts else
            self.tr("%1 open conflict(s): choose the side to keep, or write the value.")
            .replace("%1", str(len(self.conflicts)))
        )  # fmt: skip
        self._show(0 if self.conflicts else -1)
        if self.conflicts:
            self.view.selectionModel().blockSignals(True)
            self.view.selectRow(0)
            self.view.selectionModel().blockSignals(False)

    def _new_detail(self) -> QVBoxLayout:
        """A fresh panel for the sides (the old one goes at once, not at the next event)."""
        old = self.detail
        old.hide()
        self.holder_layout.removeWidget(old)
        old.deleteLater()
        self.detail = QWidget(self.holder_layout.parentWidget())
        self.holder_layout.addWidget(self.detail)
        self.choose_buttons = []
        self.value_edit = None
        self.status_combo = None
        return QVBoxLayout(self.detail)

    def _show(self, index: int) -> None:
        self.detail_layout = self._new_detail()
        if not 0 <= index < len(self.conflicts):
            return
        conflict = self.conflicts[index]
        what, where_text = self._texts(conflict)
        title = QLabel(f"{self._kind(conflict.kind)}: {what}", self.detail)
        title.setObjectName("sectionTitle")
        title.setWordWrap(True)
        self.detail_layout.addWidget(title)
        where = QLabel(where_text)
        where.setObjectName("muted")
        self.detail_layout.addWidget(where)
        grid = QGridLayout()
        for column, side in enumerate(conflict.sides):
            frame = QFrame(self.detail)
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            inner = QVBoxLayout(frame)
            shown_value = self._value(conflict.kind, side.value)
            value = QLabel(shown_value or self.tr("(empty)"), frame)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setStyleSheet("font-size: 15px; font-weight: 600;")
            inner.addWidget(value)
            if side.note:
                note = QLabel(self.tr("Note: %1").replace("%1", side.note), frame)
                note.setWordWrap(True)
                inner.addWidget(note)
            who = QLabel(
                f"{side.researcher or '?'} · {side.device_name}\n{study_time(side.at, self.zone)}",
                frame,
            )
            who.setObjectName("muted")
            inner.addWidget(who)
            if side.shown:
                shown = QLabel(self.tr("shown now"), frame)
                shown.setObjectName("muted")
                inner.addWidget(shown)
            inner.addStretch(1)
            keep = QPushButton(self.tr("Keep this"), frame)
            keep.clicked.connect(lambda _=False, n=column + 1: self.choose(n))
            inner.addWidget(keep)
            self.choose_buttons.append(keep)
            grid.addWidget(frame, 0, column)
        self.detail_layout.addLayout(grid)
        if conflict.kind in ("answer", "session"):
            row = QHBoxLayout()
            row.addWidget(QLabel(self.tr("Or write the value:"), self.detail))
            if conflict.kind == "answer":
                self.value_edit = QLineEdit(self.detail)
                row.addWidget(self.value_edit, 1)
            else:
                self.status_combo = QComboBox(self.detail)
                for status in STATUSES:
                    self.status_combo.addItem(status_label(status), status)
                row.addWidget(self.status_combo, 1)
            use = QPushButton(self.tr("Use this value"), self.detail)
            use.clicked.connect(self.write_value)
            row.addWidget(use)
            self.detail_layout.addLayout(row)
        self.detail_layout.addStretch(1)

    # ---- resolving -----------------------------------------------------------------
    def current(self) -> ConflictInfo | None:
        index = self.view.currentIndex().row()
        return self.conflicts[index] if 0 <= index < len(self.conflicts) else None

    def choose(self, side: int) -> None:
        conflict = self.current()
        if conflict is not None:
            self._resolve(conflict, choose=side)

    def write_value(self) -> None:
        conflict = self.current()
        if conflict is None:
            return
        if self.status_combo is not None:
            value = str(self.status_combo.currentData())
        elif self.value_edit is not None:
            value = self.value_edit.text()
        else:
            return
        self._resolve(conflict, value=value)

    def _resolve(self, conflict: ConflictInfo, **how: object) -> None:
        try:
            resolved = self.service.resolve(conflict.ref, **how)  # type: ignore[arg-type]
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.resolved.emit(resolved.changes)
        self.reload()
