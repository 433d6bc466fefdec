"""The codebook screen: the tree of themes with their description, inclusion and exclusion
notes and legal basis; add, rename, merge, retire; import and export (CSV, REFI-QDA)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.operations import Kind, changes_of
from neutralitas_desktop.triangulation.types import ThemeInfo
from neutralitas_desktop.ui.dialogs import confirm, show_error
from neutralitas_desktop.ui.triangulation.labels import local
from neutralitas_desktop.ui.triangulation.theme_dialog import ThemeDialog
from neutralitas_desktop.vocabulary.law import provisions_for

if TYPE_CHECKING:
    from neutralitas_desktop.triangulation.types import ImportResult
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench

CodeRole = Qt.ItemDataRole.UserRole + 1
FILE_FILTER = "Codebook (*.qdc *.csv);;REFI-QDA codebook (*.qdc);;CSV (*.csv)"


class CodebookPanel(QWidget):
    # What it shows: the tree and its counts.
    SHOWS = frozenset({Kind.THEMES, Kind.CODINGS})
    changed = Signal(object)  # the Changes a codebook edit made

    def __init__(
        self, workbench: TriangulationWorkbench, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.setWindowTitle(self.tr("Codebook"))
        self.workbench = workbench
        self.language = language
        self.election = workbench.election()  # only this election's provisions are shown
        self.themes: list[ThemeInfo] = []
        self.last_message = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        title = QLabel(self.tr("Codebook"), self)
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add theme…"), self)
        self.rename_button = QPushButton(self.tr("Rename…"), self)
        self.merge_button = QPushButton(self.tr("Merge into…"), self)
        self.retire_button = QPushButton(self.tr("Retire"), self)
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.export_button = QPushButton(self.tr("Export…"), self)
        for button, slot in (
            (self.add_button, self._on_add),
            (self.rename_button, self._on_rename),
            (self.merge_button, self._on_merge),
            (self.retire_button, self._on_retire),
        ):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button, slot in (
            (self.import_button, self._on_import),
            (self.export_button, self._on_export),
        ):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = QStandardItemModel(self)
        self.tree = QTreeView(splitter)
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.details = QTextBrowser(splitter)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.status = QLabel(self)
        self.status.setObjectName("muted")
        layout.addWidget(self.status)
        self.reload()

    # ---- the tree ---------------------------------------------------------------------
    def reload(self, select: str = "") -> None:
        select = select or self.current_code()
        self.themes = self.workbench.themes()
        self.model.clear()
        self.model.setHorizontalHeaderLabels(
            [self.tr("Theme"), self.tr("Code"), self.tr("Codings")]
        )
        items: dict[str, QStandardItem] = {}
        for t in self.themes:
            name = QStandardItem(local(t.label, self.language, t.code))
            name.setData(t.code, CodeRole)
            if t.color and QColor.isValidColorName(t.color):
                # The theme's colour from a REFI-QDA codebook, as a swatch beside its name.
                name.setData(QColor(t.color), Qt.ItemDataRole.DecorationRole)
            row = [name, QStandardItem(t.code), QStandardItem(str(t.codings) if t.codings else "")]
            if t.retired:
                name.setText(name.text() + " " + self.tr("(retired)"))
                for item in row:
                    item.setForeground(QBrush(QColor("#8a939e")))
                    font = QFont()
                    font.setItalic(True)
                    item.setFont(font)
            parent = items.get(t.parent_code)
            (parent or self.model.invisibleRootItem()).appendRow(row)
            items[t.code] = name
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.status.setText(self.tr("%1 themes").replace("%1", str(len(self.themes))))
        if select:
            self.select(select)
        else:
            self._on_current(QModelIndex())

    def select(self, code: str) -> None:
        matches = self.model.match(
            self.model.index(0, 0), CodeRole, code, 1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )  # fmt: skip
        if matches:
            self.tree.setCurrentIndex(matches[0])

    def current_code(self) -> str:
        index = self.tree.currentIndex() if hasattr(self, "tree") else QModelIndex()
        return str(index.siblingAtColumn(0).data(CodeRole) or "") if index.isValid() else ""

    def current_theme(self) -> ThemeInfo | None:
        code = self.current_code()
        return next((t for t in self.themes if t.code == code), None)

    def _on_current(self, *_: object) -> None:
        theme = self.current_theme()
        for button in (self.rename_button, self.merge_button, self.retire_button):
            button.setEnabled(theme is not None)
        self.retire_button.setText(
            self.tr("Reinstate") if theme is not None and theme.retired else self.tr("Retire")
        )
        self.details.setHtml(self._details(theme) if theme else "")

    def _details(self, t: ThemeInfo) -> str:
        def section(title: str, text: str) -> str:
            return f"<h4>{html.escape(title)}</h4><p>{html.escape(text)}</p>" if text else ""

        provisions = provisions_for(t, self.election)
        basis = "".join(f"<li>{html.escape(p.text(self.language))}</li>" for p in provisions)
        legal = self.tr("Legal basis")
        return (
            f"<h3>{html.escape(local(t.label, self.language, t.code))}</h3>"
            f"<p><code>{html.escape(t.code)}</code></p>"
            + section(self.tr("Description"), local(t.description, self.language))
            + section(self.tr("Include"), local(t.inclusion, self.language))
            + section(self.tr("Exclude"), local(t.exclusion, self.language))
            + (f"<h4>{html.escape(legal)}</h4><ul>{basis}</ul>" if basis else "")
        )

    # ---- actions ------------------------------------------------------------------------
    def _run(self, action: object, select: str = "") -> bool:
        try:
            result = action()  # type: ignore[operator]
        except NeutralitasError as exc:
            show_error(self, exc)
            return False
        self.reload(select)
        self.changed.emit(changes_of(result))
        return True

    def _on_add(self) -> None:
        dialog = ThemeDialog(
            self.themes, self.language, parent_code=self.current_code(), parent=self
        )
        if dialog.exec():
            code, label, parent = dialog.values()
            self._run(lambda: self.workbench.add_theme(code, label, parent), code)

    def _on_rename(self) -> None:
        theme = self.current_theme()
        if theme is None:
            return
        dialog = ThemeDialog(self.themes, self.language, theme=theme, parent=self)
        if dialog.exec():
            _, label, _ = dialog.values()
            self._run(lambda: self.workbench.rename_theme(theme.code, label), theme.code)

    def _on_merge(self) -> None:
        theme = self.current_theme()
        if theme is None:
            return
        others = [t for t in self.themes if t.code != theme.code and not t.retired]
        names = ["  " * t.depth + local(t.label, self.language, t.code) for t in others]
        name, ok = QInputDialog.getItem(
            self, self.tr("Merge theme"),
            self.tr("Merge “%1” into:").replace("%1", local(theme.label, self.language)),
            names, 0, False,
        )  # fmt: skip
        if ok and name in names:
            self.merge_into(others[names.index(name)].code)

    def merge_into(self, target: str) -> bool:
        """Merge the selected theme into ``target`` (its codings and findings move)."""
        theme = self.current_theme()
        if theme is None:
            return False
        return self._run(lambda: self.workbench.merge_themes(theme.code, target), target)

    def _on_retire(self) -> None:
        theme = self.current_theme()
        if theme is None:
            return
        if not theme.retired and not confirm(
            self, self.tr("Retire theme"),
            self.tr("Retire “%1”? Its evidence stays; it takes no new codings.").replace(
                "%1", local(theme.label, self.language)
            ),
            self.tr("Retire"),
        ):  # fmt: skip
            return
        self._run(lambda: self.workbench.retire_theme(theme.code, not theme.retired), theme.code)

    def _on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import codebook"), "", FILE_FILTER)
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        def action() -> ImportResult:
            result = self.workbench.import_codebook(path, self.language)
            self.last_message = self.tr("%1: %2 added, %3 updated, %4 unchanged")
            for i, value in enumerate((path.name, result.added, result.updated, result.unchanged)):
                self.last_message = self.last_message.replace(f"%{i + 1}", str(value))
            return result

        ok = self._run(action)
        if ok:
            self.status.setText(self.last_message)
        return ok

    def _on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export codebook"), "codebook.qdc", FILE_FILTER
        )
        if path:
            self.export_file(Path(path))

    def export_file(self, path: Path) -> bool:
        try:
            n = self.workbench.export_codebook(path, self.language)
        except NeutralitasError as exc:
            show_error(self, exc)
            return False
        self.status.setText(
            self.tr("Wrote %1 themes to %2").replace("%1", str(n)).replace("%2", str(path))
        )
        return True
