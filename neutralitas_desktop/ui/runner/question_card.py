"""One question on a runner page: label, hint, the input for its type, "other, specify",
the message of a failed check, and the researcher's field note and answer history."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.instruments.form_state import OTHER_CHOICE, OTHER_SUFFIX, FormState
from neutralitas_desktop.instruments.model import Question
from neutralitas_desktop.ui.runner.attachment_input import AttachmentInput, AttachmentSource
from neutralitas_desktop.ui.runner.choice_inputs import (
    LONG_LIST,
    AcknowledgeInput,
    ListChoiceInput,
    MultiChoiceInput,
    SingleChoiceInput,
)
from neutralitas_desktop.ui.runner.inputs import (
    AnswerInput,
    DateInput,
    DateTimeInput,
    LongTextInput,
    NumberInput,
    TextInput,
    TimeInput,
)

SCALE_TYPES = ("likert", "yes_no_na", "consent")


def show_if(widget: QWidget, shown: bool) -> None:
    """Show or hide ``widget`` only when that changes what its window would show: showing
    a widget explicitly polishes it (and its children) at once, a page's cost many times."""
    parent = widget.parentWidget()
    if (widget.isVisibleTo(parent) if parent is not None else widget.isVisible()) != shown:
        widget.setVisible(shown)


def make_input(
    form: FormState, key: str, source: AttachmentSource, parent: QWidget
) -> AnswerInput | None:
    """The input widget for a question's type (None for notes)."""
    q = form.entry(key).question
    kind = q.type
    if kind == "note":
        return None
    if kind in ("select_one", "select_multiple", *SCALE_TYPES):
        choices = [(c.name, form.text(c.label) or c.name) for c in form.choices(key)]
        if kind == "select_multiple":
            return MultiChoiceInput(choices, parent)
        if kind == "select_one" and len(choices) > LONG_LIST:
            return ListChoiceInput(choices, parent)
        horizontal = (kind in SCALE_TYPES and len(choices) <= 5) or "horizontal" in q.appearance
        return SingleChoiceInput(choices, parent, horizontal=horizontal)
    if kind == "long_text" or (kind == "text" and "multiline" in q.appearance):
        return LongTextInput(parent)
    if kind == "integer":
        return NumberInput(parent)
    if kind in ("decimal", "range"):
        return NumberInput(parent, decimal=kind == "decimal" or "." in q.parameters.get("step", ""))
    if kind == "date":
        return DateInput(parent)
    if kind == "time":
        return TimeInput(parent)
    if kind == "datetime":
        return DateTimeInput(parent)
    if kind in ("image", "file"):
        return AttachmentInput(source, kind == "image", parent)
    if kind == "acknowledge":
        return AcknowledgeInput(parent)
    return TextInput(parent)


