"""The parsed form of an expression: immutable nodes that evaluate themselves.

Evaluation is one method call per node (a form re-evaluates every relevance on each
answer change), never ``eval``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from neutralitas_desktop.instruments.xpath.errors import EvalFailure
from neutralitas_desktop.instruments.xpath.registry import FUNCTIONS, arity_message
from neutralitas_desktop.instruments.xpath.values import (
    BINARY,
    Value,
    normalize,
    to_number,
    truthy,
)


@dataclass(slots=True)
class EvalContext:
    """Everything an expression can see besides its own text.

    ``lookup`` returns a question's value: ``None``/``""`` when unanswered, ``str`` for
    text and selects (``"a b c"`` for select_multiple), ``int``/``float`` for numbers,
    ``datetime.date``/``datetime.datetime`` for dates, and a ``list`` of values for a
    question inside a repeat (used by ``sum``/``count``; ``[]`` for no instances).
    ``today`` fixes the clock for ``today()``/``now()`` (a ``datetime`` also fixes the time).
    ``choice_label(question, value)`` resolves ``jr:choice-name``; ``None`` keeps the value.
    ``choice`` holds the columns of the choice a choice filter is deciding on.
    """

    lookup: Callable[[str], object]
    current: object = None
    position: int = 1
    today: date | None = None
    choice_label: Callable[[str, str], str | None] | None = None
    choice: Mapping[str, str] | None = None


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
    """A string literal (without its quotes); ``typographic`` when written with “ ” or ‘ ’."""

    value: str
    typographic: bool = field(default=False, compare=False, repr=False, kw_only=True)

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
        return normalize(value, self)


@dataclass(frozen=True, slots=True)
class Column(Expr):
    """A bare name in a choice filter: a column of the choice being filtered."""

    name: str

    def ev(self, ctx: EvalContext) -> Value:
        if ctx.choice is None:
            raise EvalFailure(f"'{self.name}' names a choice column outside a choice filter", self)
        return ctx.choice.get(self.name, "")


@dataclass(frozen=True, slots=True)
class Current(Expr):
    """``.``: the value of the question the expression belongs to."""

    def ev(self, ctx: EvalContext) -> Value:
        return normalize(ctx.current, self)


@dataclass(frozen=True, slots=True)
class Parent(Expr):
    """``..``: only meaningful as the argument of ``position(..)``."""

    def ev(self, ctx: EvalContext) -> Value:
        raise EvalFailure("'..' is only supported as the argument of position()", self)


@dataclass(frozen=True, slots=True)
class Neg(Expr):
    """Unary minus."""

    operand: Expr

    def ev(self, ctx: EvalContext) -> Value:
        return -to_number(self.operand.ev(ctx))


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
        return BINARY[op](self.left.ev(ctx), self.right.ev(ctx))


@dataclass(frozen=True, slots=True)
class Call(Expr):
    """A function call; unknown names parse fine and fail in :func:`check`/evaluation."""

    name: str
    args: tuple[Expr, ...] = ()

    def ev(self, ctx: EvalContext) -> Value:
        spec = FUNCTIONS.get(self.name)
        if spec is None:
            raise EvalFailure(f"unknown function '{self.name}'", self)
        count = len(self.args)
        if not spec.accepts(count):
            raise EvalFailure(arity_message(self.name, spec.low, spec.high, count), self)
        if spec.lazy:
            return spec.impl(self, ctx, None)
        return spec.impl(self, ctx, [arg.ev(ctx) for arg in self.args])
