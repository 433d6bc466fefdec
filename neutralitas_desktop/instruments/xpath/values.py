"""ODK's coercions: how values become numbers, strings and booleans, and the operators.

Imported ODK/KoboToolbox forms must behave unchanged, so values are coerced by ODK's
rules, not Python's: an unanswered question is ``""``, ``"" > 5`` is false because
``number("")`` is NaN, dividing by zero gives Infinity, dates compare as dates.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from neutralitas_desktop.instruments.xpath.errors import EvalFailure

if TYPE_CHECKING:
    from neutralitas_desktop.instruments.xpath.nodes import Expr

Value = str | float | bool | date | datetime | list
"""What evaluation yields; lists only come from a repeat's values returned by ``lookup``."""

EPOCH = date(1970, 1, 1)
EPOCH_TIME = datetime(1970, 1, 1)
NUMBER_TEXT_RE = re.compile(r"\s*-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*\Z")
_DATE_TEXT_RE = re.compile(r"\s*[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9:.+\-Z]*)?\s*\Z")
NAN = math.nan


def normalize(value: object, node: Expr) -> Value:
    """Bring a looked-up value into the evaluator's types (None -> "", int -> float)."""
    if isinstance(value, str | float | bool):
        return value
    if value is None:
        return ""
    if isinstance(value, int):
        return float(value)
    if isinstance(value, date):
        return value
    if isinstance(value, list | tuple):
        return list(value)
    if isinstance(value, numbers.Real | Decimal):
        return float(value)
    raise EvalFailure(f"unsupported value {value!r} of type {type(value).__name__}", node)


@lru_cache(maxsize=1024)
def parse_date_text(text: str) -> date | None:
    """ISO date or date-time as ODK stores them, else None."""
    if not _DATE_TEXT_RE.match(text):
        return None
    text = text.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def days(value: date) -> float:
    """Days since 1970-01-01, ODK's numeric form of a date (wall-clock time for date-times)."""
    if isinstance(value, datetime):
        return (value.replace(tzinfo=None) - EPOCH_TIME).total_seconds() / 86400
    return float((value - EPOCH).days)


def to_number(value: object) -> float:
    """XPath number(): NaN for empty or non-numeric text, ISO dates as days since 1970."""
    if isinstance(value, float):
        return value
    if isinstance(value, str):
        if NUMBER_TEXT_RE.match(value):
            return float(value)
        parsed = parse_date_text(value)
        return NAN if parsed is None else days(parsed)
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if value is None:
        return NAN
    if isinstance(value, date):
        return days(value)
    if isinstance(value, list | tuple):
        return to_number(value[0]) if value else NAN
    if isinstance(value, numbers.Real | Decimal):
        return float(value)
    return NAN


def format_number(value: float) -> str:
    if value != value:
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    return format(Decimal(text), "f") if "e" in text else text


def to_string(value: object) -> str:
    """XPath string(), as ODK prints and stores values: ``3`` not ``3.0``, ISO dates,
    a repeat by its first value."""
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="milliseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return to_string(value[0]) if value else ""
    if isinstance(value, numbers.Real | Decimal):
        return format_number(float(value))
    return str(value)


def truthy(value: object) -> bool:
    """XPath boolean(): non-empty strings, non-zero non-NaN numbers, non-empty lists."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value != ""
    if isinstance(value, float):
        return value == value and value != 0
    if value is None:
        return False
    if isinstance(value, date):
        return True
    if isinstance(value, list | tuple):
        return len(value) > 0
    if isinstance(value, numbers.Real | Decimal):
        return truthy(float(value))
    return bool(value)


def _equals(a: object, b: object) -> bool:
    """XPath ``=``: booleans, then repeats (any), then dates, numbers, strings."""
    type_a, type_b = type(a), type(b)
    if type_a is str and type_b is str:
        return a == b
    if type_a is bool or type_b is bool:
        return truthy(a) == truthy(b)
    if isinstance(a, list):
        return any(_equals(item, b) for item in a)
    if isinstance(b, list):
        return any(_equals(a, item) for item in b)
    if isinstance(a, date) or isinstance(b, date):
        return to_number(a) == to_number(b)
    if type_a is float or type_b is float:
        return to_number(a) == to_number(b)
    return to_string(a) == to_string(b)


def _not_equals(a: object, b: object) -> bool:
    if type(a) is list and type(b) is not bool:
        return any(not _equals(item, b) for item in a)
    if type(b) is list and type(a) is not bool:
        return any(not _equals(a, item) for item in b)
    return not _equals(a, b)


def _relational(compare: Callable[[float, float], bool]) -> Callable[[object, object], bool]:
    """XPath ``<`` etc.: both sides as numbers (dates as days); any match for repeats."""

    def apply(a: object, b: object) -> bool:
        if type(a) is list:
            return any(apply(item, b) for item in a)
        if type(b) is list:
            return any(apply(a, item) for item in b)
        return compare(to_number(a), to_number(b))

    return apply


def _divide(a: object, b: object) -> float:
    x, y = to_number(a), to_number(b)
    if y == 0:
        if x != x or x == 0:
            return NAN
        return math.copysign(math.inf, x) * math.copysign(1.0, y)
    return x / y


def _modulo(a: object, b: object) -> float:
    x, y = to_number(a), to_number(b)
    if y == 0 or math.isinf(x):
        return NAN
    return math.fmod(x, y)


BINARY: dict[str, Callable[[object, object], Value]] = {
    "=": _equals,
    "!=": _not_equals,
    "<": _relational(lambda x, y: x < y),
    "<=": _relational(lambda x, y: x <= y),
    ">": _relational(lambda x, y: x > y),
    ">=": _relational(lambda x, y: x >= y),
    "+": lambda a, b: to_number(a) + to_number(b),
    "-": lambda a, b: to_number(a) - to_number(b),
    "*": lambda a, b: to_number(a) * to_number(b),
    "div": _divide,
    "mod": _modulo,
}
