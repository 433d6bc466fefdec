"""Loading the UI translations: Qt's own base strings (standard buttons, dialogs) and ours.

Sources are written in English; ``resources/translations/neutralitas_id.ts`` holds the
Indonesian text (the default UI language). Qt ships no Indonesian base translation, so
``qtbase_id.ts`` beside it covers the standard buttons and the wizard's navigation.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from neutralitas_desktop.paths import resources_dir


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
