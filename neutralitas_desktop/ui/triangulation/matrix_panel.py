"""The triangulation matrix screen: grouping (technique, source, time, or sites × themes)
and filters, the matrix of incidents by corroboration with a simpulan per theme and the
answers as context, and the incidents behind the cell the user picks (double-click one to
open the incident view)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.operations import Kind
from neutralitas_desktop.triangulation.incident_types import IncidentInfo
from neutralitas_desktop.triangulation.types import GROUPINGS, Evidence, Matrix, MatrixQuery
from neutralitas_desktop.ui.dialogs import show_error
from neutralitas_desktop.ui.operation_runner import OperationRunner
from neutralitas_desktop.ui.translations import term
from neutralitas_desktop.ui.triangulation.labels import grouping_hint, grouping_name, local
from neutralitas_desktop.ui.triangulation.matrix_model import (
    CellRole,
    EvidenceTableModel,
    IncidentTableModel,
    MatrixTableModel,
)
from neutralitas_desktop.ui.triangulation.matrix_sizing import (
    MatrixColumnFitter,
    fit_matrix_columns,
)
from neutralitas_desktop.vocabulary import SessionStatus
from neutralitas_desktop.vocabulary.terms import values

if TYPE_CHECKING:
    from neutralitas_desktop.reports.service import ReportService
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench

# Refused sessions hold no evidence, so the matrix is never filtered to them.
STATUSES = tuple(s for s in values(SessionStatus) if s != SessionStatus.REFUSED)


class TriangulationPanel(QWidget):
    SHOWS = frozenset(
        {
            Kind.INCIDENTS,
            Kind.CODINGS,
            Kind.THEMES,
            Kind.SESSIONS,
            Kind.ANSWERS,
            Kind.SITES,
            Kind.SETTINGS,
        }
    )  # what the counts come from
    matrix_loaded = Signal(object)  # Matrix
    incidents_loaded = Signal(list)  # list[IncidentInfo]
    evidence_loaded = Signal(list)  # list[Evidence]: the answers, as context
    incident_opened = Signal(str)  # an incident's id
    changes_made = Signal(object)  # Changes made in an incident opened from the matrix

    def __init__(
        self,
        workbench: TriangulationWorkbench,
        language: str,
        parent: QWidget | None = None,
        reports: ReportService | None = None,  # for an incident's case file
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.setWindowTitle(self.tr("Triangulation matrix"))
        self.workbench = workbench
        self.reports = reports
        self.language = language
        self.matrix: Matrix | None = None
        self.selected: tuple[str, str | None] | None = None
        self.worker = OperationRunner(self, latest_only=True)
        self.evidence_worker = OperationRunner(self, latest_only=True)
        self.incidents_worker = OperationRunner(self, latest_only=True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        title = QLabel(self.tr("Triangulation matrix"), self)
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        layout.addLayout(self._filter_bar())
        self.rule = QLabel(self)
        self.rule.setObjectName("muted")
        self.rule.setWordWrap(True)
        layout.addWidget(self.rule)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.matrix_model = MatrixTableModel(self)
        self.table = QTableView(splitter)
        self.table.setModel(self.matrix_model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        MatrixColumnFitter(self.table)
        self.table.clicked.connect(self._on_cell_clicked)
        self.table.activated.connect(self._on_cell_clicked)

        drill = QFrame(splitter)
        drill.setObjectName("panel")
        dl = QVBoxLayout(drill)
        dl.setContentsMargins(10, 8, 10, 8)
        self.evidence_title = QLabel(self.tr("Pick a cell to see its incidents."), drill)
        self.evidence_title.setObjectName("groupTitle")
        dl.addWidget(self.evidence_title)
        self.tabs = QTabWidget(drill)
        self.incident_model = IncidentTableModel(self)
        self.incident_table = QTableView(self.tabs)
        self.incident_table.setModel(self.incident_model)
        self.incident_table.verticalHeader().hide()
        self.incident_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.incident_table.horizontalHeader().setStretchLastSection(False)
        self.incident_table.doubleClicked.connect(self._on_incident_activated)
        self.incident_table.activated.connect(self._on_incident_activated)
        self.tabs.addTab(self.incident_table, self.tr("Incidents"))
        self.evidence_model = EvidenceTableModel(self)
        self.evidence_table = QTableView(self.tabs)
        self.evidence_table.setModel(self.evidence_model)
        self.evidence_table.verticalHeader().hide()
        self.evidence_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.evidence_table.setWordWrap(False)
        header = self.evidence_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.tabs.addTab(self.evidence_table, self.tr("Context: answers (not evidence)"))
        dl.addWidget(self.tabs)
        splitter.addWidget(self.table)
        splitter.addWidget(drill)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.status = QLabel(self)
        self.status.setObjectName("muted")
        layout.addWidget(self.status)
        self.reload()

    # ---- filters ----------------------------------------------------------------------
    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.grouping = QComboBox(self)
        self.grouping.setToolTip(
            self.tr("Triangulation by technique, by source or by time; or sites × themes")
        )
        for by in GROUPINGS:
            self.grouping.addItem(grouping_name(by), by)
            self.grouping.setItemData(
                self.grouping.count() - 1, grouping_hint(by), Qt.ItemDataRole.ToolTipRole
            )
        self.site = self._choices(self.tr("All sites"), self.workbench.sites())
        self.period = self._choices(self.tr("All periods"), self.workbench.periods())
        self.researcher = self._choices(self.tr("All researchers"), self.workbench.researchers())
        self.session_status = QComboBox(self)
        self.session_status.addItem(self.tr("All statuses"), None)
        for status in STATUSES:
            self.session_status.addItem(term(SessionStatus, status), status)
        self.rollup = QCheckBox(self.tr("Parent themes include their sub-themes"), self)
        self.rollup.setChecked(True)
        for combo in (self.grouping, self.site, self.period, self.researcher, self.session_status):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)
            combo.currentIndexChanged.connect(self.reload)
            bar.addWidget(combo)
        self.rollup.toggled.connect(self.reload)
        bar.addWidget(self.rollup)
        bar.addStretch(1)
        return bar

    def _choices(self, everything: str, choices: list[Any]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, None)
        for choice in choices:
            combo.addItem(local(choice.label, self.language, choice.key), choice.key)
        return combo

    def query(self) -> MatrixQuery:
        return MatrixQuery(
            by=self.grouping.currentData(),
            site=self.site.currentData(),
            period=self.period.currentData(),
            researcher=self.researcher.currentData(),
            status=self.session_status.currentData(),
            rollup=self.rollup.isChecked(),
        )

    def set_grouping(self, by: str) -> None:
        self.grouping.setCurrentIndex(self.grouping.findData(by))

    # ---- loading ----------------------------------------------------------------------
    def reload(self) -> None:
        query = self.query()
        self.status.setText(self.tr("Counting the incidents…"))
        self.worker.run(
            lambda _p, _c: self.workbench.matrix(query), self._on_matrix, self._on_error
        )

    def _on_matrix(self, matrix: Matrix) -> None:
        self.matrix = matrix
        self.matrix_model.set_matrix(matrix, self.language)
        fit_matrix_columns(self.table)
        self.rule.setText(
            self.tr(
                "Each cell: incidents whose lines of evidence fall in it, by corroboration "
                "(corroborated · single line · contradicted · unattested), and the lines in "
                "brackets. An incident is corroborated by at least %1 independent supporting "
                "lines (observed, document, self-report, witness; different informants or "
                "techniques); hearsay never corroborates and denials do not cancel. A theme's "
                "conclusion is that of its best-attested incident; bold cells hold the lines "
                "that decided it. Answers are context only."
            ).replace("%1", str(matrix.thresholds.corroboration))
        )
        self.status.setText(self.tr("%1 themes").replace("%1", str(len(matrix.rows))))
        self.matrix_loaded.emit(matrix)
        if self.selected is not None:
            self.show_evidence(*self.selected)

    def _on_error(self, error: BaseException) -> None:
        self.status.setText("")
        show_error(self, error)

    # ---- drill-down -------------------------------------------------------------------
    def _on_cell_clicked(self, index: QModelIndex) -> None:
        theme, column = index.data(CellRole) or (None, None)
        if theme:
            self.show_evidence(theme, column)

    def show_evidence(self, theme: str, column: str | None) -> None:
        """Load the incidents of a cell (or of the whole row when column is None) and the
        answers about its theme."""
        if self.matrix is None:
            return
        if column is not None and column not in {c.key for c in self.matrix.columns}:
            column = None  # regrouped: that column is gone, the theme's row stays picked
        self.selected = (theme, column)
        try:
            row = self.matrix.row(theme)
        except KeyError:
            self.selected = None
            self.evidence_model.set_items([], self.language)
            self.incident_model.set_items([])
            self.evidence_title.setText(self.tr("Pick a cell to see its evidence."))
            return
        label = local(row.label, self.language, theme)
        if column is not None:
            col = self.matrix.columns[self.matrix.column_index(column)]
            label += " × " + local(col.label, self.language, column)
        self.evidence_title.setText(self.tr("Incidents: %1").replace("%1", label))
        query, language = self.matrix.query, self.language
        self.incidents_worker.run(
            lambda _p, _c: self.workbench.cell_incidents(query, theme, column),
            self._on_incidents,
            self._on_error,
        )
        self.evidence_worker.run(
            lambda _p, _c: self.workbench.evidence(query, theme, column, None, language),
            self._on_evidence,
            self._on_error,
        )

    def _on_incidents(self, items: list[IncidentInfo]) -> None:
        self.incident_model.set_items(items)
        self.incident_table.resizeColumnsToContents()
        self.incidents_loaded.emit(items)

    def _on_incident_activated(self, index: QModelIndex) -> None:
        incident = self.incident_model.index(index.row(), 0).data(Qt.ItemDataRole.UserRole)
        if incident is not None:
            self.open_incident(incident.id)

    def open_incident(self, incident_id: str) -> None:
        """Show the incident view: its lines of evidence and which decided it."""
        from neutralitas_desktop.ui.triangulation.incident_view import IncidentDialog

        dialog = IncidentDialog(self.workbench, incident_id, self.language, self, self.reports)
        dialog.changed.connect(lambda _changes: self.reload())
        dialog.changed.connect(self.changes_made)
        self.incident_opened.emit(incident_id)
        dialog.open()

    def _on_evidence(self, items: list[Evidence]) -> None:
        self.evidence_model.set_items(items, self.language)
        header = self.evidence_table.horizontalHeader()
        self.evidence_table.resizeColumnsToContents()
        if header.sectionSize(1) > 520:
            header.resizeSection(1, 520)
        self.evidence_loaded.emit(items)
