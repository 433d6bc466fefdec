"""Findings in a merge. A finding is edited in place (its conclusion, status, reason,
incidents, evidence), so its edits travel as row versions like a coding's: edits on two
laptops from the same state become a conflict for the review, never a silent overwrite.

A package written before findings were versioned carries the rows alone; such a row merges
as it did then (the later writer by device sequence replaces the study's state), now as a
version on top of the study's heads, so its state stays in the history."""

from __future__ import annotations

from sqlalchemy import Connection, text

from neutralitas_desktop.exchange import versions
from neutralitas_desktop.exchange.rows import Row, existing_rows, insert_rows, newer, staged_rows
from neutralitas_desktop.exchange.staging import Staging

ENTITY = "finding"


def map_refs(row: Row, aliases: versions.Aliases) -> Row:
    """A finding's (or incident's) site and theme, mapped onto the rows a merge kept."""
    return {
        **row,
        "site_id": aliases.resolve("site", row.get("site_id")),
        "theme_id": aliases.resolve("theme", row["theme_id"]),
    }


def merge_findings(con: Connection, src: Staging, aliases: versions.Aliases) -> list[str]:
    """Insert the package's new findings; record the unversioned rows of an older package
    as versions. Returns the findings those versions touch (to derive with the others)."""
    staged = [map_refs(r, aliases) for r in staged_rows(src, ENTITY)]
    if not staged:
        return []
    current = existing_rows(con, ENTITY, [r["id"] for r in staged])
    insert_rows(con, ENTITY, [r for r in staged if r["id"] not in current])
    versioned = set(
        con.scalars(
            text(f"SELECT DISTINCT row_id FROM {src.name('row_version')} WHERE entity = :e"),
            {"e": ENTITY},
        )
    )
    legacy = [
        r
        for r in staged
        if r["id"] in current and r["id"] not in versioned and newer(r, current[r["id"]])
    ]
    if not legacy:
        return []
    known = versions.load_versions(con, ENTITY, [r["id"] for r in legacy])
    made = [
        versions.make_version(
            ENTITY,
            r["id"],
            [v.id for v in versions.heads(known.get(r["id"], []))],
            versions.state_of(ENTITY, r),
            r["updated_at"],
            r["device_id"],
            r["device_seq"] or 0,
        )
        for r in legacy
    ]
    versions.insert_versions(con, ENTITY, made)
    return [r["id"] for r in legacy]
