"""The XLSForm/ODK expression language: tokenizer, parser, printer and evaluator.

Form columns (``relevant``, ``constraint``, ``calculation``, ``choice_filter``,
``required``, ``read_only``) hold XPath 1.0 expressions as ODK writes them. Imported
ODK/KoboToolbox forms must behave unchanged, so values are coerced by ODK's rules, not
Python's: an unanswered question is ``""``, ``"" > 5`` is false because ``number("")`` is
NaN, dividing by zero gives Infinity, dates compare as dates. Expressions are parsed once
into an immutable AST and evaluated many times (a form re-evaluates every relevance on each
answer change), so evaluation is one method call per node and never uses ``eval``.
"""

from __future__ import annotations

import math
import numbers
import re
import secrets
import string
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from neutralitas_desktop.errors import NeutralitasError

__all__ = [
    "KNOWN_FUNCTIONS",
    "BinOp",
    "Call",
    "Current",
    "EvalContext",
    "Expr",
    "ExpressionError",
    "ExpressionProblem",
    "Neg",
    "Num",
    "Parent",
    "Ref",
    "Str",
    "Value",
    "check",
    "evaluate",
    "functions_used",
    "parse",
    "references",
    "rename_references",
    "to_number",
    "to_source",
    "to_string",
    "truthy",
]

Value = str | float | bool | date | datetime | list
"""What evaluation yields; lists only come from a repeat's values returned by ``lookup``."""

MAX_DEPTH = 250
"""Deepest AST accepted: evaluation and printing recurse once per level."""
_MAX_NESTING = 100
"""Deepest bracket/call nesting accepted: the parser recurses a few frames per level."""


class ExpressionError(NeutralitasError):
    """An expression cannot be parsed or evaluated; says where, so a form author can fix it."""

    def __init__(self, message: str, position: int, text: str) -> None:
        self.message = message
        self.position = position
        self.text = text
        super().__init__(f"{message} at position {position} in '{text}'")


@dataclass(frozen=True)
class ExpressionProblem:
    """One problem found by :func:`check`; the importer lists all of them at once."""

    message: str
    position: int


@dataclass(slots=True)
class EvalContext:
    """Everything an expression can see besides its own text.

    ``lookup`` returns a question's value: ``None``/``""`` when unanswered, ``str`` for
    text and selects (``"a b c"`` for select_multiple), ``int``/``float`` for numbers,
    ``datetime.date``/``datetime.datetime`` for dates, and a ``list`` of values for a
    question inside a repeat (used by ``sum``/``count``; ``[]`` for no instances).
    ``today`` fixes the clock for ``today()``/``now()`` (a ``datetime`` also fixes the time).
    ``choice_label(question, value)`` resolves ``jr:choice-name``; ``None`` keeps the value.
    """

    lookup: Callable[[str], object]
    current: object = None
    position: int = 1
    today: date | None = None
    choice_label: Callable[[str, str], str | None] | None = None


class _Failure(Exception):
    """Raised inside evaluation; :func:`evaluate` turns it into an ExpressionError."""

    def __init__(self, message: str, node: Expr) -> None:
        super().__init__(message)
        self.message = message
        self.node = node


# --------------------------------------------------------------------------- AST


@dataclass(frozen=True, slots=True)
class Expr:
    """Base of all AST nodes; ``pos`` and ``src`` locate a node for error messages only."""

    pos: int = field(default=0, compare=False, repr=False, kw_only=True)
    src: str = field(default="", compare=False, repr=False, kw_only=True)

    def ev(self, ctx: EvalContext) -> Value:  # pragma: no cover - every subclass overrides
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Num(Expr):
    """A number literal; always non-negative, ``-3`` is ``Neg(Num(3.0))``."""

    value: float

    def ev(self, ctx: EvalContext) -> Value:
        return self.value


@dataclass(frozen=True, slots=True)
class Str(Expr):
    """A string literal (without its quotes)."""

    value: str

    def ev(self, ctx: EvalContext) -> Value:
        return self.value


@dataclass(frozen=True, slots=True)
class Ref(Expr):
    """``${name}``: another question's value."""

    name: str

    def ev(self, ctx: EvalContext) -> Value:
        value = ctx.lookup(self.name)
        if isinstance(value, str | float):  # bool is an int, never a float
            return value
        return _normalize(value, self)


