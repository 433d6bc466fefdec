"""Rows two laptops may create offline for the same thing, or with the same code.

- **Sites and themes** are unique by name (site) or code (theme). Two rows with the same
  name from different laptops mean the same place or theme: the row with the smaller id is
  kept, the other id becomes an alias of it (``id_alias``, with the duplicate's own fields
  in ``detail``), and every reference to it is mapped onto the kept row. The kept row's
  fields are the last writer's among both. Nothing is dropped; the merge reports it.
- **Informant codes** are pseudonyms of different people: two informants with the same
  code are both kept, and the one with the larger id gets its code suffixed with the start
  of its id (``INF-07`` → ``INF-07-3FA2``); the merge reports it. An informant's row is
  the last writer's; where that drops a withdrawal of consent recorded on the other side,
  the merge reports it too (a withdrawal is never lost without a word).

Both rules depend only on the rows, not on the order packages arrive in.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from neutralitas_desktop.exchange import tables
from neutralitas_desktop.exchange.dialect import chunks
from neutralitas_desktop.exchange.results import Notice
from neutralitas_desktop.exchange.rewrites import canon
from neutralitas_desktop.exchange.rows import (
    Row,
    existing_rows,
    insert_rows,
    keep_stamp,
    newer,
    plain,
    staged_rows,
    update_row,
    writer_key,
)
from neutralitas_desktop.exchange.staging import Staging
from neutralitas_desktop.exchange.versions import Aliases
from neutralitas_desktop.vocabulary import ConsentState
from neutralitas_desktop.vocabulary.messages import Message

NAME_COLUMN = {"site": "name", "theme": "code"}
# Where ids of sites and themes are referred to.
REFERENCES = {
    "site": (("field_session", "site_id"), ("informant", "site_id"), ("finding", "site_id")),
    "theme": (
        ("coding", "theme_id"),
        ("finding", "theme_id"),
        ("theme", "parent_id"),
        ("theme", "merged_into_id"),
    ),
}


def merge_aliases(con: Connection, src: Staging) -> None:
    """Union of the alias records: the kept id is always the smallest of its group."""
    table = tables.table("id_alias")
    current = {(r["entity"], r["alias_id"]): dict(r) for r in con.execute(select(table)).mappings()}
    for row in staged_rows(src, "id_alias"):
        old = current.get((row["entity"], row["alias_id"]))
        if old is None:
            insert_rows(con, "id_alias", [row])
            continue
        merged = dict(old)
        merged["canonical_id"] = min(old["canonical_id"], row["canonical_id"])
        if _detail_key(row) > _detail_key(old):
            merged["detail"], merged["name"] = row["detail"], row["name"]
        if merged != old:
            update_row(con, "id_alias", merged)


def _detail_key(row: Row) -> tuple[Any, ...]:
    detail = row.get("detail") or {}
    return (str(detail.get("updated_at", "")), str(detail.get("device_id", "")), str(detail))


def _fields(row: Row) -> dict[str, Any]:
    return {k: plain(v) for k, v in row.items()}


def _resolve_theme_links(row: Row, aliases: Aliases) -> Row:
    return {
        **row,
        "parent_id": aliases.resolve("theme", row.get("parent_id")),
        "merged_into_id": aliases.resolve("theme", row.get("merged_into_id")),
    }


def _parents_first(rows: list[Row]) -> list[Row]:
    by_id = {r["id"]: r for r in rows}

    def depth(row: Row, seen: int = 0) -> int:
        parent = by_id.get(row.get("parent_id") or "")
        return 0 if parent is None or seen > len(rows) else 1 + depth(parent, seen + 1)

    return sorted(rows, key=lambda r: (depth(r), r["id"]))


def merge_named(con: Connection, src: Staging, entity: str, mapped: list[str]) -> None:
    """Merge sites (by name) or themes (by code); see the module's docstring."""
    column = NAME_COLUMN[entity]
    table = tables.table(entity)
    incoming = sorted(staged_rows(src, entity), key=lambda r: r["id"])
    if entity == "theme":
        incoming = _parents_first(incoming)
    current = {r["id"]: dict(r) for r in con.execute(select(table)).mappings()}
    aliases = Aliases.load(con)
    for row in incoming:
        if entity == "theme":
            row = _resolve_theme_links(row, aliases)
        known = current.get(row["id"])
        if known is not None and aliases.resolve(entity, row["id"]) == row["id"]:
            if newer(row, known):
                if _name_taken(con, entity, row[column], row["id"]):
                    row = {**row, column: known[column]}  # a rename onto another's name waits
                update_row(con, entity, row)
            continue
        _merge_named_row(con, entity, row, mapped)
        current = {r["id"]: dict(r) for r in con.execute(select(table)).mappings()}
        aliases = Aliases.load(con)