class QuestionCard(QFrame):
    edited = Signal(str, object, bool)  # key, value, immediate
    note_edited = Signal(str, str)  # key, note
    history_requested = Signal(str)  # key
    link_requested = Signal(str)  # key: "Link to incident…"

    def __init__(
        self, form: FormState, key: str, source: AttachmentSource, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.question: Question = form.entry(key).question
        self._quiet = False
        self.setObjectName("questionCard")
        # The states the style sheet selects on, set before the first polish (changing
        # them later re-polishes the card).
        self.setProperty("issue", False)
        self.setProperty("current", False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        head = QHBoxLayout()
        head.setSpacing(4)
        self.label = QLabel(self)
        self.label.setObjectName("questionLabel")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head.addWidget(self.label, 1)
        self.note_edit: QPlainTextEdit | None = None
        self.note_label: QLabel | None = None
        self.note_button: QPushButton | None = None
        self.history_button: QPushButton | None = None
        if self.question.type != "note":
            # quiet links in the corner: the answer, not the tooling, holds the eye
            self.note_button = QPushButton(self.tr("Field note"), self)
            self.note_button.setObjectName("cardLink")
            self.note_button.setCheckable(True)
            self.note_button.toggled.connect(self._on_note_toggled)
            head.addWidget(self.note_button, 0, Qt.AlignmentFlag.AlignTop)
            self.history_button = QPushButton(self.tr("History"), self)
            self.history_button.setObjectName("cardLink")
            self.history_button.clicked.connect(lambda: self.history_requested.emit(self.key))
            head.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignTop)
            self.link_button = QPushButton(self.tr("Link to incident…"), self)
            self.link_button.setObjectName("cardLink")
            self.link_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.link_button.clicked.connect(lambda: self.link_requested.emit(self.key))
            head.addWidget(self.link_button, 0, Qt.AlignmentFlag.AlignTop)
        self.required_mark = QLabel("*", self)
        self.required_mark.setObjectName("required")
        self.required_mark.setToolTip(self.tr("Required"))
        head.addWidget(self.required_mark, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.input = make_input(form, key, source, self)
        self.other: QLineEdit | None = None
        if self.input is not None:
            layout.addSpacing(2)
            layout.addWidget(self.input)
            self.input.edited.connect(self._on_edited)
            if self.question.other:
                self.other = QLineEdit(self)
                self.other.setPlaceholderText(self.tr("Specify the other answer…"))
                self.other.textEdited.connect(self._on_other_edited)
                layout.addWidget(self.other)
        self.review = QLabel(self)
        self.review.setObjectName("reviewComment")
        self.review.setWordWrap(True)
        self.review.hide()
        layout.addWidget(self.review)
        self.issue = QLabel(self)
        self.issue.setObjectName("issue")
        self.issue.setWordWrap(True)
        self.issue.hide()
        layout.addWidget(self.issue)
        self.refresh_texts(form)
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab goes answer → "other" → field note → history → clear: the links in the
        corner are reachable, and clearing never comes straight after the choices."""
        if self.input is None:
            return
        clear = getattr(self.input, "clear_button", None)
        answer = [
            w
            for w in self.input.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w is not clear
        ]
        last: QWidget = answer[-1] if answer else self.input.focus_widget()
        for widget in (self.other, self.note_button, self.history_button, clear):
            if widget is not None:
                QWidget.setTabOrder(last, widget)
                last = widget

    # ---- showing -------------------------------------------------------------------
    def refresh_texts(self, form: FormState) -> None:
        self.label.setText(form.label(self.key))
        hint = form.hint(self.key)
        self.hint.setText(hint)
        show_if(self.hint, bool(hint))

    def show_value(self, form: FormState) -> None:
        if self.input is not None:
            self.input.set_value(form.value(self.key))
        self._sync_other(form.value(self.key), form.value(self.key + OTHER_SUFFIX))

    def show_state(self, required: bool, issue: str | None, revisions: int) -> None:
        show_if(self.required_mark, required)
        if self.issue.text() != (issue or ""):
            self.issue.setText(issue or "")
        show_if(self.issue, bool(issue))
        if self.property("issue") != bool(issue):
            self.setProperty("issue", bool(issue))
            self.style().unpolish(self)
            self.style().polish(self)
        if self.history_button is not None:
            show_if(self.history_button, revisions > 1)

    def show_review(self, comments: list[str]) -> None:
        """A supervisor's comments on this question (a returned session)."""
        text = "\n".join(self.tr("Supervisor: %1").replace("%1", c) for c in comments)
        self.review.setText(text)
        show_if(self.review, bool(comments))

    def show_note(self, note: str) -> None:
        """Show a stored note (without saving it again or taking the focus)."""
        if not note or self.note_button is None:
            return
        self._quiet = True
        try:
            self.note_button.setChecked(True)
            assert self.note_edit is not None
            if self.note_edit.toPlainText() != note:
                self.note_edit.blockSignals(True)
                self.note_edit.setPlainText(note)
                self.note_edit.blockSignals(False)
        finally:
            self._quiet = False

    def set_editable(self, editable: bool) -> None:
        if self.input is not None:
            self.input.set_editable(editable)
        if self.other is not None:
            self.other.setReadOnly(not editable)
        if self.note_edit is not None:
            self.note_edit.setReadOnly(not editable)

    def focus_input(self) -> None:
        if self.input is not None:
            self.input.focus_widget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ---- edits ---------------------------------------------------------------------
    def _on_edited(self, value: object, immediate: bool) -> None:
        text = value if isinstance(value, str) else None
        self._sync_other(text, self.other.text() if self.other else None)
        self.edited.emit(self.key, text, immediate)

    def _on_other_edited(self, text: str) -> None:
        self.edited.emit(self.key + OTHER_SUFFIX, text or None, False)

    def _sync_other(self, value: str | None, other: str | None) -> None:
        if self.other is None:
            return
        chosen = OTHER_CHOICE in (value or "").split()
        show_if(self.other, chosen)
        if self.other.text() != (other or ""):
            self.other.setText(other or "")

    def _on_note_toggled(self, shown: bool) -> None:
        if self.note_edit is None and shown:
            self.note_label = QLabel(self.tr("Field note (yours, not the informant's)"), self)
            self.note_label.setObjectName("hint")
            self.note_edit = QPlainTextEdit(self)
            self.note_label.setBuddy(self.note_edit)
            self.note_edit.setPlaceholderText(
                self.tr("Your own field note on this answer (tone, hesitation, context)…")
            )
            self.note_edit.setTabChangesFocus(True)
            self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 3 + 14)
            self.note_edit.textChanged.connect(
                lambda: self.note_edited.emit(self.key, self.note_edit.toPlainText())  # type: ignore[union-attr]
            )
            self.note_edit.setAccessibleName(self.tr("Field note"))
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout) and self.note_button is not None
            layout.insertWidget(layout.indexOf(self.review), self.note_label)
            layout.insertWidget(layout.indexOf(self.review), self.note_edit)
            QWidget.setTabOrder(self.note_button, self.note_edit)
        if self.note_label is not None:
            self.note_label.setVisible(shown)
        if self.note_edit is not None:
            self.note_edit.setVisible(shown)
            if shown and not self._quiet:
                self.note_edit.setFocus()
