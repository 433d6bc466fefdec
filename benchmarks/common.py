"""Shared pieces of the benchmarks: sizes, figures, synthetic studies, timing."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

# Sessions in the synthetic study per size; the demo averages ~31 answers a session
# (drafts stop early, skip logic hides follow-ups), so L ≈ 240,000 answers.
SIZES = {"S": 200, "M": 1600, "L": 7800}


@dataclass
class Figure:
    """One measured value next to a baseline measured in the same run on the same machine.

    The goal is a ratio (``value / baseline <= goal``), or with ``over="+"`` a growth
    (``value - baseline <= goal``, in the figure's unit). A figure without a baseline or a
    goal is information only (sizes, counts, the parts of a ratio)."""

    name: str
    value: float
    unit: str
    baseline: float | None = None
    goal: float | None = None
    over: str = "x"  # "x": ratio goal; "+": growth goal in the figure's unit

    @property
    def ratio(self) -> float | None:
        if self.baseline is None:
            return None
        if self.over == "+":
            return self.value - self.baseline
        return self.value / self.baseline if self.baseline else float("inf")

    @property
    def ok(self) -> bool | None:
        if self.goal is None or self.ratio is None:
            return None
        return self.ratio <= self.goal

    def line(self) -> str:
        base = "" if self.baseline is None else f"{self.baseline:12.3f}"
        if self.ratio is None:
            ratio = ""
        elif self.over == "+":
            ratio = f"{self.ratio:+9.1f} {self.unit}"
        else:
            ratio = f"{self.ratio:9.2f}x"
        if self.goal is None:
            goal = ""
        elif self.over == "+":
            goal = f"<= +{self.goal:g} {self.unit}"
        else:
            goal = f"<= {self.goal:g}x"
        verdict = {None: "", True: "ok", False: "MISSED"}[self.ok]
        return (
            f"{self.name:60} {self.value:12.3f} {self.unit:5} {base:>12} {ratio:>12}"
            f"  {goal:14} {verdict}"
        ).rstrip()


HEADER = f"{'figure':60} {'value':>12} {'unit':5} {'baseline':>12} {'ratio':>12}  {'goal':14} ok"


@dataclass
class BenchContext:
    size: str
    workdir: Path
    _studies: dict[tuple[int, int, str], Path] = field(default_factory=dict)

    @property
    def sessions(self) -> int:
        return SIZES[self.size]

    def demo_study(self, sessions: int | None = None, seed: int = 1, device: str = "") -> Path:
        """A demo study built once per run and cached; callers copy it if they write."""
        sessions = self.sessions if sessions is None else sessions
        key = (sessions, seed, device)
        path = self.workdir / f"demo-{sessions}-{seed}-{device or 'local'}.sqlite"
        if key not in self._studies and (self.workdir / f"{path.name}.done").exists():
            self._studies[key] = path  # built by an earlier benchmark's process of this run
        if key not in self._studies:
            from neutralitas_desktop.fieldwork.demo import generate_demo
            from neutralitas_desktop.fieldwork.study import open_study

            db, actor = open_study(path, bench_profile(), create=True)
            generate_demo(db, actor, sessions, seed=seed, device_name=device or None)
            if not device:  # the team's study holds incidents with their evidence too
                from neutralitas_desktop.triangulation.demo_incidents import add_demo_incidents

                add_demo_incidents(db, actor, seed=seed)
            with db.engine.connect() as con:
                con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
            (self.workdir / f"{path.name}.done").touch()
            self._studies[key] = path
        return self._studies[key]

    def copy(self, path: Path, name: str) -> Path:
        target = self.workdir / name
        shutil.copy(path, target)
        return target


def bench_profile():  # type: ignore[no-untyped-def]
    from neutralitas_desktop.fieldwork.profile import LocalProfile

    return LocalProfile(
        device_id="00000000-0000-4000-8000-00000000be9c",
        device_name="bench-laptop",
        researcher_name="Bench Researcher",
        researcher_initials="BR",
        completed_first_run=True,
    )


@contextmanager
def workdir(given: str | None = None) -> Iterator[Path]:
    """The run's folder (its studies and packages), shared by the benchmarks' processes."""
    if given:
        os.environ["NEUTRALITAS_DATA_DIR"] = str(Path(given) / "userdata")
        yield Path(given)
        return
    with tempfile.TemporaryDirectory(prefix="neutralitas-bench-") as tmp:
        os.environ["NEUTRALITAS_DATA_DIR"] = str(Path(tmp) / "userdata")
        yield Path(tmp)


def timed(fn: Callable[[], object], repeat: int = 1) -> float:
    """Best wall time of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(samples: list[float]) -> float:
    return statistics.median(samples)


# Columns holding a row id that a copy of the row must renumber (the rest are copied).
_COPIED_IDS = {
    "field_session": ("id",),
    "answer": ("id", "session_id", "current_revision_id"),
    "answer_revision": ("id", "answer_id", "parent_id"),
    "coding": ("id", "answer_id"),
}


def grow_study(path: Path, answers: int) -> int:
    """Copy the study's sessions with their answers, revisions and codings under new ids
    (bulk SQL, one pass a copy) until it holds at least ``answers`` answers; returns the
    count. Only the row counts and the indexes are realistic: the copies share the
    originals' sites, informants and values. Much faster than generating as many."""
    import sqlite3

    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    have = con.execute("SELECT count(*) FROM answer").fetchone()[0]
    if have == 0:
        con.close()
        raise ValueError(f"{path} holds no answers to copy")
    copies = -(-answers // have) - 1
    selects = {}
    for table, ids in _COPIED_IDS.items():
        names = [row[1] for row in con.execute(f"PRAGMA table_info({table})")]
        # A copy's id: the original's with its first 8 hex digits replaced by the copy's
        # number (ids are UUID strings); NULL stays NULL, unique external ids are dropped.
        exprs = [
            f"printf('%08x', :n) || substr({c}, 9)"
            if c in ids
            else ("NULL" if c == "external_id" else c)
            for c in names
        ]
        selects[table] = (
            f"INSERT INTO {table} ({', '.join(names)}) "
            f"SELECT {', '.join(exprs)} FROM {table} WHERE rowid <= :last"
        )
    last = {t: con.execute(f"SELECT max(rowid) FROM {t}").fetchone()[0] or 0 for t in selects}
    con.execute("PRAGMA foreign_keys=OFF")
    for n in range(1, copies + 1):
        con.execute("BEGIN")
        for table, sql in selects.items():
            con.execute(sql, {"n": 0xF0000000 + n, "last": last[table]})
        con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    total: int = con.execute("SELECT count(*) FROM answer").fetchone()[0]
    con.close()
    return total
