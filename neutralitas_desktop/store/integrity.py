"""`neutralitas check`: SQLite's own integrity check plus the app's invariants."""

from __future__ import annotations

import hashlib

from sqlalchemy import text

from neutralitas_desktop.store.audit_chain import verify_chains
from neutralitas_desktop.store.database import Database

# Each invariant: a description and a query returning the offending rows' ids.
_INVARIANTS: tuple[tuple[str, str], ...] = (
    (
        "answer whose session does not exist",
        "SELECT a.id FROM answer a LEFT JOIN field_session s ON s.id = a.session_id"
        " WHERE s.id IS NULL",
    ),
    (
        "answer revision whose answer does not exist",
        "SELECT r.id FROM answer_revision r LEFT JOIN answer a ON a.id = r.answer_id"
        " WHERE a.id IS NULL",
    ),
    (
        "answer whose current revision is missing",
        "SELECT a.id FROM answer a LEFT JOIN answer_revision r ON r.id = a.current_revision_id"
        " WHERE r.id IS NULL OR r.answer_id <> a.id",
    ),
    (
        "answer whose revision count does not match its history",
        "SELECT a.id FROM answer a WHERE a.revision_count <>"
        " (SELECT count(*) FROM answer_revision r WHERE r.answer_id = a.id)",
    ),
    (
        "session whose instrument is missing",
        "SELECT s.id FROM field_session s LEFT JOIN instrument i ON i.id = s.instrument_id"
        " WHERE i.id IS NULL",
    ),
    (
        "interview without an informant",
        "SELECT id FROM field_session WHERE source_type = 'interview' AND informant_id IS NULL"
        " AND external_id IS NULL",
    ),
    (
        "coding whose answer does not exist",
        "SELECT c.id FROM coding c LEFT JOIN answer a ON a.id = c.answer_id WHERE a.id IS NULL",
    ),
    (
        "coding whose theme does not exist",
        "SELECT c.id FROM coding c LEFT JOIN theme t ON t.id = c.theme_id WHERE t.id IS NULL",
    ),
    (
        "informant whose site does not exist",
        "SELECT i.id FROM informant i LEFT JOIN site s ON s.id = i.site_id WHERE s.id IS NULL",
    ),
    (
        "more than one study in the database",
        "SELECT id FROM study WHERE (SELECT count(*) FROM study) > 1",
    ),
)


def check_database(db: Database) -> list[str]:
    """Every problem found, one line each; an empty list means the database is sound."""
    problems: list[str] = []
    with db.engine.connect() as con:
        if db.is_sqlite:
            for (line,) in con.execute(text("PRAGMA integrity_check")):
                if line != "ok":
                    problems.append(f"SQLite integrity: {line}")
            for row in con.execute(text("PRAGMA foreign_key_check")):
                problems.append(f"foreign key: {row[0]} row {row[1]} refers to missing {row[2]}")
        for description, query in _INVARIANTS:
            ids = [str(r[0]) for r in con.execute(text(query))]
            if ids:
                shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
                problems.append(f"{len(ids)} {description}: {shown}")
        for sha, data in con.execute(text("SELECT sha256, data FROM attachment")):
            if hashlib.sha256(data).hexdigest() != sha:
                problems.append(f"attachment {sha} does not match its SHA-256 (corrupted)")
        problems += verify_chains(con)
    return problems
