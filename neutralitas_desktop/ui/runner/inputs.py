"""Answer inputs for typed values: text, long text, numbers, dates and times.

Every input shows a stored value (``set_value``, which does not emit) and reports the
user's edits with ``edited(value, immediate)``; typed text is not immediate (the autosaver
sends it after a short pause), a picked value is.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QWidget,
    QWidgetAction,
)


class AnswerInput(QWidget):
    """Base of all inputs; subclasses set ``self._focus`` to the widget taking the keys."""

    edited = Signal(object, bool)  # value (str or None), immediate

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._focus: QWidget = self
        self._loading = False

    def value(self) -> str | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def set_value(self, value: str | None) -> None:
        self._loading = True
        try:
            self._show(value)
        finally:
            self._loading = False

    def _show(self, value: str | None) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _emit(self, immediate: bool) -> None:
        if not self._loading:
            self.edited.emit(self.value(), immediate)

    def focus_widget(self) -> QWidget:
        return self._focus

    def set_editable(self, editable: bool) -> None:
        self.setEnabled(editable)


class TextInput(AnswerInput):
    def __init__(self, parent: QWidget | None = None, placeholder: str = "") -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(placeholder)
        self.line.textEdited.connect(lambda _text: self._emit(False))
        layout.addWidget(self.line)
        self._focus = self.line

    def value(self) -> str | None:
        return self.line.text() or None

    def _show(self, value: str | None) -> None:
        if self.line.text() != (value or ""):
            self.line.setText(value or "")

    def set_editable(self, editable: bool) -> None:
        self.line.setReadOnly(not editable)


class LongTextInput(AnswerInput):
    """Several lines; grows with its text up to a limit, then scrolls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        self.edit.textChanged.connect(self._on_text_changed)
        layout.addWidget(self.edit)
        self._focus = self.edit
        self._fit()

    def _on_text_changed(self) -> None:
        self._fit()
        self._emit(False)

    def _fit(self) -> None:
        lines = max(3, min(12, self.edit.document().blockCount() + 1))
        height = self.edit.fontMetrics().lineSpacing() * lines + 14
        self.edit.setFixedHeight(height)

    def value(self) -> str | None:
        return self.edit.toPlainText() or None

    def _show(self, value: str | None) -> None:
        if self.edit.toPlainText() != (value or ""):
            self.edit.setPlainText(value or "")

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)


class NumberInput(TextInput):
    """Integers or decimals; a decimal comma (as Indonesians write) is stored as a point."""

    def __init__(self, parent: QWidget | None = None, decimal: bool = False) -> None:
        super().__init__(parent)
        pattern = r"-?\d*([.,]\d*)?" if decimal else r"-?\d*"
        self.line.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self))
        self.line.setMaximumWidth(180)
        self.line.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.addStretch(1)

    def value(self) -> str | None:
        text = self.line.text().strip().replace(",", ".")
        return text or None


class DateInput(TextInput):
    """An ISO date typed (2024-10-21) or picked from a calendar. The calendar is made
    when its menu first opens: a form holds many dates, and a calendar is a heavy widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, placeholder=self.tr("YYYY-MM-DD"))
        self.line.setMaximumWidth(160)
        button = QToolButton(self)
        button.setText(self.tr("Calendar"))
        button.setToolTip(self.tr("Pick a date"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(button)
        self.menu.aboutToShow.connect(self.ensure_calendar)
        self.calendar: QCalendarWidget | None = None
        button.setMenu(self.menu)
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.addWidget(button)
        today = QPushButton(self.tr("Today"), self)
        today.setObjectName("link")
        today.clicked.connect(lambda: self._on_picked(QDate.currentDate()))
        layout.addWidget(today)
        layout.addStretch(1)

    def ensure_calendar(self) -> QCalendarWidget:
        """The calendar, on the date typed (made the first time)."""
        if self.calendar is None:
            self.calendar = QCalendarWidget(self.menu)
            self.calendar.setGridVisible(False)
            action = QWidgetAction(self.menu)
            action.setDefaultWidget(self.calendar)
            self.menu.addAction(action)
            self.calendar.clicked.connect(self._on_picked)
            self.calendar.clicked.connect(self.menu.close)
        picked = QDate.fromString(self.line.text().strip()[:10], "yyyy-MM-dd")
        if picked.isValid():
            self.calendar.setSelectedDate(picked)
        return self.calendar

    def _on_picked(self, date: QDate) -> None:
        self.line.setText(date.toString("yyyy-MM-dd"))
        self._emit(True)


class TimeInput(TextInput):
    """HH:MM, typed or set to now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, placeholder=self.tr("HH:MM"))
        self.line.setMaximumWidth(100)
        now = QPushButton(self.tr("Now"), self)
        now.setObjectName("link")
        now.clicked.connect(self._on_now)
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.addWidget(now)
        layout.addStretch(1)

    def _on_now(self) -> None:
        self.line.setText(dt.datetime.now().strftime("%H:%M"))
        self._emit(True)


class DateTimeInput(TextInput):
    """An ISO date and time (2024-10-21T09:30)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, placeholder=self.tr("YYYY-MM-DDTHH:MM"))
        self.line.setMaximumWidth(220)
        now = QPushButton(self.tr("Now"), self)
        now.setObjectName("link")
        now.clicked.connect(self._on_now)
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.addWidget(now)
        layout.addStretch(1)

    def _on_now(self) -> None:
        self.line.setText(dt.datetime.now().strftime("%Y-%m-%dT%H:%M"))
        self._emit(True)
