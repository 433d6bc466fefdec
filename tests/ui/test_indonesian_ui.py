"""No English and no raw codes in the Indonesian UI: every visible text of every main
screen (study navigator and its tabs, the runner, the matrix, codebook and findings, the
settings and a Qt file dialog) is walked on a demo study and checked against a list of
English words and code-like tokens. ALLOWED holds what is legitimately shown as is."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from gui_helpers import PROFILE, FakeHost
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from neutralitas_desktop.exchange.service import ExchangeService
from neutralitas_desktop.fieldwork.sessions import list_sessions
from neutralitas_desktop.fieldwork.workspace import Workspace
from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
from neutralitas_desktop.ui.exchange.conflicts_dialog import ConflictsDialog
from neutralitas_desktop.ui.exchange.exchange_menu import session_label
from neutralitas_desktop.ui.exchange.merge_dialog import MergeDialog
from neutralitas_desktop.ui.exchange.review_dialog import ReturnDialog
from neutralitas_desktop.ui.main_window import MainWindow
from neutralitas_desktop.ui.new_session_wizard import NewSessionWizard
from neutralitas_desktop.ui.translations import install_translators

# English words that never appear in Indonesian text (short, common, unambiguous).
ENGLISH = {
    "the",
    "and",
    "of",
    "to",
    "with",
    "from",
    "this",
    "that",
    "these",
    "those",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "not",
    "no",
    "yes",
    "session",
    "sessions",
    "answer",
    "answers",
    "study",
    "save",
    "saved",
    "open",
    "close",
    "cancel",
    "delete",
    "edit",
    "file",
    "files",
    "new",
    "next",
    "previous",
    "back",
    "settings",
    "help",
    "review",
    "approve",
    "return",
    "theme",
    "themes",
    "source",
    "sources",
    "site",
    "sites",
    "informant",
    "informants",
    "researcher",
    "draft",
    "completed",
    "approved",
    "returned",
    "refused",
    "interview",
    "observation",
    "documentation",
    "verdict",
    "evidence",
    "matrix",
    "codebook",
    "findings",
    "name",
    "size",
    "type",
    "date",
    "modified",
    "none",
    "all",
    "any",
    "other",
}
# Codes and names shown as they are: ids of the shipped forms and codebook are not
# shown; pseudonymous informant codes, researcher initials and units are.
ALLOWED = {"OK", "PDF", "Excel", "ASN", "Pilkada", "Neutralitas", "Bawaslu", "KASN", "pt", "RP"}
CODE = re.compile(r"\b[a-z]+[0-9]*_[a-z0-9_]+\b|\b[a-z]+-[a-z]+-[a-z-]+\b")


@pytest.fixture
def indonesian(qapp: QApplication) -> Iterator[QApplication]:
    translators = install_translators(qapp, "id")
    yield qapp
    install_translators(qapp, "none", translators)


def _texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every visible text under ``root``."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget, text: str) -> None:
        if text and text.strip():
            found.append((f"{type(widget).__name__}#{widget.objectName()}", text))

    def model_texts(widget: QWidget, model: QAbstractItemModel | None) -> None:
        if model is None:
            return
        root_index = QModelIndex()
        try:
            columns = model.columnCount(root_index)
        except TypeError:  # a list model
            columns = 1
        for c in range(columns):
            add(widget, str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
        for r in range(min(model.rowCount(root_index), 30)):
            for c in range(columns):
                value = model.index(r, c).data()
                if isinstance(value, str):
                    add(widget, value)

    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            add(widget, widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget, widget.title())
        elif isinstance(widget, QLineEdit):
            add(widget, widget.placeholderText())
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget, widget.itemText(i))
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget, widget.tabText(i))
        elif isinstance(widget, QAbstractItemView):
            model_texts(widget, widget.model())
        if isinstance(widget, QMenu):
            for action in widget.actions():
                add(widget, action.text())
        add(widget, widget.toolTip())
    return found


def _offending(
    texts: list[tuple[str, str]],
    codes: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[tuple[str, str, str]]:
    bad = []
    for where, text in texts:
        if text in codes:  # the codebook editor's "Kode" column shows the theme codes
            continue
        clean = re.sub(r"<[^>]+>", " ", text).replace("&", "")
        clean = re.sub(r"\S*/\S*", " ", clean)  # the study file's path
        for word in re.findall(r"[A-Za-z]+", clean):
            if word.lower() in ENGLISH and word not in ALLOWED:
                bad.append((where, text, word))
        for code in CODE.findall(clean):
            bad.append((where, text, code))
    return bad


class Host(FakeHost):
    def triangulation(self, workspace: Workspace) -> TriangulationWorkbench:
        return TriangulationWorkbench(workspace.db, workspace.actor)

    def report_service(self, workspace: Workspace) -> None:
        return None


def test_no_english_or_raw_codes_in_the_indonesian_ui(
    qtbot: Any, indonesian: QApplication, demo_study: Any, ui_settings: Any, themed: Any
) -> None:
    ui_settings.language = "id"
    workspace = Workspace(demo_study.db, demo_study.actor, PROFILE)
    window = MainWindow(workspace, ui_settings, Host())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    texts: list[tuple[str, str]] = []
    for name in ("sessions", "informants", "sites"):
        window.navigator.show_tab(name)
        texts += _texts(window)
    for menu in window.menuBar().findChildren(QMenu):
        texts += [(f"menu {menu.title()}", a.text()) for a in menu.actions()]
    for kind in ("matrix", "codebook", "findings"):
        panel = window.analysis.open(kind)
        assert panel is not None
        qtbot.wait(300)
        texts += _texts(panel)
    window.analysis.close_all()
    row = workspace.drafts(mine=False)[0]
    window.open_session(row.id)
    assert window.runner is not None
    texts += _texts(window.runner)
    window.close_runner()
    service = ExchangeService(workspace.db, workspace.actor)
    completed = next(r for r in list_sessions(workspace.db) if r.status == "completed")
    for dialog in (
        ReturnDialog(service, completed.id, session_label(completed), window),
        ConflictsDialog(service, window),
        MergeDialog(service, window),
        NewSessionWizard(workspace, "id", window),
    ):
        dialog.show()
        texts += _texts(dialog)
        if isinstance(dialog, NewSessionWizard):
            dialog.next()
            texts += _texts(dialog)
        dialog.close()
    dialog = QFileDialog(window, "Simpan")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    texts += _texts(dialog)
    dialog.close()
    assert len(texts) > 200
    codes = {t.code for t in TriangulationWorkbench(workspace.db, workspace.actor).themes()}
    bad = _offending(texts, codes)
    for item in sorted(set(bad)):
        print(item)
    assert bad == []


def test_numbers_sizes_and_times_follow_the_language_and_the_study_zone(
    qtbot: Any, indonesian: QApplication, workspace: Workspace, ui_settings: Any, themed: Any
) -> None:
    from gui_helpers import when_modal

    from neutralitas_desktop.fieldwork.instruments import get_instrument
    from neutralitas_desktop.ui.formats import data_size, decimal, whole
    from neutralitas_desktop.ui.settings_dialog import SettingsDialog

    assert (decimal(45.6), whole(32673), data_size(1_288_490)) == ("45,6", "32.673", "1,2 MB")
    iid, _ = get_instrument(workspace.db, "office-observation")
    site = workspace.add_site("Kantor Kecamatan Cibeureum", "kecamatan")
    sid = workspace.begin_session(instrument_id=iid, site_id=site.id).session_id
    started = workspace.load_session(sid).started_at
    window = MainWindow(workspace, ui_settings, Host())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    model = window.navigator.sessions.model
    assert model.index(0, 0).data() == f"{started + dt.timedelta(hours=7):%Y-%m-%d %H:%M} WIB"

    def choose_wit(dialog: Any) -> None:
        assert isinstance(dialog, SettingsDialog)
        dialog.time_zone.setCurrentIndex(dialog.time_zone.findData("WIT"))
        dialog.accept()

    errors = when_modal(qtbot, choose_wit, SettingsDialog)
    window.edit_settings()
    assert not errors, errors
    assert workspace.time_zone() == "WIT"
    assert model.index(0, 0).data() == f"{started + dt.timedelta(hours=9):%Y-%m-%d %H:%M} WIT"
