"""What a command needs: the study database (opened lazily) and who is acting."""

from __future__ import annotations

from neutralitas_desktop.cli.study_passphrase import study_passphrase
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.profile import LocalProfile, load_profile
from neutralitas_desktop.fieldwork.study import open_study
from neutralitas_desktop.paths import default_database
from neutralitas_desktop.store.database import Database


class CliContext:
    def __init__(self, db_target: str | None) -> None:
        self.db_target: str = db_target or str(default_database())
        self._db: Database | None = None
        self._actor: Actor | None = None
        self._profile: LocalProfile | None = None

    @property
    def profile(self) -> LocalProfile:
        if self._profile is None:
            self._profile = load_profile()
        return self._profile

    def open(self, *, create: bool = False) -> tuple[Database, Actor]:
        """The study; the default database is created from the shipped template on first use
        (encrypted: the passphrase comes from the environment or the terminal)."""
        if self._db is None:
            create = create or self.db_target == str(default_database())
            self._db, self._actor = open_study(
                self.db_target, self.profile, create=create, passphrase=study_passphrase
            )
        assert self._actor is not None
        return self._db, self._actor

    @property
    def db(self) -> Database:
        return self.open()[0]

    @property
    def actor(self) -> Actor:
        return self.open()[1]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