@dataclass(frozen=True, slots=True)
class Current(Expr):
    """``.``: the value of the question the expression belongs to."""

    def ev(self, ctx: EvalContext) -> Value:
        return _normalize(ctx.current, self)


@dataclass(frozen=True, slots=True)
class Parent(Expr):
    """``..``: only meaningful as the argument of ``position(..)``."""

    def ev(self, ctx: EvalContext) -> Value:
        raise _Failure("'..' is only supported as the argument of position()", self)


@dataclass(frozen=True, slots=True)
class Neg(Expr):
    """Unary minus."""

    operand: Expr

    def ev(self, ctx: EvalContext) -> Value:
        return -_num(self.operand.ev(ctx))


@dataclass(frozen=True, slots=True)
class BinOp(Expr):
    """A binary operator: or and = != < <= > >= + - * div mod."""

    op: str
    left: Expr
    right: Expr

    def ev(self, ctx: EvalContext) -> Value:
        op = self.op
        if op == "and":
            return truthy(self.left.ev(ctx)) and truthy(self.right.ev(ctx))
        if op == "or":
            return truthy(self.left.ev(ctx)) or truthy(self.right.ev(ctx))
        return _BINARY[op](self.left.ev(ctx), self.right.ev(ctx))


@dataclass(frozen=True, slots=True)
class Call(Expr):
    """A function call; unknown names parse fine and fail in :func:`check`/evaluation."""

    name: str
    args: tuple[Expr, ...] = ()

    def ev(self, ctx: EvalContext) -> Value:
        spec = _FUNCTIONS.get(self.name)
        if spec is None:
            raise _Failure(f"unknown function '{self.name}'", self)
        impl, low, high, lazy = spec
        count = len(self.args)
        if count < low or (high is not None and count > high):
            raise _Failure(_arity_message(self.name, low, high, count), self)
        if lazy:
            return impl(self, ctx, None)
        return impl(self, ctx, [arg.ev(ctx) for arg in self.args])


# --------------------------------------------------------------------------- tokenizer

_DIGITS = "0123456789"
_NAME_RE = re.compile(r"[^\W\d](?:\w|[-:](?=[^\W\d]))*")
_NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_QUESTION_NAME_RE = re.compile(r"[^\W\d][\w.\-]*\Z")
_REFERENCE_RE = re.compile(r"\$\{([^}]*)\}")
# Typographic quotes come from word processors; either half of a pair closes the string.
_QUOTES = {"'": "'", '"': '"', "‘": "‘’", "’": "‘’", "“": "“”", "”": "“”"}
_OPERATOR_CHARS = {"!": "!=", "<": "<=", ">": ">=", "=": "=", "+": "+", "-": "-", "*": "*"}
_KEYWORD_OPERATORS = frozenset({"and", "or", "div", "mod"})
_PRECEDENCE = {
    "or": 1,
    "and": 2,
    "=": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "div": 6,
    "mod": 6,
}

_Token = tuple[str, str, int, int]  # kind, value, start, end


def _tokenize(text: str) -> list[_Token]:
    """Split ``text`` into tokens; keyword operators stay names, the parser decides."""
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c == "$":
            if not text.startswith("${", i):
                raise ExpressionError(
                    "unexpected character '$' (references are written ${name})", i, text
                )
            close = text.find("}", i + 2)
            if close < 0:
                raise ExpressionError("unterminated reference", i, text)
            name = text[i + 2 : close]
            if not name:
                raise ExpressionError("empty reference '${}'", i, text)
            if not _QUESTION_NAME_RE.match(name):
                raise ExpressionError(f"invalid question name '{name}' in reference", i, text)
            tokens.append(("ref", name, i, close + 1))
            i = close + 1
        elif c in _QUOTES:
            closers = _QUOTES[c]
            j = i + 1
            while j < n and text[j] not in closers:
                j += 1
            if j >= n:
                raise ExpressionError("unterminated string", i, text)
            tokens.append(("str", text[i + 1 : j], i, j + 1))
            i = j + 1
        elif c in _DIGITS or (c == "." and i + 1 < n and text[i + 1] in _DIGITS):
            match = _NUMBER_RE.match(text, i)
            assert match is not None
            tokens.append(("num", match.group(), i, match.end()))
            i = match.end()
        elif c == ".":
            if text.startswith("..", i):
                tokens.append(("dotdot", "..", i, i + 2))
                i += 2
            else:
                tokens.append(("dot", ".", i, i + 1))
                i += 1
        elif c in "(),":
            tokens.append((c, c, i, i + 1))
            i += 1
        elif c in _OPERATOR_CHARS:
            two = text[i : i + 2]
            if two in ("!=", "<=", ">="):
                tokens.append(("op", two, i, i + 2))
                i += 2
            elif c == "!":
                raise ExpressionError("unexpected character '!' (use != or not())", i, text)
            else:
                tokens.append(("op", c, i, i + 1))
                i += 1
        else:
            match = _NAME_RE.match(text, i)
            if match is None:
                hint = " (paths are not supported; use ${name})" if c == "/" else ""
                raise ExpressionError(f"unexpected character '{c}'{hint}", i, text)
            tokens.append(("name", match.group(), i, match.end()))
            i = match.end()
    tokens.append(("eof", "", n, n))
    return tokens


