"""UI preferences (window geometry, recent studies, font size, language) in QSettings,
behind typed accessors with defaults. Study data never goes here."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from neutralitas_desktop import APP_NAME

ORGANIZATION = "neutralitas"
MAX_RECENT = 8
FONT_SIZES = (9, 10, 11, 12, 14, 16, 18)
DEFAULT_FONT_SIZE = 11
LANGUAGES = ("id", "en")
DEFAULT_LOCK_MINUTES = 10


class UiSettings:
    """Typed view of the app's QSettings; pass one instance to the windows that need it."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings if settings is not None else QSettings(ORGANIZATION, APP_NAME)

    def sync(self) -> None:
        self._s.sync()

    # ---- language ------------------------------------------------------------------
    @property
    def language(self) -> str:
        value = str(self._s.value("ui/language", "id"))
        return value if value in LANGUAGES else "id"

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("ui/language", value if value in LANGUAGES else "id")

    # ---- runner font size ----------------------------------------------------------
    @property
    def font_size(self) -> int:
        try:
            value = int(str(self._s.value("runner/font_size", DEFAULT_FONT_SIZE)))
        except (TypeError, ValueError):
            return DEFAULT_FONT_SIZE
        return min(FONT_SIZES, key=lambda size: abs(size - value))

    @font_size.setter
    def font_size(self, value: int) -> None:
        self._s.setValue("runner/font_size", int(value))

    # ---- windows -------------------------------------------------------------------
    def geometry(self, name: str) -> QByteArray | None:
        value = self._s.value(f"windows/{name}/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self._s.setValue(f"windows/{name}/geometry", value)

    # ---- studies -------------------------------------------------------------------
    @property
    def recent_studies(self) -> list[str]:
        value = self._s.value("studies/recent", [])
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [str(v) for v in items if v][:MAX_RECENT]

    def add_recent_study(self, path: str) -> None:
        recent = [p for p in self.recent_studies if p != path]
        self._s.setValue("studies/recent", [path, *recent][:MAX_RECENT])

    def remove_recent_study(self, path: str) -> None:
        self._s.setValue("studies/recent", [p for p in self.recent_studies if p != path])

    @property
    def last_study(self) -> str:
        return str(self._s.value("studies/last", "") or "")

    @last_study.setter
    def last_study(self, path: str) -> None:
        self._s.setValue("studies/last", path)

    # ---- runner -------------------------------------------------------------------
    @property
    def show_hints(self) -> bool:
        return str(self._s.value("runner/show_hints", "true")).lower() != "false"

    @show_hints.setter
    def show_hints(self, value: bool) -> None:
        self._s.setValue("runner/show_hints", "true" if value else "false")

    # ---- protection ---------------------------------------------------------------
    @property
    def lock_minutes(self) -> int:
        """Minutes without use before an encrypted study locks; 0: never."""
        try:
            value = int(str(self._s.value("protection/lock_minutes", DEFAULT_LOCK_MINUTES)))
        except (TypeError, ValueError):
            return DEFAULT_LOCK_MINUTES
        return max(0, value)

    @lock_minutes.setter
    def lock_minutes(self, value: int) -> None:
        self._s.setValue("protection/lock_minutes", max(0, int(value)))

    @property
    def plain_studies(self) -> list[str]:
        """Plain studies whose user declined to encrypt them (not offered again)."""
        value = self._s.value("protection/plain_studies", [])
        items = value if isinstance(value, list) else [value] if value else []
        return [str(v) for v in items if v]

    def keep_plain(self, path: str) -> None:
        self._s.setValue("protection/plain_studies", [*self.plain_studies, path])
