"""Inputs and cards of the runner as a researcher sees them: the date's calendar (made
when first opened) and what a card shows when its question is hidden, required or has a
failed check."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from neutralitas_desktop.ui.runner.inputs import DateInput
from neutralitas_desktop.ui.runner.question_card import show_if


def test_the_calendar_opens_on_the_typed_date_and_a_picked_date_is_saved_at_once(qtbot):
    date = DateInput()
    qtbot.addWidget(date)
    edits: list[tuple[object, bool]] = []
    date.edited.connect(lambda value, immediate: edits.append((value, immediate)))
    date.set_value("2024-10-21")
    assert date.calendar is None  # nothing heavy until the menu opens

    date.menu.aboutToShow.emit()
    calendar = date.calendar
    assert calendar is not None
    assert calendar.selectedDate() == QDate(2024, 10, 21)

    calendar.clicked.emit(QDate(2024, 11, 3))
    assert date.line.text() == "2024-11-03"
    assert edits == [("2024-11-03", True)]
    date.menu.aboutToShow.emit()  # opened again: the same calendar, on the new date
    assert date.calendar is calendar
    assert calendar.selectedDate() == QDate(2024, 11, 3)


def test_show_if_hides_and_shows_again_what_it_is_told(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    child = QWidget(parent)
    parent.show()
    assert child.isVisible()
    show_if(child, False)
    assert not child.isVisible()
    show_if(child, False)
    assert not child.isVisible()
    show_if(child, True)
    assert child.isVisible()
