"""The closed sets of values a package's rows must keep to: a session status, a consent
state, a source type, an informant role, a stance, a finding's status, an incident's actor
type, an element test's verdict and the like are one of the study's words
(``vocabulary``), never just any text.

The app itself never writes another value, so a package holding one was edited outside it;
merged, such a row would show as a blank in the matrix, drop out of every count and make
the lifecycle and the reports stop on it. Checked with the payload's schema, before any
row is read for the merge.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Mapping
from enum import StrEnum

from neutralitas_desktop.vocabulary import (
    ActorType,
    ConsentMethod,
    ConsentState,
    Element,
    ElementVerdict,
    EvidenceKind,
    FindingStatus,
    InformantCategory,
    LineTarget,
    MaterialKind,
    MemberCheckMaterial,
    MemberCheckResponse,
    SelectionMethod,
    SessionStatus,
    SourceType,
    Stance,
)

ROLES = ("researcher", "supervisor")
THEME_STATUSES = ("accepted", "proposed")
CODED_PARTS = ("value", "note")
# A column's allowed values: a vocabulary, a fixed tuple, or the codes of the package's
# own informant roles (which travel whole in every package); "" where the app leaves the
# column empty.
INFORMANT_ROLES = "informant roles"
Allowed = type[StrEnum] | tuple[str, ...] | str
RULES: dict[tuple[str, str], tuple[Allowed, bool]] = {
    ("field_session", "status"): (SessionStatus, False),
    ("field_session", "source_type"): (SourceType, False),
    ("field_session", "source_role"): (INFORMANT_ROLES, True),
    ("instrument", "source_type"): (SourceType, False),
    ("informant", "role"): (INFORMANT_ROLES, False),
    ("informant", "consent_status"): (ConsentState, False),
    ("informant", "consent_method"): (ConsentMethod, True),
    ("informant", "category"): (InformantCategory, True),
    ("informant", "selection"): (SelectionMethod, True),
    ("coding", "stance"): (Stance, False),
    ("coding", "target"): (CODED_PARTS, False),
    ("question_stance", "stance"): (Stance, False),
    ("agreement_resolution", "stance"): (Stance, True),
    ("agreement_resolution", "target"): (CODED_PARTS, False),
    ("finding", "status"): (FindingStatus, False),
    ("theme", "status"): (THEME_STATUSES, False),
    ("researcher", "role"): (ROLES, False),
    ("device_key", "role"): (ROLES, False),
    ("incident", "actor_type"): (ActorType, False),
    ("evidence_line", "kind"): (EvidenceKind, False),
    ("evidence_line", "target"): (LineTarget, False),
    ("member_check", "material"): (MemberCheckMaterial, False),
    ("member_check", "response"): (MemberCheckResponse, False),
    ("legal_material", "kind"): (MaterialKind, False),
    ("element_test", "element"): (Element, False),
    ("element_test", "verdict"): (ElementVerdict, False),
}
SHOWN = 40  # characters of a bad value shown in the message


def _values(con: sqlite3.Connection, allowed: Allowed, empty: bool) -> list[str]:
    if allowed == INFORMANT_ROLES:
        values = [str(c) for (c,) in con.execute("SELECT code FROM informant_role")]
    elif isinstance(allowed, tuple):
        values = list(allowed)
    else:
        assert isinstance(allowed, type)
        values = [member.value for member in allowed]
    return [*values, ""] if empty else values


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def outside_vocabulary(
    con: sqlite3.Connection, columns: Mapping[str, Collection[str]], keys: Mapping[str, list[str]]
) -> str | None:
    """The first value outside its column's allowed set, in words (None when there is none).

    ``columns``: the columns of each table in the payload's schema (a rule for a column an
    older schema lacks is skipped); ``keys``: each table's primary key columns."""
    for (table, column), (allowed, empty) in RULES.items():
        if column not in columns.get(table, ()):
            continue
        values = _values(con, allowed, empty)
        key = ", ".join(_quoted(k) for k in keys[table])
        c = _quoted(column)
        marks = ", ".join("?" * len(values))
        row = con.execute(
            f"SELECT {c}, {key} FROM {_quoted(table)} WHERE {c} IS NOT NULL "
            f"AND {c} NOT IN ({marks}) ORDER BY {key} LIMIT 1",
            values,
        ).fetchone()
        if row is not None:
            value, ident = str(row[0]), "/".join(str(v) for v in row[1:])
            shown = value[:SHOWN] + ("…" if len(value) > SHOWN else "")
            return (
                f"has {table} {ident} with {column} {shown!r}, "
                f"not one of: {', '.join(repr(v) for v in values) or 'none'}"
            )
    return None