# --------------------------------------------------------------------------- parser


class _Parser:
    """Precedence-climbing parser; every method returns (node, AST depth)."""

    __slots__ = ("i", "nesting", "text", "tokens")

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0
        self.nesting = 0

    def fail(self, message: str, position: int) -> ExpressionError:
        return ExpressionError(message, position, self.text)

    def describe(self, token: _Token) -> str:
        return "end of expression" if token[0] == "eof" else f"'{self.text[token[2] : token[3]]}'"

    def parse(self) -> Expr:
        if self.tokens[0][0] == "eof":
            raise self.fail("empty expression", 0)
        node, _ = self.expression(0)
        token = self.tokens[self.i]
        if token[0] != "eof":
            raise self.fail(f"unexpected {self.describe(token)}", token[2])
        return node

    def checked(self, node: Expr, depth: int) -> tuple[Expr, int]:
        if depth > MAX_DEPTH:
            raise self.fail(
                f"expression nested too deeply (more than {MAX_DEPTH} levels)", node.pos
            )
        return node, depth

    def expression(self, min_precedence: int) -> tuple[Expr, int]:
        left, depth = self.unary()
        while True:
            kind, value, start, _ = self.tokens[self.i]
            if not (kind == "op" or (kind == "name" and value in _KEYWORD_OPERATORS)):
                break
            precedence = _PRECEDENCE[value]
            if precedence < min_precedence:
                break
            self.i += 1
            right, right_depth = self.expression(precedence + 1)
            node = BinOp(value, left, right, pos=start, src=self.text)
            left, depth = self.checked(node, max(depth, right_depth) + 1)
        return left, depth

    def unary(self) -> tuple[Expr, int]:
        signs: list[int] = []
        while True:
            kind, value, start, _ = self.tokens[self.i]
            if kind != "op" or value != "-":
                break
            signs.append(start)
            self.i += 1
        node, depth = self.primary()
        for start in reversed(signs):
            node, depth = self.checked(Neg(node, pos=start, src=self.text), depth + 1)
        return node, depth

    def primary(self) -> tuple[Expr, int]:
        token = self.tokens[self.i]
        kind, value, start, _ = token
        text = self.text
        if kind == "num":
            self.i += 1
            return Num(float(value), pos=start, src=text), 1
        if kind == "str":
            self.i += 1
            return Str(value, pos=start, src=text), 1
        if kind == "ref":
            self.i += 1
            return Ref(value, pos=start, src=text), 1
        if kind == "dot":
            self.i += 1
            return Current(pos=start, src=text), 1
        if kind == "(":
            self.i += 1
            self.enter(start)
            node, depth = self.expression(0)
            self.expect(")")
            self.nesting -= 1
            return node, depth
        if kind == "name":
            if self.tokens[self.i + 1][0] == "(":
                return self.call()
            if value in _KEYWORD_OPERATORS:
                raise self.fail(f"unexpected operator '{value}'", start)
            if value in ("true", "false"):
                raise self.fail(f"unexpected name '{value}' (write {value}())", start)
            raise self.fail(
                f"unexpected name '{value}' (write ${{{value}}} to refer to a question)", start
            )
        if kind == "dotdot":
            raise self.fail(
                "'..' is only supported as a function argument, as in position(..)", start
            )
        if kind == "eof":
            raise self.fail("expected an expression", start)
        raise self.fail(f"unexpected {self.describe(token)}", start)

    def call(self) -> tuple[Expr, int]:
        _, name, start, _ = self.tokens[self.i]
        self.i += 2
        self.enter(start)
        args: list[Expr] = []
        depth = 0
        if self.tokens[self.i][0] == ")":
            self.i += 1
        else:
            while True:
                kind, _, arg_start, _ = self.tokens[self.i]
                if kind == "dotdot" and self.tokens[self.i + 1][0] in (",", ")"):
                    self.i += 1
                    arg: Expr = Parent(pos=arg_start, src=self.text)
                    arg_depth = 1
                else:
                    arg, arg_depth = self.expression(0)
                args.append(arg)
                depth = max(depth, arg_depth)
                token = self.tokens[self.i]
                self.i += 1
                if token[0] == ")":
                    break
                if token[0] != ",":
                    found = "" if token[0] == "eof" else f" but found {self.describe(token)}"
                    raise self.fail(f"expected ',' or ')'{found}", token[2])
        self.nesting -= 1
        return self.checked(Call(name, tuple(args), pos=start, src=self.text), depth + 1)

    def enter(self, position: int) -> None:
        self.nesting += 1
        if self.nesting > _MAX_NESTING:
            raise self.fail(
                f"expression nested too deeply (more than {_MAX_NESTING} levels)", position
            )

    def expect(self, kind: str) -> None:
        token = self.tokens[self.i]
        if token[0] != kind:
            found = "" if token[0] == "eof" else f" but found {self.describe(token)}"
            raise self.fail(f"expected '{kind}'{found}", token[2])
        self.i += 1


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> Expr:
    try:
        return _Parser(text).parse()
    except RecursionError:
        raise ExpressionError("expression nested too deeply", 0, text) from None


