"""The supervisor's merge: 40 field packages of ~5,000 answers each into one master, next
to a raw SQLite ATTACH + INSERT OR IGNORE … SELECT of the same rows in the same run; and
what custody costs inside it (signing the packages, checking their signatures and checking
that each row is its device's to write), and how the merge grows with the master: one
package into an empty master next to the same package into a master of 1,000,000 answers
(200,000 at size S)."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.common import BenchContext, Figure, bench_profile, grow_study

PACKAGES = 40
SESSIONS_PER_PACKAGE = 150  # ~34 answers per demo session: ~5,000 answers per package
BIG_MASTER = {"S": 200_000, "M": 1_000_000, "L": 1_000_000}  # answers


def _researcher(n: int):  # type: ignore[no-untyped-def]
    from neutralitas_desktop.fieldwork.profile import LocalProfile

    first, second = chr(65 + n % 26), chr(65 + n // 26)
    return LocalProfile(
        device_id=f"00000000-0000-4000-8000-00000000b{n:03d}",
        device_name=f"laptop-{n:02d}",
        researcher_name=f"{first}ni {second}uwono",  # distinct initials: distinct informant codes
        researcher_initials=f"{first}{second}",
        completed_first_run=True,
    )


def _packages(ctx: BenchContext) -> tuple[Path, list[Path]]:
    """The supervisor's empty study and 40 researchers' packages (built once per run)."""
    from neutralitas_desktop.exchange.merge import join_study
    from neutralitas_desktop.exchange.package import write_package
    from neutralitas_desktop.fieldwork.demo import generate_demo
    from neutralitas_desktop.fieldwork.study import open_study

    folder = ctx.workdir / "merge"
    if (folder / "done").exists():
        return folder / "master.sqlite", sorted(folder.glob("p*.ndpkg"))
    folder.mkdir()
    db, actor = open_study(folder / "master.sqlite", bench_profile(), create=True)
    write_package(db, actor, folder / "study.ndpkg")
    db.close()
    paths = []
    for n in range(PACKAGES):
        # Each laptop joins from the hand-out itself: a copy of one joined laptop would
        # carry that laptop's device and researcher rows into every package, which only
        # the first package may write (the others merge only after it).
        laptop = folder / f"laptop-{n:02d}.sqlite"
        join_study(laptop, _researcher(n), [folder / "study.ndpkg"])
        db, actor = open_study(laptop, _researcher(n))
        generate_demo(
            db,
            actor,
            SESSIONS_PER_PACKAGE,
            seed=1000 + n,
            device_name=_researcher(n).researcher_name,
        )
        paths.append(folder / f"p{n:02d}.ndpkg")
        write_package(db, actor, paths[-1])
        db.close()
        laptop.unlink()
    (folder / "done").touch()
    return folder / "master.sqlite", paths


def _raw(
    master: Path, databases: list[tuple[Path, str]], names: tuple[str, ...], group: int
) -> float:
    """ATTACH packages' databases ``group`` at a time (SQLite attaches at most 10) and INSERT
    OR IGNORE their rows in one transaction per group, on a WAL database with
    synchronous=FULL as the app's. ``group`` 1 is atomic per package, like the merge. The
    unpacked payloads are encrypted with a random key each (as the merge reads them), so
    this goes through SQLCipher's driver as the app does."""
    from neutralitas_desktop.store import cipher

    con = cipher.connect(master, None)
    con.isolation_level = None
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute(f"PRAGMA foreign_keys={'ON' if names != ('answer',) else 'OFF'}")
    started = time.perf_counter()
    for first in range(0, len(databases), group):
        chunk = databases[first : first + group]
        for n, (path, key) in enumerate(chunk):
            cipher.attach(con, path, f"pkg{n}", key)
        con.execute("BEGIN IMMEDIATE")
        for n in range(len(chunk)):
            for name in names:
                con.execute(f"INSERT OR IGNORE INTO main.{name} SELECT * FROM pkg{n}.{name}")
        con.execute("COMMIT")
        for n in range(len(chunk)):
            con.execute(f"DETACH DATABASE pkg{n}")
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed


