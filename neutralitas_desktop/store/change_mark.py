"""Results derived from the study's rows, kept while no row changes.

A SQLite connection tells when its view of the file may have changed: ``PRAGMA
data_version`` moves when another connection (in this process or another program)
commits, ``total_changes()`` when this connection itself writes (data_version does not
see its own writes). Together they are the connection's *change mark*; a result kept
with the mark it was read under is reused only while the mark is the same, so an edit
is always in the next result. The result is kept with the connection (its pool record),
never shared between connections, and never while the connection holds uncommitted
writes (a rollback would not move the mark back). Other databases keep nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection

T = TypeVar("T")

_MARK = "SELECT data_version, total_changes() FROM pragma_data_version"


def change_mark(connection: Connection) -> tuple[int, int] | None:
    """The connection's change mark (None where there is none, or while it holds
    uncommitted writes). Read it before the rows it guards."""
    if connection.dialect.name != "sqlite":
        return None
    if getattr(connection.connection.dbapi_connection, "in_transaction", True):
        return None
    data_version, total_changes = connection.exec_driver_sql(_MARK).one()
    return int(data_version), int(total_changes)


def kept(connection: Connection, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, or the value it gave on this connection while nothing changed."""
    mark = change_mark(connection)
    if mark is None:
        return compute()
    key = ("change_mark", name)
    held = connection.info.get(key)
    if held is not None and held[0] == mark:
        value: T = held[1]
        return value
    value = compute()
    connection.info[key] = (mark, value)
    return value
