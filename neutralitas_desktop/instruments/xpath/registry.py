"""The function registry: every function the evaluator computes, its arity, and the
functions ODK has that this app does not compute (an importer refuses or drops them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from neutralitas_desktop.instruments.xpath.nodes import Call, EvalContext
    from neutralitas_desktop.instruments.xpath.values import Value

Impl = Callable[["Call", "EvalContext", "list[Value] | None"], "Value"]


@dataclass(frozen=True, slots=True)
class FunctionSpec:
    """A computed function; ``high`` None means variadic, ``lazy`` gets unevaluated args."""

    impl: Impl
    low: int
    high: int | None
    lazy: bool

    def accepts(self, count: int) -> bool:
        return count >= self.low and (self.high is None or count <= self.high)


FUNCTIONS: dict[str, FunctionSpec] = {}

ODK_ONLY_FUNCTIONS: frozenset[str] = frozenset(
    {
        "pulldata", "instance", "indexed-repeat", "random", "randomize", "digest",
        "base64-decode", "area", "distance",
        "geofence", "join", "checklist", "weighted-checklist", "boolean-from-string",
        "translate", "count-non-empty", "jr:itext", "last", "current", "version",
        "property", "lower-case", "upper-case", "string-join",
    }
)  # fmt: skip
"""Functions ODK Collect computes and this app does not: a form using them needs ODK."""


def function(
    name: str, low: int, high: int | None = -1, *, lazy: bool = False
) -> Callable[[Impl], Impl]:
    """Register an ODK function; ``high`` None means variadic, -1 means exactly ``low``."""

    def register(impl: Impl) -> Impl:
        FUNCTIONS[name] = FunctionSpec(impl, low, low if high == -1 else high, lazy)
        return impl

    return register


def is_odk_only(name: str) -> bool:
    """A function ODK computes and this app cannot."""
    return name in ODK_ONLY_FUNCTIONS and name not in FUNCTIONS


def arity_message(name: str, low: int, high: int | None, count: int) -> str:
    if high is None:
        wanted = f"at least {low}"
    elif low == high:
        wanted = str(low)
    else:
        wanted = f"{low} to {high}"
    noun = "argument" if wanted in ("1", "at least 1") else "arguments"
    return f"function '{name}' takes {wanted} {noun}, got {count}"
