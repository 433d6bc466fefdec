"""The look of the app: a calm light palette, one accent colour, cards for questions.

Widgets name their role with ``objectName`` (``questionCard``, ``hint``, ``issue`` …) and
this one style sheet gives each role its look, so no widget hard-codes colours.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

ACCENT = "#1d6a72"
ACCENT_SOFT = "#e3f0f1"
TEXT = "#1f2933"
MUTED = "#5f6b7a"
BORDER = "#d9dee4"
WINDOW = "#f3f4f6"
ERROR = "#b3261e"
WARNING_SOFT = "#fff4e0"
WARNING = "#8a5300"
OK = "#2e7d32"

STYLE_SHEET = f"""
QMainWindow, QDialog, QWizard {{ background: {WINDOW}; }}
QWidget#page, QScrollArea#pageScroll, QWidget#pageBody {{ background: {WINDOW}; }}
QFrame#questionCard {{
    background: white; border: 1px solid {BORDER}; border-radius: 8px;
}}
QFrame#questionCard[issue="true"] {{ border: 1px solid {ERROR}; }}
QFrame#questionCard[current="true"] {{ border: 2px solid {ACCENT}; }}
QFrame#repeatItem {{
    background: #fafbfc; border: 1px dashed {BORDER}; border-radius: 8px;
}}
QLabel#questionLabel {{ color: {TEXT}; font-weight: 600; }}
QLabel#required {{ color: {ERROR}; font-weight: 700; }}
QLabel#hint, QLabel#muted {{ color: {MUTED}; }}
QLabel#issue {{ color: {ERROR}; }}
QLabel#reviewComment {{
    background: #fdf1dc; border-left: 3px solid #d68910; padding: 6px 8px; color: #5b3a06;
}}
QLabel#sectionTitle {{ color: {TEXT}; font-size: 15pt; font-weight: 600; }}
QLabel#groupTitle {{ color: {ACCENT}; font-weight: 600; padding-top: 6px; }}
QLabel#screenTitle {{ color: {TEXT}; font-size: 14pt; font-weight: 600; }}
QLabel#countValue {{ color: {TEXT}; font-size: 16pt; font-weight: 600; }}
QLabel#countName {{ color: {MUTED}; }}
QFrame#countTile {{ background: white; border: 1px solid {BORDER}; border-radius: 8px; }}
QFrame#panel, QLabel#panel {{
    background: white; border: 1px solid {BORDER}; border-radius: 8px;
}}
QFrame#banner {{
    background: {WARNING_SOFT}; border: 1px solid #f0b35b; border-radius: 6px;
}}
QLabel#bannerText {{ color: {WARNING}; }}
QFrame#runnerHeader {{ background: white; border-bottom: 1px solid {BORDER}; }}
QLabel#runnerTitle {{ color: {TEXT}; font-size: 13pt; font-weight: 600; }}
QListView#outline, QTreeView#outline {{
    background: white; border: 1px solid {BORDER}; border-radius: 8px; padding: 4px;
}}
QTableView {{
    background: white; border: 1px solid {BORDER}; border-radius: 6px;
    gridline-color: #eceff2; selection-background-color: {ACCENT_SOFT};
    selection-color: {TEXT};
}}
QHeaderView::section {{
    background: #f7f8fa; color: {MUTED}; border: none; border-bottom: 1px solid {BORDER};
    padding: 6px 8px; font-weight: 600;
}}
QPushButton {{
    padding: 5px 14px; border: 1px solid {BORDER}; border-radius: 6px; background: white;
}}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton:disabled {{ color: #9aa5b1; }}
QPushButton#primary {{
    background: {ACCENT}; color: white; border: 1px solid {ACCENT}; font-weight: 600;
}}
QPushButton#primary:disabled {{ background: #9dbcbf; border-color: #9dbcbf; }}
QPushButton#link {{ border: none; color: {ACCENT}; background: transparent; padding: 2px 4px; }}
QPushButton#cardLink {{
    border: none; color: #7b8794; background: transparent; padding: 0 4px; font-size: 9pt;
}}
QPushButton#cardLink:hover, QPushButton#cardLink:checked {{ color: {ACCENT}; }}
QLineEdit, QPlainTextEdit {{
    border: 1px solid {BORDER}; border-radius: 5px; padding: 4px 6px; background: white;
}}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 1px solid {ACCENT}; }}
QComboBox {{ padding: 3px 8px; }}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: #c5ccd3; border-radius: 4px; min-height: 30px; }}
QScrollBar::handle:vertical:hover {{ background: #9aa5b1; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; width: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
QScrollBar:horizontal {{ background: transparent; height: 10px; margin: 2px; }}
QScrollBar::handle:horizontal {{ background: #c5ccd3; border-radius: 4px; min-width: 30px; }}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{
    padding: 7px 16px; color: {MUTED}; border: none; border-bottom: 2px solid transparent;
}}
QTabBar::tab:selected {{ color: {TEXT}; border-bottom: 2px solid {ACCENT}; font-weight: 600; }}
QStatusBar {{ background: white; border-top: 1px solid {BORDER}; color: {MUTED}; }}
QToolBar {{ background: white; border-bottom: 1px solid {BORDER}; spacing: 4px; padding: 3px; }}
"""


def apply_theme(app: QApplication, font_size: int = 10) -> None:
    """Fusion style (the same on every platform), a light palette and the style sheet.

    Idempotent: a style already in place is kept, since replacing the application's style
    deletes the old one and re-polishes every widget, dialogs being torn down included."""
    current = app.style()
    if current is None or current.name().lower() != "fusion":
        style = QStyleFactory.create("Fusion")
        if style is not None:
            app.setStyle(style)
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(WINDOW))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Base, QColor("white"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f7f8fa"))
    palette.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Button, QColor("white"))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8a96a3"))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSize(font_size)
    app.setFont(font)
    if app.styleSheet() != STYLE_SHEET:
        app.setStyleSheet(STYLE_SHEET)


def question_text_css(size: int) -> str:
    """The runner's text size: a style sheet on the form's pages, because a widget that the
    application style sheet styles no longer inherits its parent's font."""
    return f"""
QLabel#questionLabel, QLabel#hint, QLabel#issue, QLabel#reviewComment, QRadioButton,
QCheckBox, QLineEdit, QPlainTextEdit, QComboBox, QDateEdit, QTimeEdit, QDateTimeEdit,
QLabel {{ font-size: {size}pt; }}
QLabel#sectionTitle {{ font-size: {size + 5}pt; }}
QPushButton#cardLink {{ font-size: {max(size - 1, 8)}pt; }}
"""