def run(ctx: BenchContext) -> list[Figure]:
    from neutralitas_desktop.exchange.merge import merge_files, open_packages
    from neutralitas_desktop.fieldwork.stats import study_stats
    from neutralitas_desktop.fieldwork.study import open_study

    master, paths = _packages(ctx)
    # The raw baselines read the packages' databases unpacked (no checks, no decompression).
    from neutralitas_desktop.exchange import tables

    opened = open_packages(paths, study_id=None)
    try:
        databases = [(p.database, p.key) for p in opened]
        raw_db = ctx.copy(master, "raw.sqlite")
        raw = _raw(raw_db, databases, tables.PACKAGED, group=1)
        answers_only = _raw(ctx.copy(master, "raw-answers.sqlite"), databases, ("answer",), 9)
    finally:
        for package in opened:
            package.close()
    signing, verifying, trust = _signatures(paths)
    target = ctx.copy(master, "merged.sqlite")
    db, actor = open_study(target, bench_profile())
    with _timed_authorship() as checking:
        started = time.perf_counter()
        summaries = merge_files(db, actor, paths, trust=trust)
        merged = time.perf_counter() - started
    authorship = checking[0]
    answers = study_stats(db)["answers"]
    db.close()
    con = sqlite3.connect(raw_db)
    raw_rows = con.execute("SELECT count(*) FROM answer").fetchone()[0]
    con.close()
    new = sum(s.totals.new_answers for s in summaries)
    assert answers == raw_rows == new, (answers, raw_rows, new)
    return [
        Figure(f"merge: {PACKAGES} packages, answers merged", answers, "rows"),
        Figure("merge: raw, answer rows only, 9 packages a transaction", answers_only, "s"),
        Figure("merge: raw ATTACH + INSERT OR IGNORE … SELECT, all tables", raw, "s"),
        Figure("merge: neutralitas merge vs raw ATTACH + INSERT … SELECT", merged, "s", raw, 2.0),
        Figure(f"merge: signing {PACKAGES} packages (Ed25519)", signing, "s"),
        Figure(f"merge: checking {PACKAGES} signatures", verifying, "s"),
        Figure("merge: checking who wrote each row (inside the merge)", authorship, "s"),
        Figure(
            "merge: custody (signing + signatures + authorship) vs merge",
            signing + verifying + authorship,
            "s",
            merged,
            0.05,
        ),
        *_growth(ctx, master, paths, trust),
    ]


def _merge_one(master: Path, package: Path, trust: list[str]) -> float:
    from neutralitas_desktop.exchange.merge import merge_files
    from neutralitas_desktop.fieldwork.study import open_study

    db, actor = open_study(master, bench_profile())
    started = time.perf_counter()
    merge_files(db, actor, [package], trust=trust)
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


def _growth(ctx: BenchContext, master: Path, paths: list[Path], trust: list[str]) -> list[Figure]:
    """One package into an empty master and into a big one: the big master is one merged
    package copied under new ids (bulk SQL) up to the size, with the app's indexes."""
    big = ctx.copy(master, "growth-big.sqlite")
    _merge_one(big, paths[1], trust)
    rows = grow_study(big, BIG_MASTER[ctx.size])
    _record_versions(big)
    empty = [_merge_one(ctx.copy(master, "growth-empty-1.sqlite"), paths[0], trust)]
    grown = _merge_one(big, paths[0], trust)
    empty.append(_merge_one(ctx.copy(master, "growth-empty-2.sqlite"), paths[0], trust))
    big.unlink()
    scaled = "" if rows >= 1_000_000 else " (size S: not 1M)"
    return [
        Figure(f"merge growth: answers in the big master{scaled}", rows, "rows"),
        Figure(
            f"merge growth: one package into {rows // 1000}k answers vs into 0",
            grown,
            "s",
            min(empty),
            1.5,
        ),
    ]


def _record_versions(path: Path) -> None:
    """Give the copied sessions and codings the versions a real master's rows have (each
    arrived through a merge, which records them), so the merge timed next does not record
    those of the whole copy as if they were fresh local edits."""
    from neutralitas_desktop.exchange.versions import snapshot
    from neutralitas_desktop.fieldwork.study import open_study

    db, _ = open_study(path, bench_profile())
    with db.engine.begin() as con:
        snapshot(con)
    db.close()
    # The copies were written without syncing: on disk before the merge is timed, or its
    # first commit's checkpoint would flush them all.
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _signatures(paths: list[Path]) -> tuple[float, float, list[str]]:
    """Time to sign and to check the packages' manifests; the devices' fingerprints, which
    the supervisor trusts (as `merge --trust-device`)."""
    from neutralitas_desktop.exchange.container import read_envelope
    from neutralitas_desktop.exchange.signing import check_signature, sign
    from neutralitas_desktop.fieldwork.device_key import fingerprint, load_device_key

    envelopes = [read_envelope(p) for p in paths]
    keys = [load_device_key(e.manifest.device_id) for e in envelopes]
    started = time.perf_counter()
    for key, envelope in zip(keys, envelopes, strict=True):
        sign(key, envelope.manifest)
    signing = time.perf_counter() - started
    started = time.perf_counter()
    for envelope in envelopes:
        check_signature(envelope.path, envelope.manifest, envelope.signature)
    verifying = time.perf_counter() - started
    return signing, verifying, [fingerprint(e.manifest.signer_key) for e in envelopes]


@contextmanager
def _timed_authorship() -> Iterator[list[float]]:
    """Accumulate the time the merge spends in its authorship checks (in one slot) while
    inside the block; the merge's own check is put back after it."""
    from neutralitas_desktop.exchange import merge

    spent = [0.0]
    check = merge.check_authorship

    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return check(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    merge.check_authorship = timed  # type: ignore[assignment]
    try:
        yield spent
    finally:
        merge.check_authorship = check
