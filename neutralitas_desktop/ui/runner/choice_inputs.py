"""Answer inputs for choices: single choice (radio buttons, or a list for long lists),
multiple choice (check boxes), Likert scales and yes / no / not applicable rows, and the
acknowledge box. A picked choice is saved at once."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.ui.runner.inputs import AnswerInput

LONG_LIST = 12  # more choices than this: a drop-down list instead of radio buttons


class SingleChoiceInput(AnswerInput):
    """Radio buttons; ``horizontal`` for short scales (yes / no / n.a., Likert, consent)."""

    def __init__(
        self,
        choices: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
        horizontal: bool = False,
    ) -> None:
        super().__init__(parent)
        self.names = [name for name, _ in choices]
        outer = QHBoxLayout(self) if horizontal else QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(14 if horizontal else 4)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QRadioButton] = []
        for i, (_name, label) in enumerate(choices):
            button = QRadioButton(label, self)
            self.group.addButton(button, i)
            outer.addWidget(button)
            self.buttons.append(button)
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.setObjectName("link")
        self.clear_button.setToolTip(self.tr("Remove the answer"))
        self.clear_button.clicked.connect(self._on_clear)
        self.clear_button.setVisible(False)
        self._cleared: str | None = None  # the value "Undo clear" brings back
        outer.addWidget(self.clear_button)
        if isinstance(outer, QBoxLayout) and horizontal:
            outer.addStretch(1)
        self.group.idClicked.connect(self._on_clicked)
        if self.buttons:
            self._focus = self.buttons[0]

    def _on_clicked(self, _index: int) -> None:
        self._show_clear(cleared=None)
        self._emit(True)

    def _on_clear(self) -> None:
        """Clear the answer; the button then offers to bring it back."""
        if self._cleared is not None:
            value, self._cleared = self._cleared, None
            self._show(value)
            self._emit(True)
            return
        before = self.value()
        self.group.setExclusive(False)
        for button in self.buttons:
            button.setChecked(False)
        self.group.setExclusive(True)
        self._show_clear(cleared=before)
        self._emit(True)

    def _show_clear(self, cleared: str | None) -> None:
        self._cleared = cleared
        if cleared is None:
            self.clear_button.setText(self.tr("Clear"))
            self.clear_button.setToolTip(self.tr("Remove the answer"))
        else:
            self.clear_button.setText(self.tr("Undo clear"))
            self.clear_button.setToolTip(self.tr("Bring back the answer just removed"))
        self.clear_button.setVisible(cleared is not None or self.value() is not None)

    def value(self) -> str | None:
        index = self.group.checkedId()
        return self.names[index] if index >= 0 else None

    def _show(self, value: str | None) -> None:
        self.group.setExclusive(False)
        for name, button in zip(self.names, self.buttons, strict=True):
            button.setChecked(name == value)
        self.group.setExclusive(True)
        if self._cleared is None or value is not None:
            self._show_clear(cleared=None)

    def focus_widget(self) -> QWidget:
        checked = self.group.checkedButton()
        return checked if checked is not None else self._focus

    def set_editable(self, editable: bool) -> None:
        for button in (*self.buttons, self.clear_button):
            button.setEnabled(editable)


class ListChoiceInput(AnswerInput):
    """A long single-choice list as a drop-down."""

    def __init__(self, choices: Sequence[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.names = [name for name, _ in choices]
        self.combo = QComboBox(self)
        self.combo.addItem(self.tr("— choose —"), None)
        for name, label in choices:
            self.combo.addItem(label, name)
        self.combo.setMinimumWidth(260)
        self.combo.activated.connect(lambda _i: self._emit(True))
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self._focus = self.combo

    def value(self) -> str | None:
        data = self.combo.currentData()
        return str(data) if data is not None else None

    def _show(self, value: str | None) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))


class MultiChoiceInput(AnswerInput):
    """Check boxes, two columns for long lists; the value is the names joined by spaces."""

    def __init__(self, choices: Sequence[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.names = [name for name, _ in choices]
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(4)
        grid.setHorizontalSpacing(24)
        columns = 2 if len(choices) > 6 else 1
        rows = (len(choices) + columns - 1) // columns
        self.boxes: list[QCheckBox] = []
        for i, (_name, label) in enumerate(choices):
            box = QCheckBox(label, self)
            box.toggled.connect(lambda _on: self._emit(True))
            grid.addWidget(box, i % rows, i // rows)
            self.boxes.append(box)
        grid.setColumnStretch(columns, 1)
        if self.boxes:
            self._focus = self.boxes[0]

    def value(self) -> str | None:
        picked = [n for n, box in zip(self.names, self.boxes, strict=True) if box.isChecked()]
        return " ".join(picked) or None

    def _show(self, value: str | None) -> None:
        chosen = set((value or "").split())
        for name, box in zip(self.names, self.boxes, strict=True):
            box.setChecked(name in chosen)

    def set_editable(self, editable: bool) -> None:
        for box in self.boxes:
            box.setEnabled(editable)


class AcknowledgeInput(AnswerInput):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox(self.tr("OK"), self)
        self.box.toggled.connect(lambda _on: self._emit(True))
        layout.addWidget(self.box)
        layout.addStretch(1)
        self._focus = self.box

    def value(self) -> str | None:
        return "OK" if self.box.isChecked() else None

    def _show(self, value: str | None) -> None:
        self.box.setChecked(bool(value))


def button_for(input_widget: AnswerInput, name: str) -> QAbstractButton | None:
    """The radio button or check box of a choice (used by keyboard tests and the finder)."""
    names = getattr(input_widget, "names", [])
    buttons = getattr(input_widget, "buttons", None) or getattr(input_widget, "boxes", None)
    if buttons is None or name not in names:
        return None
    return buttons[names.index(name)]
