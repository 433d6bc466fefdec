"""The Export menu's dialogs: Excel workbook and PDF reports, run off the GUI thread."""
