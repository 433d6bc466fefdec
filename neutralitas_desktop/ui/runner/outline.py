"""The outline beside the runner's page: each section with answered / required counts,
greyed out when not relevant, the current one highlighted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from neutralitas_desktop.instruments.form_state import SectionStatus
from neutralitas_desktop.ui import theme

StatusRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class OutlineModel(QAbstractListModel):
    """Rows: SectionStatus values from the form state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SectionStatus] = []
        self.current = 0

    def set_rows(self, rows: list[SectionStatus], current: int) -> None:
        if len(rows) != len(self._rows):
            self.beginResetModel()
            self._rows, self.current = rows, current
            self.endResetModel()
            return
        self._rows, self.current = rows, current
        if rows:
            self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.label
        if role == StatusRole:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.counts_text(row)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled
        if self._rows[index.row()].relevant:
            flags |= Qt.ItemFlag.ItemIsSelectable
        return flags

    def counts_text(self, row: SectionStatus) -> str:
        if not row.relevant:
            return self.tr("Not asked (skipped by earlier answers)")
        text = self.tr("%1 of %2 answered").replace("%1", str(row.answered))
        text = text.replace("%2", str(row.questions))
        if row.required:
            required = self.tr("%1/%2 required").replace("%1", str(row.required_answered))
            text += " · " + required.replace("%2", str(row.required))
        return text


class OutlineDelegate(QStyledItemDelegate):
    """Two lines per section: its title, and its counts (or a tick when complete)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        metrics = option.fontMetrics  # type: ignore[attr-defined]
        return QSize(200, metrics.height() * 2 + 18)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        row: SectionStatus = index.data(StatusRole)
        model = index.model()
        assert isinstance(model, OutlineModel)
        rect: QRect = option.rect  # type: ignore[attr-defined]
        painter.save()
        current = index.row() == model.current
        if current:
            painter.fillRect(rect.adjusted(2, 1, -2, -1), QColor(theme.ACCENT_SOFT))
            painter.fillRect(
                QRect(rect.left() + 2, rect.top() + 1, 3, rect.height() - 2), QColor(theme.ACCENT)
            )
        elif option.state & QStyle.StateFlag.State_MouseOver:  # type: ignore[attr-defined]
            painter.fillRect(rect.adjusted(2, 1, -2, -1), QColor("#f5f7f9"))
        font = QFont(option.font)  # type: ignore[attr-defined]
        font.setBold(current)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        text_rect = rect.adjusted(12, 7, -10, 0)
        colour = theme.TEXT if row.relevant else "#a3acb6"
        painter.setPen(QColor(colour))
        title = metrics.elidedText(row.label, Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, title)
        small = QFont(option.font)  # type: ignore[attr-defined]
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1.5))
        painter.setFont(small)
        line2 = text_rect.adjusted(0, metrics.height() + 2, 0, 0)
        if not row.relevant:
            painter.setPen(QColor("#a3acb6"))
            painter.drawText(
                line2,
                Qt.AlignmentFlag.AlignLeft,
                QCoreApplication.translate("OutlineModel", "skipped"),
            )
        else:
            done = row.complete and row.answered > 0
            painter.setPen(QColor(theme.MUTED))
            counts = f"{row.answered}/{row.questions}"
            if row.required:
                counts += "  ·  " + QCoreApplication.translate(
                    "OutlineModel", "required %1/%2"
                ).replace("%1", str(row.required_answered)).replace("%2", str(row.required))
            painter.drawText(line2, Qt.AlignmentFlag.AlignLeft, counts)
            if done:
                painter.setPen(QColor(theme.OK))
                painter.drawText(line2, Qt.AlignmentFlag.AlignRight, "✓")
        painter.restore()


class OutlineView(QListView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outline")
        self.setItemDelegate(OutlineDelegate(self))
        self.setMouseTracking(True)
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
