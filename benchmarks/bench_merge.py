"""The supervisor's merge: 40 field packages of ~5,000 answers each into one master, next
to a raw SQLite ATTACH + INSERT OR IGNORE … SELECT of the same rows in the same run."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

from benchmarks.common import BenchContext, Figure, bench_profile

PACKAGES = 40
SESSIONS_PER_PACKAGE = 150  # ~34 answers per demo session: ~5,000 answers per package


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
    join_study(folder / "joined.sqlite", _researcher(0), [folder / "study.ndpkg"])
    paths = []
    for n in range(PACKAGES):
        laptop = folder / f"laptop-{n:02d}.sqlite"
        shutil.copy(folder / "joined.sqlite", laptop)
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


def _raw(master: Path, databases: list[Path]) -> float:
    """ATTACH each package's database and INSERT OR IGNORE every table, one transaction
    per package, on a WAL database with synchronous=FULL (as the app's)."""
    from neutralitas_desktop.exchange import tables

    con = sqlite3.connect(master, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    started = time.perf_counter()
    for path in databases:
        con.execute("ATTACH DATABASE ? AS pkg", (str(path),))
        con.execute("BEGIN IMMEDIATE")
        for name in tables.PACKAGED:
            con.execute(f"INSERT OR IGNORE INTO main.{name} SELECT * FROM pkg.{name}")
        con.execute("COMMIT")
        con.execute("DETACH DATABASE pkg")
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed


def run(ctx: BenchContext) -> list[Figure]:
    from neutralitas_desktop.exchange.merge import merge_files, open_packages
    from neutralitas_desktop.fieldwork.stats import study_stats
    from neutralitas_desktop.fieldwork.study import open_study

    master, paths = _packages(ctx)
    # The raw baseline reads the packages' databases unpacked (no checks, no decompression).
    opened = open_packages(paths, study_id=None)
    try:
        raw_db = ctx.copy(master, "raw.sqlite")
        raw = _raw(raw_db, [p.database for p in opened])
    finally:
        for package in opened:
            package.close()
    target = ctx.copy(master, "merged.sqlite")
    db, actor = open_study(target, bench_profile())
    started = time.perf_counter()
    summaries = merge_files(db, actor, paths)
    merged = time.perf_counter() - started
    answers = study_stats(db)["answers"]
    db.close()
    con = sqlite3.connect(raw_db)
    raw_rows = con.execute("SELECT count(*) FROM answer").fetchone()[0]
    con.close()
    new = sum(s.totals.new_answers for s in summaries)
    assert answers == raw_rows == new, (answers, raw_rows, new)
    return [
        Figure(f"merge: {PACKAGES} packages, answers merged", answers, "rows"),
        Figure("merge: raw ATTACH + INSERT OR IGNORE … SELECT", raw, "s"),
        Figure(
            "merge: neutralitas merge (verify, unpack, merge, derive)",
            merged,
            "s",
            goal=f"<= 2.0x raw ({raw:.2f} s)",
            ok=merged <= 2.0 * raw,
        ),
        Figure("merge: ratio to raw", merged / raw, "x"),
    ]
