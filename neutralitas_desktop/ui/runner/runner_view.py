"""The runner: one page per section with the outline beside it, live relevance, every
change saved at once, keyboard navigation, complete / reopen."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.ui.dialogs import confirm, show_error
from neutralitas_desktop.ui.runner.autosaver import AutoSaver
from neutralitas_desktop.ui.runner.find_dialog import FindQuestionDialog
from neutralitas_desktop.ui.runner.history_dialog import HistoryDialog
from neutralitas_desktop.ui.runner.missing_dialog import MissingAnswersDialog
from neutralitas_desktop.ui.runner.outline import OutlineModel, OutlineView
from neutralitas_desktop.ui.runner.runner_footer import RunnerFooter
from neutralitas_desktop.ui.runner.runner_header import RunnerHeader, SaveBanner
from neutralitas_desktop.ui.runner.runner_prompts import (
    confirm_decline,
    confirm_unlock,
    declined_message,
)
from neutralitas_desktop.ui.runner.runner_shortcuts import runner_shortcuts
from neutralitas_desktop.ui.runner.section_page import SectionPage, focus_owner
from neutralitas_desktop.ui.runner.session_state import RunnerChange, RunnerState
from neutralitas_desktop.ui.settings import FONT_SIZES, UiSettings
from neutralitas_desktop.ui.theme import question_text_css
from neutralitas_desktop.ui.translations import term
from neutralitas_desktop.vocabulary import ConsentState, SessionStatus, SourceType
from neutralitas_desktop.vocabulary.lifecycle import EDITABLE

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.workspace import Workspace


class RunnerView(QWidget):
    closed = Signal()  # back to the study
    session_changed = Signal(str)  # completed, reopened: the navigator refreshes
    status_message = Signal(str)
    link_requested = Signal(str, str)  # session id, answer key: "Link to incident…"

    def __init__(
        self,
        workspace: Workspace,
        session_id: str,
        settings: UiSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.workspace = workspace
        self.settings = settings
        loaded = workspace.load_session(session_id)
        mine = not loaded.researcher_id or loaded.researcher_id == workspace.actor.researcher_id
        self.state = RunnerState(loaded, mine=mine)
        self.saver = AutoSaver(workspace, session_id, self)
        self.saver.saved.connect(self._on_saved)
        self.saver.failed.connect(self._on_save_failed)
        self.saver.recovered.connect(self._on_save_recovered)
        self.pages: dict[int, SectionPage] = {}  # built when first shown
        self._scrolls: dict[int, QScrollArea] = {}
        self._build()
        self._build_actions()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self._apply_font(settings.font_size)
        if self.state.editable:  # a read-only session is only looked at, never written
            self._apply(self.state.initial_saves())
        self._show_section(self.state.current, focus=self.state.focus_key)

    # ---- layout --------------------------------------------------------------------
    def _build(self) -> None:
        state = self.state
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = RunnerHeader(state.instrument.languages, self)
        self.header.set_language(state.language)
        started = state.started_at.replace(tzinfo=dt.UTC)
        self.header.continue_from(int((dt.datetime.now(dt.UTC) - started).total_seconds()))
        self.header.language_changed.connect(self._on_language_changed)
        self.header.font_step.connect(self._step_font)
        layout.addWidget(self.header)
        self.banner = SaveBanner(self)
        self.banner.retry_requested.connect(self.saver.retry_now)
        banner_row = QHBoxLayout()
        banner_row.setContentsMargins(16, 8, 16, 0)
        banner_row.addWidget(self.banner)
        layout.addLayout(banner_row)
        # A returned session says why, above the form; question comments sit on their cards.
        self.review_note = QLabel(self)
        self.review_note.setObjectName("reviewComment")
        self.review_note.setWordWrap(True)
        session_comments = state.comments.get("", [])
        self.review_note.setText(
            "\n".join(
                self.tr("Returned by the supervisor: %1").replace("%1", c) for c in session_comments
            )
        )
        self.review_note.setVisible(bool(session_comments))
        review_row = QHBoxLayout()
        review_row.setContentsMargins(16, 8, 16, 0)
        review_row.addWidget(self.review_note)
        self.readonly_note = QLabel(
            self.tr("Another researcher ran this session: it is shown read-only."), self
        )
        self.readonly_note.setObjectName("muted")
        review_row.addWidget(self.readonly_note)
        layout.addLayout(review_row)
        body = QHBoxLayout()
        body.setContentsMargins(16, 12, 16, 8)
        body.setSpacing(14)
        self.outline_model = OutlineModel(self)
        self.outline = OutlineView(self)
        self.outline.setModel(self.outline_model)
        self.outline.setFixedWidth(270)
        self.outline.clicked.connect(lambda index: self._go(index.row()))
        body.addWidget(self.outline)
        self.stack = QStackedWidget(self)
        body.addWidget(self.stack, 1)
        layout.addLayout(body, 1)
        self.footer = RunnerFooter(self)
        footer = self.footer
        self.prev_button, self.next_button = footer.prev_button, footer.next_button
        self.progress, self.back_button = footer.progress, footer.back_button
        self.complete_button, self.reopen_button = footer.complete_button, footer.reopen_button
        self.unlock_button = footer.unlock_button
        self.prev_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(+1))
        self.back_button.clicked.connect(self.request_close)
        self.complete_button.clicked.connect(self.complete)
        self.reopen_button.clicked.connect(self.reopen)
        self.unlock_button.clicked.connect(self.unlock)
        layout.addWidget(footer)
        self._update_subtitle()

    def _build_actions(self) -> None:
        actions = runner_shortcuts(self)
        self.act_next_question = actions["next_question"]
        self.act_next_section = actions["next_section"]
        self.act_prev_section = actions["prev_section"]
        self.act_find = actions["find"]
        self.act_bigger = actions["bigger"]
        self.act_smaller = actions["smaller"]

    def runner_actions(self) -> list[QAction]:
        """For the main window's Sessions menu."""
        return [
            self.act_next_question,
            self.act_next_section,
            self.act_prev_section,
            self.act_find,
            self.act_bigger,
            self.act_smaller,
        ]

    def _on_link_requested(self, key: str) -> None:
        self.link_requested.emit(self.state.session_id, key)

    # ---- pages ---------------------------------------------------------------------
    def page(self, index: int) -> SectionPage:
        page = self.pages.get(index)
        if page is None:
            page = SectionPage(self.state, index, self.workspace, None)
            page.edited.connect(self._on_edited)
            page.note_edited.connect(self._on_note_edited)
            page.history_requested.connect(self._on_history)
            page.link_requested.connect(
                lambda key: self.link_requested.emit(self.state.session_id, key)
            )
            page.add_item_requested.connect(self._on_add_item)
            page.remove_item_requested.connect(self._on_remove_item)
            scroll = QScrollArea(self.stack)
            scroll.setObjectName("pageScroll")
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(page)
            self.stack.addWidget(scroll)
            self.pages[index] = page
            self._scrolls[index] = scroll
        return page

    def _drop_page(self, index: int) -> None:
        self.pages.pop(index, None)
        scroll = self._scrolls.pop(index, None)
        if scroll is not None:
            self.stack.removeWidget(scroll)
            scroll.deleteLater()

    def current_page(self) -> SectionPage:
        return self.page(self.state.current)

    def _rebuild_pages(self) -> None:
        for index in list(self.pages):
            self._drop_page(index)
        self._show_section(self.state.current)

    def _show_section(self, index: int, focus: str = "") -> None:
        if self.state.editable:
            self.saver.seal()  # the section changes: what was typed in it is final
        else:
            self.saver.flush_typing()
        self.state.go_to(index)
        page = self.page(self.state.current)
        page.refresh(values=True)
        self.stack.setCurrentWidget(self._scrolls[self.state.current])
        self._update_chrome()
        if focus and page.card(focus) is not None:
            self.focus_question(focus)
        else:
            page.focus_first()
        self._save_position()

    def _go(self, index: int) -> None:
        if self.state.is_section_relevant(index):
            self._show_section(index)

    def _step(self, direction: int) -> None:
        target = self.state.step(direction)
        if target is not None:
            self._show_section(target)

    def focus_question(self, key: str) -> None:
        index = self.state.section_index_of(key)
        if index != self.state.current:
            self._show_section(index)
        page = self.current_page()
        card = page.card(key)
        if card is None:
            return
        self._scrolls[self.state.current].ensureWidgetVisible(card, 0, 40)
        card.focus_input()
        page.set_current(key)
        self.state.focus_key = key

    def restore_focus(self) -> None:
        """Put the cursor where the researcher was (or on the page's first question)."""
        key = self.state.focus_key
        if key and self.current_page().card(key) is not None:
            self.focus_question(key)
        else:
            self.current_page().focus_first()

    def next_question(self) -> None:
        """Ctrl+Enter: the next relevant question, across sections."""
        following = self.state.next_question(self.state.focus_key)
        if following is not None:
            self.focus_question(following)
            return
        target = self.state.step(+1)
        if target is not None:
            self._show_section(target)

    # ---- edits ---------------------------------------------------------------------
    def _on_edited(self, key: str, value: object, immediate: bool) -> None:
        if not self.state.editable:
            return
        text = value if isinstance(value, str) else None
        if self.state.declines_consent(key, text):
            self._decline_consent(key)
            return
        self._apply(self.state.change(key, text, immediate=immediate))

    def _decline_consent(self, key: str) -> None:
        """Consent changed to refused inside the interview: confirm, then record it."""
        if not confirm_decline(self):
            self.current_page().refresh(values=True)  # the choice goes back
            return
        self.saver.wait(2.0)
        try:
            change = self.workspace.decline_consent(self.state.session_id, key)
        except NeutralitasError as exc:
            show_error(self, exc)
            self.current_page().refresh(values=True)
            return
        self.state.status = SessionStatus(SessionStatus.REFUSED)
        self.session_changed.emit(self.state.session_id)
        self.status_message.emit(declined_message(change.consent == ConsentState.WITHDRAWN))
        self._leave()

    def _on_note_edited(self, key: str, note: str) -> None:
        if self.state.editable:
            self._apply(self.state.change_note(key, note))

    def _on_add_item(self, repeat_key: str) -> None:
        item, change = self.state.add_item(repeat_key)
        self._apply(change)
        first = next(iter(self.state.form.children(f"{repeat_key}[{item}]")), None)
        if first is not None and first.kind == "question":
            self.focus_question(first.key)

    def _on_remove_item(self, repeat_key: str, item: str) -> None:
        if confirm(
            self,
            self.tr("Remove entry"),
            self.tr("Remove this entry? Its answers are kept in the history but no longer count."),
            self.tr("Remove"),
        ):
            self._apply(self.state.remove_item(repeat_key, item))

    def _apply(self, change: RunnerChange) -> None:
        for request in change.saves:
            self.saver.submit(request)
        self.saver.submit_relevance(change.relevance)
        if change.rebuilt:
            self._drop_page(self.state.current)
            for other in list(self.pages):
                self.pages[other].refresh()
            self._show_section(self.state.current)
            return
        if self.state.current in self.pages:
            self.current_page().refresh(values=bool(change.saves[1:]))
        self._update_chrome()

    # ---- chrome --------------------------------------------------------------------
    def _update_chrome(self) -> None:
        state = self.state
        self.outline_model.set_rows(state.form.outline(), state.current)
        self.outline.setCurrentIndex(self.outline_model.index(state.current))
        self.footer.show_state(state)
        self.readonly_note.setVisible(state.locked and state.status in EDITABLE)

    def _update_subtitle(self) -> None:
        state = self.state
        self.header.title.setText(state.title())
        parts = [p for p in (state.informant_code, state.site_name) if p]
        parts.append(term(SourceType, state.source_type))
        parts.append(term(SessionStatus, state.status))
        self.header.subtitle.setText("  ·  ".join(parts))

    def _apply_font(self, size: int) -> None:
        font = self.stack.font()
        font.setPointSize(size)
        self.stack.setFont(font)
        self.stack.setStyleSheet(question_text_css(size))

    def _step_font(self, step: int) -> None:
        sizes = list(FONT_SIZES)
        index = sizes.index(self.settings.font_size) if self.settings.font_size in sizes else 2
        size = sizes[max(0, min(len(sizes) - 1, index + step))]
        self.settings.font_size = size
        self._apply_font(size)

    def _on_language_changed(self, language: str) -> None:
        self.saver.flush_typing()
        self.state.set_language(language)
        self._rebuild_pages()

    # ---- saving feedback -----------------------------------------------------------
    def _on_saved(self, when: dt.datetime) -> None:
        self.status_message.emit(self.tr("Saved %1").replace("%1", when.strftime("%H:%M:%S")))

    def _on_save_failed(self, code: str, pending: int) -> None:
        self.banner.show_failure(code, pending)
        self.status_message.emit(self.tr("Not saved yet"))

    def _on_save_recovered(self) -> None:
        self.banner.setVisible(False)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.isAncestorOf(new):
            return
        key = focus_owner(new)
        if key and key != self.state.focus_key:
            if self.state.focus_key and self.state.editable:
                self.saver.seal(self.state.focus_key)  # the field left: its edit is final
            self.state.focus_key = key
            if self.state.current in self.pages:
                self.current_page().set_current(key)
            self._save_position()  # one small write, coalesced by the writer

    def _save_position(self) -> None:
        if self.state.editable:
            self.saver.submit_position(self.state.position())

    # ---- session -------------------------------------------------------------------
    def find_question(self) -> None:
        dialog = FindQuestionDialog(self.state, self)
        if dialog.exec() and dialog.chosen and self.state.form.is_relevant(dialog.chosen):
            self.focus_question(dialog.chosen)

    def _on_history(self, key: str) -> None:
        self.saver.wait(1.0)
        rows = self.workspace.named_history(self.state.session_id, key)
        dialog = HistoryDialog(
            self.state.form.label(key), rows, self, editable=self.state.editable,
            zone=self.workspace.time_zone(),
        )  # fmt: skip
        self._history_dialog = dialog
        if dialog.exec() and dialog.chosen is not None and self.state.editable:
            # Restoring is an edit like any other: a new revision with the earlier value.
            self.saver.seal(key)
            self._apply(self.state.change(key, dialog.chosen.revision.value, immediate=True))
            if self.state.current in self.pages:
                self.current_page().refresh(values=True)

    def complete(self) -> None:
        """Refused, with the list of what is missing, until every check holds."""
        self.saver.wait(2.0)
        missing = self.state.missing()
        if missing:
            self.state.reveal_all()
            for page in self.pages.values():
                page.refresh()
            labels = {s.key: self.state.section_label(i) for i, s in enumerate(self.state.sections)}
            dialog = MissingAnswersDialog(missing, labels, self)
            self._missing_dialog = dialog
            if dialog.exec() and dialog.chosen:
                self.focus_question(dialog.chosen)
            return
        if not self.saver.wait(3.0):
            show_error(
                self,
                NeutralitasError(
                    self.tr("Some answers are not saved yet; the session cannot be completed now.")
                ),
            )
            return
        try:
            self.workspace.complete_session(self.state.session_id)
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.state.status = SessionStatus.COMPLETED
        self.session_changed.emit(self.state.session_id)
        self.status_message.emit(self.tr("Session completed"))
        self._leave()

    def unlock(self) -> None:
        """Edit another researcher's draft or returned session here, after confirming."""
        if not confirm_unlock(self):
            return
        self.state.locked = False
        self._apply(self.state.initial_saves())
        self._rebuild_pages()

    def reopen(self) -> None:
        try:
            self.workspace.reopen_session(self.state.session_id)
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.state.status = SessionStatus.DRAFT
        self.state.locked = False  # reopening is the explicit choice to edit here
        self._update_subtitle()
        self._rebuild_pages()
        self.session_changed.emit(self.state.session_id)
        self.status_message.emit(self.tr("Session reopened for editing"))

    def request_close(self) -> bool:
        """Leave the runner; refuses while answers could not be saved, unless confirmed."""
        if not self.saver.wait(3.0):
            pending = self.saver.pending()
            if not confirm(
                self,
                self.tr("Answers not saved"),
                self.tr(
                    "%1 answer(s) could not be saved yet. If you leave now they "
                    "are lost. Leave anyway?"
                ).replace("%1", str(pending)),
                self.tr("Leave and lose them"),
                self.tr("Stay"),
            ):
                return False
        self._leave()
        return True

    def _leave(self) -> None:
        self._save_position()
        self.saver.close(2.0)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._on_focus_changed)
        self.closed.emit()
