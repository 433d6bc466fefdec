"""What goes wrong with an expression: a parse or evaluation error with its position."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from neutralitas_desktop.errors import NeutralitasError

if TYPE_CHECKING:
    from neutralitas_desktop.instruments.xpath.nodes import Expr


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


class EvalFailure(Exception):
    """Raised inside evaluation; :func:`evaluate` turns it into an ExpressionError."""

    def __init__(self, message: str, node: Expr) -> None:
        super().__init__(message)
        self.message = message
        self.node = node
