"""Numbers, sizes and times as the UI language writes them (QLocale, set by the chosen UI
language) and in the study's time zone (WIB, WITA or WIT)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale

from neutralitas_desktop.vocabulary.time_zones import StudyTimeZone, zoned


def decimal(value: float, decimals: int = 1) -> str:
    """45,6 in Indonesian, 45.6 in English."""
    return QLocale().toString(float(value), "f", decimals)


def whole(value: int) -> str:
    """32.673 in Indonesian, 32,673 in English."""
    return QLocale().toString(int(value))


def data_size(size: int) -> str:
    """A file's size: 32 KB, 1,2 MB (the locale's decimal mark)."""
    if size < 1024:
        return f"{whole(size)} B"
    if size < 1024 * 1024:
        return f"{whole(round(size / 1024))} KB"
    return f"{decimal(size / (1024 * 1024), 1)} MB"


def study_time(utc: dt.datetime, zone: StudyTimeZone, seconds: bool = False) -> str:
    """A stored (UTC) time in the study's zone, named: "2024-11-27 10:42 WIB"."""
    return zoned(utc, zone, seconds)
