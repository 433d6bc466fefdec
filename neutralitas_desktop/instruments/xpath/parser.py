"""The one parser of the expression language: precedence climbing over the lexer's tokens.

Expressions are parsed once into an immutable tree and evaluated many times.
"""

from __future__ import annotations

from functools import lru_cache

from neutralitas_desktop.instruments.xpath import nodes
from neutralitas_desktop.instruments.xpath.errors import ExpressionError
from neutralitas_desktop.instruments.xpath.lexer import (
    KEYWORD_OPERATORS,
    PRECEDENCE,
    Token,
    tokenize,
)

MAX_DEPTH = 250
"""Deepest AST accepted: evaluation and printing recurse once per level."""
_MAX_NESTING = 100
"""Deepest bracket/call nesting accepted: the parser recurses a few frames per level."""


class _Parser:
    """Precedence-climbing parser; every method returns (node, AST depth)."""

    __slots__ = ("choice_filter", "i", "nesting", "text", "tokens")

    def __init__(self, text: str, choice_filter: bool) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.nesting = 0
        self.choice_filter = choice_filter

    def fail(self, message: str, position: int) -> ExpressionError:
        return ExpressionError(message, position, self.text)

    def describe(self, token: Token) -> str:
        return "end of expression" if token[0] == "eof" else f"'{self.text[token[2] : token[3]]}'"

    def parse(self) -> nodes.Expr:
        if self.tokens[0][0] == "eof":
            raise self.fail("empty expression", 0)
        node, _ = self.expression(0)
        token = self.tokens[self.i]
        if token[0] != "eof":
            raise self.fail(f"unexpected {self.describe(token)}", token[2])
        return node

    def checked(self, node: nodes.Expr, depth: int) -> tuple[nodes.Expr, int]:
        if depth > MAX_DEPTH:
            raise self.fail(
                f"expression nested too deeply (more than {MAX_DEPTH} levels)", node.pos
            )
        return node, depth

    def expression(self, min_precedence: int) -> tuple[nodes.Expr, int]:
        left, depth = self.unary()
        while True:
            kind, value, start, _ = self.tokens[self.i]
            if not (kind == "op" or (kind == "name" and value in KEYWORD_OPERATORS)):
                break
            precedence = PRECEDENCE[value]
            if precedence < min_precedence:
                break
            self.i += 1
            right, right_depth = self.expression(precedence + 1)
            node = nodes.BinOp(value, left, right, pos=start, src=self.text)
            left, depth = self.checked(node, max(depth, right_depth) + 1)
        return left, depth

    def unary(self) -> tuple[nodes.Expr, int]:
        signs: list[int] = []
        while True:
            kind, value, start, _ = self.tokens[self.i]
            if kind != "op" or value != "-":
                break
            signs.append(start)
            self.i += 1
        node, depth = self.primary()
        for start in reversed(signs):
            node, depth = self.checked(nodes.Neg(node, pos=start, src=self.text), depth + 1)
        return node, depth

    def primary(self) -> tuple[nodes.Expr, int]:
        token = self.tokens[self.i]
        kind, value, start, _ = token
        text = self.text
        if kind == "num":
            self.i += 1
            return nodes.Num(float(value), pos=start, src=text), 1
        if kind == "str" or kind == "tstr":
            self.i += 1
            return nodes.Str(value, pos=start, src=text, typographic=kind == "tstr"), 1
        if kind == "ref":
            self.i += 1
            return nodes.Ref(value, pos=start, src=text), 1
        if kind == "dot":
            self.i += 1
            return nodes.Current(pos=start, src=text), 1
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
            if value in KEYWORD_OPERATORS:
                raise self.fail(f"unexpected operator '{value}'", start)
            if self.choice_filter:
                self.i += 1
                return nodes.Column(value, pos=start, src=text), 1
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

    def call(self) -> tuple[nodes.Expr, int]:
        _, name, start, _ = self.tokens[self.i]
        self.i += 2
        self.enter(start)
        args: list[nodes.Expr] = []
        depth = 0
        if self.tokens[self.i][0] == ")":
            self.i += 1
        else:
            while True:
                kind, _, arg_start, _ = self.tokens[self.i]
                if kind == "dotdot" and self.tokens[self.i + 1][0] in (",", ")"):
                    self.i += 1
                    arg: nodes.Expr = nodes.Parent(pos=arg_start, src=self.text)
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
        return self.checked(nodes.Call(name, tuple(args), pos=start, src=self.text), depth + 1)

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
def _parse_cached(text: str, choice_filter: bool) -> nodes.Expr:
    try:
        return _Parser(text, choice_filter).parse()
    except RecursionError:
        raise ExpressionError("expression nested too deeply", 0, text) from None


def parse(text: str, *, choice_filter: bool = False) -> nodes.Expr:
    """Parse ``text`` into an immutable AST; raise ExpressionError naming the position.

    ``choice_filter``: XLSForm's choice-filter mode, where a bare name (``district =
    ${district}``) is a :class:`Column` of the choice being filtered. Results are cached,
    so parsing the same form column again costs a dict lookup.
    """
    if not isinstance(text, str):
        raise TypeError(f"expression must be a str, not {type(text).__name__}")
    return _parse_cached(text, choice_filter)
