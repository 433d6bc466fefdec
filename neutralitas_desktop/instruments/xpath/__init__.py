"""The XLSForm/ODK expression language: one lexer, one parser, one printer, one function
registry, and the evaluator working on the parsed tree.

Form columns (``relevant``, ``constraint``, ``calculation``, ``choice_filter``,
``required``) hold XPath 1.0 expressions as ODK writes them; a choice filter is parsed in
its own mode, where bare names are columns of the choices sheet. Every part of the app
that reads an expression (XLSForm import, validation, the runner, reports) goes through
this package.
"""

from __future__ import annotations

from neutralitas_desktop.instruments.xpath import dates as _dates  # noqa: F401 (registers)
from neutralitas_desktop.instruments.xpath import functions as _functions  # noqa: F401
from neutralitas_desktop.instruments.xpath.analysis import (
    ascii_quotes,
    check,
    choice_columns,
    functions_used,
    interpolate,
    odk_only_functions,
    references,
    remove_references,
    rename_references,
    walk,
)
from neutralitas_desktop.instruments.xpath.errors import (
    EvalFailure,
    ExpressionError,
    ExpressionProblem,
)
from neutralitas_desktop.instruments.xpath.lexer import reference_spans
from neutralitas_desktop.instruments.xpath.nodes import (
    BinOp,
    Call,
    Column,
    Current,
    EvalContext,
    Expr,
    Neg,
    Num,
    Parent,
    Ref,
    Str,
)
from neutralitas_desktop.instruments.xpath.parser import MAX_DEPTH, parse
from neutralitas_desktop.instruments.xpath.printer import to_source
from neutralitas_desktop.instruments.xpath.registry import (
    FUNCTIONS,
    ODK_ONLY_FUNCTIONS,
    is_odk_only,
)
from neutralitas_desktop.instruments.xpath.values import Value, to_number, to_string, truthy

__all__ = [
    "KNOWN_FUNCTIONS",
    "MAX_DEPTH",
    "ODK_ONLY_FUNCTIONS",
    "BinOp",
    "Call",
    "Column",
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
    "ascii_quotes",
    "check",
    "choice_columns",
    "evaluate",
    "functions_used",
    "interpolate",
    "is_odk_only",
    "odk_only_functions",
    "parse",
    "reference_spans",
    "references",
    "remove_references",
    "rename_references",
    "to_number",
    "to_source",
    "to_string",
    "truthy",
    "walk",
]

KNOWN_FUNCTIONS: frozenset[str] = frozenset(FUNCTIONS)
"""Every function name :func:`evaluate` supports; anything else is reported by check()."""


def evaluate(expr: Expr | str, context: EvalContext) -> Value:
    """Evaluate with ODK coercions; raise ExpressionError (with position) on type problems.

    Passing text parses it (cached); for hot paths parse once and pass the tree.
    """
    tree = parse(expr) if isinstance(expr, str) else expr
    try:
        return tree.ev(context)
    except EvalFailure as failure:
        node = failure.node
        raise ExpressionError(failure.message, node.pos, node.src or _safe_source(tree)) from None
    except RecursionError:
        raise ExpressionError("expression nested too deeply", 0, tree.src or "…") from None


def _safe_source(tree: Expr) -> str:
    """Text for an error in a hand-built tree, which has no source text of its own."""
    try:
        return to_source(tree)
    except (ValueError, TypeError, RecursionError):
        return repr(tree)
