"""The package's tables as the target database's connection sees them.

SQLite attaches the package file (``ATTACH`` must happen outside the merge's transaction
and ``DETACH`` after it); PostgreSQL gets the rows copied into temporary tables. Either
way the merge then runs the same SQL, naming the package's tables through ``name()``.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Column, Connection, MetaData, Table, select

from neutralitas_desktop.exchange import tables
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
        self._metadata = MetaData()
        self._tables: dict[str, Table] = {}

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
        if name not in self._tables:
            model = tables.table(name)
            columns = [Column(c.name, c.type) for c in model.columns]
            if self.sqlite:
                staged = Table(name, self._metadata, *columns, schema=self.alias)
            else:
                staged = Table(f"{self.alias}_{name}", self._metadata, *columns)
            self._tables[name] = staged
        return self._tables[name]
