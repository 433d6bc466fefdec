"""Helpers of the exchange tests: laptops joined to a study, packaging and merging, and a
canonical dump of a study database for comparing merge results."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from neutralitas_desktop.exchange.merge import join_study, merge_files
from neutralitas_desktop.exchange.package import PackageOptions, write_package
from neutralitas_desktop.exchange.results import MergeSummary, PackageResult
from neutralitas_desktop.exchange.trust import enrol_device
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.device_key import load_device_key
from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.fieldwork.sessions import start_session
from neutralitas_desktop.fieldwork.sites import find_or_create_site
from neutralitas_desktop.fieldwork.study import open_study
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import Base, InstrumentVersion

# Tables whose content a merge decides; merge_log, meta, the device sequence and the keys'
# bookkeeping (who enrolled them, how far each device got) record this database's own story.
NOT_COMPARED = {"merge_log", "meta", "device_sequence", "device_key"}


TEST_SUPERVISOR = LocalProfile(
    device_id="00000000-0000-4000-8000-000000000001",
    device_name="laptop-uji",
    researcher_name="Rina Peneliti",
    researcher_initials="RP",
    completed_first_run=True,
)


def profile(n: int, name: str) -> LocalProfile:
    initials = "".join(w[0] for w in name.split()).upper()
    return LocalProfile(
        device_id=f"00000000-0000-4000-8000-0000000001{n:02d}",
        device_name=f"laptop-{name.split()[0].lower()}",
        researcher_name=name,
        researcher_initials=initials,
        completed_first_run=True,
    )


@dataclass
class Laptop:
    db: Database
    actor: Actor
    path: Path
    profile: LocalProfile
    packages: list[Path] = field(default_factory=list)

    def package(self, folder: Path, **options: Any) -> PackageResult:
        path = folder / f"{self.profile.device_name}-{len(self.packages) + 1}.ndpkg"
        result = write_package(self.db, self.actor, path, PackageOptions(**options))
        self.packages.append(path)
        return result

    def merge(self, *paths: Path, **options: Any) -> list[MergeSummary]:
        return merge_files(self.db, self.actor, list(paths), **options)

    def close(self) -> None:
        self.db.close()


def join(
    folder: Path, study_package: Path, n: int, name: str, master: Database | None = None
) -> Laptop:
    """A researcher's laptop that joined the study from the supervisor's package, and that
    the supervisor enrolled in the master (``master``) by its key's fingerprint."""
    who = profile(n, name)
    path = folder / f"{who.device_name}.sqlite"
    join_study(path, who, [study_package])
    db, actor = open_study(path, who)
    if master is not None:
        enrol(master, who.device_id)
    return Laptop(db, actor, path, who)


def enrol(master: Database, device_id: str) -> None:
    """What the supervisor does once per laptop: trust its key (as `merge --trust-device`)."""
    enrol_device(master, device_id, load_device_key(device_id).public_hex, "test")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files(folder: Path) -> dict[str, str]:
    """Digests of the files in a folder (not SQLite's shared-memory index, which readers touch)."""
    return {
        p.name: digest(p)
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.endswith("-shm")
    }


def dump(db: Database, skip: set[str] | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every compared table, in a canonical order."""
    skip = NOT_COMPARED | (skip or set())
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.engine.connect() as con:
        for name, table in sorted(Base.metadata.tables.items()):
            if name in skip:
                continue
            rows = [tuple(repr(v) for v in row) for row in con.execute(select(table))]
            out[name] = sorted(rows)
    return out


def observation(db: Database, actor: Actor, site: str = "Kantor Kecamatan Uji") -> str:
    """A new observation session (no informant needed)."""
    with db.session() as s:
        instrument = s.scalar(
            select(InstrumentVersion.id).where(InstrumentVersion.form_id == "office-observation")
        )
        site_id = find_or_create_site(s, actor, site, "kecamatan")
        assert instrument is not None
        return start_session(s, actor, instrument_id=instrument, site_id=site_id)


def count(db: Database, sql: str, **params: Any) -> int:
    with db.engine.connect() as con:
        return int(con.execute(text(sql), params).scalar() or 0)


def checkpoint(db: Database) -> None:
    """Fold the WAL into the main file, so the file's bytes are the database."""
    if db.is_sqlite:
        with db.engine.connect() as con:
            con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def pg_url_or_skip() -> str:
    import pytest

    url = os.environ.get("NEUTRALITAS_TEST_PG_URL")
    if not url:
        pytest.skip("NEUTRALITAS_TEST_PG_URL is not set (no PostgreSQL server to test against)")
    return url
