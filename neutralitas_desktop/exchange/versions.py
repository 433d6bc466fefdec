"""Versions of rows edited in place — a session's status and review comment, a coding, a
finding — so that merges treat them like answers: every state a device recorded is kept, a
row edited on two devices from the same state is a conflict, and the shown state is derived
the same way everywhere (the newest head by (device sequence, device_id), never a clock).

Local edits become versions when the database is packaged or merged into ("snapshot"):
a row whose (updated_at, device_id) moved since its head was recorded gets a version whose
parents are the heads it was showing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, bindparam, or_, select, update

from neutralitas_desktop.exchange.dialect import chunks, upsert
from neutralitas_desktop.exchange.tables import table, table_of
from neutralitas_desktop.store.models import IdAlias, RowHead, RowVersion, derived_id

# The columns whose edits are versioned, per table.
VERSIONED: dict[str, tuple[str, ...]] = {
    "field_session": (
        "status",
        "review_comment",
        "ended_at",
        "informant_id",
        "site_id",
        "language",
        "source_role",
    ),
    "coding": (
        "theme_id",
        "stance",
        "target",
        "start",
        "end",
        "excerpt",
        "memo",
        "coder_id",
        "deleted",
    ),
    "finding": (
        "theme_id",
        "site_id",
        "conclusion",
        "status",
        "status_reason",
        "status_before_reasons",
        "evidence",
        "incidents",
    ),
}
# Columns holding the id of a site or theme, which a merge may map onto another row's id.
ALIASED: dict[str, dict[str, str]] = {
    "field_session": {"site_id": "site"},
    "coding": {"theme_id": "theme"},
    "finding": {"site_id": "site", "theme_id": "theme"},
}
_DATETIMES = {"ended_at"}

_version = table_of(RowVersion)
_head = table_of(RowHead)
_alias = table_of(IdAlias)


@dataclass(frozen=True)
class Version:
    id: str
    row_id: str
    parents: tuple[str, ...]
    state: dict[str, Any]
    updated_at: dt.datetime
    device_id: str
    seq: int = 0


@dataclass
class Derived:
    changed: set[str] = field(default_factory=set)  # rows whose shown state changed
    new_conflicts: set[str] = field(default_factory=set)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.datetime) else value


def _column_value(column: str, value: Any) -> Any:
    if column in _DATETIMES and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    return value


def state_of(entity: str, row: Any) -> dict[str, Any]:
    mapping = row._mapping if hasattr(row, "_mapping") else row
    return {c: _plain(mapping[c]) for c in VERSIONED[entity]}


def make_version(
    entity: str,
    row_id: str,
    parents: Iterable[str],
    state: dict[str, Any],
    updated_at: dt.datetime,
    device_id: str,
    seq: int = 0,
) -> Version:
    ordered = tuple(sorted(set(parents)))
    vid = derived_id(
        "row_version",
        entity,
        row_id,
        ",".join(ordered),
        json.dumps(state, sort_keys=True, ensure_ascii=False),
        updated_at.isoformat(),
        device_id,
    )
    return Version(vid, row_id, ordered, dict(state), updated_at, device_id, seq)


class Aliases:
    """Ids of sites and themes merged onto another row's id (see merge_named)."""

    def __init__(self, mapping: dict[tuple[str, str], str]) -> None:
        self.mapping = mapping

    @classmethod
    def load(cls, con: Connection) -> Aliases:
        rows = con.execute(select(_alias.c.entity, _alias.c.alias_id, _alias.c.canonical_id))
        return cls({(entity, alias): canonical for entity, alias, canonical in rows})

    def resolve(self, entity: str, row_id: str | None) -> str | None:
        if row_id is None:
            return None
        return self.mapping.get((entity, row_id), row_id)

    def map_state(self, entity: str, state: dict[str, Any]) -> dict[str, Any]:
        columns = ALIASED.get(entity, {})
        if not columns or not self.mapping:
            return state
        return {k: self.resolve(columns[k], v) if k in columns else v for k, v in state.items()}


def heads(versions: Iterable[Version]) -> list[Version]:
    versions = list(versions)
    replaced = {p for v in versions for p in v.parents}
    return [v for v in versions if v.id not in replaced]


def pick(candidates: Iterable[Version]) -> Version:
    """The head shown: last writer by (seq, device_id), then id; the same everywhere."""
    return max(candidates, key=lambda v: (v.seq, v.device_id, v.id))


def conflicting(entity: str, candidates: Iterable[Version], aliases: Aliases) -> bool:
    """Heads that differ: two devices changed the row from the same state in different ways."""
    candidates = list(candidates)
    if len(candidates) < 2:  # the common case: one head, nothing to compare
        return False
    states = {json.dumps(aliases.map_state(entity, v.state), sort_keys=True) for v in candidates}
    return len(states) > 1


def load_versions(con: Connection, entity: str, row_ids: Iterable[str]) -> dict[str, list[Version]]:
    found: dict[str, list[Version]] = defaultdict(list)
    for batch in chunks(row_ids):
        rows = con.execute(
            select(
                _version.c.id,
                _version.c.row_id,
                _version.c.parents,
                _version.c.state,
                _version.c.updated_at,
                _version.c.device_id,
                _version.c.device_seq,
            ).where(_version.c.entity == entity, _version.c.row_id.in_(batch))
        )
        for vid, row_id, parents, state, updated_at, device_id, seq in rows:
            found[row_id].append(
                Version(vid, row_id, tuple(parents or ()), dict(state), updated_at, device_id, seq)
            )
    return found


