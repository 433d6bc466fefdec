"""Hand coding beside a session: pick one of its free-text answers or field notes, select a
passage, and apply a theme with a stance and a memo; see and delete the codings made; link
an excerpt, an answer or a note to an incident ("Link to incident…")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.operations import Changes, Kind
from neutralitas_desktop.triangulation.types import STANCES, CodableText, CodingInfo
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.triangulation.labels import (
    NEUTRALITY,
    UNCLEAR,
    VIOLATION,
    local,
    source_name,
    stance_name,
)
from neutralitas_desktop.ui.triangulation.link_dialog import LinkDialog
from neutralitas_desktop.ui.triangulation.link_state import LinkTarget
from neutralitas_desktop.ui.triangulation.tags_dialog import TagsDialog

if TYPE_CHECKING:
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench

HIGHLIGHT = {"violation": VIOLATION, "neutrality": NEUTRALITY, "unclear": UNCLEAR}


def to_index(text: str, utf16_pos: int) -> int:
    """A Qt text position (UTF-16 code units) as a Python string index."""
    return len(text.encode("utf-16-le")[: 2 * utf16_pos].decode("utf-16-le", errors="ignore"))


def to_utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


class CodingPanel(QWidget):
    SHOWS = frozenset(
        {Kind.CODINGS, Kind.THEMES, Kind.ANSWERS, Kind.SESSIONS}
    )  # one session's texts and codes
    codings_changed = Signal(object)  # Changes
    tags_corrected = Signal(object)  # Changes
    incidents_changed = Signal(object)  # Changes

    def __init__(
        self,
        workbench: TriangulationWorkbench,
        session_id: str,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Coding"))
        self.workbench = workbench
        self.session_id = session_id
        self.language = language
        self.texts: list[CodableText] = []
        self.codings: list[CodingInfo] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        head = QHBoxLayout()
        self.source = QLabel(self)
        self.source.setObjectName("muted")
        self.source.setWordWrap(True)
        self.tags_button = QPushButton(self.tr("Correct source tags…"), self)
        self.tags_button.clicked.connect(self.correct_tags)
        head.addWidget(self.source, 1)
        head.addWidget(self.tags_button)
        layout.addLayout(head)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.text_model = QStandardItemModel(self)
        self.text_list = QListView(splitter)
        self.text_list.setModel(self.text_model)
        self.text_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.text_list.selectionModel().currentChanged.connect(self._on_text_changed)
        self.editor = QPlainTextEdit(splitter)
        self.editor.setReadOnly(True)
        self.editor.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.editor.selectionChanged.connect(self._update_buttons)
        controls = QWidget(splitter)
        cl = QVBoxLayout(controls)
        cl.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.theme = QComboBox(controls)
        self.stance = QComboBox(controls)
        for stance in STANCES:
            self.stance.addItem(stance_name(stance), stance)
        self.memo = QLineEdit(controls)
        self.memo.setPlaceholderText(self.tr("Memo (optional)"))
        self.apply_button = QPushButton(self.tr("Code selection"), controls)
        self.apply_button.setObjectName("primary")
        self.apply_button.clicked.connect(self.code_selection)
        row.addWidget(self.theme, 2)
        row.addWidget(self.stance)
        row.addWidget(self.memo, 2)
        row.addWidget(self.apply_button)
        cl.addLayout(row)
        self.coding_model = QStandardItemModel(self)
        self.coding_table = QTableView(controls)
        self.coding_table.setModel(self.coding_model)
        self.coding_table.verticalHeader().hide()
        self.coding_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.coding_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        cl.addWidget(self.coding_table)
        self.delete_button = QPushButton(self.tr("Delete coding"), controls)
        self.delete_button.clicked.connect(self.delete_selected)
        self.link_excerpt_button = QPushButton(self.tr("Link excerpt to incident…"), controls)
        self.link_excerpt_button.clicked.connect(self.link_selected_coding)
        self.link_text_button = QPushButton(self.tr("Link to incident…"), controls)
        self.link_text_button.setToolTip(self.tr("Link this whole answer or note to an incident"))
        self.link_text_button.clicked.connect(self.link_current_text)
        buttons = QHBoxLayout()
        buttons.addWidget(self.link_text_button)
        buttons.addStretch(1)
        buttons.addWidget(self.link_excerpt_button)
        buttons.addWidget(self.delete_button)
        cl.addLayout(buttons)
        self.link_dialog: LinkDialog | None = None
        splitter.addWidget(self.text_list)
        splitter.addWidget(self.editor)
        splitter.addWidget(controls)
        splitter.setSizes([180, 260, 260])
        layout.addWidget(splitter, 1)
        self._load_themes()
        self.reload()

    # ---- loading ------------------------------------------------------------------------
    def _load_themes(self) -> None:
        self.theme.clear()
        for t in self.workbench.themes():
            if not t.retired:
                self.theme.addItem("  " * t.depth + local(t.label, self.language, t.code), t.code)

    def reload(self) -> None:
        tags = self.workbench.session_tags(self.session_id)
        parts = [source_name(tags.source_type)]
        if tags.informant_role:
            role = next((r for r in self.workbench.roles() if r.key == tags.informant_role), None)
            parts.append(
                local(role.label, self.language, tags.informant_role)
                if role
                else tags.informant_role
            )
        if tags.informant_code:
            parts.append(tags.informant_code)
        parts += [tags.site_name, tags.started_at.strftime("%Y-%m-%d"), tags.researcher_name]
        self.source.setText(self.tr("Source: %1").replace("%1", " · ".join(parts)))
        current = self.current_text()
        self.texts = self.workbench.codable_texts(self.session_id)
        self.codings = self.workbench.codings(self.session_id)
        self.text_model.clear()
        for text in self.texts:
            label = local(text.question_label, self.language, text.question)
            if text.target == "note":
                label = self.tr("%1 (field note)").replace("%1", label)
            if text.codings:
                label += f"  [{text.codings}]"
            item = QStandardItem(label)
            item.setToolTip(text.text)
            self.text_model.appendRow(item)
        if not self.texts:
            self.editor.setPlainText(self.tr("This session has no free-text answers or notes."))
        row = 0
        if current is not None:
            keys = [(t.answer_id, t.target) for t in self.texts]
            row = keys.index((current.answer_id, current.target)) if (
                current.answer_id, current.target) in keys else 0  # fmt: skip
        if self.texts:
            self.text_list.setCurrentIndex(self.text_model.index(row, 0))
            self._show(self.texts[row])
        self._update_buttons()

    def current_text(self) -> CodableText | None:
        row = self.text_list.currentIndex().row() if hasattr(self, "text_list") else -1
        return self.texts[row] if 0 <= row < len(self.texts) else None

    def select_text(self, key: str, target: str = "value") -> None:
        for row, text in enumerate(self.texts):
            if (text.key, text.target) == (key, target):
                self.text_list.setCurrentIndex(self.text_model.index(row, 0))
                return
        raise KeyError(key)

    def _on_text_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if 0 <= current.row() < len(self.texts):
            self._show(self.texts[current.row()])

    def _show(self, text: CodableText) -> None:
        self.editor.setPlainText(text.text)
        if text.theme_code:
            index = self.theme.findData(text.theme_code)
            if index >= 0:
                self.theme.setCurrentIndex(index)
        mine = [c for c in self.codings if (c.answer_id, c.target) == (text.answer_id, text.target)]
        selections = []
        for coding in mine:
            if coding.start is None or coding.end is None or coding.stale:
                continue
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(to_utf16(text.text, coding.start))
            cursor.setPosition(to_utf16(text.text, coding.end), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            colour = QColor(HIGHLIGHT.get(coding.stance, UNCLEAR))
            colour.setAlpha(60)
            fmt.setBackground(colour)
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.editor.setExtraSelections(selections)
        self._fill_codings(mine)
        self._update_buttons()

    def _fill_codings(self, codings: list[CodingInfo]) -> None:
        self.coding_model.clear()
        self.coding_model.setHorizontalHeaderLabels(
            [
                self.tr("Theme"),
                self.tr("Stance"),
                self.tr("Passage"),
                self.tr("Memo"),
                self.tr("Coder"),
            ]
        )
        for c in codings:
            excerpt = c.excerpt + (" " + self.tr("(text changed since)") if c.stale else "")
            row = [
                QStandardItem(local(c.theme_label, self.language, c.theme_code)),
                QStandardItem(stance_name(c.stance)),
                QStandardItem(excerpt),
                QStandardItem(c.memo),
                QStandardItem(c.coder_name),
            ]
            row[0].setData(c.id, Qt.ItemDataRole.UserRole)
            self.coding_model.appendRow(row)
        header = self.coding_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def _update_buttons(self) -> None:
        has_text = self.current_text() is not None
        self.apply_button.setEnabled(has_text and self.editor.textCursor().hasSelection())
        self.delete_button.setEnabled(self.coding_model.rowCount() > 0)
        if hasattr(self, "link_excerpt_button"):
            self.link_excerpt_button.setEnabled(self.coding_model.rowCount() > 0)
            self.link_text_button.setEnabled(has_text)

    # ---- actions --------------------------------------------------------------------------
    def select_passage(self, start: int, end: int) -> None:
        """Select text[start:end] (Python indices) as the user would with the mouse."""
        text = self.current_text()
        if text is None:
            return
        cursor = self.editor.textCursor()
        cursor.setPosition(to_utf16(text.text, start))
        cursor.setPosition(to_utf16(text.text, end), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)

    def code_selection(self) -> None:
        text = self.current_text()
        cursor = self.editor.textCursor()
        if text is None or not cursor.hasSelection():
            return
        start = to_index(text.text, cursor.selectionStart())
        end = to_index(text.text, cursor.selectionEnd())
        try:
            added = self.workbench.add_coding(
                text.answer_id, self.theme.currentData(), self.stance.currentData(), start, end,
                target=text.target, memo=self.memo.text(),
            )  # fmt: skip
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.memo.clear()
        self.reload()
        self.codings_changed.emit(added.changes)

    # ---- linking to incidents -------------------------------------------------------------
    def _target(self, text: CodableText, coding: CodingInfo | None) -> LinkTarget:
        tags = self.workbench.session_tags(self.session_id)
        return LinkTarget(
            session_id=self.session_id,
            source_type=tags.source_type,
            site_id=tags.site_id,
            date=tags.started_at.date(),
            answer_id=text.answer_id,
            coding_id=coding.id if coding else None,
            note=text.target == "note",
            question=text.question,
            theme_code=coding.theme_code if coding else text.theme_code,
            text=coding.excerpt if coding else text.text,
            proposal=self.workbench.proposed_incident(self.session_id, text.key),
        )

    def link_selected_coding(self) -> LinkDialog | None:
        """Open "Link to incident…" for the selected excerpt (the first when none is)."""
        text = self.current_text()
        index = self.coding_table.currentIndex()
        item = self.coding_model.item(index.row() if index.isValid() else 0, 0)
        if text is None or item is None:
            return None
        coding_id = item.data(Qt.ItemDataRole.UserRole)
        coding = next((c for c in self.codings if c.id == coding_id), None)
        return self._open_link(self._target(text, coding))

    def link_current_text(self) -> LinkDialog | None:
        """Open "Link to incident…" for the whole answer or note shown."""
        text = self.current_text()
        return None if text is None else self._open_link(self._target(text, None))

    def _open_link(self, target: LinkTarget) -> LinkDialog:
        self.link_dialog = LinkDialog(self.workbench, target, self.language, self)
        self.link_dialog.linked.connect(lambda line: self.incidents_changed.emit(line.changes))
        self.link_dialog.open()
        return self.link_dialog

    def correct_tags(self) -> None:
        dialog = TagsDialog(self.workbench, self.session_id, self.language, self)
        if dialog.exec():
            self.reload()
            self.tags_corrected.emit(Changes.of(sessions=self.session_id))

    def delete_selected(self) -> None:
        index = self.coding_table.currentIndex()
        row = index.row() if index.isValid() else 0
        item = self.coding_model.item(row, 0)
        if item is None:
            return
        try:
            changes = self.workbench.delete_coding(item.data(Qt.ItemDataRole.UserRole))
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.reload()
        self.codings_changed.emit(changes)
