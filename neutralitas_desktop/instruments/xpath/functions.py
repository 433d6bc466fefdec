"""ODK's functions other than dates: logic, selects, strings, numbers, math, repeats.

Each is registered in the registry by name with its arity; :mod:`.dates` holds the rest.
"""

from __future__ import annotations

import math
import re
import secrets
import string
import uuid
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from neutralitas_desktop.instruments.xpath.errors import EvalFailure
from neutralitas_desktop.instruments.xpath.lexer import reference_spans
from neutralitas_desktop.instruments.xpath.nodes import Call, EvalContext, Expr, Parent
from neutralitas_desktop.instruments.xpath.registry import Impl, function
from neutralitas_desktop.instruments.xpath.values import (
    NAN,
    Value,
    normalize,
    to_number,
    to_string,
    truthy,
)


def _flatten(values: list[Value]) -> list[object]:
    flat: list[object] = []
    for value in values:
        if isinstance(value, list):
            flat.extend(value)
        else:
            flat.append(value)
    return flat


def _choices(value: object) -> list[str]:
    """The selected choices of a select_multiple value ("a b c" or a list)."""
    if isinstance(value, list | tuple):
        return [part for item in value for part in to_string(item).split()]
    return to_string(value).split()


def _current(ctx: EvalContext, node: Expr) -> Value:
    return normalize(ctx.current, node)


@lru_cache(maxsize=256)
def compile_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _as_int(value: float) -> int | None:
    return int(value) if math.isfinite(value) else None


