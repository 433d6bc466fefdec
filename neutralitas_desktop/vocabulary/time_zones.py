"""The study's time zone: Indonesia's three (WIB, WITA, WIT). Times are stored in UTC and
shown in the study's zone, on screen and in the reports, named as Indonesians name them."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class StudyTimeZone(StrEnum):
    WIB = "WIB"  # Waktu Indonesia Barat: Sumatra, Java, West and Central Kalimantan
    WITA = "WITA"  # Waktu Indonesia Tengah: Bali, Nusa Tenggara, Sulawesi, ...
    WIT = "WIT"  # Waktu Indonesia Timur: Maluku, Papua


DEFAULT_TIME_ZONE = StudyTimeZone.WIB
OFFSET_HOURS = {StudyTimeZone.WIB: 7, StudyTimeZone.WITA: 8, StudyTimeZone.WIT: 9}


def time_zone_named(value: object) -> StudyTimeZone:
    """The zone a study setting names; WIB when it names none (older studies)."""
    try:
        return StudyTimeZone(str(value).upper())
    except ValueError:
        return DEFAULT_TIME_ZONE


def tzinfo(zone: StudyTimeZone) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=OFFSET_HOURS[zone]), zone.value)


def to_local(value: dt.datetime, zone: StudyTimeZone) -> dt.datetime:
    """A stored time (naive UTC, or aware) in the study's zone, without tzinfo."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(tzinfo(zone)).replace(tzinfo=None)


def zoned(value: dt.datetime, zone: StudyTimeZone, seconds: bool = False) -> str:
    """A stored time as a person reads it, in the study's zone and naming it:
    "2024-11-27 10:42 WIB" (the screens and the terminal alike)."""
    pattern = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return f"{to_local(value, zone).strftime(pattern)} {zone.value}"
