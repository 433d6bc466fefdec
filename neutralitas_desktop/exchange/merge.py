"""The supervisor's merge (and the researcher's, for returned sessions): every package is
verified before the target is touched, then merged in its own transaction — idempotent
(a package merged before is skipped; merging its rows again would change nothing anyway),
order-independent, and logged in ``merge_log``. A preview runs the same merge and throws
the result away.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from sqlalchemy import Connection, create_engine, inspect, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from neutralitas_desktop.errors import Cancelled, DatabaseError, unwritable
from neutralitas_desktop.exchange import trust as trust_
from neutralitas_desktop.exchange.apply import apply_package
from neutralitas_desktop.exchange.authorship import check_authorship, relevance_judge
from neutralitas_desktop.exchange.errors import PackageError
from neutralitas_desktop.exchange.order import merge_order
from neutralitas_desktop.exchange.origin import foreign_study
from neutralitas_desktop.exchange.read import OpenedPackage, PassphraseSource, open_package
from neutralitas_desktop.exchange.results import MergeSummary
from neutralitas_desktop.exchange.staging import Staging
from neutralitas_desktop.exchange.tables import table_of
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.fieldwork.study import register_actor, study_info
from neutralitas_desktop.operations import CancelToken, Progress, checkpoint
from neutralitas_desktop.private_tmp import operation
from neutralitas_desktop.store import cipher, sequence
from neutralitas_desktop.store.database import (
    Database,
    copy_database,
    is_url,
    open_database,
)
from neutralitas_desktop.store.database import PassphraseSource as StudyPassphrase
from neutralitas_desktop.store.models import MergeLog, Study, new_id, utcnow
from neutralitas_desktop.vocabulary import Message


def open_packages(
    paths: Iterable[Path],
    *,
    study_id: str | None,
    study_title: str = "",
    passphrase: PassphraseSource | str | None = None,
) -> list[OpenedPackage]:
    """Verify every package (all of one study, ``study_id`` when given) before any merge."""
    opened: list[OpenedPackage] = []
    try:
        for path in paths:
            package = open_package(
                Path(path), study_id=study_id, study_title=study_title, passphrase=passphrase
            )
            opened.append(package)
            if study_id is None:
                study_id, study_title = package.manifest.study_id, package.manifest.study_title
    except BaseException:
        for package in opened:
            package.close()
        raise
    return opened


def merge_packages(
    db: Database,
    actor: Actor,
    packages: Sequence[OpenedPackage],
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    trust: Collection[str] = (),
    founding: bool = False,
) -> list[MergeSummary]:
    """Merge verified packages, each laptop's before those that relay its rows (see
    exchange.order), otherwise in the order given; with ``dry_run`` only say what it would
    do. ``trust``: fingerprints of devices the supervisor trusts from now on (see
    exchange.trust); ``founding``: the first package founds the study (it stays first).

    ``cancel`` is checked before each package and before its transaction commits: the
    package being merged rolls back, the packages merged before stay merged (each one is
    all or nothing), and their summaries are returned."""
    packages = merge_order(packages, keep_first=founding)
    if dry_run:
        merge = _preview_on_copy if db.is_sqlite else _merge_in_one_transaction
        summaries = merge(db, actor, packages, progress, trust)
        for summary in summaries:
            summary.preview = True
        return summaries
    summaries = []
    with db.engine.connect() as con, _bulk_writes(con, db.is_sqlite):
        for step, package in enumerate(packages):
            if cancel is not None and cancel.cancelled:
                break
            if progress:
                progress(step, len(packages), package.path.name)
            try:
                summaries.append(_merge_one(con, db.is_sqlite, actor, package, trust, cancel))
            except Cancelled:
                break
    if progress:
        progress(len(packages), len(packages), "")
    return summaries


# While merging, SQLite keeps up to this much of the study in its page cache (KiB; the
# default 2 MiB re-reads and re-decrypts the same index pages for every package) and
# checkpoints the write-ahead log only every this many pages, so index pages that each
# package changes again are written to the database file once, not at every commit. Each
# commit stays durable: the log is synced at every commit (synchronous=FULL).
_MERGE_CACHE_KIB = 65_536
_MERGE_CHECKPOINT_PAGES = 32_768


@contextmanager
def _bulk_writes(con: Connection, sqlite: bool) -> Iterator[None]:
    """The merge's connection tuned for a run of large transactions, then put back."""
    if not sqlite:
        yield
        return
    # ATTACH must happen outside a transaction (see _merge_one): each statement on its own.
    con.execution_options(isolation_level="AUTOCOMMIT")
    cache = con.exec_driver_sql("PRAGMA cache_size").scalar()
    every = con.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
    con.exec_driver_sql(f"PRAGMA cache_size = -{_MERGE_CACHE_KIB}")
    con.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {_MERGE_CHECKPOINT_PAGES}")
    try:
        yield
    finally:
        con.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {int(every or 0)}")
        con.exec_driver_sql(f"PRAGMA cache_size = {int(cache or 0)}")
    con.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")  # what the last commits left


