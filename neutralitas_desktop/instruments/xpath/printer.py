"""The printer: a tree back to expression text that parses to an equal tree."""

from __future__ import annotations

import math
from decimal import Decimal

from neutralitas_desktop.instruments.xpath import nodes
from neutralitas_desktop.instruments.xpath.lexer import PRECEDENCE


def _number_literal(value: float) -> str:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"cannot write {value!r} as a number literal")
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    return format(Decimal(text), "f") if "e" in text else text


def ascii_literal(value: str) -> str | None:
    """``value`` between ASCII quotes, or None when it holds both kinds."""
    for quote in ("'", '"'):
        if quote not in value:
            return f"{quote}{value}{quote}"
    return None


def _string_literal(value: str) -> str:
    for opening, closers in (("'", "'"), ('"', '"'), ("“", "“”"), ("‘", "‘’")):
        if not any(c in value for c in closers):
            return f"{opening}{value}{closers[-1]}"
    raise ValueError(f"cannot write {value!r} as a string literal: it contains every quote")


def to_source(expr: nodes.Expr) -> str:
    """Print an AST as expression text that parses back to an equal AST.

    Uses the fewest parentheses XPath precedence allows; raises ValueError for values no
    literal can express (NaN, negative numbers, strings containing every kind of quote).
    """
    if isinstance(expr, nodes.Num):
        return _number_literal(expr.value)
    if isinstance(expr, nodes.Str):
        return _string_literal(expr.value)
    if isinstance(expr, nodes.Ref):
        return "${" + expr.name + "}"
    if isinstance(expr, nodes.Column):
        return expr.name
    if isinstance(expr, nodes.Current):
        return "."
    if isinstance(expr, nodes.Parent):
        return ".."
    if isinstance(expr, nodes.Neg):
        inner = to_source(expr.operand)
        return f"-({inner})" if isinstance(expr.operand, nodes.BinOp) else f"-{inner}"
    if isinstance(expr, nodes.BinOp):
        precedence = PRECEDENCE[expr.op]
        left = to_source(expr.left)
        right = to_source(expr.right)
        if isinstance(expr.left, nodes.BinOp) and PRECEDENCE[expr.left.op] < precedence:
            left = f"({left})"
        if isinstance(expr.right, nodes.BinOp) and PRECEDENCE[expr.right.op] <= precedence:
            right = f"({right})"
        return f"{left} {expr.op} {right}"
    if isinstance(expr, nodes.Call):
        return f"{expr.name}({', '.join(to_source(arg) for arg in expr.args)})"
    raise TypeError(f"not an expression node: {expr!r}")
