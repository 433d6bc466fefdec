"""The device sequence: a Lamport counter that orders this database's writes without a clock.

Every row that can change carries the sequence number of its last write (``seq``). A write
takes the next number; a merge raises the counter past every number it brought in, so an
edit made after seeing another device's row always orders after it, whatever either
laptop's clock said. ``--since-last`` packages select by it for the same reason.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

TABLE = "device_sequence"
_NEXT = (
    "INSERT INTO device_sequence (id, value) VALUES (1, 1) "
    "ON CONFLICT (id) DO UPDATE SET value = device_sequence.value + 1 RETURNING value"
)
_RAISE = (
    "INSERT INTO device_sequence (id, value) VALUES (1, :v) "
    "ON CONFLICT (id) DO UPDATE SET value = CASE WHEN device_sequence.value < excluded.value "
    "THEN excluded.value ELSE device_sequence.value END"
)


def take(con: Connection) -> int:
    """The next sequence number (one statement, inside the caller's transaction)."""
    return int(con.exec_driver_sql(_NEXT).scalar_one())


def next_seq(context: Any) -> int:
    """Column default of ``seq``: SQLAlchemy calls it once per inserted or updated row."""
    return take(context.connection)


def current(con: Connection) -> int:
    return int(con.exec_driver_sql("SELECT value FROM device_sequence WHERE id = 1").scalar() or 0)


def raise_to(con: Connection, value: int) -> None:
    """After a merge: later writes order after everything the merge brought in."""
    if value > 0:
        con.exec_driver_sql(
            _RAISE.replace(":v", "%(v)s" if con.dialect.paramstyle == "pyformat" else ":v"),
            {"v": int(value)},
        )