def _merge_named_row(con: Connection, entity: str, row: Row, mapped: list[str]) -> None:
    """A row this database does not hold under its own id: new, or the same thing by name."""
    column = NAME_COLUMN[entity]
    table = tables.table(entity)
    aliases = Aliases.load(con)
    kept_id = aliases.resolve(entity, row["id"]) or row["id"]
    kept = existing_rows(con, entity, [kept_id]).get(kept_id)
    if kept is not None:
        if kept_id != row["id"]:
            _record_alias(con, entity, row, kept_id)
        candidate = {**row, "id": kept_id}
        if newer(candidate, kept):
            if _name_taken(con, entity, candidate[column], kept_id):
                candidate[column] = kept[column]  # a rename onto another row's name waits
            update_row(con, entity, candidate)
        return
    holder_id = con.scalar(select(table.c.id).where(table.c[column] == row[column]))
    if holder_id is None:
        insert_rows(con, entity, [row])
        return
    holder = existing_rows(con, entity, [holder_id])[holder_id]
    if holder_id < row["id"]:
        _record_alias(con, entity, row, holder_id)
        candidate = {**row, "id": holder_id}
        if newer(candidate, holder):
            update_row(con, entity, candidate)
    else:
        _replace_kept(con, entity, holder, row)
    dropped, kept_id = max(holder_id, row["id"]), min(holder_id, row["id"])
    mapped.append(f"{entity} '{row[column]}': {dropped[:8]} → {kept_id[:8]}")


def _name_taken(con: Connection, entity: str, name: str, own_id: str) -> bool:
    table = tables.table(entity)
    column = NAME_COLUMN[entity]
    other = con.scalar(select(table.c.id).where(table.c[column] == name, table.c.id != own_id))
    return other is not None


def _record_alias(con: Connection, entity: str, duplicate: Row, kept_id: str) -> None:
    table = tables.table("id_alias")
    row = {
        "entity": entity,
        "alias_id": duplicate["id"],
        "canonical_id": kept_id,
        "name": str(duplicate[NAME_COLUMN[entity]])[:200],
        "detail": _fields(duplicate),
    }
    old = (
        con.execute(
            select(table).where(table.c.entity == entity, table.c.alias_id == duplicate["id"])
        )
        .mappings()
        .first()
    )
    if old is None:
        insert_rows(con, "id_alias", [row])
        return
    merged = {**dict(old), "canonical_id": min(old["canonical_id"], kept_id)}
    if _detail_key(row) > _detail_key(dict(old)):
        merged["detail"], merged["name"] = row["detail"], row["name"]
    if merged != dict(old):
        update_row(con, "id_alias", merged)


def _replace_kept(con: Connection, entity: str, holder: Row, row: Row) -> None:
    """The incoming row has the smaller id: it becomes the kept row, ``holder`` its alias."""
    column = NAME_COLUMN[entity]
    table = tables.table(entity)
    winner = row if writer_key(row, ["id"]) >= writer_key(holder, ["id"]) else holder
    kept = {**winner, "id": row["id"], column: row[column]}
    # Free the name, insert the kept row, move every reference, then drop the duplicate.
    con.execute(
        table.update()
        .where(table.c.id == holder["id"])
        .values({column: f"~{holder['id']}", **keep_stamp(table)})
    )
    insert_rows(con, entity, [kept])
    for ref_table, ref_column in REFERENCES[entity]:
        t = tables.table(ref_table)
        con.execute(
            t.update()
            .where(t.c[ref_column] == holder["id"])
            .values({ref_column: row["id"], **keep_stamp(t)})
        )
    con.execute(table.delete().where(table.c.id == holder["id"]))
    alias = tables.table("id_alias")
    con.execute(
        alias.update()
        .where(alias.c.entity == entity, alias.c.canonical_id == holder["id"])
        .values(canonical_id=row["id"])
    )
    _record_alias(con, entity, holder, row["id"])


