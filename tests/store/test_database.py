"""Opening databases: our own, foreign files, future schemas, older schemas."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlcipher3 import dbapi2 as sqlite3  # the driver the app opens study files with

from neutralitas_desktop.errors import DatabaseError
from neutralitas_desktop.store import database, migrations
from neutralitas_desktop.store.database import APPLICATION_ID, open_database
from neutralitas_desktop.store.integrity import check_database
from neutralitas_desktop.store.models import Base


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_durable_and_ours(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.sqlite", create=True)
    with db.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert con.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert con.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert con.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID
        version = con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert version == migrations.HEAD
    db.close()
    assert not (tmp_path / "new.sqlite.creating").exists()


def test_missing_database_is_not_created_unless_asked(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="no study database at"):
        open_database(tmp_path / "absent.sqlite")
    assert not (tmp_path / "absent.sqlite").exists()


def test_foreign_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO customers (name) VALUES ('Budi')")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(DatabaseError) as exc:
        open_database(path)
    assert str(exc.value) == f"not a neutralitas-desktop database: {path}"
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


def test_text_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("Catatan lapangan, bukan basis data.\n", encoding="utf-8")
    before = digest(path)
    with pytest.raises(DatabaseError, match="not a neutralitas-desktop database"):
        open_database(path)
    assert digest(path) == before


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    with pytest.raises(DatabaseError, match="not a neutralitas-desktop database"):
        open_database(path)
    assert path.read_bytes() == b""


def test_database_from_the_future_is_refused_and_untouched(
    empty_study_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "future.sqlite"
    path.write_bytes(empty_study_template.read_bytes())
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '0042'")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(DatabaseError) as exc:
        open_database(path)
    assert (
        f"created by a newer version (schema 0042), this app knows up to {migrations.HEAD}"
        in str(exc.value)
    )
    assert digest(path) == before


def test_older_database_is_backed_up_before_upgrade(
    empty_study_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite"
    path.write_bytes(empty_study_template.read_bytes())
    upgraded: list[str] = []
    # Pretend this app knows a newer schema than the file has.
    current = migrations.HEAD
    monkeypatch.setattr(migrations, "HEAD", "9999")
    monkeypatch.setattr(migrations, "is_known", lambda rev: rev in {current, "9999"})
    monkeypatch.setattr(
        migrations, "upgrade", lambda engine, revision="head": upgraded.append(revision)
    )
    db = database.open_database(path)
    assert upgraded == ["head"]
    assert db.backup is not None and db.backup.parent == tmp_path
    assert db.backup.name.startswith(f"old.schema-{current}.")
    con = sqlite3.connect(db.backup)
    assert con.execute("SELECT value FROM meta WHERE key='application'").fetchone() == (
        "neutralitas-desktop",
    )
    con.close()
    db.close()


def test_head_constant_matches_the_migration_scripts() -> None:
    assert migrations.script_head() == migrations.HEAD


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    db = open_database(tmp_path / "m.sqlite", create=True)
    with db.engine.connect() as con:
        diffs = compare_metadata(MigrationContext.configure(con), Base.metadata)
    db.close()
    assert diffs == []


def test_a_study_written_at_schema_0001_opens_upgraded_with_its_data(tmp_path: Path) -> None:
    """A database as the first release wrote it (tests/data) upgrades and keeps every row."""
    old = Path(__file__).resolve().parents[1] / "data" / "study-schema-0001.sqlite"
    path = tmp_path / "lama.sqlite"
    path.write_bytes(old.read_bytes())
    con = sqlite3.connect(path)
    before = con.execute("SELECT id, value FROM answer ORDER BY id").fetchall()
    con.close()
    db = open_database(path)
    assert db.schema_version == migrations.HEAD != "0001"
    assert db.backup is not None and db.backup.parent == tmp_path
    with db.engine.connect() as con2:
        after = con2.exec_driver_sql("SELECT id, value FROM answer ORDER BY id").fetchall()
        version = con2.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        title = con2.exec_driver_sql("SELECT title FROM study").scalar()
    db.close()
    assert [tuple(r) for r in after] == before and len(before) > 100
    assert version == migrations.HEAD
    assert "Studi lama (skema 0001)" in title
    backup = sqlite3.connect(db.backup)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    backup.close()
    db = open_database(path)  # now current: no second backup, and sound
    assert db.backup is None
    assert check_database(db) == []
    db.close()