def _of_values(fn: Callable[..., Value]) -> Impl:
    """A function of its evaluated arguments alone."""

    def impl(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
        assert a is not None
        return fn(*a)

    return impl


def _of_value_or_current(fn: Callable[[Value], Value]) -> Impl:
    """A function of its one optional argument, or of the question's own value (``.``)."""

    def impl(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
        assert a is not None
        return fn(a[0] if a else _current(ctx, node))

    return impl


def _truncate(value: Value) -> Value:
    number = to_number(value)
    return float(math.trunc(number)) if math.isfinite(number) else number


for _name, _low, _high, _impl in (
    ("string", 0, 1, _of_value_or_current(to_string)),
    ("number", 0, 1, _of_value_or_current(to_number)),
    ("string-length", 0, 1, _of_value_or_current(lambda v: float(len(to_string(v))))),
    ("normalize-space", 0, 1, _of_value_or_current(lambda v: " ".join(to_string(v).split()))),
    ("boolean", 1, 1, _of_values(truthy)),
    ("not", 1, 1, _of_values(lambda v: not truthy(v))),
    ("true", 0, 0, _of_values(lambda: True)),
    ("false", 0, 0, _of_values(lambda: False)),
    ("int", 1, 1, _of_values(_truncate)),
    ("coalesce", 2, 2, _of_values(lambda x, y: x if to_string(x) != "" else y)),
    ("contains", 2, 2, _of_values(lambda s, t: to_string(t) in to_string(s))),
    ("starts-with", 2, 2, _of_values(lambda s, t: to_string(s).startswith(to_string(t)))),
    ("ends-with", 2, 2, _of_values(lambda s, t: to_string(s).endswith(to_string(t)))),
    ("selected", 2, 2, _of_values(lambda v, c: to_string(c).strip() in _choices(v))),
    ("count-selected", 1, 1, _of_values(lambda v: float(len(_choices(v))))),
):
    function(_name, _low, _high)(_impl)


@function("if", 3, lazy=True)
def _fn_if(node: Call, ctx: EvalContext, _: list[Value] | None) -> Value:
    condition = node.args[0].ev(ctx)
    return node.args[1 if truthy(condition) else 2].ev(ctx)


@function("once", 1, lazy=True)
def _fn_once(node: Call, ctx: EvalContext, _: list[Value] | None) -> Value:
    current = _current(ctx, node)
    return current if to_string(current) != "" else node.args[0].ev(ctx)


@function("position", 0, 1, lazy=True)
def _fn_position(node: Call, ctx: EvalContext, _: list[Value] | None) -> Value:
    if node.args and not isinstance(node.args[0], Parent):
        raise EvalFailure("position() only accepts '..' as its argument", node.args[0])
    return float(ctx.position)


@function("selected-at", 2)
def _fn_selected_at(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    choices = _choices(a[0])
    index = _as_int(to_number(a[1]))
    return choices[index] if index is not None and 0 <= index < len(choices) else ""


@function("regex", 2)
def _fn_regex(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    pattern = to_string(a[1])
    try:
        compiled = compile_regex(pattern)
    except re.error as error:
        raise EvalFailure(f"invalid regular expression '{pattern}': {error.msg}", node) from None
    return compiled.search(to_string(a[0])) is not None


@function("concat", 0, None)
def _fn_concat(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return "".join(to_string(item) for item in _flatten(a))


@function("substr", 2, 3)
def _fn_substr(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    """ODK substr: 0-based start, exclusive end, both clamped to the string."""
    assert a is not None
    text = to_string(a[0])
    start = to_number(a[1])
    end = to_number(a[2]) if len(a) > 2 else float(len(text))
    if start != start or end != end:
        return ""
    low = int(min(max(start, 0.0), len(text)))
    high = int(min(max(end, 0.0), len(text)))
    return text[low:high]


@function("substring-before", 2)
def _fn_substring_before(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    text, needle = to_string(a[0]), to_string(a[1])
    index = text.find(needle)
    return text[:index] if index >= 0 else ""


@function("substring-after", 2)
def _fn_substring_after(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    text, needle = to_string(a[0]), to_string(a[1])
    index = text.find(needle)
    return text[index + len(needle) :] if index >= 0 else ""


@function("round", 1, 2)
def _fn_round(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    """Half away from zero on the decimal digits shown, so round(2.675, 2) is 2.68."""
    assert a is not None
    value = to_number(a[0])
    digits = to_number(a[1]) if len(a) > 1 else 0.0
    if not math.isfinite(value) or digits != digits:
        return value if digits == digits else NAN
    places = int(max(min(digits, 400.0), -400.0))
    # In logarithms: 10.0**places overflows a float past 308 places.
    if value == 0 or math.log10(abs(value)) + places >= 17:
        return value
    try:
        scaled = Decimal(repr(value)).scaleb(places)
        rounded = scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP).scaleb(-places)
        return float(rounded)
    except ArithmeticError:
        return value


@function("sum", 1)
def _fn_sum(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    """Sum of a repeat's values (a list), or the number itself for a single value."""
    assert a is not None
    value = a[0]
    if isinstance(value, list):
        return math.fsum(to_number(item) for item in value) if value else 0.0
    return to_number(value)


@function("count", 1)
def _fn_count(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    """Instances of a repeat (a list); a single value counts as one node, as in XPath."""
    assert a is not None
    value = a[0]
    return float(len(value)) if isinstance(value, list) else 1.0


def _extreme(a: list[Value], pick: Callable[[list[float]], float]) -> float:
    values = [to_number(item) for item in _flatten(a)]
    if not values or any(value != value for value in values):
        return NAN
    return pick(values)


@function("min", 1, None)
def _fn_min(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return _extreme(a, min)


@function("max", 1, None)
def _fn_max(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return _extreme(a, max)


@function("pow", 2)
def _fn_pow(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    base, exponent = to_number(a[0]), to_number(a[1])
    try:
        return math.pow(base, exponent)
    except ValueError:
        return NAN
    except OverflowError:
        negative = base < 0 and exponent.is_integer() and exponent % 2 == 1
        return -math.inf if negative else math.inf


def _math(fn: Callable[..., float]) -> Impl:
    """An ODK math function over numbers: NaN for a value outside its domain."""

    def impl(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
        assert a is not None
        try:
            return float(fn(*(to_number(v) for v in a)))
        except (ValueError, OverflowError):
            return NAN

    return impl


for _name, _fn, _arity in (
    ("sqrt", math.sqrt, 1),
    ("exp", math.exp, 1),
    ("exp10", lambda x: math.pow(10.0, x), 1),
    ("log", math.log, 1),
    ("log10", math.log10, 1),
    ("abs", abs, 1),
    ("floor", math.floor, 1),
    ("ceiling", math.ceil, 1),
    ("sin", math.sin, 1),
    ("cos", math.cos, 1),
    ("tan", math.tan, 1),
    ("asin", math.asin, 1),
    ("acos", math.acos, 1),
    ("atan", math.atan, 1),
    ("atan2", math.atan2, 2),
    ("pi", lambda: math.pi, 0),
):
    function(_name, _arity)(_math(_fn))


_UUID_ALPHABET = string.ascii_letters + string.digits


@function("uuid", 0, 1)
def _fn_uuid(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    """A random UUID, or with a length a random alphanumeric string of that length."""
    assert a is not None
    if not a:
        return str(uuid.uuid4())
    length = _as_int(to_number(a[0]))
    if length is None or not 0 <= length <= 10_000:
        raise EvalFailure(f"uuid() length must be between 0 and 10000, got {to_string(a[0])}", node)
    return "".join(secrets.choice(_UUID_ALPHABET) for _ in range(length))


@function("jr:choice-name", 2)
def _fn_choice_name(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    """The label of a choice; the value itself when the context knows no label."""
    assert a is not None
    value = to_string(a[0])
    target = to_string(a[1]).strip()
    spans = reference_spans(target)
    question = spans[0][2] if spans else target.rstrip("/").rsplit("/", 1)[-1]
    if ctx.choice_label is None:
        return value
    label = ctx.choice_label(question, value)
    return value if label is None else label