# --- informants --------------------------------------------------------------------------


def _suffixed(con: Connection, code: str, informant_id: str, pending: dict[str, str]) -> str:
    table = tables.table("informant")
    for width in (4, 6, 8, 12, 32):
        suffix = "-" + informant_id.replace("-", "")[:width].upper()
        candidate = code[: 32 - len(suffix)] + suffix
        holder = pending.get(candidate) or con.scalar(
            select(table.c.id).where(table.c.code == candidate)
        )
        if holder in (None, informant_id):
            return candidate
    return informant_id[:32]


def merge_informants(
    con: Connection,
    src: Staging,
    aliases: Aliases,
    *,
    keep_existing: bool,
    renamed: list[str],
    consent: list[Notice],
) -> None:
    """Last writer wins per informant; a code another informant holds is made unique, and a
    withdrawal the last writer's row does not carry is reported in ``consent``."""
    table = tables.table("informant")
    incoming = sorted(staged_rows(src, "informant"), key=lambda r: r["id"])
    current = existing_rows(con, "informant", [r["id"] for r in incoming])
    holders: dict[str, str] = {}  # code -> id, for the codes that arrive
    for batch in chunks(sorted({r["code"] for r in incoming})):
        holders.update(
            con.execute(select(table.c.code, table.c.id).where(table.c.code.in_(batch))).all()
        )
    inserts: list[Row] = []
    for row in incoming:
        row = {**row, "site_id": aliases.resolve("site", row["site_id"])}
        old = current.get(row["id"])
        if old is not None and (keep_existing or not newer(row, old)):
            consent += _withdrawal_dropped(old, row, here=False)
            continue
        if old is not None:
            consent += _withdrawal_dropped(row, old, here=True)
        holder_id = holders.get(row["code"])
        if holder_id is not None and holder_id != row["id"]:
            code = row["code"]
            if row["id"] < holder_id:
                new_code = _suffixed(con, code, holder_id, holders)
                con.execute(
                    table.update()
                    .where(table.c.id == holder_id)
                    .values(code=new_code, **keep_stamp(table))
                )
                holders[new_code] = holder_id
                renamed.append(f"informant {code} ({holder_id[:8]}) → {new_code}")
            else:
                new_code = _suffixed(con, code, row["id"], holders)
                renamed.append(f"informant {code} ({row['id'][:8]}) → {new_code}")
                row = {**row, "code": new_code}
        if old is not None and old["code"] != row["code"]:
            holders.pop(old["code"], None)
        holders[row["code"]] = row["id"]
        if old is None:
            inserts.append(row)
        else:
            update_row(con, "informant", row)
    insert_rows(con, "informant", inserts)


def _withdrawal_dropped(kept: Row, other: Row, *, here: bool) -> list[Notice]:
    """The notice when the row kept does not carry the other side's withdrawal of consent
    (written without knowing it: last writer wins, and the informant may not have agreed
    again). A row that keeps the withdrawal's time was written after it, knowing it (consent
    given again keeps ``withdrawn_at``): no notice. ``here``: the withdrawal was this
    study's, replaced by the package's."""
    withdrawn = ConsentState.WITHDRAWN.value
    if other["consent_status"] != withdrawn or kept["consent_status"] == withdrawn:
        return []
    if canon(kept["withdrawn_at"]) == canon(other["withdrawn_at"]):
        return []
    message = Message.MERGE_WITHDRAWAL_HERE if here else Message.MERGE_WITHDRAWAL_PACKAGE
    return [Notice(message, {"code": kept["code"], "status": ConsentState(kept["consent_status"])})]
