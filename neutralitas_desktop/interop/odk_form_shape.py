"""Which column of a data export holds which question of the form.

The main table and each repeat are a ``Scope``: the questions answered on one row. A
question's header is its name, or its group path joined by ``/`` (KoboToolbox, or the
separator chosen for its export) or ``-`` (ODK Central, Briefcase); a select_multiple may
also come as one 0/1 column per choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from neutralitas_desktop.instruments.model import Group, Instrument, Question
from neutralitas_desktop.interop.odk_tables import DataTable
from neutralitas_desktop.interop.odk_values import choice_names

# Columns of the tools themselves, read without complaint.
TOOL_COLUMNS = frozenset(
    {
        "submissiondate", "key", "parent_key", "submitterid", "submittername",
        "attachmentspresent", "attachmentsexpected", "status", "reviewstate", "deviceid",
        "edits", "formversion", "instanceid", "start", "end", "today", "username",
        "simserial", "subscriberid", "phonenumber", "audit", "__version__",
        "deprecatedid", "instancename", "rootuuid", "isvalidated",
    }
)  # fmt: skip


# Between a group and what it holds: KoboToolbox's "/" (or the separator chosen for its
# export, "." or ":" as offered), ODK Central's and Briefcase's "-".
GROUP_SEPARATORS = ("/", "-", ".", ":")


@dataclass
class Scope:
    """The main table or one repeat: the questions answered on one row."""

    path: tuple[str, ...]  # repeat names from the top; () for the submission itself
    columns: dict[str, Question] = field(default_factory=dict)  # header form -> question
    repeats: list[str] = field(default_factory=list)  # repeats directly inside
    ignorable: set[str] = field(default_factory=set)  # group / repeat headers


def scopes_of(instrument: Instrument) -> dict[tuple[str, ...], Scope]:
    scopes: dict[tuple[str, ...], Scope] = {(): Scope(())}

    def headers(path: tuple[str, ...]) -> list[str]:
        out = []
        for start in range(len(path)):
            for sep in GROUP_SEPARATORS:
                out.append(sep.join(path[start:]))
        return out

    def visit(nodes: tuple[Any, ...], repeat_path: tuple[str, ...], path: tuple[str, ...]) -> None:
        scope = scopes[repeat_path]
        for node in nodes:
            node_path = (*path, node.name)
            if isinstance(node, Group):
                scope.ignorable.update(headers(node_path))
                if node.repeat:
                    inner = (*repeat_path, node.name)
                    scopes[inner] = Scope(inner)
                    scope.repeats.append(node.name)
                    visit(node.children, inner, node_path)
                else:
                    visit(node.children, repeat_path, node_path)
                continue
            for header in headers(node_path):
                scope.columns.setdefault(header, node)

    visit(instrument.children, (), ())
    # The exact name wins over a longer path that happens to end the same way.
    for scope in scopes.values():
        for header, question in list(scope.columns.items()):
            if question.name == header:
                scope.columns[header] = question
    return scopes


_CUT_SHEET = re.compile(r"^(.*)\.\.\.(?: \(\d+\))?$")


def scope_of_table(
    name: str, scopes: dict[tuple[str, ...], Scope], headers: list[str]
) -> tuple[Scope | None, str]:
    """(the repeat a table holds, problem). KoboToolbox cuts sheet names to 31
    characters as the first 28 and ``...`` (``... (1)`` for the next one cut alike): those
    match the repeat they begin, and of several, the one whose questions head the columns."""
    cut_match = _CUT_SHEET.match(name)
    cut = cut_match.group(1) if cut_match else None
    candidates = []
    for path, scope in scopes.items():
        if not path:
            continue
        repeat = path[-1]
        if name in (repeat, repeat[:31]) or name.endswith(("-" + repeat, "_" + repeat)):
            return scope, ""
        if cut and repeat.startswith(cut):
            candidates.append(scope)
    if len(candidates) > 1:
        answered = [c for c in candidates if any(h in c.columns for h in headers)]
        candidates = answered if len(answered) == 1 else candidates
    if len(candidates) == 1:
        return candidates[0], ""
    if candidates:
        names = ", ".join(c.path[-1] for c in candidates)
        return None, f"the cut sheet name '{name}' begins more than one repeat ({names})"
    return None, ""


@dataclass
class Column:
    kind: str  # value | split | other | geo (choice: which part of a geopoint)
    question: Question
    choice: str = ""


def match_columns(
    table: DataTable, scope: Scope, instrument: Instrument, unmatched: list[str]
) -> dict[str, Column]:
    matched: dict[str, Column] = {}
    for header in table.headers:
        if not header:
            continue
        question = scope.columns.get(header)
        if question is not None:
            matched.setdefault(header, Column("value", question))
            continue
        split = _split_column(header, scope, instrument) or _geopoint_column(header, scope)
        if split is not None:
            matched[header] = split
            continue
        if header.endswith("_other"):
            base = scope.columns.get(header[: -len("_other")])
            if base is not None and base.other:
                matched[header] = Column("other", base)
                continue
        if _is_tool_column(header) or header in scope.ignorable or _media_url(header, scope):
            continue
        unmatched.append(header)
    return matched


def _split_column(header: str, scope: Scope, instrument: Instrument) -> Column | None:
    """A 0/1 column of one choice of a select_multiple ("platform/facebook")."""
    for sep in GROUP_SEPARATORS:
        if sep not in header:
            continue
        prefix, choice = header.rsplit(sep, 1)
        question = scope.columns.get(prefix)
        if question is None or question.type != "select_multiple":
            continue
        if choice in choice_names(instrument, question):
            return Column("split", question, choice)
    return None


# ODK Central and Briefcase write a geopoint as four columns, "<name>-Latitude", …
GEOPOINT_PARTS = ("Latitude", "Longitude", "Altitude", "Accuracy")


def _geopoint_column(header: str, scope: Scope) -> Column | None:
    """One of the four columns of a geopoint, for the text question it was converted to."""
    prefix, _, part = header.rpartition("-")
    question = scope.columns.get(prefix) if part in GEOPOINT_PARTS else None
    if question is None or question.type != "text":
        return None
    return Column("geo", question, part)


def geopoint_text(parts: dict[str, str]) -> str:
    """The geopoint as ODK writes it in one value, "lat lon alt accuracy"."""
    values = [parts.get(p, "") for p in GEOPOINT_PARTS]
    while values and not values[-1]:
        values.pop()
    return " ".join(values) if all(values) else ""


def _media_url(header: str, scope: Scope) -> bool:
    """KoboToolbox's "photo_URL" beside "photo" (export with media URLs): a web address."""
    base = scope.columns.get(header[: -len("_URL")]) if header.endswith("_URL") else None
    return base is not None and base.type in ("image", "file")


def _is_tool_column(header: str) -> bool:
    lowered = header.lower()
    last = lowered.replace("-", "/").rsplit("/", 1)[-1]
    return (
        lowered.startswith(("_", "meta/", "meta-", "formhub/", "formhub-"))
        or last.startswith("_")  # KoboToolbox's "group/_point_latitude" beside "group/point"
        or lowered in TOOL_COLUMNS
        or last in TOOL_COLUMNS
    )
