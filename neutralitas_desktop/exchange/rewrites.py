"""Rows a package carries that the study already has, yet that a merge would still write
over: the first maker's details of an instrument or an attachment (earliest wins), and
further parents of a revision. Found here with the merge's own conditions, so
``exchange.authorship`` judges who may make each rewrite. (An answer's relevance flag is
judged where ``exchange.apply`` reads the rows it would overwrite.) Also how a package's
copy of a row differs from the study's."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Connection, bindparam, text

from neutralitas_desktop.exchange.dialect import chunks
from neutralitas_desktop.exchange.staging import Staging
from neutralitas_desktop.exchange.tables import table

Pair = tuple[dict[str, Any], dict[str, Any]]  # (the package's row, the study's row)


def changed(row: dict[str, Any], old: dict[str, Any]) -> set[str]:
    """Columns whose values differ as values: the package's copy (SQLite text) and the
    study's (on PostgreSQL, times, flags and JSON come back typed) are compared by what
    they hold, not how the driver returns them."""
    return {k for k in row if row[k] != old.get(k) and canon(row[k]) != canon(old.get(k))}


def canon(value: Any) -> Any:
    """A value as it compares, whichever driver returned it."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        if value[:1] in "[{":
            try:
                return json.loads(value)
            except ValueError:
                return value
        if len(value) >= 19 and value[4:5] == "-" and value[10:11] in (" ", "T"):
            try:
                return canon(dt.datetime.fromisoformat(value))
            except ValueError:
                return value
    return value


def earlier_makers(con: Connection, src: Staging, name: str) -> list[Pair]:
    """Rows the study has whose maker's details the package's copy would replace (an
    earlier time, as ``rows.earliest_wins`` decides)."""
    [key] = [c.name for c in table(name).primary_key.columns]
    ids = con.execute(
        text(
            f"SELECT s.{key} FROM {src.name(name)} s CROSS JOIN {name} m WHERE m.{key} = s.{key} "
            "AND (s.created_at < m.created_at "
            "OR (s.created_at = m.created_at AND s.device_id < m.device_id))"
        )
    ).scalars()
    return _pairs(con, src, name, key, list(ids))


def new_parents(con: Connection, src: Staging) -> list[str]:
    """Revisions the study has to which the package gives a further parent: a revision's
    parents are written with it, once."""
    return list(
        con.execute(
            text(
                f"SELECT p.revision_id FROM {src.name('revision_parent')} p WHERE EXISTS "
                "(SELECT 1 FROM answer_revision r WHERE r.id = p.revision_id) AND NOT EXISTS "
                "(SELECT 1 FROM revision_parent m WHERE m.revision_id = p.revision_id "
                "AND m.parent_id = p.parent_id) LIMIT 3"
            )
        ).scalars()
    )


def _pairs(con: Connection, src: Staging, name: str, key: str, ids: list[Any]) -> list[Pair]:
    if not ids:
        return []
    found: dict[str, dict[Any, dict[str, Any]]] = {"s": {}, "m": {}}
    for source, alias in ((src.name(name), "s"), (name, "m")):
        for batch in chunks(sorted(ids)):
            rows = con.execute(
                text(f"SELECT * FROM {source} WHERE {key} IN :keys").bindparams(
                    bindparam("keys", expanding=True)
                ),
                {"keys": batch},
            ).mappings()
            found[alias].update((r[key], dict(r)) for r in rows)
    return [(found["s"][i], found["m"][i]) for i in ids if i in found["s"] and i in found["m"]]