def parse(text: str) -> Expr:
    """Parse ``text`` into an immutable AST; raise ExpressionError naming the position.

    Results are cached, so parsing the same form column again costs a dict lookup.
    """
    if not isinstance(text, str):
        raise TypeError(f"expression must be a str, not {type(text).__name__}")
    return _parse_cached(text)


# --------------------------------------------------------------------------- printer


def _number_literal(value: float) -> str:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"cannot write {value!r} as a number literal")
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    return format(Decimal(text), "f") if "e" in text else text


def _string_literal(value: str) -> str:
    for opening, closers in (("'", "'"), ('"', '"'), ("“", "“”"), ("‘", "‘’")):
        if not any(c in value for c in closers):
            return f"{opening}{value}{closers[-1]}"
    raise ValueError(f"cannot write {value!r} as a string literal: it contains every quote")


def to_source(expr: Expr) -> str:
    """Print an AST as expression text that parses back to an equal AST.

    Uses the fewest parentheses XPath precedence allows; raises ValueError for values no
    literal can express (NaN, negative numbers, strings containing every kind of quote).
    """
    if isinstance(expr, Num):
        return _number_literal(expr.value)
    if isinstance(expr, Str):
        return _string_literal(expr.value)
    if isinstance(expr, Ref):
        return "${" + expr.name + "}"
    if isinstance(expr, Current):
        return "."
    if isinstance(expr, Parent):
        return ".."
    if isinstance(expr, Neg):
        inner = to_source(expr.operand)
        return f"-({inner})" if isinstance(expr.operand, BinOp) else f"-{inner}"
    if isinstance(expr, BinOp):
        precedence = _PRECEDENCE[expr.op]
        left = to_source(expr.left)
        right = to_source(expr.right)
        if isinstance(expr.left, BinOp) and _PRECEDENCE[expr.left.op] < precedence:
            left = f"({left})"
        if isinstance(expr.right, BinOp) and _PRECEDENCE[expr.right.op] <= precedence:
            right = f"({right})"
        return f"{left} {expr.op} {right}"
    if isinstance(expr, Call):
        return f"{expr.name}({', '.join(to_source(arg) for arg in expr.args)})"
    raise TypeError(f"not an expression node: {expr!r}")


# --------------------------------------------------------------------------- analysis


def _walk(expr: Expr) -> Iterator[Expr]:
    stack = [expr]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, BinOp):
            stack.append(node.right)
            stack.append(node.left)
        elif isinstance(node, Neg):
            stack.append(node.operand)
        elif isinstance(node, Call):
            stack.extend(reversed(node.args))


