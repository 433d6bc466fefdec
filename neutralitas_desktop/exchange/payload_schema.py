"""The payload of a package is checked before anything reads its rows: its schema must be
exactly that of the version it declares (no trigger, view, extra table or index, no
missing or extra column), its pages must pass SQLite's quick check, every value must be
of its column's kind (a time where a time belongs) and, where the study has a closed set of
words, one of them (``payload_values``), and every attachment's bytes must match their
SHA-256.

The expected schema of a version is that of an empty database built by the migrations up
to that version (once per process). The payload is opened read-only with
``trusted_schema`` off, so nothing it holds can run while it is checked; once it passes,
it holds tables and indexes only, so nothing in it can fire when it is attached.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from neutralitas_desktop.exchange.errors import TamperedPackageError
from neutralitas_desktop.exchange.payload_values import outside_vocabulary
from neutralitas_desktop.store import migrations

Column = tuple[str, str, int, int, int]  # name, declared type, not null, pk, hidden


@dataclass(frozen=True)
class Schema:
    objects: frozenset[tuple[str, str, str]]  # (type, name, table) of sqlite_master
    columns: dict[str, tuple[Column, ...]]  # per table, in order


def read_schema(con: sqlite3.Connection) -> Schema:
    objects = frozenset(
        (str(t), str(n), str(tbl))
        for t, n, tbl in con.execute("SELECT type, name, tbl_name FROM sqlite_master")
    )
    columns = {
        name: tuple(
            (str(c), str(ty).upper(), int(nn), int(pk), int(hidden))
            for c, ty, nn, pk, hidden in con.execute(
                'SELECT name, type, "notnull", pk, hidden FROM pragma_table_xinfo(?)', (name,)
            )
        )
        for kind, name, _ in objects
        if kind == "table"
    }
    return Schema(objects, columns)


@cache
def expected_schema(version: str) -> Schema:
    """The schema of an empty study database at ``version``, built by the migrations (in
    memory: nothing of it reaches the disk)."""
    con = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        engine = create_engine("sqlite://", creator=lambda: con, poolclass=StaticPool)
        try:
            migrations.upgrade(engine, version)
            return read_schema(con)
        finally:
            engine.dispose()  # closes the connection too
    finally:
        con.close()


def _differences(found: Schema, expected: Schema) -> list[str]:
    """What differs, worst first, in words."""
    problems: list[str] = []
    for kind in ("trigger", "view"):
        problems += [
            f"a {kind} '{name}'"
            for k, name, _ in sorted(found.objects - expected.objects)
            if k == kind
        ]
    for kind, name, table in sorted(found.objects - expected.objects):
        if kind not in ("trigger", "view"):
            where = f" on '{table}'" if kind == "index" else ""
            problems.append(f"an extra {kind} '{name}'{where}")
    for kind, name, _ in sorted(
        expected.objects - found.objects, key=lambda o: (o[0] != "table", o)
    ):
        problems.append(f"no {kind} '{name}'")
    for table, wanted in sorted(expected.columns.items()):
        have = found.columns.get(table)
        if have is None or have == wanted:
            continue
        names = {c[0] for c in have}
        wanted_names = {c[0] for c in wanted}
        problems += [f"no column '{table}.{c}'" for c in sorted(wanted_names - names)]
        problems += [f"an extra column '{table}.{c}'" for c in sorted(names - wanted_names)]
        if names == wanted_names:
            problems.append(f"the columns of '{table}' are not of its schema")
    return problems


def _refuse(path: Path, what: str) -> TamperedPackageError:
    return TamperedPackageError(f"{path}: tampered with: its data {what}")


def check_payload(path: Path, database: Path | sqlite3.Connection, version: str) -> None:
    """Refuse the payload ``database`` (a file, or a connection to it already unpacked in
    memory) of the package at ``path`` unless its schema is that of ``version`` exactly and
    its attachments match their SHA-256."""
    expected = expected_schema(version)
    if isinstance(database, sqlite3.Connection):
        _check(path, database, version, expected)
        return
    try:
        con = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        raise _refuse(path, "is not a database") from None
    try:
        _check(path, con, version, expected)
    finally:
        con.close()


def _check(path: Path, con: sqlite3.Connection, version: str, expected: Schema) -> None:
    try:
        con.execute("PRAGMA trusted_schema=OFF")
        problems = _differences(read_schema(con), expected)
        if problems:
            more = f" (and {len(problems) - 1} more difference(s))" if len(problems) > 1 else ""
            raise _refuse(path, f"has {problems[0]}, not the schema of version {version}{more}")
        if con.execute("PRAGMA quick_check(1)").fetchall() != [("ok",)]:
            raise _refuse(path, "is a damaged database (SQLite's quick check fails)")
        _check_values(path, con, expected)
        _check_vocabulary(path, con, expected)
        _check_attachments(path, con)
    except sqlite3.DatabaseError:  # damaged pages, a malformed schema: not our data
        raise _refuse(path, "is not a readable database") from None


# What a value stored under each declared type must look like for the app to read it:
# SQLite keeps whatever it is given (a text where a time belongs, a number in a JSON
# column), and the merge would stop on it halfway with a traceback.
_DATETIME = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*"
_VALID = {
    "VARCHAR": "typeof({c}) = 'text'",
    "TEXT": "typeof({c}) = 'text'",
    "INTEGER": "typeof({c}) = 'integer'",
    "BOOLEAN": "typeof({c}) = 'integer' AND {c} IN (0, 1)",
    "BLOB": "typeof({c}) = 'blob'",
    "JSON": "typeof({c}) IN ('integer', 'real') OR (typeof({c}) = 'text' AND json_valid({c}))",
    "DATETIME": (
        f"typeof({{c}}) = 'text' AND {{c}} GLOB '{_DATETIME}' AND julianday({{c}}) IS NOT NULL"
    ),
}


def _check_values(path: Path, con: sqlite3.Connection, expected: Schema) -> None:
    """Refuse a value the app could not read back: one scan of each table."""
    for table, columns in sorted(expected.columns.items()):
        checked: list[tuple[str, str]] = []
        for name, declared, notnull, _pk, _hidden in columns:
            rule = _VALID.get(declared.split("(")[0])
            if rule is None:
                continue
            quoted = '"' + name.replace('"', '""') + '"'
            valid = rule.format(c=quoted)
            if not notnull:
                valid = f"{quoted} IS NULL OR ({valid})"
            checked.append((name, f"coalesce(sum(NOT ({valid})), 0)"))
        if not checked:
            continue
        sql = f'SELECT {", ".join(e for _, e in checked)} FROM "{table}"'
        counts = con.execute(sql).fetchone()
        for (name, _), bad in zip(checked, counts, strict=True):
            if bad:
                raise _refuse(path, f"has {bad} value(s) of the wrong kind in '{table}.{name}'")


def _check_vocabulary(path: Path, con: sqlite3.Connection, expected: Schema) -> None:
    """Refuse a status, role, stance, … that is none of the study's words."""
    columns = {t: [c[0] for c in cs] for t, cs in expected.columns.items()}
    keys = {
        t: [c[0] for c in sorted(cs, key=lambda c: c[3]) if c[3]]
        for t, cs in expected.columns.items()
    }
    problem = outside_vocabulary(con, columns, keys)
    if problem:
        raise _refuse(path, problem)


def _check_attachments(path: Path, con: sqlite3.Connection) -> None:
    for sha256, data, size in con.execute("SELECT sha256, data, size FROM attachment"):
        if not isinstance(data, bytes) or (
            hashlib.sha256(data).hexdigest() != sha256 or len(data) != size
        ):
            raise _refuse(
                path,
                f"has an attachment whose bytes do not match its SHA-256 ({str(sha256)[:12]}…)",
            )
