"""Fixtures of the exchange tests: the supervisor's study, its handout package, researchers'
laptops joined from it, and fresh PostgreSQL databases when a server is configured."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import Laptop, enrol, join, pg_url_or_skip

from neutralitas_desktop.exchange.package import write_package


@pytest.fixture
def handout(study: Any, tmp_path: Path) -> Path:
    """The supervisor's package of the new study (instruments, codebook, roles)."""
    path = tmp_path / "study.ndpkg"
    write_package(study.db, study.actor, path)
    return path


@pytest.fixture
def laptops(handout: Path, tmp_path: Path, study: Any) -> Iterator[Callable[[int, str], Laptop]]:
    """Researchers' laptops joined from the hand-out and enrolled in the supervisor's study."""
    made: list[Laptop] = []

    def make(n: int, name: str) -> Laptop:
        laptop = join(tmp_path, handout, n, name, study.db)
        for other in made:  # laptops that swap packages with each other trust each other too
            enrol(other.db, laptop.profile.device_id)
            enrol(laptop.db, other.profile.device_id)
        made.append(laptop)
        return laptop

    yield make
    for laptop in made:
        laptop.close()


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database on the test server; dropped afterwards."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    base = make_url(pg_url_or_skip())
    name = f"ndsk_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as con:
        con.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as con:
            con.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