def references(expr: Expr | str) -> set[str]:
    """Names referenced as ``${name}``, including inside string literals.

    String literals count because XLSForm substitutes ``${name}`` everywhere (e.g. the
    second argument of ``jr:choice-name(${q}, '${q}')``), so renames and missing-question
    checks must see them too.
    """
    tree = parse(expr) if isinstance(expr, str) else expr
    names: set[str] = set()
    for node in _walk(tree):
        if isinstance(node, Ref):
            names.add(node.name)
        elif isinstance(node, Str) and "${" in node.value:
            names.update(_REFERENCE_RE.findall(node.value))
    return names


def functions_used(expr: Expr | str) -> set[str]:
    """Names of all functions called, known or not."""
    tree = parse(expr) if isinstance(expr, str) else expr
    return {node.name for node in _walk(tree) if isinstance(node, Call)}


def rename_references(text: str, mapping: dict[str, str]) -> str:
    """Rewrite ``${old}`` to ``${new}`` everywhere, leaving all other characters untouched.

    Works on text that does not parse, so a rename never destroys a half-written form.
    """

    def replace(match: re.Match[str]) -> str:
        new = mapping.get(match.group(1))
        return match.group(0) if new is None else "${" + new + "}"

    return _REFERENCE_RE.sub(replace, text)


def check(text: str) -> list[ExpressionProblem]:
    """Every problem in ``text``: a syntax error, or unknown functions and wrong arities.

    Unknown functions are reported here rather than by :func:`parse` so that the XLSForm
    importer can list every unsupported function of a form in one go.
    """
    try:
        tree = parse(text)
    except ExpressionError as error:
        return [ExpressionProblem(f"{error.message} at position {error.position}", error.position)]
    problems: list[ExpressionProblem] = []

    def report(message: str, position: int) -> None:
        problems.append(ExpressionProblem(f"{message} at position {position}", position))

    for node in _walk(tree):
        if not isinstance(node, Call):
            continue
        spec = _FUNCTIONS.get(node.name)
        if spec is None:
            report(f"unknown function '{node.name}'", node.pos)
            continue
        _, low, high, _ = spec
        if len(node.args) < low or (high is not None and len(node.args) > high):
            report(_arity_message(node.name, low, high, len(node.args)), node.pos)
        for arg in node.args:
            if node.name == "position":
                if not isinstance(arg, Parent):
                    report("position() only accepts '..' as its argument", arg.pos)
            elif isinstance(arg, Parent):
                report("'..' is only supported as the argument of position()", arg.pos)
        if node.name == "regex" and len(node.args) == 2 and isinstance(node.args[1], Str):
            try:
                _compile_regex(node.args[1].value)
            except re.error as error:
                report(f"invalid regular expression '{node.args[1].value}': {error.msg}", node.pos)
    problems.sort(key=lambda problem: problem.position)
    return problems


def _arity_message(name: str, low: int, high: int | None, count: int) -> str:
    if high is None:
        wanted = f"at least {low}"
    elif low == high:
        wanted = str(low)
    else:
        wanted = f"{low} to {high}"
    noun = "argument" if wanted in ("1", "at least 1") else "arguments"
    return f"function '{name}' takes {wanted} {noun}, got {count}"


# --------------------------------------------------------------------------- coercions

_EPOCH = date(1970, 1, 1)
_EPOCH_TIME = datetime(1970, 1, 1)
_NUMBER_TEXT_RE = re.compile(r"\s*-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*\Z")
_DATE_TEXT_RE = re.compile(r"\s*[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9:.+\-Z]*)?\s*\Z")
_NAN = math.nan


def _normalize(value: object, node: Expr) -> Value:
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
    raise _Failure(f"unsupported value {value!r} of type {type(value).__name__}", node)


@lru_cache(maxsize=1024)
def _parse_date_text(text: str) -> date | None:
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


def _days(value: date) -> float:
    """Days since 1970-01-01, ODK's numeric form of a date (wall-clock time for date-times)."""
    if isinstance(value, datetime):
        return (value.replace(tzinfo=None) - _EPOCH_TIME).total_seconds() / 86400
    return float((value - _EPOCH).days)


