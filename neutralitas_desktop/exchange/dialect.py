"""The few statements that differ between SQLite and PostgreSQL, and chunked id lists."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite

CHUNK = 500  # ids per IN (...) list: well under SQLite's limit of bound parameters


def upsert(
    con: Connection, table: Table, rows: Sequence[dict[str, Any]], keys: Sequence[str]
) -> None:
    """Insert ``rows``, replacing the non-key columns of rows that already exist."""
    if not rows:
        return
    dialect = postgresql if con.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table)
    columns = [c for c in rows[0] if c not in keys]
    con.execute(
        stmt.on_conflict_do_update(
            index_elements=list(keys), set_={c: stmt.excluded[c] for c in columns}
        ),
        list(rows),
    )


def chunks(ids: Iterable[str], size: int = CHUNK) -> Iterator[list[str]]:
    batch: list[str] = []
    for value in ids:
        batch.append(value)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def quote(con: Connection, name: str) -> str:
    return con.dialect.identifier_preparer.quote(name)
