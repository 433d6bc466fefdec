"""The one lexer of the XLSForm/XPath expression language, and the ``${name}`` scanner.

Expressions, choice filters and texts with ``${name}`` (labels, hints) are all read
here, so the importer, validation and the runner agree on what is a string, a name and
a reference.
"""

from __future__ import annotations

import re

from neutralitas_desktop.instruments.xpath.errors import ExpressionError

_DIGITS = "0123456789"
_NAME_RE = re.compile(r"[^\W\d](?:\w|[-:](?=[^\W\d]))*")
_NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_QUESTION_NAME_RE = re.compile(r"[^\W\d][\w.\-]*\Z")
# Typographic quotes come from word processors; either half of a pair closes the string.
# They delimit a literal like ASCII quotes do (kind "tstr"), so that the text inside is
# never read as names; loaders warn about them and write ASCII quotes (see analysis).
QUOTES = {"'": "'", '"': '"', "‘": "‘’", "’": "‘’", "“": "“”", "”": "“”"}
_OPERATOR_CHARS = {"!": "!=", "<": "<=", ">": ">=", "=": "=", "+": "+", "-": "-", "*": "*"}
KEYWORD_OPERATORS = frozenset({"and", "or", "div", "mod"})
PRECEDENCE = {
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

Token = tuple[str, str, int, int]  # kind, value, start, end


def tokenize(text: str, *, tolerant: bool = False) -> list[Token]:
    """Split ``text`` into tokens; keyword operators stay names, the parser decides.

    ``tolerant``: a character that cannot start a token becomes an ``error`` token
    instead of raising, so that text that does not parse can still be looked into.
    """
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        try:
            i = _next_token(text, i, tokens)
        except ExpressionError:
            if not tolerant:
                raise
            tokens.append(("error", text[i], i, i + 1))
            i += 1
    tokens.append(("eof", "", n, n))
    return tokens


def _next_token(text: str, i: int, tokens: list[Token]) -> int:
    """Append the token starting at ``i`` (if any) and return where the next one starts."""
    n = len(text)
    c = text[i]
    if c.isspace():
        return i + 1
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
        if name.startswith("last-saved#"):
            raise ExpressionError(
                f"'${{{name}}}' (the answer of the last form saved on the phone) is not supported",
                i,
                text,
            )
        if not _QUESTION_NAME_RE.match(name):
            raise ExpressionError(f"invalid question name '{name}' in reference", i, text)
        tokens.append(("ref", name, i, close + 1))
        i = close + 1
    elif c in QUOTES:
        closers = QUOTES[c]
        j = i + 1
        while j < n and text[j] not in closers:
            j += 1
        if j >= n:
            raise ExpressionError("unterminated string", i, text)
        kind = "str" if c in "'\"" else "tstr"
        tokens.append((kind, text[i + 1 : j], i, j + 1))
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
            return i + 1
    elif c in "(),":
        tokens.append((c, c, i, i + 1))
        return i + 1
    elif c in _OPERATOR_CHARS:
        two = text[i : i + 2]
        if two in ("!=", "<=", ">="):
            tokens.append(("op", two, i, i + 2))
            i += 2
        elif c == "!":
            raise ExpressionError("unexpected character '!' (use != or not())", i, text)
        else:
            tokens.append(("op", c, i, i + 1))
            return i + 1
    else:
        match = _NAME_RE.match(text, i)
        if match is None:
            hint = " (paths are not supported; use ${name})" if c == "/" else ""
            raise ExpressionError(f"unexpected character '{c}'{hint}", i, text)
        tokens.append(("name", match.group(), i, match.end()))
        i = match.end()
    return i


def reference_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of every ``${name}`` in any text, string literals included.

    XLSForm substitutes ``${name}`` everywhere, so texts (labels, hints), expressions
    that do not parse and string literals (``jr:choice-name(${q}, '${q}')``) all count.
    """
    spans: list[tuple[int, int, str]] = []
    start = text.find("${")
    while start >= 0:
        close = text.find("}", start + 2)
        if close < 0:
            break
        spans.append((start, close + 1, text[start + 2 : close]))
        start = text.find("${", close + 1)
    return spans
