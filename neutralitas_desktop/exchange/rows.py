"""Merging rows of one table from a staged package: the union of immutable rows, and
last-writer-wins for small tables edited in place.

Last writer is decided by (device sequence number, device_id) — a Lamport order, never a
clock — and, for the rare tie, a digest of the row, so that any order of the same packages
gives the same row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Connection, Table, and_, bindparam, select, text

from neutralitas_desktop.exchange import tables
from neutralitas_desktop.exchange.dialect import chunks, quote
from neutralitas_desktop.exchange.staging import Staging

Row = dict[str, Any]
_SKIP_IN_DIGEST = {"updated_at", "device_id", "device_seq"}


def plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.datetime | dt.date) else value


def digest(row: Row, skip: Iterable[str] = ()) -> str:
    left_out = _SKIP_IN_DIGEST | set(skip)
    content = {k: plain(v) for k, v in row.items() if k not in left_out}
    text_ = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text_.encode("utf-8")).hexdigest()


def _writer(row: Row) -> tuple[int, str]:
    """Which write came last: the device sequence, then the device id (the rows' digest
    breaks a tie of both)."""
    return (row.get("device_seq") or 0, row.get("device_id") or "")


def writer_key(row: Row, skip: Iterable[str] = ()) -> tuple[Any, ...]:
    return (*_writer(row), digest(row, skip))


def newer(incoming: Row, existing: Row, skip: Iterable[str] = ()) -> bool:
    """``writer_key(incoming) > writer_key(existing)``, hashing the rows only for a tie."""
    first, second = _writer(incoming), _writer(existing)
    if first != second:
        return first > second
    return digest(incoming, skip) > digest(existing, skip)


def staged_rows(src: Staging, name: str) -> list[Row]:
    return [dict(r) for r in src.con.execute(select(src.table(name))).mappings()]


def existing_rows(
    con: Connection, name: str, keys: Iterable[Any], column: str = "id"
) -> dict[Any, Row]:
    table = tables.table(name)
    found: dict[Any, Row] = {}
    for batch in chunks(list(keys)):
        for row in con.execute(select(table).where(table.c[column].in_(batch))).mappings():
            found[row[column]] = dict(row)
    return found


def update_row(con: Connection, name: str, row: Row, key: dict[str, Any] | None = None) -> None:
    table = tables.table(name)
    pk = [c.name for c in table.primary_key.columns]
    key = key or {c: row[c] for c in pk}
    values = {k: v for k, v in row.items() if k not in pk}
    con.execute(
        table.update().where(and_(*[table.c[c] == v for c, v in key.items()])).values(values)
    )


def keep_stamp(table: Table) -> dict[str, Any]:
    """SET updated_at = updated_at, device_seq = device_seq: a merge's own rewrites (mapping
    ids, making codes unique) are not edits, and must not take the columns' on-update
    defaults."""
    kept = {c: table.c[c] for c in ("updated_at", "device_seq") if c in table.c}
    return kept


def insert_rows(con: Connection, name: str, rows: list[Row]) -> None:
    if rows:
        con.execute(tables.table(name).insert(), rows)


def last_writer_wins(
    con: Connection,
    src: Staging,
    name: str,
    *,
    keep_existing: bool = False,
    transform: Callable[[Row], Row] | None = None,
) -> tuple[list[Row], list[Row]]:
    """Insert the package's rows this database lacks; replace older ones (unless
    ``keep_existing``). Returns (inserted, updated)."""
    table = tables.table(name)
    pk = [c.name for c in table.primary_key.columns]
    incoming = staged_rows(src, name)
    if transform:
        incoming = [transform(r) for r in incoming]
    if len(pk) != 1:
        raise ValueError(f"{name}: last-writer-wins needs a one-column key")
    current = existing_rows(con, name, [r[pk[0]] for r in incoming], pk[0])
    inserted, updated = [], []
    for row in incoming:
        old = current.get(row[pk[0]])
        if old is None:
            inserted.append(row)
        elif not keep_existing and newer(row, old):
            updated.append(row)
    insert_rows(con, name, inserted)
    if updated:
        values = [c.name for c in table.columns if c.name not in pk]
        con.execute(
            table.update()
            .where(table.c[pk[0]] == bindparam("b_key"))
            .values({c: bindparam(f"b_{c}") for c in values}),
            [{"b_key": r[pk[0]], **{f"b_{c}": r[c] for c in values}} for r in updated],
        )
    return inserted, updated


def union(
    con: Connection,
    src: Staging,
    name: str,
    *,
    only: str | None = None,
    exprs: dict[str, str] | None = None,
    joins: str = "",
) -> int:
    """INSERT the package's rows whose key this database lacks (immutable rows).

    ``only`` names a temporary id table restricting the rows; ``exprs`` replace columns
    (``s.`` is the package's row), ``joins`` add the tables they need."""
    table = tables.table(name)
    columns = [c.name for c in table.columns]
    pk = ", ".join(quote(con, c.name) for c in table.primary_key.columns)
    exprs = exprs or {}
    select_list = ", ".join(exprs.get(c, f"s.{quote(con, c)}") for c in columns)
    restrict = f" JOIN {only} n ON n.id = s.id" if only else ""
    sql = (
        f"INSERT INTO {name} ({', '.join(quote(con, c) for c in columns)}) "
        f"SELECT {select_list} FROM {src.name(name)} s{restrict} {joins} "
        f"WHERE true ON CONFLICT ({pk}) DO NOTHING"
    )
    return int(con.execute(text(sql)).rowcount or 0)


def earliest_wins(con: Connection, src: Staging, name: str, columns: tuple[str, ...]) -> None:
    """Rows made the same on two devices (an attachment by its SHA-256, an instrument by its
    content hash) keep the first maker's details, whichever package came first."""
    table = tables.table(name)
    [key] = [c.name for c in table.primary_key.columns]
    sets = ", ".join(f"{quote(con, c)} = s.{quote(con, c)}" for c in columns)
    con.execute(
        text(
            f"UPDATE {name} SET {sets} FROM {src.name(name)} s WHERE {name}.{key} = s.{key} "
            f"AND (s.created_at < {name}.created_at OR (s.created_at = {name}.created_at "
            f"AND s.device_id < {name}.device_id))"
        )
    )


def temp_ids(con: Connection, name: str, query: str) -> int:
    """A temporary table ``name`` of the ids ``query`` selects; returns how many."""
    con.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
    con.exec_driver_sql(f"CREATE TEMPORARY TABLE {name} (id VARCHAR(64) PRIMARY KEY)")
    return int(con.execute(text(f"INSERT INTO {name} (id) {query}")).rowcount or 0)


def drop_temp(con: Connection, *names: str) -> None:
    for name in names:
        con.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
