"""ODK's date functions: today(), now(), date(), decimal-date-time(), format-date()."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from neutralitas_desktop.instruments.xpath.errors import EvalFailure
from neutralitas_desktop.instruments.xpath.nodes import Call, EvalContext, Expr
from neutralitas_desktop.instruments.xpath.registry import FUNCTIONS, function
from neutralitas_desktop.instruments.xpath.values import (
    EPOCH,
    EPOCH_TIME,
    NAN,
    NUMBER_TEXT_RE,
    Value,
    days,
    format_number,
    parse_date_text,
    to_number,
    to_string,
)


def _today(ctx: EvalContext) -> date:
    fixed = ctx.today
    if fixed is None:
        return date.today()
    return fixed.date() if isinstance(fixed, datetime) else fixed


def _now(ctx: EvalContext) -> datetime:
    fixed = ctx.today
    if fixed is None:
        return datetime.now().astimezone()
    return fixed if isinstance(fixed, datetime) else datetime.combine(fixed, time())


def _coerce_date(value: object, node: Expr) -> date | None:
    """A value as a date or date-time; None when empty/NaN (unanswered), error when junk."""
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise EvalFailure(f"cannot convert {to_string(value)} to a date", node)
    if isinstance(value, str):
        if value.strip() == "":
            return None
        parsed = parse_date_text(value)
        if parsed is not None:
            return parsed
        if not NUMBER_TEXT_RE.match(value):
            raise EvalFailure(f"cannot convert '{value}' to a date", node)
    days = to_number(value)
    if days != days:
        return None
    try:
        if days.is_integer():
            return EPOCH + timedelta(days=days)
        return EPOCH_TIME + timedelta(days=days)
    except OverflowError:
        raise EvalFailure(f"cannot convert {format_number(days)} to a date", node) from None


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _format_date(value: date, pattern: str) -> str:
    """ODK format-date: %Y %y %m %n %b %d %e %H %h %M %S %3 %a; other text kept."""
    moment = value if isinstance(value, datetime) else datetime.combine(value, time())
    codes = {
        "Y": f"{moment.year:04d}",
        "y": f"{moment.year % 100:02d}",
        "m": f"{moment.month:02d}",
        "n": str(moment.month),
        "b": _MONTHS[moment.month - 1],
        "d": f"{moment.day:02d}",
        "e": str(moment.day),
        "H": f"{moment.hour:02d}",
        "h": str(moment.hour),
        "M": f"{moment.minute:02d}",
        "S": f"{moment.second:02d}",
        "3": f"{moment.microsecond // 1000:03d}",
        "a": _WEEKDAYS[moment.weekday()],
    }
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "%" and i + 1 < len(pattern) and pattern[i + 1] in codes:
            out.append(codes[pattern[i + 1]])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


@function("today", 0)
def _fn_today(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    return _today(ctx)


@function("now", 0)
def _fn_now(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    return _now(ctx)


@function("date", 1)
def _fn_date(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    converted = _coerce_date(a[0], node)
    return "" if converted is None else converted


@function("decimal-date-time", 1)
def _fn_decimal_date_time(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    converted = _coerce_date(a[0], node)
    return NAN if converted is None else days(converted)


@function("format-date", 2)
def _fn_format_date(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    converted = _coerce_date(a[0], node)
    return "" if converted is None else _format_date(converted, to_string(a[1]))


FUNCTIONS["format-date-time"] = FUNCTIONS["format-date"]