def _num(value: object) -> float:
    """XPath number(); ISO date strings become days since the epoch, as dates do."""
    if isinstance(value, float):
        return value
    if isinstance(value, str):
        if _NUMBER_TEXT_RE.match(value):
            return float(value)
        parsed = _parse_date_text(value)
        return _NAN if parsed is None else _days(parsed)
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if value is None:
        return _NAN
    if isinstance(value, date):
        return _days(value)
    if isinstance(value, list | tuple):
        return _num(value[0]) if value else _NAN
    if isinstance(value, numbers.Real | Decimal):
        return float(value)
    return _NAN


def _format_number(value: float) -> str:
    if value != value:
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    return format(Decimal(text), "f") if "e" in text else text


def _str(value: object) -> str:
    """XPath string(): integral numbers without '.0', dates as ISO, repeats by first value."""
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return _format_number(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="milliseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return _str(value[0]) if value else ""
    if isinstance(value, numbers.Real | Decimal):
        return _format_number(float(value))
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


def to_number(value: object) -> float:
    """Convert a value as XPath number() does (NaN for empty or non-numeric text)."""
    return _num(value)


def to_string(value: object) -> str:
    """Convert a value as ODK prints it (``3`` not ``3.0``, ISO dates); use for storing."""
    return _str(value)


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
        return _num(a) == _num(b)
    if type_a is float or type_b is float:
        return _num(a) == _num(b)
    return _str(a) == _str(b)


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
        return compare(_num(a), _num(b))

    return apply


def _divide(a: object, b: object) -> float:
    x, y = _num(a), _num(b)
    if y == 0:
        if x != x or x == 0:
            return _NAN
        return math.copysign(math.inf, x) * math.copysign(1.0, y)
    return x / y


def _modulo(a: object, b: object) -> float:
    x, y = _num(a), _num(b)
    if y == 0 or math.isinf(x):
        return _NAN
    return math.fmod(x, y)


_BINARY: dict[str, Callable[[object, object], Value]] = {
    "=": _equals,
    "!=": _not_equals,
    "<": _relational(lambda x, y: x < y),
    "<=": _relational(lambda x, y: x <= y),
    ">": _relational(lambda x, y: x > y),
    ">=": _relational(lambda x, y: x >= y),
    "+": lambda a, b: _num(a) + _num(b),
    "-": lambda a, b: _num(a) - _num(b),
    "*": lambda a, b: _num(a) * _num(b),
    "div": _divide,
    "mod": _modulo,
}


# --------------------------------------------------------------------------- functions

_Impl = Callable[[Call, EvalContext, list[Value] | None], Value]
_FUNCTIONS: dict[str, tuple[_Impl, int, int | None, bool]] = {}


def _function(
    name: str, low: int, high: int | None = -1, *, lazy: bool = False
) -> Callable[[_Impl], _Impl]:
    """Register an ODK function; ``high`` None means variadic, -1 means exactly ``low``."""

    def register(impl: _Impl) -> _Impl:
        _FUNCTIONS[name] = (impl, low, low if high == -1 else high, lazy)
        return impl

    return register


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
        return [part for item in value for part in _str(item).split()]
    return _str(value).split()


def _current(ctx: EvalContext, node: Expr) -> Value:
    return _normalize(ctx.current, node)


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
        raise _Failure(f"cannot convert {_str(value)} to a date", node)
    if isinstance(value, str):
        if value.strip() == "":
            return None
        parsed = _parse_date_text(value)
        if parsed is not None:
            return parsed
        if not _NUMBER_TEXT_RE.match(value):
            raise _Failure(f"cannot convert '{value}' to a date", node)
    days = _num(value)
    if days != days:
        return None
    try:
        if days.is_integer():
            return _EPOCH + timedelta(days=days)
        return _EPOCH_TIME + timedelta(days=days)
    except OverflowError:
        raise _Failure(f"cannot convert {_format_number(days)} to a date", node) from None


@lru_cache(maxsize=256)
def _compile_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


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


def _as_int(value: float) -> int | None:
    return int(value) if math.isfinite(value) else None


@_function("if", 3, lazy=True)
def _fn_if(node: Call, ctx: EvalContext, _: list[Value] | None) -> Value:
    condition = node.args[0].ev(ctx)
    return node.args[1 if truthy(condition) else 2].ev(ctx)


@_function("once", 1, lazy=True)
def _fn_once(node: Call, ctx: EvalContext, _: list[Value] | None) -> Value:
    current = _current(ctx, node)
    return current if _str(current) != "" else node.args[0].ev(ctx)


@_function("position", 0, 1, lazy=True)
def _fn_position(node: Call, ctx: EvalContext, _: list[Value] | None) -> Value:
    if node.args and not isinstance(node.args[0], Parent):
        raise _Failure("position() only accepts '..' as its argument", node.args[0])
    return float(ctx.position)


@_function("selected", 2)
def _fn_selected(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return _str(a[1]).strip() in _choices(a[0])


@_function("count-selected", 1)
def _fn_count_selected(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return float(len(_choices(a[0])))


@_function("selected-at", 2)
def _fn_selected_at(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    choices = _choices(a[0])
    index = _as_int(_num(a[1]))
    return choices[index] if index is not None and 0 <= index < len(choices) else ""


@_function("string-length", 0, 1)
def _fn_string_length(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return float(len(_str(a[0] if a else _current(ctx, node))))


@_function("coalesce", 2)
def _fn_coalesce(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return a[0] if _str(a[0]) != "" else a[1]


@_function("today", 0)
def _fn_today(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    return _today(ctx)


@_function("now", 0)
def _fn_now(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    return _now(ctx)


@_function("regex", 2)
def _fn_regex(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    pattern = _str(a[1])
    try:
        compiled = _compile_regex(pattern)
    except re.error as error:
        raise _Failure(f"invalid regular expression '{pattern}': {error.msg}", node) from None
    return compiled.search(_str(a[0])) is not None


@_function("concat", 0, None)
def _fn_concat(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return "".join(_str(item) for item in _flatten(a))


@_function("contains", 2)
def _fn_contains(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return _str(a[1]) in _str(a[0])


@_function("starts-with", 2)
def _fn_starts_with(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return _str(a[0]).startswith(_str(a[1]))


@_function("ends-with", 2)
def _fn_ends_with(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return _str(a[0]).endswith(_str(a[1]))


@_function("substr", 2, 3)
def _fn_substr(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    """ODK substr: 0-based start, exclusive end, both clamped to the string."""
    assert a is not None
    text = _str(a[0])
    start = _num(a[1])
    end = _num(a[2]) if len(a) > 2 else float(len(text))
    if start != start or end != end:
        return ""
    low = int(min(max(start, 0.0), len(text)))
    high = int(min(max(end, 0.0), len(text)))
    return text[low:high]


@_function("substring-before", 2)
def _fn_substring_before(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    text, needle = _str(a[0]), _str(a[1])
    index = text.find(needle)
    return text[:index] if index >= 0 else ""


@_function("substring-after", 2)
def _fn_substring_after(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    text, needle = _str(a[0]), _str(a[1])
    index = text.find(needle)
    return text[index + len(needle) :] if index >= 0 else ""


@_function("normalize-space", 0, 1)
def _fn_normalize_space(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return " ".join(_str(a[0] if a else _current(ctx, node)).split())


@_function("number", 0, 1)
def _fn_number(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return _num(a[0] if a else _current(ctx, node))


@_function("int", 1)
def _fn_int(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    value = _num(a[0])
    return float(math.trunc(value)) if math.isfinite(value) else value


@_function("round", 1, 2)
def _fn_round(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    """Half away from zero on the decimal digits shown, so round(2.675, 2) is 2.68."""
    assert a is not None
    value = _num(a[0])
    digits = _num(a[1]) if len(a) > 1 else 0.0
    if not math.isfinite(value) or digits != digits:
        return value if digits == digits else _NAN
    places = int(max(min(digits, 400.0), -400.0))
    if value == 0 or places > 308 or abs(value) * 10.0**places >= 1e17:  # 1e309 overflows
        return value
    try:
        scaled = Decimal(repr(value)).scaleb(places)
        rounded = scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP).scaleb(-places)
        return float(rounded)
    except ArithmeticError:
        return value


@_function("string", 0, 1)
def _fn_string(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return _str(a[0] if a else _current(ctx, node))


@_function("boolean", 1)
def _fn_boolean(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return truthy(a[0])


@_function("not", 1)
def _fn_not(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return not truthy(a[0])


@_function("true", 0)
def _fn_true(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    return True


@_function("false", 0)
def _fn_false(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    return False


@_function("sum", 1)
def _fn_sum(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    """Sum of a repeat's values (a list), or the number itself for a single value."""
    assert a is not None
    value = a[0]
    if isinstance(value, list):
        return math.fsum(_num(item) for item in value) if value else 0.0
    return _num(value)


@_function("count", 1)
def _fn_count(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    """Instances of a repeat (a list); a single value counts as one node, as in XPath."""
    assert a is not None
    value = a[0]
    return float(len(value)) if isinstance(value, list) else 1.0


def _extreme(a: list[Value], pick: Callable[[list[float]], float]) -> float:
    values = [_num(item) for item in _flatten(a)]
    if not values or any(value != value for value in values):
        return _NAN
    return pick(values)


@_function("min", 1, None)
def _fn_min(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return _extreme(a, min)


@_function("max", 1, None)
def _fn_max(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    return _extreme(a, max)


@_function("pow", 2)
def _fn_pow(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    base, exponent = _num(a[0]), _num(a[1])
    try:
        return math.pow(base, exponent)
    except ValueError:
        return _NAN
    except OverflowError:
        negative = base < 0 and exponent.is_integer() and exponent % 2 == 1
        return -math.inf if negative else math.inf


def _math(fn: Callable[..., float]) -> _Impl:
    """An ODK math function over numbers: NaN for a value outside its domain."""

    def impl(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
        assert a is not None
        try:
            return float(fn(*(_num(v) for v in a)))
        except (ValueError, OverflowError):
            return _NAN

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
    _function(_name, _arity)(_math(_fn))


@_function("date", 1)
def _fn_date(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    converted = _coerce_date(a[0], node)
    return "" if converted is None else converted


@_function("decimal-date-time", 1)
def _fn_decimal_date_time(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    converted = _coerce_date(a[0], node)
    return _NAN if converted is None else _days(converted)


@_function("format-date", 2)
def _fn_format_date(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    assert a is not None
    converted = _coerce_date(a[0], node)
    return "" if converted is None else _format_date(converted, _str(a[1]))


_FUNCTIONS["format-date-time"] = _FUNCTIONS["format-date"]

_UUID_ALPHABET = string.ascii_letters + string.digits


@_function("uuid", 0, 1)
def _fn_uuid(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    """A random UUID, or with a length a random alphanumeric string of that length."""
    assert a is not None
    if not a:
        return str(uuid.uuid4())
    length = _as_int(_num(a[0]))
    if length is None or not 0 <= length <= 10_000:
        raise _Failure(f"uuid() length must be between 0 and 10000, got {_str(a[0])}", node)
    return "".join(secrets.choice(_UUID_ALPHABET) for _ in range(length))


@_function("jr:choice-name", 2)
def _fn_choice_name(node: Call, ctx: EvalContext, a: list[Value] | None) -> Value:
    """The label of a choice; the value itself when the context knows no label."""
    assert a is not None
    value = _str(a[0])
    target = _str(a[1]).strip()
    match = _REFERENCE_RE.search(target)
    question = match.group(1) if match else target.rstrip("/").rsplit("/", 1)[-1]
    if ctx.choice_label is None:
        return value
    label = ctx.choice_label(question, value)
    return value if label is None else label


KNOWN_FUNCTIONS: frozenset[str] = frozenset(_FUNCTIONS)
"""Every function name :func:`evaluate` supports; anything else is reported by check()."""


# --------------------------------------------------------------------------- evaluation


def evaluate(expr: Expr | str, context: EvalContext) -> Value:
    """Evaluate with ODK coercions; raise ExpressionError (with position) on type problems.

    Passing text parses it (cached); for hot paths parse once and pass the AST.
    """
    tree = _parse_cached(expr) if isinstance(expr, str) else expr
    try:
        return tree.ev(context)
    except _Failure as failure:
        node = failure.node
        raise ExpressionError(failure.message, node.pos, node.src or _safe_source(tree)) from None
    except RecursionError:
        raise ExpressionError("expression nested too deeply", 0, tree.src or "…") from None


def _safe_source(tree: Expr) -> str:
    """Text for an error in a hand-built AST, which has no source text of its own."""
    try:
        return to_source(tree)
    except (ValueError, TypeError, RecursionError):
        return repr(tree)
