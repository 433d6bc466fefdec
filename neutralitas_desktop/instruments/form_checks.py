"""Checks of single answers for the runner: built-in messages in the form's languages
and type checks of typed values."""

from __future__ import annotations

import datetime as dt
import re

from neutralitas_desktop.instruments.model import Question

OTHER_SUFFIX = "_other"  # "other, specify" text: key + suffix, as ODK names it
OTHER_CHOICE = "other"

# Built-in messages, by language (a form's own required/constraint messages come first).
MESSAGES: dict[str, dict[str, str]] = {
    "required": {"id": "Wajib diisi.", "en": "This question is required."},
    "constraint": {
        "id": "Jawaban tidak memenuhi syarat.",
        "en": "The answer does not meet the condition.",
    },
    "integer": {"id": "Masukkan bilangan bulat.", "en": "Enter a whole number."},
    "decimal": {"id": "Masukkan angka.", "en": "Enter a number."},
    "range": {
        "id": "Masukkan angka antara {start} dan {end}.",
        "en": "Enter a number from {start} to {end}.",
    },
    "date": {"id": "Tanggal harus berformat TTTT-BB-HH.", "en": "Enter a date as YYYY-MM-DD."},
    "time": {"id": "Waktu harus berformat JJ:MM.", "en": "Enter a time as HH:MM."},
    "datetime": {"id": "Masukkan tanggal dan waktu.", "en": "Enter a date and time."},
    "other_missing": {"id": "Sebutkan jawaban lainnya.", "en": "Specify the other answer."},
    "other_label": {"id": "Lainnya", "en": "Other"},
}


def message(code: str, language: str, **values: str) -> str:
    table = MESSAGES[code]
    text = table.get(language) or table["en"]
    return text.format(**values) if values else text


_INT_RE = re.compile(r"\s*-?\d+\s*\Z")
_DEC_RE = re.compile(r"\s*-?(\d+(\.\d*)?|\.\d+)\s*\Z")
_TIME_RE = re.compile(r"\d{2}:\d{2}(:\d{2})?\Z")


def type_problem(q: Question, value: str) -> str:
    """The code of the type check a stored value fails, or ""."""
    kind = q.type
    if kind == "integer" and not _INT_RE.match(value):
        return "integer"
    if kind in ("decimal", "range") and not _DEC_RE.match(value):
        return "decimal"
    if kind == "range":
        number = float(value)
        try:
            start = float(q.parameters.get("start", "-inf"))
            end = float(q.parameters.get("end", "inf"))
        except ValueError:
            return ""
        if not start <= number <= end:
            return "range"
    if kind == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return "date"
    if kind == "time" and not _TIME_RE.match(value):
        return "time"
    if kind == "datetime":
        try:
            dt.datetime.fromisoformat(value)
        except ValueError:
            return "datetime"
    return ""