def merge_files(
    db: Database,
    actor: Actor,
    paths: Iterable[Path],
    *,
    passphrase: PassphraseSource | str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    trust: Collection[str] = (),
) -> list[MergeSummary]:
    info = study_info(db)
    title = info.title.get(info.default_language, "")
    packages = open_packages(paths, study_id=info.id, study_title=title, passphrase=passphrase)
    try:
        return merge_packages(
            db,
            actor,
            packages,
            dry_run=dry_run,
            progress=progress,
            cancel=cancel,
            trust=trust,
        )
    finally:
        for package in packages:
            package.close()


def join_study(
    target: str | Path,
    profile: LocalProfile,
    paths: Iterable[Path],
    *,
    passphrase: PassphraseSource | str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    study_passphrase: StudyPassphrase = None,
    trust: Collection[str] = (),
) -> list[MergeSummary]:
    """Create the study database at ``target`` (a path that does not exist yet, or an empty
    PostgreSQL database) from packages of one study; nothing is left behind on failure.
    A new file is encrypted with ``study_passphrase`` (plain when it gives None)."""
    packages = open_packages(paths, study_id=None, passphrase=passphrase)
    try:
        if is_url(target):
            db = open_database(target, create=True)
            try:
                summaries = merge_packages(
                    db, _joining(profile), packages, dry_run=dry_run, progress=progress,
                    trust=trust, founding=True,
                )  # fmt: skip
                if not dry_run:
                    register_actor(db, profile)
                return summaries
            finally:
                db.close()
        final = Path(target).expanduser()
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            folder = Path(tempfile.mkdtemp(prefix="neutralitas-join-", dir=final.parent))
        except OSError as exc:
            raise DatabaseError(
                message_id=Message.DATABASE_CANNOT_CREATE,
                path=final,
                reason=unwritable(exc) or exc.strerror,
            ) from None
        try:
            secret = study_passphrase
            if callable(study_passphrase):  # asked for the final name, not the scratch one
                secret = study_passphrase(final, True)
            db = open_database(folder / final.name, create=True, passphrase=secret)
            try:
                summaries = merge_packages(
                    db, _joining(profile), packages, progress=progress, trust=trust, founding=True
                )
                register_actor(db, profile)  # after the study arrived, so its rows come first
                with db.engine.connect() as con:
                    con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                db.close()
            if not dry_run:
                (folder / final.name).replace(final)
            return summaries
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        for package in packages:
            package.close()


def merge_for_profile(
    target: str | Path,
    profile: LocalProfile,
    paths: Iterable[Path],
    *,
    passphrase: PassphraseSource | str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    study_passphrase: StudyPassphrase = None,
    trust: Collection[str] = (),
    cancel: CancelToken | None = None,
) -> list[MergeSummary]:
    """`neutralitas merge`: verify every package before the target is written to, then
    register this laptop in the study and merge; a target that does not exist yet (or an
    empty server database) is created by joining the packages' study."""
    if (is_url(target) and _empty_server_database(str(target))) or (
        not is_url(target) and not Path(target).expanduser().exists()
    ):
        return join_study(
            target, profile, paths, passphrase=passphrase, dry_run=dry_run,
            study_passphrase=study_passphrase, trust=trust,
        )  # fmt: skip
    db = open_database(target, passphrase=study_passphrase)
    try:
        with db.engine.connect() as con:
            study = con.execute(select(Study.id, Study.title, Study.default_language)).first()
        packages = open_packages(
            paths,
            study_id=study.id if study else None,
            study_title=str(study.title.get(study.default_language, "")) if study else "",
            passphrase=passphrase,
        )
        try:
            actor = _joining(profile) if dry_run else register_actor(db, profile)
            return merge_packages(
                db, actor, packages, dry_run=dry_run, progress=progress, trust=trust,
                cancel=cancel,
            )  # fmt: skip
        finally:
            for package in packages:
                package.close()
    finally:
        db.close()


def _joining(profile: LocalProfile) -> Actor:
    return Actor(profile.device_id, None, profile.researcher_label)


def _empty_server_database(url: str) -> bool:
    try:
        engine = create_engine(url)
        try:
            with engine.connect() as con:
                return not inspect(con).get_table_names()
        finally:
            engine.dispose()
    except (SQLAlchemyError, ModuleNotFoundError) as exc:
        raise DatabaseError(f"cannot connect to {url}: {exc}") from None


def _summary(package: OpenedPackage) -> MergeSummary:
    m = package.manifest
    return MergeSummary(
        package_id=m.package_id,
        path=package.path,
        researcher=m.researcher,
        device_name=m.device_name,
        created_at=m.created_at,
    )


def _already_merged(con: Connection, package_id: str) -> bool:
    return con.scalar(select(MergeLog.id).where(MergeLog.package_id == package_id)) is not None


def _check_study(con: Connection, package: OpenedPackage) -> None:
    study = con.execute(select(Study.id, Study.title, Study.default_language)).first()
    if study is not None and study.id != package.manifest.study_id:
        title = str(study.title.get(study.default_language, ""))
        raise foreign_study(package.path, package.manifest, study.id, title)


