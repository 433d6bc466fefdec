"""A PDF report previewed inside the app (QtPdf), page by page, before it is printed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

try:  # QtPdf comes in the PySide6-Pdf wheel; without it the preview is simply not offered
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
except ImportError:  # pragma: no cover - depends on the installation
    QPdfDocument = None  # type: ignore[assignment,misc]
    QPdfView = None  # type: ignore[assignment,misc]


def preview_available() -> bool:
    return QPdfDocument is not None


class PdfPreviewDialog(QDialog):
    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if QPdfDocument is None or QPdfView is None:
            raise RuntimeError("QtPdf is not installed")
        self.setWindowTitle(self.tr("Preview — {name}").format(name=path.name))
        self.resize(820, 960)
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pages = QLabel(self.tr("{n} pages").format(n=self.document.pageCount()), self)
        self.pages.setObjectName("muted")
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        bar = QHBoxLayout()
        bar.addWidget(self.pages)
        bar.addStretch(1)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    @property
    def page_count(self) -> int:
        return int(self.document.pageCount())