def _version_rows(entity: str, versions: list[Version]) -> list[dict[str, Any]]:
    return [
        {
            "id": v.id,
            "entity": entity,
            "row_id": v.row_id,
            "parents": list(v.parents),
            "state": v.state,
            "updated_at": v.updated_at,
            "device_id": v.device_id,
            "device_seq": v.seq,
        }
        for v in versions
    ]


def _head_row(
    entity: str,
    row_id: str,
    version: Version,
    updated_at: dt.datetime,
    device_id: str,
    conflict: bool,
) -> dict[str, Any]:
    return {
        "entity": entity,
        "row_id": row_id,
        "version_id": version.id,
        "updated_at": updated_at,
        "device_id": device_id,
        "conflict": conflict,
    }


def insert_versions(con: Connection, entity: str, versions: list[Version]) -> None:
    if versions:
        con.execute(_version.insert(), _version_rows(entity, versions))


def snapshot(con: Connection) -> int:
    """Record the local edits made since the last snapshot as versions; returns how many."""
    aliases = Aliases.load(con)
    made = 0
    for entity, columns in VERSIONED.items():
        t = table(entity)
        query = (
            select(
                t.c.id,
                t.c.updated_at,
                t.c.device_id,
                t.c.device_seq.label("seq"),
                _head.c.version_id,
                *[t.c[c] for c in columns],
            )
            .select_from(
                t.outerjoin(_head, and_(_head.c.entity == entity, _head.c.row_id == t.c.id))
            )
            .where(
                or_(
                    _head.c.row_id.is_(None),
                    _head.c.updated_at != t.c.updated_at,
                    _head.c.device_id != t.c.device_id,
                )
            )
        )
        rows = con.execute(query).all()
        if not rows:
            continue
        known = load_versions(con, entity, [r.id for r in rows])
        new: list[Version] = []
        head_rows: list[dict[str, Any]] = []
        for row in rows:
            state = state_of(entity, row)
            versions = known.get(row.id, [])
            current_heads = heads(versions)
            if not current_heads:
                version = make_version(
                    entity, row.id, (), state, row.updated_at, row.device_id, row.seq
                )
                new.append(version)
                head_rows.append(
                    _head_row(entity, row.id, version, row.updated_at, row.device_id, False)
                )
                continue
            by_id = {v.id: v for v in current_heads}
            current = by_id.get(row.version_id) or pick(current_heads)
            shown = aliases.map_state(entity, current.state)
            if shown == state:  # touched, not changed
                conflict = conflicting(entity, current_heads, aliases)
                head_rows.append(
                    _head_row(entity, row.id, current, row.updated_at, row.device_id, conflict)
                )
                continue
            parents = [v.id for v in current_heads if aliases.map_state(entity, v.state) == shown]
            version = make_version(
                entity, row.id, parents, state, row.updated_at, row.device_id, row.seq
            )
            new.append(version)
            remaining = [v for v in current_heads if v.id not in parents] + [version]
            conflict = conflicting(entity, remaining, aliases)
            head_rows.append(
                _head_row(entity, row.id, version, row.updated_at, row.device_id, conflict)
            )
        insert_versions(con, entity, new)
        upsert(con, _head, head_rows, ("entity", "row_id"))
        made += len(new)
    return made


def derive(con: Connection, entity: str, row_ids: Iterable[str], aliases: Aliases) -> Derived:
    """Show the derived head of each row (after new versions arrived or were written)."""
    ids = list(dict.fromkeys(row_ids))
    result = Derived()
    if not ids:
        return result
    t = table(entity)
    columns = VERSIONED[entity]
    versions = load_versions(con, entity, ids)
    row_updates: list[dict[str, Any]] = []
    head_rows: list[dict[str, Any]] = []
    for batch in chunks(ids):
        rows = con.execute(
            select(
                t.c.id,
                t.c.updated_at,
                t.c.device_id,
                t.c.device_seq.label("seq"),
                *[t.c[c] for c in columns],
            ).where(t.c.id.in_(batch))
        ).all()
        old = {
            r.row_id: r
            for r in con.execute(
                select(_head).where(_head.c.entity == entity, _head.c.row_id.in_(batch))
            )
        }
        for row in rows:
            candidates = heads(versions.get(row.id, []))
            if not candidates:
                continue
            chosen = pick(candidates)
            conflict = conflicting(entity, candidates, aliases)
            shown = aliases.map_state(entity, chosen.state)
            if (state_of(entity, row), row.updated_at, row.device_id, row.seq) != (
                shown,
                chosen.updated_at,
                chosen.device_id,
                chosen.seq,
            ):
                if state_of(entity, row) != shown:
                    result.changed.add(row.id)
                row_updates.append(
                    {
                        "b_id": row.id,
                        "b_updated_at": chosen.updated_at,
                        "b_device_id": chosen.device_id,
                        "b_seq": chosen.seq,
                        **{f"b_{c}": _column_value(c, shown[c]) for c in columns},
                    }
                )
            before = old.get(row.id)
            if conflict and not (before is not None and before.conflict):
                result.new_conflicts.add(row.id)
            if before is None or (
                before.version_id,
                before.updated_at,
                before.device_id,
                bool(before.conflict),
            ) != (chosen.id, chosen.updated_at, chosen.device_id, conflict):
                head_rows.append(
                    _head_row(entity, row.id, chosen, chosen.updated_at, chosen.device_id, conflict)
                )
    if row_updates:
        con.execute(
            update(t)
            .where(t.c.id == bindparam("b_id"))
            .values(
                updated_at=bindparam("b_updated_at"),
                device_id=bindparam("b_device_id"),
                device_seq=bindparam("b_seq"),
                **{c: bindparam(f"b_{c}") for c in columns},
            ),
            row_updates,
        )
    upsert(con, _head, head_rows, ("entity", "row_id"))
    return result
