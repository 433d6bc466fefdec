"""The package's tables as the target database's connection sees them.

SQLite attaches the package file (``ATTACH`` must happen outside the merge's transaction
and ``DETACH`` after it); PostgreSQL gets the rows copied into temporary tables. Either
way the merge then runs the same SQL, naming the package's tables through ``name()``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, MetaData, Table, select, text

from neutralitas_desktop.exchange import tables
from neutralitas_desktop.exchange.dialect import chunks, quote
from neutralitas_desktop.store import cipher


class Staging:
    def __init__(
        self, con: Connection, package_db: Path, alias: str = "pkg", key: str | None = None
    ) -> None:
        self.con = con
        self.path = package_db
        self.key = key  # the staged file's (read.OpenedPackage.key)
        self.alias = alias
        self.sqlite = con.dialect.name == "sqlite"

    # --- SQLite: attach / detach around the transaction -------------------------------
    def attach(self) -> None:
        if self.sqlite:
            cipher.attach(self.con, self.path, self.alias, self.key)

    def detach(self) -> None:
        if self.sqlite:
            self.con.exec_driver_sql(f"DETACH DATABASE {self.alias}")

    # --- PostgreSQL: temporary tables filled inside the transaction ---------------------
    def load(self) -> None:
        if self.sqlite:
            return
        engine = cipher.engine(self.path, self.key)
        try:
            with engine.connect() as source:
                for name in tables.PACKAGED:
                    model = tables.table(name)
                    staged = self.table(name)
                    self.con.exec_driver_sql(f"DROP TABLE IF EXISTS {staged.name}")
                    self.con.exec_driver_sql(f"CREATE TEMPORARY TABLE {staged.name} (LIKE {name})")
                    result = source.execute(select(model))
                    for part in result.mappings().partitions(5000):
                        self.con.execute(staged.insert(), [dict(r) for r in part])
        finally:
            engine.dispose()

    def drop(self) -> None:
        if not self.sqlite:
            for name in tables.PACKAGED:
                self.con.exec_driver_sql(f"DROP TABLE IF EXISTS {self.table(name).name}")

    # --- naming ---------------------------------------------------------------------
    def name(self, table: str) -> str:
        """The package's table in SQL text."""
        return f"{self.alias}.{table}" if self.sqlite else f"{self.alias}_{table}"

    def table(self, name: str) -> Table:
        """The package's table for typed selects."""
        return _staged_table(name, self.alias, self.sqlite)


@cache
def _staged_table(name: str, alias: str, sqlite: bool) -> Table:
    """One Table object per staged name for the whole process, so SQLAlchemy compiles each
    statement on it once (a new Table per package missed the compiled cache every time)."""
    model = tables.table(name)
    columns = [Column(c.name, c.type) for c in model.columns]
    if sqlite:
        return Table(name, _STAGED, *columns, schema=alias)
    return Table(f"{alias}_{name}", _STAGED, *columns)


_STAGED = MetaData()


def keep_study_copy(con: Connection, src: Staging, name: str, keys: list[Any]) -> None:
    """Overwrite staged rows with the study's own copy, so the merge changes nothing there
    (and rows that refer to them still find them).

    Unique columns (codes, names) keep the package's values: the study's copy may hold a
    code another staged row holds (a laptop made its informant's code unique against a
    relayed one, which the study has under the plain code), and the staged table must stay
    a valid table on every database; the merge takes nothing from a row no newer than the
    study's, and the stamps copied here make it so."""
    t = tables.table(name)
    [column] = [c.name for c in t.primary_key.columns]
    columns = [quote(con, c.name) for c in t.columns if c.name != column and not c.unique]
    staged = src.name(name)
    sql = (
        f"UPDATE {staged} SET ({', '.join(columns)}) = (SELECT {', '.join(columns)} "
        f"FROM {name} m WHERE m.{column} = {staged}.{column}) WHERE {column} = :k"
    )
    con.execute(text(sql), [{"k": k} for k in keys])


def leave_out(con: Connection, src: Staging, name: str, keys: list[Any]) -> None:
    """Delete rows from the staged package (its temporary copy), so the merge ignores them;
    whether what is left still holds together is checked when the merge commits."""
    if con.dialect.name == "sqlite":
        con.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    staged = src.table(name)
    [column] = [c.name for c in tables.table(name).primary_key.columns]
    for batch in chunks(keys):
        con.execute(staged.delete().where(staged.c[column].in_(batch)))
