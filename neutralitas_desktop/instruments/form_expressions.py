"""A form's expressions for the runner: parsed once per form, and how a ``${name}`` resolves
inside repeats (the item's own value, or every item's values from outside the repeat)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from neutralitas_desktop.instruments import xpath
from neutralitas_desktop.instruments.form_entries import split_items
from neutralitas_desktop.instruments.model import Group, Instrument

EMPTY = ""
Scope = tuple[tuple[str, str], ...]  # (repeat name, item) from the outside in


@dataclass(frozen=True)
class Compiled:
    """The parsed expressions of one question or group (None where it has none)."""

    relevant: xpath.Expr | None
    constraint: xpath.Expr | None
    calculation: xpath.Expr | None
    required_if: xpath.Expr | None
    choice_filter: xpath.Expr | None
    repeats: tuple[str, ...]  # names of the repeats containing the node, outside in
    order: int


def compile_form(instrument: Instrument, problems: dict[str, str]) -> dict[str, Compiled]:
    """Every node's expressions by node name; parse errors go to ``problems`` by name."""

    def parse(text: str, key: str, choice_filter: bool = False) -> xpath.Expr | None:
        if not text:
            return None
        try:
            return xpath.parse(text, choice_filter=choice_filter)
        except xpath.ExpressionError as exc:
            problems[key] = str(exc)
            return None

    compiled: dict[str, Compiled] = {}
    for order, (parents, node) in enumerate(instrument.walk()):
        repeats = tuple(g.name for g in parents if g.repeat)
        if isinstance(node, Group):
            repeats = (*repeats, node.name) if node.repeat else repeats
            compiled[node.name] = Compiled(
                parse(node.relevant, node.name), None, None, None, None, repeats, order
            )
            continue
        compiled[node.name] = Compiled(
            parse(node.relevant, node.name),
            parse(node.constraint, node.name),
            parse(node.calculation, node.name),
            parse(node.required_if, node.name),
            parse(node.choice_filter, node.name, choice_filter=True),
            repeats,
            order,
        )
    for section in instrument.sections():  # pages made of loose top-level nodes
        compiled.setdefault(section.name, Compiled(None, None, None, None, None, (), -1))
    return compiled


def has_forward_references(compiled: Mapping[str, Compiled]) -> bool:
    """Whether an expression looks at a later question (then one pass is not enough)."""
    for name, comp in compiled.items():
        for expr in (comp.relevant, comp.calculation, comp.required_if):
            if expr is None:
                continue
            for ref in xpath.references(expr):
                target = compiled.get(ref)
                if target is not None and target.order >= comp.order and ref != name:
                    return True
    return False


def scoped_lookup(
    compiled: Mapping[str, Compiled],
    effective: Mapping[str, object],
    values: Mapping[str, str | None],
    scope: Scope,
) -> Callable[[str], object]:
    """The value of ``${name}`` seen from ``scope``: inside the same repeat item its own
    value, from outside a repeat the list of every item's value (for sum(), count())."""

    def lookup(name: str) -> object:
        target = compiled.get(name)
        if target is None:
            return EMPTY
        repeats = target.repeats
        if not repeats:
            return effective.get(name, EMPTY)
        prefix = ""
        depth = 0
        for repeat, item in scope:
            if depth < len(repeats) and repeats[depth] == repeat:
                prefix += f"{repeat}[{item}]/"
                depth += 1
            else:
                break
        if depth == len(repeats):
            if repeats[-1] == name:  # ${rep} inside its own item: the item list
                return split_items(values.get(prefix[: prefix.rfind("[")] if prefix else name))
            return effective.get(prefix + name, EMPTY)
        prefixes = [prefix]
        last = len(repeats) - 1
        for level in range(depth, len(repeats)):
            if level == last and repeats[level] == name:
                return [item for p in prefixes for item in split_items(values.get(p + name))]
            prefixes = [
                f"{p}{repeats[level]}[{item}]/"
                for p in prefixes
                for item in split_items(values.get(p + repeats[level]))
            ]
        return [effective.get(p + name, EMPTY) for p in prefixes]

    return lookup


def stored(value: object) -> str:
    """A computed value as an answer is stored; NaN (a sum over blanks) is no answer."""
    text = xpath.to_string(value)
    return "" if text in ("NaN", "Infinity", "-Infinity") else text
