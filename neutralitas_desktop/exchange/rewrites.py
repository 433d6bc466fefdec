"""Rows a package carries that the study already has, yet that a merge would still write
over: an answer's relevance flag (last writer), the first maker's details of an instrument
or an attachment (earliest wins), and further parents of a revision. Found here with the
merge's own conditions, so ``exchange.authorship`` judges who may make each rewrite."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, text

from neutralitas_desktop.exchange.dialect import chunks
from neutralitas_desktop.exchange.staging import Staging
from neutralitas_desktop.exchange.tables import table

Pair = tuple[dict[str, Any], dict[str, Any]]  # (the package's row, the study's row)


def relevance(con: Connection, src: Staging) -> list[Pair]:
    """Answers the study has whose flag the package's copy would overwrite (a later stamp,
    as ``exchange.apply`` decides)."""
    ids = con.execute(
        text(
            f"SELECT p.id FROM {src.name('answer')} p CROSS JOIN answer a WHERE a.id = p.id "
            "AND (p.device_seq > a.device_seq "
            "OR (p.device_seq = a.device_seq AND p.device_id > a.device_id))"
        )
    ).scalars()
    return _pairs(con, src, "answer", "id", list(ids))


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
