"""The informants screen: codes, roles, sites and consent; identities hidden unless
revealed (one informant at a time, audited); consent can be withdrawn, which is recorded
and excludes the informant's answers from exports, never deletes them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.ui.dialogs import confirm, show_error
from neutralitas_desktop.ui.informant_dialog import NewInformantDialog
from neutralitas_desktop.ui.informant_table import (
    InformantFilterProxy,
    InformantTableModel,
    RowRole,
    consent_label,
)

if TYPE_CHECKING:
    from neutralitas_desktop.fieldwork.informants import InformantInfo
    from neutralitas_desktop.fieldwork.workspace import Workspace


class InformantsPanel(QWidget):
    changed = Signal(object)  # Changes: an informant was added or their consent changed

    def __init__(self, workspace: Workspace, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.language = language
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.setSpacing(14)
        left = QVBoxLayout()
        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search code, role, site…"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 2)
        self.site = QComboBox(self)
        self.site.addItem(self.tr("All sites"), "")
        bar.addWidget(self.site, 1)
        bar.addStretch(1)
        self.new_button = QPushButton(self.tr("New informant…"), self)
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.create_informant)
        bar.addWidget(self.new_button)
        left.addLayout(bar)
        self.model = InformantTableModel(language, self)
        self.proxy = InformantFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.site.currentIndexChanged.connect(
            lambda _i: self.proxy.set_site(str(self.site.currentData() or ""))
        )
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(40)  # widths from the first rows, not all of them
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        left.addWidget(self.table, 1)
        layout.addLayout(left, 3)
        layout.addWidget(self._build_details(), 1)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self._show_selected()

    def _build_details(self) -> QFrame:
        panel = QFrame(self)
        panel.setObjectName("panel")
        panel.setMinimumWidth(280)
        box = QVBoxLayout(panel)
        box.setContentsMargins(16, 14, 16, 14)
        box.setSpacing(8)
        self.detail_title = QLabel(panel)
        self.detail_title.setObjectName("screenTitle")
        box.addWidget(self.detail_title)
        form = QFormLayout()
        self.detail_role = QLabel(panel)
        self.detail_role.setWordWrap(True)
        self.detail_site = QLabel(panel)
        self.detail_site.setWordWrap(True)  # long names (Kantor Kecamatan …) wrap, not clip
        self.detail_consent = QLabel(panel)
        self.detail_consent.setWordWrap(True)
        form.addRow(self.tr("Role"), self.detail_role)
        form.addRow(self.tr("Site"), self.detail_site)
        form.addRow(self.tr("Consent"), self.detail_consent)
        self.detail_named = QLabel(panel)
        self.detail_named.setWordWrap(True)
        form.addRow(self.tr("Named in reports"), self.detail_named)
        box.addLayout(form)
        self.identity = QLabel(self.tr("Identity hidden"), panel)
        self.identity.setObjectName("muted")
        self.identity.setWordWrap(True)
        self.identity.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.identity)
        self.reveal_button = QPushButton(self.tr("Reveal identity"), panel)
        self.reveal_button.setToolTip(self.tr("Shows the real name and contact; this is logged"))
        self.reveal_button.clicked.connect(self.reveal_identity)
        box.addWidget(self.reveal_button)
        self.named_button = QPushButton(panel)
        self.named_button.setToolTip(
            self.tr(
                "Consent to take part is not consent to appear in a report to Bawaslu, BKN "
                "or the regent: without this, a case file names the informant's role only."
            )
        )
        self.named_button.clicked.connect(self.toggle_named)
        box.addWidget(self.named_button)
        self.withdraw_button = QPushButton(self.tr("Withdraw consent…"), panel)
        self.withdraw_button.clicked.connect(self.withdraw_consent)
        box.addWidget(self.withdraw_button)
        note = QLabel(
            self.tr(
                "A withdrawal is recorded, not deleted: the informant's answers stay in the "
                "study but are left out of exports and reports."
            ),
            panel,
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        box.addWidget(note)
        box.addStretch(1)
        return panel

    # ---- data ----------------------------------------------------------------------
    def reload(self) -> None:
        chosen = self.selected()
        self.model.zone = self.workspace.time_zone()
        self.model.set_rows(self.workspace.informants())
        current = self.site.currentData()
        self.site.blockSignals(True)
        while self.site.count() > 1:
            self.site.removeItem(1)
        for site in self.workspace.sites():
            self.site.addItem(site.name, site.id)
        self.site.setCurrentIndex(max(0, self.site.findData(current)))
        self.site.blockSignals(False)
        if chosen is not None:
            self.select(chosen.id)
        self._show_selected()

    def selected(self) -> InformantInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.data(rows[0], RowRole) if rows else None

    def select(self, informant_id: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, RowRole).id == informant_id:
                self.table.selectRow(row)
                return

    def _show_selected(self, *_args: object) -> None:
        info = self.selected()
        has = info is not None
        for widget in (self.reveal_button, self.withdraw_button, self.named_button):
            widget.setEnabled(has)
        self.identity.setText(self.tr("Identity hidden"))
        self.named_button.setText(self.tr("May be named in reports…"))
        if info is None:
            self.detail_title.setText(self.tr("No informant selected"))
            for label in (
                self.detail_role, self.detail_site, self.detail_consent, self.detail_named
            ):  # fmt: skip
                label.setText("")
            return
        self.detail_named.setText(
            self.tr("Yes, as a source") if info.consent_named else self.tr("No: by role only")
        )
        if info.consent_named:
            self.named_button.setText(self.tr("Take back consent to be named…"))
        self.named_button.setEnabled(info.consent_status == "given" or info.consent_named)
        self.detail_title.setText(info.code)
        self.detail_role.setText(info.role_label.get(self.language) or info.role)
        self.detail_site.setText(info.site_name)
        self.detail_consent.setText(consent_label(info.consent_status))
        self.withdraw_button.setEnabled(info.consent_status == "given")

    # ---- actions -------------------------------------------------------------------
    def create_informant(self) -> None:
        dialog = NewInformantDialog(self.workspace, self.language, parent=self)
        if dialog.exec() and dialog.created is not None:
            self.changed.emit(dialog.created.changes)  # the navigator reloads this tab
            self.select(dialog.created.id)

    def reveal_identity(self) -> None:
        info = self.selected()
        if info is None:
            return
        name, contact = self.workspace.reveal_identity(info.id)
        if not name and not contact:
            self.identity.setText(self.tr("No identity recorded"))
            return
        self.identity.setText(f"{name}\n{contact}".strip())

    def toggle_named(self) -> None:
        """Record (or take back) the consent to be named as a source in a report."""
        info = self.selected()
        if info is None:
            return
        named = not info.consent_named
        question = (
            self.tr(
                "Did %1 agree to be named as a source in a report to an authority "
                "(Bawaslu, BKN, the regent)? Their name is printed only from an encrypted "
                "study opened with its passphrase."
            )
            if named
            else self.tr("Record that %1 no longer agrees to be named in a report?")
        ).replace("%1", info.code)
        if not confirm(self, self.tr("Named in reports"), question, self.tr("Record")):
            return
        try:
            changes = self.workspace.record_named_consent(info.id, named)
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.reload()
        self.changed.emit(changes)

    def withdraw_consent(self) -> None:
        info = self.selected()
        if info is None:
            return
        if not confirm(
            self,
            self.tr("Withdraw consent"),
            self.tr(
                "Record that %1 withdrew consent? Their answers will be left out of "
                "exports and reports."
            ).replace("%1", info.code),
            self.tr("Record withdrawal"),
        ):
            return
        note, _ok = QInputDialog.getText(
            self, self.tr("Withdraw consent"), self.tr("How and when was it withdrawn? (optional)")
        )
        try:
            changes = self.workspace.withdraw_consent(info.id, note)
        except NeutralitasError as exc:
            show_error(self, exc)
            return
        self.changed.emit(changes)
