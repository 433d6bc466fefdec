"""Loading the UI translations: Qt's own base strings (standard buttons, dialogs) and ours.

Sources are written in English; ``resources/translations/neutralitas_id.ts`` holds the
Indonesian text (the default UI language). Qt ships no Indonesian base translation, so
``qtbase_id.ts`` beside it covers the standard buttons and the wizard's navigation.

The labels of the vocabulary's values (statuses, stances, consent, …) and the services'
messages are not in the ``.ts`` files: ``term`` and ``error_text`` read them from
``neutralitas_desktop.vocabulary`` in the UI language, the catalogue the reports use.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.paths import resources_dir
from neutralitas_desktop.vocabulary import label


def translations_dir() -> Path:
    return resources_dir() / "translations"


def install_translators(
    app: QCoreApplication, language: str, previous: list[QTranslator] | None = None
) -> list[QTranslator]:
    """Install the translators for ``language`` (removing ``previous``); keep the list
    returned alive as long as the translations are in use."""
    for translator in previous or []:
        app.removeTranslator(translator)
    locale = QLocale.Language.Indonesian if language == "id" else QLocale.Language.English
    QLocale.setDefault(QLocale(locale))
    translators: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = str(translations_dir())
    for name, folders in (
        (f"qtbase_{language}", (qt_dir, ours)),
        (f"neutralitas_{language}", (ours,)),
    ):
        for folder in folders:
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                translators.append(translator)
                break
    return translators


def ui_language() -> str:
    """The UI language in use: Indonesian when ``install_translators`` chose it, else
    English (the language the sources are written in)."""
    return "id" if QLocale().language() == QLocale.Language.Indonesian else "en"


def term(kind: type[StrEnum], code: str) -> str:
    """The label of one of the vocabulary's values in the UI language."""
    return label(kind, code, ui_language())


def error_text(error: BaseException) -> str:
    """What to tell the user about ``error``: a service's message in the UI language when
    it carries a message id, else its text."""
    if isinstance(error, NeutralitasError):
        return error.localized(ui_language())
    return str(error)
