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
    name: str
    value: float
    unit: str
    goal: str = ""  # e.g. "<= 0.6 s" or "<= 2.0x raw (raw 0.41 ms)"
    ok: bool | None = None  # None when there is no goal

    def line(self) -> str:
        verdict = "" if self.ok is None else ("  ok" if self.ok else "  MISSED")
        goal = f"   goal {self.goal}" if self.goal else ""
        return f"{self.name:58} {self.value:12.3f} {self.unit:5}{goal}{verdict}"


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
        if key not in self._studies:
            from neutralitas_desktop.fieldwork.demo import generate_demo
            from neutralitas_desktop.fieldwork.study import open_study

            path = self.workdir / f"demo-{sessions}-{seed}-{device or 'local'}.sqlite"
            db, actor = open_study(path, bench_profile(), create=True)
            generate_demo(db, actor, sessions, seed=seed, device_name=device or None)
            if not device:  # the team's study holds incidents with their evidence too
                from neutralitas_desktop.triangulation.demo_incidents import add_demo_incidents

                add_demo_incidents(db, actor, seed=seed)
            with db.engine.connect() as con:
                con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
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
def workdir() -> Iterator[Path]:
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
