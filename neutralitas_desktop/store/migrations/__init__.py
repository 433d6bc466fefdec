"""Alembic migrations of the study schema, run programmatically (no alembic.ini).

``HEAD`` is the revision this app writes; a test keeps it equal to Alembic's head so
that opening an up-to-date database never has to load the migration scripts.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sqlalchemy import Engine

HEAD = "0017"
_HERE = Path(__file__).resolve().parent


def head() -> str:
    return HEAD


def _config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_HERE))
    return config


@cache
def known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    return frozenset(rev.revision for rev in script.walk_revisions())


def script_head() -> str:
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory.from_config(_config()).get_current_head())


def is_known(revision: str) -> bool:
    return revision in known_revisions()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
