"""How long the demo generator takes to build the synthetic study (the base of the others)."""

from __future__ import annotations

import time

from benchmarks.common import BenchContext, Figure


def run(ctx: BenchContext) -> list[Figure]:
    started = time.perf_counter()
    path = ctx.demo_study()
    elapsed = time.perf_counter() - started
    from neutralitas_desktop.fieldwork.stats import study_stats
    from neutralitas_desktop.store.database import open_database

    db = open_database(path)
    answers = study_stats(db)["answers"]
    db.close()
    return [
        Figure(f"demo study: {ctx.sessions} sessions", elapsed, "s"),
        Figure("demo study: answers", answers, "rows"),
        Figure("demo study: answers per second", answers / elapsed, "rows"),
    ]