def _apply_logged(
    con: Connection,
    staging: Staging,
    actor: Actor,
    package: OpenedPackage,
    trust: Collection[str] = (),
) -> MergeSummary:
    summary = _summary(package)
    _check_study(con, package)
    manifest = package.manifest
    signer = trust_.check_signer(con, staging, package.path, manifest, trust, actor.device_id)
    if _already_merged(con, manifest.package_id):
        summary.already_merged = True
        return summary
    judge = None
    if not signer.supervisor:
        known = trust_.known_seq(con)
        known[actor.device_id] = sequence.current(con)
        check_authorship(con, staging, package.path, manifest, known, actor.device_id)
        judge = relevance_judge(con, staging, package.path, manifest, known, actor.device_id)
    try:
        apply_package(con, staging, manifest, summary, supervisor=signer.supervisor, judge=judge)
    except IntegrityError as exc:
        raise PackageError(
            f"{package.path}: cannot be merged: {str(exc.orig).splitlines()[0]}"
        ) from None
    trust_.after_merge(con, staging, signer, manifest)
    sequence.raise_to(con, manifest.device_seq)
    con.execute(
        table_of(MergeLog)
        .insert()
        .values(
            id=new_id(),
            package_id=package.manifest.package_id,
            merged_at=utcnow(),
            source_device_id=package.manifest.device_id,
            researcher=package.manifest.researcher,
            manifest=package.manifest.to_dict(),
            summary={
                "new_revisions": summary.new_revisions,
                "by_researcher": {k: asdict(v) for k, v in summary.by_researcher.items()},
                "mapped": summary.mapped,
                "renamed": summary.renamed,
                "consent": [notice.text() for notice in summary.consent],
            },
            device_id=actor.device_id,
        )
    )
    return summary


def _merge_one(
    con: Connection,
    sqlite: bool,
    actor: Actor,
    package: OpenedPackage,
    trust: Collection[str],
    cancel: CancelToken | None = None,
) -> MergeSummary:
    """One package, one transaction: all of it or nothing (a cancel rolls it back)."""
    try:
        return _merge_in_transaction(con, sqlite, actor, package, trust, cancel)
    except RecursionError:  # a JSON value SQLite reads, nested deeper than Python reads
        raise PackageError(
            f"{package.path}: tampered with: it holds a value nested too deep to read"
        ) from None


def _merge_in_transaction(
    con: Connection,
    sqlite: bool,
    actor: Actor,
    package: OpenedPackage,
    trust: Collection[str],
    cancel: CancelToken | None = None,
) -> MergeSummary:
    if not sqlite:
        with con.begin():
            staging = Staging(con, package.database, key=package.key)
            staging.load()
            summary = _apply_logged(con, staging, actor, package, trust)
            staging.drop()
            checkpoint(cancel, "merge")
        return summary
    # SQLite (in autocommit mode, see _bulk_writes): ATTACH outside the transaction, DETACH
    # after it, so the transaction is ours.
    staging = Staging(con, package.database, key=package.key)
    staging.attach()
    try:
        con.exec_driver_sql(f"PRAGMA {staging.alias}.cache_size = -{_MERGE_CACHE_KIB}")
        con.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            summary = _apply_logged(con, staging, actor, package, trust)
            checkpoint(cancel, "merge")
        except BaseException:
            con.exec_driver_sql("ROLLBACK")
            raise
        con.exec_driver_sql("COMMIT")
    finally:
        staging.detach()
    return summary


def _merge_in_one_transaction(
    db: Database,
    actor: Actor,
    packages: Sequence[OpenedPackage],
    progress: Progress | None,
    trust: Collection[str],
) -> list[MergeSummary]:
    """PostgreSQL preview: every package in one transaction, rolled back."""
    summaries = []
    with db.engine.connect() as con:
        transaction = con.begin()
        try:
            for step, package in enumerate(packages):
                if progress:
                    progress(step, len(packages), package.path.name)
                staging = Staging(con, package.database, key=package.key)
                staging.load()
                summaries.append(_apply_logged(con, staging, actor, package, trust))
                staging.drop()
        finally:
            transaction.rollback()
    return summaries


def _preview_on_copy(
    db: Database,
    actor: Actor,
    packages: Sequence[OpenedPackage],
    progress: Progress | None,
    trust: Collection[str],
) -> list[MergeSummary]:
    """SQLite preview: merge into a snapshot copy of the database, then delete it. The copy
    of an encrypted study is encrypted too (with a random key), in the private folder."""
    assert db.path is not None
    with operation("preview") as folder:
        copy = folder / "preview.sqlite"
        key = cipher.random_key() if db.encrypted else None
        copy_database(db.path, db.passphrase, copy, key)
        preview = open_database(copy, passphrase=key)
        try:
            return merge_packages(preview, actor, packages, progress=progress, trust=trust)
        finally:
            preview.close()
