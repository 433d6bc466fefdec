"""One page of the runner: a section's questions as cards, its groups and its repeats
(one framed block per item, with add and remove)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.instruments.form_state import Entry
from neutralitas_desktop.ui.runner.attachment_input import AttachmentSource
from neutralitas_desktop.ui.runner.question_card import QuestionCard, show_if
from neutralitas_desktop.ui.runner.session_state import RunnerState


class SectionPage(QWidget):
    edited = Signal(str, object, bool)  # key, value, immediate
    note_edited = Signal(str, str)
    history_requested = Signal(str)
    link_requested = Signal(str)  # key
    add_item_requested = Signal(str)  # repeat key
    remove_item_requested = Signal(str, str)  # repeat key, item

    def __init__(
        self,
        state: RunnerState,
        index: int,
        source: AttachmentSource,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pageBody")
        self.state = state
        self.index = index
        self.source = source
        self.cards: dict[str, QuestionCard] = {}
        self.blocks: dict[str, QWidget] = {}  # groups, repeats and items by key
        section = state.sections[index]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 24)
        layout.setSpacing(10)
        self.title = QLabel(state.section_label(index), self)
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.hint = QLabel(state.form.hint(section.key), self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(self.hint.text()))
        layout.addWidget(self.hint)
        layout.addSpacing(4)
        self._add_children(section.key, layout)
        layout.addStretch(1)
        self.refresh()

    # ---- building ------------------------------------------------------------------
    def _add_children(self, key: str, layout: QVBoxLayout) -> None:
        for entry in self.state.form.children(key):
            widget = self._build(entry)
            if widget is not None:
                layout.addWidget(widget)

    def _build(self, entry: Entry) -> QWidget | None:
        form = self.state.form
        if entry.kind == "question":
            if entry.question.type == "calculate":
                return None
            card = QuestionCard(form, entry.key, self.source, self)
            card.show_value(form)
            card.show_note(self.state.notes.get(entry.key, ""))
            card.show_review(self.state.comments.get(entry.key, []))
            card.set_editable(self.state.editable and not entry.question.read_only)
            card.edited.connect(self.edited)
            card.note_edited.connect(self.note_edited)
            card.history_requested.connect(self.history_requested)
            card.link_requested.connect(self.link_requested)
            self.cards[entry.key] = card
            return card
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.blocks[entry.key] = box
        if entry.kind == "group":
            title = form.text(entry.node.label)
            if title:
                label = QLabel(title, box)
                label.setObjectName("groupTitle")
                label.setWordWrap(True)
                layout.addWidget(label)
            self._add_children(entry.key, layout)
        elif entry.kind == "repeat":
            self._build_repeat(entry, layout)
        return box

    def _build_repeat(self, entry: Entry, layout: QVBoxLayout) -> None:
        form = self.state.form
        title = QLabel(form.text(entry.node.label) or entry.node.name, self)
        title.setObjectName("groupTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        hint = form.text(entry.node.hint)
        if hint:
            label = QLabel(hint, self)
            label.setObjectName("hint")
            label.setWordWrap(True)
            layout.addWidget(label)
        items = form.children(entry.key)
        if not items:
            empty = QLabel(self.tr("No entries yet."), self)
            empty.setObjectName("muted")
            layout.addWidget(empty)
        for item in items:
            frame = QFrame(self)
            frame.setObjectName("repeatItem")
            inner = QVBoxLayout(frame)
            inner.setContentsMargins(12, 10, 12, 12)
            inner.setSpacing(10)
            head = QHBoxLayout()
            name = QLabel(self.tr("Entry %1").replace("%1", str(item.position)), frame)
            name.setObjectName("groupTitle")
            head.addWidget(name)
            head.addStretch(1)
            if self.state.editable:
                remove = QPushButton(self.tr("Remove entry"), frame)
                remove.setObjectName("link")
                item_id = item.scope[-1][1]
                remove.clicked.connect(
                    lambda _=False, k=entry.key, i=item_id: self.remove_item_requested.emit(k, i)
                )
                head.addWidget(remove)
            inner.addLayout(head)
            self.blocks[item.key] = frame
            self._add_children(item.key, inner)
            layout.addWidget(frame)
        if self.state.editable and not entry.node.repeat_count:  # type: ignore[union-attr]
            add = QPushButton(self.tr("+ Add entry"), self)
            add.setObjectName("add_" + entry.key)
            add.clicked.connect(lambda: self.add_item_requested.emit(entry.key))
            row = QHBoxLayout()
            row.addWidget(add)
            row.addStretch(1)
            layout.addLayout(row)

    # ---- showing -------------------------------------------------------------------
    def refresh(self, values: bool = False) -> None:
        """Show what is relevant now, with each question's message."""
        form = self.state.form
        for key, block in self.blocks.items():
            show_if(block, form.is_relevant(key))
        for key, card in self.cards.items():
            relevant = form.is_relevant(key)
            show_if(card, relevant)
            if not relevant:
                continue
            issue = self.state.shows_issue(key)
            card.show_state(
                form.is_required(key),
                issue.message if issue else None,
                self.state.revisions.get(key, 0),
            )
            if values or card.question.read_only:
                card.show_value(form)

    def card(self, key: str) -> QuestionCard | None:
        return self.cards.get(key)

    def focus_first(self) -> None:
        for key in self.state.focus_order(self.index):
            card = self.cards.get(key)
            if card is not None and card.isVisibleTo(self):
                card.focus_input()
                return

    def set_current(self, key: str) -> None:
        for k, card in self.cards.items():
            current = k == key
            if card.property("current") != current:
                card.setProperty("current", current)
                card.style().unpolish(card)
                card.style().polish(card)


def focus_owner(widget: QWidget | None) -> str:
    """The answer key of the card that holds ``widget`` (the focus), or ""."""
    while widget is not None:
        if isinstance(widget, QuestionCard):
            return widget.key
        widget = widget.parentWidget()
    return ""
