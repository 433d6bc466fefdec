"""The exchange services bound to one open study, as the GUI uses them: the composition
root (app.py) makes one per study and hands it to the windows, which see only plain
results (``exchange.results``) and never the database."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import select

from neutralitas_desktop.exchange import conflicts, review, trust
from neutralitas_desktop.exchange.errors import ForeignStudyError
from neutralitas_desktop.exchange.manifest import Manifest
from neutralitas_desktop.exchange.merge import merge_files
from neutralitas_desktop.exchange.origin import foreign_study
from neutralitas_desktop.exchange.package import PackageOptions, write_package
from neutralitas_desktop.exchange.read import read_manifest
from neutralitas_desktop.exchange.results import (
    ConflictInfo,
    MergeSummary,
    PackageResult,
)
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.review_comments import ReviewCommentInfo, review_comments
from neutralitas_desktop.fieldwork.runner import load_session
from neutralitas_desktop.fieldwork.study import study_info, study_time_zone
from neutralitas_desktop.instruments.form_state import FormState
from neutralitas_desktop.operations import UNLISTED, CancelToken, Changes, Progress
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import Answer, Researcher
from neutralitas_desktop.vocabulary.time_zones import StudyTimeZone


class ExchangeService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def time_zone(self) -> StudyTimeZone:
        """The zone the study's times are shown in (a package's time too)."""
        return study_time_zone(self.db)

    # --- packages -----------------------------------------------------------------
    def researchers(self) -> list[tuple[str, str]]:
        """(id, name) of the study's researchers, by name (for a return package)."""
        with self.db.engine.connect() as con:
            rows = con.execute(select(Researcher.id, Researcher.name).order_by(Researcher.name))
            return [(rid, name) for rid, name in rows]

    def write_package(
        self,
        out: Path,
        *,
        since_last: bool = False,
        anonymize: bool = False,
        passphrase: str | None = None,
        include_identities: bool = False,
        researcher_id: str | None = None,
        progress: Progress | None = None,
    ) -> PackageResult:
        options = PackageOptions(
            since_last=since_last,
            anonymize=anonymize,
            include_identities=include_identities,
            passphrase=passphrase,
            researcher_id=researcher_id,
        )
        return write_package(self.db, self.actor, out, options, progress)

    # --- merging --------------------------------------------------------------------
    def inspect(self, path: Path) -> Manifest:
        """The manifest of a package (its bytes checked; no passphrase needed)."""
        return read_manifest(path)

    def foreign_study(self, path: Path, manifest: Manifest) -> ForeignStudyError | None:
        """Why a package cannot be merged here when it belongs to another study."""
        info = study_info(self.db)
        if manifest.study_id == info.id:
            return None
        title = info.title.get(info.default_language) or next(iter(info.title.values()), "")
        return foreign_study(path, manifest, info.id, str(title))

    def unknown_signer(self, manifest: Manifest) -> str | None:
        """The key fingerprint of a package's laptop when the study does not know it yet."""
        return trust.unknown_signer(self.db, manifest)

    def preview(
        self,
        paths: Sequence[Path],
        passphrases: dict[str, str],
        progress: Progress | None = None,
        trusted: Sequence[str] = (),
    ) -> list[MergeSummary]:
        return merge_files(
            self.db, self.actor, paths, passphrase=_by_package(passphrases), dry_run=True,
            progress=progress, trust=trusted,
        )  # fmt: skip

    def merge(
        self,
        paths: Sequence[Path],
        passphrases: dict[str, str],
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
        trusted: Sequence[str] = (),
    ) -> list[MergeSummary]:
        """Each package merged whole or not at all; a cancel keeps those merged before."""
        return merge_files(
            self.db, self.actor, paths, passphrase=_by_package(passphrases), progress=progress,
            cancel=cancel, trust=trusted,
        )  # fmt: skip

    # --- conflicts ------------------------------------------------------------------
    def conflicts(self) -> list[ConflictInfo]:
        return conflicts.list_conflicts(self.db)

    def resolve(
        self, ref: str, *, choose: int | None = None, value: str | None = None
    ) -> ConflictInfo:
        return conflicts.resolve_conflict(self.db, self.actor, ref, choose=choose, value=value)

    # --- review ---------------------------------------------------------------------
    def approve(self, session_id: str, comment: str = "") -> Changes:
        review.approve_session(self.db, self.actor, session_id, comment)
        return Changes.of(sessions=session_id, audit=UNLISTED)

    def return_session(self, session_id: str, comment: str, question: str | None = None) -> Changes:
        review.return_session(self.db, self.actor, session_id, comment, question)
        return Changes.of(sessions=session_id, audit=UNLISTED)

    def comments(self, session_id: str) -> list[ReviewCommentInfo]:
        return review_comments(self.db, session_id)

    def questions(self, session_id: str) -> list[str]:
        """The answer keys of a session, in form order as saved (for comments on questions)."""
        with self.db.engine.connect() as con:
            rows = con.execute(
                select(Answer.key)
                .where(Answer.session_id == session_id, Answer.value.is_not(None))
                .order_by(Answer.updated_at, Answer.key)
            )
            return [key for (key,) in rows]

    def question_labels(self, session_id: str, language: str) -> dict[str, str]:
        """Each answer key of a session with its question's text in ``language``, so the
        review dialogs name questions as the researcher saw them, not by variable name."""
        return self.session_texts(session_id, language)[1]

    def session_texts(self, session_id: str, language: str) -> tuple[str, dict[str, str]]:
        """A session's form title and its questions' texts in ``language``."""
        loaded = load_session(self.db, session_id)
        form = FormState(loaded.instrument, loaded.values, language)
        labels = {key: form.label(key) for key in loaded.answers if form.has_entry(key)}
        return form.text(loaded.instrument.title) or loaded.instrument_id, labels


def _by_package(passphrases: dict[str, str]) -> Callable[[Manifest], str | None]:
    """Passphrases typed per package (by package id), for the packages that need one."""
    return lambda manifest: passphrases.get(manifest.package_id)
