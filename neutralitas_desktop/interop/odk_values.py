"""Cell values of ODK / KoboToolbox exports turned into the values the app stores.

ODK Central and KoboToolbox write ISO 8601; ODK Briefcase writes dates and times in the
Java locale format of the computer that ran it (``Oct 5, 2024``, ``Oct 5, 2024 10:15:00
AM``, ``10:15:00 AM``; newer Java puts a comma before the time and a narrow space before
AM/PM). Both are read; month names are English, as Briefcase writes them.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from neutralitas_desktop.instruments.model import Instrument, Question

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}  # fmt: skip
_CLOCK = r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?\s?(?P<ampm>[AaPp]\.?[Mm]\.?)?"
_BRIEFCASE = re.compile(
    r"^(?P<mon>[A-Za-z]{3,9})\.? (?P<day>\d{1,2}), (?P<year>\d{4})(?:,? " + _CLOCK + ")?$"
)
_TIME = re.compile("^" + _CLOCK + "$")
_ZONE = re.compile(r"[+Z]|-(?=\d\d:?\d\d$)")
_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " "})

_CHOICE_TYPES = ("select_one", "likert", "yes_no_na", "consent", "select_multiple")


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _clock(match: re.Match[str]) -> dt.time | None:
    hour, minute = int(match["h"]), int(match["m"])
    second = int(match["s"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            return None
        pm = match["ampm"][0] in "Pp"
        hour = hour % 12 + (12 if pm else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return dt.time(hour, minute, second)


def briefcase_moment(text: str) -> tuple[dt.date, dt.time | None] | None:
    """(date, time or None) of a Briefcase cell such as ``Oct 5, 2024 10:15:00 AM``."""
    match = _BRIEFCASE.match(text.translate(_SPACES).strip())
    if match is None:
        return None
    month = _MONTHS.get(match["mon"].lower())
    if month is None:
        return None
    try:
        day = dt.date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        return None
    if match["h"] is None:
        return day, None
    clock = _clock(match)
    return (day, clock) if clock is not None else None


def parse_time(text: str) -> str | None:
    """HH:MM of ``09:30:00.000+07:00`` (Central) or ``9:30:00 AM`` (Briefcase)."""
    cleaned = _ZONE.split(text.translate(_SPACES).strip())[0].strip()
    match = _TIME.match(cleaned)
    if match is None:
        return None
    clock = _clock(match)
    return clock.strftime("%H:%M") if clock is not None else None


def parse_moment(text: str) -> dt.datetime | None:
    """A date and time in ISO 8601 or Briefcase's format; UTC-naive when it had a zone."""
    text = text.strip()
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        found = briefcase_moment(text)
        if found is None:
            return None
        moment = dt.datetime.combine(found[0], found[1] or dt.time())
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def time_of(row: dict[str, Any], columns: tuple[str, ...]) -> dt.datetime | None:
    for column in columns:
        value = row.get(column)
        if value in (None, ""):
            continue
        if isinstance(value, dt.datetime):
            moment: dt.datetime | None = value
            if value.tzinfo is not None:
                moment = value.astimezone(dt.UTC).replace(tzinfo=None)
        else:
            moment = parse_moment(str(value))
        if moment is not None:
            return moment
    return None


def choice_names(instrument: Instrument, question: Question) -> list[str]:
    choices = instrument.choices_for(question)
    names = [c.name for c in choices.choices] if choices else []
    if question.other:
        names.append("other")
    return names


_NUMBER = re.compile(r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?$")


def _number(text: str) -> Decimal | None:
    """The number a cell says, digit for digit: an 18-digit NIP read as a float would come
    back with other last digits. Only what ODK writes (ASCII digits, a point, an exponent):
    None for words, "1_000", other scripts' digits, and numbers of over 100 digits."""
    if not _NUMBER.match(text):
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if abs(number.adjusted()) <= 100 else None


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def convert(instrument: Instrument, q: Question, raw: Any, text: str) -> tuple[str, str]:
    """(stored value, problem) of one non-empty cell."""
    kind = q.type
    if kind == "integer":
        number = _number(text)
        if number is None or number != number.to_integral_value():
            return "", f"'{_shown(text)}' is not a whole number"
        return str(int(number)), ""
    if kind in ("decimal", "range"):
        number = _number(text)
        if number is None:
            return "", f"'{_shown(text)}' is not a number"
        if number == number.to_integral_value():
            return str(int(number)), ""
        return format(number.normalize(), "f"), ""
    if kind == "date":
        if isinstance(raw, dt.datetime | dt.date):
            return raw.isoformat()[:10], ""
        try:
            return dt.date.fromisoformat(text[:10]).isoformat(), ""
        except ValueError:
            found = briefcase_moment(text)
            if found is not None:
                return found[0].isoformat(), ""
            return "", f"'{text}' is not a date (YYYY-MM-DD, or Oct 5, 2024 as Briefcase writes)"
    if kind == "time":
        if isinstance(raw, dt.time | dt.datetime):
            return raw.strftime("%H:%M"), ""
        clock = parse_time(text)
        if clock is not None:
            return clock, ""
        return "", f"'{text}' is not a time (HH:MM, or 10:15:00 AM)"
    if kind == "datetime":
        if isinstance(raw, dt.datetime):
            return raw.isoformat(), ""
        try:
            return dt.datetime.fromisoformat(text).isoformat(), ""
        except ValueError:
            found = briefcase_moment(text)
            if found is not None:
                return dt.datetime.combine(found[0], found[1] or dt.time()).isoformat(), ""
            return "", f"'{text}' is not a date and time (ISO 8601, or Oct 5, 2024 10:15:00 AM)"
    if kind in _CHOICE_TYPES:
        names = choice_names(instrument, q)
        values = text.split() if kind == "select_multiple" else [text]
        wrong = [v for v in values if v not in names]
        if wrong:
            listed = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
            return "", f"'{' '.join(wrong)}' is not a choice of '{q.name}' ({listed})"
        return " ".join(values), ""
    if kind in ("text", "long_text") and isinstance(raw, str):
        return raw, ""  # as written: spaces around an answer are part of it
    return text, ""
