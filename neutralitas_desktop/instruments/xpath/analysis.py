"""What a parsed expression says: references, functions, choice columns, problems; and
the edits made through the lexer (renames, ASCII quotes, texts with ``${name}``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

from neutralitas_desktop.instruments.xpath.errors import ExpressionError, ExpressionProblem
from neutralitas_desktop.instruments.xpath.functions import compile_regex
from neutralitas_desktop.instruments.xpath.lexer import KEYWORD_OPERATORS, reference_spans, tokenize
from neutralitas_desktop.instruments.xpath.nodes import (
    BinOp,
    Call,
    Column,
    Expr,
    Neg,
    Parent,
    Ref,
    Str,
)
from neutralitas_desktop.instruments.xpath.parser import parse
from neutralitas_desktop.instruments.xpath.printer import ascii_literal
from neutralitas_desktop.instruments.xpath.registry import FUNCTIONS, arity_message, is_odk_only


def walk(expr: Expr) -> Iterator[Expr]:
    """Every node of a tree, parents before children, left to right."""
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


def _tree(expr: Expr | str, choice_filter: bool) -> Expr:
    return parse(expr, choice_filter=choice_filter) if isinstance(expr, str) else expr


def references(expr: Expr | str, *, choice_filter: bool = False) -> set[str]:
    """Names referenced as ``${name}``, including inside string literals.

    String literals count because XLSForm substitutes ``${name}`` everywhere (e.g. the
    second argument of ``jr:choice-name(${q}, '${q}')``), so renames and missing-question
    checks must see them too.
    """
    names: set[str] = set()
    for node in walk(_tree(expr, choice_filter)):
        if isinstance(node, Ref):
            names.add(node.name)
        elif isinstance(node, Str) and "${" in node.value:
            names.update(name for _, _, name in reference_spans(node.value))
    return names


def functions_used(expr: Expr | str) -> set[str]:
    """Names of all functions called, known or not."""
    return {node.name for node in walk(_tree(expr, False)) if isinstance(node, Call)}


def _bare_names(text: str, choice_filter: bool) -> list[tuple[str, int, bool]]:
    """(name, position, is a call) of the names in ``text``, from its tree when it parses,
    else from the lexer's tokens (ODK paths such as ``instance('x')/root`` do not parse)."""
    try:
        tree = parse(text, choice_filter=choice_filter)
    except ExpressionError:
        tokens = tokenize(text, tolerant=True)
        return [
            (value, start, tokens[k + 1][0] == "(")
            for k, (kind, value, start, _) in enumerate(tokens)
            if kind == "name" and value not in KEYWORD_OPERATORS
        ]
    names = [
        (node.name, node.pos, isinstance(node, Call))
        for node in walk(tree)
        if isinstance(node, Call | Column)
    ]
    return sorted(names, key=lambda item: item[1])


def odk_only_functions(text: str, *, choice_filter: bool = False) -> list[str]:
    """Functions called that only ODK computes, in the order they are written."""
    found: list[str] = []
    for name, _, is_call in _bare_names(text, choice_filter):
        if is_call and is_odk_only(name) and name not in found:
            found.append(name)
    return found


def choice_columns(text: str) -> list[tuple[str, int]]:
    """(name, position) of the bare names of a choice filter: columns of the choices sheet."""
    return [(name, pos) for name, pos, is_call in _bare_names(text, True) if not is_call]


def check(text: str, *, choice_filter: bool = False) -> list[ExpressionProblem]:
    """Every problem in ``text``: a syntax error, or unknown functions and wrong arities.

    Unknown functions are reported here rather than by :func:`parse` so that the XLSForm
    importer can list every unsupported function of a form in one go.
    """
    try:
        tree = parse(text, choice_filter=choice_filter)
    except ExpressionError as error:
        return [ExpressionProblem(f"{error.message} at position {error.position}", error.position)]
    problems: list[ExpressionProblem] = []

    def report(message: str, position: int) -> None:
        problems.append(ExpressionProblem(f"{message} at position {position}", position))

    for node in walk(tree):
        if not isinstance(node, Call):
            continue
        spec = FUNCTIONS.get(node.name)
        if spec is None:
            report(f"unknown function '{node.name}'", node.pos)
            continue
        if not spec.accepts(len(node.args)):
            report(arity_message(node.name, spec.low, spec.high, len(node.args)), node.pos)
        for arg in node.args:
            if node.name == "position":
                if not isinstance(arg, Parent):
                    report("position() only accepts '..' as its argument", arg.pos)
            elif isinstance(arg, Parent):
                report("'..' is only supported as the argument of position()", arg.pos)
        if node.name == "regex" and len(node.args) == 2 and isinstance(node.args[1], Str):
            try:
                compile_regex(node.args[1].value)
            except re.error as error:
                report(f"invalid regular expression '{node.args[1].value}': {error.msg}", node.pos)
    problems.sort(key=lambda problem: problem.position)
    return problems


def ascii_quotes(text: str) -> tuple[str, list[tuple[str, str]]]:
    """``text`` with literals written in typographic quotes (“ciamis”) put in ASCII quotes,
    and each literal changed (as written, as rewritten); every other character is kept.

    Word processors turn quotes typographic; ODK does not read them as quotes, so forms
    are stored with ASCII quotes (loaders warn about each one they change).
    """
    try:
        tokens = tokenize(text)
    except ExpressionError:
        return text, []
    out: list[str] = []
    changed: list[tuple[str, str]] = []
    last = 0
    for kind, value, start, end in tokens:
        literal = ascii_literal(value) if kind == "tstr" else None
        if literal is None:
            continue
        out.append(text[last:start])
        out.append(literal)
        changed.append((text[start:end], literal))
        last = end
    if not changed:
        return text, []
    out.append(text[last:])
    return "".join(out), changed


def rename_references(text: str, mapping: Mapping[str, str]) -> str:
    """Rewrite ``${old}`` to ``${new}`` everywhere, leaving all other characters untouched.

    Works on text that does not parse, so a rename never destroys a half-written form.
    """
    return _replace_references(
        text, lambda name: None if name not in mapping else "${" + mapping[name] + "}"
    )


def interpolate(text: str, lookup: Callable[[str], str]) -> str:
    """A label or hint with each ``${name}`` replaced by ``lookup(name)``."""
    return _replace_references(text, lookup)


def remove_references(text: str, names: set[str] | Mapping[str, str]) -> tuple[str, list[str]]:
    """``text`` without ``${name}`` for the given names (and the blanks before each)."""
    removed: list[str] = []
    out: list[str] = []
    last = 0
    for start, end, name in reference_spans(text):
        if name not in names:
            continue
        out.append(text[last:start].rstrip())
        removed.append(name)
        last = end
    if not removed:
        return text, []
    out.append(text[last:])
    return "".join(out).strip(), removed


def _replace_references(text: str, replace: Callable[[str], str | None]) -> str:
    spans = reference_spans(text)
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for start, end, name in spans:
        new = replace(name)
        if new is None:
            continue
        out.append(text[last:start])
        out.append(new)
        last = end
    out.append(text[last:])
    return "".join(out)
