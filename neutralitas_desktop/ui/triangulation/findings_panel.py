"""The findings editor: per theme (and site) the conclusion drawn, its verification status
with the reason for it, and the incidents (and excerpts) it rests on, beside the theme's
simpulan triangulasi."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.operations import Kind
from neutralitas_desktop.triangulation.incident_types import IncidentInfo
from neutralitas_desktop.triangulation.types import (
    FINDING_STATUSES,
    Evidence,
    FindingInfo,
    Matrix,
    MatrixQuery,
)
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.operation_runner import OperationRunner
from neutralitas_desktop.ui.triangulation.labels import (
    conclusion_name,
    corroboration_name,
    finding_status_name,
    local,
    source_name,
    stance_name,
)

if TYPE_CHECKING:
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench

Index = QModelIndex | QPersistentModelIndex


class FindingsTableModel(QAbstractTableModel):
    HEADERS = ("Theme", "Site", "Status", "Conclusion", "Evidence", "Author")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[FindingInfo] = []
        self.language = "id"

    def set_items(self, items: list[FindingInfo], language: str) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.language = language
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Theme"),
                self.tr("Site"),
                self.tr("Status"),
                self.tr("Conclusion"),
                self.tr("Incidents"),
                self.tr("Author"),
            )[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f = self.items[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return f
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return f.conclusion
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            if f.status_before_reasons:
                return self.tr("Status set before reasons were required")
            return f.status_reason or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            local(f.theme_label, self.language, f.theme_code),
            f.site_name or "—",
            finding_status_name(f.status) + (" *" if f.status_before_reasons else ""),
            f.conclusion,
            str(len(f.incidents)),
            f.author_name,
        )[index.column()]


class FindingsPanel(QWidget):
    SHOWS = frozenset(
        {Kind.FINDINGS, Kind.THEMES, Kind.INCIDENTS, Kind.CODINGS}
    )  # findings and their evidence
    saved = Signal(object)  # FindingInfo
    evidence_loaded = Signal()

    def __init__(
        self, workbench: TriangulationWorkbench, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.setWindowTitle(self.tr("Findings"))
        self.workbench = workbench
        self.language = language
        self.editing: FindingInfo | None = None
        self.evidence: list[Evidence] = []
        self.incidents: list[IncidentInfo] = []
        self.worker = OperationRunner(self, latest_only=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        title = QLabel(self.tr("Findings"), self)
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.model = FindingsTableModel(self)
        self.table = QTableView(splitter)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        editor = QWidget(splitter)
        el = QVBoxLayout(editor)
        el.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.theme = QComboBox(editor)
        for t in workbench.themes():
            if not t.retired:
                self.theme.addItem("  " * t.depth + local(t.label, language, t.code), t.code)
        self.site = QComboBox(editor)
        self.site.addItem(self.tr("All sites"), None)
        for choice in workbench.sites():
            self.site.addItem(local(choice.label, language, choice.key), choice.key)
        self.status = QComboBox(editor)
        for status in FINDING_STATUSES:
            self.status.addItem(finding_status_name(status), status)
        self.conclusion = QPlainTextEdit(editor)
        self.conclusion.setPlaceholderText(self.tr("The conclusion drawn from the evidence"))
        self.conclusion.setMaximumHeight(90)
        self.reason = QPlainTextEdit(editor)
        self.reason.setPlaceholderText(
            self.tr(
                "Why this status (required to verify; say why when no incident is corroborated)"
            )
        )
        self.reason.setMaximumHeight(60)
        self.verdict = QLabel(editor)
        self.verdict.setObjectName("muted")
        self.verdict.setWordWrap(True)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Site"), self.site)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Conclusion"), self.conclusion)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Triangulation conclusion"), self.verdict)
        el.addLayout(form)
        self.incident_model = QStandardItemModel(self)
        self.incident_table = QTableView(editor)
        self.incident_table.setModel(self.incident_model)
        self.incident_table.verticalHeader().hide()
        self.incident_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        el.addWidget(QLabel(self.tr("Incidents it rests on (tick)"), editor))
        el.addWidget(self.incident_table, 1)
        self.evidence_model = QStandardItemModel(self)
        self.evidence_table = QTableView(editor)
        self.evidence_table.setModel(self.evidence_model)
        self.evidence_table.verticalHeader().hide()
        self.evidence_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        el.addWidget(QLabel(self.tr("Excerpts it quotes (tick, optional)"), editor))
        el.addWidget(self.evidence_table, 1)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New finding"), editor)
        self.save_button = QPushButton(self.tr("Save"), editor)
        self.save_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_finding)
        self.save_button.clicked.connect(self.save)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        el.addLayout(buttons)
        splitter.addWidget(self.table)
        splitter.addWidget(editor)
        splitter.setSizes([220, 480])
        layout.addWidget(splitter, 1)
        self.theme.currentIndexChanged.connect(self._load_evidence)
        self.site.currentIndexChanged.connect(self._load_evidence)
        self.reload()
        self._load_evidence()

    # ---- list ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.model.set_items(self.workbench.findings(), self.language)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        finding = current.data(Qt.ItemDataRole.UserRole) if current.isValid() else None
        if finding is not None:
            self.edit(finding)

    def edit(self, finding: FindingInfo) -> None:
        self.editing = finding
        self.conclusion.setPlainText(finding.conclusion)
        self.reason.setPlainText(finding.status_reason)
        self.status.setCurrentIndex(self.status.findData(finding.status))
        self.site.blockSignals(True)
        self.site.setCurrentIndex(max(0, self.site.findData(finding.site_id)))
        self.site.blockSignals(False)
        index = self.theme.findData(finding.theme_code)
        if index != self.theme.currentIndex():
            self.theme.setCurrentIndex(index)  # reloads the evidence
        else:
            self._load_evidence()

    def new_finding(self) -> None:
        self.editing = None
        self.table.clearSelection()
        self.conclusion.clear()
        self.reason.clear()
        self.status.setCurrentIndex(0)
        self._tick(set())
        self._tick_incidents(set())

    # ---- evidence -----------------------------------------------------------------------
    def _load_evidence(self) -> None:
        theme = self.theme.currentData()
        if not theme:
            return
        query = MatrixQuery(site=self.site.currentData())
        language = self.language

        site = self.site.currentData()

        def work(*_: object) -> tuple[Matrix, list[Evidence], list[IncidentInfo]]:
            return (
                self.workbench.matrix(query),
                self.workbench.evidence(query, theme, None, None, language),
                self.workbench.incidents(site=site, theme=theme),
            )

        self.worker.run(work, self._on_evidence, lambda exc: show_error(self, exc))

    def _on_evidence(self, result: tuple[Matrix, list[Evidence], list[IncidentInfo]]) -> None:
        matrix, self.evidence, self.incidents = result
        theme = self.theme.currentData()
        try:
            c = matrix.row(theme).conclusion
            labels = {k.key: local(k.label, self.language, k.key) for k in matrix.columns}
            text = conclusion_name(c.kind)
            if c.decided_by:
                text += " (" + ", ".join(labels[k] for k in c.decided_by) + ")"
        except KeyError:
            text = conclusion_name("no_incidents")
        self.verdict.setText(text)
        self.incident_model.clear()
        self.incident_model.setHorizontalHeaderLabels(
            [self.tr("Corroboration"), self.tr("Incident"), self.tr("Site"), self.tr("Date")]
        )
        for i in self.incidents:
            check = QStandardItem(corroboration_name(i.corroboration))
            check.setCheckable(True)
            check.setData(i.id, Qt.ItemDataRole.UserRole)
            self.incident_model.appendRow([
                check, QStandardItem(i.summary), QStandardItem(i.site_name),
                QStandardItem(str(i.date_start)),
            ])  # fmt: skip
        self.incident_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        self._tick_incidents(set(self.editing.incidents) if self.editing else set())
        self.evidence_model.clear()
        self.evidence_model.setHorizontalHeaderLabels(
            [self.tr("Stance"), self.tr("Excerpt or answer"), self.tr("Informant"),
             self.tr("Source"), self.tr("Site"), self.tr("Date")]
        )  # fmt: skip
        for e in self.evidence:
            check = QStandardItem(stance_name(e.stance))
            check.setCheckable(True)
            check.setData(e.answer_id, Qt.ItemDataRole.UserRole)
            excerpt = QStandardItem(e.label)
            excerpt.setToolTip("\n".join([e.label, *e.memos]))
            self.evidence_model.appendRow([
                check, excerpt, QStandardItem(e.informant_code or "—"),
                QStandardItem(local(e.role_label, self.language, e.role) if e.role
                              else source_name(e.source_type)),
                QStandardItem(e.site_name), QStandardItem(e.started_at.strftime("%Y-%m-%d")),
            ])  # fmt: skip
        header = self.evidence_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 200)  # role names are long; the excerpt matters more
        chosen = set(self.editing.evidence) if self.editing else set()
        self._tick(chosen)
        self.evidence_loaded.emit()

    def _tick(self, ids: set[str]) -> None:
        for row, e in enumerate(self.evidence):
            item = self.evidence_model.item(row, 0)
            hit = e.answer_id in ids or bool(ids & set(e.coding_ids))
            item.setCheckState(Qt.CheckState.Checked if hit else Qt.CheckState.Unchecked)

    def _tick_incidents(self, ids: set[str]) -> None:
        for row, i in enumerate(self.incidents):
            item = self.incident_model.item(row, 0)
            hit = i.id in ids
            item.setCheckState(Qt.CheckState.Checked if hit else Qt.CheckState.Unchecked)

    def checked_incidents(self) -> list[str]:
        return [
            i.id
            for row, i in enumerate(self.incidents)
            if self.incident_model.item(row, 0).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, answer_ids: set[str]) -> None:
        self._tick(answer_ids)

    def checked_evidence(self) -> list[str]:
        return [
            e.answer_id
            for row, e in enumerate(self.evidence)
            if self.evidence_model.item(row, 0).checkState() == Qt.CheckState.Checked
        ]

    # ---- saving -------------------------------------------------------------------------
    def save(self) -> FindingInfo | None:
        site = self.site.currentData()
        try:
            if self.editing is None:
                finding = self.workbench.add_finding(
                    self.theme.currentData(), self.conclusion.toPlainText(),
                    status=self.status.currentData(), site=site,
                    evidence=self.checked_evidence(), incidents=self.checked_incidents(),
                    reason=self.reason.toPlainText(),
                )  # fmt: skip
            else:
                finding = self.workbench.update_finding(
                    self.editing.id, conclusion=self.conclusion.toPlainText(),
                    status=self.status.currentData(), site=site or "",
                    evidence=self.checked_evidence(), incidents=self.checked_incidents(),
                    reason=self.reason.toPlainText(),
                )  # fmt: skip
        except NeutralitasError as exc:
            show_error(self, exc)
            return None
        self.editing = finding
        self.reload()
        self.saved.emit(finding)
        return finding
